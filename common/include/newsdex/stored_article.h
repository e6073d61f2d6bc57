/// @file
/// @brief What a document stores for display: the codec the indexer writes with and the
///        searcher reads with (neither needs the other's layer for it).
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "newsdex/article.h"

namespace newsdex {

namespace analysis {
struct ArticleEntities;
}

/// What is stored in the document data (a JSON object) and read back by the searcher.
/// Keys: id, title, url, source, author, published (ISO 8601), language, body (without its
/// boilerplate lines: it feeds snippets), and facets {"actor": [...], "location": [...],
/// "country": [...]} (the first few of each, for display).
struct StoredArticle {
    std::string id, title, url, source, author, published, language, body;
    std::vector<std::string> actors, locations, countries;
};

/// The body without its boilerplate lines ("More news: …", bylines; byte ranges into `body`):
/// snippets come from it, and the near-duplicate signature.
std::string story_text(const std::string& body,
                       const std::vector<std::pair<std::size_t, std::size_t>>& boilerplate);

/// Serialises / parses the document data.
/// @param entities null when entities were not extracted (no facets, the whole body).
/// @param story the body without its boilerplate, when the caller has it already.
std::string encode_stored(const Article& article, const analysis::ArticleEntities* entities,
                          const std::string* story = nullptr);
StoredArticle decode_stored(const std::string& data);

} // namespace newsdex
