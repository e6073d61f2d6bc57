#include "newsdex/search/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <ctime>
#include <future>

#include "newsdex/analysis/stopwords.h"
#include "newsdex/error.h"
#include "newsdex/index/document_builder.h"
#include "newsdex/schema.h"
#include "newsdex/search/natural_phrasing.h"
#include "newsdex/search/snippet.h"
#include "newsdex/time/calendar.h"
#include "newsdex/time/timestamp.h"

namespace newsdex::search {

double parse_half_life_days(std::string_view text) {
    if (text.empty()) {
        throw UsageError("--recency needs a half-life such as 7d, 12h or 2w");
    }
    double unit = 1.0;
    std::string number(text);
    switch (text.back()) {
    case 'h':
        unit = 1.0 / 24.0;
        number.pop_back();
        break;
    case 'd':
        number.pop_back();
        break;
    case 'w':
        unit = 7.0;
        number.pop_back();
        break;
    default:
        break;
    }
    try {
        std::size_t used = 0;
        const double value = std::stod(number, &used);
        if (used == number.size() && value > 0) {
            return value * unit;
        }
    } catch (const std::exception&) {
    }
    throw UsageError("--recency: cannot read the half-life '" + std::string(text) +
                     "' (try 7d, 12h or 2w)");
}

SortOrder parse_sort_order(std::string_view name) {
    if (name == "relevance" || name == "rel") {
        return SortOrder::relevance;
    }
    if (name == "date" || name == "oldest") {
        return SortOrder::date;
    }
    if (name == "-date" || name == "newest") {
        return SortOrder::date_desc;
    }
    throw UsageError("unknown sort order '" + std::string(name) +
                     "' (use relevance, date or -date)");
}

Xapian::Database open_database(const std::string& location) {
    try {
        if (location.rfind("tcp://", 0) == 0) {
            const std::string rest = location.substr(6);
            const auto colon = rest.rfind(':');
            if (colon == std::string::npos) {
                throw UsageError("remote database '" + location + "' needs a port (tcp://host:port)");
            }
            const std::string host = rest.substr(0, colon);
            const unsigned port = static_cast<unsigned>(std::stoul(rest.substr(colon + 1)));
            return Xapian::Remote::open(host, port, 10000, 10000);
        }
        return Xapian::Database(location);
    } catch (const Xapian::DatabaseNotFoundError&) {
        throw Error("no database at '" + location + "' (create one with newsdex-index --db " +
                    location + " FILES)");
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error("cannot open database '" + location + "': " + e.get_msg());
    } catch (const Xapian::NetworkError& e) {
        throw Error("cannot reach remote database '" + location + "': " + e.get_msg());
    } catch (const std::invalid_argument&) {
        throw UsageError("bad port in '" + location + "'");
    }
}

Searcher::Searcher(const std::vector<std::string>& databases, std::string_view language,
                   bool allow_partial)
    : m_set(std::make_unique<DatabaseSet>(databases, allow_partial)), m_db(m_set->combined()),
      m_language(language), m_analyzer(language) {}

namespace {

CivilDate local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return CivilDate{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

} // namespace

InterpretedQuery Searcher::interpret(const SearchRequest& request) {
    InterpretedQuery plain;
    plain.text = request.query;
    if (request.mode == QueryMode::literal || !may_need_interpretation(request.query)) {
        return plain;
    }
    if (!m_gazetteer) {
        m_gazetteer = std::make_shared<const analysis::Gazetteer>(analysis::Gazetteer::load());
    }
    const CivilDate today = request.today.value_or(local_today());
    if (!m_interpreter || !(m_interpreter_today == today)) {
        // It caches the facet values it reads from the database: keep it between queries.
        m_interpreter = std::make_unique<QueryInterpreter>(m_db, m_gazetteer, today);
        m_interpreter_today = today;
    }
    return m_interpreter->interpret(request.query);
}

SearchResult Searcher::search(const SearchRequest& request) {
    // An indexer committing while we read can discard the revision we are reading; then
    // reopen at the newest commit and ask again (Xapian's documented remedy).
    for (int attempt = 0;; ++attempt) {
        try {
            SearchResult result = search_once(request);
            result.warnings.insert(result.warnings.end(), m_set->warnings().begin(),
                                   m_set->warnings().end());
            result.partial = m_set->partial();
            return result;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 4) {
                throw;
            }
            m_db.reopen();
            m_interpreter.reset(); // its cached facet values may be out of date
            m_columns.reset();
        } catch (const Xapian::NetworkError& e) {
            // A remote shard went away since it was opened: name it, or (--allow-partial)
            // leave it out and ask the others again.
            if (attempt >= 4 || !m_set->drop_unreachable(e)) {
                throw;
            }
            m_db = m_set->combined();
            m_builder.reset(); // all three hold the old set of databases
            m_interpreter.reset();
            m_columns.reset();
        }
    }
}

namespace {

// Terms worth expanding "more like this" with: plain words (not stop words) and the actor and
// location facets, which name the story's who and where.
class LikeTermDecider : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        if (term.empty()) {
            return false;
        }
        const char c = term[0];
        if ((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80) {
            return !analysis::is_stopword(term) && term.size() > 2;
        }
        const std::string actor(schema::field("actor").prefix);
        const std::string location(schema::field("location").prefix);
        return term.compare(0, actor.size(), actor) == 0 ||
               term.compare(0, location.size(), location) == 0;
    }
};

// How much an article's age discounts its score: 1 when new, 0.5 at one half-life.
double recency_factor(const std::string& stored_date, double half_life_days, double now_seconds) {
    const std::optional<Timestamp> t = parse_date(stored_date);
    if (!t) {
        return 0.0; // no date: never "latest news"
    }
    const double age_days = std::max(0.0, (now_seconds - static_cast<double>(t->unix_seconds)) / 86400.0);
    return std::pow(0.5, age_days / half_life_days);
}

} // namespace

