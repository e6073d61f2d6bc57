/// @file
/// @brief What a document stores, for display and to be analysed again: the codec the indexer
///        writes with and the searcher and --reanalyse read with (neither needs the other's
///        layer for it).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "newsdex/article.h"

namespace newsdex {

namespace analysis {
struct ArticleEntities;
}

/// What is stored in the document data (a JSON object): what the searcher shows, and since
/// schema version 3 enough to give back the article exactly as it was read (stored_input()),
/// which `newsdex-index --reanalyse` analyses again.
///
/// Keys: id, title, url, source, language and published (ISO 8601, its own UTC offset) as
/// read; author (as read, or the byline found in the body when the input named none); body
/// (without its boilerplate lines: it feeds snippets); facets {"actor": [...], "location":
/// [...], "country": [...]} (the first few of each, for display). Since version 3 also, each
/// only when not empty: "boilerplate", the pieces cut from the body, as "OFFSET:TEXT" with
/// OFFSET their byte offset in the body as read; "input_author", the author as read when
/// "author" holds a byline instead; "dateline" and "published_text" (a date that could not be
/// read) as read.
struct StoredArticle {
    std::string id, title, url, source, author, published, language, body;
    std::vector<std::string> actors, locations, countries;
    std::vector<std::string> boilerplate;
    std::optional<std::string> input_author;
    std::string dateline, published_text;
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

/// The article as the indexer read it, from its document data: exactly (same content hash)
/// for data written since schema version 3. Older data lacks the dateline, the boilerplate
/// lines and a date that could not be read, and its author is the byline when the input
/// named none. Labels and the input location are never stored. Nullopt when `data` holds no
/// article id.
std::optional<Article> stored_input(const std::string& data);

} // namespace newsdex
