/// @file
/// @brief Query text → Xapian::Query, with the same analysis the indexer applies.
#pragma once
#include <string>
#include <string_view>

#include <xapian.h>

#include "newsdex/analysis/analyzer.h"

namespace newsdex::search {

/// How query text is read.
enum class QueryMode {
    syntax,  ///< phrases, AND/OR/NOT, +/-, NEAR, word*, field:value
    literal, ///< every word a plain word, OR'ed and ranked (for pasted text and long queries)
};

/// Default operator between words in syntax mode.
enum class DefaultOperator { and_, or_ };

/// Builds queries. Holds an Analyzer, so not thread-safe: one per thread.
class QueryBuilder {
public:
    /// @param db used to expand wildcards (word*); may be an empty Database.
    QueryBuilder(Xapian::Database db, std::string_view language = "en",
                 DefaultOperator op = DefaultOperator::and_);

    /// Parses text. Throws UsageError with Xapian's message on bad syntax ("syntax error in
    /// query: …"), and for `name:value` where name is no field ("unknown field 'foo' (see
    /// --list-fields)"; a colon in "10:30", "http://…", "Note: …" or a phrase is no field).
    /// An empty text gives Xapian::Query::MatchAll.
    Xapian::Query build(std::string_view text, QueryMode mode = QueryMode::syntax);

    /// The names a listing by filters alone ranks by (how much an article is about them):
    /// build(names, literal), with each name's exact form at its full weight.
    Xapian::Query build_names(std::string_view names);

    /// The words the last build() left out of a long query as too common to rank by (see
    /// without_common_words), folded, in query order; empty for most queries.
    const std::vector<std::string>& common_words_left_out() const { return m_common_words; }

    /// Changes the operator between words for later build() calls.
    void set_default_operator(DefaultOperator op) { m_default_op = op; }

    /// The text as handed to Xapian's QueryParser: every word replaced by its normalised form
    /// ("Zürich" → "zurich", "U.S." → "us", "l'Élysée" → "l-elysee"), operators and field
    /// names kept; an acronym ("US" → "nxacronym:us") and a word with two spellings
    /// ("Schröder" → "nxspellings:schroder_schroeder") become pseudo-fields that build()
    /// reads. Exposed for tests and --explain.
    std::string normalise_query_text(std::string_view text);

private:
    /// A query written as a sentence ("SPECULATION THAT THE NUMBER OF U.S. FORCES IN EUROPE
    /// MIGHT BE REDUCED") without the words that occur in more than a quarter of the articles.
    /// Such words barely tell articles apart, yet in a long query they add up and pull in
    /// articles about the common words only. Only for plain text (no operators, phrases,
    /// fields or +/-), with words OR'ed (--literal, or --default-op or), of at least three
    /// words besides stopwords; never every word. Records what it left out in m_common_words.
    std::string without_common_words(std::string_view text, QueryMode mode);
    Xapian::Query build(std::string_view text, QueryMode mode, double exact_share);
    Xapian::Query build_literal(std::string_view text, double exact_share);
    /// `query`, with the exact forms of its free words ranking higher than other words of
    /// their stems: "cities" ranks an article on cities above one naming Citi (the index
    /// gives a name inside a sentence a stem term without weight, see DocumentBuilder). An
    /// exact form adds `share` of its weight.
    Xapian::Query exact_forms_first(Xapian::Query query, double share) const;

    // The free words of the last normalise_query_text(): not in a phrase, not a field's value.
    std::vector<std::string> m_exact_terms;
    std::vector<std::string> m_common_words;

    Xapian::Database m_db;
    analysis::Analyzer m_analyzer;
    analysis::Tokenizer m_tokenizer;
    DefaultOperator m_default_op;
};

} // namespace newsdex::search
