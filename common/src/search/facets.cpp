#include "newsdex/search/facets.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/search/match_set.h"
#include "newsdex/time/calendar.h"

namespace newsdex::search {
namespace {

// 2018-01-24 → "2018-01-24", "2018-01" or "2018".
std::string date_label(const CivilDate& day, DateGranularity g) {
    switch (g) {
    case DateGranularity::day:
        return iso_day(day);
    case DateGranularity::week:
        return iso_day(add_days(day, -weekday(day)));
    case DateGranularity::month:
        return iso_month(day.year, day.month);
    case DateGranularity::year:
        return iso_year(day.year);
    }
    return iso_day(day);
}

// The same from a day key ("20180124"); anything else is shown as it is.
std::string date_label(const std::string& day_key, DateGranularity g) {
    const std::optional<CivilDate> day = schema::parse_day_key(day_key);
    return day ? date_label(*day, g) : day_key;
}

// 20180124 → 2018-01-24 (the day column's numbers).
CivilDate day_of_number(std::uint32_t yyyymmdd) {
    return CivilDate{static_cast<int>(yyyymmdd / 10000), static_cast<int>(yyyymmdd / 100 % 100),
                     static_cast<int>(yyyymmdd % 100)};
}

// The label after `label` at this granularity ("2018-01" → "2018-02").
std::string next_label(const std::string& label, DateGranularity g) {
    const int y = std::stoi(label.substr(0, 4));
    const int m = g == DateGranularity::year ? 1 : std::stoi(label.substr(5, 2));
    const bool has_day = g == DateGranularity::day || g == DateGranularity::week;
    const int d = has_day ? std::stoi(label.substr(8, 2)) : 1;
    switch (g) {
    case DateGranularity::year:
        return iso_year(y + 1);
    case DateGranularity::month:
        return m == 12 ? iso_month(y + 1, 1) : iso_month(y, m + 1);
    case DateGranularity::week:
        return iso_day(add_days(CivilDate{y, m, d}, 7));
    case DateGranularity::day:
        return iso_day(add_days(CivilDate{y, m, d}, 1));
    }
    return label;
}

// Most frequent first, then by value; only the first `limit` (0: all) need ordering.
void sort_counts(std::vector<FacetValueCount>& counts, std::size_t limit) {
    const auto before = [](const FacetValueCount& a, const FacetValueCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    if (limit > 0 && counts.size() > limit) {
        std::partial_sort(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(limit),
                          counts.end(), before);
        counts.resize(limit);
    } else {
        std::sort(counts.begin(), counts.end(), before);
    }
}

// The date facet: the busiest `limit` periods (0: all), listed in date order (ISO labels sort
// chronologically), so that it reads as a timeline.
void sort_periods(std::vector<FacetValueCount>& counts, std::size_t limit) {
    sort_counts(counts, limit);
    std::sort(counts.begin(), counts.end(),
              [](const FacetValueCount& a, const FacetValueCount& b) { return a.value < b.value; });
}

} // namespace

DateGranularity parse_granularity(std::string_view name) {
    if (name == "day") {
        return DateGranularity::day;
    }
    if (name == "week") {
        return DateGranularity::week;
    }
    if (name == "month") {
        return DateGranularity::month;
    }
    if (name == "year") {
        return DateGranularity::year;
    }
    throw UsageError("unknown date grouping '" + std::string(name) +
                     "' (use day, week, month or year)");
}

const char* granularity_name(DateGranularity g) {
    switch (g) {
    case DateGranularity::day:
        return "day";
    case DateGranularity::week:
        return "week";
    case DateGranularity::month:
        return "month";
    case DateGranularity::year:
        break;
    }
    return "year";
}

std::vector<std::string> parse_facet_list(std::string_view list) {
    std::vector<std::string> names;
    std::size_t from = 0;
    while (from <= list.size()) {
        std::size_t to = list.find(',', from);
        if (to == std::string_view::npos) {
            to = list.size();
        }
        std::string name(list.substr(from, to - from));
        name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
        if (!name.empty()) {
            if (schema::find_facet(name) == nullptr) {
                std::string known;
                for (const schema::Facet& f : schema::facets) {
                    known += (known.empty() ? "" : ", ") + std::string(f.name);
                }
                throw UsageError("unknown facet '" + name + "' (facets: " + known + ")");
            }
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                names.push_back(name);
            }
        }
        from = to + 1;
    }
    return names;
}

// Counts the values packed into one slot (schema::Facet::packed_slot). Only for local
// databases: xapian-tcpsrv cannot run a spy it does not know.
class FacetCounter::PackedValueSpy : public Xapian::MatchSpy {
public:
    explicit PackedValueSpy(Xapian::valueno slot) : m_slot(slot) {}

