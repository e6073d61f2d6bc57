// Ranking experiments for scripts/eval-ranking: indexes a JSON Lines collection into an
// in-memory Xapian database and runs a query file, either
//   --system newsdex  the library's own DocumentBuilder + QueryBuilder (literal mode), with a grid
//                     of Xapian::BM25Weight parameters and variants (query stemming, extra
//                     title wdf, NEAR pairs, pseudo-relevance feedback), or
//   --system xapian   plain Xapian: TermGenerator and QueryParser with their defaults (English
//                     stemmer, STEM_SOME, default flags, so upper-case AND/OR are operators),
//                     BM25Weight() defaults: the "stock engine" baseline.
// With --qrels it prints MAP, P@10 and nDCG@10 per configuration for the tune half (odd query
// ids), the test half (even ids) and all queries; with --run it writes "qid<TAB>id<TAB>rank<TAB>
// score" lines for one configuration, which scripts/eval-ranking scores itself.
#include <boost/program_options.hpp>

#include "tool_options.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/analysis/analyzer.h"
#include "newsdex/analysis/stopwords.h"
#include "newsdex/corpus/open_source.h"
#include "newsdex/index/document_builder.h"
#include "newsdex/schema.h"
#include "newsdex/search/query_builder.h"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

struct Query {
    int id = 0;
    std::string text;
};

std::vector<Query> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read queries from '" + path + "'");
    }
    std::vector<Query> out;
    std::string line;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos) {
            continue;
        }
        out.push_back({std::stoi(line.substr(0, tab)), line.substr(tab + 1)});
    }
    return out;
}

// qid -> relevant document ids
std::map<int, std::set<std::string>> read_qrels(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read judgements from '" + path + "'");
    }
    std::map<int, std::set<std::string>> out;
    int qid = 0;
    std::string id;
    while (in >> qid >> id) {
        out[qid].insert(id);
    }
    return out;
}

std::vector<double> parse_list(const std::string& s) {
    std::vector<double> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ',')) {
        out.push_back(std::stod(item));
    }
    return out;
}

struct Scores {
    double ap = 0, p10 = 0, ndcg10 = 0;
};

Scores score(const std::vector<std::string>& ranked, const std::set<std::string>& relevant) {
    Scores s;
    if (relevant.empty()) {
        return s;
    }
    double hits = 0, dcg = 0, idcg = 0;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        if (relevant.count(ranked[i]) == 0) {
            continue;
        }
        hits += 1;
        s.ap += hits / static_cast<double>(i + 1);
        if (i < 10) {
            s.p10 += 0.1;
            dcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
        }
    }
    for (std::size_t i = 0; i < std::min<std::size_t>(10, relevant.size()); ++i) {
        idcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
    }
    s.ap /= static_cast<double>(relevant.size());
    s.ndcg10 = dcg / idcg;
    return s;
}

enum class Stemming { stemmed, unstemmed, both };

struct Config {
    double k1 = 1.0, b = 0.5;
    Stemming stemming = Stemming::stemmed;
    double proximity = 0;
    std::string feedback = "0";
    std::string weighting = "bm25";
    std::string label() const {
        char buf[96];
        std::snprintf(buf, sizeof buf, "k1=%.2f b=%.2f %s", k1, b,
                      stemming == Stemming::stemmed     ? "stem"
                      : stemming == Stemming::unstemmed ? "raw"
                                                        : "stem+raw");
        std::string out = buf;
        if (proximity > 0) {
            std::snprintf(buf, sizeof buf, " near=%.2f", proximity);
            out += buf;
        }
        if (feedback != "0") {
            out += " prf=" + feedback;
        }
        if (weighting != "bm25") {
            out += " " + weighting;
        }
        return out;
    }
};

