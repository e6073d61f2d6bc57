/// @file
/// @brief The documents a query matches, read from its terms' posting lists alone.
///
/// Counting the matches exactly needs their docids, not their weights. Xapian's matcher weighs
/// and hands over each match one by one (a document object per match for a spy): for a
/// 10,000-match query several times the cost of walking the posting lists (docs/benchmarks.md,
/// issue 14). A query made only of terms joined by boolean operators is walked here directly;
/// any other (phrases, NEAR, value ranges, wildcards, …) is left to Xapian.
#pragma once
#include <optional>
#include <vector>

#include <xapian.h>

namespace newsdex::search {

/// The docids (ascending, of `db`: one shard's own) that `query` matches, when it is made of
/// terms, MatchAll and MatchNothing joined by AND, OR, AND_NOT, FILTER, AND_MAYBE (whose right
/// side only weighs), SYNONYM, MAX and SCALE_WEIGHT; otherwise nullopt. The set is the one
/// Xapian matches, whatever the weights.
std::optional<std::vector<Xapian::docid>> boolean_matches(const Xapian::Database& db,
                                                          const Xapian::Query& query);

} // namespace newsdex::search
