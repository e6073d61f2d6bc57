#include "newsdex/search/facet_columns.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "newsdex/schema.h"

namespace newsdex::search {
namespace {

// Calls add(docid, value) for every value of every document in `slot`, in docid order;
// a packed slot's values one by one.
template <typename Add>
void read_slot(const Xapian::Database& db, Xapian::valueno slot, bool packed, Add&& add) {
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        const Xapian::docid did = it.get_docid();
        const std::string value = *it;
        if (!packed) {
            add(did, std::string_view(value));
            continue;
        }
        schema::packed_split(value, [&](std::string_view one) { add(did, one); });
    }
}

} // namespace

FacetColumn FacetColumn::load(const std::vector<Xapian::Database>& shards, std::string_view name) {
    const schema::Facet* facet = schema::find_facet(name);
    FacetColumn column;
    // Keys view the strings kept in `kept`, whose elements never move (a deque): a look-up
    // allocates nothing, and only a new value is copied once.
    std::deque<std::string> kept;
    std::unordered_map<std::string_view, std::uint32_t> id_of;
    id_of.reserve(1u << 16);
    for (const Xapian::Database& db : shards) {
        std::vector<std::pair<Xapian::docid, std::uint32_t>> pairs;
        pairs.reserve(std::size_t{db.get_doccount()} * 4);
        const auto add = [&](Xapian::docid did, std::string_view value) {
            if (value.empty()) {
                return;
            }
            auto found = id_of.find(value);
            if (found == id_of.end()) {
                const auto id = static_cast<std::uint32_t>(kept.size());
                found = id_of.emplace(kept.emplace_back(value), id).first;
            }
            pairs.emplace_back(did, found->second);
        };
        if (facet != nullptr && facet->packed_slot != 0) {
            read_slot(db, facet->packed_slot, true, add);
        } else if (facet != nullptr) {
            for (unsigned i = 0; i < facet->slot_count; ++i) {
                read_slot(db, facet->first_slot + i, false, add);
            }
        }
        // Counting sort by document (several slots each give their pairs in docid order).
        Part part;
        part.offsets.assign(db.get_lastdocid() + 2, 0);
        for (const auto& pair : pairs) {
            ++part.offsets[pair.first + 1];
        }
        for (std::size_t d = 1; d < part.offsets.size(); ++d) {
            part.offsets[d] += part.offsets[d - 1];
        }
        part.ids.resize(pairs.size());
        std::vector<std::uint32_t> next(part.offsets.begin(), part.offsets.end() - 1);
        for (const auto& [did, id] : pairs) {
            part.ids[next[did]++] = id;
        }
        column.parts.push_back(std::move(part));
    }
    id_of.clear();
    column.values.reserve(kept.size());
    for (std::string& value : kept) {
        column.values.push_back(std::move(value));
    }
    kept.clear();
    // Renumber the values, most frequent first: most of a search's counting then touches the
    // few cache lines that hold the common values' counts.
    std::vector<std::uint32_t> frequency(column.values.size(), 0);
    for (const Part& part : column.parts) {
        for (const std::uint32_t id : part.ids) {
            ++frequency[id];
        }
    }
    std::vector<std::uint32_t> by_frequency(column.values.size());
    for (std::uint32_t id = 0; id < by_frequency.size(); ++id) {
        by_frequency[id] = id;
    }
    std::stable_sort(by_frequency.begin(), by_frequency.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return frequency[a] > frequency[b]; });
    std::vector<std::uint32_t> new_id(column.values.size());
    std::vector<std::string> values(column.values.size());
    for (std::uint32_t rank = 0; rank < by_frequency.size(); ++rank) {
        new_id[by_frequency[rank]] = rank;
        values[rank] = std::move(column.values[by_frequency[rank]]);
    }
    column.values = std::move(values);
    for (Part& part : column.parts) {
        for (std::uint32_t& id : part.ids) {
            id = new_id[id];
        }
    }
    return column;
}

