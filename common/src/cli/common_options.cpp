#include "newsdex/cli/common_options.h"

#include <cstdlib>

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

// Boost reads "-5" as an unsigned number by wrapping it around (lexical_cast's rule), so
// `--limit -5` would ask for 18446744073709551611 hits: a count written with a minus sign is
// refused here, once for every unsigned option of both programs.
void reject_negative_counts(const boost::program_options::parsed_options& parsed,
                            const boost::program_options::options_description& all) {
    namespace po = boost::program_options;
    for (const po::option& o : parsed.options) {
        const po::option_description* d = all.find_nothrow(o.string_key, false);
        if (d == nullptr) {
            continue;
        }
        const po::value_semantic* semantic = d->semantic().get();
        const bool is_count = dynamic_cast<const po::typed_value<unsigned long>*>(semantic) ||
                              dynamic_cast<const po::typed_value<unsigned>*>(semantic) ||
                              dynamic_cast<const po::typed_value<unsigned long long>*>(semantic);
        for (const std::string& v : o.value) {
            if (is_count && !v.empty() && v.find_first_not_of(" \t") != std::string::npos &&
                v[v.find_first_not_of(" \t")] == '-') {
                throw UsageError("--" + o.string_key + " must be a number of 0 or more, not '" +
                                 v + "'");
            }
        }
    }
}

} // namespace

boost::program_options::variables_map parse_command_line(
    const std::vector<std::string>& args, const boost::program_options::options_description& visible,
    const char* positional_name) {
    namespace po = boost::program_options;
    po::options_description all;
    all.add(visible);
    all.add_options()(positional_name, po::value<std::vector<std::string>>(), positional_name);
    po::positional_options_description positional;
    positional.add(positional_name, -1);
    po::variables_map vm;
    try {
        const po::parsed_options parsed =
            po::command_line_parser(args).options(all).positional(positional).run();
        reject_negative_counts(parsed, all);
        po::store(parsed, vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    return vm;
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
