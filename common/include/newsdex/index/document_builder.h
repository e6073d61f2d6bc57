/// @file
/// @brief Article → Xapian::Document, following the schema. Pure: no database involved.
#pragma once
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/analysis/analyzer.h"
#include "newsdex/article.h"

namespace newsdex::index {

/// What is stored in the document data (a JSON object) and read back by the searcher.
/// Keys: id, title, url, source, author, published (ISO 8601), language, body.
struct StoredArticle {
    std::string id, title, url, source, author, published, language, body;
};

/// Serialises / parses the document data.
std::string encode_stored(const Article& article);
StoredArticle decode_stored(const std::string& data);

/// A stable 16-hex-digit hash of everything that is indexed from an article.
std::string content_hash(const Article& article);

/// Builds documents. Not thread-safe (holds an Analyzer); use one per thread.
class DocumentBuilder {
public:
    /// @param default_language used when an article gives none ("en", "none" …).
    explicit DocumentBuilder(std::string_view default_language = "en");

    /// The document for an article whose id is set. Its unique term is schema::id_term(id).
    Xapian::Document build(const Article& article);

private:
    void index_text(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                    const Xapian::Stem& stemmer, Xapian::termpos& pos, Xapian::termcount wdf);

    analysis::Analyzer m_analyzer;
    std::vector<analysis::Token> m_tokens;
};

} // namespace newsdex::index
