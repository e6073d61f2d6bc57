/// @file
/// @brief Search results as plain data: what the formatters see (never a Xapian::MSet).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace newsdex::search {

/// A passage of the article with the matched words marked.
struct Snippet {
    std::string text; ///< plain text, one line; "…" where it was cut
    std::vector<std::pair<std::size_t, std::size_t>> highlights; ///< [start, end) byte ranges
};

struct Hit {
    std::size_t rank = 0; ///< 1-based, counting from the first result of the whole list
    std::string id;
    double score = 0; ///< BM25 weight (0 when sorted by date only)
    std::string title;
    std::string date; ///< ISO 8601 as stored, or empty
    std::string url;
    std::string source;
    std::string author;
    Snippet snippet;
    std::size_t similar = 0;            ///< near-duplicates folded into this hit (at least)
    std::vector<std::string> actors;    ///< the article's main actors (first few)
    std::vector<std::string> locations; ///< its main places, "Vienna, AT"
};

struct FacetValueCount {
    std::string value;
    std::uint64_t count = 0;
};

struct FacetCounts {
    std::string name;                    ///< "actor", "location", "date" …
    std::vector<FacetValueCount> values; ///< most frequent first
};

struct SearchResult {
    std::string query;  ///< as the user gave it
    std::string parsed; ///< Xapian's description of the query (for --explain)
    /// The number of matches: stories when copies are collapsed, else articles. Exact unless
    /// `total_exact` is false (more matches than Searcher counts exactly, or an estimate was
    /// asked for): then Xapian's estimate, between total_lower and total_upper.
    std::size_t total = 0;
    std::size_t total_lower = 0;
    std::size_t total_upper = 0;
    bool total_exact = false;
    /// Matching articles before copies of a story are folded, when known exactly (else 0).
    /// `total` counts stories when results are collapsed.
    std::size_t total_articles = 0;
    std::size_t offset = 0;
    std::size_t limit = 0;
    double elapsed_ms = 0;
    std::vector<Hit> hits;
    std::vector<std::string> interpretation; ///< filters read from the query ("location: …")
    std::string free_text;                   ///< the words left after interpretation
    std::vector<std::string> warnings;       ///< unknown facet values, partial shards …
    bool partial = false;                    ///< some shards were left out (--allow-partial)
    std::string spelling_suggestion;         ///< "did you mean": the query corrected, or empty
    /// The query as typed when it matched nothing and this is the answer to its spelling
    /// suggestion instead (--auto-correct); else empty.
    std::string corrected_from;
    std::vector<FacetCounts> facets;        ///< exact, over all matches
    std::string histogram_granularity;      ///< "day", "month", "year" or empty
    std::vector<FacetValueCount> histogram; ///< matches per period, in date order
};

/// One whole article as stored (--show): what a reader wants to see of it.
struct FullArticle {
    std::string id;
    std::string title;
    std::string date; ///< ISO 8601 as stored, or empty
    std::string url;
    std::string source;
    std::string author;
    std::string language;
    std::string body; ///< the full text, paragraphs separated by blank lines as given
    /// Facet values in the order of schema::facets (actor, person, org, location, country),
    /// then "mentions" (the dates the text mentions: days, and months or years named alone).
    std::vector<std::pair<std::string, std::vector<std::string>>> facets;
};

} // namespace newsdex::search
