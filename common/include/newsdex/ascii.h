/// @file
/// @brief ASCII helpers shared by the readers, the analysis and the query side: character
/// classes, white space, trimming and case. (Unicode case folding is analysis::fold; these
/// touch ASCII only: a byte of a multi-byte UTF-8 character is never a letter or a digit here.)
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
inline char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
inline char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

/// Not empty, and nothing but the digits 0-9.
inline bool all_digits(std::string_view text) {
    if (text.empty()) {
        return false;
    }
    for (const char c : text) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return true;
}

/// Equal but for the case of ASCII letters.
inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (to_lower(a[i]) != to_lower(b[i])) {
            return false;
        }
    }
    return true;
}

/// `text` starts with `prefix`, but for the case of ASCII letters.
inline bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

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
        c = to_upper(c);
    }
    return out;
}

/// ASCII letters in lower case, every other byte as it was.
inline std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = to_lower(c);
    }
    return out;
}

} // namespace newsdex
