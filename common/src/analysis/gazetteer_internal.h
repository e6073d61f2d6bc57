/// @file
/// @brief What the three parts of the gazetteer share, and nobody else sees: the draft tables
/// the loader builds, the serializer that packs them into a Gazetteer (through the binary
/// cache or not), and the cache file's name and key.
///
/// gazetteer.cpp         lookup: name_key(), resolve() and the read-only tables;
/// gazetteer_loader.cpp  GazetteerLoader (iso-codes, geonames, our tables) and Gazetteer::load();
/// gazetteer_cache.cpp   the cache file (format, key, mmap, prune, atomic write) and
///                       GazetteerSerializer.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsdex/analysis/gazetteer.h"
#include "newsdex/data_paths.h"

namespace newsdex::analysis {

/// The tables as built from the sources: node-based, so that the loader can keep pointers
/// while it adds places. GazetteerSerializer packs them into a Gazetteer.
struct Gazetteer::Draft {
    std::deque<Place> m_places;
    std::deque<Country> m_countries;
    std::unordered_map<std::string, std::vector<const Place*>> m_places_by_key;
    std::unordered_map<std::string, const Country*> m_country_by_code;
    std::unordered_map<std::string, const Country*> m_country_by_demonym;
    std::unordered_map<std::string, std::vector<AliasEntry>> m_aliases;
    std::unordered_set<std::string> m_common_words;
    std::unordered_set<std::string> m_prefixes;
    std::size_t m_max_name_words = 1;
};

namespace detail {

class ByteWriter;
class ByteReader;

/// 64-bit hash, 8 bytes a step (a checksum, a cache key and NameTable's slot hash, not a
/// security measure). Inline: NameTable::find() calls it on every lookup.
inline std::uint64_t gazetteer_hash(std::string_view data,
                                    std::uint64_t seed = 0x9E3779B97F4A7C15ULL) {
    constexpr std::uint64_t k1 = 0x87C37B91114253D5ULL;
    constexpr std::uint64_t k2 = 0x4CF5AD432745937FULL;
    std::uint64_t h = seed ^ (data.size() * k2);
    auto mix = [&](std::uint64_t w) {
        w *= k1;
        w = (w << 31) | (w >> 33);
        w *= k2;
        h ^= w;
        h = ((h << 27) | (h >> 37)) * 5 + 0x52DCE729;
    };
    std::size_t i = 0;
    for (; i + 8 <= data.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, data.data() + i, 8);
        mix(w);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, data.data() + i, data.size() - i);
    mix(tail ^ (static_cast<std::uint64_t>(data.size() - i) << 56));
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    return h;
}

/// When each part was compiled (`__DATE__ " " __TIME__`). The cache key includes all three:
/// a change to any part recompiles it and so changes its stamp, and a cache written by
/// another build of the loader, the name tables or the serializer is never read, even if
/// nobody bumped the format version.
extern const char* const loader_build_stamp;
extern const char* const lookup_build_stamp;
extern const char* const cache_build_stamp;

/// The four project tables, checked first so that a wrong directory is reported by its path.
struct TablePaths {
    explicit TablePaths(const std::string& dir)
        : all{require_data_file(dir, "places.tsv"), require_data_file(dir, "aliases.tsv"),
              require_data_file(dir, "demonyms.tsv"),
              require_data_file(dir, "place-stopwords.txt")} {}
    std::string all[4];
};

struct CacheFile {
    std::string dir;
    std::string path;
    std::uint64_t key = 0;
};

/// Where the cache for these options lives and its key, or nullopt when caching is off.
/// Throws ResourceError naming the path of a source that cannot be read.
std::optional<CacheFile> cache_file(const GazetteerOptions& options,
                                    const std::string (&tables)[4]);

/// Writes the cache atomically; failure (read-only or full disk) leaves no cache and is not
/// an error.
void write_cache_file(const CacheFile& file, const std::string& payload);

} // namespace detail

/// Packs a Draft into the cache payload, and unpacks a payload into a Gazetteer; a friend,
/// like the loader. Every load, cold or warm, goes through restore(), so both give the same
/// tables by construction.
class GazetteerSerializer {
public:
    static std::string save(const Gazetteer::Draft& g);
    /// Throws CacheCorrupt (private to the cache) on anything inconsistent; a payload that
    /// save() just made is consistent.
    static Gazetteer restore(std::string_view payload);
    /// The Gazetteer in a cache file, or nullopt if the file is absent, foreign or damaged.
    static std::optional<Gazetteer> read(const detail::CacheFile& file);

private:
    static void write_table(detail::ByteWriter& w, const detail::NameTable& t);
    static detail::NameTable read_table(detail::ByteReader& r);
};

} // namespace newsdex::analysis