    void operator()(const Xapian::Document& doc, double /*weight*/) override {
        ++m_total;
        const std::string packed = doc.get_value(m_slot);
        schema::packed_split(packed, [this](std::string_view value) {
            const auto found = m_counts.find(value);
            if (found != m_counts.end()) {
                ++found->second;
            } else {
                // Keys point into m_keys, whose strings never move: lookups need no allocation.
                m_counts.emplace(m_keys.emplace_back(value), 1);
            }
        });
    }

    std::string name() const override { return "newsdex.PackedValueSpy"; }

    const std::unordered_map<std::string_view, std::uint64_t>& counts() const { return m_counts; }
    std::uint64_t total() const { return m_total; }

private:
    Xapian::valueno m_slot;
    std::deque<std::string> m_keys;
    std::unordered_map<std::string_view, std::uint64_t> m_counts;
    std::uint64_t m_total = 0;
};

// Notes the matching documents of one shard; the counting is done afterwards from FacetColumns.
class FacetCounter::DocidSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& doc, double /*weight*/) override {
        m_docids.back().push_back(doc.get_docid());
    }
    std::string name() const override { return "newsdex.DocidSpy"; }

    void next_shard() { m_docids.emplace_back(); }
    void add_shard(std::vector<Xapian::docid> docids) { m_docids.push_back(std::move(docids)); }
    const ShardDocids& docids() const { return m_docids; }
    std::size_t size() const {
        std::size_t n = 0;
        for (const auto& shard : m_docids) {
            n += shard.size();
        }
        return n;
    }

private:
    ShardDocids m_docids;
};

FacetCounter::~FacetCounter() = default;
FacetCounter::FacetCounter(FacetCounter&&) noexcept = default;
FacetCounter& FacetCounter::operator=(FacetCounter&&) noexcept = default;

FacetCounter::FacetCounter(std::vector<std::string> facet_names, DateGranularity date_granularity,
                           bool histogram, DateGranularity histogram_granularity, bool local_only,
                           FacetColumns* columns)
    : m_columns(columns), m_names(std::move(facet_names)), m_date_granularity(date_granularity),
      m_histogram(histogram), m_histogram_granularity(histogram_granularity) {
    if (m_columns != nullptr) {
        m_docids = std::make_unique<DocidSpy>();
        return;
    }
    bool need_days = m_histogram;
    for (const std::string& name : m_names) {
        if (name == "date") {
            need_days = true; // grouped from the day slot, at any granularity
            continue;
        }
        const schema::Facet* facet = schema::find_facet(name);
        Spied spied{name, {}, nullptr};
        if (local_only && facet->packed_slot != 0) {
            spied.packed = std::make_unique<PackedValueSpy>(facet->packed_slot);
        } else {
            for (unsigned i = 0; i < facet->slot_count; ++i) {
                spied.spies.push_back(
                    std::make_unique<Xapian::ValueCountMatchSpy>(facet->first_slot + i));
            }
        }
        m_spied.push_back(std::move(spied));
    }
    if (need_days) {
        m_day_spy =
            std::make_unique<Xapian::ValueCountMatchSpy>(schema::slot(schema::Slot::published_day));
    }
}

void FacetCounter::collect_matches(const Xapian::Query& query) {
    for (const Xapian::Database& shard : m_columns->shards()) {
        if (std::optional<std::vector<Xapian::docid>> docids = boolean_matches(shard, query)) {
            m_docids->add_shard(std::move(*docids));
            continue;
        }
        Xapian::Enquire enquire(shard);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        m_docids->next_shard();
        enquire.add_matchspy(m_docids.get());
        enquire.get_mset(0, 0, shard.get_doccount());
    }
}

void FacetCounter::count_stories() {
    if (!m_columns && !m_cluster_spy) {
        m_cluster_spy =
            std::make_unique<Xapian::ValueCountMatchSpy>(schema::slot(schema::Slot::cluster));
    }
}

