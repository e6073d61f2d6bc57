#include "newsdex/search/suggestions.h"

#include <algorithm>
#include <map>
#include <optional>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/ascii.h"

namespace newsdex::search {
namespace {

/// Short values allow one edit, longer ones two ("UK" must not suggest "US").
std::size_t edit_limit(std::string_view key) { return key.size() <= 4 ? 1 : 2; }

/// The last `count` words of a name, hyphens read as spaces ("jean-yves le drian", 2 → "le
/// drian"); nullopt when it has no more words than that.
std::optional<std::string> last_words(std::string_view name, std::size_t count) {
    std::size_t words = 0;
    std::size_t at = name.size();
    while (at > 0 && words < count) {
        --at;
        if (name[at] == ' ' || name[at] == '-') {
            ++words;
        }
    }
    if (words != count) {
        return std::nullopt;
    }
    std::string tail(name.substr(at + 1));
    std::replace(tail.begin(), tail.end(), '-', ' ');
    return tail;
}

/// The best candidate so far: fewest edits, then the greatest weight.
struct Best {
    std::size_t limit;
    std::size_t distance;
    std::uint64_t weight = 0;

    explicit Best(std::size_t edit_limit) : limit(edit_limit), distance(edit_limit + 1) {}

    bool improved_by(std::string_view query, std::string_view candidate, std::uint64_t w) {
        const std::size_t d = edit_distance(query, candidate, limit);
        if (d <= limit && d > 0 && (d < distance || (d == distance && w > weight))) {
            distance = d;
            weight = w;
            return true;
        }
        return false;
    }
};

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) {
        return limit + 1;
    }
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        std::size_t best = row[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
            best = std::min(best, row[j]);
        }
        if (best > limit) {
            return limit + 1;
        }
    }
    return row[b.size()];
}

std::string ValueSuggester::suggest(const schema::Field& f, std::string_view raw) {
    const std::string name(f.name);
    const bool place = name == "location" || name == "country";
    std::string query = analysis::fold(trim(raw));
    if (name == "location") {
        query = analysis::fold(trim(raw.substr(0, raw.rfind(','))));
    }
    std::replace(query.begin(), query.end(), '-', ' ');
    Best best(edit_limit(query));
    const FacetValue* best_value = nullptr; // shown at the end: reading it costs a document
    const std::size_t want_words = name_words(query).size();
    for (const FacetValue& v : m_values.values(f.prefix)) {
        const std::string_view candidate =
            name == "location" ? schema::split_location_key(v.key).name : std::string_view(v.key);
        if (best.improved_by(query, candidate, v.freq)) {
            best_value = &v;
        }
        if (!place && want_words > 0) {
            // The same number of trailing words: "Le Drain" → "Le Drian".
            const std::optional<std::string> tail = last_words(candidate, want_words);
            if (tail && best.improved_by(query, *tail, v.freq)) {
                best_value = &v;
            }
        }
    }
    std::string suggestion;
    if (best_value != nullptr) {
        suggestion = m_values.display_of(name, f.prefix, best_value->key);
        if (name == "location") {
            suggestion = schema::split_location_display(suggestion).first;
        }
    }
    if (place) {
        if (m_place_keys.empty()) {
            for (const analysis::Place& p : m_values.gazetteer().places()) {
                m_place_keys.emplace_back(analysis::name_key(p.name), &p);
            }
        }
        const std::string key = analysis::name_key(query);
        for (const auto& [candidate, p] : m_place_keys) {
            if (name == "country" && p->kind != analysis::PlaceKind::country) {
                continue;
            }
            if (best.improved_by(key, candidate, p->population)) {
                suggestion = p->name;
            }
        }
    }
    return suggestion;
}

