/// @file
/// @brief SearchResult → text for people: aligned, with highlighted snippets.
#pragma once
#include <ostream>

#include "newsdex/search/result.h"

namespace newsdex::output {

struct TextStyle {
    bool color = false; ///< ANSI bold for highlights, dim for metadata (a terminal, no NO_COLOR)
};

/// True when stdout is a terminal and NO_COLOR is unset or empty (https://no-color.org).
bool stdout_wants_color();

void write_text(std::ostream& out, const search::SearchResult& result, const TextStyle& style);

} // namespace newsdex::output
