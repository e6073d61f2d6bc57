/// @file
/// @brief `newsdex-search`: options → SearchOptions → run. main only calls search_main.
#pragma once
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "newsdex/output/text_output.h"
#include "newsdex/search/searcher.h"

namespace newsdex::cli {

/// The name in messages and in --version.
inline constexpr const char* search_program = "newsdex-search";

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
    std::string queries_file;                 ///< --queries FILE|-: batch mode
    OutputFormat format = OutputFormat::text; ///< --format (--json = --format json)
    bool all = false;                    ///< --all or --limit 0: every match, streamed page by page
    std::string show_id;                 ///< --show ID: the whole article
    std::string values_facet;            ///< --values FACET: every value of a facet with its count
    std::string values_prefix;           ///< --prefix TEXT: only values starting so
    std::string entity_name;             ///< --entity NAME: one entity's card
    std::string names_file;              ///< --names FILE|-: one name or query a line
    std::string related_facet;           ///< --related FACET: values co-occurring with the matches
    std::size_t min_count = 3;           ///< --min-count: --related leaves out rarer values
    std::string save_name;               ///< --save NAME: store the query and options (saved_args)
    std::vector<std::string> saved_args; ///< what --save stores: the arguments but --save, --db
    bool list_saved = false;             ///< --saved
    std::optional<std::string> run_saved; ///< --run-saved [NAME]: "" = every saved search
    bool only_new = false; ///< --new: only articles indexed since the search last ran
    output::ColorMode color = output::ColorMode::automatic;
    bool pretty = false;
    bool explain = false;
    bool list_fields = false;
    bool show_help = false;
    bool show_man_page = false;        ///< --help-man (hidden): the man page, for the build
    bool show_bash_completion = false; ///< --help-bash-completion (hidden): for the build
    bool show_version = false;
};

/// Parses arguments (without the program name). Throws UsageError, never exits.
SearchOptions parse_search_args(const std::vector<std::string>& args);

std::string search_help();
/// newsdex-search(1) in roff, from the same option definitions as --help.
std::string search_man_page();
/// The bash completion script, from the same option definitions.
std::string search_bash_completion();

/// The schema's fields as an aligned table (also quoted in ARCHITECTURE.md).
std::string fields_table();

int run_search(const SearchOptions& options, std::ostream& out, std::ostream& err);

int search_main(int argc, char** argv, std::ostream& out, std::ostream& err);

} // namespace newsdex::cli
