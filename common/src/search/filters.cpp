#include "newsdex/search/filters.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <map>
#include <unordered_map>
#include <utility>

#include "newsdex/ascii.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/schema.h"

namespace newsdex::search {
namespace {

using analysis::Gazetteer;
using analysis::Place;
using analysis::PlaceKind;

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic is time/calendar.h's; date keys are schema.h's.

using schema::month_key;
using schema::year_key;

bool whole_year(const CivilDate& a, const CivilDate& b) {
    return a.year == b.year && a.month == 1 && a.day == 1 && b.month == 12 && b.day == 31;
}

bool whole_month(const CivilDate& a, const CivilDate& b) {
    return a.year == b.year && a.month == b.month && a.day == 1 &&
           b.day == days_in_month(b.year, b.month);
}

/// "2018", "2018-01", "2018-01-24", "2018-01-01 .. 2018-02-28", "2017-03-01 ..", ".. 2016-12-31".
std::string describe_range(const DayRange& r) {
    if (r.first && r.last) {
        if (*r.first == *r.last) {
            return iso_day(*r.first);
        }
        if (whole_year(*r.first, *r.last)) {
            return year_key(r.first->year);
        }
        if (whole_month(*r.first, *r.last)) {
            return iso_day(*r.first).substr(0, 7);
        }
        return iso_day(*r.first) + " .. " + iso_day(*r.last);
    }
    if (r.first) {
        return iso_day(*r.first) + " ..";
    }
    if (r.last) {
        return ".. " + iso_day(*r.last);
    }
    return "..";
}

// ---------------------------------------------------------------------------------------------
// Date words: "2018-01-24", "March 2017", "24 January 2018", "January 24, 2018", "today" …

enum class Precision { day, month, year, span };

struct DateUnit {
    CivilDate first;
    CivilDate last;
    Precision precision = Precision::day;
    bool relative = false;
    std::size_t words = 0; ///< how many words it took
};

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
    int n = 0;
    for (char c : s) {
        n = n * 10 + (c - '0');
    }
    return n;
}

/// 1..12 for a month name or its usual abbreviation ("sept", "jan."), else 0. Folded input.
int month_number(std::string_view w, bool full_names_only = false) {
    const auto& names = month_names;
    if (!w.empty() && w.back() == '.') {
        w.remove_suffix(1);
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (w == names[i]) {
            return static_cast<int>(i) + 1;
        }
        if (!full_names_only && w.size() == 3 && names[i].substr(0, 3) == w) {
            return static_cast<int>(i) + 1;
        }
    }
    return !full_names_only && w == "sept" ? 9 : 0;
}

/// A plausible year: four digits, 1800–2199.
std::optional<int> year_word(std::string_view w) {
    if (w.size() != 4 || !all_digits(w)) {
        return std::nullopt;
    }
    const int y = to_int(w);
    return y >= 1800 && y < 2200 ? std::optional<int>(y) : std::nullopt;
}

/// "24", "24th", "1st": 1..31, else 0.
int day_word(std::string_view w) {
    std::size_t digits = 0;
    while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') {
        ++digits;
    }
    if (digits == 0 || digits > 2) {
        return 0;
    }
    const std::string_view rest = w.substr(digits);
    if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") {
        return 0;
    }
    const int d = to_int(w.substr(0, digits));
    return d >= 1 && d <= 31 ? d : 0;
}

/// "2018-01-24", "2018-01", "2018" in one word.
std::optional<DateUnit> iso_word(std::string_view w) {
    if (const auto y = year_word(w)) {
        return DateUnit{CivilDate{*y, 1, 1}, CivilDate{*y, 12, 31}, Precision::year, false, 1};
    }
    if (w.size() < 7 || w[4] != '-' || !year_word(w.substr(0, 4))) {
        return std::nullopt;
    }
    const int y = to_int(w.substr(0, 4));
    const std::size_t dash = w.find('-', 5);
    const std::string_view ms = w.substr(5, dash == std::string_view::npos ? w.npos : dash - 5);
    if (!all_digits(ms) || ms.size() > 2 || to_int(ms) < 1 || to_int(ms) > 12) {
        return std::nullopt;
    }
    const int m = to_int(ms);
    if (dash == std::string_view::npos) {
        return DateUnit{CivilDate{y, m, 1}, month_end(y, m), Precision::month, false, 1};
    }
    const std::string_view ds = w.substr(dash + 1);
    if (!all_digits(ds) || ds.size() > 2 || to_int(ds) < 1 || to_int(ds) > days_in_month(y, m)) {
        return std::nullopt;
    }
    const CivilDate d{y, m, to_int(ds)};
    return DateUnit{d, d, Precision::day, false, 1};
}

/// An absolute date starting at words[pos] (folded words, trailing punctuation stripped).
std::optional<DateUnit> absolute_unit(const std::vector<std::string>& words, std::size_t pos) {
    if (pos >= words.size()) {
        return std::nullopt;
    }
    auto at = [&](std::size_t i) -> std::string_view {
        return pos + i < words.size() ? std::string_view(words[pos + i]) : std::string_view();
    };
    if (auto unit = iso_word(at(0))) {
        return unit;
    }
    // 24 January 2018
    if (const int d = day_word(at(0))) {
        const int m = month_number(at(1));
        const auto y = year_word(at(2));
        if (m != 0 && y && d <= days_in_month(*y, m)) {
            const CivilDate day{*y, m, d};
            return DateUnit{day, day, Precision::day, false, 3};
        }
        return std::nullopt;
    }
    // January 24, 2018 / January 2018
    if (const int m = month_number(at(0))) {
        if (const auto y = year_word(at(1))) {
            return DateUnit{CivilDate{*y, m, 1}, month_end(*y, m), Precision::month, false, 2};
        }
        if (const int d = day_word(at(1))) {
            const auto y = year_word(at(2));
            if (y && d <= days_in_month(*y, m)) {
                const CivilDate day{*y, m, d};
                return DateUnit{day, day, Precision::day, false, 3};
            }
        }
    }
    return std::nullopt;
}

/// "today", "yesterday", "this|last week|month|year" at words[pos].
std::optional<DateUnit> relative_unit(const std::vector<std::string>& words, std::size_t pos,
                                      const CivilDate& today) {
    if (pos >= words.size()) {
        return std::nullopt;
    }
    const std::string& w = words[pos];
    if (w == "today") {
        return DateUnit{today, today, Precision::day, true, 1};
    }
    if (w == "yesterday") {
        const CivilDate d = add_days(today, -1);
        return DateUnit{d, d, Precision::day, true, 1};
    }
    if ((w != "this" && w != "last") || pos + 1 >= words.size()) {
        return std::nullopt;
    }
    const bool last = w == "last";
    const std::string& unit = words[pos + 1];
    if (unit == "week") {
        // Monday–Sunday, as the indexer resolves "last week" in article text.
        const CivilDate monday = add_days(today, -weekday(today) - (last ? 7 : 0));
        return DateUnit{monday, add_days(monday, 6), Precision::span, true, 2};
    }
    if (unit == "month") {
        int y = today.year;
        int m = today.month;
        if (last && --m == 0) {
            m = 12;
            --y;
        }
        return DateUnit{CivilDate{y, m, 1}, month_end(y, m), Precision::month, true, 2};
    }
    if (unit == "year") {
        const int y = today.year - (last ? 1 : 0);
        return DateUnit{CivilDate{y, 1, 1}, CivilDate{y, 12, 31}, Precision::year, true, 2};
    }
    return std::nullopt;
}

