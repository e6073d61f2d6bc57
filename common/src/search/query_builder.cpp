#include "newsdex/search/query_builder.h"

#include <vector>

#include "newsdex/ascii.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/analysis/stopwords.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/search/query_lexer.h"

namespace newsdex::search {
namespace {

class QueryStopper : public Xapian::Stopper {
public:
    bool operator()(const std::string& term) const override {
        return analysis::is_stopword(term);
    }
};

} // namespace

QueryBuilder::QueryBuilder(Xapian::Database db, std::string_view language, DefaultOperator op)
    : m_db(std::move(db)), m_analyzer(language), m_default_op(op) {}

std::string QueryBuilder::normalise_query_text(std::string_view text) {
    std::string out;
    std::vector<analysis::Segment> segments;
    std::vector<analysis::Token> tokens;
    m_tokenizer.split(text, segments);
    std::size_t copied = 0; // bytes of text already handled
    for (const analysis::Segment& s : segments) {
        if (s.start < copied) {
            continue; // inside a field value consumed below
        }
        out.append(text, copied, s.start - copied);
        copied = s.end;
        const std::string_view word = text.substr(s.start, s.end - s.start);
        if (is_operator(word)) {
            out += word;
            continue;
        }
        if (s.end < text.size() && text[s.end] == ':') {
            const std::string name = analysis::fold(word);
            if (const schema::Field* field = schema::find_field(name)) {
                out += name;
                out += ':';
                copied = s.end + 1;
                if (field->kind != schema::Kind::free_text) {
                    // Boolean values are exact terms: fold them the way the indexer did.
                    std::size_t end = copied;
                    if (end < text.size() && text[end] == '"') {
                        const std::size_t close = text.find('"', end + 1);
                        end = close == std::string_view::npos ? text.size() : close + 1;
                        out += '"';
                        out += analysis::fold(text.substr(copied + 1, end - copied - 1 -
                                                              (close == std::string_view::npos ? 0 : 1)));
                        out += '"';
                    } else {
                        while (end < text.size() && !is_space(text[end]) && text[end] != ')') {
                            ++end;
                        }
                        out += analysis::fold(text.substr(copied, end - copied));
                    }
                    copied = end;
                }
                continue;
            }
        }
        tokens.clear();
        analysis::normalise_word(word, s.kind, s.start, s.end, tokens);
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (i > 0) {
                out += '-'; // QueryParser reads a-b as the phrase "a b", as the index holds it
            }
            out += tokens[i].term;
        }
    }
    out.append(text, copied, std::string_view::npos);
    return out;
}

Xapian::Query QueryBuilder::build(std::string_view text, QueryMode mode) {
    bool blank = true;
    for (char c : text) {
        blank = blank && is_space(c);
    }
    if (blank) {
        return Xapian::Query::MatchAll;
    }
    if (mode == QueryMode::literal) {
        return build_literal(text);
    }
    Xapian::QueryParser parser;
    static const QueryStopper stopper;
    parser.set_stopper(&stopper);
    parser.set_stemmer(m_analyzer.stemmer());
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_database(m_db);
    parser.set_default_op(m_default_op == DefaultOperator::and_ ? Xapian::Query::OP_AND
                                                                : Xapian::Query::OP_OR);
    for (const schema::Field& f : schema::fields) {
        if (f.kind == schema::Kind::free_text) {
            parser.add_prefix(std::string(f.name), std::string(f.prefix));
        } else {
            parser.add_boolean_prefix(std::string(f.name), std::string(f.prefix));
        }
    }
    const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                           Xapian::QueryParser::FLAG_LOVEHATE |
                           Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    const std::string normalised = normalise_query_text(text);
    try {
        return parser.parse_query(normalised, flags);
    } catch (const Xapian::QueryParserError& e) {
        throw UsageError("syntax error in query '" + std::string(text) + "': " + e.get_msg());
    }
}

Xapian::Query QueryBuilder::build_literal(std::string_view text) {
    std::vector<analysis::Token> tokens;
    m_analyzer.analyse(text, tokens);
    std::vector<Xapian::Query> terms;
    for (const analysis::Token& t : tokens) {
        if (analysis::is_stopword(t.term)) {
            continue;
        }
        terms.emplace_back(std::string(schema::stem_prefix) + m_analyzer.stem(t.term));
    }
    if (terms.empty()) {
        return Xapian::Query::MatchNothing;
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

} // namespace newsdex::search
