/// @file
/// @brief `newsdex-search`: options → SearchOptions → run. main only calls search_main.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "newsdex/search/searcher.h"

namespace newsdex::cli {

struct SearchOptions {
    std::vector<std::string> databases;
    bool allow_partial = false; ///< --allow-partial: answer from the shards that are up
    search::SearchRequest request;
    std::string language = "en";
    std::string queries_file; ///< --queries FILE|-: batch mode
    bool json = false;
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
