#include "newsdex/analysis/date_mentions.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>

#include "newsdex/ascii.h"
#include "newsdex/time/calendar.h"
#include "newsdex/time/timestamp.h"

namespace newsdex::analysis {
namespace {

// ---------------------------------------------------------------------------------------------
// Mentions. One pass turns the text into small tokens (ASCII words, numbers, punctuation; other
// bytes separate them), words are classified by one table look-up, and the rules below run over
// the token array. Nothing allocates per token beyond the vector itself.

enum class TokKind : std::uint8_t { word, number, punct };

// What a word means to the rules; anything not in the table is `other`.
enum class WordClass : std::uint8_t {
    other,
    month,   // value 1..12
    weekday, // value: weekday(), Monday = 0
    yesterday,
    today,
    tomorrow,
    last, // "last", "previous"
    this_,
    next,
    year,
    month_word, // "month"
    week,
    preposition, // words after which a bare full month name is a date ("in December")
    ordinal,     // "st", "nd", "rd", "th"
    of,
    count_noun, // "2011 people": the number is a count, not a year
};

struct Tok {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    TokKind kind = TokKind::punct;
    WordClass cls = WordClass::other;
    bool abbrev = false; // month abbreviation ("Jan", "Sept"), or May/March: needs a number
    char punct = 0;      // for punct: the ASCII char; '-' also for an en dash, '$' for £ € ¥
    int value = 0;       // month 1..12, weekday 0..6, or the number's value (capped)
    std::uint32_t length() const { return end - start; }
};

struct WordEntry {
    std::string_view word;
    WordClass cls;
    int value;
    bool abbrev;
};

// Month and weekday names come from the calendar (see WordIndex); these are the other words.
constexpr WordEntry word_table[] = {
    {"yesterday", WordClass::yesterday, 0, false},
    {"today", WordClass::today, 0, false},
    {"tomorrow", WordClass::tomorrow, 0, false},
    {"last", WordClass::last, 0, false},
    {"previous", WordClass::last, 0, false},
    {"this", WordClass::this_, 0, false},
    {"next", WordClass::next, 0, false},
    {"year", WordClass::year, 0, false},
    {"month", WordClass::month_word, 0, false},
    {"week", WordClass::week, 0, false},
    {"in", WordClass::preposition, 0, false},
    {"since", WordClass::preposition, 0, false},
    {"until", WordClass::preposition, 0, false},
    {"during", WordClass::preposition, 0, false},
    {"early", WordClass::preposition, 0, false},
    {"late", WordClass::preposition, 0, false},
    {"mid", WordClass::preposition, 0, false},
    {"st", WordClass::ordinal, 0, false},
    {"nd", WordClass::ordinal, 0, false},
    {"rd", WordClass::ordinal, 0, false},
    {"th", WordClass::ordinal, 0, false},
    {"of", WordClass::of, 0, false},
    // After a 4-digit number these make it a count, an amount or a clock time, not a year.
    {"people", WordClass::count_noun, 0, false},
    {"persons", WordClass::count_noun, 0, false},
    {"shares", WordClass::count_noun, 0, false},
    {"jobs", WordClass::count_noun, 0, false},
    {"workers", WordClass::count_noun, 0, false},
    {"employees", WordClass::count_noun, 0, false},
    {"staff", WordClass::count_noun, 0, false},
    {"troops", WordClass::count_noun, 0, false},
    {"soldiers", WordClass::count_noun, 0, false},
    {"tons", WordClass::count_noun, 0, false},
    {"tonnes", WordClass::count_noun, 0, false},
    {"barrels", WordClass::count_noun, 0, false},
    {"bpd", WordClass::count_noun, 0, false},
    {"units", WordClass::count_noun, 0, false},
    {"cars", WordClass::count_noun, 0, false},
    {"vehicles", WordClass::count_noun, 0, false},
    {"homes", WordClass::count_noun, 0, false},
    {"houses", WordClass::count_noun, 0, false},
    {"points", WordClass::count_noun, 0, false},
    {"votes", WordClass::count_noun, 0, false},
    {"seats", WordClass::count_noun, 0, false},
    {"deaths", WordClass::count_noun, 0, false},
    {"dead", WordClass::count_noun, 0, false},
    {"cases", WordClass::count_noun, 0, false},
    {"meters", WordClass::count_noun, 0, false},
    {"metres", WordClass::count_noun, 0, false},
    {"feet", WordClass::count_noun, 0, false},
    {"miles", WordClass::count_noun, 0, false},
    {"km", WordClass::count_noun, 0, false},
    {"kilometers", WordClass::count_noun, 0, false},
    {"kilometres", WordClass::count_noun, 0, false},
    {"acres", WordClass::count_noun, 0, false},
    {"hectares", WordClass::count_noun, 0, false},
    {"dollars", WordClass::count_noun, 0, false},
    {"euros", WordClass::count_noun, 0, false},
    {"pounds", WordClass::count_noun, 0, false},
    {"yen", WordClass::count_noun, 0, false},
    {"mln", WordClass::count_noun, 0, false},
    {"million", WordClass::count_noun, 0, false},
    {"billion", WordClass::count_noun, 0, false},
    {"bln", WordClass::count_noun, 0, false},
    {"percent", WordClass::count_noun, 0, false},
    {"pct", WordClass::count_noun, 0, false},
    {"members", WordClass::count_noun, 0, false},
    {"students", WordClass::count_noun, 0, false},
    {"children", WordClass::count_noun, 0, false},
    {"hours", WordClass::count_noun, 0, false},
    {"hrs", WordClass::count_noun, 0, false},
    {"gmt", WordClass::count_noun, 0, false},
    {"utc", WordClass::count_noun, 0, false},
    {"et", WordClass::count_noun, 0, false},
    {"est", WordClass::count_noun, 0, false},
    {"edt", WordClass::count_noun, 0, false},
    {"bst", WordClass::count_noun, 0, false},
    {"cet", WordClass::count_noun, 0, false},
    {"local", WordClass::count_noun, 0, false},
};

// "March" and "May" are also common English words: like abbreviations, they name a month only
// next to a day number or a year.
bool ambiguous_month(std::string_view name) { return name == "march" || name == "may"; }

// The calendar's month names (full and three-letter, plus "sept") and weekday names, and the
// table, bucketed by first letter; built once, and lookups compare only same-letter words.
struct WordIndex {
    std::array<std::vector<const WordEntry*>, 26> by_letter;
    std::deque<WordEntry> calendar_words; // a deque: the pointers above stay valid

