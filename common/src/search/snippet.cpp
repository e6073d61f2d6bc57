#include "newsdex/search/snippet.h"

#include <algorithm>
#include <array>
#include <vector>

#include "newsdex/schema.h"

namespace newsdex::search {
namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Appends text with every run of white space turned into one space.
void append_one_line(std::string& out, std::string_view text) {
    bool space = !out.empty() && out.back() == ' ';
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            if (!space) {
                out += ' ';
                space = true;
            }
        } else {
            out += c;
            space = false;
        }
    }
}

} // namespace

QueryTerms query_terms(const Xapian::Query& query) {
    QueryTerms terms;
    const std::string stem_prefix(schema::stem_prefix);
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string& t = *it;
        if (t.empty()) {
            continue;
        }
        if (t.compare(0, stem_prefix.size(), stem_prefix) == 0) {
            const std::string rest = t.substr(stem_prefix.size());
            if (!rest.empty() && !(rest[0] >= 'A' && rest[0] <= 'Z')) {
                terms.stems.insert(rest);
            }
        } else if (!(t[0] >= 'A' && t[0] <= 'Z')) {
            terms.exact.insert(t); // unprefixed: a body/title word
        }
    }
    return terms;
}

namespace {

// A passage starts a few words before its first match, so that it reads as a sentence rather
// than a fragment: at most this many words, within a quarter of the passage's length.
constexpr std::size_t lead_in_words = 6;
constexpr std::size_t lead_in_share = 4;
// Closing punctuation after the last word (".", ")", quotes) may run this many bytes over.
constexpr std::size_t closing_slack = 3;

// The text's words, and for each the query word it matches (an index into `words`; -1: none).
struct Matches {
    std::vector<analysis::Token> tokens;
    std::vector<int> match;
    std::vector<std::string> words;
};

Matches match_query_words(std::string_view text, const QueryTerms& terms,
                          analysis::Analyzer& analyzer) {
    // Normalising and stemming every word of the body was most of a snippet's cost. A stem
    // keeps its word's first byte ("dying" → "die", "Häuser" → "haus"), so only words that
    // start like one of the query's words or stems can match.
    std::array<bool, 256> stem_starts{};
    for (const std::string& stem : terms.stems) {
        stem_starts[static_cast<unsigned char>(stem[0])] = true;
    }
    std::array<bool, 256> wanted_starts = stem_starts;
    for (const std::string& word : terms.exact) {
        if (!word.empty()) {
            wanted_starts[static_cast<unsigned char>(word[0])] = true;
        }
    }
    Matches m;
    m.tokens.reserve(text.size() / 5 + 16); // about one word per 5–6 bytes of news text
    analyzer.analyse_some(text, m.tokens, wanted_starts);
    m.match.assign(m.tokens.size(), -1);
    for (std::size_t i = 0; i < m.tokens.size(); ++i) {
        const std::string& term = m.tokens[i].term;
        std::string key;
        if (term.empty()) {
            continue;
        }
        if (terms.exact.count(term) != 0) {
            key = term;
        } else if (stem_starts[static_cast<unsigned char>(term[0])]) {
            const std::string stem = analyzer.stem(term);
            if (terms.stems.count(stem) != 0) {
                key = stem;
            }
        }
        if (!key.empty()) {
            auto found = std::find(m.words.begin(), m.words.end(), key);
            if (found == m.words.end()) {
                m.words.push_back(key);
                found = m.words.end() - 1;
            }
            m.match[i] = static_cast<int>(found - m.words.begin());
        }
    }
    return m;
}

struct Window {
    std::size_t first = 0;    ///< token index
    std::size_t distinct = 0; ///< distinct query words in it
};

// Slides a window of tokens spanning at most max_bytes; the best has the most distinct query
// words, then the most matches, then comes first.
Window best_window(const Matches& m, std::size_t max_bytes) {
    const std::vector<analysis::Token>& tokens = m.tokens;
    Window best;
    std::size_t best_count = 0;
    std::vector<int> seen(m.words.size(), 0);
    std::size_t distinct = 0;
    std::size_t count = 0;
    std::size_t last = 0;
    for (std::size_t first = 0; first < tokens.size(); ++first) {
        while (last < tokens.size() && tokens[last].end - tokens[first].start <= max_bytes) {
            if (m.match[last] >= 0) {
                distinct += seen[static_cast<std::size_t>(m.match[last])]++ == 0 ? 1 : 0;
                ++count;
            }
            ++last;
        }
        if (distinct > best.distinct || (distinct == best.distinct && count > best_count)) {
            best = Window{first, distinct};
            best_count = count;
        }
        if (m.match[first] >= 0) {
            distinct -= --seen[static_cast<std::size_t>(m.match[first])] == 0 ? 1 : 0;
            --count;
        }
        if (last == tokens.size() && best.distinct == m.words.size()) {
            break;
        }
    }
    return best;
}

// The start of a text without words to show: up to max_bytes, cut on a character boundary.
Snippet text_start(std::string_view text, std::size_t max_bytes) {
    Snippet snippet;
    std::size_t cut = std::min(text.size(), max_bytes);
    while (cut < text.size() && cut > 0 && is_continuation_byte(text[cut])) {
        --cut;
    }
    append_one_line(snippet.text, text.substr(0, cut));
    if (cut < text.size()) {
        snippet.text += "…";
    }
    return snippet;
}

// The window's first token to show. The best window is the earliest that holds the matches,
// so it tends to end on them: start from its first match instead, with a few words of lead-in.
std::size_t passage_start(const Matches& m, const Window& window, std::size_t max_bytes) {
    std::size_t first = window.first;
    if (window.distinct == 0) {
        return first;
    }
    while (m.match[first] < 0) {
        ++first;
    }
    const std::size_t first_match = first;
    std::size_t lead = 0;
    while (first > 0 && lead < lead_in_words &&
           m.tokens[first - 1].start + max_bytes / lead_in_share >= m.tokens[first_match].start) {
        --first;
        ++lead;
    }
    return first;
}

// The passage from token `first`, at most max_bytes (and its closing punctuation), with its
// matches highlighted and "…" where it was cut.
Snippet render_passage(std::string_view text, const Matches& m, std::size_t first,
                       std::size_t max_bytes) {
    const std::vector<analysis::Token>& tokens = m.tokens;
    const std::size_t begin = first == 0 ? 0 : tokens[first].start;
    std::size_t end = begin;
    for (std::size_t i = first; i < tokens.size() && tokens[i].end - begin <= max_bytes; ++i) {
        end = tokens[i].end;
    }
    if (end == begin) {
        end = tokens[first].end;
    }
    while (end < text.size() && end - begin < max_bytes + closing_slack &&
           std::string_view(".,;:!?)\"'").find(text[end]) != std::string_view::npos) {
        ++end;
    }
    Snippet snippet;
    if (begin > 0) {
        snippet.text = "… ";
    }
    std::size_t cursor = begin;
    for (std::size_t i = first; i < tokens.size() && tokens[i].end <= end; ++i) {
        if (m.match[i] < 0 || (i > first && tokens[i].start == tokens[i - 1].start)) {
            continue;
        }
        append_one_line(snippet.text, text.substr(cursor, tokens[i].start - cursor));
        const std::size_t hl_start = snippet.text.size();
        snippet.text.append(text, tokens[i].start, tokens[i].end - tokens[i].start);
        snippet.highlights.emplace_back(hl_start, snippet.text.size());
        cursor = tokens[i].end;
    }
    append_one_line(snippet.text, text.substr(cursor, end - cursor));
    while (!snippet.text.empty() && snippet.text.back() == ' ') {
        snippet.text.pop_back();
    }
    if (end < text.size()) {
        snippet.text += " …";
    }
    return snippet;
}

} // namespace

Snippet make_snippet(std::string_view text, const QueryTerms& terms, analysis::Analyzer& analyzer,
                     std::size_t max_bytes) {
    const Matches m = match_query_words(text, terms, analyzer);
    if (m.tokens.empty()) {
        return text_start(text, max_bytes);
    }
    const Window window = best_window(m, max_bytes);
    return render_passage(text, m, passage_start(m, window, max_bytes), max_bytes);
}

} // namespace newsdex::search