DayColumn DayColumn::load(const std::vector<Xapian::Database>& shards) {
    DayColumn column;
    const Xapian::valueno slot = schema::slot(schema::Slot::published_day);
    for (const Xapian::Database& db : shards) {
        std::vector<std::uint32_t>& days = column.days.emplace_back(db.get_lastdocid() + 1, 0);
        for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
            const std::string value = *it;
            std::uint32_t day = 0;
            bool digits = value.size() == 8;
            for (char c : value) {
                digits = digits && c >= '0' && c <= '9';
                day = day * 10 + static_cast<std::uint32_t>(c - '0');
            }
            days[it.get_docid()] = digits ? day : 0;
        }
    }
    return column;
}

ClusterColumn ClusterColumn::load(const std::vector<Xapian::Database>& shards) {
    // Nearly every article is a story of its own (99,970 clusters for the 106,495 articles of
    // the financial news), and only clusters of two or more need an id: sorting hashes finds
    // them several times faster than a hash map of every cluster id did (0.1 s there).
    struct Entry {
        std::size_t hash;
        std::size_t offset; ///< of the cluster id in `text`
        std::uint32_t length;
        std::uint32_t shard;
        Xapian::docid did;
    };
    ClusterColumn column;
    std::string text;
    std::vector<Entry> entries;
    const Xapian::valueno slot = schema::slot(schema::Slot::cluster);
    for (std::uint32_t s = 0; s < shards.size(); ++s) {
        const Xapian::Database& db = shards[s];
        column.clusters.emplace_back(db.get_lastdocid() + 1, 0);
        entries.reserve(entries.size() + db.get_doccount());
        for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
            const std::string value = *it;
            entries.push_back(Entry{std::hash<std::string>{}(value), text.size(),
                                    static_cast<std::uint32_t>(value.size()), s, it.get_docid()});
            text += value;
        }
    }
    const auto id_of = [&text](const Entry& e) {
        return std::string_view(text).substr(e.offset, e.length);
    };
    std::sort(entries.begin(), entries.end(), [&id_of](const Entry& a, const Entry& b) {
        return a.hash != b.hash ? a.hash < b.hash : id_of(a) < id_of(b);
    });
    for (std::size_t from = 0; from < entries.size();) {
        std::size_t to = from + 1;
        while (to < entries.size() && entries[to].hash == entries[from].hash &&
               id_of(entries[to]) == id_of(entries[from])) {
            ++to;
        }
        if (to - from > 1) {
            ++column.cluster_count;
            for (std::size_t i = from; i < to; ++i) {
                column.clusters[entries[i].shard][entries[i].did] = column.cluster_count;
            }
        }
        from = to;
    }
    return column;
}

FacetColumns::FacetColumns(const std::vector<std::string>& locations) {
    for (const std::string& location : locations) {
        m_shards.emplace_back(location);
    }
}

bool FacetColumns::same_revision_as(const std::vector<Xapian::Database>& shards) const {
    if (shards.size() != m_shards.size()) {
        return false;
    }
    for (std::size_t i = 0; i < shards.size(); ++i) {
        if (shards[i].get_revision() != m_shards[i].get_revision()) {
            return false;
        }
    }
    return true;
}

FacetColumn& FacetColumns::facet(const std::string& name) {
    auto found = m_facets.find(name);
    if (found == m_facets.end()) {
        found = m_facets.emplace(name, FacetColumn::load(m_shards, name)).first;
    }
    return found->second;
}

const DayColumn& FacetColumns::days() {
    if (!m_days) {
        m_days = std::make_unique<DayColumn>(DayColumn::load(m_shards));
    }
    return *m_days;
}

std::size_t FacetColumns::stories(const ShardDocids& matches) {
    if (!m_clusters) {
        m_clusters = std::make_unique<ClusterColumn>(ClusterColumn::load(m_shards));
    }
    std::vector<bool> shown(m_clusters->cluster_count + 1, false);
    std::size_t count = 0;
    for (std::size_t s = 0; s < matches.size() && s < m_clusters->clusters.size(); ++s) {
        const std::vector<std::uint32_t>& clusters = m_clusters->clusters[s];
        for (const Xapian::docid did : matches[s]) {
            const std::uint32_t cluster = did < clusters.size() ? clusters[did] : 0;
            if (cluster == 0) {
                ++count; // no cluster: never collapsed
            } else if (!shown[cluster]) {
                shown[cluster] = true;
                ++count;
            }
        }
    }
    return count;
}

} // namespace newsdex::search