    WordIndex() {
        for (std::size_t i = 0; i < month_names.size(); ++i) {
            const int month = static_cast<int>(i) + 1;
            const std::string_view full = month_names[i];
            add(WordEntry{full, WordClass::month, month, ambiguous_month(full)});
            if (full.size() > 3) {
                const std::string_view abbrev = full.substr(0, 3);
                add(WordEntry{abbrev, WordClass::month, month, true});
            }
        }
        add(WordEntry{"sept", WordClass::month, 9, true});
        for (std::size_t i = 0; i < weekday_names.size(); ++i) {
            add(WordEntry{weekday_names[i], WordClass::weekday, static_cast<int>(i), false});
        }
        for (const auto& e : word_table) {
            by_letter[static_cast<std::size_t>(e.word[0] - 'a')].push_back(&e);
        }
    }

    void add(const WordEntry& e) {
        by_letter[static_cast<std::size_t>(e.word[0] - 'a')].push_back(
            &calendar_words.emplace_back(e));
    }
};

const WordEntry* lookup_word(std::string_view text, std::uint32_t start, std::uint32_t end) {
    static const WordIndex index;
    const std::uint32_t n = end - start;
    if (n < 2 || n > 10) {
        return nullptr;
    }
    char buf[10];
    for (std::uint32_t i = 0; i < n; ++i) {
        buf[i] = to_lower(text[start + i]);
    }
    const std::string_view w(buf, n);
    for (const WordEntry* e : index.by_letter[static_cast<std::size_t>(buf[0] - 'a')]) {
        if (e->word == w) {
            return e;
        }
    }
    return nullptr;
}

std::vector<Tok> tokenize_for_dates(std::string_view text) {
    std::vector<Tok> toks;
    toks.reserve(text.size() / 5 + 4);
    const auto n = static_cast<std::uint32_t>(text.size());
    std::uint32_t i = 0;
    while (i < n) {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        Tok t;
        t.start = i;
        if (is_alpha(c)) {
            while (i < n && is_alpha(text[i])) {
                ++i;
            }
            t.end = i;
            t.kind = TokKind::word;
            if (const WordEntry* e = lookup_word(text, t.start, t.end)) {
                t.cls = e->cls;
                t.value = e->value;
                t.abbrev = e->abbrev;
            }
        } else if (is_digit(c)) {
            int v = 0;
            while (i < n && is_digit(text[i])) {
                if (v < 100'000'000) {
                    v = v * 10 + (text[i] - '0');
                }
                ++i;
            }
            t.end = i;
            t.kind = TokKind::number;
            t.value = v;
        } else if (u < 0x80) {
            ++i;
            if (is_space(c)) {
                continue;
            }
            t.end = i;
            t.punct = c;
        } else {
            // UTF-8: en/em dash as a range dash, £ ¥ (C2 A3/A5) and € (E2 82 AC) as currency.
            std::uint32_t len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
            if (i + len > n) {
                len = n - i;
            }
            const std::string_view seq = text.substr(i, len);
            i += len;
            if (seq == "\xE2\x80\x93" || seq == "\xE2\x80\x94") {
                t.punct = '-';
            } else if (seq == "\xC2\xA3" || seq == "\xC2\xA5" || seq == "\xE2\x82\xAC") {
                t.punct = '$';
            } else {
                continue;
            }
            t.end = i;
        }
        toks.push_back(t);
    }
    return toks;
}

class MentionScanner {
public:
    MentionScanner(std::string_view text, const std::optional<Timestamp>& published)
        : m_toks(tokenize_for_dates(text)) {
        if (published) {
            m_pub = local_date(*published);
            m_pub_days = days_from_civil(*m_pub);
        }
    }

