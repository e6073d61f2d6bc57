#include "newsdex/analysis/simhash.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdio>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/analysis/stopwords.h"
#include "newsdex/hash.h"

namespace newsdex::analysis {
namespace {

std::uint64_t hash_shingle(const std::vector<std::string>& words, std::size_t from,
                           std::size_t count) {
    std::uint64_t h = fnv1a64_stored_basis;
    for (std::size_t i = from; i < from + count; ++i) {
        h = fnv1a64(words[i], h);
        h = fnv1a64(std::uint8_t{0x1f}, h); // word separator: ("ab","c") ≠ ("a","bc")
    }
    // SimHash needs every bit to be a fair coin.
    return mix64(h);
}

bool is_blank(std::string_view line) {
    return std::all_of(line.begin(), line.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// Paragraphs: separated by blank lines, or started by an indented line (Reuters-style bodies
// indent each paragraph and hard-wrap its lines). Lines of one paragraph are joined.
std::vector<std::string_view> paragraphs(std::string_view body) {
    std::vector<std::string_view> out;
    std::size_t para_start = std::string_view::npos;
    std::size_t para_end = 0;
    std::size_t pos = 0;
    auto close = [&] {
        if (para_start != std::string_view::npos) {
            out.push_back(body.substr(para_start, para_end - para_start));
            para_start = std::string_view::npos;
        }
    };
    while (pos <= body.size()) {
        std::size_t nl = body.find('\n', pos);
        if (nl == std::string_view::npos) {
            nl = body.size();
        }
        const std::string_view line = body.substr(pos, nl - pos);
        if (is_blank(line)) {
            close();
        } else {
            if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
                close();
            }
            if (para_start == std::string_view::npos) {
                para_start = pos;
            }
            para_end = nl;
        }
        pos = nl + 1;
    }
    close();
    return out;
}

// "More news: …", "Read more: …", "Photo: …", "Related: …": a short paragraph that starts
// with a label of at most three words and a colon is navigation or a credit, not the story.
bool is_label_line(std::string_view para, std::size_t words) {
    if (words >= 20) {
        return false; // a dateline lead ("LONDON: The Bank of England …") is a real paragraph
    }
    const std::size_t colon = para.find(':');
    if (colon == std::string_view::npos || colon > 30) {
        return false;
    }
    std::size_t label_words = 1;
    for (std::size_t i = 0; i < colon; ++i) {
        label_words += para[i] == ' ' ? 1 : 0;
    }
    return label_words <= 3;
}

} // namespace

bool is_ticker(std::string_view word) {
    const std::size_t dot = word.find('.');
    if (dot == std::string_view::npos || dot < 2 || word.size() - dot - 1 < 1 ||
        word.size() - dot - 1 > 3) {
        return false;
    }
    const auto capital_or_digit = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    const auto capital = [](char c) { return c >= 'A' && c <= 'Z'; };
    return std::all_of(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(dot),
                       capital_or_digit) &&
           std::all_of(word.begin() + static_cast<std::ptrdiff_t>(dot) + 1, word.end(), capital);
}

std::string story_headline(std::string_view title) {
    static constexpr std::string_view markers[] = {"UPDATE", "REFILE", "CORRECTED", "CORRECTION",
                                                   "RPT",    "REPEAT", "WRAPUP"};
    for (bool again = true; again;) {
        again = false;
        std::string_view rest = title;
        while (!rest.empty() && rest.front() == ' ') {
            rest.remove_prefix(1);
        }
        for (const std::string_view marker : markers) {
            if (rest.substr(0, marker.size()) != marker) {
                continue;
            }
            std::string_view after = rest.substr(marker.size());
            while (!after.empty() &&
                   (after.front() == ' ' || (after.front() >= '0' && after.front() <= '9'))) {
                after.remove_prefix(1);
            }
            if (!after.empty() && after.front() == '-') {
                title = after.substr(1);
                again = true;
            }
            break;
        }
    }
    std::string key;
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : fold(title)) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            in_word = false;
            continue;
        }
        if (!in_word) {
            key += key.empty() ? "" : " ";
            ++words;
            in_word = true;
        }
        key += c;
    }
    return words >= 4 ? key : std::string();
}

