/// @file
/// @brief UTF-8 for the readers and the analysis: checking and repairing input, and writing
///        one code point (for decoders of escapes: JSON, SGML).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex {

/// No byte above 0x7F: valid UTF-8 that needs no Unicode work.
inline bool is_ascii(std::string_view text) {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

/// True if text is valid UTF-8.
bool is_valid_utf8(std::string_view text);

/// Replaces invalid UTF-8 sequences with U+FFFD. @return true if anything was replaced.
bool repair_utf8(std::string& text);

/// Appends `cp` (a code point up to U+10FFFF) to `out` as UTF-8.
inline void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

} // namespace newsdex
