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

std::string spelling_suggestion(const Xapian::Database& db, std::string_view text,
                                const std::vector<Token>& tokens) {
    try {
        if (db.spellings_begin() == db.spellings_end()) {
            return std::string();
        }
    } catch (const Xapian::UnimplementedError&) {
        return std::string(); // a backend without spelling data (in-memory)
    }
    std::map<std::size_t, std::string> replacements;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.removed || t.kind != TokenKind::word || t.core.size() < 3 || all_digits(t.core)) {
            continue;
        }
        const std::string folded = analysis::fold(t.core);
        if (db.term_exists(folded)) {
            continue;
        }
        const std::string suggestion = db.get_spelling_suggestion(folded);
        if (!suggestion.empty() && suggestion != folded) {
            replacements[i] = suggestion;
        }
    }
    return replacements.empty() ? std::string() : rebuild(text, tokens, replacements);
}

} // namespace newsdex::search
