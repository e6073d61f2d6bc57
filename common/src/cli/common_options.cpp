#include "newsdex/cli/common_options.h"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iomanip>
#include <limits>
#include <sstream>

#include <unicode/uversion.h>
#include <xapian.h>

#include "newsdex/error.h"
#include "newsdex/version.h"

namespace newsdex::cli {

std::string default_db_path() {
    const char* env = std::getenv("NEWSDEX_DB");
    if (env != nullptr && *env != '\0') {
        return env;
    }
    const char* xdg = std::getenv("XDG_DATA_HOME");
    if (xdg != nullptr && *xdg != '\0') {
        return std::string(xdg) + "/newsdex/news.db";
    }
    const char* home = std::getenv("HOME");
    if (home != nullptr && *home != '\0') {
        return std::string(home) + "/.local/share/newsdex/news.db";
    }
    return "newsdex.db";
}

std::string version_line(const std::string& program) {
    return program + " " + NEWSDEX_VERSION + " (Xapian " + Xapian::version_string() + ", ICU " +
           U_ICU_VERSION + ")";
}

std::vector<std::string> arguments(int argc, char** argv) {
    return std::vector<std::string>(argv + (argc > 0 ? 1 : 0), argv + argc);
}

namespace {

namespace po = boost::program_options;

template <typename T>
bool holds(const po::value_semantic* semantic) {
    return dynamic_cast<const po::typed_value<T>*>(semantic) != nullptr;
}

// Boost reads "-1" into an unsigned option as 4294967295 and accepts "nan" and "inf" for a
// double: every number is checked as written first, and the message names option and value.
void check_number(const po::option_description& option, const std::string& value) {
    const po::value_semantic* semantic = option.semantic().get();
    const std::string name = "--" + option.long_name();
    if (holds<unsigned long>(semantic) || holds<unsigned long long>(semantic) ||
        holds<unsigned>(semantic)) {
        const std::uint64_t max = holds<unsigned>(semantic)
                                      ? std::numeric_limits<unsigned>::max()
                                      : std::numeric_limits<std::size_t>::max();
        const bool digits = !value.empty() && value.size() <= 20 &&
                            value.find_first_not_of("0123456789") == std::string::npos;
        errno = 0;
        const unsigned long long number = digits ? std::strtoull(value.c_str(), nullptr, 10) : 0;
        if (!digits || errno == ERANGE || number > max) {
            throw UsageError(name +
                             (digits ? " must be a number from 0 to " + std::to_string(max)
                                     : std::string(" must be a number of 0 or more")) +
                             ", not '" + value + "'");
        }
    } else if (holds<double>(semantic) || holds<int>(semantic)) {
        char* end = nullptr;
        errno = 0;
        const double number = std::strtod(value.c_str(), &end);
        const bool plain =
            !value.empty() && value.find_first_not_of("0123456789.+-eE") == std::string::npos;
        if (!plain || end != value.c_str() + value.size() || errno == ERANGE ||
            !std::isfinite(number) || number < 0) {
            throw UsageError(name + " must be a number of 0 or more, not '" + value + "'");
        }
    }
}

} // namespace

boost::program_options::variables_map
parse_command_line(const std::vector<std::string>& args,
                   const boost::program_options::options_description& visible,
                   const char* positional_name, std::vector<GivenOption>* given) {
    namespace po = boost::program_options;
    po::options_description all;
    all.add(visible);
    all.add_options()(positional_name, po::value<std::vector<std::string>>(), positional_name);
    // Hidden: the build writes the man page and the completion script with these.
    all.add_options()("help-man", "")("help-bash-completion", "");
    po::positional_options_description positional;
    positional.add(positional_name, -1);
    po::variables_map vm;
    try {
        const po::parsed_options parsed =
            po::command_line_parser(args).options(all).positional(positional).run();
        for (const po::option& o : parsed.options) {
            const po::option_description* d =
                o.unregistered ? nullptr : all.find_nothrow(o.string_key, false);
            for (const std::string& value : d != nullptr ? o.value : std::vector<std::string>{}) {
                check_number(*d, value);
            }
            if (given != nullptr) {
                given->push_back(GivenOption{o.string_key, o.original_tokens});
            }
        }
        po::store(parsed, vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    return vm;
}

void check_at_most(const std::string& option, double value, double max, const std::string& why) {
    if (value > max) {
        std::ostringstream text;
        text << std::setprecision(15) << option << " must be at most " << max << " (" << why
             << "), not '" << value << "'";
        throw UsageError(text.str());
    }
}

int run_guarded(const std::string& program, std::ostream& err, const std::function<int()>& body) {
    try {
        return body();
    } catch (const UsageError& e) {
        err << program << ": error: " << e.what() << "\n"
            << "Try '" << program << " --help' for more information.\n";
        return exit_code::usage;
    } catch (const LockedError& e) {
        err << program << ": error: " << e.what() << '\n';
        return exit_code::locked;
    } catch (const Error& e) {
        err << program << ": error: " << e.what() << '\n';
        return exit_code::failure;
    } catch (const Xapian::Error& e) {
        err << program << ": error: " << e.get_description() << '\n';
        return exit_code::failure;
    } catch (const std::exception& e) {
        err << program << ": error: " << e.what() << '\n';
        return exit_code::failure;
    }
}

} // namespace newsdex::cli

namespace newsdex::cli {

void warn(std::ostream& err, const std::string& program, const std::string& message) {
    err << program << ": warning: " << message << '\n';
}

} // namespace newsdex::cli
