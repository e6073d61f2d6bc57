/// @file
/// @brief What both programs share on the command line: the database default, --version,
///        and turning exceptions into messages and exit codes.
#pragma once
#include <functional>

#include <boost/program_options.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace newsdex::cli {

/// `$NEWSDEX_DB` if set and not empty, else `$XDG_DATA_HOME/newsdex/news.db`, else
/// `~/.local/share/newsdex/news.db`, else `newsdex.db` in the current directory.
std::string default_db_path();

/// "newsdex-search 0.1.0 (Xapian 1.4.22, ICU 72.1)".
std::string version_line(const std::string& program);

/// argv without argv[0].
std::vector<std::string> arguments(int argc, char** argv);

/// Parses args against the visible options plus one repeatable positional option named
/// `positional_name` (input files, query words); `given`, when not null, receives the options
/// in the order written. Throws UsageError on any option error,
/// also on a negative value for an unsigned option (`--limit -5`).
/// One option as written on the command line: its name ("limit", or the positional name)
/// and its tokens as given ("--limit", "5" or "-n5").
struct GivenOption {
    std::string name;
    std::vector<std::string> tokens;
};

boost::program_options::variables_map
parse_command_line(const std::vector<std::string>& args,
                   const boost::program_options::options_description& visible,
                   const char* positional_name, std::vector<GivenOption>* given = nullptr);

/// One warning on stderr, in the one shape both programs use: "PROGRAM: warning: MESSAGE".
void warn(std::ostream& err, const std::string& program, const std::string& message);

/// Throws UsageError "--NAME must be at most MAX (…), not 'VALUE'" when value > max: for numbers whose
/// type allows more than makes sense (parse_command_line already refused negative and
/// malformed numbers, naming the option and the value).
void check_at_most(const std::string& option, double value, double max, const std::string& why);

/// Runs body, mapping exceptions to GNU-style messages on err and to exit codes:
/// "PROGRAM: error: MESSAGE"; UsageError → 2 (with "try --help"), other newsdex::Error / Xapian::Error / std::exception → 1.
int run_guarded(const std::string& program, std::ostream& err, const std::function<int()>& body);

} // namespace newsdex::cli
