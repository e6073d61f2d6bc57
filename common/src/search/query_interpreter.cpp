#include "newsdex/search/query_interpreter.h"

#include <algorithm>
#include <utility>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/ascii.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/search/date_filters.h"
#include "newsdex/search/date_phrases.h"
#include "newsdex/search/facet_resolver.h"
#include "newsdex/search/natural_phrasing.h"
#include "newsdex/search/query_lexer.h"
#include "newsdex/search/suggestions.h"

namespace newsdex::search {
namespace {

/// One resolved value of a filter.
struct Clause {
    std::size_t position = 0; ///< token index, for query order
    std::string group;        ///< values of one group are OR'ed
    std::string label;        ///< "location", "date" …
    bool negated = false;
    Xapian::Query query;
    std::string display;      ///< "Vienna, Austria"
    std::string written;      ///< the value as the user wrote it: "Boesky"
    bool alternative = false; ///< joined by OR to the free text: either may match
};

/// The values of one filter group, OR'ed.
struct Group {
    std::string key;
    std::string label;
    bool negated = false;
    bool alternative = false;
    std::vector<Xapian::Query> queries;
    std::vector<std::string> displays;
    std::vector<std::string> written;
};

/// The state of one interpret() call.
struct Context {
    std::string_view text;
    std::vector<Token> tokens;
    std::vector<Clause> clauses;
    InterpretedQuery result;
};

/// Clauses with the same group (and sign) together, in query order; a value given twice once.
std::vector<Group> grouped(std::vector<Clause>& clauses) {
    std::stable_sort(clauses.begin(), clauses.end(),
                     [](const Clause& a, const Clause& b) { return a.position < b.position; });
    std::vector<Group> groups;
    for (Clause& c : clauses) {
        const std::string key = c.group + (c.negated ? "!" : "") + (c.alternative ? "|" : "");
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const Group& g) { return g.key == key; });
        if (it == groups.end()) {
            groups.push_back(Group{key, c.label, c.negated, c.alternative, {}, {}, {}});
            it = groups.end() - 1;
        }
        if (std::find(it->displays.begin(), it->displays.end(), c.display) != it->displays.end()) {
            continue; // the same value twice
        }
        it->queries.push_back(c.query);
        it->displays.push_back(c.display);
        it->written.push_back(c.written);
    }
    return groups;
}

Xapian::Query or_of(const std::vector<Xapian::Query>& queries) {
    return queries.size() == 1
               ? queries.front()
               : Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

} // namespace

bool InterpretedQuery::has_free_text() const {
    return std::any_of(text.begin(), text.end(), [](char c) { return !is_space(c); });
}

struct QueryInterpreter::Impl {
    Impl(Xapian::Database database, std::shared_ptr<const analysis::Gazetteer> gazetteer_tables,
         CivilDate today_)
        : db(std::move(database)), gazetteer(std::move(gazetteer_tables)), today(today_),
          resolver(db, gazetteer), suggester(resolver), phrasing(resolver, today) {}

    Xapian::Database db;
    std::shared_ptr<const analysis::Gazetteer> gazetteer;
    CivilDate today;
    FacetResolver resolver; // the per-database caches
    ValueSuggester suggester;
    NaturalPhrasing phrasing;

    InterpretedQuery run(std::string_view query_text, Phrasing how);

    void field_token(Context& ctx, std::size_t i);
    bool take_filter_tokens(Context& ctx, std::size_t i, bool& negated, bool& alternative);
    void add_field_clause(Context& ctx, const schema::Field& f, std::size_t i, bool negated,
                          bool alternative, const std::string& value);
    void add_phrase_clause(Context& ctx, std::size_t i, NaturalPhrase phrase);
    Clause date_clause(Context& ctx, const schema::Field& f, const DayRange& range);
    void combine(Context& ctx);
    void add_name_words(Context& ctx, const Group& g);
    std::string most_frequent_name(const std::vector<Xapian::Query>& queries);
};

