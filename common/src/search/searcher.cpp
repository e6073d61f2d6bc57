#include "newsdex/search/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <future>
#include <iterator>

#include "newsdex/analysis/stopwords.h"
#include "newsdex/entity_registry.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/search/facet_resolver.h"
#include "newsdex/search/natural_phrasing.h"
#include "newsdex/search/snippet.h"
#include "newsdex/search/suggestions.h"
#include "newsdex/stored_article.h"
#include "newsdex/time/calendar.h"

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
        m_interpreter =
            std::make_unique<QueryInterpreter>(m_db, m_gazetteer, today, m_user_aliases);
        m_interpreter->set_registry_shards(shard_handles());
        m_interpreter_today = today;
    }
    return m_interpreter->interpret(request.query);
}

std::vector<Xapian::Database> Searcher::shard_handles() const {
    return m_set ? m_set->shards() : std::vector<Xapian::Database>{m_db};
}

void Searcher::forget_revision() {
    m_interpreter.reset(); // its cached facet values may be out of date
    m_columns.reset();
}

void Searcher::follow_commits() {
    // A reopen costs a read of each shard's version file (a round trip for a remote one):
    // cheap next to a search, but not worth doing for every query of a fast batch.
    constexpr auto check_every = std::chrono::milliseconds(20);
    const auto now = std::chrono::steady_clock::now();
    if (now - m_revision_checked < check_every) {
        return;
    }
    m_revision_checked = now;
    if (m_db.reopen()) { // the shards share their state with m_db: they move too
        forget_revision();
    }
}

SearchResult Searcher::search(const SearchRequest& request) {
    // A session (--queries) follows a compaction or an overwrite: they put a new database
    // folder at the path, which the open handles never see.
    if (m_set->reopen_if_replaced()) {
        m_db = m_set->combined();
        m_builder.reset();
        m_interpreter.reset();
        m_columns.reset();
    }
    // An indexer committing while we read can discard the revision we are reading; then
    // reopen at the newest commit and ask again (Xapian's documented remedy).
    // Retries after the first attempt, for either failure below.
    constexpr int max_retries = 4;
    for (int attempt = 0;; ++attempt) {
        try {
            if (attempt == 0) {
                follow_commits(); // a remote shard may fail here: handled as in a search
            }
            SearchResult result = search_once(request);
            if (request.auto_correct && result.total == 0 && !result.spelling_suggestion.empty()) {
                SearchRequest corrected = request;
                corrected.query = result.spelling_suggestion;
                result = search_once(corrected);
                result.corrected_from = request.query;
            }
            result.warnings.insert(result.warnings.end(), m_set->notices().begin(),
                                   m_set->notices().end());
            result.warnings.insert(result.warnings.end(), m_set->warnings().begin(),
                                   m_set->warnings().end());
            result.partial = m_set->partial();
            return result;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= max_retries) {
                throw;
            }
            m_db.reopen();
            forget_revision();
        } catch (const Xapian::NetworkError& e) {
            // A remote shard went away since it was opened: name it, or (--allow-partial)
            // leave it out and ask the others again.
            if (attempt >= max_retries || !m_set->drop_unreachable(e)) {
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

// How many of the article's best terms "more like this" searches for.
constexpr Xapian::termcount like_terms = 40;

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
    const Xapian::ESet eset = enquire.get_eset(like_terms, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t) {
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), t.get_weight());
    }
    if (terms.empty()) {
        return Xapian::Query::MatchNothing;
    }
    // Not the article itself, nor its copies: those are the same story, not a related one.
    Xapian::Query exclude(id_term);
    const std::string cluster =
        m_db.get_document(*it).get_value(schema::slot(schema::Slot::cluster));
    if (!cluster.empty()) {
        exclude = Xapian::Query(Xapian::Query::OP_OR, exclude,
                                Xapian::Query(schema::cluster_term(cluster)));
    }
    return Xapian::Query(Xapian::Query::OP_AND_NOT,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), exclude);
}

// What one search asks of Xapian, decided before it runs.
struct Searcher::QueryPlan {
    InterpretedQuery interpreted;
    Xapian::Query text_query; ///< the words (and names, --like), whose terms snippets show
    Xapian::Query query;      ///< text_query filtered
    SortOrder sort = SortOrder::relevance; ///< never automatic
    bool has_ranking_text = false;
    bool rank_by_names = false;
    bool collapse = false; ///< one hit per near-duplicate cluster
    bool rerank_by_recency = false;
    bool like = false; ///< --like: the article's own terms, weighted by Xapian's ESet
};