std::optional<DateUnit> any_unit(const std::vector<std::string>& words, std::size_t pos,
                                 const CivilDate& today) {
    if (auto unit = relative_unit(words, pos, today)) {
        return unit;
    }
    return absolute_unit(words, pos);
}

/// The non-empty pieces of text between any of the separator characters.
std::vector<std::string> split_words(std::string_view text, std::string_view separators) {
    std::vector<std::string> words;
    std::size_t from = 0;
    while (from < text.size()) {
        const std::size_t to = std::min(text.find_first_of(separators, from), text.size());
        if (to > from) {
            words.emplace_back(text.substr(from, to - from));
        }
        from = to + 1;
    }
    return words;
}

/// Folded words of a date value: "24 January, 2018" → {"24", "january", "2018"}.
std::vector<std::string> date_words(std::string_view text) {
    return split_words(analysis::fold(text), " ,\t");
}

std::optional<DateUnit> parse_unit_text(std::string_view text, const CivilDate& today) {
    const std::vector<std::string> words = date_words(text);
    auto unit = any_unit(words, 0, today);
    if (!unit || unit->words != words.size()) {
        return std::nullopt;
    }
    return unit;
}

// ---------------------------------------------------------------------------------------------
// Small string helpers.

/// Words of a folded name, split at spaces and hyphens: "bashar al-assad" → bashar, al, assad.
std::vector<std::string> name_words(std::string_view key) {
    return split_words(key, " -");
}

/// "jean-yves le drian" → "Jean-Yves Le Drian"; "vienna~at" → "Vienna, AT". Only a fallback
/// for values whose display form cannot be read from a document.
std::string title_case(std::string_view key) {
    std::string out;
    const auto tilde = key.rfind('~');
    const std::string_view name = key.substr(0, tilde);
    bool start = true;
    for (char c : name) {
        out += start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        start = c == ' ' || c == '-';
    }
    if (tilde != std::string_view::npos) {
        out += ", " + upper_ascii(key.substr(tilde + 1));
    }
    return out;
}

/// Levenshtein distance over bytes, giving up (returning limit + 1) beyond `limit`.
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

/// Short values allow one edit, longer ones two ("UK" must not suggest "US").
std::size_t edit_limit(std::string_view key) { return key.size() <= 4 ? 1 : 2; }

// ---------------------------------------------------------------------------------------------
// Lexing the query into tokens with byte spans, so that untouched text is kept as written.

enum class TokKind { word, op, field, lparen, rparen, other };

struct Token {
    std::size_t start = 0;
    std::size_t end = 0;
    TokKind kind = TokKind::other;
    int depth = 0;                  ///< parenthesis depth
    std::string core;               ///< word: without trailing punctuation; op: the operator
    bool trailing_punct = false;    ///< word: ended in , . ; ! ? (a phrase stops there)
    const schema::Field* field = nullptr; ///< field: which
    std::string value;              ///< field: the value, unquoted
    bool negated = false;           ///< field: written with a leading '-'
    bool removed = false;           ///< interpreted (or a dangling operator): not in the text
};

bool is_operator(std::string_view w) {
    if (w == "AND" || w == "OR" || w == "NOT" || w == "XOR") {
        return true;
    }
    for (std::string_view op : {std::string_view("NEAR"), std::string_view("ADJ")}) {
        if (w.substr(0, op.size()) == op) {
            const std::string_view rest = w.substr(op.size());
            if (rest.empty() || (rest.size() > 1 && rest[0] == '/' && all_digits(rest.substr(1)))) {
                return true;
            }
        }
    }
    return false;
}

/// The fields this file interprets: facets and date ranges. Others go to QueryBuilder.
const schema::Field* interpreted_field(std::string_view name) {
    const schema::Field* f = schema::find_field(lower_ascii(name));
    return f != nullptr && (f->kind == schema::Kind::facet || f->kind == schema::Kind::date_range)
               ? f
               : nullptr;
}

std::vector<Token> lex(std::string_view text) {
    std::vector<Token> tokens;
    int depth = 0;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        Token t;
        t.start = i;
        if (text[i] == '(' || text[i] == ')') {
            t.kind = text[i] == '(' ? TokKind::lparen : TokKind::rparen;
            if (t.kind == TokKind::rparen && depth > 0) {
                --depth;
            }
            t.depth = depth;
            if (t.kind == TokKind::lparen) {
                ++depth;
            }
            t.end = ++i;
            tokens.push_back(std::move(t));
            continue;
        }
        t.depth = depth;
        // field:value with one of our fields?
        std::size_t j = i + (text[i] == '-' || text[i] == '+' ? 1 : 0);
        std::size_t k = j;
        while (k < n && ((text[k] >= 'a' && text[k] <= 'z') || (text[k] >= 'A' && text[k] <= 'Z'))) {
            ++k;
        }
        if (k > j && k < n && text[k] == ':') {
            if (const schema::Field* f = interpreted_field(text.substr(j, k - j))) {
                t.kind = TokKind::field;
                t.field = f;
                t.negated = text[i] == '-';
                std::size_t v = k + 1;
                if (v < n && text[v] == '"') {
                    const std::size_t close = text.find('"', v + 1);
                    const std::size_t stop = close == std::string_view::npos ? n : close;
                    t.value = std::string(text.substr(v + 1, stop - v - 1));
                    t.end = close == std::string_view::npos ? n : close + 1;
                } else {
                    std::size_t e = v;
                    while (e < n && !is_space(text[e]) && text[e] != ')') {
                        ++e;
                    }
                    t.value = std::string(text.substr(v, e - v));
                    t.end = e;
                }
                i = t.end;
                tokens.push_back(std::move(t));
                continue;
            }
        }
        // Any other run of non-space characters; a quote runs to its closing quote.
        std::size_t e = i;
        bool plain = text[i] != '-' && text[i] != '+';
        while (e < n && !is_space(text[e]) && text[e] != '(' && text[e] != ')') {
            if (text[e] == '"') {
                plain = false;
                const std::size_t close = text.find('"', e + 1);
                e = close == std::string_view::npos ? n : close + 1;
                continue;
            }
            if (text[e] == ':' || text[e] == '*') {
                plain = false;
            }
            ++e;
        }
        t.end = e;
        const std::string_view run = text.substr(i, e - i);
        if (is_operator(run)) {
            t.kind = TokKind::op;
            t.core = std::string(run);
        } else if (plain) {
            std::string_view core = run;
            while (!core.empty() && std::string_view(",.;!?").find(core.back()) != std::string_view::npos) {
                core.remove_suffix(1);
            }
            t.trailing_punct = core.size() < run.size();
            // Keep the dot of an abbreviation ("U.S.") for name lookups; name_key drops dots.
            if (t.trailing_punct && run.back() == '.' && core.find('.') != std::string_view::npos) {
                core = run;
            }
            t.kind = core.empty() ? TokKind::other : TokKind::word;
            t.core = std::string(core);
        }
        i = e;
        tokens.push_back(std::move(t));
    }
    return tokens;
}

