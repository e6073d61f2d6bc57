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

Snippet make_snippet(std::string_view text, const QueryTerms& terms,
                     analysis::Analyzer& analyzer, std::size_t max_bytes) {
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
    std::vector<analysis::Token> tokens;
    tokens.reserve(text.size() / 5 + 16); // about one word per 5–6 bytes of news text
    analyzer.analyse_some(text, tokens, wanted_starts);
    std::vector<int> match(tokens.size(), -1); // id of the query word a token matches
    std::vector<std::string> matched_words;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& term = tokens[i].term;
        std::string key;
        if (term.empty()) {
            continue;
        }
        if (terms.exact.count(term) != 0) {
            key = term;
        } else if (!term.empty() && stem_starts[static_cast<unsigned char>(term[0])]) {
            const std::string stem = analyzer.stem(term);
            if (terms.stems.count(stem) != 0) {
                key = stem;
            }
        }
        if (!key.empty()) {
            auto found = std::find(matched_words.begin(), matched_words.end(), key);
            if (found == matched_words.end()) {
                matched_words.push_back(key);
                found = matched_words.end() - 1;
            }
            match[i] = static_cast<int>(found - matched_words.begin());
        }
    }

    // Slide a window of tokens spanning at most max_bytes; score = distinct words, then count.
    std::size_t best_first = 0;
    std::size_t best_distinct = 0;
    std::size_t best_count = 0;
    std::vector<int> seen(matched_words.size(), 0);
    std::size_t distinct = 0;
    std::size_t count = 0;
    std::size_t last = 0;
    for (std::size_t first = 0; first < tokens.size(); ++first) {
        while (last < tokens.size() && tokens[last].end - tokens[first].start <= max_bytes) {
            if (match[last] >= 0) {
                distinct += seen[static_cast<std::size_t>(match[last])]++ == 0 ? 1 : 0;
                ++count;
            }
            ++last;
        }
        if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
            best_first = first;
            best_distinct = distinct;
            best_count = count;
        }
        if (match[first] >= 0) {
            distinct -= --seen[static_cast<std::size_t>(match[first])] == 0 ? 1 : 0;
            --count;
        }
        if (last == tokens.size() && best_distinct == matched_words.size()) {
            break;
        }
    }

    Snippet snippet;
    if (tokens.empty()) {
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
    // Start a little before the first match so it reads as a sentence, not a fragment.
    // The best window is the earliest that holds the matches, so it tends to end on them:
    // start from its first match instead, with a few words of lead-in.
    std::size_t first = best_first;
    if (best_distinct > 0) {
        while (match[first] < 0) {
            ++first;
        }
        const std::size_t first_match = first;
        std::size_t lead = 0;
        while (first > 0 && lead < 6 &&
               tokens[first - 1].start + max_bytes / 4 >= tokens[first_match].start) {
            --first;
            ++lead;
        }
    }
    const std::size_t begin = first == 0 ? 0 : tokens[first].start;
    std::size_t end = begin;
    for (std::size_t i = first; i < tokens.size() && tokens[i].end - begin <= max_bytes; ++i) {
        end = tokens[i].end;
    }
    if (end == begin) {
        end = tokens[first].end;
    }
    // Keep closing punctuation (".", ")", quotes) that follows the last word.
    while (end < text.size() && end - begin < max_bytes + 3 &&
           std::string_view(".,;:!?)\"'").find(text[end]) != std::string_view::npos) {
        ++end;
    }
    if (begin > 0) {
        snippet.text = "… ";
    }
    std::size_t cursor = begin;
    for (std::size_t i = first; i < tokens.size() && tokens[i].end <= end; ++i) {
        if (match[i] < 0 || (i > first && tokens[i].start == tokens[i - 1].start)) {
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

} // namespace newsdex::search
