/// @file
/// @brief Article → Xapian::Document, following the schema. Pure: no database involved.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/analysis/analyzer.h"
#include "newsdex/analysis/entities.h"
#include "newsdex/article.h"
#include "newsdex/entity_registry.h"
#include "newsdex/schema.h"
#include "newsdex/user_aliases.h"

namespace newsdex::index {

/// A stable 16-hex-digit hash of everything that is indexed from an article.
std::string content_hash(const Article& article);

/// A document, and the near-duplicate signature of its story: the writer stores that in the
/// simhash slot together with the story's cluster, which only the database can tell.
struct BuiltDocument {
    Xapian::Document doc;
    std::optional<std::uint64_t> signature; ///< SimHash bits; none for a story too short
    std::vector<registry::Mention> names;   ///< what the article adds to the entity registry
    /// The distinct words of the article for the database's spelling table (did-you-mean):
    /// the title's and body's (spelling_word()) and those of its entities' canonical names,
    /// sorted. The writer counts them per batch, so the table holds in how many articles
    /// each word occurs.
    std::vector<std::string> spelling_words;
    /// The headline as a story key with the publication day (analysis::story_headline); none
    /// for a short headline or an undated article. The writer stores it with the cluster.
    std::optional<schema::HeadlineValue> headline;
};

/// Whether a normalised term belongs in the spelling table: three letters or more and
/// letters only (numbers, codes and split words such as "l'" suggest nothing useful).
bool spelling_word(std::string_view term);

/// Builds documents. Not thread-safe (holds an Analyzer); use one per thread.
class DocumentBuilder {
public:
    /// @param default_language used when an article gives none ("en", "none" …).
    /// @param extractor finds the entity facets; null = no entities (faster, for benchmarks).
    /// @param user_aliases the user's rules for the facet values written; may be null.
    explicit DocumentBuilder(std::string_view default_language = "en",
                             const analysis::EntityExtractor* extractor = nullptr,
                             const UserAliases* user_aliases = nullptr);

    /// The document for an article whose id is set. Its unique term is schema::id_term(id).
    /// @param content_hash content_hash(article), which the caller has computed already.
    BuiltDocument build(const Article& article, const std::string& content_hash);

    /// The document alone (no simhash slot: that needs a writer's cluster).
    Xapian::Document build(const Article& article);

private:
    void add_facets(Xapian::Document& doc, const analysis::ArticleEntities& entities);
    static std::vector<registry::Mention> registry_names(const analysis::ArticleEntities& e);
    void add_name_words(const analysis::ArticleEntities& entities, std::vector<std::string>& words);
    void index_text(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                    const Xapian::Stem& stemmer, Xapian::termpos& pos, Xapian::termcount wdf,
                    std::vector<std::string>* spelling_words = nullptr, bool names_apart = false);

    analysis::Analyzer m_analyzer;
    const analysis::EntityExtractor* m_extractor;
    const UserAliases* m_user_aliases;
    std::vector<analysis::Token> m_tokens;
};

} // namespace newsdex::index