std::optional<Simhash> simhash(std::string_view body, Analyzer& analyzer,
                               const SimhashOptions& options) {
    // Distinct shingles, by sorting at the end: 8 bytes each, where a hash set takes 40.
    std::vector<std::uint64_t> shingles;
    std::vector<Token> tokens;
    std::vector<std::string> words;
    const std::size_t width = std::max<std::size_t>(1, options.shingle_words);
    for (const std::string_view para : paragraphs(body)) {
        // A long paragraph a piece at a time, the last words of one piece carried into the
        // next: the same shingles as the whole, without its tokens all at once.
        words.clear();
        std::size_t paragraph_tokens = 0;
        for (std::string_view rest = para; !rest.empty();) {
            const std::string_view piece = next_piece(rest);
            analyzer.analyse(piece, tokens);
            paragraph_tokens += tokens.size();
            const bool whole = rest.empty() && paragraph_tokens == tokens.size();
            if (whole && (tokens.size() < options.min_paragraph_words ||
                          is_label_line(para, tokens.size()))) {
                break;
            }
            for (const Token& t : tokens) {
                if (!is_stopword(t.term) && !is_ticker(piece.substr(t.start, t.end - t.start))) {
                    words.push_back(analyzer.stem(t.term));
                }
            }
            if (words.size() < width) {
                continue;
            }
            for (std::size_t i = 0; i + width <= words.size(); ++i) {
                shingles.push_back(hash_shingle(words, i, width));
            }
            words.erase(words.begin(), words.end() - static_cast<std::ptrdiff_t>(width - 1));
        }
    }
    std::sort(shingles.begin(), shingles.end());
    shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
    if (shingles.size() < std::max<std::size_t>(1, options.min_shingles)) {
        return std::nullopt;
    }
    std::array<long, 64> votes{};
    for (const std::uint64_t h : shingles) {
        for (std::size_t bit = 0; bit < 64; ++bit) {
            votes[bit] += ((h >> bit) & 1U) != 0 ? 1 : -1;
        }
    }
    Simhash result;
    result.shingles = shingles.size();
    for (std::size_t bit = 0; bit < 64; ++bit) {
        if (votes[bit] > 0) {
            result.bits |= std::uint64_t{1} << bit;
        }
    }
    return result;
}

int hamming(std::uint64_t a, std::uint64_t b) {
    return static_cast<int>(std::bitset<64>(a ^ b).count());
}

bool near_duplicate(std::uint64_t a, std::uint64_t b) {
    return hamming(a, b) <= simhash_max_distance;
}

std::array<std::uint64_t, simhash_bands> band_keys(std::uint64_t bits) {
    static_assert(simhash_bands >= 2, "a band must leave the top byte free for its number");
    std::array<std::uint64_t, simhash_bands> keys{};
    for (int band = 0; band < simhash_bands; ++band) {
        const int from = band * 64 / simhash_bands;
        const int to = (band + 1) * 64 / simhash_bands;
        const std::uint64_t mask = (std::uint64_t{1} << (to - from)) - 1;
        keys[static_cast<std::size_t>(band)] =
            (static_cast<std::uint64_t>(band) << 56) | ((bits >> from) & mask);
    }
    return keys;
}

std::string DuplicateClusters::add(const std::string& id, const std::optional<Simhash>& signature) {
    if (!signature) {
        m_members[id].push_back(id);
        return id;
    }
    const auto keys = band_keys(signature->bits);
    std::size_t best = m_entries.size();
    int best_distance = simhash_max_distance + 1;
    for (const std::uint64_t key : keys) {
        const auto it = m_bands.find(key);
        if (it == m_bands.end()) {
            continue;
        }
        for (const std::size_t i : it->second) {
            const int d = hamming(m_entries[i].bits, signature->bits);
            if (d < best_distance || (d == best_distance && i < best)) {
                best = i;
                best_distance = d;
            }
        }
    }
    std::string cluster = best < m_entries.size() ? m_entries[best].cluster : id;
    const std::size_t index = m_entries.size();
    m_entries.push_back({signature->bits, cluster});
    for (const std::uint64_t key : keys) {
        m_bands[key].push_back(index);
    }
    m_members[cluster].push_back(id);
    return cluster;
}

} // namespace newsdex::analysis
