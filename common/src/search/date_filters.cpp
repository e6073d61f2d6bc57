#include "newsdex/search/date_filters.h"

#include <string>
#include <string_view>
#include <vector>

#include "newsdex/schema.h"

namespace newsdex::search {
namespace {

using schema::day_key;
using schema::month_key;
using schema::year_key;

// The fewest year, month and day terms that exactly cover [first, last], or nothing when that
// takes more than max_terms (0: no limit).
std::vector<Xapian::Query> covering_terms(CivilDate first, CivilDate last,
                                          std::string_view year_prefix,
                                          std::string_view month_prefix,
                                          std::string_view day_prefix, std::size_t max_terms) {
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
            terms.emplace_back(schema::boolean_term(day_prefix, day_key(d)));
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

/// The range with its open ends closed at the archive's first and last publication days.
DayRange closed_by(const DayRange& range, const Xapian::Database* archive, Xapian::valueno slot) {
    DayRange closed = range;
    if (archive != nullptr && (!closed.first || !closed.last)) {
        const auto lowest = schema::parse_day_key(archive->get_value_lower_bound(slot));
        const auto highest = schema::parse_day_key(archive->get_value_upper_bound(slot));
        if (lowest && highest) {
            if (!closed.first) {
                closed.first = lowest;
            }
            if (!closed.last) {
                closed.last = highest;
            }
        }
    }
    return closed;
}

} // namespace

Xapian::Query publication_date_query(const DayRange& range, const Xapian::Database* archive) {
    const Xapian::valueno slot = schema::slot(schema::Slot::published_day);
    // Open ends stop at the archive's first and last days, so that they too become terms.
    const DayRange closed = closed_by(range, archive, slot);
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
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, day_key(a), day_key(b));
    }
    if (closed.first) {
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, day_key(*closed.first));
    }
    if (closed.last) {
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, day_key(*closed.last));
    }
    return Xapian::Query::MatchAll;
}

Xapian::Query mentioned_date_query(CivilDate first, CivilDate last) {
    return any_of(covering_terms(first, last, schema::mentioned_year_prefix,
                                 schema::mentioned_month_prefix, schema::mentioned_day_prefix, 0));
}

Xapian::Query mentioned_date_query(const DayRange& range, std::optional<YearSpan> mentioned_years) {
    if (range.first && range.last) {
        return mentioned_date_query(*range.first, *range.last);
    }
    if (!mentioned_years) {
        return Xapian::Query::MatchNothing;
    }
    const CivilDate first = range.first ? *range.first : CivilDate{mentioned_years->first, 1, 1};
    const CivilDate last = range.last ? *range.last : CivilDate{mentioned_years->second, 12, 31};
    if (days_from_civil(first) > days_from_civil(last)) {
        return Xapian::Query::MatchNothing;
    }
    return mentioned_date_query(first, last);
}

} // namespace newsdex::search
