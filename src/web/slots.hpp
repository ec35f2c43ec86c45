#pragma once
// Extension points of the pages for modules built elsewhere (analytics, search): a named slot on a
// page renders whatever HTML its provider returns, so those modules fill the region, practice and
// catalogue pages without the web module depending on them.
//
// Slot names (subject = what the page is about):
//   home.after_domains        subject: chosen region code or ""
//   region.benchmark          subject: region code    («Сравнение с лидерами и соседями»)
//   region.recommendations    subject: region code    («Рекомендованные практики»)
//   region.network            subject: region code    («Сеть заимствований»)
//   practice.analytics        subject: practice id    (effect against templates, similar practices)
//   catalogue.domain          subject: domain code    (leaders of the domain, the chosen region's gap)
//   person.career             subject: person id      (adoptions that followed the person's moves)
//
// A provider returns a complete <section>…</section> (or "" to show nothing) and MUST escape every
// piece of user text (orientir::EscapeHtml). Providers are registered at start-up, before serving;
// they are called concurrently from request threads.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "http/message.hpp"

namespace orientir::web {

struct SlotContext {
    const http::Request& request;
    app::App& app;
    const app::Actor& actor;
    bool english = false;   // the page language: false = Russian
    std::string my_region;  // the visitor's chosen region code, or ""
    std::string subject;    // see the slot list above
};

using SlotRenderer = std::function<std::string(const SlotContext&)>;
void RegisterSlot(const std::string& name, SlotRenderer renderer);
// The slot's HTML, or "" when no provider is registered (or it returned nothing).
std::string RenderSlot(const std::string& name, const SlotContext& ctx);

// Full-text search behind the catalogue's search box: returns matching practice ids, best first
// (nullopt when the query cannot be answered; the page then falls back to a plain title match).
using PracticeSearch =
    std::function<std::optional<std::vector<domain::Id>>(const std::string& query, const SlotContext&)>;
void SetPracticeSearch(PracticeSearch search);
const PracticeSearch* GetPracticeSearch();

}  // namespace orientir::web
