#include "newsdex/search/query_builder.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/analysis/stopwords.h"
#include "newsdex/ascii.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/search/query_lexer.h"

namespace newsdex::search {
namespace {

class QueryStopper : public Xapian::Stopper {
public:
    bool operator()(const std::string& term) const override { return analysis::is_stopword(term); }
};

// Whether `word` could be meant as a field name: ASCII letters, digits and '_', starting with a
// letter (the shape of every schema field). "10:30", "U.S.:" or "café:" never are.
bool looks_like_field_name(std::string_view word) {
    if (word.empty() ||
        !((word[0] >= 'a' && word[0] <= 'z') || (word[0] >= 'A' && word[0] <= 'Z'))) {
        return false;
    }
    for (char c : word) {
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

// `id:` values are the ids as the input gave them: the index keeps their case (and hashes long
// ones), so the query must look them up exactly as schema::id_term writes them.
class IdFieldProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(schema::id_term(value));
    }
};

// Pseudo-fields the query text is rewritten to where one word must become a query that the
// query syntax cannot spell: an acronym's own term, and a word with two spellings.
constexpr std::string_view acronym_field = "nxacronym";
constexpr std::string_view spellings_field = "nxspellings";
// Between the two spellings: a character QueryParser keeps inside a field's value ('/' and
// '-' it does not), and which no term of a word with umlauts holds.
constexpr char spellings_separator = '_';

// A pseudo-field's value without the punctuation that followed the word ("us." in "US.").
std::string letters(std::string value) {
    while (!value.empty() && !is_alpha(value.back()) && !is_digit(value.back())) {
        value.pop_back();
    }
    return value;
}

// "nxacronym:us" → the acronym's term (schema::acronym_prefix): "US" is not the pronoun.
class AcronymProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(std::string(schema::acronym_prefix) + letters(value));
    }
};

// "nxspellings:schroder_schroeder" → either term, weighted as one word: "Schröder" finds the
// articles that write "Schroeder" too (the index holds both terms for a word with umlauts).
class SpellingsProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& written) override {
        const std::string value = letters(written);
        const std::size_t cut = value.find(spellings_separator);
        if (cut == std::string::npos) {
            return Xapian::Query(value);
        }
        const Xapian::Query forms[] = {Xapian::Query(value.substr(0, cut)),
                                       Xapian::Query(value.substr(cut + 1))};
        return Xapian::Query(Xapian::Query::OP_SYNONYM, std::begin(forms), std::end(forms));
    }
};

} // namespace

QueryBuilder::QueryBuilder(Xapian::Database db, std::string_view language, DefaultOperator op)
    : m_db(std::move(db)), m_analyzer(language), m_default_op(op) {}