// Literal-mode query with the library's QueryBuilder, or the same words unstemmed / both.
Xapian::Query newsdex_query(search::QueryBuilder& builder, analysis::Analyzer& analyzer,
                            const std::string& text, Stemming stemming, double proximity) {
    std::vector<analysis::Token> tokens;
    analyzer.analyse(text, tokens);
    Xapian::Query pairs;
    if (proximity > 0) {
        // Adjacent query words (stopwords skipped) found within 4 positions of each other.
        std::vector<Xapian::Query> near;
        std::string previous;
        for (const auto& t : tokens) {
            if (analysis::is_stopword(t.term)) {
                continue;
            }
            if (!previous.empty() && previous != t.term) {
                const Xapian::Query two[] = {Xapian::Query(previous), Xapian::Query(t.term)};
                near.emplace_back(Xapian::Query::OP_NEAR, two, two + 2, 4);
            }
            previous = t.term;
        }
        if (!near.empty()) {
            pairs = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                  Xapian::Query(Xapian::Query::OP_OR, near.begin(), near.end()),
                                  proximity);
        }
    }
    if (stemming == Stemming::stemmed) {
        Xapian::Query q = builder.build(text, search::QueryMode::literal);
        return pairs.empty() ? q : Xapian::Query(Xapian::Query::OP_OR, q, pairs);
    }
    std::vector<Xapian::Query> terms;
    for (const auto& t : tokens) {
        if (analysis::is_stopword(t.term)) {
            continue;
        }
        terms.emplace_back(t.term);
        if (stemming == Stemming::both) {
            terms.emplace_back(std::string(schema::stem_prefix) + analyzer.stem(t.term));
        }
    }
    if (!pairs.empty()) {
        terms.push_back(pairs);
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Only stemmed free-text terms are expansion candidates.
class StemmedTerms : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        return term.size() > 1 && term[0] == schema::stem_prefix[0] &&
               !(term[1] >= 'A' && term[1] <= 'Z');
    }
};

// Pseudo-relevance feedback: the top `docs` documents are taken as relevant and their best
// `terms` expansion terms are OR'ed in, each scaled by scale * its share of the top term weight.
Xapian::Query with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query,
                            const Xapian::Weight& weight, const std::string& spec) {
    unsigned docs = 0, terms = 0;
    double scale = 0;
    if (std::sscanf(spec.c_str(), "%u:%u:%lf", &docs, &terms, &scale) != 3 || docs == 0) {
        return query;
    }
    enquire.set_query(query);
    enquire.set_weighting_scheme(weight);
    const Xapian::MSet top = enquire.get_mset(0, docs);
    Xapian::RSet rset;
    for (auto it = top.begin(); it != top.end(); ++it) {
        rset.add_document(*it);
    }
    if (rset.empty()) {
        return query;
    }
    static const StemmedTerms decider;
    const Xapian::ESet eset = enquire.get_eset(terms, rset, &decider);
    std::vector<Xapian::Query> extra;
    double best = 0;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
        best = std::max(best, it.get_weight());
    }
    for (auto it = eset.begin(); it != eset.end(); ++it) {
        extra.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it),
                           scale * it.get_weight() / best);
    }
    if (extra.empty()) {
        return query;
    }
    return Xapian::Query(Xapian::Query::OP_OR, query,
                         Xapian::Query(Xapian::Query::OP_OR, extra.begin(), extra.end()));
}

// Xapian's other built-in schemes (all known to a stock xapian-tcpsrv), for comparison with
// BM25: divergence from randomness (DFR) models and Dirichlet-smoothed language models.
std::unique_ptr<Xapian::Weight> make_weight(const std::string& spec, double k1, double b) {
    // NAME or NAME:PARAMETER (the DFR schemes' c, LM's mu, BM25+'s delta)
    const auto colon = spec.find(':');
    const std::string name = spec.substr(0, colon);
    const bool has_param = colon != std::string::npos;
    const double param = has_param ? std::stod(spec.substr(colon + 1)) : 0;
    const double c = has_param ? param : 1.0;
    if (name == "bm25") {
        return std::make_unique<Xapian::BM25Weight>(k1, 0, 1, b, 0.5);
    }
    if (name == "bm25+") {
        return std::make_unique<Xapian::BM25PlusWeight>(k1, 0, 1, b, 0.5, has_param ? param : 1.0);
    }
    if (name == "dph") {
        return std::make_unique<Xapian::DPHWeight>();
    }
    if (name == "dlh") {
        return std::make_unique<Xapian::DLHWeight>();
    }
    if (name == "pl2") {
        return std::make_unique<Xapian::PL2Weight>(c);
    }
    if (name == "inl2") {
        return std::make_unique<Xapian::InL2Weight>(c);
    }
    if (name == "ifb2") {
        return std::make_unique<Xapian::IfB2Weight>(c);
    }
    if (name == "ineb2") {
        return std::make_unique<Xapian::IneB2Weight>(c);
    }
    if (name == "bb2") {
        return std::make_unique<Xapian::BB2Weight>(c);
    }
    if (name == "lm") { // Dirichlet smoothing
        return std::make_unique<Xapian::LMWeight>(0.0, Xapian::Weight::DIRICHLET_SMOOTHING,
                                                  has_param ? param : 2000, 0.0);
    }
    throw po::error("unknown --weighting '" + spec + "'");
}

