#include "newsdex/analysis/analyzer.h"

#include <algorithm>

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

void normalise_word(std::string_view word, SegmentKind kind, std::size_t start, std::size_t end,
                    std::vector<Token>& out) {
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
    bool first = true;
    std::size_t from = 0;
    while (from <= term.size()) {
        std::size_t to = term.find('\'', from);
        if (to == std::string::npos) {
            to = term.size();
        }
        if (to > from && to - from <= max_term_bytes) {
            out.push_back(Token{term.substr(from, to - from), start, end, !first});
            first = false;
        }
        from = to + 1;
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
    for (const Segment& s : m_segments) {
        normalise_word(text.substr(s.start, s.end - s.start), s.kind, s.start, s.end, out);
    }
}

void Analyzer::analyse_some(std::string_view text, std::vector<Token>& out,
                            const std::array<bool, 256>& wanted_first_bytes) {
    out.clear();
    m_segments.clear();
    m_tokenizer.split(text, m_segments);
    for (const Segment& s : m_segments) {
        // A plain ASCII word folds to its lower case, one term with its first letter: it
        // cannot become a wanted term unless that byte is wanted. Words with anything else
        // ("l'Élysée", "al-Assad", "U.S.") may split or change: those are normalised.
        bool plain = true;
        for (std::size_t i = s.start; i < s.end && plain; ++i) {
            const char c = text[i];
            plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (plain && s.end > s.start &&
            !wanted_first_bytes[static_cast<unsigned char>(text[s.start] | 0x20)]) {
            out.push_back(Token{std::string(), s.start, s.end, false});
            continue;
        }
        normalise_word(text.substr(s.start, s.end - s.start), s.kind, s.start, s.end, out);
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
