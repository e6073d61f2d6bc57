/// @file
/// @brief Exact facet counts over all matches: with Xapian's own ValueCountMatchSpy through
///        xapian-tcpsrv, with our own spies (packed slots, in-memory columns) on local databases;
///        the same counts either way.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "newsdex/search/facet_columns.h"
#include "newsdex/search/result.h"
#include "newsdex/user_aliases.h"

namespace newsdex::search {

/// How dates are grouped, for the date facet and the histogram. A week runs Monday to Sunday
/// and is labelled by its Monday ("2018-01-22").
enum class DateGranularity { day, week, month, year };

/// Parses "day", "week", "month", "year"; throws UsageError.
DateGranularity parse_granularity(std::string_view name);

/// The name parse_granularity reads: "day", "week", "month" or "year".
const char* granularity_name(DateGranularity g);

/// Parses "actor,location" into facet names, checking each against the schema; throws
/// UsageError naming an unknown one.
std::vector<std::string> parse_facet_list(std::string_view list);

/// Counts facets for one Enquire. Attach before get_mset, and ask get_mset to check every
/// match (checkatleast = database size), or the counts cover only what Xapian looked at.
class FacetCounter {
public:
    /// @param local_only every database is local: multi-valued facets are then counted from
    ///        their packed slot by our own spy (one value read per document instead of one per
    ///        slot); a remote shard needs Xapian's own ValueCountMatchSpy on every slot.
    /// @param columns the facets of every document in memory (local databases only): then
    ///        collect_matches() notes the matching documents and counting reads the columns.
    FacetCounter(std::vector<std::string> facet_names, DateGranularity date_granularity,
                 bool histogram, DateGranularity histogram_granularity, bool local_only = false,
                 FacetColumns* columns = nullptr);
    ~FacetCounter();
    FacetCounter(FacetCounter&&) noexcept;
    FacetCounter& operator=(FacetCounter&&) noexcept;

    void attach(Xapian::Enquire& enquire);

    /// The user's rules for entity facet values: `never` values are not counted, `merge`
    /// values count as their target (a document naming both forms then counts twice, which
    /// the extractor's own merging makes rare), a `type` rule hides a name from the other
    /// type's facet (person, org). May be null.
    void set_user_aliases(std::shared_ptr<const UserAliases> rules) {
        m_user_aliases = std::move(rules);
    }

    /// The actor and person lists keep `margin` values more than facets() is asked for, so
    /// that count_short_forms_as_resolved (facet_resolver.h) sees the bare short forms just
    /// below the cut, and then cuts them.
    void count_more_people(std::size_t margin) { m_more_people = margin; }

    /// Counts per requested facet, each cut to `limit` values (0 = all).
    std::vector<FacetCounts> facets(std::size_t limit) const;

    /// How many matching documents the counts cover: every match, before copies of a story
    /// are folded into one hit.
    std::uint64_t documents_seen() const;

    /// With columns: finds every match of `query`, shard by shard, without weights (instead
    /// of attach()).
    void collect_matches(const Xapian::Query& query);

    /// How many hits the matches make with near-duplicates collapsed (each cluster once):
    /// exact, where Xapian's collapsed total is an estimate. Without columns, only if
    /// count_stories() was called before attach().
    std::uint64_t stories() const;
    void count_stories();

    /// Matches per period, in date order, with empty periods between filled in as 0.
    std::vector<FacetValueCount> histogram() const;

private:
    class PackedValueSpy;
    class DocidSpy;
    /// Counts from the columns by period, for the date facet and the histogram: the period's
    /// first day (YYYYMMDD) → count.
    std::map<std::uint32_t, std::uint64_t> day_counts(DateGranularity g) const;
    FacetCounts column_counts(const std::string& name, std::size_t limit) const;
    FacetCounts counts_of(const std::string& name, std::size_t limit) const;
    void apply_user_aliases(FacetCounts& counts) const;
    struct Spied {
        std::string facet;
        std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
        std::unique_ptr<PackedValueSpy> packed; ///< instead of spies, on local databases
    };
    std::vector<Spied> m_spied;
    std::unique_ptr<Xapian::ValueCountMatchSpy> m_day_spy;     // for date grouping + histogram
    std::unique_ptr<Xapian::ValueCountMatchSpy> m_cluster_spy; // for stories()
    FacetColumns* m_columns = nullptr;
    std::unique_ptr<DocidSpy> m_docids; // with m_columns, instead of every other spy
    std::vector<std::string> m_names;
    DateGranularity m_date_granularity;
    bool m_histogram;
    DateGranularity m_histogram_granularity;
    std::shared_ptr<const UserAliases> m_user_aliases;
    std::size_t m_more_people = 0;
};

} // namespace newsdex::search