InterpretedQuery QueryInterpreter::Impl::run(std::string_view query_text, Phrasing how) {
    Context ctx{query_text, lex(query_text), {}, {}};
    for (std::size_t i = 0; i < ctx.tokens.size(); ++i) {
        if (ctx.tokens[i].kind == TokenKind::field) {
            field_token(ctx, i);
        }
    }
    if (how == Phrasing::natural) {
        for (std::size_t i = 0; i < ctx.tokens.size(); ++i) {
            if (!is_plain_word(ctx.tokens[i])) {
                continue;
            }
            if (std::optional<NaturalPhrase> phrase = phrasing.read(query_text, ctx.tokens, i)) {
                const std::size_t taken = phrase->words;
                add_phrase_clause(ctx, i, std::move(*phrase));
                i += taken - 1;
            }
        }
    }
    // Only operators left dangling by what was taken out: a query nothing was taken out
    // of stays exactly as written, even if it is odd ("NOT", "()").
    if (std::any_of(ctx.tokens.begin(), ctx.tokens.end(),
                    [](const Token& t) { return t.removed; })) {
        drop_dangling_operators(ctx.tokens);
    }
    ctx.result.text = rebuild(query_text, ctx.tokens);
    combine(ctx);
    return std::move(ctx.result);
}

// --- field tokens ------------------------------------------------------------------------------

void QueryInterpreter::Impl::field_token(Context& ctx, std::size_t i) {
    Token& t = ctx.tokens[i];
    const std::string written(ctx.text.substr(t.start, t.end - t.start));
    if (t.depth > 0) {
        ctx.result.warnings.push_back("filter '" + written +
                                      "' inside parentheses is not resolved (put it outside them)");
        return;
    }
    bool negated = t.negated;
    bool alternative = false;
    if (!take_filter_tokens(ctx, i, negated, alternative)) {
        ctx.result.warnings.push_back("filter '" + written +
                                      "' is joined to other words by an operator other than OR "
                                      "and is not resolved");
        return;
    }
    const std::string value(trim(t.value));
    if (value.empty()) {
        // Ignored, it would match everything: the opposite of what a filter is written for.
        throw UsageError("filter '" + written + "' has no value (write " +
                         std::string(t.field->name) + ":VALUE, or leave the filter out)");
    }
    add_field_clause(ctx, *t.field, i, negated, alternative, value);
}

// Takes the filter at tokens[i] out of the text, with a NOT before it and an OR joining it to
// the same field after it; false (and nothing taken) when an operator ties it to other words.
bool QueryInterpreter::Impl::take_filter_tokens(Context& ctx, std::size_t i, bool& negated,
                                                bool& alternative) {
    std::vector<Token>& tokens = ctx.tokens;
    const Token& t = tokens[i];
    std::vector<std::size_t> consume;
    std::size_t before = i; // index of the first token this filter takes
    if (i > 0 && is_not(tokens[i - 1]) && tokens[i - 1].depth == 0 && !tokens[i - 1].removed) {
        negated = true;
        consume.push_back(i - 1);
        before = i - 1;
    }
    const auto is_or = [](const Token& op) { return op.kind == TokenKind::op && op.core == "OR"; };
    // OR (and only OR) joining a filter to other words makes it an alternative to them:
    // "refugees OR location:Lesbos" asks for either. Not a negated one.
    std::optional<std::size_t> joining_or;
    alternative = before > 0 && tokens[before - 1].removed && tokens[before - 1].joins_alternative;
    if (before > 0 && is_joining_op(tokens[before - 1]) && !tokens[before - 1].removed) {
        if (!is_or(tokens[before - 1]) || negated) {
            return false;
        }
        joining_or = before - 1;
    }
    if (i + 1 < tokens.size() && is_joining_op(tokens[i + 1])) {
        const bool same_field_follows = tokens[i + 1].core == "OR" && i + 2 < tokens.size() &&
                                        tokens[i + 2].kind == TokenKind::field &&
                                        tokens[i + 2].field == t.field &&
                                        tokens[i + 2].negated == t.negated;
        if (same_field_follows && !joining_or && !alternative) {
            consume.push_back(i + 1);
        } else if (!is_or(tokens[i + 1]) || negated) {
            return false;
        } else if (!joining_or) {
            joining_or = i + 1;
        }
    }
    if (joining_or) {
        alternative = true;
        tokens[*joining_or].joins_alternative = true;
        consume.push_back(*joining_or);
    }
    for (std::size_t c : consume) {
        tokens[c].removed = true;
    }
    tokens[i].removed = true;
    return true;
}

