/// @file
/// @brief `newsdex-search`: options → SearchOptions → run. main only calls search_main.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "newsdex/output/text_output.h"
#include "newsdex/search/searcher.h"

namespace newsdex::cli {

/// --format: how results are written to stdout.
enum class OutputFormat {
    text,  ///< for people (the default)
    json,  ///< one object (--json)
    jsonl, ///< one JSON object per hit (or per facet value, or per histogram period)
    csv,   ///< one row per hit (or facet value, or period), a header row first
};

/// Parses "text", "json", "jsonl", "csv"; throws UsageError.
OutputFormat parse_output_format(const std::string& name);

struct SearchOptions {
    std::vector<std::string> databases;
    bool allow_partial = false; ///< --allow-partial: answer from the shards that are up
    std::string aliases_file;   ///< --aliases FILE; empty: <first --db>.aliases when it exists
    search::SearchRequest request;
    std::string language = "en";
    std::string queries_file; ///< --queries FILE|-: batch mode
    OutputFormat format = OutputFormat::text; ///< --format (--json = --format json)
    bool all = false;      ///< --all or --limit 0: every match, streamed page by page
    std::string show_id;   ///< --show ID: the whole article
    std::string values_facet;  ///< --values FACET: every value of a facet with its count
    std::string values_prefix; ///< --prefix TEXT: only values starting so
    std::string entity_name;   ///< --entity NAME: one entity's card
    output::ColorMode color = output::ColorMode::automatic;
    bool pretty = false;
    bool explain = false;
    bool list_fields = false;
    bool show_help = false;
    bool show_version = false;
};

/// Parses arguments (without the program name). Throws UsageError, never exits.
SearchOptions parse_search_args(const std::vector<std::string>& args);

std::string search_help();

/// The schema's fields as an aligned table (also quoted in ARCHITECTURE.md).
std::string fields_table();

int run_search(const SearchOptions& options, std::ostream& out, std::ostream& err);

int search_main(int argc, char** argv, std::ostream& out, std::ostream& err);

} // namespace newsdex::cli
