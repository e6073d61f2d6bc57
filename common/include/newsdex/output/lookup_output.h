/// @file
/// @brief --related and --names answers as text (tables for people), JSON and CSV.
#pragma once
#include <ostream>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "newsdex/output/text_output.h"
#include "newsdex/search/related.h"

namespace newsdex::output {

/// A table: value, count (with the matches), total (in the archive), expected, lift, PMI.
void write_related_text(std::ostream& out, const search::RelatedResult& r, const TextStyle& style);
/// {"query", "facet", "matches", "documents", "min_count", "interpretation", "warnings",
///  "related": [{"value", "count", "total", "expected", "lift", "pmi"}]}
nlohmann::json to_json(const search::RelatedResult& r);
/// value,count,total,expected,lift,pmi
void write_related_csv(std::ostream& out, const search::RelatedResult& r);

/// A table of every name (as, articles, stories, first and last day), each followed by its
/// top hits.
void write_names_text(std::ostream& out, const std::vector<search::NameAnswer>& answers,
                      const TextStyle& style);
/// {"name", "as": "actor"|"phrase"|"query", "query", "resolved", "articles", "stories",
///  "first", "last", "top": [{"id", "date", "title", "url"}], "warnings"}: one line each.
nlohmann::json to_json(const search::NameAnswer& a);
/// The header, then one row per name: name,as,resolved,articles,stories,first,last,top_ids
void write_names_csv_header(std::ostream& out);
void write_names_csv(std::ostream& out, const search::NameAnswer& a);

} // namespace newsdex::output
