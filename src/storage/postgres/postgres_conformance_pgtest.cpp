// The Store conformance suite against PostgreSQL: every test gets a fresh schema.
#include "storage/postgres/pg_test_support.hpp"
#include "storage/store_conformance.hpp"

namespace orientir::storage {
namespace {

StoreFactory PostgresFactory() {
    return {"postgresql", [] { return pgtest::OpenTestStore(pgtest::TestOptions(pgtest::NewSchemaName())); }};
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreConformance, ::testing::Values(PostgresFactory()),
                         [](const auto& p) { return p.param.name; });

[[maybe_unused]] ::testing::Environment* const kJanitor =
    ::testing::AddGlobalTestEnvironment(new pgtest::SchemaJanitor);

}  // namespace
}  // namespace orientir::storage