bool is_binary_op(const Token& t) { return t.kind == TokKind::op && t.core != "NOT"; }
bool is_not(const Token& t) { return t.kind == TokKind::op && t.core == "NOT"; }
/// Operators that tie their neighbours together so that one cannot be taken out alone.
bool is_joining_op(const Token& t) { return is_binary_op(t) && t.core != "AND"; }

/// Removes operators left dangling by interpreted tokens: at either end, next to a parenthesis,
/// doubled, or NOT with nothing after it; and empty parentheses.
void drop_dangling_operators(std::vector<Token>& tokens) {
    bool changed = true;
    while (changed) {
        changed = false;
        std::vector<std::size_t> live;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (!tokens[i].removed) {
                live.push_back(i);
            }
        }
        for (std::size_t li = 0; li < live.size(); ++li) {
            Token& t = tokens[live[li]];
            const Token* prev = li > 0 ? &tokens[live[li - 1]] : nullptr;
            const Token* next = li + 1 < live.size() ? &tokens[live[li + 1]] : nullptr;
            bool drop = false;
            if (is_binary_op(t)) {
                drop = prev == nullptr || next == nullptr || prev->kind == TokKind::lparen ||
                       next->kind == TokKind::rparen || is_binary_op(*prev) || is_not(*prev);
            } else if (is_not(t)) {
                drop = next == nullptr || next->kind == TokKind::rparen || is_binary_op(*next) ||
                       is_not(*next);
            } else if (t.kind == TokKind::lparen) {
                drop = next != nullptr && next->kind == TokKind::rparen;
                if (drop) {
                    tokens[live[li + 1]].removed = true;
                }
            }
            if (drop) {
                t.removed = true;
                changed = true;
                break;
            }
        }
    }
}

/// The text of the tokens not removed, with the original spacing between neighbours.
std::string rebuild(std::string_view text, const std::vector<Token>& tokens,
                    const std::map<std::size_t, std::string>& replacements = {}) {
    std::string out;
    std::size_t last_end = std::string_view::npos;
    bool gap_removed = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.removed) {
            gap_removed = true;
            continue;
        }
        if (last_end != std::string_view::npos) {
            const std::string_view gap = text.substr(last_end, t.start - last_end);
            if (!gap_removed) {
                out += gap;
            } else if (!gap.empty() || t.kind != TokKind::rparen) {
                out += ' ';
            }
        }
        const auto r = replacements.find(i);
        out += r != replacements.end() ? r->second : std::string(text.substr(t.start, t.end - t.start));
        last_end = t.end;
        gap_removed = false;
    }
    return out;
}

/// One resolved value of a filter.
struct Clause {
    std::size_t position = 0; ///< token index, for query order
    std::string group;        ///< values of one group are OR'ed
    std::string label;        ///< "location", "date" …
    bool negated = false;
    Xapian::Query query;
    std::string display;      ///< "Vienna, Austria"
    std::string written;      ///< the value as the user wrote it: "Boesky"
};

struct FacetValue {
    std::string key;
    Xapian::doccount freq = 0;
};

} // namespace

// ---------------------------------------------------------------------------------------------

bool InterpretedQuery::has_free_text() const {
    return std::any_of(text.begin(), text.end(), [](char c) { return !is_space(c); });
}

std::optional<DayRange> parse_date_filter(std::string_view value, CivilDate today) {
    value = trim(value);
    const std::size_t dots = value.find("..");
    if (dots == std::string_view::npos) {
        const auto unit = parse_unit_text(value, today);
        if (!unit) {
            return std::nullopt;
        }
        return DayRange{unit->first, unit->last};
    }
    const std::string_view a = trim(value.substr(0, dots));
    const std::string_view b = trim(value.substr(dots + 2));
    if (a.empty() && b.empty()) {
        return std::nullopt;
    }
    DayRange range;
    if (!a.empty()) {
        const auto unit = parse_unit_text(a, today);
        if (!unit) {
            return std::nullopt;
        }
        range.first = unit->first;
    }
    if (!b.empty()) {
        const auto unit = parse_unit_text(b, today);
        if (!unit) {
            return std::nullopt;
        }
        range.last = unit->last;
    }
    return range;
}

