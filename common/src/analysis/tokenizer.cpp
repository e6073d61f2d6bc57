#include "newsdex/analysis/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include "newsdex/error.h"

namespace newsdex::analysis {
namespace {

void check(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) {
        throw Error(std::string("ICU ") + what + " failed: " + u_errorName(status));
    }
}

bool is_ascii_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Pure-ASCII text is by far the most common input; the rules ICU applies to it are simple
// enough to reproduce (letters and digits joined by '.', ',', '\'' or '_' when both sides are
// alphanumeric), and this path is several times faster than the BreakIterator.
bool split_ascii(std::string_view text, std::vector<Segment>& out) {
    for (unsigned char c : text) {
        if (c >= 0x80) {
            return false;
        }
    }
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!is_ascii_word_byte(c) && c != '_') {
            ++i;
            continue;
        }
        const std::size_t start = i;
        bool has_letter = false;
        while (i < n) {
            const auto d = static_cast<unsigned char>(text[i]);
            if (is_ascii_word_byte(d) || d == '_') {
                has_letter = has_letter || (d > '9');
                ++i;
            } else if ((d == '.' || d == ',' || d == '\'') && i + 1 < n &&
                       is_ascii_word_byte(static_cast<unsigned char>(text[i + 1])) && i > start) {
                const auto prev = static_cast<unsigned char>(text[i - 1]);
                const auto next = static_cast<unsigned char>(text[i + 1]);
                const bool prev_digit = prev >= '0' && prev <= '9';
                const bool next_digit = next >= '0' && next <= '9';
                // UAX #29: ',' joins digits only; '.' and '\'' join letters or digits, but a
                // comma or apostrophe between a letter and a digit breaks.
                if (d == ',' && !(prev_digit && next_digit)) {
                    break;
                }
                if (d == '\'' && (prev_digit || next_digit)) {
                    break;
                }
                if (d == '.' && prev_digit != next_digit) {
                    break;
                }
                i += 2;
                has_letter = has_letter || !next_digit;
            } else {
                break;
            }
        }
        out.push_back(Segment{start, i, has_letter ? SegmentKind::word : SegmentKind::number});
    }
    return true;
}

} // namespace

Tokenizer::Tokenizer() {
    UErrorCode status = U_ZERO_ERROR;
    m_words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    check(status, "word break iterator");
}

Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;

void Tokenizer::split(std::string_view text, std::vector<Segment>& out) {
    if (text.empty() || split_ascii(text, out)) {
        return;
    }
    UErrorCode status = U_ZERO_ERROR;
    // UText over UTF-8 makes the iterator's indices byte offsets into the original text.
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    check(status, "utext_openUTF8");
    m_words->setText(utext, status);
    if (U_FAILURE(status)) {
        utext_close(utext);
        check(status, "BreakIterator::setText");
    }
    std::int32_t start = m_words->first();
    for (std::int32_t end = m_words->next(); end != icu::BreakIterator::DONE;
         start = end, end = m_words->next()) {
        const std::int32_t rule = m_words->getRuleStatus();
        if (rule < UBRK_WORD_NONE_LIMIT) {
            continue; // spaces and punctuation
        }
        SegmentKind kind = SegmentKind::word;
        if (rule < UBRK_WORD_NUMBER_LIMIT) {
            kind = SegmentKind::number;
        } else if (rule >= UBRK_WORD_KANA) {
            kind = SegmentKind::ideographic;
        }
        out.push_back(
            Segment{static_cast<std::size_t>(start), static_cast<std::size_t>(end), kind});
    }
    utext_close(utext);
}

} // namespace newsdex::analysis
