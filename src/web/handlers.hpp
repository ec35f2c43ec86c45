#pragma once
// Page handlers and the pieces several pages share. Internal to the web module.

#include <map>
#include <string>
#include <vector>

#include "app/freshness.hpp"
#include "domain/fields.hpp"
#include "http/csrf.hpp"
#include "web/context.hpp"
#include "web/form.hpp"
#include "web/html.hpp"

namespace orientir::analytics {
struct Snapshot;
}

namespace orientir::web::detail {

// Catalogue text as markup: the message catalogue is ours (data/web/messages.json), like a literal.
inline Html Tr(const Ctx& ctx, std::string_view key) { return Html::Trusted(ctx.T(key), "the message catalogue"); }
// Markup made by Ctx, Names or the shared helpers below, which escape what they take (context.hpp's
// rule); `why` says which at the call site.
inline Html Cat(std::string markup, std::string_view why) { return Html::Trusted(std::move(markup), why); }
// The CSRF hidden field of the page's form.
inline Html Csrf(const Ctx& ctx) {
    return Html::Trusted(http::CsrfField(ctx.req), "http::CsrfField escapes the token");
}

// Names of records met while rendering a page, each fetched once (with the page's actor).
class Names {
public:
    explicit Names(Ctx& ctx) : ctx_(ctx) {}
    std::string Practice(domain::Id id);  // escaped title, or "№ id" when not readable
    std::string PracticeLink(domain::Id id);
    bool PracticeReadable(domain::Id id);     // false for drafts the actor may not see
    std::string Municipality(domain::Id id);  // escaped name
    std::string Organisation(domain::Id id);  // escaped short name or name
    std::string OrganisationLink(domain::Id id);
    // "Тюменская область, Тобольск" with links.
    std::string Place(const domain::Place& p, bool with_org = true);
    // The same as plain escaped text (for use inside a link or an <option>).
    std::string PlaceText(const domain::Place& p);

private:
    Ctx& ctx_;
    std::map<domain::Id, std::string> practices_, municipalities_, organisations_;
};

// Options for selects, labels escaped, in the page language.
Options RegionOptions(const Ctx& ctx);
// Regions the actor may write records for (a regional editor's regions, an organisation editor's
// organisations' regions); empty = any (staff). Forms offer only these and start with one of them.
std::vector<std::string> WritableRegions(Ctx& ctx);
Options WritableRegionOptions(Ctx& ctx);
// The region filter of a list: ?region= when given (empty = all regions) — as the region's code when it is
// any key of one (number, ISO, OKATO, OKTMO, name, alias), else as typed —, else a regional editor's chosen
// region (their own unless they chose another), else none.
std::string FilterRegion(const Ctx& ctx);
// The region a new record starts with: the chosen region when the actor may write it, else their own.
std::string DefaultWriteRegion(Ctx& ctx);
Options DistrictOptions(const Ctx& ctx);
Options DomainOptions(const Ctx& ctx);
Options StageOptions(const Ctx& ctx, bool with_discontinued = true);
Options ChannelOptions(const Ctx& ctx);
Options MunicipalityOptions(Ctx& ctx, const std::string& region);
Options OrganisationOptions(Ctx& ctx, const std::string& region);

std::string PracticeCard(Ctx& ctx, const domain::Practice& p);
std::string Breadcrumbs(Ctx& ctx,
                        const std::vector<std::pair<std::string, std::string>>& trail);  // href → escaped text
// «Показано 1–20 из 40» and the next/first page links of a cursor-paged list.
std::string Pager(Ctx& ctx, std::int64_t shown_from, std::size_t shown, std::int64_t total,
                  std::optional<std::int64_t> next_after);
// Paging parameters of list pages: ?after=&n=
struct Paging {
    std::int64_t after = 0;
    std::int64_t offset = 0;  // how many items came before this page (for «показано 21–40»)
};
Paging PagingFrom(const http::Request& req);
// A local URL with a cookie and a flash parameter: the response after a form.
http::Response RedirectTo(const std::string& location);
// Furthest stage of a set of adoptions (scaled > ... > interest; discontinued only if nothing else).
std::optional<domain::AdoptionStage> FurthestStage(const std::vector<const domain::Adoption*>& adoptions);

// Pages.
http::Response ReviewPage(Ctx& ctx);
enum class ReviewAction { kAccept, kMerge, kReject };
http::Response ReviewDecision(Ctx& ctx, ReviewAction action);
// News feeds (pages_feeds.cpp).
http::Response FeedsPage(Ctx& ctx);
http::Response FeedPage(Ctx& ctx);
http::Response FeedPollNow(Ctx& ctx);
// Practice exchange and federation (pages_exchange.cpp): «Источник: установка X, запись N» of an
// external record ("" for a local one); /federation for curators.
std::string ExternalSource(Ctx& ctx, const std::optional<domain::External>& ext);
// The error of a page that needs a signed-in user (401 with a sign-in link).
Error SignInRequired();
http::Response FederationPage(Ctx& ctx);
http::Response FederationPollNow(Ctx& ctx);
// Freshness (pages_freshness.cpp): the badge ("" when fresh), the Confirm button of those who may
// confirm ("" otherwise), POST …/{id}/confirm, and /freshness for curators.
std::string FreshnessBadge(Ctx& ctx, app::Freshness f);
// The badge of a practice or an adoption on the analytics pages, from the snapshot's confirmation date
// (the same rule, app::FreshnessInfoOn); "" when fresh or unknown.
std::string SnapshotFreshnessBadge(Ctx& ctx, const analytics::Snapshot& s, bool adoption, domain::Id id);
template <class T>
std::string ConfirmControl(Ctx& ctx, const T& v, const std::string& path);
http::Response ConfirmRecord(Ctx& ctx, const std::string& kind);
http::Response FreshnessPage(Ctx& ctx);
http::Response Home(Ctx& ctx);
http::Response ChooseRegion(Ctx& ctx);
http::Response Regions(Ctx& ctx);
http::Response RegionPage(Ctx& ctx);
http::Response PracticePage(Ctx& ctx);
http::Response PracticeList(Ctx& ctx);
// `source_errors` / `source_values`: a refused decision on the likely sources, shown in that section.
http::Response AdoptionPage(Ctx& ctx, const Errors& stage_errors = {}, const Values& stage_values = {},
                            const Errors& source_errors = {}, const Values& source_values = {});
http::Response AdoptionList(Ctx& ctx);
http::Response OrganisationPage(Ctx& ctx);
http::Response OrganisationList(Ctx& ctx);
http::Response PersonPage(Ctx& ctx);
http::Response PersonList(Ctx& ctx);

// Sign-in, notifications, moderation, audit (pages_auth.cpp).
http::Response LoginPage(Ctx& ctx, bool post);
http::Response Logout(Ctx& ctx);
http::Response LogoutEverywhere(Ctx& ctx);
http::Response NotificationsPage(Ctx& ctx);
http::Response MarkRead(Ctx& ctx);
http::Response ModeratePractice(Ctx& ctx);
http::Response ModerationPage(Ctx& ctx);
http::Response AuditPage(Ctx& ctx);
// Moderation buttons of a practice for the actor ("" when none apply); `back` = where to return.
std::string ModerationControls(Ctx& ctx, const domain::Practice& p, const std::string& back);

// Analytics sections and the network page (pages_analytics.cpp).
std::string RegionAnalytics(Ctx& ctx, const std::string& region);
std::string PracticeAnalytics(Ctx& ctx, const domain::Practice& p);
http::Response NetworkPage(Ctx& ctx);
// A region's own network (pages_network.cpp): the region page's section and /network?region=KEY.
std::string RegionNetworkSection(Ctx& ctx, const std::string& code);
http::Response RegionNetworkPage(Ctx& ctx, const std::string& key);
// The municipal view of the inferred network, /network?level=municipality (pages_network_municipal.cpp; any
// other level than region or municipality is a 400 naming the parameter), and the level switch both show.
http::Response MunicipalNetworkPage(Ctx& ctx, const std::string& level);
std::string NetworkLevelSwitch(const Ctx& ctx, bool municipal);
// Inferred analytics (issue 17), each item labelled as inferred: likely sources of an adoption without a
// recorded source ("" otherwise) with the forms to confirm one or reject them (pages_diffusion.cpp), and
// where to seed a practice (for curators).
std::string LikelySourcesSection(Ctx& ctx, domain::Id adoption, const Errors& errors = {}, const Values& values = {});
http::Response DecideLikelySources(Ctx& ctx, bool confirm);
// Unexplained adoptions with their top likely source: a region's (its page; "" when none) and all the
// actor may see (the review queue), newest first.
std::string RegionUnexplainedSection(Ctx& ctx, const std::string& code);
std::string ReviewUnexplainedSection(Ctx& ctx);
std::string SeedingSection(Ctx& ctx, const domain::Practice& p);
// The App's inferred network for the snapshot (may be one snapshot behind while it is recomputed).
std::shared_ptr<const analytics::RegionalInference> Inferred(Ctx& ctx,
                                                             const std::shared_ptr<const analytics::Snapshot>& s);
// The badge every inferred fact carries: «выведено по данным, не подтверждено».
Html InferredBadge(const Ctx& ctx);
// A link to the region at a snapshot index («—» when out of range).
Html RegionLinkH(const Ctx& ctx, const analytics::Snapshot& s, int region);

// «Хочу внедрить» requests (pages_requests.cpp): the inbox, a request's page and its actions
// (verb: answer, route, close).
http::Response InboxPage(Ctx& ctx);
http::Response RequestPage(Ctx& ctx, const Values& values = {}, const Errors& errors = {});
http::Response RequestAction(Ctx& ctx, const std::string& verb);
// Passport history (pages_history.cpp): /practices/{id}/history?a=&b=.
http::Response PracticeHistoryPage(Ctx& ctx);
// Spreadsheets and open data (pages_io.cpp): the «Скачать .xlsx» link of a list page (the API list of
// API_COLLECTION with the page's filters of KIND), the import page, the /opendata/ index.
std::string XlsxLink(Ctx& ctx, const std::string& api_collection, const std::string& kind);
http::Response ImportPage(Ctx& ctx);
http::Response OpenDataPage(Ctx& ctx);

// Search (pages_search.cpp): the results page behind the catalogue and header boxes.
http::Response SearchPage(Ctx& ctx);

// Forms: GET renders, POST validates and saves (or renders again with messages and the input kept).
http::Response PracticeForm(Ctx& ctx, bool post);
http::Response RequestForm(Ctx& ctx, bool post);
http::Response AdoptionForm(Ctx& ctx, bool post);
http::Response MoveStage(Ctx& ctx);
http::Response OrganisationForm(Ctx& ctx, bool post);
http::Response PersonForm(Ctx& ctx, bool post);

}  // namespace orientir::web::detail
