#include "newsdex/search/date_phrases.h"

#include <algorithm>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/ascii.h"
#include "newsdex/time/timestamp.h"

namespace newsdex::search {
namespace {

bool whole_year(const CivilDate& a, const CivilDate& b) {
    return a.year == b.year && a.month == 1 && a.day == 1 && b.month == 12 && b.day == 31;
}

bool whole_month(const CivilDate& a, const CivilDate& b) {
    return a.year == b.year && a.month == b.month && a.day == 1 &&
           b.day == days_in_month(b.year, b.month);
}

int to_int(std::string_view s) {
    int n = 0;
    for (char c : s) {
        n = n * 10 + (c - '0');
    }
    return n;
}

/// Folded words of a date value: "24 January, 2018" → {"24", "january", "2018"}.
std::vector<std::string> date_words(std::string_view text) {
    const std::string folded = analysis::fold(text);
    std::vector<std::string> words;
    std::size_t from = 0;
    while (from < folded.size()) {
        const std::size_t to = std::min(folded.find_first_of(" ,\t", from), folded.size());
        if (to > from) {
            words.emplace_back(folded.substr(from, to - from));
        }
        from = to + 1;
    }
    return words;
}

/// A date value that is one unit and nothing else.
std::optional<DateUnit> parse_unit_text(std::string_view text, const CivilDate& today) {
    // A filter's value in ISO form may name any year an article can have ("date:..1000").
    if (auto iso = iso_word(trim(text), true)) {
        return iso;
    }
    const std::vector<std::string> words = date_words(text);
    auto unit = any_unit(words, 0, today);
    if (!unit || unit->words != words.size()) {
        return std::nullopt;
    }
    return unit;
}

} // namespace

bool is_reversed(const DayRange& range) {
    return range.first && range.last &&
           days_from_civil(*range.first) > days_from_civil(*range.last);
}

int month_number(std::string_view w, bool full_names_only) {
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

std::optional<int> year_word(std::string_view w, bool any_publication_year) {
    if (w.size() != 4 || !all_digits(w)) {
        return std::nullopt;
    }
    const int y = to_int(w);
    const bool plausible =
        any_publication_year ? is_plausible_publication_year(y) : y >= 1800 && y < 2200;
    return plausible ? std::optional<int>(y) : std::nullopt;
}

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

std::optional<DateUnit> iso_word(std::string_view w, bool any_publication_year) {
    if (const auto y = year_word(w, any_publication_year)) {
        return DateUnit{CivilDate{*y, 1, 1}, CivilDate{*y, 12, 31}, Precision::year, false, 1};
    }
    if (w.size() < 7 || w[4] != '-' || !year_word(w.substr(0, 4), any_publication_year)) {
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

std::string describe_range(const DayRange& r) {
    if (r.first && r.last) {
        if (*r.first == *r.last) {
            return iso_day(*r.first);
        }
        if (whole_year(*r.first, *r.last)) {
            return iso_year(r.first->year);
        }
        if (whole_month(*r.first, *r.last)) {
            return iso_month(r.first->year, r.first->month);
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

} // namespace newsdex::search
