#include "newsdex/search/searcher.h"

#include <chrono>
#include <ctime>

#include "newsdex/error.h"
#include "newsdex/index/document_builder.h"
#include "newsdex/schema.h"
#include "newsdex/search/snippet.h"

namespace newsdex::search {

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

Searcher::Searcher(const std::vector<std::string>& databases, std::string_view language)
    : m_language(language), m_analyzer(language) {
    if (databases.empty()) {
        throw UsageError("no database given");
    }
    for (const std::string& location : databases) {
        Xapian::Database shard = open_database(location);
        const std::string version = shard.get_metadata(std::string(schema::version_key));
        if (version != std::to_string(schema::version) && shard.get_doccount() > 0) {
            throw SchemaError("database '" + location + "' has schema version '" + version +
                              "', this newsdex reads " + std::to_string(schema::version) +
                              " (re-index with newsdex-index --overwrite)");
        }
        m_db.add_database(shard);
    }
}

namespace {

// Whether a query may hold anything QueryInterpreter reads: a field prefix, or a word that
// starts natural phrasing. Checked first so that plain queries never pay for loading the
// gazetteer (a tenth of a second).
bool may_need_interpretation(std::string_view text) {
    if (text.find(':') != std::string_view::npos) {
        return true;
    }
    static const char* const cues[] = {"in",    "since", "before", "after", "on",
                                       "between", "last", "this",  "yesterday", "today",
                                       "until", "during", "from",  "past"};
    std::string word;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const char c = i < text.size() ? text[i] : ' ';
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            word += static_cast<char>(c | 0x20);
            continue;
        }
        for (const char* cue : cues) {
            if (word == cue) {
                return true;
            }
        }
        word.clear();
    }
    return false;
}

analysis::CivilDate local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return analysis::CivilDate{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
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
    QueryInterpreter interpreter(m_db, m_gazetteer, request.today.value_or(local_today()));
    return interpreter.interpret(request.query);
}

SearchResult Searcher::search(const SearchRequest& request) {
    // An indexer committing while we read can discard the revision we are reading; then
    // reopen at the newest commit and ask again (Xapian's documented remedy).
    for (int attempt = 0;; ++attempt) {
        try {
            return search_once(request);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 4) {
                throw;
            }
            m_db.reopen();
        }
    }
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

    QueryBuilder builder(m_db, m_language, request.default_op);
    const Xapian::Query text_query = builder.build(interpreted.text, request.mode);
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
    if (!interpreted.has_free_text() && sort == SortOrder::relevance) {
        sort = SortOrder::date_desc;
    }
    result.parsed = query.get_description();

    Xapian::Enquire enquire(m_db);
    enquire.set_query(query);
    std::optional<FacetCounter> counter;
    if (!request.facets.empty() || request.histogram) {
        counter.emplace(request.facets, request.date_granularity, request.histogram.has_value(),
                        request.histogram.value_or(DateGranularity::month));
        counter->attach(enquire);
    }
    // k1 = 1.2, b = 0.75 (Robertson's and Lucene's defaults): on the TIME collection better than
    // Xapian's 1.0 / 0.5 on both the tuning and the held-out half (docs/quality.md, "Ranking").
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
    const auto time_slot = schema::slot(schema::Slot::published_time);
    switch (sort) {
    case SortOrder::relevance:
        break;
    case SortOrder::date:
        enquire.set_sort_by_value_then_relevance(time_slot, false);
        break;
    case SortOrder::date_desc:
        enquire.set_sort_by_value_then_relevance(time_slot, true);
        break;
    }
    // Facet counts must cover every match, so then Xapian has to look at them all; otherwise
    // it may estimate the total beyond the first page (plus a margin, for a steadier estimate).
    const Xapian::doccount check_at_least =
        counter ? m_db.get_doccount()
                : static_cast<Xapian::doccount>(request.offset + request.limit + 100);
    const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                               static_cast<Xapian::doccount>(request.limit),
                                               check_at_least);
    result.total = mset.get_matches_estimated();
    result.total_lower = mset.get_matches_lower_bound();
    result.total_upper = mset.get_matches_upper_bound();

    if (counter) {
        result.facets = counter->facets(request.facet_limit);
        if (request.histogram) {
            result.histogram = counter->histogram();
            result.histogram_granularity = *request.histogram == DateGranularity::day ? "day"
                                           : *request.histogram == DateGranularity::month
                                               ? "month"
                                               : "year";
        }
    }
    const QueryTerms terms = query_terms(text_query);
    std::size_t rank = request.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const index::StoredArticle stored = index::decode_stored(it.get_document().get_data());
        Hit hit;
        hit.rank = ++rank;
        hit.id = stored.id;
        hit.score = it.get_weight();
        hit.title = stored.title;
        hit.date = stored.published;
        hit.url = stored.url;
        hit.source = stored.source;
        hit.author = stored.author;
        if (request.snippets) {
            hit.snippet = make_snippet(stored.body, terms, m_analyzer);
        }
        result.hits.push_back(std::move(hit));
    }
    result.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return result;
}

} // namespace newsdex::search