// Every combination of the comma-separated option lists, in option order.
std::vector<Config> make_configs(const std::string& k1_list, const std::string& b_list,
                                 const std::string& stemming_list,
                                 const std::string& proximity_list,
                                 const std::string& feedback_list,
                                 const std::string& weighting_list) {
    const auto split = [](const std::string& list) {
        std::vector<std::string> out;
        std::stringstream ss(list);
        std::string item;
        while (std::getline(ss, item, ',')) {
            out.push_back(item);
        }
        return out;
    };
    std::vector<Config> configs;
    for (const double k1 : parse_list(k1_list)) {
        for (const double b : parse_list(b_list)) {
            for (const std::string& s : split(stemming_list)) {
                for (const double p : parse_list(proximity_list)) {
                    for (const std::string& f : split(feedback_list)) {
                        for (const std::string& w : split(weighting_list)) {
                            Config c;
                            c.k1 = k1;
                            c.b = b;
                            c.stemming = s == "raw"    ? Stemming::unstemmed
                                         : s == "both" ? Stemming::both
                                                       : Stemming::stemmed;
                            c.proximity = p;
                            c.feedback = f;
                            c.weighting = w;
                            configs.push_back(c);
                        }
                    }
                }
            }
        }
    }
    return configs;
}

std::vector<std::string> run_query(Xapian::Enquire& enquire, const Xapian::Query& query,
                                   const Xapian::Weight& weight, Xapian::doccount limit,
                                   std::vector<double>* weights) {
    enquire.set_query(query);
    enquire.set_weighting_scheme(weight);
    const Xapian::MSet mset = enquire.get_mset(0, limit);
    std::vector<std::string> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        ids.push_back(it.get_document().get_value(0));
        if (weights != nullptr) {
            weights->push_back(it.get_weight());
        }
    }
    return ids;
}

} // namespace

// The collection in a scratch in-memory database; value slot 0 holds the article id.
Xapian::WritableDatabase index_collection(const std::string& docs_path, const std::string& system,
                                          unsigned extra_title_wdf) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    index::DocumentBuilder builder("en");
    analysis::Analyzer analyzer("en");
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    auto source = corpus::open_inputs({docs_path}, {}, [](const Problem& p) {
        std::cerr << "newsdex-rank-eval: warning: " << p.message << "\n";
    });
    std::vector<analysis::Token> tokens;
    while (auto article = source->next()) {
        Xapian::Document doc;
        if (system == "newsdex") {
            doc = builder.build(*article);
            if (extra_title_wdf > 0) {
                analyzer.analyse(article->title, tokens);
                for (const auto& t : tokens) {
                    doc.add_term(t.term, extra_title_wdf);
                    doc.add_term(std::string(schema::stem_prefix) + analyzer.stem(t.term),
                                 extra_title_wdf);
                }
            }
        } else {
            generator.set_document(doc);
            generator.index_text(article->title);
            generator.increase_termpos();
            generator.index_text(article->body);
        }
        doc.add_value(0, article->id);
        db.add_document(doc);
    }
    db.commit();
    return db;
}

