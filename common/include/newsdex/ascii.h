/// @file
/// @brief ASCII helpers shared by the readers, the analysis and the query side: white space,
/// trimming and case. (Unicode case folding is analysis::fold; these touch ASCII only.)
#pragma once
#include <string>
#include <string_view>

namespace newsdex {

/// Space, tab, newline, carriage return, form feed or vertical tab.
inline bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Without leading and trailing ASCII white space.
inline std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

/// ASCII letters in upper case, every other byte as it was.
inline std::string upper_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return out;
}

/// ASCII letters in lower case, every other byte as it was.
inline std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

} // namespace newsdex
