/// @file
/// @brief One description of a program's command line, rendered three ways: `--help` text,
///        a man page (`--help-man`, roff) and a bash completion script
///        (`--help-bash-completion`). All three read the same Boost.Program_options
///        definitions, so they cannot drift apart; the build writes the man pages and the
///        completion scripts with the programs themselves, and `cmake --install` installs them.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include <boost/program_options.hpp>

namespace newsdex::cli {

/// A captioned group of options ("Database", "Output" …), as --help shows them.
struct OptionGroup {
    std::string caption;
    boost::program_options::options_description options;
};
using OptionGroups = std::vector<OptionGroup>;

/// The groups as one options_description: what Boost parses and --help prints.
boost::program_options::options_description combined(const OptionGroups& groups);

struct HelpPage {
    std::string program;     ///< "newsdex-search"
    std::string arguments;   ///< "[OPTIONS] QUERY..."
    std::string summary;     ///< one line: what it is (man NAME line, lower case, no period)
    std::string description; ///< the sentences under the usage line
    /// Further sections after the options, preformatted lines: {"Query syntax", "  …\n  …\n"}.
    std::vector<std::pair<std::string, std::string>> sections;
    std::vector<std::string> examples; ///< command lines
    std::string exit_codes;            ///< one paragraph
    std::string see_also;              ///< "newsdex-index(1)"
};

/// What the completion offers after an option or as a query word.
struct CompletionHints {
    std::vector<std::string> facet_list_options; ///< take "a,b,c" of facet names (--facets)
    std::vector<std::string> facet_options;      ///< take one facet name (--related)
    std::vector<std::string> facet_names;        ///< schema::facets
    std::vector<std::string> word_prefixes;      ///< positional words: "title:", "actor:" …
    bool positional_files = false;               ///< positional arguments are files (indexer)
};

/// `--help`: usage line, description, the option groups as Boost prints them, the sections,
/// the examples and the exit codes.
std::string render_help(const HelpPage& page, const OptionGroups& options);

/// The same as a man page in roff (section 1).
std::string render_man(const HelpPage& page, const OptionGroups& options);

/// A self-contained bash completion script (no bash-completion package needed): long options;
/// the values an option takes when its value name lists them ("auto|always|never"); files
/// after FILE, PATH or DIR values; facet names after the hinted options; and for positional
/// words either files or the hinted prefixes.
std::string render_bash_completion(const HelpPage& page, const OptionGroups& options,
                                   const CompletionHints& hints);

} // namespace newsdex::cli
