/// @file
/// @brief Command-line parsing shared by the developer tools in scripts/tools/.
#pragma once
#include <iostream>

#include <boost/program_options.hpp>

namespace newsdex::tools {

/// Parses argv into the variables bound in `desc`. Prints the options and returns false for
/// --help (the tool then exits 0); throws boost::program_options::error on bad options.
inline bool parse_tool_options(int argc, char** argv,
                               const boost::program_options::options_description& desc) {
    namespace po = boost::program_options;
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help") != 0) {
        std::cout << desc << "\n";
        return false;
    }
    po::notify(vm);
    return true;
}

} // namespace newsdex::tools
