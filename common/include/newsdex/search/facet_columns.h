/// @file
/// @brief Every document's facet values held in memory, for counting facets in a session.
///
/// Counting a facet over the matches means reading each match's values. From the database that
/// is a B-tree look-up and a block read per match and facet (milliseconds for a few thousand
/// matches), while reading a whole value slot in docid order takes about as long as a few
/// hundred look-ups. So a session that counts facets more than once (a --queries run, a
/// server) reads each facet's slots once, in order, into columns of small value ids, and counts
/// by array look-ups from then on. Local databases only; valid for the revision read.
///
/// Columns are per shard, indexed by the shard's own docids: Xapian 1.4 shows a MatchSpy the
/// docid within the shard, not the combined one, so counting runs shard by shard.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex::search {

/// One facet's values by shard and document: document d of shard s holds
/// parts[s].ids[parts[s].offsets[d] .. parts[s].offsets[d + 1]), each an index into `values`
/// (one dictionary for all shards).
struct FacetColumn {
    struct Part {
        std::vector<std::uint32_t> offsets;
        std::vector<std::uint32_t> ids;
    };
    std::vector<Part> parts;
    std::vector<std::string> values;
    /// Counts by value id for one search at a time; all zero between searches.
    std::vector<std::uint32_t> scratch_counts;

    /// Reads the facet's packed slot, or else its value slots, of every document.
    static FacetColumn load(const std::vector<Xapian::Database>& shards, std::string_view facet);
};

/// The publication day of every document as YYYYMMDD (0: none), by shard.
struct DayColumn {
    std::vector<std::vector<std::uint32_t>> days;
    static DayColumn load(const std::vector<Xapian::Database>& shards);
};

/// The near-duplicate cluster of every document (Slot::cluster) as a small id, by shard; ids
/// are shared by all shards, as clusters span them. 0: no cluster, or a cluster of one (a story
/// either way).
struct ClusterColumn {
    std::vector<std::vector<std::uint32_t>> clusters;
    std::uint32_t cluster_count = 0;
    static ClusterColumn load(const std::vector<Xapian::Database>& shards);
};

/// The matching documents of one query, by shard (shard-local docids).
using ShardDocids = std::vector<std::vector<Xapian::docid>>;

/// The columns of one revision of a set of local shards, each read on first use. It opens the
/// shards itself, so that a search can count on these handles in one thread while it ranks
/// on its own in another (a Xapian handle is for one thread at a time).
class FacetColumns {
public:
    /// @param locations paths of the local shards, in the order of the searcher's handles
    explicit FacetColumns(const std::vector<std::string>& locations);

    /// Whether these handles read the same revisions as `shards` (the searcher's): an
    /// indexer may have committed between the two openings.
    bool same_revision_as(const std::vector<Xapian::Database>& shards) const;

    const std::vector<Xapian::Database>& shards() const { return m_shards; }
    FacetColumn& facet(const std::string& name);
    const DayColumn& days();

    /// How many hits `matches` make when each near-duplicate cluster shows once: the count
    /// Xapian's collapsing gives.
    std::size_t stories(const ShardDocids& matches);

private:
    std::vector<Xapian::Database> m_shards;
    std::map<std::string, FacetColumn> m_facets;
    std::unique_ptr<DayColumn> m_days;
    std::unique_ptr<ClusterColumn> m_clusters;
};

} // namespace newsdex::search