    std::vector<DateMention> run() {
        std::size_t i = 0;
        while (i < m_toks.size()) {
            const std::size_t next = try_at(i);
            i = next > i ? next : i + 1;
        }
        return std::move(m_out);
    }

private:
    // Returns the index after the consumed tokens, or `i` when nothing matched there.
    std::size_t try_at(std::size_t i) {
        const Tok& t = m_toks[i];
        if (t.kind == TokKind::number) {
            if (const std::size_t n = iso_date(i); n != i) {
                return n;
            }
            if (const std::size_t n = day_first(i); n != i) {
                return n;
            }
            return year_alone(i);
        }
        if (t.kind != TokKind::word) {
            return i;
        }
        switch (t.cls) {
        case WordClass::month:
            return month_first(i);
        case WordClass::weekday:
            return weekday_at(i, 0, i);
        case WordClass::yesterday:
            return relative_day(i, -1);
        case WordClass::today:
            return relative_day(i, 0);
        case WordClass::tomorrow:
            return relative_day(i, 1);
        case WordClass::last:
            return relative_period(i, -1);
        case WordClass::this_:
            return relative_period(i, 0);
        case WordClass::next:
            return relative_period(i, 1);
        default:
            return i;
        }
    }

    const Tok* at(std::size_t i) const { return i < m_toks.size() ? &m_toks[i] : nullptr; }

    bool adjacent(std::size_t a, std::size_t b) const {
        return b < m_toks.size() && m_toks[a].end == m_toks[b].start;
    }

    bool is_punct(std::size_t i, char c) const {
        const Tok* t = at(i);
        return t != nullptr && t->kind == TokKind::punct && t->punct == c;
    }