// What the counting thread found (see Searcher::fetch_page).
struct Searcher::Counted {
    std::vector<FacetCounts> facets;
    std::vector<FacetValueCount> histogram;
    std::uint64_t articles = 0;
    std::uint64_t stories = 0;
};

namespace {

// Divergence from randomness, IneB2 with Xapian's c = 1: on the TIME collection better than
// BM25 (k1 = 1.2, b = 0.75, the best BM25 cell) on both the tuning and the held-out half, most
// with long queries shortened (QueryBuilder::without_common_words); docs/quality.md, "Ranking".
// Built into Xapian, so remote shards (xapian-tcpsrv) weight alike.
constexpr double ineb2_c = 1.0;
// --like keeps BM25 (k1 = 1.2, b = 0.75; k2 = 0, k3 = 1, minimum normalised length 0.5, Xapian's
// defaults): its query is forty terms scaled by their ESet weights, and under IneB2 articles
// sharing only a few everyday words of it ("without", "end") came up among the related stories
// of the sample corpus (e2e duplicates_like).
constexpr double bm25_k1 = 1.2;
constexpr double bm25_k2 = 0;
constexpr double bm25_k3 = 1;
constexpr double bm25_b = 0.75;
constexpr double bm25_min_normlen = 0.5;

// With recency, the best matches by relevance are re-ranked by relevance x freshness.
constexpr Xapian::doccount recency_pool = 500;

// Matches looked at beyond the page when the total may be estimated: a steadier estimate.
constexpr Xapian::doccount estimate_margin = 100;

} // namespace

Searcher::QueryPlan Searcher::plan_query(const SearchRequest& request) {
    QueryPlan plan;
    plan.interpreted = interpret(request);
    const InterpretedQuery& interpreted = plan.interpreted;
    if (!m_builder) {
        m_builder.emplace(m_db, m_language, request.default_op);
    }
    m_builder->set_default_operator(request.default_op);
    QueryBuilder& builder = *m_builder;
    Xapian::Query text_query = builder.build(interpreted.text, request.mode);
    if (!builder.common_words_left_out().empty()) {
        // The interpretation shown is the query run: say which words it left out.
        std::string words;
        for (const std::string& w : builder.common_words_left_out()) {
            words += (words.empty() ? "" : ", ") + w;
        }
        plan.interpreted.interpretation.push_back("too common to rank by: " + words);
    }
    plan.has_ranking_text = interpreted.has_free_text();
    // The names filtered for, as plain words, say how much an article is about them: one that
    // names Greenspan ten times more than one naming him once. They add to the words' score
    // ("talks in Vienna": talks, and Vienna named often), and rank a listing by filters alone
    // when relevance is asked for.
    // A listing by filters alone is ranked so by default: on Reuters-21578's tags, P@10 0.91
    // against 0.66 newest first for actor: filters, 0.93 against 0.62 for location: filters
    // (docs/quality.md, scripts/eval-facets); --sort -date lists newest first.
    const bool relevance_asked =
        request.sort == SortOrder::relevance || request.sort == SortOrder::automatic;
    plan.rank_by_names = !plan.has_ranking_text && request.like_id.empty() && relevance_asked &&
                         !interpreted.name_words.empty();
    // Beside free words the names take the words' exact-form share, so that the two weigh
    // against each other as before it was lowered (with the names' full share, eval-facets'
    // topic-in-place P@10 fell 0.465 → 0.454; docs/quality.md, "Ranking", session 8).
    if (!interpreted.name_words.empty() && (plan.rank_by_names || plan.has_ranking_text)) {
        text_query = plan.rank_by_names
                         ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query::MatchAll,
                                         builder.build_names(interpreted.name_words))
                         : Xapian::Query(Xapian::Query::OP_AND_MAYBE, text_query,
                                         builder.build(interpreted.name_words, QueryMode::literal));
    }
    if (!request.like_id.empty()) {
        plan.like = true;
        const Xapian::Query like = like_query(request.like_id);
        text_query = interpreted.has_free_text()
                         ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, text_query, like)
                         : like;
        plan.has_ranking_text = true;
    }
    Xapian::Query filter = request.filter;
    if (!interpreted.alternative.empty()) {
        // "refugees OR location:Lesbos": the words, or the filter (which adds no weight).
        if (plan.has_ranking_text) {
            text_query = Xapian::Query(
                Xapian::Query::OP_OR, text_query,
                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, interpreted.alternative, 0.0));
        } else {
            filter = filter.empty()
                         ? interpreted.alternative
                         : Xapian::Query(Xapian::Query::OP_AND, filter, interpreted.alternative);
        }
    }
    if (!interpreted.filter.empty()) {
        filter = filter.empty() ? interpreted.filter
                                : Xapian::Query(Xapian::Query::OP_AND, filter, interpreted.filter);
    }
    plan.text_query = text_query;
    plan.query =
        filter.empty() ? text_query : Xapian::Query(Xapian::Query::OP_FILTER, text_query, filter);
    // Only filters without a name to rank by ("date:2018", "source:reuters"): newest first.
    plan.sort = request.sort;
    if (plan.sort == SortOrder::automatic) {
        plan.sort = plan.has_ranking_text || plan.rank_by_names ? SortOrder::relevance
                                                                : SortOrder::date_desc;
    } else if (plan.sort == SortOrder::relevance && !plan.has_ranking_text && !plan.rank_by_names) {
        plan.sort = SortOrder::date_desc; // nothing to rank by
    }
    plan.rerank_by_recency = request.recency_half_life_days && plan.sort == SortOrder::relevance;
    // One hit per story when searching for words: copies of an article share a cluster (see
    // Indexer). Listings by filter alone (an archive, a facet, an id) show every document, so
    // that their totals count documents.
    plan.collapse =
        request.collapse_duplicates && (plan.has_ranking_text || request.collapse_listings);
    return plan;
}

