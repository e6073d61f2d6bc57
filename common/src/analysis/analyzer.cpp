#include "newsdex/analysis/analyzer.h"

#include <algorithm>

#include "newsdex/analysis/name_forms.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/error.h"

namespace newsdex::analysis {
namespace {

struct LanguageCode {
    std::string_view code;
    std::string_view snowball;
};

constexpr LanguageCode language_codes[] = {
    {"ar", "arabic"},     {"da", "danish"},    {"de", "german"},     {"en", "english"},
    {"es", "spanish"},    {"eu", "basque"},    {"ca", "catalan"},    {"fi", "finnish"},
    {"fr", "french"},     {"hu", "hungarian"}, {"hy", "armenian"},   {"id", "indonesian"},
    {"ga", "irish"},      {"it", "italian"},   {"lt", "lithuanian"}, {"ne", "nepali"},
    {"nl", "dutch"},      {"no", "norwegian"}, {"nb", "norwegian"},  {"nn", "norwegian"},
    {"pt", "portuguese"}, {"ro", "romanian"},  {"ru", "russian"},    {"sv", "swedish"},
    {"ta", "tamil"},      {"tr", "turkish"},
};

// Removes every occurrence of c, in place.
void erase_all(std::string& s, char c) { s.erase(std::remove(s.begin(), s.end(), c), s.end()); }

bool has_letter(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x80 || (u >= 'a' && u <= 'z');
    });
}

// U+2019 RIGHT SINGLE QUOTATION MARK is the apostrophe typography gives most news text.
void unify_apostrophes(std::string& s) {
    std::string::size_type pos;
    while ((pos = s.find("\xE2\x80\x99")) != std::string::npos) {
        s.replace(pos, 3, "'");
    }
}

} // namespace

std::string snowball_language(std::string_view code) {
    std::string folded = fold(code);
    if (folded.empty() || folded == "none") {
        return {};
    }
    for (const auto& lc : language_codes) {
        if (folded == lc.snowball) {
            return std::string(lc.snowball);
        }
    }
    const std::string_view two = std::string_view(folded).substr(0, 2);
    if (folded.size() == 2 || (folded.size() > 2 && (folded[2] == '-' || folded[2] == '_'))) {
        for (const auto& lc : language_codes) {
            if (two == lc.code) {
                return std::string(lc.snowball);
            }
        }
    }
    return {};
}

namespace {

bool has_umlaut(std::string_view word) {
    for (std::size_t i = 0; i + 1 < word.size(); ++i) {
        if (static_cast<unsigned char>(word[i]) == 0xC3) {
            switch (static_cast<unsigned char>(word[i + 1])) {
            case 0xA4:
            case 0x84:
            case 0xB6:
            case 0x96:
            case 0xBC:
            case 0x9C:
                return true;
            default:
                break;
            }
        }
    }
    return false;
}

bool capitalised(std::string_view word) {
    return !word.empty() && word[0] >= 'A' && word[0] <= 'Z';
}

// Capitals only, at least two letters: a word in a headline or shout in capitals.
bool in_capitals(std::string_view word) {
    std::size_t letters = 0;
    for (char c : word) {
        if (c >= 'a' && c <= 'z') {
            return false;
        }
        letters += (c >= 'A' && c <= 'Z') ? 1 : 0;
    }
    return letters >= 2;
}

} // namespace

bool written_as_acronym(std::string_view word, bool among_capitals) {
    std::size_t letters = 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        if (c >= 'A' && c <= 'Z') {
            ++letters;
        } else if (c != '.' || i == 0) {
            return false;
        }
    }
    return letters >= 2 && letters <= 5 && !among_capitals;
}