    bool is_number(std::size_t i) const {
        const Tok* t = at(i);
        return t != nullptr && t->kind == TokKind::number;
    }

    // A 1–2 digit day 1..31 that is not part of a larger number ("1,000", "5.4").
    bool is_day_number(std::size_t i) const {
        const Tok* t = at(i);
        if (t == nullptr || t->kind != TokKind::number || t->length() > 2 || t->value < 1 ||
            t->value > 31) {
            return false;
        }
        return !continues_number(i);
    }

    bool is_year_number(std::size_t i) const {
        const Tok* t = at(i);
        return t != nullptr && t->kind == TokKind::number && t->length() == 4 && t->value >= 1900 &&
               t->value <= 2100 && !continues_number(i);
    }

    // "1,000" / "5.4" / "2011%" / "1990s": the digits run on into something that isn't a date.
    bool continues_number(std::size_t i) const {
        const std::size_t n = i + 1;
        if (!adjacent(i, n)) {
            return false;
        }
        const Tok& t = m_toks[n];
        if (t.kind == TokKind::word) {
            return t.cls != WordClass::ordinal;
        }
        if (t.kind == TokKind::number) {
            return true;
        }
        if (t.punct == '%') {
            return true;
        }
        return (t.punct == ',' || t.punct == '.' || t.punct == ':') && adjacent(n, n + 1) &&
               is_number(n + 1);
    }

    bool preceded_by_number_glue(std::size_t i) const {
        if (i < 2 || !adjacent(i - 1, i)) {
            return false;
        }
        const Tok& p = m_toks[i - 1];
        // "1,2011", "3.2011", a case number "602825/2008".
        return p.kind == TokKind::punct && (p.punct == ',' || p.punct == '.' || p.punct == '/') &&
               adjacent(i - 2, i - 1) && m_toks[i - 2].kind == TokKind::number;
    }

    void emit(std::size_t first_tok, std::size_t last_tok, CivilDate first, CivilDate last,
              DatePrecision precision) {
        DateMention m;
        m.start = m_toks[first_tok].start;
        m.end = m_toks[last_tok].end;
        m.first = first;
        m.last = last;
        m.precision = precision;
        m_out.push_back(m);
    }

    void emit_days(std::size_t first_tok, std::size_t last_tok, std::int64_t first_day,
                   std::int64_t last_day) {
        emit(first_tok, last_tok, civil_from_days(first_day), civil_from_days(last_day),
             DatePrecision::day);
    }

    // The year that puts month/day nearest the publication day (never more than ~6 months off).
    int infer_year(int month, int day) const {
        const int y = m_pub->year;
        const int d = std::min(day, days_in_month(y, month));
        const std::int64_t delta = days_from_civil(CivilDate{y, month, d}) - m_pub_days;
        if (delta > 183) {
            return y - 1;
        }
        if (delta < -183) {
            return y + 1;
        }
        return y;
    }

    // `2018-01-24`
    std::size_t iso_date(std::size_t i) {
        if (m_toks[i].length() != 4 || !is_punct(i + 1, '-') || !adjacent(i, i + 1) ||
            !adjacent(i + 1, i + 2) || !is_number(i + 2) || m_toks[i + 2].length() != 2 ||
            !is_punct(i + 3, '-') || !adjacent(i + 2, i + 3) || !adjacent(i + 3, i + 4) ||
            !is_number(i + 4) || m_toks[i + 4].length() != 2 || continues_number(i + 4)) {
            return i;
        }
        const int y = m_toks[i].value;
        const int mo = m_toks[i + 2].value;
        const int d = m_toks[i + 4].value;
        if (!valid_date(y, mo, d)) {
            return i;
        }
        emit(i, i + 4, {y, mo, d}, {y, mo, d}, DatePrecision::day);
        return i + 5;
    }

    // Skips "th" in "29th" and the "." in "Jan."; returns the next token index.
    std::size_t skip_ordinal(std::size_t i) const {
        if (adjacent(i, i + 1) && m_toks[i + 1].kind == TokKind::word &&
            m_toks[i + 1].cls == WordClass::ordinal) {
            return i + 2;
        }
        return i + 1;
    }