void Searcher::configure_enquire(Xapian::Enquire& enquire, const QueryPlan& plan) const {
    enquire.set_query(plan.query);
    if (plan.like) {
        enquire.set_weighting_scheme(
            Xapian::BM25Weight(bm25_k1, bm25_k2, bm25_k3, bm25_b, bm25_min_normlen));
    } else {
        enquire.set_weighting_scheme(Xapian::IneB2Weight(ineb2_c));
    }
    if (plan.collapse) {
        enquire.set_collapse_key(schema::slot(schema::Slot::cluster));
    }
    const auto time_slot = schema::slot(schema::Slot::published_time);
    switch (plan.sort) {
    case SortOrder::automatic: // resolved by plan_query
    case SortOrder::relevance:
        break;
    case SortOrder::date:
        enquire.set_sort_by_value_then_relevance(time_slot, false);
        break;
    case SortOrder::date_desc:
        enquire.set_sort_by_value_then_relevance(time_slot, true);
        break;
    }
}

void Searcher::set_user_aliases(std::shared_ptr<const UserAliases> rules) {
    m_user_aliases = std::move(rules);
    m_interpreter.reset(); // its resolver holds the rules it was made with
}

namespace {

// How many values more than asked for the actor and person lists are counted with (twice
// the limit and this), so that bare surnames just below the cut still join their full names.
constexpr std::size_t short_form_margin = 20;

bool counts_people(const SearchRequest& request) {
    return std::any_of(request.facets.begin(), request.facets.end(),
                       [](const std::string& f) { return f == "actor" || f == "person"; });
}

} // namespace

std::optional<FacetCounter> Searcher::facet_counter(const SearchRequest& request,
                                                    const QueryPlan& plan) {
    const bool facets = !request.facets.empty() || request.histogram;
    // Without facets, the stories of a collapsed search are still counted (exact totals); in
    // a session that is cheapest from the columns and the posting lists.
    const bool stories_only = !facets && plan.collapse && request.exact_count_limit > 0;
    if (!facets && !stories_only) {
        return std::nullopt;
    }
    const bool all_local = m_set->all_local();
    // A one-off search reads the values of its matches only; from the second counting search
    // of a session on, every document's are read once and kept (FacetColumns).
    if (all_local && !m_columns && ++m_counting_searches >= 2) {
        auto columns = std::make_unique<FacetColumns>(m_set->locations());
        if (columns->same_revision_as(m_set->shards())) {
            m_columns = std::move(columns);
        } // else an indexer committed in between: count as a one-off, try again next time
    }
    if (stories_only && !(all_local && m_columns)) {
        return std::nullopt; // fetch_page counts them with a spy
    }
    FacetCounter counter(request.facets, request.date_granularity, request.histogram.has_value(),
                         request.histogram.value_or(DateGranularity::month), all_local,
                         all_local ? m_columns.get() : nullptr);
    counter.set_user_aliases(m_user_aliases);
    if (counts_people(request)) {
        counter.count_more_people(request.facet_limit + short_form_margin);
    }
    return counter;
}

