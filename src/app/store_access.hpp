#pragma once
// The store behind an App, for the services of the application layer that keep records of their own
// or write several in one transaction: articles and the review queue, imports and restore, `check`,
// news feeds, the practice exchange and federation. Nothing above the application layer (http, web, cli) includes this:
// they use App's typed use cases.

#include "app/app.hpp"
#include "storage/store.hpp"

namespace orientir::app {

class StoreAccess {
public:
    static storage::Store& Of(App& app) { return *app.store_; }
    // App::Create inside the caller's transaction (same rules, audit and index entries).
    template <class T>
    static Result<T> CreateIn(App& app, storage::WriteTx& tx, const Actor& actor, T value) {
        return app.CreateIn(tx, actor, std::move(value));
    }
    // App::Update inside the caller's transaction.
    template <class T>
    static Result<T> UpdateIn(App& app, storage::WriteTx& tx, const Actor& actor, Id id, T value,
                              std::optional<std::int64_t> expected_version) {
        return app.UpdateIn(tx, actor, id, std::move(value), expected_version);
    }
};

}  // namespace orientir::app