void QueryInterpreter::Impl::add_field_clause(Context& ctx, const schema::Field& f, std::size_t i,
                                              bool negated, bool alternative,
                                              const std::string& value) {
    Clause c;
    if (f.kind == schema::Kind::date_range) {
        if (const auto range = parse_date_filter(value, today)) {
            c = date_clause(ctx, f, *range);
        } else {
            // Unlike an unknown name, a date that cannot be read is a mistake in the query
            // itself (date:2008-13): a usage error, not a warning and 0 matches.
            throw UsageError("cannot read date '" + value + "' in '" + std::string(f.name) + ":" +
                             value + "' (use 2018-01-24, 2018-01, 2018, or A..B, A.., ..B)");
        }
    } else if (std::optional<ResolvedValue> resolved =
                   resolver.resolve(f, value, ctx.result.warnings)) {
        c.query = std::move(resolved->query);
        c.display = std::move(resolved->display);
        c.written = value;
    } else {
        const std::string suggestion = suggester.suggest(f, value);
        ctx.result.warnings.push_back(
            "no " + std::string(f.name) + " '" + value + "'" +
            (suggestion.empty() ? "" : " (did you mean " + suggestion + "?)"));
        c.query = Xapian::Query::MatchNothing;
        c.display = "'" + value + "' (unknown)";
    }
    c.position = i;
    c.group = std::string(f.name);
    c.label = c.group;
    c.negated = negated;
    c.alternative = alternative;
    ctx.clauses.push_back(std::move(c));
}

// A filter on days: publication days for `date`, mentioned days for `mentions`.
Clause QueryInterpreter::Impl::date_clause(Context& ctx, const schema::Field& f,
                                           const DayRange& range) {
    Clause c;
    c.label = std::string(f.name);
    c.display = describe_range(range);
    if (is_reversed(range)) {
        ctx.result.warnings.push_back("empty date range '" + c.display + "'");
        c.query = Xapian::Query::MatchNothing;
    } else if (f.name == "date") {
        c.query = publication_date_query(range, &db);
    } else {
        // Open ends stop at the years the archive mentions at all.
        const bool open = !range.first || !range.last;
        c.query = mentioned_date_query(range, open ? resolver.mentioned_years() : std::nullopt);
    }
    return c;
}

void QueryInterpreter::Impl::add_phrase_clause(Context& ctx, std::size_t i, NaturalPhrase phrase) {
    if (phrase.grouping) {
        ctx.result.time_grouping = phrase.grouping;
        return;
    }
    if (!phrase.place && !phrase.range) {
        return; // a lead-in ("everything about"): no filter
    }
    Clause c;
    if (phrase.place) {
        c.query = std::move(phrase.place->query);
        c.display = std::move(phrase.place->display);
        c.group = "location";
        c.label = "location";
    } else {
        c = date_clause(ctx, schema::field("date"), *phrase.range);
        c.group = c.label + "@" + std::to_string(i); // each phrase narrows on its own
    }
    c.position = i;
    c.negated = phrase.negated;
    c.alternative = phrase.alternative;
    ctx.clauses.push_back(std::move(c));
}

// --- combining ---------------------------------------------------------------------------------

void QueryInterpreter::Impl::combine(Context& ctx) {
    std::vector<Xapian::Query> positive;
    std::vector<Xapian::Query> negative;
    std::vector<Xapian::Query> alternatives;
    for (const Group& g : grouped(ctx.clauses)) {
        std::string line =
            (g.alternative ? "OR " : "") + std::string(g.negated ? "not " : "") + g.label + ": ";
        for (std::size_t k = 0; k < g.displays.size(); ++k) {
            line += (k > 0 ? " or " : "") + g.displays[k];
        }
        ctx.result.interpretation.push_back(std::move(line));
        if (g.alternative) {
            add_name_words(ctx, g);
            alternatives.push_back(or_of(g.queries));
        } else if (g.negated) {
            negative.insert(negative.end(), g.queries.begin(), g.queries.end());
        } else {
            add_name_words(ctx, g);
            positive.push_back(or_of(g.queries));
        }
    }
    if (ctx.result.time_grouping) {
        ctx.result.interpretation.push_back(std::string("counts by ") +
                                            granularity_name(*ctx.result.time_grouping));
    }
    if (!alternatives.empty()) {
        ctx.result.alternative = or_of(alternatives);
        if (ctx.result.alternative.empty()) {
            ctx.result.alternative = Xapian::Query(std::string(schema::no_match_term));
        }
    }
    Xapian::Query filter;
    if (positive.size() == 1) {
        filter = positive.front();
    } else if (!positive.empty()) {
        filter = Xapian::Query(Xapian::Query::OP_AND, positive.begin(), positive.end());
    }
    // Xapian's MatchNothing is the empty Query, which callers read as "no filter"; an
    // unknown value must match nothing, so it becomes a term no document has.
    if (!positive.empty() && filter.empty()) {
        ctx.result.filter = Xapian::Query(std::string(schema::no_match_term));
        return;
    }
    if (!negative.empty()) {
        filter = Xapian::Query(Xapian::Query::OP_AND_NOT,
                               filter.empty() ? Xapian::Query::MatchAll : filter, or_of(negative));
    }
    ctx.result.filter = filter;
}

