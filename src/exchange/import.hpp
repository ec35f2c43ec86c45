#pragma once
// Reading an exchange page from a peer into this installation (docs/exchange.md, «Federation»).
// Practices and adoptions become external records (domain::External): read-only here, updated when
// their origin's version grows, marked withdrawn (never deleted) when the origin withdraws them.
// What cannot be taken as it is (a record that breaks a rule here, an adoption of a practice this
// installation does not have, a source adoption not found) is not guessed: it becomes an issue that
// curators see (kind "federation_issue").

#include <cstdint>
#include <string>

#include "app/app.hpp"
#include "common/json.hpp"
#include "exchange/exchange.hpp"

namespace orientir::exchange {

// What a page says about itself.
struct PageHeader {
    std::string installation;
    std::int64_t next = 0;
    bool more = false;
};
// Checks the envelope of a page: format and major version, installation, cursor, the record lists.
// The error names the member that is wrong.
Result<PageHeader> CheckPage(const Json& page);

struct ImportReport {
    int created = 0, updated = 0, unchanged = 0, withdrawn = 0, issues = 0, skipped_own = 0;
};

// Applies the page's practices, adoptions and withdrawals inside `tx` (with the system actor).
Status ApplyPage(storage::WriteTx& tx, app::App& app, const Installation& self, std::int64_t peer_id,
                 const std::string& peer_url, const Json& page, ImportReport& report);

// An issue for curators: a record that could not be taken, or one withdrawn at its origin.
struct Issue {
    std::int64_t id = 0;
    std::int64_t peer_id = 0;
    std::string kind;  // refused | withdrawn | lineage
    std::string uri;   // the record at its origin
    std::string local_kind;
    std::int64_t local_id = 0;  // 0: nothing stored here
    std::string message, at;
};
OrderedJson ToJson(const Issue& i);
// Stores an issue (kind "federation_issue"; `at` is now, `id` is assigned).
Status StoreIssue(storage::WriteTx& tx, app::App& app, const Issue& issue);
Issue IssueFromDoc(const storage::Doc& d);

}  // namespace orientir::exchange