    std::size_t skip_abbrev_dot(std::size_t i) const {
        if (m_toks[i].abbrev && is_punct(i + 1, '.') && adjacent(i, i + 1)) {
            return i + 2;
        }
        return i + 1;
    }

    // Reads `29`, `29-30`, `29th`, `29th-30th` at j. Returns the index after, or j.
    std::size_t day_range(std::size_t j, int& d1, int& d2) const {
        if (!is_day_number(j)) {
            return j;
        }
        d1 = m_toks[j].value;
        d2 = d1;
        std::size_t k = skip_ordinal(j);
        if (is_punct(k, '-') && is_day_number(k + 1) && m_toks[k + 1].value > d1) {
            d2 = m_toks[k + 1].value;
            k = skip_ordinal(k + 1);
        }
        return k;
    }

    // Emits a day or day range in month `mo` of `year` (inferred when year is 0).
    bool emit_day_range(std::size_t first_tok, std::size_t last_tok, int year, int mo, int d1,
                        int d2) {
        if (year == 0) {
            if (!m_pub) {
                return false;
            }
            year = infer_year(mo, d1);
        }
        if (!valid_date(year, mo, d1) || !valid_date(year, mo, d2)) {
            return false;
        }
        emit(first_tok, last_tok, {year, mo, d1}, {year, mo, d2}, DatePrecision::day);
        return true;
    }

    // `January 29-30`, `Jan. 29, 2018`, `January 2018`, `in December`.
    std::size_t month_first(std::size_t i) {
        const int mo = m_toks[i].value;
        const std::size_t j = skip_abbrev_dot(i);
        int d1 = 0;
        int d2 = 0;
        const std::size_t k = day_range(j, d1, d2);
        if (k != j) {
            std::size_t end = k;
            int year = 0;
            if (is_punct(end, ',') && is_year_number(end + 1)) {
                year = m_toks[end + 1].value;
                end += 2;
            } else if (is_year_number(end)) {
                year = m_toks[end].value;
                end += 1;
            }
            return emit_day_range(i, end - 1, year, mo, d1, d2) ? end : i;
        }
        const std::size_t y = is_punct(j, ',') ? j + 1 : j;
        if (is_year_number(y)) {
            const int year = m_toks[y].value;
            emit(i, y, {year, mo, 1}, month_end(year, mo), DatePrecision::month);
            return y + 1;
        }
        // Bare month: only full, unambiguous names right after "in", "since", "last" …
        if (m_toks[i].abbrev || !m_pub || i == 0 || m_toks[i - 1].kind != TokKind::word ||
            (m_toks[i - 1].cls != WordClass::preposition && m_toks[i - 1].cls != WordClass::last)) {
            return i;
        }
        const int year = mo <= m_pub->month ? m_pub->year : m_pub->year - 1;
        emit(i, i, {year, mo, 1}, month_end(year, mo), DatePrecision::month);
        return i + 1;
    }

    // `29 January 2018`, `29th of Jan`, `29-30 January`.
    std::size_t day_first(std::size_t i) {
        int d1 = 0;
        int d2 = 0;
        std::size_t k = day_range(i, d1, d2);
        if (k == i || preceded_by_number_glue(i)) {
            return i;
        }
        if (const Tok* t = at(k);
            t != nullptr && t->kind == TokKind::word && t->cls == WordClass::of) {
            ++k;
        }
        const Tok* m = at(k);
        if (m == nullptr || m->kind != TokKind::word || m->cls != WordClass::month) {
            return i;
        }
        std::size_t end = skip_abbrev_dot(k);
        int year = 0;
        if (is_year_number(end)) {
            year = m_toks[end].value;
            end += 1;
        } else if (is_punct(end, ',') && is_year_number(end + 1)) {
            year = m_toks[end + 1].value;
            end += 2;
        }
        return emit_day_range(i, end - 1, year, m->value, d1, d2) ? end : i;
    }

