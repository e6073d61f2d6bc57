/// @file
/// @brief Running searches over one or more databases (local or remote) as one.
#pragma once
#include <chrono>
#include <cstddef>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/analysis/analyzer.h"
#include "newsdex/search/database_set.h"
#include "newsdex/search/facet_columns.h"
#include "newsdex/search/facets.h"
#include "newsdex/search/query_builder.h"
#include "newsdex/search/query_interpreter.h"
#include "newsdex/search/result.h"

namespace newsdex::search {

enum class SortOrder {
    automatic, ///< relevance when there are words or filtered names to rank by, else
               ///< newest first
    relevance, ///< BM25; a listing by filters alone: how much each article is about the
               ///< people, organisations and places filtered for (BM25 on their names)
    date,      ///< oldest first (chronological), ties by relevance
    date_desc, ///< newest first ("-date")
};

/// Parses "relevance", "date", "-date" (also "newest"/"oldest"); throws UsageError.
SortOrder parse_sort_order(std::string_view name);

struct SearchRequest {
    std::string query;
    QueryMode mode = QueryMode::syntax;
    DefaultOperator default_op = DefaultOperator::and_;
    std::size_t limit = 10;
    std::size_t offset = 0;
    SortOrder sort = SortOrder::automatic;
    bool snippets = true;
    std::vector<std::string> facets; ///< facet names to count over all matches
    std::size_t facet_limit = 10;    ///< values shown per facet (0 = all)
    DateGranularity date_granularity = DateGranularity::month; ///< of the "date" facet
    std::optional<DateGranularity> histogram;
    Xapian::Query filter; ///< extra filter (no weight); Xapian::Query() = none
    /// The day relative dates ("last week") count from; empty = today (local time).
    std::optional<CivilDate> today;
    /// One hit per near-duplicate cluster ("+N similar"); false = --all-copies.
    bool collapse_duplicates = true;
    /// Fold copies also in a listing by filters alone (which otherwise shows every document),
    /// so that `total` counts stories there too (--names).
    bool collapse_listings = false;
    /// --like ID: articles related to this one (not its own copies).
    std::string like_id;
    /// --recency: blend freshness into relevance, halving the score every so many days.
    std::optional<double> recency_half_life_days;
    /// Up to this many matches the total is exact (Xapian looks at every one); beyond it,
    /// Xapian's estimate ("about N"), since counting costs time in proportion to the matches.
    /// 0 (--estimate): estimate from the page's matches, faster for queries matching tens
    /// of thousands of articles.
    std::size_t exact_count_limit = 100000;
    /// --auto-correct: when nothing matches and the query has a spelling suggestion, answer
    /// the suggestion instead (SearchResult::corrected_from says so).
    bool auto_correct = false;
};

/// Parses a half-life: "7d", "12h", "2w", "30" (days); throws UsageError.
double parse_half_life_days(std::string_view text);

/// An open set of databases. Not thread-safe (Xapian handles and an Analyzer inside).
class Searcher {
public:
    /// Opens every database (a path, a stub file, a directory of shards, or tcp://host:port)
    /// as one (DatabaseSet). Throws newsdex::Error naming the one that failed ("no database at
    /// 'x' …"), or SchemaError. With allow_partial, a shard that is down is left out and every
    /// result says so (SearchResult::warnings, partial).
    explicit Searcher(const std::vector<std::string>& databases, std::string_view language = "en",
                      bool allow_partial = false);

    SearchResult search(const SearchRequest& request);

    /// The user's rules for entity facet values (UserAliases), applied to every search from
    /// now on: filters and counts. Null: none.
    void set_user_aliases(std::shared_ptr<const UserAliases> rules);
    const std::shared_ptr<const UserAliases>& user_aliases() const { return m_user_aliases; }

    const Xapian::Database& database() const { return m_db; }
    /// What every result's warnings say of the databases themselves (archives of an older
    /// schema version, shards left out under allow_partial): for answers that run no search.
    std::vector<std::string> database_warnings() const {
        std::vector<std::string> all = m_set->notices();
        all.insert(all.end(), m_set->warnings().begin(), m_set->warnings().end());
        return all;
    }
    /// Each shard on its own (one handle for a single database): what per-database metadata,
    /// such as the entity registry, is read from.
    std::vector<Xapian::Database> shard_handles() const;

private:
    /// Reads filters and natural phrasing out of the query (loads the gazetteer on first use).
    InterpretedQuery interpret(const SearchRequest& request);
    SearchResult search_once(const SearchRequest& request);
    /// Moves a long session (--queries) to the newest commit when an indexer has committed
    /// since (checked at most every few milliseconds), dropping what was cached for the old one.
    void follow_commits();
    /// Drops what was computed from the revision being read (after a reopen).
    void forget_revision();
    Xapian::Query like_query(const std::string& id);

    // The steps of search_once, in order.
    struct QueryPlan;
    struct Counted;
    struct RankedHit {
        Xapian::MSetIterator it;
        double score;
    };
    QueryPlan plan_query(const SearchRequest& request);
    void configure_enquire(Xapian::Enquire& enquire, const QueryPlan& plan) const;
    std::optional<FacetCounter> facet_counter(const SearchRequest& request, const QueryPlan& plan);
    Xapian::MSet fetch_page(Xapian::Enquire& enquire, const QueryPlan& plan,
                            const SearchRequest& request, std::optional<FacetCounter>& counter,
                            std::future<Counted>& counting, SearchResult& result);
    static void rerank_by_recency(std::vector<RankedHit>& ranked, const SearchRequest& request);
    void assemble_result(SearchResult& result, const std::vector<RankedHit>& ranked,
                         const QueryPlan& plan, const SearchRequest& request);

    std::unique_ptr<DatabaseSet> m_set;
    Xapian::Database m_db; // m_set->combined()
    std::string m_language;
    analysis::Analyzer m_analyzer;
    std::shared_ptr<const analysis::Gazetteer> m_gazetteer;
    std::shared_ptr<const UserAliases> m_user_aliases;
    // Kept across searches (a --queries session): building them costs more than a query.
    std::optional<QueryBuilder> m_builder;
    std::unique_ptr<QueryInterpreter> m_interpreter;
    CivilDate m_interpreter_today;
    // Facet values in memory, read when a session counts facets or stories a second time
    // (see FacetColumns); dropped whenever m_db moves to another revision.
    std::unique_ptr<FacetColumns> m_columns;
    std::size_t m_counting_searches = 0;
    std::chrono::steady_clock::time_point m_revision_checked = std::chrono::steady_clock::now();
};

} // namespace newsdex::search