std::uint64_t FacetCounter::stories() const {
    if (m_columns != nullptr) {
        return m_columns->stories(m_docids->docids());
    }
    if (!m_cluster_spy) {
        return documents_seen();
    }
    // Each cluster once, and every match without a cluster (never collapsed) on its own.
    std::uint64_t clusters = 0;
    std::uint64_t clustered = 0;
    for (auto it = m_cluster_spy->values_begin(); it != m_cluster_spy->values_end(); ++it) {
        ++clusters;
        clustered += it.get_termfreq();
    }
    return clusters + (m_cluster_spy->get_total() - clustered);
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
    if (m_cluster_spy) {
        enquire.add_matchspy(m_cluster_spy.get());
    }
    for (Spied& s : m_spied) {
        for (auto& spy : s.spies) {
            enquire.add_matchspy(spy.get());
        }
        if (s.packed) {
            enquire.add_matchspy(s.packed.get());
        }
    }
    if (m_day_spy) {
        enquire.add_matchspy(m_day_spy.get());
    }
}

std::map<std::uint32_t, std::uint64_t> FacetCounter::day_counts(DateGranularity g) const {
    // Grouped as counted: YYYYMMDD / 100 is the month YYYYMM, / 10000 the year (padded back
    // to YYYYMMDD below, for date_label).
    // Weeks are counted by day here and grouped by date_label.
    const std::uint32_t unit = g == DateGranularity::day || g == DateGranularity::week ? 1
                               : g == DateGranularity::month                           ? 100
                                                                                       : 10000;
    const DayColumn& column = m_columns->days();
    std::unordered_map<std::uint32_t, std::uint64_t> by_period;
    const ShardDocids& matches = m_docids->docids();
    for (std::size_t s = 0; s < matches.size() && s < column.days.size(); ++s) {
        const std::vector<std::uint32_t>& days = column.days[s];
        for (const Xapian::docid did : matches[s]) {
            if (did < days.size() && days[did] != 0) {
                ++by_period[days[did] / unit];
            }
        }
    }
    std::map<std::uint32_t, std::uint64_t> counts;
    for (const auto& [period, count] : by_period) {
        counts.emplace(period * unit + (unit == 1 ? 0 : unit == 100 ? 1 : 101), count);
    }
    return counts;
}

FacetCounts FacetCounter::column_counts(const std::string& name, std::size_t limit) const {
    FacetCounts result{name, {}};
    if (name == "date") {
        std::unordered_map<std::string, std::uint64_t> totals;
        for (const auto& [day, count] : day_counts(m_date_granularity)) {
            totals[date_label(day_of_number(day), m_date_granularity)] += count;
        }
        for (auto& [value, count] : totals) {
            result.values.push_back(FacetValueCount{value, count});
        }
        sort_periods(result.values, limit);
        return result;
    }
    FacetColumn& column = m_columns->facet(name);
    // Counts by value id in the column's own scratch array (zeroed again below), so that a
    // search neither allocates nor clears one slot per distinct value of the archive.
    std::vector<std::uint32_t>& counts = column.scratch_counts;
    counts.resize(column.values.size(), 0);
    std::vector<std::uint32_t> seen; // the ids counted at least once
    const ShardDocids& matches = m_docids->docids();
    for (std::size_t s = 0; s < matches.size() && s < column.parts.size(); ++s) {
        const FacetColumn::Part& part = column.parts[s];
        for (const Xapian::docid did : matches[s]) {
            if (did + 1 >= part.offsets.size()) {
                continue;
            }
            for (std::uint32_t i = part.offsets[did]; i < part.offsets[did + 1]; ++i) {
                const std::uint32_t id = part.ids[i];
                if (counts[id]++ == 0) {
                    seen.push_back(id);
                }
            }
        }
    }
    // Order the ids, then make strings of the shown ones only.
    const auto before = [&](std::uint32_t a, std::uint32_t b) {
        return counts[a] != counts[b] ? counts[a] > counts[b] : column.values[a] < column.values[b];
    };
    const std::size_t shown = limit > 0 ? std::min(limit, seen.size()) : seen.size();
    std::partial_sort(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(shown), seen.end(),
                      before);
    result.values.reserve(shown);
    for (std::size_t i = 0; i < shown; ++i) {
        result.values.push_back(FacetValueCount{column.values[seen[i]], counts[seen[i]]});
    }
    for (const std::uint32_t id : seen) {
        counts[id] = 0;
    }
    return result;
}

std::vector<FacetCounts> FacetCounter::facets(std::size_t limit) const {
    std::vector<FacetCounts> results;
    for (const std::string& name : m_names) {
        const bool entity_facet =
            name == "actor" || name == "person" || name == "org" || name == "location";
        const std::size_t wanted =
            limit > 0 && (name == "actor" || name == "person") ? limit + m_more_people : limit;
        if (m_user_aliases && entity_facet) {
            // The rules change counts and order: count every value, then cut.
            FacetCounts all = counts_of(name, 0);
            apply_user_aliases(all);
            sort_counts(all.values, wanted);
            results.push_back(std::move(all));
        } else {
            results.push_back(counts_of(name, wanted));
        }
    }
    return results;
}

