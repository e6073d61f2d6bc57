/// @file
/// @brief Stop words: left out of free-text queries (never out of the index, so phrases work).
#pragma once
#include <string_view>

namespace newsdex::analysis {

/// True if a normalised term is an English stop word ("the", "in", "and" …). The list is the
/// Snowball English list, which Xapian's own tools use.
bool is_stopword(std::string_view term);

} // namespace newsdex::analysis