// With columns, counting is a pass of its own over every match, without weights, collapsing
// or sorting, on the columns' own handles (with facets in a second thread, while this one
// ranks and builds snippets); it gives the exact total (story count), so the page may stop
// early. Otherwise the spies must see every match, so Xapian looks at them all, which also
// makes the total exact. Without counts, Xapian looks at up to request.exact_count_limit
// matches, so the total is exact up to there and an estimate beyond (with --estimate, beyond
// the page plus a margin). Listings by filter alone look at every match (sorting by date
// means that anyway; an estimate from the date slot would miss undated articles).
Xapian::MSet Searcher::fetch_page(Xapian::Enquire& enquire, const QueryPlan& plan,
                                  const SearchRequest& request,
                                  std::optional<FacetCounter>& counter,
                                  std::future<Counted>& counting, SearchResult& result) {
    const Xapian::doccount first =
        plan.rerank_by_recency ? 0 : static_cast<Xapian::doccount>(request.offset);
    const Xapian::doccount wanted =
        plan.rerank_by_recency
            ? std::max<Xapian::doccount>(
                  recency_pool, static_cast<Xapian::doccount>(request.offset + request.limit))
            : static_cast<Xapian::doccount>(request.limit);
    const bool counting_from_columns = counter && m_columns && m_set->all_local();
    if (counting_from_columns) {
        // Xapian::Query shares its parts without locking: the count gets a copy of its own.
        auto count = [&counter, serialised = plan.query.serialise(), limit = request.facet_limit,
                      collapse = plan.collapse] {
            counter->collect_matches(Xapian::Query::unserialise(serialised));
            Counted c;
            c.facets = counter->facets(limit);
            c.histogram = counter->histogram();
            c.articles = counter->documents_seen();
            c.stories = collapse ? counter->stories() : c.articles;
            return c;
        };
        // Facets are counted in a second thread while this one ranks. A plain search's count
        // (its stories, from posting lists) costs less than a second thread beside the ranking
        // does: it runs here once the page is built (docs/benchmarks.md, issue 14, session 7).
        const bool facets = !request.facets.empty() || request.histogram;
        counting =
            std::async(facets ? std::launch::async : std::launch::deferred, std::move(count));
    } else if (counter) {
        if (plan.collapse) {
            counter->count_stories();
        }
        counter->attach(enquire);
    }
    // Collapsed, Xapian's own count of stories is an estimate even when it looks at every
    // match (a match that cannot enter the page is never collapsed): the stories and the
    // articles with their copies are counted as facets count them, by a spy on the clusters.
    std::optional<FacetCounter> story_counter;
    if (plan.collapse && !counter && request.exact_count_limit > 0) {
        story_counter.emplace(std::vector<std::string>{}, request.date_granularity, false,
                              request.date_granularity, m_set->all_local());
        story_counter->count_stories();
        story_counter->attach(enquire);
    }
    const bool check_all = !plan.has_ranking_text || (counter && !counting_from_columns);
    const Xapian::doccount page_end = first + wanted + estimate_margin;
    const Xapian::doccount check_at_least =
        check_all ? m_db.get_doccount()
        : counting_from_columns
            ? 0
            : std::max<Xapian::doccount>(page_end,
                                         static_cast<Xapian::doccount>(request.exact_count_limit));
    Xapian::MSet mset = enquire.get_mset(first, wanted, check_at_least);
    result.total = mset.get_matches_estimated();
    result.total_lower = mset.get_matches_lower_bound();
    result.total_upper = mset.get_matches_upper_bound();
    if (story_counter) {
        enquire.clear_matchspies(); // the counter lives on this frame only
        // Xapian looks at check_at_least matches at least: fewer seen means every one.
        const std::uint64_t seen = story_counter->documents_seen();
        if (seen < check_at_least || seen == mset.get_uncollapsed_matches_upper_bound()) {
            result.total = result.total_lower = result.total_upper = story_counter->stories();
            result.total_exact = true;
            result.total_articles = seen;
        }
    } else if (!plan.collapse && result.total_lower == result.total_upper) {
        result.total_exact = true; // every match was looked at
        result.total_articles = result.total;
    }
    if (counter && !counting_from_columns) {
        if (plan.collapse) {
            result.total = result.total_lower = result.total_upper = counter->stories();
        }
        result.total_exact = true;
        result.total_articles = counter->documents_seen();
        result.facets = counter->facets(request.facet_limit);
        result.histogram = counter->histogram();
    }
    return mset;
}

