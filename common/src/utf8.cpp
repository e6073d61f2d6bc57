#include "newsdex/utf8.h"

#include <unicode/utf8.h>

namespace newsdex {

bool is_valid_utf8(std::string_view text) {
    std::int32_t i = 0;
    const auto length = static_cast<std::int32_t>(text.size());
    while (i < length) {
        UChar32 c;
        U8_NEXT(text.data(), i, length, c);
        if (c < 0) {
            return false;
        }
    }
    return true;
}

bool repair_utf8(std::string& text) {
    if (is_ascii(text) || is_valid_utf8(text)) {
        return false;
    }
    std::string repaired;
    repaired.reserve(text.size() + 16);
    std::int32_t i = 0;
    const auto length = static_cast<std::int32_t>(text.size());
    while (i < length) {
        const std::int32_t start = i;
        UChar32 c;
        U8_NEXT(text.data(), i, length, c);
        if (c < 0) {
            repaired += "\xEF\xBF\xBD";
        } else {
            repaired.append(text, static_cast<std::size_t>(start),
                            static_cast<std::size_t>(i - start));
        }
    }
    text.swap(repaired);
    return true;
}

} // namespace newsdex
