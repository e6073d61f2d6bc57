/// @file
/// @brief newsdex-search's runs besides a plain search: --names, --related and the saved
///        searches (internal to the cli folder).
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "newsdex/cli/search_command.h"
#include "newsdex/search/searcher.h"

namespace newsdex::cli {

/// A plain search, written in o.format (defined in search_command.cpp). `saved_name`, when
/// not empty, is added to the JSON as "saved".
int run_one_search(const SearchOptions& o, search::Searcher& searcher,
                   const std::vector<std::string>& database_warnings, std::ostream& out,
                   std::ostream& err, const std::string& saved_name);

// `database_warnings` (reported on stderr already, before the run) go into each JSON answer's
// "warnings" as well, beside the answer's own.
int run_names(const SearchOptions& o, search::Searcher& searcher,
              const std::vector<std::string>& database_warnings, std::ostream& out,
              std::ostream& err);
int run_related(const SearchOptions& o, search::Searcher& searcher,
                const std::vector<std::string>& database_warnings, std::ostream& out,
                std::ostream& err);
int run_save(const SearchOptions& o, std::ostream& out);
int run_list_saved(const SearchOptions& o, std::ostream& out);
int run_saved_searches(const SearchOptions& o, search::Searcher& searcher,
                       const std::vector<std::string>& database_warnings, std::ostream& out,
                       std::ostream& err);

} // namespace newsdex::cli
