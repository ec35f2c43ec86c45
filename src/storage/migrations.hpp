#pragma once
// Numbered, forward-only schema migrations, applied at start-up and tracked in schema_migrations.

#include <string>
#include <vector>

namespace orientir::storage {

struct Migration {
    int version;
    std::string name;
    std::string sql;
};

const std::vector<Migration>& SqliteMigrations();

}  // namespace orientir::storage