namespace {

// How much more frequent a correction must be than the word as typed: a name one article
// misspells ("Bernake", 1) against its usual form (hundreds), not two words both in use.
constexpr Xapian::doccount correction_frequency_ratio = 20;

// A word is rare enough to be corrected when at most this many articles have it (and at least
// 3): one in 20,000 articles, so a typo repeated in a few copies of a story still counts.
Xapian::doccount rare_limit(const Xapian::Database& db) {
    return std::max<Xapian::doccount>(3, db.get_doccount() / 20000);
}

// Every string one edit (deletion, transposition, substitution, insertion of a-z) from `word`.
std::vector<std::string> one_edit_away(const std::string& word) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        out.push_back(word.substr(0, i) + word.substr(i + 1));
        if (i + 1 < word.size()) {
            std::string swapped = word;
            std::swap(swapped[i], swapped[i + 1]);
            out.push_back(std::move(swapped));
        }
    }
    for (std::size_t i = 0; i <= word.size(); ++i) {
        for (char c = 'a'; c <= 'z'; ++c) {
            out.push_back(word.substr(0, i) + c + word.substr(i));
            if (i < word.size() && word[i] != c) {
                std::string changed = word;
                changed[i] = c;
                out.push_back(std::move(changed));
            }
        }
    }
    return out;
}

bool ascii_word(std::string_view w) {
    return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The suggestion in the case the word was written in: "BERNAKE" → "BERNANKE", "Bernake" →
// "Bernanke", "bernake" → "bernanke".
std::string in_written_case(std::string suggestion, std::string_view written) {
    const bool all_upper = written.size() > 1 && std::all_of(written.begin(), written.end(),
                                                             [](char c) { return is_upper(c); });
    if (all_upper) {
        return upper_ascii(suggestion);
    }
    if (!written.empty() && is_upper(written.front()) && !suggestion.empty()) {
        suggestion.front() = to_upper(suggestion.front());
    }
    return suggestion;
}

} // namespace

std::string correct_word(const Xapian::Database& db, const std::string& word) {
    if (word.size() < 3 || !ascii_word(word)) {
        return std::string();
    }
    const Xapian::doccount freq = db.get_termfreq(word);
    if (freq > rare_limit(db)) {
        return std::string();
    }
    const Xapian::doccount wanted =
        std::max<Xapian::doccount>(1, freq * correction_frequency_ratio);
    std::string best;
    Xapian::doccount best_freq = 0;
    for (const std::string& candidate : one_edit_away(word)) {
        if (candidate.size() < 2) {
            continue;
        }
        const Xapian::doccount f = db.get_termfreq(candidate);
        if (f >= wanted && f > best_freq) {
            best = candidate;
            best_freq = f;
        }
    }
    if (!best.empty()) {
        return best;
    }
    try {
        // Two edits: Xapian's trigram index of the spelling table (local databases only; it
        // suggests a word in the table only when it is more frequent than the one typed).
        std::string suggestion = db.get_spelling_suggestion(word, 2);
        if (!suggestion.empty() && suggestion != word && db.get_termfreq(suggestion) >= wanted) {
            return suggestion;
        }
    } catch (const Xapian::UnimplementedError&) {
        // a backend without spelling data (in-memory)
    }
    return std::string();
}

std::string spelling_suggestion(const Xapian::Database& db, std::string_view text) {
    const std::vector<Token> tokens = lex(text);
    std::map<std::size_t, std::string> replacements;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.kind != TokenKind::word || t.core.size() < 3 || all_digits(t.core)) {
            continue;
        }
        const std::string corrected = correct_word(db, analysis::fold(t.core));
        if (!corrected.empty()) {
            replacements[i] = in_written_case(corrected, t.core);
        }
    }
    // The text as written, each corrected word's core replaced (its trailing punctuation kept).
    std::string out;
    std::size_t at = 0;
    for (const auto& [i, corrected] : replacements) {
        const Token& t = tokens[i];
        const std::size_t in_token = text.substr(t.start, t.end - t.start).find(t.core);
        if (in_token == std::string_view::npos) {
            continue;
        }
        const std::size_t core_start = t.start + in_token;
        out += text.substr(at, core_start - at);
        out += corrected;
        at = core_start + t.core.size();
    }
    if (at == 0) {
        return std::string();
    }
    out += text.substr(at);
    return out;
}

} // namespace newsdex::search
