/// @file
/// @brief Unicode normalisation shared by indexing, querying and entity lookup.
#pragma once
#include <string>
#include <string_view>

namespace newsdex::analysis {

/// NFKC, case-folded, diacritics removed: "Zürich" → "zurich", "ＡＢＣ" → "abc",
/// "Straße" → "strasse". The key under which words, names and facet values are compared.
/// Invalid UTF-8 is replaced with U+FFFD first. Thread-safe.
std::string fold(std::string_view text);

} // namespace newsdex::analysis
