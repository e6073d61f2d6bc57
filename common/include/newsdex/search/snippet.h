/// @file
/// @brief Picking and marking the passage of an article that best shows why it matched.
#pragma once
#include <string>
#include <string_view>
#include <unordered_set>

#include <xapian.h>

#include "newsdex/analysis/analyzer.h"
#include "newsdex/search/result.h"

namespace newsdex::search {

/// The words a query looks for, as exact terms and as stems (both without field prefixes).
struct QueryTerms {
    std::unordered_set<std::string> exact;
    std::unordered_set<std::string> stems;
    bool empty() const { return exact.empty() && stems.empty(); }
};

/// Collects the unprefixed free-text terms of a query (wildcards already expanded by Xapian
/// are not visible here, so their words are matched through the database's term list).
QueryTerms query_terms(const Xapian::Query& query);

/// The best window of about max_bytes of text: most distinct query words, then earliest.
/// Uses the same Analyzer as indexing, so "Zurich" highlights "Zürich". Text without matches
/// gives its start.
Snippet make_snippet(std::string_view text, const QueryTerms& terms, analysis::Analyzer& analyzer,
                     std::size_t max_bytes = 240);

} // namespace newsdex::search
