#pragma once
// List projections (internal to app; ADR 0073): the projector App installs in its store, and the
// start-up pass that renders items missing or of an older format.

#include <string>

#include "app/app.hpp"
#include "app/entities.hpp"
#include "storage/store.hpp"

namespace orientir::app {

// The API list item of a record: ToApiJson as the API writes it (Response::Json's settings).
template <class T>
std::string RenderItemJson(const T& v) {
    return ToApiJson(v).dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

storage::ItemProjector ListItemProjector();

// Renders the items the store lacks (records written before the projection existed, or by a build
// whose item format differs). Run when an App opens its store.
Status ProjectStaleItems(storage::Store& store);

}  // namespace orientir::app
