/// @file
/// @brief Results as CSV for spreadsheets and scripts (--format csv): one table per output,
///        a header row always, fields quoted by RFC 4180, lines ending in LF.
#pragma once
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/search/result.h"

namespace newsdex::output {

/// One field by RFC 4180: as is, or in double quotes (doubled inside) when it holds a comma,
/// a double quote, CR or LF.
std::string csv_field(std::string_view text);

/// One CSV record: the fields quoted as csv_field does, joined by commas, then a newline.
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

/// The header of the hits table: id,date,title,source,author,url,score,actors,locations.
void write_csv_hits_header(std::ostream& out);

/// One row per hit; several facet values in one field are joined by "; ".
void write_csv_hits(std::ostream& out, const std::vector<search::Hit>& hits);

/// facet,value,count: one row per value of every facet counted.
void write_csv_facets(std::ostream& out, const search::SearchResult& result);

/// period,count: one row per period of the histogram.
void write_csv_histogram(std::ostream& out, const search::SearchResult& result);

} // namespace newsdex::output
