#pragma once
// The practice-exchange format (docs/exchange.md, docs/exchange.schema.json): published practices with
// their KPIs, adoptions with lineage (source adoption, channel, stages) and evidence, and the people,
// posts and memberships of Popolo, as JSON-LD whose @context maps lineage to PROV-O and the rest to
// schema.org and Popolo. Every record carries its origin installation and its id there; a record
// imported from another installation keeps the origin it came with.
//
// Pages follow the store's change log: `since` is a change sequence number, each page names the next
// one. Only what anonymous readers may see is exported (app/visibility.hpp); a record that changed and
// is no longer visible (deleted, back to draft) is listed under "withdrawn" by its @id only.

#include <cstdint>
#include <string>

#include "app/app.hpp"
#include "common/json.hpp"

namespace orientir::exchange {

inline constexpr const char* kFormat = "orientir-exchange";
inline constexpr const char* kVersion = "1.0";

// This installation as other installations know it (TOML: [serve] installation-id, installation-url).
struct Installation {
    std::string id = "local";  // short stable id: "yugra", "tyumen-oblast"
    std::string url;           // public base URL without a trailing slash: "https://practices.admhmao.ru"
};

// The JSON-LD @id of a record of this installation: "<url>/practices/12" ("urn:orientir:<id>:practice:12"
// when no URL is configured).
std::string RecordUri(const Installation& self, const std::string& kind, std::int64_t id);

struct ExportPage {
    OrderedJson body;           // the page (see docs/exchange.md)
    std::int64_t next = 0;      // the cursor after this page
    bool more = false;          // more changes wait after `next`
    std::int64_t last_seq = 0;  // the change log's end when the page was read (for the ETag)
};

// One page of changes after `since` (at most `limit` records, 1..1000), as the anonymous reader sees them.
Result<ExportPage> Export(app::App& app, const Installation& self, std::int64_t since, int limit);

// The JSON-LD context of the format (also embedded in every page).
const OrderedJson& Context();

}  // namespace orientir::exchange
