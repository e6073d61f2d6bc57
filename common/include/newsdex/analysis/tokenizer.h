/// @file
/// @brief ICU word segmentation with byte offsets into UTF-8 text.
#pragma once
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace newsdex::analysis {

/// What ICU's word rules say a segment is.
enum class SegmentKind : unsigned char { word, number, ideographic, other };

/// One word segment: [start, end) in bytes of the text given to Tokenizer::split.
struct Segment {
    std::size_t start = 0;
    std::size_t end = 0;
    SegmentKind kind = SegmentKind::word;
};

/// Splits text into word segments with ICU's word BreakIterator (Unicode UAX #29 plus ICU's
/// dictionary rules for Thai, CJK …). Punctuation and spaces are not returned. "U.S." gives "U.S",
/// "340,000" one number, "Jean-Yves" two words. Not thread-safe: one per thread.
class Tokenizer {
public:
    Tokenizer();
    ~Tokenizer();
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;
    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;

    /// Appends the word segments of text (valid UTF-8) to out.
    void split(std::string_view text, std::vector<Segment>& out);

private:
    std::unique_ptr<icu::BreakIterator> m_words;
};

} // namespace newsdex::analysis