namespace {

// How much an article's age discounts its score: 1 when new, 0.5 at one half-life. The age
// comes from the published_time slot; an article without one is never "latest news", nor is
// one published after "now" (--now 2018-02-20 asks what was new then: later articles are in
// that query's future).
double recency_factor(const Xapian::Document& doc, double half_life_days, double now_seconds) {
    const std::string value = doc.get_value(schema::slot(schema::Slot::published_time));
    if (value.empty()) {
        return 0.0;
    }
    const double age_days = (now_seconds - Xapian::sortable_unserialise(value)) / 86400.0;
    if (age_days < 0) {
        return 0.0;
    }
    return std::pow(0.5, age_days / half_life_days);
}

} // namespace

// Relevance x freshness, best first, and the asked-for page of that.
void Searcher::rerank_by_recency(std::vector<RankedHit>& ranked, const SearchRequest& request) {
    const double now =
        request.today ? static_cast<double>(days_from_civil(*request.today)) * 86400.0 + 86399.0
                      : static_cast<double>(std::time(nullptr));
    for (RankedHit& r : ranked) {
        r.score *= recency_factor(r.it.get_document(), *request.recency_half_life_days, now);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const RankedHit& a, const RankedHit& b) { return a.score > b.score; });
    const std::size_t from = std::min(ranked.size(), request.offset);
    const std::size_t to = std::min(ranked.size(), request.offset + request.limit);
    ranked = std::vector<RankedHit>(
        std::make_move_iterator(ranked.begin() + static_cast<std::ptrdiff_t>(from)),
        std::make_move_iterator(ranked.begin() + static_cast<std::ptrdiff_t>(to)));
}

void Searcher::assemble_result(SearchResult& result, const std::vector<RankedHit>& ranked,
                               const QueryPlan& plan, const SearchRequest& request) {
    const QueryTerms terms = query_terms(plan.text_query);
    std::size_t rank = request.offset;
    for (const RankedHit& r : ranked) {
        const StoredArticle stored = decode_stored(r.it.get_document().get_data());
        Hit hit;
        hit.rank = ++rank;
        hit.id = stored.id;
        hit.score = r.score;
        hit.title = stored.title;
        hit.date = stored.published;
        hit.url = stored.url;
        hit.source = stored.source;
        hit.author = stored.author;
        hit.similar = plan.collapse ? r.it.get_collapse_count() : 0;
        hit.actors = stored.actors;
        hit.locations = stored.locations;
        if (request.snippets) {
            hit.snippet = make_snippet(stored.body, terms, m_analyzer);
        }
        result.hits.push_back(std::move(hit));
    }
}

SearchResult Searcher::search_once(const SearchRequest& asked) {
    const auto started = std::chrono::steady_clock::now();
    SearchResult result;
    result.query = asked.query;
    result.offset = asked.offset;
    result.limit = asked.limit;

    const QueryPlan plan = plan_query(asked);
    // "… by month" asks for the counts over time: the histogram (unless one was asked for
    // already) and the date facet, grouped so.
    SearchRequest request = asked;
    if (const auto grouping = plan.interpreted.time_grouping) {
        if (!request.histogram) {
            request.histogram = grouping;
        }
        request.date_granularity = *grouping;
    }
    result.interpretation = plan.interpreted.interpretation;
    result.free_text = plan.interpreted.text;
    result.warnings = plan.interpreted.warnings;
    result.spelling_suggestion = spelling_suggestion(m_db, asked.query);
    result.parsed = plan.query.get_description();

    Xapian::Enquire enquire(m_db);
    configure_enquire(enquire, plan);
    std::optional<FacetCounter> counter = facet_counter(request, plan);
    std::future<Counted> counting;
    const Xapian::MSet mset = fetch_page(enquire, plan, request, counter, counting, result);
    if (request.histogram) {
        result.histogram_granularity = granularity_name(*request.histogram);
    }
    std::vector<RankedHit> ranked;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        ranked.push_back(RankedHit{it, it.get_weight()});
    }
    if (plan.rerank_by_recency) {
        rerank_by_recency(ranked, request);
    }
    assemble_result(result, ranked, plan, request);
    if (counting.valid()) {
        Counted counted = counting.get(); // rethrows what the counting thread threw
        result.total = result.total_lower = result.total_upper = counted.stories;
        result.total_exact = true;
        result.total_articles = counted.articles;
        result.facets = std::move(counted.facets);
        result.histogram = std::move(counted.histogram);
    }
    if (counter && counts_people(request)) {
        // Bare surnames count as the full names the registry gives them, as actor: filters
        // find them ("Obama" → Barack Obama): read per search, the registry follows commits.
        registry::Reader registry(shard_handles());
        count_short_forms_as_resolved(result.facets, m_db, plan.query, registry,
                                      request.facet_limit);
    }
    result.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return result;
}

} // namespace newsdex::search