    // `2011`, unless it reads as a count, an amount, a clock time or part of a bigger number.
    std::size_t year_alone(std::size_t i) {
        if (!is_year_number(i) || preceded_by_number_glue(i)) {
            return i;
        }
        if (i > 0 && m_toks[i - 1].kind == TokKind::punct && m_toks[i - 1].punct == '$') {
            return i;
        }
        if (const Tok* n = at(i + 1);
            n != nullptr && n->kind == TokKind::word && n->cls == WordClass::count_noun) {
            return i;
        }
        const int y = m_toks[i].value;
        emit(i, i, {y, 1, 1}, {y, 12, 31}, DatePrecision::year);
        return i + 1;
    }

    // `Wednesday` (on or before publication), `last Wednesday` (before), `next Wednesday`.
    std::size_t weekday_at(std::size_t i, int direction, std::size_t first_tok) {
        if (!m_pub) {
            return i;
        }
        // "Wednesday, January 24" names the day again: let the month rule take it.
        const std::size_t j = is_punct(i + 1, ',') ? i + 2 : i + 1;
        if (const Tok* t = at(j);
            t != nullptr &&
            ((t->kind == TokKind::word && t->cls == WordClass::month) ||
             (is_day_number(j) && at(j + 1) != nullptr && m_toks[j + 1].cls == WordClass::month))) {
            return i;
        }
        const int pub_wd = weekday(*m_pub);
        const int wd = m_toks[i].value;
        std::int64_t day = 0;
        if (direction > 0) {
            const int ahead = (wd - pub_wd + 7) % 7;
            day = m_pub_days + (ahead == 0 ? 7 : ahead);
        } else {
            const int back = (pub_wd - wd + 7) % 7;
            day = m_pub_days - (back == 0 && direction < 0 ? 7 : back);
        }
        emit_days(first_tok, i, day, day);
        return i + 1;
    }

    std::size_t relative_day(std::size_t i, int delta) {
        if (!m_pub) {
            return i;
        }
        emit_days(i, i, m_pub_days + delta, m_pub_days + delta);
        return i + 1;
    }

    // `last year`, `previous month`, `this week`, `next Wednesday` …
    std::size_t relative_period(std::size_t i, int delta) {
        const Tok* n = at(i + 1);
        if (!m_pub || n == nullptr || n->kind != TokKind::word) {
            return i;
        }
        switch (n->cls) {
        case WordClass::year: {
            const int y = m_pub->year + delta;
            emit(i, i + 1, {y, 1, 1}, {y, 12, 31}, DatePrecision::year);
            return i + 2;
        }
        case WordClass::month_word: {
            int y = m_pub->year;
            int mo = m_pub->month + delta;
            if (mo < 1) {
                mo += 12;
                --y;
            } else if (mo > 12) {
                mo -= 12;
                ++y;
            }
            emit(i, i + 1, {y, mo, 1}, month_end(y, mo), DatePrecision::month);
            return i + 2;
        }
        case WordClass::week: {
            // Weeks run Monday to Sunday (ISO 8601), as weekday() counts.
            const std::int64_t monday = m_pub_days - weekday(*m_pub) + std::int64_t{7} * delta;
            emit_days(i, i + 1, monday, monday + 6);
            return i + 2;
        }
        case WordClass::weekday:
            return delta == 0 ? i : weekday_at(i + 1, delta, i);
        default:
            return i;
        }
    }

    std::vector<Tok> m_toks;
    std::optional<CivilDate> m_pub;
    std::int64_t m_pub_days = 0;
    std::vector<DateMention> m_out;
};

} // namespace

std::vector<DateMention> find_date_mentions(std::string_view text,
                                            const std::optional<Timestamp>& published) {
    // Offsets are 32-bit inside the scanner; an article is never near 4 GiB.
    if (text.size() >= 0xFFFFFFFFu) {
        text = text.substr(0, 0xFFFFFFFEu);
    }
    return MentionScanner(text, published).run();
}

} // namespace newsdex::analysis
