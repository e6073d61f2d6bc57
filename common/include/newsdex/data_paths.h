/// @file
/// @brief Where Newsdex finds the data files it ships (gazetteer tables, word lists).
#pragma once
#include <string>
#include <string_view>

namespace newsdex {

/// The directory holding Newsdex's own data files: `$NEWSDEX_DATA_DIR` when set and non-empty,
/// else the source tree's `common/data` as seen at build time.
std::string default_data_dir();

/// `dir/name`, throwing ResourceError naming the full path if that file cannot be opened.
std::string require_data_file(const std::string& dir, std::string_view name);

} // namespace newsdex
