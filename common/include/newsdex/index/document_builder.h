/// @file
/// @brief Article → Xapian::Document, following the schema. Pure: no database involved.
#pragma once
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/analysis/analyzer.h"
#include "newsdex/analysis/entities.h"
#include "newsdex/article.h"

namespace newsdex::index {

/// What is stored in the document data (a JSON object) and read back by the searcher.
/// Keys: id, title, url, source, author, published (ISO 8601), language, body (without its
/// boilerplate lines: it feeds snippets), and facets {"actor": [...], "location": [...],
/// "country": [...]} (the first few of each, for display).
struct StoredArticle {
    std::string id, title, url, source, author, published, language, body;
    std::vector<std::string> actors, locations, countries;
};

/// Serialises / parses the document data.
/// @param story the body without its boilerplate, when the caller has it already.
std::string encode_stored(const Article& article, const analysis::ArticleEntities* entities,
                          const std::string* story = nullptr);
StoredArticle decode_stored(const std::string& data);

/// A stable 16-hex-digit hash of everything that is indexed from an article.
std::string content_hash(const Article& article);

/// Builds documents. Not thread-safe (holds an Analyzer); use one per thread.
class DocumentBuilder {
public:
    /// @param default_language used when an article gives none ("en", "none" …).
    /// @param extractor finds the entity facets; null = no entities (faster, for benchmarks).
    explicit DocumentBuilder(std::string_view default_language = "en",
                             const analysis::EntityExtractor* extractor = nullptr);

    /// The document for an article whose id is set. Its unique term is schema::id_term(id).
    Xapian::Document build(const Article& article);

private:
    void add_facets(Xapian::Document& doc, const analysis::ArticleEntities& entities);
    void index_text(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                    const Xapian::Stem& stemmer, Xapian::termpos& pos, Xapian::termcount wdf);

    analysis::Analyzer m_analyzer;
    const analysis::EntityExtractor* m_extractor;
    std::vector<analysis::Token> m_tokens;
};

} // namespace newsdex::index
