#pragma once
// Organisations, persons and memberships (Popolo) of a peer's page (docs/exchange.md, «People and
// organisations»). Unlike practices and adoptions they become ordinary local records — curators may
// correct them here — whose origin is kept beside them in a "federation_link" record: the origin's
// installation, id, @id and version, and the local version the import wrote. An update from the
// origin is taken only while the local record is still at that version; once it was edited here the
// origin's change is not taken but shown to curators as a "conflict" issue. A membership whose person
// is not here is refused (an issue); its organisation, when not here, is left out. Withdrawals at the
// origin are issues; the record stays.

#include <cstdint>
#include <optional>
#include <string>

#include "app/app.hpp"
#include "common/json.hpp"
#include "exchange/exchange.hpp"
#include "exchange/import.hpp"

namespace orientir::exchange {

// The page's organizations, persons and memberships (with its posts) inside `tx`.
Status ApplyPopolo(storage::WriteTx& tx, app::App& app, const Installation& self, std::int64_t peer_id,
                   const std::string& peer_url, const Json& page, ImportReport& report);

// True for the kinds ApplyPopolo takes: organisation, person, position.
bool IsPopoloKind(const std::string& kind);
// A withdrawal at the origin of one of them: the link is marked and curators are told; nothing deleted.
Status WithdrawPopolo(storage::WriteTx& tx, app::App& app, std::int64_t peer_id, const std::string& kind,
                      const std::string& installation, std::int64_t id, ImportReport& report);

// The origin of a local organisation, person or position imported from a peer (none for our own).
std::optional<domain::External> LinkedOrigin(storage::Store& store, const std::string& kind, std::int64_t local_id);

}  // namespace orientir::exchange