bool among_capitals(std::string_view text, const std::vector<Segment>& segments, std::size_t i) {
    // Three words each way, within the line: far enough to see past an acronym pair
    // ("US FDA"), near enough that an all-capitals headline line is judged on its own.
    constexpr std::size_t reach = 3;
    std::size_t in_capitals_count = 0;
    const auto look = [&](std::size_t from, std::size_t to) { // segments between: same line?
        return text.substr(from, to - from).find('\n') == std::string_view::npos;
    };
    bool lower_case_seen = false;
    const auto weigh = [&](const Segment& n) {
        const std::string_view w = text.substr(n.start, n.end - n.start);
        if (std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
            lower_case_seen = true;
        } else if (in_capitals(w)) {
            ++in_capitals_count;
        }
    };
    for (std::size_t k = i, seen = 0; k > 0 && seen < reach; --k) {
        if (!look(segments[k - 1].end, segments[k].start)) {
            break;
        }
        if (segments[k - 1].kind == SegmentKind::word) {
            weigh(segments[k - 1]);
            ++seen;
        }
    }
    for (std::size_t k = i, seen = 0; k + 1 < segments.size() && seen < reach; ++k) {
        if (!look(segments[k].end, segments[k + 1].start)) {
            break;
        }
        if (segments[k + 1].kind == SegmentKind::word) {
            weigh(segments[k + 1]);
            ++seen;
        }
    }
    return !lower_case_seen && in_capitals_count >= 2;
}

std::string_view expanded_abbreviation(std::string_view word, std::string_view previous,
                                       std::string_view next) {
    if (word == "Corp" || word == "CORP") {
        return "corporation";
    }
    if (word == "Intl" || word == "Int'l" || word == "INTL") {
        return "international";
    }
    if (word == "St" && capitalised(previous) && !capitalised(next)) {
        return "street";
    }
    return {};
}

bool capitalised_inside(std::string_view text, std::size_t start, std::size_t end) {
    const std::string_view word = text.substr(start, end - start);
    if (!capitalised(word) ||
        std::none_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
        return false;
    }
    std::size_t before = start;
    while (before > 0 && text[before - 1] == ' ') {
        --before;
    }
    if (before == 0 || before == start) {
        return false; // the start, or a line break, tab or other mark right before it
    }
    const char c = text[before - 1];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ',';
}

void normalise_segment(std::string_view text, const std::vector<Segment>& segments, std::size_t i,
                       std::vector<Token>& out) {
    const Segment& s = segments[i];
    const std::string_view word = text.substr(s.start, s.end - s.start);
    const auto is_word = [](const Segment& n) { return n.kind == SegmentKind::word; };
    std::string_view previous;
    if (i > 0 && is_word(segments[i - 1])) {
        previous = text.substr(segments[i - 1].start, segments[i - 1].end - segments[i - 1].start);
    }
    std::string_view next;
    if (i + 1 < segments.size() && is_word(segments[i + 1])) {
        const Segment& n = segments[i + 1];
        std::string_view gap = text.substr(s.end, n.start - s.end);
        if (!gap.empty() && gap.front() == '.') {
            gap.remove_prefix(1);
        }
        if (std::all_of(gap.begin(), gap.end(), [](char c) { return c == ' '; })) {
            next = text.substr(n.start, n.end - n.start);
        }
    }
    if (s.kind == SegmentKind::word) {
        const std::string_view expanded = expanded_abbreviation(word, previous, next);
        if (!expanded.empty()) {
            out.push_back(Token{std::string(expanded), s.start, s.end, false, {}, false, false});
            return;
        }
    }
    const std::size_t first = out.size();
    normalise_word(word, s.kind, s.start, s.end, out);
    if (s.kind == SegmentKind::word && out.size() == first + 1 &&
        written_as_acronym(word, among_capitals(text, segments, i))) {
        out.back().acronym = true;
    }
    if (s.kind == SegmentKind::word && capitalised_inside(text, s.start, s.end)) {
        for (std::size_t t = first; t < out.size(); ++t) {
            out[t].name_inside_sentence = true;
        }
    }
}

