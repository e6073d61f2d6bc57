#include "newsdex/data_paths.h"

#include <cstdlib>
#include <fstream>

#include "newsdex/error.h"

#ifndef NEWSDEX_SOURCE_DATA_DIR
#error "NEWSDEX_SOURCE_DATA_DIR must be defined by the build (see common/CMakeLists.txt)"
#endif

namespace newsdex {

std::string default_data_dir() {
    // The environment wins so that an installed binary, or a test, can point elsewhere
    // without a rebuild.
    if (const char* env = std::getenv("NEWSDEX_DATA_DIR"); env != nullptr && *env != '\0') {
        return env;
    }
    return NEWSDEX_SOURCE_DATA_DIR;
}

std::string require_data_file(const std::string& dir, std::string_view name) {
    std::string path = dir;
    if (!path.empty() && path.back() != '/') {
        path += '/';
    }
    path += name;
    if (!std::ifstream(path)) {
        throw ResourceError("cannot open data file '" + path + "'");
    }
    return path;
}

} // namespace newsdex
