/// @file
/// @brief `newsdex-index`: options → IndexJob → run. The program's main only calls index_main.
#pragma once
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "newsdex/corpus/open_source.h"
#include "newsdex/index/bulk.h"
#include "newsdex/index/indexer.h"
#include "newsdex/index/shards.h"

namespace newsdex::cli {

struct IndexJob {
    index::IndexOptions index;
    corpus::ReaderOptions reader;
    std::optional<index::ShardBy> shard_by; ///< --shard-by: period shards under --db
    bool bulk = false;                      ///< --bulk: parallel writers, merged (index/bulk.h)
    std::vector<std::string> inputs;
    bool strict = false;
    bool entities_only = false;
    std::string delete_ids_file; ///< --delete-ids FILE
    bool compact = false;        ///< --compact
    bool stats = false;          ///< --stats
    bool reanalyse = false;      ///< --reanalyse (index/reanalyse.h)
    bool quiet = false;
    bool verbose = false;
    bool show_help = false;
    bool show_version = false;
    bool show_man_page = false;        ///< --help-man (hidden): the man page, for the build
    bool show_bash_completion = false; ///< --help-bash-completion (hidden): for the build
};

/// Parses arguments (without the program name). Throws UsageError, never exits.
IndexJob parse_index_args(const std::vector<std::string>& args);

/// The --help text.
std::string index_help();
/// newsdex-index(1) in roff, from the same option definitions as --help.
std::string index_man_page();
/// The bash completion script, from the same option definitions.
std::string index_bash_completion();

/// Runs a parsed job; returns the exit code (see error.h exit_code).
int run_index(const IndexJob& job, std::ostream& out, std::ostream& err);

/// The whole program: parse, run, map errors to messages and exit codes.
int index_main(int argc, char** argv, std::ostream& out, std::ostream& err);

} // namespace newsdex::cli