int main(int argc, char** argv) {
    std::string docs_path, queries_path, qrels_path, run_path, system = "newsdex";
    std::string k1_list = "1", b_list = "0.5", stemming_list = "stem";
    unsigned extra_title_wdf = 0;
    std::string proximity_list = "0", feedback_list = "0", weighting_list = "bm25";
    Xapian::doccount limit = 1000;
    po::options_description desc("newsdex-rank-eval options");
    desc.add_options()("help,h", "show this help")("docs", po::value(&docs_path)->required(),
                                                   "JSON Lines collection")(
        "queries", po::value(&queries_path)->required(), "query file: id<TAB>text a line")(
        "qrels", po::value(&qrels_path), "judgements: 'qid id' a line; prints a metrics table")(
        "run", po::value(&run_path), "write the run of the first configuration here")(
        "system", po::value(&system)->default_value(system), "newsdex or xapian")(
        "k1", po::value(&k1_list)->default_value(k1_list), "BM25 k1 values, comma-separated")(
        "b", po::value(&b_list)->default_value(b_list), "BM25 b values, comma-separated")(
        "stemming", po::value(&stemming_list)->default_value(stemming_list),
        "newsdex query terms: stem, raw, both (comma-separated list)")(
        "extra-title-wdf", po::value(&extra_title_wdf)->default_value(0),
        "newsdex: add this to the wdf of title words (on top of schema::title_weight)")(
        "proximity", po::value(&proximity_list)->default_value(proximity_list),
        "newsdex: weight scale of NEAR (window 4) pairs of adjacent query words; 0 = off")(
        "feedback", po::value(&feedback_list)->default_value(feedback_list),
        "newsdex: pseudo-relevance feedback, 'DOCS:TERMS:SCALE' (e.g. 5:20:0.5); 0 = off")(
        "weighting", po::value(&weighting_list)->default_value(weighting_list),
        "newsdex: weighting schemes, comma-separated: bm25, bm25+[:DELTA], dph, dlh, pl2[:C], "
        "inl2[:C], ifb2[:C], ineb2[:C], bb2[:C], lm[:MU]")(
        "limit", po::value(&limit)->default_value(limit), "hits per query");
    try {
        if (!tools::parse_tool_options(argc, argv, desc)) {
            return 0;
        }
        if (system != "newsdex" && system != "xapian") {
            throw po::error("--system must be newsdex or xapian");
        }

        Xapian::WritableDatabase db = index_collection(docs_path, system, extra_title_wdf);
        analysis::Analyzer analyzer("en");

        const std::vector<Config> configs = make_configs(
            k1_list, b_list, stemming_list, proximity_list, feedback_list, weighting_list);

        const std::vector<Query> queries = read_queries(queries_path);
        std::map<int, std::set<std::string>> qrels;
        if (!qrels_path.empty()) {
            qrels = read_qrels(qrels_path);
            std::printf("%-26s %7s %7s %7s | %7s %7s %7s | %7s %7s %7s\n", "configuration",
                        "MAPtune", "P10", "nDCG10", "MAPtest", "P10", "nDCG10", "MAPall", "P10",
                        "nDCG10");
        }
        Xapian::Enquire enquire(db);
        search::QueryBuilder query_builder(db, "en", search::DefaultOperator::or_);
        Xapian::QueryParser parser;
        parser.set_stemmer(Xapian::Stem("english"));
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser.set_database(db);
        parser.set_default_op(Xapian::Query::OP_OR);
        std::ofstream run;
        if (!run_path.empty()) {
            run.open(run_path);
        }
        for (std::size_t ci = 0; ci < configs.size(); ++ci) {
            const Config& c = configs[ci];
            // Xapian's defaults are k1 = 1, k2 = 0, k3 = 1, b = 0.5, min_normlen = 0.5.
            const std::unique_ptr<Xapian::Weight> chosen =
                system == "xapian" ? std::make_unique<Xapian::BM25Weight>()
                                   : make_weight(c.weighting, c.k1, c.b);
            const Xapian::Weight& weight = *chosen;
            Scores half[3]; // tune, test, all
            int counts[3] = {0, 0, 0};
            for (const Query& q : queries) {
                Xapian::Query query;
                if (system == "newsdex") {
                    query = with_feedback(
                        enquire,
                        newsdex_query(query_builder, analyzer, q.text, c.stemming, c.proximity),
                        weight, c.feedback);
                } else {
                    try {
                        query = parser.parse_query(q.text);
                    } catch (const Xapian::QueryParserError&) {
                        query = Xapian::Query(); // as a stock front end would: no results
                    }
                }
                std::vector<double> weights;
                const auto ids = run_query(enquire, query, weight, limit, &weights);
                if (ci == 0 && run.is_open()) {
                    for (std::size_t i = 0; i < ids.size(); ++i) {
                        run << q.id << '\t' << ids[i] << '\t' << i + 1 << '\t' << weights[i]
                            << '\n';
                    }
                }
                if (qrels.empty()) {
                    continue;
                }
                const Scores s = score(ids, qrels[q.id]);
                for (int h : {q.id % 2 == 1 ? 0 : 1, 2}) {
                    half[h].ap += s.ap;
                    half[h].p10 += s.p10;
                    half[h].ndcg10 += s.ndcg10;
                    ++counts[h];
                }
            }
            if (qrels.empty()) {
                continue;
            }
            std::printf("%-26s", system == "xapian" ? "xapian defaults" : c.label().c_str());
            for (int h = 0; h < 3; ++h) {
                const double n = std::max(1, counts[h]);
                std::printf(" %7.4f %7.4f %7.4f%s", half[h].ap / n, half[h].p10 / n,
                            half[h].ndcg10 / n, h < 2 ? " |" : "\n");
            }
        }
        return 0;
    } catch (const po::error& e) {
        std::cerr << "newsdex-rank-eval: error: " << e.what() << "\n";
        return 2;
    } catch (const Xapian::Error& e) {
        std::cerr << "newsdex-rank-eval: error: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-rank-eval: error: " << e.what() << "\n";
        return 1;
    }
}
