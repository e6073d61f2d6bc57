/// @file
/// @brief SearchResult → the documented JSON object (see README "JSON output").
#pragma once
#include <ostream>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "newsdex/search/result.h"

namespace newsdex::output {

/// The JSON object for a result: {"query", "total", "hits": [{"id", "score", "title", "date",
/// "url", "source", "snippet", …}], …}. Keys are stable; new keys may be added.
nlohmann::json to_json(const search::SearchResult& result);

/// One hit as in "hits" above (also one line of --format jsonl).
nlohmann::json to_json(const search::Hit& hit);

/// A whole article (--show --json): {"id", "title", "date", "url", "source", "author",
/// "language", "facets": {"actor": […], …, "mentions": […]}, "body"}.
nlohmann::json to_json(const search::FullArticle& article);

/// Text of a JSON value: one line, or indented by 2 when pretty; invalid UTF-8 replaced with
/// U+FFFD. Every control character is escaped, the C1 controls (CSI U+009B …) and DEL too,
/// which JSON allows raw and some terminals obey: JSON output is safe to print.
std::string dump_json(const nlohmann::json& value, bool pretty);

/// One line of JSON (no trailing newline when pretty is false; pretty indents by 2).
void write_json(std::ostream& out, const search::SearchResult& result, bool pretty);

} // namespace newsdex::output
