#pragma once
// Numbered, forward-only migrations of the PostgreSQL schema (docs/adr/0040). They mirror the
// SQLite schema (storage/sqlite/migrations.cpp) table for table; numbers are independent.

#include <vector>

#include "storage/migrations.hpp"

namespace orientir::storage::pg {

const std::vector<Migration>& PostgresMigrations();

}  // namespace orientir::storage::pg