void normalise_word(std::string_view word, SegmentKind kind, std::size_t start, std::size_t end,
                    std::vector<Token>& out) {
    const std::size_t first = out.size();
    std::string term = fold(word);
    unify_apostrophes(term);
    if (kind == SegmentKind::number || !has_letter(term)) {
        erase_all(term, ','); // "340,000" → "340000": people type numbers both ways
    } else {
        erase_all(term, '.'); // "U.S" → "us", "e.g" → "eg"
    }
    // Possessive: "Drian's" → "drian".
    if (term.size() > 2 && term.compare(term.size() - 2, 2, "'s") == 0) {
        term.resize(term.size() - 2);
    }
    // "l'elysee", "o'brien": the parts are terms of their own at consecutive positions, which
    // the query side turns into a phrase; so "Elysee" alone also matches.
    bool first_part = true;
    std::size_t from = 0;
    while (from <= term.size()) {
        std::size_t to = term.find('\'', from);
        if (to == std::string::npos) {
            to = term.size();
        }
        if (to > from && to - from <= max_term_bytes) {
            out.push_back(
                Token{term.substr(from, to - from), start, end, !first_part, {}, false, false});
            first_part = false;
        }
        from = to + 1;
    }
    if (has_umlaut(word)) {
        std::vector<Token> written_out;
        normalise_word(german_transliteration(word), kind, start, end, written_out);
        if (written_out.size() == out.size() - first) {
            for (std::size_t i = 0; i < written_out.size(); ++i) {
                if (written_out[i].term != out[first + i].term) {
                    out[first + i].alternative = std::move(written_out[i].term);
                }
            }
        }
    }
}

Analyzer::Analyzer(std::string_view language) {
    const std::string name = snowball_language(language);
    if (name.empty() && !language.empty() && fold(language) != "none") {
        throw UsageError("unknown language '" + std::string(language) +
                         "' (try en, fr, de … or none)");
    }
    m_language = name;
    if (!name.empty()) {
        m_stemmer = Xapian::Stem(name);
    }
}

void Analyzer::analyse(std::string_view text, std::vector<Token>& out) {
    out.clear();
    m_segments.clear();
    m_tokenizer.split(text, m_segments);
    for (std::size_t i = 0; i < m_segments.size(); ++i) {
        normalise_segment(text, m_segments, i, out);
    }
}

void Analyzer::analyse_some(std::string_view text, std::vector<Token>& out,
                            const std::array<bool, 256>& wanted_first_bytes) {
    out.clear();
    m_segments.clear();
    m_tokenizer.split(text, m_segments);
    for (std::size_t i = 0; i < m_segments.size(); ++i) {
        const Segment& s = m_segments[i];
        // A plain ASCII word folds to its lower case, one term with its first letter: it
        // cannot become a wanted term unless that byte is wanted. Words with anything else
        // ("l'Élysée", "al-Assad", "U.S.") may split or change: those are normalised.
        bool plain = true;
        for (std::size_t b = s.start; b < s.end && plain; ++b) {
            const char c = text[b];
            plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (plain && s.end > s.start &&
            !wanted_first_bytes[static_cast<unsigned char>(text[s.start] | 0x20)]) {
            out.push_back(Token{std::string(), s.start, s.end, false, {}, false, false});
            continue;
        }
        normalise_segment(text, m_segments, i, out);
    }
}

const Xapian::Stem& Analyzer::stemmer_for(std::string_view language) {
    if (language.empty()) {
        return m_stemmer;
    }
    const std::string name = snowball_language(language);
    if (name.empty() || name == m_language) {
        return m_stemmer;
    }
    for (const auto& [n, stem] : m_other_stemmers) {
        if (n == name) {
            return stem;
        }
    }
    m_other_stemmers.emplace_back(name, Xapian::Stem(name));
    return m_other_stemmers.back().second;
}

std::string_view next_piece(std::string_view& rest, std::size_t piece_bytes) {
    std::size_t cut = rest.size();
    if (rest.size() > piece_bytes) {
        cut = 0;
        for (std::size_t i = piece_bytes; i > 0; --i) {
            const char c = rest[i - 1];
            // Not before a combining mark, which would join the space rather than the next word.
            if ((c == ' ' || c == '\n') && static_cast<unsigned char>(rest[i]) < 0x80) {
                cut = i;
                break;
            }
        }
        if (cut == 0) { // one "word" of 64 KiB: no term anyway; cut at a character boundary
            cut = piece_bytes;
            while (cut > 0 && (static_cast<unsigned char>(rest[cut]) & 0xC0) == 0x80) {
                --cut;
            }
            cut = cut == 0 ? piece_bytes : cut;
        }
    }
    const std::string_view piece = rest.substr(0, cut);
    rest.remove_prefix(cut);
    return piece;
}

} // namespace newsdex::analysis
