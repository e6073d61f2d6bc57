#include "newsdex/analysis/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "newsdex/error.h"
#include "newsdex/utf8.h"

namespace newsdex::analysis {
namespace {

const icu::Normalizer2& instance(const char* which) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = nullptr;
    if (std::string_view(which) == "nfkc_cf") {
        n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    } else if (std::string_view(which) == "nfd") {
        n = icu::Normalizer2::getNFDInstance(status);
    } else {
        n = icu::Normalizer2::getNFCInstance(status);
    }
    if (U_FAILURE(status) || n == nullptr) {
        throw ResourceError(std::string("ICU normaliser unavailable: ") + u_errorName(status));
    }
    return *n; // process-lifetime instances owned by ICU
}

} // namespace

std::string fold(std::string_view text) {
    if (is_ascii(text)) {
        std::string out(text);
        for (char& c : out) {
            if (c >= 'A' && c <= 'Z') {
                c = static_cast<char>(c - 'A' + 'a');
            }
        }
        return out;
    }
    static const icu::Normalizer2& casefold = instance("nfkc_cf");
    static const icu::Normalizer2& decompose = instance("nfd");
    static const icu::Normalizer2& compose = instance("nfc");

    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded =
        casefold.normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                               text.data(), static_cast<std::int32_t>(text.size()))),
                           status);
    icu::UnicodeString decomposed = decompose.normalize(folded, status);
    if (U_FAILURE(status)) {
        throw Error(std::string("ICU normalisation failed: ") + u_errorName(status));
    }
    // Diacritics go so that "Zürich" and "Zurich" meet: users rarely type accents.
    icu::UnicodeString stripped;
    for (std::int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) != U_NON_SPACING_MARK) {
            stripped.append(c);
        }
    }
    icu::UnicodeString result = compose.normalize(stripped, status);
    if (U_FAILURE(status)) {
        throw Error(std::string("ICU normalisation failed: ") + u_errorName(status));
    }
    std::string out;
    result.toUTF8String(out);
    return out;
}

} // namespace newsdex::analysis
