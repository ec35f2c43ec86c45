#pragma once
// A stored «хочу внедрить» request with every member it was stored with. The codec's reader is strict for
// API input and ignores the server-set `answered_at`; a stored request keeps it (response times, the
// first answer's time kept through later changes). Used where the app reads requests from the store.

#include "domain/types.hpp"
#include "storage/store.hpp"

namespace orientir::app {

domain::AdoptionRequest RequestFromDoc(const storage::Doc& doc);

}  // namespace orientir::app
