/// @file
/// @brief The one Analyzer: text → normalised, stemmable terms, used by indexer AND searcher.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "newsdex/analysis/tokenizer.h"

namespace newsdex::analysis {

/// One term of analysed text.
struct Token {
    std::string
        term; ///< normalised word: folded, no diacritics, "U.S." → "us", "340,000" → "340000"
    std::size_t start = 0; ///< byte offset of the word in the analysed text
    std::size_t end = 0;
    /// Several terms from one word ("l'Élysée" → "l", "elysee") share its offsets; the first
    /// has joined_to_previous false, the others true (the query side joins them into a phrase).
    bool joined_to_previous = false;
    /// Another spelling of the same word that the index holds at the same position: the
    /// German transliteration ("schroeder" for "Schröder", whose term is "schroder"), so that
    /// either spelling in a query finds it. Empty when there is none.
    std::string alternative;
    /// The word is written as an acronym in its context ("US", "U.S.", "WHO", "IT": see
    /// written_as_acronym()); the index also holds it as such, apart from the word ("us").
    bool acronym = false;
    /// A capitalised word inside a sentence ("… shares of Citi rose"): a name, whose stem
    /// must not answer a common word's ("cities" stems to "citi"). See capitalised_inside().
    bool name_inside_sentence = false;
};

/// Whether the word at [start, end) of `text` is capitalised but not in capitals ("Citi", not
/// "CITI") and follows a word or a comma in its sentence, not a full stop, quote, bracket or
/// the start: inside a sentence, a capital says "name" (at its start it says nothing).
bool capitalised_inside(std::string_view text, std::size_t start, std::size_t end);

/// Whether `word` (as written) is an acronym where it stands: two to five capital letters,
/// dots between them allowed ("U.S"), and not `among_capitals` (a headline, a shout or a
/// whole text in capitals is words, not acronyms: see among_capitals()).
bool written_as_acronym(std::string_view word, bool among_capitals);

/// Whether segment `i` of `text` stands among words in capitals: of the three words before and
/// the three after it on its line, at least two are in capitals and none has a lower-case
/// letter ("PLEASE HELP US NOW", a wire headline, a text typed in capitals), so that its own
/// capitals say nothing. "the US and EU", "US STOCKS-Wall St falls" are not.
bool among_capitals(std::string_view text, const std::vector<Segment>& segments, std::size_t i);

/// The term of an abbreviation that names use, written out, where it cannot be read another
/// way; "" for any other word: "Corp" → "corporation", "Intl" and "Int'l" → "international",
/// and "St" → "street" after a capitalised word and not before one ("Wall St", but neither
/// "St Louis" nor "St. Petersburg"). `next` is the next word when only spaces (or a dot and
/// spaces) come between, else empty.
std::string_view expanded_abbreviation(std::string_view word, std::string_view previous,
                                       std::string_view next);

/// The neighbours of segment `i` of `text` as written_as_acronym() and expanded_abbreviation()
/// read them, and the terms of the word with them applied (appended to out): the one
/// definition both the index and the query side use.
void normalise_segment(std::string_view text, const std::vector<Segment>& segments, std::size_t i,
                       std::vector<Token>& out);

/// Normalises one word segment into zero or more terms (appended to out).
/// This is the single definition of what a term is; see analysis_roundtrip_test.cpp.
void normalise_word(std::string_view word, SegmentKind kind, std::size_t start, std::size_t end,
                    std::vector<Token>& out);

/// Longest term kept; longer "words" (URLs, base64 …) are skipped: Xapian terms are limited to
/// 245 bytes and such strings are useless as search terms.
inline constexpr std::size_t max_term_bytes = 64;

/// Tokenises, normalises and stems text. Not thread-safe (holds an ICU iterator): use one per
/// thread. Cheap to keep, moderately expensive to build.
class Analyzer {
public:
    /// @param language Snowball stemmer name or ISO code ("en", "english", "fr" …); "none" or
    ///        "" disables stemming. Throws UsageError for unknown languages.
    explicit Analyzer(std::string_view language = "en");

    /// Terms of text, in order, with byte offsets into text. Clears out first.
    void analyse(std::string_view text, std::vector<Token>& out);

    /// Like analyse(), but a word that starts with an ASCII letter or digit whose lower case
    /// is not in `wanted_first_bytes` is not normalised: it gives one Token with an empty
    /// term (and its offsets). For callers that look for a few known words (snippets).
    void analyse_some(std::string_view text, std::vector<Token>& out,
                      const std::array<bool, 256>& wanted_first_bytes);

    /// The stem of an already-normalised term, in this analyzer's language.
    std::string stem(const std::string& term) const { return m_stemmer(term); }

    /// A stemmer for a language code as given by articles ("en", "fr", "de" …); falls back to
    /// this analyzer's default for unknown codes.
    const Xapian::Stem& stemmer_for(std::string_view language);

    const Xapian::Stem& stemmer() const { return m_stemmer; }
    const std::string& language() const { return m_language; }

private:
    Tokenizer m_tokenizer;
    std::vector<Segment> m_segments;
    Xapian::Stem m_stemmer;
    std::string m_language;
    std::vector<std::pair<std::string, Xapian::Stem>> m_other_stemmers;
};

/// Maps "en", "english", "EN", "en-GB" … to a Snowball language name; "" if none.
std::string snowball_language(std::string_view code);

/// Bytes of text analysed at a time by callers that cut long text (see next_piece()).
inline constexpr std::size_t analysis_piece_bytes = std::size_t{64} << 10;

/// The next piece of `rest` (which is advanced past it): all of it when it is at most
/// `piece_bytes` long, else up to just after the last space or newline before that size that
/// an ASCII byte follows. Words never span white space, so analysing the pieces one by one
/// gives the terms of the whole text, while only one piece's tokens exist at a time: an
/// article's analysis then costs memory in proportion to a piece, not to the article.
[[nodiscard]] std::string_view next_piece(std::string_view& rest,
                                          std::size_t piece_bytes = analysis_piece_bytes);

} // namespace newsdex::analysis
