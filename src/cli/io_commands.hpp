#pragma once
// Commands of the io module (docs/xlsx-opendata.md), registered from here: main.cpp calls
// RegisterIoCommands before parsing and the returned runner after (it answers only when one of these
// commands was chosen).

#include <functional>
#include <optional>

#include "cli/commands.hpp"

namespace orientir::cli {

std::function<std::optional<int>()> RegisterIoCommands(CLI::App& cli);

}  // namespace orientir::cli