Xapian::Query Searcher::like_query(const std::string& id) {
    const std::string id_term = schema::id_term(id);
    Xapian::PostingIterator it = m_db.postlist_begin(id_term);
    if (it == m_db.postlist_end(id_term)) {
        throw Error("no article with id '" + id + "'");
    }
    Xapian::RSet rset;
    rset.add_document(*it);
    Xapian::Enquire enquire(m_db);
    enquire.set_query(Xapian::Query(id_term));
    const LikeTermDecider decider;
    const Xapian::ESet eset = enquire.get_eset(40, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t) {
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), t.get_weight());
    }
    if (terms.empty()) {
        return Xapian::Query::MatchNothing;
    }
    // Not the article itself, nor its copies: those are the same story, not a related one.
    Xapian::Query exclude(id_term);
    const std::string cluster = m_db.get_document(*it).get_value(schema::slot(schema::Slot::cluster));
    if (!cluster.empty()) {
        exclude = Xapian::Query(Xapian::Query::OP_OR, exclude,
                                Xapian::Query(schema::cluster_term(cluster)));
    }
    return Xapian::Query(Xapian::Query::OP_AND_NOT,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), exclude);
}

SearchResult Searcher::search_once(const SearchRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    SearchResult result;
    result.query = request.query;
    result.offset = request.offset;
    result.limit = request.limit;

    const InterpretedQuery interpreted = interpret(request);
    result.interpretation = interpreted.interpretation;
    result.free_text = interpreted.text;
    result.warnings = interpreted.warnings;
    result.spelling_suggestion = interpreted.spelling_suggestion;

    if (!m_builder) {
        m_builder.emplace(m_db, m_language, request.default_op);
    }
    m_builder->set_default_operator(request.default_op);
    QueryBuilder& builder = *m_builder;
    Xapian::Query text_query = builder.build(interpreted.text, request.mode);
    bool has_ranking_text = interpreted.has_free_text();
    // The names filtered for, as plain words, say how much an article is about them: one that
    // names Greenspan ten times more than one naming him once. They add to the words' score
    // ("talks in Vienna": talks, and Vienna named often), and rank a listing by filters alone
    // when relevance is asked for.
    const bool rank_by_names = !has_ranking_text && request.like_id.empty() &&
                               request.sort == SortOrder::relevance &&
                               !interpreted.name_words.empty();
    if (!interpreted.name_words.empty() && (rank_by_names || has_ranking_text)) {
        text_query = Xapian::Query(Xapian::Query::OP_AND_MAYBE,
                                   rank_by_names ? Xapian::Query::MatchAll : text_query,
                                   builder.build(interpreted.name_words, QueryMode::literal));
    }
    if (!request.like_id.empty()) {
        const Xapian::Query like = like_query(request.like_id);
        text_query = interpreted.has_free_text()
                         ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, text_query, like)
                         : like;
        has_ranking_text = true;
    }
    Xapian::Query filter = request.filter;
    if (!interpreted.filter.empty()) {
        filter = filter.empty() ? interpreted.filter
                                : Xapian::Query(Xapian::Query::OP_AND, filter, interpreted.filter);
    }
    Xapian::Query query = text_query;
    if (!filter.empty()) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, text_query, filter);
    }
    // Only filters ("location:Sochi"): nothing to rank by, so newest first.
    SortOrder sort = request.sort;
    if (sort == SortOrder::automatic) {
        sort = has_ranking_text ? SortOrder::relevance : SortOrder::date_desc;
    } else if (sort == SortOrder::relevance && !has_ranking_text && !rank_by_names) {
        sort = SortOrder::date_desc; // nothing to rank by
    }
    const bool rerank_by_recency = request.recency_half_life_days && sort == SortOrder::relevance;
    result.parsed = query.get_description();

    Xapian::Enquire enquire(m_db);
    enquire.set_query(query);
    std::optional<FacetCounter> counter;
    bool all_local = true;
    for (const std::string& location : m_set->locations()) {
        all_local = all_local && location.rfind("tcp://", 0) != 0;
    }
    if (!request.facets.empty() || request.histogram) {
        // A one-off search reads the values of its matches only; from the second search of a
        // session on, every document's are read once and kept (FacetColumns).
        if (all_local && !m_columns && ++m_faceted_searches >= 2) {
            auto columns = std::make_unique<FacetColumns>(m_set->locations());
            if (columns->same_revision_as(m_set->shards())) {
                m_columns = std::move(columns);
            } // else an indexer committed in between: count as a one-off, try again next time
        }
        counter.emplace(request.facets, request.date_granularity, request.histogram.has_value(),
                        request.histogram.value_or(DateGranularity::month), all_local,
                        all_local ? m_columns.get() : nullptr);
    }
    // k1 = 1.2, b = 0.75 (Robertson's and Lucene's defaults): on the TIME collection better than
    // Xapian's 1.0 / 0.5 on both the tuning and the held-out half (docs/quality.md, "Ranking").
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
    // One hit per story when searching for words: copies of an article share a cluster (see
    // Indexer). Listings by filter alone (an archive, a facet, an id) show every document, so
    // that their totals count documents.
    const bool collapse = request.collapse_duplicates && has_ranking_text;
    if (collapse) {
        enquire.set_collapse_key(schema::slot(schema::Slot::cluster));
    }
    const auto time_slot = schema::slot(schema::Slot::published_time);
    switch (sort) {
    case SortOrder::automatic: // resolved above
    case SortOrder::relevance:
        break;
    case SortOrder::date:
        enquire.set_sort_by_value_then_relevance(time_slot, false);
        break;
    case SortOrder::date_desc:
        enquire.set_sort_by_value_then_relevance(time_slot, true);
        break;
    }
    // With recency, the best matches by relevance are re-ranked by relevance x freshness: a
    // blend that needs no custom weighting class, so it also works on remote shards.
    constexpr Xapian::doccount recency_pool = 500;
    const Xapian::doccount first = rerank_by_recency ? 0 : static_cast<Xapian::doccount>(request.offset);
    const Xapian::doccount wanted =
        rerank_by_recency
            ? std::max<Xapian::doccount>(recency_pool, static_cast<Xapian::doccount>(request.offset + request.limit))
            : static_cast<Xapian::doccount>(request.limit);
    // With facets from columns, counting is a pass of its own over every match, without
    // weights, collapsing or sorting, run in a second thread on the columns' own handles while
    // this one ranks and builds snippets; it gives the exact total (story count), so the page
    // may stop early. Otherwise the spies must see every match, so Xapian looks at them all,
    // which also makes the total exact; without counts it may estimate beyond the first page
    // (plus a margin, for a steadier estimate). Listings by filter alone are sorted by date,
    // which means looking at every match anyway: count them exactly too (an estimate from the
    // date slot misses undated articles).
    const bool counting_from_columns = counter && m_columns && all_local;
    struct Counted {
        std::vector<FacetCounts> facets;
        std::vector<FacetValueCount> histogram;
        std::uint64_t articles = 0;
        std::uint64_t stories = 0;
    };
    std::future<Counted> counting;
    if (counting_from_columns) {
        // Xapian::Query shares its parts without locking: the thread gets a copy of its own.
        counting = std::async(std::launch::async, [&counter, serialised = query.serialise(),
                                                   limit = request.facet_limit, collapse] {
            counter->collect_matches(Xapian::Query::unserialise(serialised));
            Counted c;
            c.facets = counter->facets(limit);
            c.histogram = counter->histogram();
            c.articles = counter->documents_seen();
            c.stories = collapse ? counter->stories() : c.articles;
            return c;
        });
    } else if (counter) {
        if (collapse) {
            counter->count_stories();
        }
        counter->attach(enquire);
    }
    const bool check_all = !has_ranking_text || (counter && !counting_from_columns);
    const Xapian::doccount check_at_least = check_all              ? m_db.get_doccount()
                                            : counting_from_columns ? 0
                                                                    : first + wanted + 100;
    const Xapian::MSet mset = enquire.get_mset(first, wanted, check_at_least);
    result.total = mset.get_matches_estimated();
    result.total_lower = mset.get_matches_lower_bound();
    result.total_upper = mset.get_matches_upper_bound();
    if (counter && !counting_from_columns) {
        if (collapse) {
            result.total = result.total_lower = result.total_upper = counter->stories();
        }
        result.total_articles = counter->documents_seen();
        result.facets = counter->facets(request.facet_limit);
        result.histogram = counter->histogram();
    }
    if (request.histogram) {
        result.histogram_granularity = *request.histogram == DateGranularity::day     ? "day"
                                       : *request.histogram == DateGranularity::month ? "month"
                                                                                      : "year";
    }

    struct Ranked {
        Xapian::MSetIterator it;
        index::StoredArticle stored;
        double score;
    };
    std::vector<Ranked> ranked;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        ranked.push_back(Ranked{it, index::decode_stored(it.get_document().get_data()), it.get_weight()});
    }
    if (rerank_by_recency) {
        const double now = request.today
                               ? static_cast<double>(days_from_civil(*request.today)) * 86400.0 + 86399.0
                               : static_cast<double>(std::time(nullptr));
        for (Ranked& r : ranked) {
            r.score *= recency_factor(r.stored.published, *request.recency_half_life_days, now);
        }
        std::stable_sort(ranked.begin(), ranked.end(),
                         [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
        const std::size_t from = std::min(ranked.size(), request.offset);
        const std::size_t to = std::min(ranked.size(), request.offset + request.limit);
        ranked = std::vector<Ranked>(std::make_move_iterator(ranked.begin() + static_cast<std::ptrdiff_t>(from)),
                                     std::make_move_iterator(ranked.begin() + static_cast<std::ptrdiff_t>(to)));
    }

    const QueryTerms terms = query_terms(text_query);
    std::size_t rank = request.offset;
    for (Ranked& r : ranked) {
        Hit hit;
        hit.rank = ++rank;
        hit.id = r.stored.id;
        hit.score = r.score;
        hit.title = r.stored.title;
        hit.date = r.stored.published;
        hit.url = r.stored.url;
        hit.source = r.stored.source;
        hit.author = r.stored.author;
        hit.similar = collapse ? r.it.get_collapse_count() : 0;
        hit.actors = r.stored.actors;
        hit.locations = r.stored.locations;
        if (request.snippets) {
            hit.snippet = make_snippet(r.stored.body, terms, m_analyzer);
        }
        result.hits.push_back(std::move(hit));
    }
    if (counting.valid()) {
        Counted counted = counting.get(); // rethrows what the counting thread threw
        result.total = result.total_lower = result.total_upper = counted.stories;
        result.total_articles = counted.articles;
        result.facets = std::move(counted.facets);
        result.histogram = std::move(counted.histogram);
    }
    result.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return result;
}

} // namespace newsdex::search