void FacetCounter::apply_user_aliases(FacetCounts& counts) const {
    std::unordered_map<std::string, std::uint64_t> merged;
    for (const FacetValueCount& v : counts.values) {
        if (m_user_aliases->hidden(v.value)) {
            continue;
        }
        if (counts.name == "location" &&
            m_user_aliases->hidden(schema::split_location_display(v.value).first)) {
            continue;
        }
        if (counts.name == "person" || counts.name == "org") {
            const auto type = m_user_aliases->type_of(v.value);
            if (type && (*type == analysis::EntityType::person) != (counts.name == "person")) {
                continue;
            }
        }
        merged[m_user_aliases->merged(v.value)] += v.count;
    }
    counts.values.clear();
    for (auto& [value, count] : merged) {
        counts.values.push_back(FacetValueCount{value, count});
    }
}

FacetCounts FacetCounter::counts_of(const std::string& name, std::size_t limit) const {
    if (m_columns != nullptr) {
        return column_counts(name, limit);
    }
    {
        FacetCounts result{name, {}};
        std::unordered_map<std::string, std::uint64_t> totals;
        if (name == "date") {
            for (auto it = m_day_spy->values_begin(); it != m_day_spy->values_end(); ++it) {
                totals[date_label(*it, m_date_granularity)] += it.get_termfreq();
            }
        } else {
            for (const Spied& s : m_spied) {
                if (s.facet != name) {
                    continue;
                }
                // A document holds a value in one slot only, so summing over slots counts
                // documents, not mentions.
                for (const auto& spy : s.spies) {
                    for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
                        totals[*it] += it.get_termfreq();
                    }
                }
                if (s.packed) {
                    // The only spy of this facet: its counts are the totals already.
                    result.values.reserve(s.packed->counts().size());
                    for (const auto& [value, count] : s.packed->counts()) {
                        result.values.push_back(FacetValueCount{std::string(value), count});
                    }
                }
            }
        }
        result.values.reserve(totals.size());
        for (auto& [value, count] : totals) {
            result.values.push_back(FacetValueCount{value, count});
        }
        if (name == "date") {
            sort_periods(result.values, limit);
        } else {
            sort_counts(result.values, limit);
        }
        return result;
    }
}

std::uint64_t FacetCounter::documents_seen() const {
    if (m_docids) {
        return m_docids->size();
    }
    // Every spy is shown every match; any one of them knows how many there were.
    if (m_day_spy) {
        return m_day_spy->get_total();
    }
    if (m_cluster_spy) {
        return m_cluster_spy->get_total();
    }
    for (const Spied& s : m_spied) {
        if (!s.spies.empty()) {
            return s.spies.front()->get_total();
        }
        if (s.packed) {
            return s.packed->total();
        }
    }
    return 0;
}

std::vector<FacetValueCount> FacetCounter::histogram() const {
    std::vector<FacetValueCount> bins;
    if (!m_histogram || (!m_day_spy && !m_docids)) {
        return bins;
    }
    std::map<std::string, std::uint64_t> totals;
    if (m_docids) {
        for (const auto& [day, count] : day_counts(m_histogram_granularity)) {
            totals[date_label(day_of_number(day), m_histogram_granularity)] += count;
        }
    } else {
        for (auto it = m_day_spy->values_begin(); it != m_day_spy->values_end(); ++it) {
            // A database indexed before years were four digits holds short keys ("10101"):
            // not a period that can be drawn.
            if (schema::parse_day_key(*it)) {
                totals[date_label(*it, m_histogram_granularity)] += it.get_termfreq();
            }
        }
    }
    if (totals.empty()) {
        return bins;
    }
    // Fill the gaps so that the chart's x axis is time, not just the periods that matched;
    // but never draw more than a few thousand bars.
    const std::string last = totals.rbegin()->first;
    std::string label = totals.begin()->first;
    for (std::size_t guard = 0; guard < 5000; ++guard) {
        const auto found = totals.find(label);
        bins.push_back(FacetValueCount{label, found == totals.end() ? 0 : found->second});
        if (label >= last) {
            break;
        }
        label = next_label(label, m_histogram_granularity);
    }
    return bins;
}

} // namespace newsdex::search