std::string QueryBuilder::normalise_query_text(std::string_view text) {
    m_exact_terms.clear();
    std::string out;
    std::vector<analysis::Segment> segments;
    std::vector<analysis::Token> tokens;
    m_tokenizer.split(text, segments);
    // Where the lexer reads a lower-case "or" as the operator ("Greece or Cyprus").
    std::vector<std::size_t> or_operators;
    // NEAR and ADJ take terms only: a word's two spellings (a synonym query) cannot be one.
    bool proximity = false;
    for (const Token& t : lex(text)) {
        proximity = proximity || (t.kind == TokenKind::op &&
                                  (t.core.rfind("NEAR", 0) == 0 || t.core.rfind("ADJ", 0) == 0));
        if (t.kind == TokenKind::op && t.core == "OR" &&
            text.substr(t.start, t.end - t.start) != "OR") {
            or_operators.push_back(t.start);
        }
    }
    std::size_t copied = 0; // bytes of text already handled
    bool in_phrase = false; // inside "…", where a colon is just punctuation
    for (std::size_t index = 0; index < segments.size(); ++index) {
        const analysis::Segment& s = segments[index];
        if (s.start < copied) {
            continue; // inside a field value consumed below
        }
        const std::string_view gap = text.substr(copied, s.start - copied);
        in_phrase = (std::count(gap.begin(), gap.end(), '"') % 2 == 1) != in_phrase;
        out.append(text, copied, s.start - copied);
        copied = s.end;
        const std::string_view word = text.substr(s.start, s.end - s.start);
        if (is_operator(word)) {
            out += word;
            continue;
        }
        if (std::find(or_operators.begin(), or_operators.end(), s.start) != or_operators.end()) {
            out += "OR";
            continue;
        }
        if (s.end < text.size() && text[s.end] == ':') {
            const std::string name = analysis::fold(word);
            if (const schema::Field* field = schema::find_field(name)) {
                out += name;
                out += ':';
                copied = s.end + 1;
                if (field->kind != schema::Kind::free_text) {
                    // Boolean values are exact terms: fold them the way the indexer did. Ids
                    // are kept as written, case and all (IdFieldProcessor).
                    const bool keep = field->kind == schema::Kind::identifier;
                    std::size_t end = copied;
                    if (end < text.size() && text[end] == '"') {
                        const std::size_t close = text.find('"', end + 1);
                        end = close == std::string_view::npos ? text.size() : close + 1;
                        const std::string_view value =
                            text.substr(copied + 1, end - copied - 1 -
                                                        (close == std::string_view::npos ? 0 : 1));
                        out += '"';
                        out += keep ? std::string(value) : analysis::fold(value);
                        out += '"';
                    } else {
                        while (end < text.size() && !is_space(text[end]) && text[end] != ')') {
                            ++end;
                        }
                        const std::string_view value = text.substr(copied, end - copied);
                        out += keep ? std::string(value) : analysis::fold(value);
                    }
                    copied = end;
                }
                continue;
            }
            // name:value with a name that is no field finds nothing, silently: say so. Not for
            // "10:30", "http://…", "Update: …" (a space after the colon) or inside a phrase.
            const bool at_word_start = s.start == 0 || is_space(text[s.start - 1]) ||
                                       text[s.start - 1] == '(' || text[s.start - 1] == '+' ||
                                       text[s.start - 1] == '-';
            const bool value_follows =
                s.end + 1 < text.size() && !is_space(text[s.end + 1]) && text[s.end + 1] != '/';
            if (!in_phrase && at_word_start && value_follows && looks_like_field_name(word)) {
                throw UsageError("unknown field '" + std::string(word) + "' (see --list-fields)");
            }
        }
        tokens.clear();
        analysis::normalise_segment(text, segments, index, tokens);
        // One word, free (not in a phrase nor a field's value): its acronym or its spellings.
        const bool free_word =
            tokens.size() == 1 && !in_phrase && (s.start == 0 || text[s.start - 1] != ':');
        if (free_word && tokens[0].acronym &&
            m_db.get_termfreq(std::string(schema::acronym_prefix) + tokens[0].term) > 0) {
            out += acronym_field;
            out += ':';
            out += tokens[0].term;
            continue;
        }
        if (free_word && !proximity && !tokens[0].alternative.empty() &&
            tokens[0].term.find(spellings_separator) == std::string::npos) {
            out += spellings_field;
            out += ':';
            out += tokens[0].term;
            out += spellings_separator;
            out += tokens[0].alternative;
            continue;
        }
        if (free_word && !analysis::is_stopword(tokens[0].term)) {
            m_exact_terms.push_back(tokens[0].term);
        }
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

namespace {

// See without_common_words: chosen on the TIME collection's tuning half (docs/quality.md,
// "Ranking"); shares of 20-40 % and 2-5 words score alike there, 15 % drops words that carry
// the topic.
constexpr double common_word_share = 0.25;
constexpr std::size_t min_words_to_shorten = 3;
// Below this many articles a word's share says little.
constexpr Xapian::doccount min_articles_to_shorten = 100;

} // namespace

std::string QueryBuilder::without_common_words(std::string_view text, QueryMode mode) {
    m_common_words.clear();
    const Xapian::doccount articles = m_db.get_doccount();
    const bool words_ored = mode == QueryMode::literal || m_default_op == DefaultOperator::or_;
    if (!words_ored || articles < min_articles_to_shorten ||
        text.find_first_of("\"()") != std::string_view::npos) {
        return std::string(text);
    }
    for (const Token& t : lex(text)) {
        const bool marked = t.end > t.start && (text[t.start] == '+' || text[t.start] == '-');
        if (t.kind == TokenKind::op || t.kind == TokenKind::field || marked) {
            return std::string(text);
        }
    }
    std::vector<analysis::Token> tokens;
    m_analyzer.analyse(text, tokens);
    std::vector<const analysis::Token*> common;
    std::size_t words = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const analysis::Token& t = tokens[i];
        if (analysis::is_stopword(t.term)) {
            continue;
        }
        ++words;
        const bool whole_word =
            !t.joined_to_previous && (i + 1 == tokens.size() || !tokens[i + 1].joined_to_previous);
        const std::string stem = std::string(schema::stem_prefix) + m_analyzer.stem(t.term);
        if (whole_word && static_cast<double>(m_db.get_termfreq(stem)) >
                              common_word_share * static_cast<double>(articles)) {
            common.push_back(&t);
        }
    }
    if (words < min_words_to_shorten || common.empty() || common.size() == words) {
        return std::string(text);
    }
    std::string shortened(text);
    for (const analysis::Token* t : common) {
        std::fill(shortened.begin() + static_cast<std::ptrdiff_t>(t->start),
                  shortened.begin() + static_cast<std::ptrdiff_t>(t->end), ' ');
        if (std::find(m_common_words.begin(), m_common_words.end(), t->term) ==
            m_common_words.end()) {
            m_common_words.push_back(t->term);
        }
    }
    return shortened;
}

namespace {

// "-oil -gas" → "oil gas" when every word is excluded (and the text has nothing else: no
// phrase, operator or parenthesis); "" otherwise. An excluded word may be a wildcard or a
// field's value ("-oil*", "-source:reuters").
std::string without_exclusion_marks(std::string_view text) {
    if (text.find_first_of("\"()") != std::string_view::npos) {
        return {};
    }
    std::string wanted;
    bool any = false;
    for (const Token& t : lex(text)) {
        const std::string_view run = text.substr(t.start, t.end - t.start);
        const bool excluded_field = t.kind == TokenKind::field && t.negated;
        if ((t.kind != TokenKind::other && !excluded_field) || run.empty() || run[0] == '+') {
            return {};
        }
        if (run[0] != '-') {
            continue; // punctuation alone
        }
        if (run.size() > 1) {
            any = true;
            wanted += std::string(run.substr(1)) + " ";
        }
    }
    return any ? wanted : std::string();
}

} // namespace

namespace {

// A free word's exact form adds this share of its weight to its stem's. At a full share the
// exact form counted as much again as the stem: an article using the query's exact words
// outranked one on the same topic in other forms of them ("troop" for "troops"). Chosen on the
// TIME collection's tuning half (docs/quality.md, "Ranking", session 8): shares from 0.1 to 1
// score within 0.002 there, 0.35 best; the test half gains 0.012.
constexpr double exact_form_share = 0.35;
// Names that alone rank a listing by filters keep their exact forms at full weight: the index
// gives a name inside a sentence a stem term without weight, so the exact form is the name (a
// lower share cost eval-facets' location P@10 0.011).
constexpr double name_exact_form_share = 1.0;

} // namespace

Xapian::Query QueryBuilder::build(std::string_view text, QueryMode mode) {
    return build(text, mode, exact_form_share);
}

Xapian::Query QueryBuilder::build_names(std::string_view names) {
    return build(names, QueryMode::literal, name_exact_form_share);
}

Xapian::Query QueryBuilder::build(std::string_view text, QueryMode mode, double exact_share) {
    m_common_words.clear();
    bool blank = true;
    for (char c : text) {
        blank = blank && is_space(c);
    }
    if (blank) {
        return Xapian::Query::MatchAll;
    }
    const std::string shortened = without_common_words(text, mode);
    if (mode == QueryMode::literal) {
        return build_literal(shortened, exact_share);
    }
    Xapian::QueryParser parser;
    static const QueryStopper stopper;
    parser.set_stopper(&stopper);
    parser.set_stemmer(m_analyzer.stemmer());
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_database(m_db);
    parser.set_default_op(m_default_op == DefaultOperator::and_ ? Xapian::Query::OP_AND
                                                                : Xapian::Query::OP_OR);
    parser.add_prefix(std::string(acronym_field), (new AcronymProcessor)->release());
    parser.add_prefix(std::string(spellings_field), (new SpellingsProcessor)->release());
    for (const schema::Field& f : schema::fields) {
        if (f.kind == schema::Kind::free_text) {
            parser.add_prefix(std::string(f.name), std::string(f.prefix));
        } else if (f.kind == schema::Kind::identifier) {
            parser.add_boolean_prefix(std::string(f.name), (new IdFieldProcessor)->release());
        } else {
            parser.add_boolean_prefix(std::string(f.name), std::string(f.prefix));
        }
    }
    const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                           Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    // Only excluded words ("-oil"): Xapian's parser would read a lone excluded word as a
    // wanted one, so "-oil" found the oil articles. Every article but those, instead.
    if (const std::string wanted = without_exclusion_marks(shortened); !wanted.empty()) {
        try {
            parser.set_default_op(Xapian::Query::OP_OR); // "-a -b": neither a nor b
            const Xapian::Query excluded = parser.parse_query(normalise_query_text(wanted), flags);
            m_exact_terms.clear(); // nothing to rank by
            return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, excluded);
        } catch (const Xapian::QueryParserError& e) {
            throw UsageError("syntax error in query '" + std::string(text) + "': " + e.get_msg());
        }
    }
    const std::string normalised = normalise_query_text(shortened);
    try {
        return exact_forms_first(parser.parse_query(normalised, flags), exact_share);
    } catch (const Xapian::QueryParserError& e) {
        throw UsageError("syntax error in query '" + std::string(text) + "': " + e.get_msg());
    }
}

Xapian::Query QueryBuilder::build_literal(std::string_view text, double exact_share) {
    std::vector<analysis::Token> tokens;
    m_analyzer.analyse(text, tokens);
    std::vector<Xapian::Query> terms;
    m_exact_terms.clear();
    for (const analysis::Token& t : tokens) {
        if (analysis::is_stopword(t.term)) {
            continue;
        }
        terms.emplace_back(std::string(schema::stem_prefix) + m_analyzer.stem(t.term));
        m_exact_terms.push_back(t.term);
    }
    if (terms.empty()) {
        return Xapian::Query::MatchNothing;
    }
    return exact_forms_first(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                             exact_share);
}

Xapian::Query QueryBuilder::exact_forms_first(Xapian::Query query, double share) const {
    if (m_exact_terms.empty()) {
        return query;
    }
    const Xapian::Query exact(Xapian::Query::OP_OR, m_exact_terms.begin(), m_exact_terms.end());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, exact, share));
}

} // namespace newsdex::search