// The folded name of the most frequent person, organisation, place or country the queries'
// terms name, read from the term's key ("XLOCvienna~at" → "vienna", "XCTRYjp" → "japan").
std::string QueryInterpreter::Impl::most_frequent_name(const std::vector<Xapian::Query>& queries) {
    static const std::string_view named[] = {"actor", "person", "org", "location", "country"};
    std::string best_key;
    Xapian::doccount best_freq = 0;
    for (const Xapian::Query& q : queries) {
        for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
            const std::string& term = *t;
            for (const std::string_view field : named) {
                const std::string_view prefix = schema::field(field).prefix;
                if (term.size() <= prefix.size() || term.compare(0, prefix.size(), prefix) != 0) {
                    continue;
                }
                const Xapian::doccount freq = db.get_termfreq(term);
                if (best_key.empty() || freq > best_freq) {
                    std::string_view key(term);
                    key.remove_prefix(prefix.size());
                    if (!key.empty() && key.front() == ':') {
                        key.remove_prefix(1);
                    }
                    best_key = std::string(schema::split_location_key(key).name); // no country code
                    best_freq = freq;
                    if (field == "country") { // "jp" → "japan"
                        const analysis::Country* country =
                            gazetteer ? gazetteer->country(best_key) : nullptr;
                        best_key =
                            country != nullptr ? analysis::fold(country->name) : std::string();
                    }
                }
                break;
            }
        }
    }
    return best_key;
}

// The words of the person, organisation or place a (positive) filter group names. The
// words as written when they are part of the name ("Boesky": later mentions of Ivan Boesky
// are "Boesky"), else the words of its most frequent value ("UN" → "united nations"; not
// every longer name holding the words).
void QueryInterpreter::Impl::add_name_words(Context& ctx, const Group& g) {
    const std::vector<std::string> value_words = name_words(most_frequent_name(g.queries));
    std::vector<std::string> words = value_words;
    if (g.written.size() == 1) {
        const std::vector<std::string> typed = name_words(analysis::fold(g.written.front()));
        if (!typed.empty() && std::all_of(typed.begin(), typed.end(), [&](const std::string& w) {
                return std::find(value_words.begin(), value_words.end(), w) != value_words.end();
            })) {
            words = typed;
        }
    }
    std::string& out = ctx.result.name_words;
    const std::vector<std::string> known = name_words(out);
    for (const std::string& word : words) {
        if (std::find(known.begin(), known.end(), word) == known.end()) {
            out += (out.empty() ? "" : " ") + word;
        }
    }
}

QueryInterpreter::QueryInterpreter(Xapian::Database db,
                                   std::shared_ptr<const analysis::Gazetteer> gazetteer,
                                   CivilDate today, std::shared_ptr<const UserAliases> user_aliases)
    : m_impl(std::make_unique<Impl>(std::move(db), std::move(gazetteer), today)) {
    m_impl->resolver.set_user_aliases(std::move(user_aliases));
}

QueryInterpreter::~QueryInterpreter() = default;

void QueryInterpreter::set_registry_shards(std::vector<Xapian::Database> shards) {
    m_impl->resolver.set_registry_shards(std::move(shards));
}

InterpretedQuery QueryInterpreter::interpret(std::string_view query_text, Phrasing phrasing) {
    return m_impl->run(query_text, phrasing);
}

} // namespace newsdex::search