namespace {

// The fewest year, month and day terms that exactly cover [first, last], or nothing when that
// takes more than max_terms (0: no limit).
std::vector<Xapian::Query> covering_terms(CivilDate first, CivilDate last, std::string_view year_prefix,
                                          std::string_view month_prefix, std::string_view day_prefix,
                                          std::size_t max_terms) {
    std::vector<Xapian::Query> terms;
    long day = days_from_civil(first);
    const long end = days_from_civil(last);
    while (day <= end) {
        if (max_terms != 0 && terms.size() == max_terms) {
            return {};
        }
        const CivilDate d = civil_from_days(day);
        const long year_end = days_from_civil(CivilDate{d.year, 12, 31});
        const long month_last = days_from_civil(month_end(d.year, d.month));
        if (d.month == 1 && d.day == 1 && year_end <= end) {
            terms.emplace_back(schema::boolean_term(year_prefix, year_key(d.year)));
            day = year_end + 1;
        } else if (d.day == 1 && month_last <= end) {
            terms.emplace_back(schema::boolean_term(month_prefix, month_key(d.year, d.month)));
            day = month_last + 1;
        } else {
            terms.emplace_back(schema::boolean_term(day_prefix, analysis::day_key(d)));
            ++day;
        }
    }
    return terms;
}

Xapian::Query any_of(std::vector<Xapian::Query> terms) {
    if (terms.empty()) {
        return Xapian::Query::MatchNothing;
    }
    if (terms.size() == 1) {
        return terms.front();
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::optional<CivilDate> day_from_key(const std::string& key) {
    if (key.size() != 8) {
        return std::nullopt;
    }
    try {
        return CivilDate{std::stoi(key.substr(0, 4)), std::stoi(key.substr(4, 2)), std::stoi(key.substr(6, 2))};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

Xapian::Query publication_date_query(const DayRange& range, const Xapian::Database* archive) {
    const Xapian::valueno slot = schema::slot(schema::Slot::published_day);
    DayRange closed = range;
    if (archive != nullptr && (!closed.first || !closed.last)) {
        // Open ends stop at the archive's first and last days, so that they too become terms.
        const auto lowest = day_from_key(archive->get_value_lower_bound(slot));
        const auto highest = day_from_key(archive->get_value_upper_bound(slot));
        if (lowest && highest) {
            if (!closed.first) {
                closed.first = lowest;
            }
            if (!closed.last) {
                closed.last = highest;
            }
        }
    }
    if (closed.first && closed.last) {
        const CivilDate& a = *closed.first;
        const CivilDate& b = *closed.last;
        if (days_from_civil(a) > days_from_civil(b)) {
            return Xapian::Query::MatchNothing;
        }
        // A few posting lists of Y/M/D terms filter several times faster than reading every
        // candidate's day value; past a few dozen terms the value range wins again.
        constexpr std::size_t max_terms = 24;
        std::vector<Xapian::Query> terms =
            covering_terms(a, b, schema::field("year").prefix, schema::field("month").prefix,
                           schema::field("day").prefix, max_terms);
        if (!terms.empty()) {
            return any_of(std::move(terms));
        }
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, analysis::day_key(a),
                             analysis::day_key(b));
    }
    if (closed.first) {
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, analysis::day_key(*closed.first));
    }
    if (closed.last) {
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, analysis::day_key(*closed.last));
    }
    return Xapian::Query::MatchAll;
}

Xapian::Query mentioned_date_query(CivilDate first, CivilDate last) {
    return any_of(covering_terms(first, last, schema::mentioned_year_prefix,
                                 schema::mentioned_month_prefix, schema::mentioned_day_prefix, 0));
}

// ---------------------------------------------------------------------------------------------

struct QueryInterpreter::Impl {
    Xapian::Database db;
    std::shared_ptr<const Gazetteer> gazetteer;
    CivilDate today;
    std::map<std::string, std::vector<FacetValue>, std::less<>> values_by_prefix;
    /// Per prefix: name word → indexes into values(prefix), for partial names.
    std::map<std::string, std::unordered_map<std::string, std::vector<std::size_t>>, std::less<>>
        words_by_prefix;
    std::vector<std::pair<std::string, const Place*>> place_keys; ///< for did-you-mean
    std::unordered_map<std::string, std::vector<std::string>> locations_by_name;
    bool locations_indexed = false;

    // Per call.
    std::string_view text;
    std::vector<Token> tokens;
    std::vector<Clause> clauses;
    InterpretedQuery* out = nullptr;

    /// Every value of a prefix in the database (folded keys), read once.
    const std::vector<FacetValue>& values(std::string_view prefix) {
        const auto it = values_by_prefix.find(prefix);
        if (it != values_by_prefix.end()) {
            return it->second;
        }
        std::vector<FacetValue> list;
        const std::string p(prefix);
        for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
            std::string key = (*t).substr(p.size());
            if (!key.empty() && key[0] == ':') {
                key.erase(0, 1);
            }
            if (!key.empty()) {
                list.push_back(FacetValue{std::move(key), t.get_termfreq()});
            }
        }
        return values_by_prefix.emplace(p, std::move(list)).first->second;
    }

    const std::unordered_map<std::string, std::vector<std::size_t>>&
    value_words(std::string_view prefix) {
        const auto it = words_by_prefix.find(prefix);
        if (it != words_by_prefix.end()) {
            return it->second;
        }
        std::unordered_map<std::string, std::vector<std::size_t>> index;
        const std::vector<FacetValue>& list = values(prefix);
        for (std::size_t i = 0; i < list.size(); ++i) {
            std::vector<std::string> words = name_words(list[i].key);
            std::sort(words.begin(), words.end());
            words.erase(std::unique(words.begin(), words.end()), words.end());
            for (std::string& w : words) {
                index[std::move(w)].push_back(i);
            }
        }
        return words_by_prefix.emplace(std::string(prefix), std::move(index)).first->second;
    }

    bool has_term(const std::string& term) { return db.term_exists(term); }

    /// The display form of a facet value as the indexer stored it in a document's value
    /// slots ("Jean-Yves Le Drian"), falling back to title case of the key.
    std::string display_of(std::string_view facet_name, std::string_view prefix,
                           const std::string& key) {
        const schema::Facet* facet = schema::find_facet(facet_name);
        const std::string term = schema::boolean_term(prefix, key);
        if (facet != nullptr) {
            auto posting = db.postlist_begin(term);
            if (posting != db.postlist_end(term)) {
                const Xapian::Document doc = db.get_document(*posting);
                for (unsigned i = 0; i < facet->slot_count; ++i) {
                    const std::string v = doc.get_value(facet->first_slot + i);
                    if (!v.empty() && schema::facet_key(facet_name, v) == key) {
                        return v;
                    }
                }
            }
        }
        return title_case(key);
    }

    std::string country_name(const std::string& code) const {
        const analysis::Country* c = gazetteer->country(code);
        return c != nullptr ? c->name : code;
    }

    std::string place_display(const Place& p) const {
        if (p.kind == PlaceKind::country || p.country_code.empty()) {
            return p.name;
        }
        return p.name + ", " + country_name(p.country_code);
    }

    /// The filter for a gazetteer place: its country term for a country, else its location.
    Clause place_clause(const Place& p) const {
        Clause c;
        if (p.kind == PlaceKind::country) {
            c.query = Xapian::Query(schema::boolean_term(schema::field("country").prefix,
                                                         lower_ascii(p.country_code)));
        } else {
            c.query = Xapian::Query(schema::boolean_term(
                schema::field("location").prefix,
                schema::facet_key("location", schema::location_display(p.name, p.country_code))));
        }
        c.display = place_display(p);
        return c;
    }

    static Xapian::Query any_of(const std::vector<std::string>& terms) {
        if (terms.size() == 1) {
            return Xapian::Query(terms.front());
        }
        std::vector<Xapian::Query> qs(terms.begin(), terms.end());
        return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
    }

    // --- resolution per field; nullopt = unknown value -----------------------------------

    std::optional<Clause> resolve_actor(const schema::Field& f, std::string_view raw) {
        const std::string name(f.name);
        // Aliases: an explicit actor filter may be written in any case ("actor:un").
        std::optional<analysis::ActorAlias> alias = gazetteer->actor_alias(raw);
        if (!alias) {
            alias = gazetteer->actor_alias(upper_ascii(raw));
        }
        if (alias && (name == "actor" ||
                      (name == "person") == (alias->kind == analysis::ActorKind::person))) {
            Clause c;
            c.query = Xapian::Query(schema::boolean_term(f.prefix, schema::facet_key(name, alias->canonical)));
            c.display = alias->canonical;
            return c;
        }
        const std::string key = schema::facet_key(name, raw);
        if (key.empty()) {
            return std::nullopt;
        }
        // The value as written may itself be a stored name ("Greenspan", where the tagger saw
        // no first name) and also the end of fuller ones ("Alan Greenspan"): take both.
        const bool exact = has_term(schema::boolean_term(f.prefix, key));
        auto exact_only = [&] {
            Clause c;
            c.query = Xapian::Query(schema::boolean_term(f.prefix, key));
            c.display = display_of(name, f.prefix, key);
            return c;
        };
        // A partial name: names ending with its words, else containing them as whole words.
        const std::vector<std::string> want = name_words(key);
        if (want.empty()) {
            return exact ? std::optional<Clause>(exact_only()) : std::nullopt;
        }
        std::vector<const FacetValue*> trailing;
        std::vector<const FacetValue*> inner;
        // Only values holding the query's rarest-looking (longest) word can match.
        const std::string& anchor = *std::max_element(
            want.begin(), want.end(),
            [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
        const auto& index = value_words(f.prefix);
        const auto hit = index.find(anchor);
        static const std::vector<std::size_t> none;
        const std::vector<FacetValue>& all = values(f.prefix);
        for (std::size_t vi : hit == index.end() ? none : hit->second) {
            const FacetValue& v = all[vi];
            const std::vector<std::string> have = name_words(v.key);
            if (have.size() < want.size()) {
                continue;
            }
            for (std::size_t at = 0; at + want.size() <= have.size(); ++at) {
                if (std::equal(want.begin(), want.end(), have.begin() + static_cast<long>(at))) {
                    (at + want.size() == have.size() ? trailing : inner).push_back(&v);
                    break;
                }
            }
        }
        if (exact) {
            // Fuller names that end with it, never names that merely contain it.
            trailing.erase(std::remove_if(trailing.begin(), trailing.end(),
                                          [&key](const FacetValue* v) { return v->key == key; }),
                           trailing.end());
            if (trailing.empty()) {
                return exact_only();
            }
            inner.clear();
        }
        std::vector<const FacetValue*>& found = trailing.empty() ? inner : trailing;
        if (found.empty()) {
            return std::nullopt;
        }
        std::stable_sort(found.begin(), found.end(),
                         [](const FacetValue* a, const FacetValue* b) { return a->freq > b->freq; });
        if (exact) {
            for (const FacetValue& v : values(f.prefix)) {
                if (v.key == key) {
                    found.insert(found.begin(), &v);
                    break;
                }
            }
        }
        constexpr std::size_t max_names = 25; // a bare "Ali" should not OR thousands of terms
        if (found.size() > max_names) {
            out->warnings.push_back(std::string(f.name) + " '" + std::string(raw) + "' matches " +
                                    std::to_string(found.size()) + " names; using the " +
                                    std::to_string(max_names) + " most frequent");
            found.resize(max_names);
        }
        std::vector<std::string> terms;
        Clause c;
        for (std::size_t i = 0; i < found.size(); ++i) {
            terms.push_back(schema::boolean_term(f.prefix, found[i]->key));
            if (i < 3) {
                c.display += (i > 0 ? " or " : "") + display_of(name, f.prefix, found[i]->key);
            }
        }
        if (found.size() > 3) {
            c.display += " (+" + std::to_string(found.size() - 3) + " more)";
        }
        c.query = any_of(terms);
        return c;
    }

    /// DB locations whose name part is `folded_name` (any country): "vienna" → vienna~at,
    /// vienna~us. Indexed by name on first use.
    std::vector<std::string> db_locations_named(const std::string& folded_name) {
        if (!locations_indexed) {
            for (const FacetValue& v : values(schema::field("location").prefix)) {
                locations_by_name[v.key.substr(0, v.key.rfind('~'))].push_back(v.key);
            }
            locations_indexed = true;
        }
        const auto it = locations_by_name.find(folded_name);
        return it == locations_by_name.end() ? std::vector<std::string>() : it->second;
    }

    std::optional<Clause> resolve_location(std::string_view raw) {
        const std::string_view prefix = schema::field("location").prefix;
        const auto comma = raw.rfind(',');
        if (comma != std::string_view::npos) {
            // "Vienna, US", "Vienna, Virginia", "Vienna, Austria".
            const std::string_view name = trim(raw.substr(0, comma));
            const std::string_view qual = trim(raw.substr(comma + 1));
            const analysis::Country* country = gazetteer->country(qual);
            const std::string qual_key = analysis::name_key(qual);
            const Place* best = nullptr;
            for (const Place* p : gazetteer->candidates(analysis::name_key(name))) {
                const bool fits = (country != nullptr && p->country_code == country->code) ||
                                  (!p->admin.empty() && analysis::name_key(p->admin) == qual_key) ||
                                  (!p->subdivision_code.empty() && p->subdivision_code == upper_ascii(qual));
                if (fits && (best == nullptr || p->population > best->population)) {
                    best = p;
                }
            }
            if (best != nullptr) {
                return place_clause(*best);
            }
            if (country != nullptr) {
                const std::string key = schema::facet_key("location", schema::location_display(name, country->code));
                if (has_term(schema::boolean_term(prefix, key))) {
                    Clause c;
                    c.query = Xapian::Query(schema::boolean_term(prefix, key));
                    c.display = std::string(name) + ", " + country->name;
                    return c;
                }
            }
            return std::nullopt;
        }
        const Place* place = gazetteer->resolve(raw);
        if (place == nullptr) {
            place = gazetteer->resolve(upper_ascii(raw)); // common-word names need capitals
        }
        const std::string folded = analysis::fold(trim(raw));
        if (place != nullptr) {
            return known_place_clause(*place, folded);
        }
        const std::vector<std::string> keys = db_locations_named(folded);
        if (keys.empty()) {
            return std::nullopt;
        }
        return db_location_clause(keys);
    }

    /// A gazetteer place as a filter. When its best reading is not in this archive but another
    /// place of that name is ("Vienna" when the archive only knows Vienna, Virginia), that one.
    Clause known_place_clause(const Place& place, const std::string& folded_name) {
        Clause c = place_clause(place);
        const std::string term = schema::boolean_term(
            schema::field("location").prefix,
            schema::facet_key("location", schema::location_display(place.name, place.country_code)));
        if (place.kind == PlaceKind::country || has_term(term)) {
            return c;
        }
        const std::vector<std::string> keys = db_locations_named(folded_name);
        return keys.empty() ? c : db_location_clause(keys);
    }

    Clause db_location_clause(const std::vector<std::string>& keys) {
        const std::string_view prefix = schema::field("location").prefix;
        Clause c;
        std::vector<std::string> terms;
        for (const std::string& key : keys) {
            terms.push_back(schema::boolean_term(prefix, key));
            const auto tilde = key.rfind('~');
            std::string shown = display_of("location", prefix, key);
            if (tilde != std::string::npos) {
                const auto split = schema::split_location_display(shown);
                shown = split.first + ", " + country_name(upper_ascii(key.substr(tilde + 1)));
            }
            c.display += (c.display.empty() ? "" : " or ") + shown;
        }
        c.query = any_of(terms);
        return c;
    }

    std::optional<Clause> resolve_country(std::string_view raw) {
        const std::string_view prefix = schema::field("country").prefix;
        if (const analysis::Country* country = gazetteer->country(raw)) {
            Clause c;
            c.query = Xapian::Query(schema::boolean_term(prefix, lower_ascii(country->code)));
            c.display = country->name;
            return c;
        }
        const std::string key = analysis::fold(trim(raw));
        if (!key.empty() && has_term(schema::boolean_term(prefix, key))) {
            Clause c;
            c.query = Xapian::Query(schema::boolean_term(prefix, key));
            c.display = upper_ascii(key);
            return c;
        }
        return std::nullopt;
    }

    // --- did you mean ----------------------------------------------------------------------

    std::string suggest(const schema::Field& f, std::string_view raw) {
        const std::string name(f.name);
        std::string query = analysis::fold(trim(raw));
        if (name == "location") {
            query = analysis::fold(trim(raw.substr(0, raw.rfind(','))));
        }
        std::replace(query.begin(), query.end(), '-', ' ');
        const std::size_t limit = edit_limit(query);
        std::size_t best_distance = limit + 1;
        std::uint64_t best_weight = 0;
        std::string best;
        const FacetValue* best_value = nullptr; // shown at the end: reading it costs a document
        auto consider = [&](std::string_view candidate, const FacetValue& v) {
            const std::size_t d = edit_distance(query, candidate, limit);
            if (d <= limit && d > 0 &&
                (d < best_distance || (d == best_distance && v.freq > best_weight))) {
                best_distance = d;
                best_weight = v.freq;
                best_value = &v;
            }
        };
        const std::size_t want_words = name_words(query).size();
        std::string tail;
        for (const FacetValue& v : values(f.prefix)) {
            std::string_view candidate = v.key;
            if (name == "location") {
                candidate = candidate.substr(0, candidate.rfind('~'));
            }
            consider(candidate, v);
            if (name != "location" && name != "country" && want_words > 0) {
                // The same number of trailing words: "Le Drain" → "Le Drian".
                std::size_t words = 0;
                std::size_t at = candidate.size();
                while (at > 0 && words < want_words) {
                    --at;
                    if (candidate[at] == ' ' || candidate[at] == '-') {
                        ++words;
                    }
                }
                if (words == want_words) {
                    tail.assign(candidate.substr(at + 1));
                    std::replace(tail.begin(), tail.end(), '-', ' ');
                    consider(tail, v);
                }
            }
        }
        if (best_value != nullptr) {
            best = display_of(name, f.prefix, best_value->key);
            if (name == "location") {
                best = schema::split_location_display(best).first;
            }
        }
        if (name == "location" || name == "country") {
            if (place_keys.empty()) {
                for (const Place& p : gazetteer->places()) {
                    place_keys.emplace_back(analysis::name_key(p.name), &p);
                }
            }
            const std::string key = analysis::name_key(query);
            for (const auto& [candidate, place] : place_keys) {
                if (name == "country" && place->kind != PlaceKind::country) {
                    continue;
                }
                const std::size_t d = edit_distance(key, candidate, limit);
                if (d <= limit && d > 0 &&
                    (d < best_distance || (d == best_distance && place->population > best_weight))) {
                    best_distance = d;
                    best_weight = place->population;
                    best = place->name;
                }
            }
        }
        return best;
    }

    // --- field tokens ----------------------------------------------------------------------

    void add_unknown(const schema::Field& f, std::size_t position, bool negated,
                     std::string_view raw, const std::string& group) {
        const std::string suggestion = suggest(f, raw);
        out->warnings.push_back("no " + std::string(f.name) + " '" + std::string(raw) + "'" +
                                (suggestion.empty() ? "" : " (did you mean " + suggestion + "?)"));
        Clause c;
        c.position = position;
        c.group = group;
        c.label = std::string(f.name);
        c.negated = negated;
        c.query = Xapian::Query::MatchNothing;
        c.display = "'" + std::string(raw) + "' (unknown)";
        clauses.push_back(std::move(c));
    }

    void add_date_clause(const schema::Field& f, std::size_t position, bool negated,
                         const DayRange& range, const std::string& group) {
        Clause c;
        c.position = position;
        c.group = group;
        c.label = std::string(f.name);
        c.negated = negated;
        c.display = describe_range(range);
        if (range.first && range.last &&
            days_from_civil(*range.first) > days_from_civil(*range.last)) {
            out->warnings.push_back("empty date range '" + c.display + "'");
            c.query = Xapian::Query::MatchNothing;
        } else if (f.name == "date") {
            c.query = publication_date_query(range, &db);
        } else {
            c.query = mentions_query(range);
        }
        clauses.push_back(std::move(c));
    }

    Xapian::Query mentions_query(const DayRange& range) {
        CivilDate first;
        CivilDate last;
        if (!range.first || !range.last) {
            // Open ends stop at the years the archive mentions at all.
            int lo = std::numeric_limits<int>::max();
            int hi = std::numeric_limits<int>::min();
            for (const FacetValue& v : values(schema::mentioned_year_prefix)) {
                if (const auto y = year_word(v.key)) {
                    lo = std::min(lo, *y);
                    hi = std::max(hi, *y);
                }
            }
            if (lo > hi) {
                return Xapian::Query::MatchNothing;
            }
            first = range.first ? *range.first : CivilDate{lo, 1, 1};
            last = range.last ? *range.last : CivilDate{hi, 12, 31};
            if (days_from_civil(first) > days_from_civil(last)) {
                return Xapian::Query::MatchNothing;
            }
        } else {
            first = *range.first;
            last = *range.last;
        }
        return mentioned_date_query(first, last);
    }

    void field_token(std::size_t i) {
        Token& t = tokens[i];
        const schema::Field& f = *t.field;
        const std::string written(text.substr(t.start, t.end - t.start));
        if (t.depth > 0) {
            out->warnings.push_back("filter '" + written +
                                    "' inside parentheses is not resolved (put it outside them)");
            return;
        }
        bool negated = t.negated;
        std::vector<std::size_t> consume;
        std::size_t before = i; // index of the first token this filter takes
        if (i > 0 && is_not(tokens[i - 1]) && tokens[i - 1].depth == 0 && !tokens[i - 1].removed) {
            negated = true;
            consume.push_back(i - 1);
            before = i - 1;
        }
        bool alone = true;
        if (before > 0 && is_joining_op(tokens[before - 1]) && !tokens[before - 1].removed) {
            alone = false;
        }
        if (i + 1 < tokens.size() && is_joining_op(tokens[i + 1])) {
            const bool same_field_follows = tokens[i + 1].core == "OR" && i + 2 < tokens.size() &&
                                            tokens[i + 2].kind == TokKind::field &&
                                            tokens[i + 2].field == t.field &&
                                            tokens[i + 2].negated == t.negated;
            if (same_field_follows) {
                consume.push_back(i + 1);
            } else {
                alone = false;
            }
        }
        if (!alone) {
            out->warnings.push_back("filter '" + written +
                                    "' is joined to other words by an operator and is not "
                                    "resolved (filters are always AND'ed with the query)");
            return;
        }
        for (std::size_t c : consume) {
            tokens[c].removed = true;
        }
        t.removed = true;
        const std::string value(trim(t.value));
        const std::string group(f.name);
        if (value.empty()) {
            out->warnings.push_back("filter '" + written + "' has no value and is ignored");
            return;
        }
        if (f.kind == schema::Kind::date_range) {
            const auto range = parse_date_filter(value, today);
            if (!range) {
                out->warnings.push_back("cannot read date '" + value +
                                        "' (use 2018-01-24, 2018-01, 2018, or A..B, A.., ..B)");
                Clause c;
                c.position = i;
                c.group = group;
                c.label = group;
                c.negated = negated;
                c.query = Xapian::Query::MatchNothing;
                c.display = "'" + value + "' (unreadable)";
                clauses.push_back(std::move(c));
                return;
            }
            add_date_clause(f, i, negated, *range, group);
            return;
        }
        std::optional<Clause> resolved;
        if (f.name == "location") {
            resolved = resolve_location(value);
        } else if (f.name == "country") {
            resolved = resolve_country(value);
        } else {
            resolved = resolve_actor(f, value);
        }
        if (!resolved) {
            add_unknown(f, i, negated, value, group);
            return;
        }
        resolved->position = i;
        resolved->group = group;
        resolved->written = value;
        resolved->label = group;
        resolved->negated = negated;
        clauses.push_back(std::move(*resolved));
    }

    // --- natural phrasing ------------------------------------------------------------------

    bool plain_word(std::size_t j) const {
        return j < tokens.size() && tokens[j].kind == TokKind::word && tokens[j].depth == 0 &&
               !tokens[j].removed;
    }

    std::optional<std::size_t> live_before(std::size_t i) const {
        while (i > 0) {
            --i;
            if (!tokens[i].removed) {
                return i;
            }
        }
        return std::nullopt;
    }

    std::optional<std::size_t> live_after(std::size_t i) const {
        for (++i; i < tokens.size(); ++i) {
            if (!tokens[i].removed) {
                return i;
            }
        }
        return std::nullopt;
    }

    /// Tries a phrase at token i; on success marks its tokens removed and returns how many
    /// tokens it took (0 = no phrase here).
    std::size_t natural_phrase(std::size_t i) {
        // Folded cores of the run of plain words from i (at most a dozen).
        std::vector<std::size_t> idx;
        std::vector<std::string> words;
        for (std::size_t j = i; plain_word(j) && idx.size() < 12; ++j) {
            idx.push_back(j);
            words.push_back(analysis::fold(tokens[j].core));
        }
        const std::string& w = words[0];
        std::optional<DayRange> range;
        std::size_t taken = 0;
        std::optional<Clause> place;
        auto unit_at = [&](std::size_t pos) { return any_unit(words, pos, today); };

        if (w == "in") {
            if (const auto unit = absolute_unit(words, 1)) {
                range = DayRange{unit->first, unit->last};
                taken = 1 + unit->words;
            } else {
                std::size_t start = 1;
                if (words.size() > 2 && words[1] == "the") {
                    start = 2;
                }
                // Longest window first; a window stops after a word ending in punctuation.
                std::size_t avail = 0;
                while (start + avail < words.size() &&
                       avail < gazetteer->max_name_words()) {
                    ++avail;
                    if (tokens[idx[start + avail - 1]].trailing_punct) {
                        break;
                    }
                }
                for (std::size_t len = avail; len >= 1 && !place; --len) {
                    if (len == 1 && month_number(words[start], true) != 0) {
                        continue; // "in May": a month, never the town of that name
                    }
                    std::string surface;
                    for (std::size_t k = start; k < start + len; ++k) {
                        surface += (surface.empty() ? "" : " ") + tokens[idx[k]].core;
                    }
                    if (const Place* p = gazetteer->resolve(surface)) {
                        const auto [chosen, extra] = qualified_place(p, surface, idx, start + len);
                        place = known_place_clause(*chosen, analysis::fold(surface));
                        taken = start + len + extra;
                    }
                }
            }
        } else if (w == "since" || w == "from" || w == "after" || w == "before" ||
                   w == "until" || w == "till") {
            if (const auto a = unit_at(1)) {
                taken = 1 + a->words;
                if (w == "since" || w == "from") {
                    range = DayRange{a->first, std::nullopt};
                    if (w == "from" && taken < words.size() &&
                        (words[taken] == "to" || words[taken] == "until" || words[taken] == "till")) {
                        if (const auto b = unit_at(taken + 1)) {
                            range->last = b->last;
                            taken += 1 + b->words;
                        }
                    }
                } else if (w == "after") {
                    range = DayRange{add_days(a->last, 1), std::nullopt};
                } else if (w == "before") {
                    range = DayRange{std::nullopt, add_days(a->first, -1)};
                } else {
                    range = DayRange{std::nullopt, a->last};
                }
            }
        } else if (w == "on") {
            const auto a = absolute_unit(words, 1);
            if (a && a->precision == Precision::day) {
                range = DayRange{a->first, a->last};
                taken = 1 + a->words;
            }
        } else if (w == "between") {
            const auto a = unit_at(1);
            if (a && 1 + a->words < words.size() && words[1 + a->words] == "and") {
                if (const auto b = unit_at(2 + a->words)) {
                    range = DayRange{a->first, b->last};
                    taken = 2 + a->words + b->words;
                }
            }
        } else if (w == "today" || w == "yesterday" || w == "this" || w == "last") {
            // "Today" after a capitalised word is a name ("USA Today"), not a date.
            const bool name_part = w == "today" && tokens[i].core[0] == 'T' && i > 0 &&
                                   plain_word(i - 1) && !tokens[i - 1].core.empty() &&
                                   tokens[i - 1].core[0] >= 'A' && tokens[i - 1].core[0] <= 'Z';
            if (const auto a = relative_unit(words, 0, today); a && !name_part) {
                range = DayRange{a->first, a->last};
                taken = a->words;
            }
        }
        if (taken == 0 || (!range && !place)) {
            return 0;
        }
        // Not next to OR/NEAR/…: the phrase could not be taken out without changing the query.
        const auto prev = live_before(i);
        const auto next = live_after(idx[taken - 1]);
        bool negated = false;
        std::optional<std::size_t> not_token;
        std::optional<std::size_t> outer = prev;
        if (prev && is_not(tokens[*prev]) && tokens[*prev].depth == 0) {
            negated = true;
            not_token = prev;
            outer = live_before(*prev);
        }
        if ((outer && is_joining_op(tokens[*outer])) || (next && is_joining_op(tokens[*next]))) {
            return 0;
        }
        for (std::size_t k = 0; k < taken; ++k) {
            tokens[idx[k]].removed = true;
        }
        if (not_token) {
            tokens[*not_token].removed = true;
        }
        Clause c;
        if (place) {
            c = std::move(*place);
            c.group = "location";
            c.label = "location";
        } else {
            const schema::Field& date_field = schema::field("date");
            c.label = std::string(date_field.name);
            c.group = c.label + "@" + std::to_string(i); // each phrase narrows on its own
            c.display = describe_range(*range);
            c.query = publication_date_query(*range, &db);
            if (range->first && range->last &&
                days_from_civil(*range->first) > days_from_civil(*range->last)) {
                out->warnings.push_back("empty date range '" + c.display + "'");
                c.query = Xapian::Query::MatchNothing;
            }
            // "in the last year", "during this week": the words before go with the phrase.
            if (w == "this" || w == "last") {
                drop_leading_preposition(i);
            }
        }
        c.position = i;
        c.negated = negated;
        clauses.push_back(std::move(c));
        return taken;
    }

    /// "in Vienna, Austria", "in Vienna, Virginia", "in Vienna, Va.": after a comma, a country
    /// or state (up to three words) picks the place of that name there and goes with it.
    /// @return the place (`best` when no qualifier fits) and how many words the qualifier took.
    std::pair<const Place*, std::size_t> qualified_place(const Place* best, std::string_view name,
                                                         const std::vector<std::size_t>& idx,
                                                         std::size_t from) const {
        if (from == 0 || from >= idx.size() || text[tokens[idx[from - 1]].end - 1] != ',') {
            return {best, 0};
        }
        const std::vector<const Place*>& same_name = gazetteer->candidates(analysis::name_key(name));
        std::string surface;
        for (std::size_t len = 1; len <= 3 && from + len <= idx.size(); ++len) {
            surface += (len > 1 ? " " : "") + tokens[idx[from + len - 1]].core;
            const analysis::Country* country = gazetteer->country(surface);
            const std::string key = analysis::name_key(surface);
            const Place* found = nullptr;
            for (const Place* p : same_name) {
                const std::string_view sub = p->subdivision_code;
                const bool fits =
                    (country != nullptr && p->country_code == country->code) ||
                    (!p->admin.empty() && analysis::name_key(p->admin) == key) ||
                    (key.size() == 2 && sub.size() > 3 && sub.substr(3) == upper_ascii(key));
                if (fits && (found == nullptr || p->population > found->population)) {
                    found = p;
                }
            }
            if (found != nullptr) {
                return {found, len};
            }
            if (tokens[idx[from + len - 1]].trailing_punct) {
                break;
            }
        }
        return {best, 0};
    }

    void drop_leading_preposition(std::size_t i) {
        auto p = live_before(i);
        if (p && plain_word(*p) && analysis::fold(tokens[*p].core) == "the") {
            const auto q = live_before(*p);
            if (q && plain_word(*q) && is_preposition(analysis::fold(tokens[*q].core))) {
                tokens[*p].removed = true;
                tokens[*q].removed = true;
            }
            return;
        }
        if (p && plain_word(*p) && is_preposition(analysis::fold(tokens[*p].core))) {
            tokens[*p].removed = true;
        }
    }

    static bool is_preposition(std::string_view w) {
        return w == "in" || w == "during" || w == "over" || w == "within" || w == "for" ||
               w == "of" || w == "from";
    }

    // --- spelling ----------------------------------------------------------------------------

    std::string spelling_suggestion() {
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
            if (t.removed || t.kind != TokKind::word || t.core.size() < 3 || all_digits(t.core)) {
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

    // --- combining -------------------------------------------------------------------------

    // The words of the person, organisation or place a (positive) filter group names. The
    // words as written when they are part of the name ("Boesky": later mentions of Ivan Boesky
    // are "Boesky"), else the words of its most frequent value ("UN" → "united nations"; not
    // every longer name holding the words), read from the term's key ("XLOCvienna~at").
    void add_name_words(const std::vector<Xapian::Query>& queries,
                        const std::vector<std::string>& written) {
        static const std::string_view named[] = {"actor", "person", "org", "location", "country"};
        std::string best_key;
        Xapian::doccount best_freq = 0;
        for (const Xapian::Query& q : queries) {
            for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
                const std::string& term = *t;
                for (const std::string_view field : named) {
                    const std::string_view prefix = schema::field(field).prefix;
                    if (term.size() <= prefix.size() || term.compare(0, prefix.size(), prefix) != 0) {
                        continue;
                    }
                    const Xapian::doccount freq = db.get_termfreq(term);
                    if (best_key.empty() || freq > best_freq) {
                        std::string_view key(term);
                        key.remove_prefix(prefix.size());
                        if (!key.empty() && key.front() == ':') {
                            key.remove_prefix(1);
                        }
                        best_key = std::string(key.substr(0, key.find('~'))); // no country code
                        best_freq = freq;
                        if (field == "country") { // "jp" → "japan"
                            const analysis::Country* country = gazetteer ? gazetteer->country(best_key) : nullptr;
                            best_key = country != nullptr ? analysis::fold(country->name) : std::string();
                        }
                    }
                    break;
                }
            }
        }
        const std::vector<std::string> value_words = name_words(best_key);
        std::vector<std::string> words = value_words;
        if (written.size() == 1) {
            const std::vector<std::string> typed = name_words(analysis::fold(written.front()));
            if (!typed.empty() &&
                std::all_of(typed.begin(), typed.end(), [&](const std::string& w) {
                    return std::find(value_words.begin(), value_words.end(), w) != value_words.end();
                })) {
                words = typed;
            }
        }
        const std::vector<std::string> known = name_words(out->name_words);
        for (const std::string& word : words) {
            if (std::find(known.begin(), known.end(), word) == known.end()) {
                out->name_words += (out->name_words.empty() ? "" : " ") + word;
            }
        }
    }

    void combine() {
        std::stable_sort(clauses.begin(), clauses.end(),
                         [](const Clause& a, const Clause& b) { return a.position < b.position; });
        struct Group {
            std::string key;
            std::string label;
            bool negated = false;
            std::vector<Xapian::Query> queries;
            std::vector<std::string> displays;
            std::vector<std::string> written;
        };
        std::vector<Group> groups;
        for (Clause& c : clauses) {
            const std::string key = c.group + (c.negated ? "!" : "");
            auto it = std::find_if(groups.begin(), groups.end(),
                                   [&](const Group& g) { return g.key == key; });
            if (it == groups.end()) {
                groups.push_back(Group{key, c.label, c.negated, {}, {}, {}});
                it = groups.end() - 1;
            }
            if (std::find(it->displays.begin(), it->displays.end(), c.display) != it->displays.end()) {
                continue; // the same value twice
            }
            it->queries.push_back(c.query);
            it->displays.push_back(c.display);
            it->written.push_back(c.written);
        }
        std::vector<Xapian::Query> positive;
        std::vector<Xapian::Query> negative;
        for (const Group& g : groups) {
            std::string line = (g.negated ? "not " : "") + g.label + ": ";
            for (std::size_t k = 0; k < g.displays.size(); ++k) {
                line += (k > 0 ? " or " : "") + g.displays[k];
            }
            out->interpretation.push_back(std::move(line));
            if (!g.negated) {
                add_name_words(g.queries, g.written);
            }
            if (g.negated) {
                negative.insert(negative.end(), g.queries.begin(), g.queries.end());
            } else if (g.queries.size() == 1) {
                positive.push_back(g.queries.front());
            } else {
                positive.emplace_back(Xapian::Query::OP_OR, g.queries.begin(), g.queries.end());
            }
        }
        Xapian::Query filter;
        if (positive.size() == 1) {
            filter = positive.front();
        } else if (!positive.empty()) {
            filter = Xapian::Query(Xapian::Query::OP_AND, positive.begin(), positive.end());
        }
        // Xapian's MatchNothing is the empty Query, which callers read as "no filter"; an
        // unknown value must match nothing, so it becomes a term no document has.
        if (!positive.empty() && filter.empty()) {
            out->filter = Xapian::Query(std::string(schema::no_match_term));
            return;
        }
        if (!negative.empty()) {
            const Xapian::Query excluded =
                negative.size() == 1 ? negative.front()
                                     : Xapian::Query(Xapian::Query::OP_OR, negative.begin(), negative.end());
            filter = Xapian::Query(Xapian::Query::OP_AND_NOT,
                                   filter.empty() ? Xapian::Query::MatchAll : filter, excluded);
        }
        out->filter = filter;
    }

    InterpretedQuery run(std::string_view query_text, Phrasing phrasing) {
        InterpretedQuery result;
        text = query_text;
        tokens = lex(query_text);
        clauses.clear();
        out = &result;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (tokens[i].kind == TokKind::field) {
                field_token(i);
            }
        }
        if (phrasing == Phrasing::natural) {
            for (std::size_t i = 0; i < tokens.size(); ++i) {
                if (plain_word(i)) {
                    if (const std::size_t taken = natural_phrase(i)) {
                        i += taken - 1;
                    }
                }
            }
        }
        // Only operators left dangling by what was taken out: a query nothing was taken out
        // of stays exactly as written, even if it is odd ("NOT", "()").
        if (std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.removed; })) {
            drop_dangling_operators(tokens);
        }
        result.text = rebuild(query_text, tokens);
        combine();
        result.spelling_suggestion = spelling_suggestion();
        out = nullptr;
        return result;
    }
};

QueryInterpreter::QueryInterpreter(Xapian::Database db,
                                   std::shared_ptr<const analysis::Gazetteer> gazetteer,
                                   CivilDate today)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->db = std::move(db);
    m_impl->gazetteer = std::move(gazetteer);
    m_impl->today = today;
}

QueryInterpreter::~QueryInterpreter() = default;

InterpretedQuery QueryInterpreter::interpret(std::string_view query_text, Phrasing phrasing) {
    return m_impl->run(query_text, phrasing);
}

} // namespace newsdex::search
