/// @file
/// @brief Places (countries, subdivisions, cities, regions, seas) and actor aliases, keyed for
/// O(1) lookup of a name during entity resolution.
///
/// Sources, loaded once per process by Gazetteer::load():
/// - libgeonames (Debian): ~24,000 cities with state, country code and population;
/// - iso-codes JSON (Debian): ISO 3166-1 countries, 3166-2 subdivisions, 3166-3 former countries;
/// - tables kept in common/data: places.tsv (seas, regions, districts, alternative and former
///   names, canonical short country names), aliases.tsv (organisations), demonyms.tsv, and
///   place-stopwords.txt (place names that are also common words).
///
/// Every name is looked up by its key, name_key(): analysis::fold() (NFKC, case fold, no
/// diacritics) plus punctuation rules, so "Zürich", "Zurich" and "ZURICH" meet, and so do
/// "U.S." and "US", "Nur-Sultan" and "Nur Sultan". For multi-word names a caller tries word
/// windows longest first, up to max_name_words(), and may stop early when is_prefix() says no
/// longer name starts with the words so far.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsdex/data_paths.h"

namespace newsdex::analysis {

class GazetteerSerializer;

/// What kind of place a name denotes. Order matters nowhere; ranking is in Gazetteer::resolve().
enum class PlaceKind : std::uint8_t {
    country,     ///< a current or former country, or a territory with an ISO 3166-1 code
    subdivision, ///< an ISO 3166-2 subdivision: state, province, governorate, oblast …
    city,        ///< a geonames city (or a table city that geonames lacks)
    district,    ///< a named area inside one country: Eastern Ghouta, Afrin district, Donbas
    region,      ///< a region, often across borders: Middle East, Balkans, Kashmir, Gaza Strip
    sea,         ///< seas, gulfs, oceans, straits: Black Sea, Persian Gulf
    other,
};

/// "country", "subdivision", … (the spelling used in places.tsv).
std::string_view to_string(PlaceKind kind);

/// A country, region or sea: a name that covers an area. When one is among a name's readings,
/// the cities of that name get no credit from the article's context ("Lebanon" in a US story).
inline bool is_area(PlaceKind kind) {
    return kind == PlaceKind::country || kind == PlaceKind::region || kind == PlaceKind::sea;
}

/// One place. Addresses are stable for the Gazetteer's lifetime (and across its moves).
struct Place {
    std::string name;         ///< canonical display name: "Vienna", "Black Sea", "Russia"
    std::string country_code; ///< ISO 3166-1 alpha-2 ("AT"); empty for cross-border regions
    PlaceKind kind = PlaceKind::other;
    /// Inhabitants when known. For countries and subdivisions it is the sum of their
    /// gazetteer cities (a ranking weight, not a census figure); for table places the table's
    /// weight column; 0 when unknown.
    std::uint64_t population = 0;
    std::string admin;            ///< state/region name as the source spells it: "Virginia"
    std::string subdivision_code; ///< ISO 3166-2 code when known: "US-VA"
};

/// A country, current or former (former ones keep their ISO 3166-3 alpha-2 code, e.g. "SU").
struct Country {
    std::string code;             ///< ISO 3166-1 alpha-2, upper case: "RU"
    std::string alpha3;           ///< "RUS"; empty for table-only countries
    std::string name;             ///< common short name: "Russia", "United States", "South Korea"
    std::string official_name;    ///< "Russian Federation" or the ISO official name; may be empty
    bool former = false;          ///< no longer exists: Soviet Union, Yugoslavia, Czechoslovakia
    const Place* place = nullptr; ///< the country as a Place (kind country)
};

/// Whether an actor alias names a person or an organisation.
enum class ActorKind : std::uint8_t { person, organisation };

/// What an actor alias canonicalises to.
struct ActorAlias {
    std::string canonical; ///< "United Nations", "NATO", "Islamic State"
    ActorKind kind = ActorKind::organisation;
};

/// Whether Gazetteer::load() may read and write its binary cache.
enum class GazetteerCache : std::uint8_t {
    use,     ///< read a valid cache, else build from the sources and write one (the default)
    disable, ///< always build from the sources; read and write nothing
};

/// Where to find the sources. The defaults are the Debian locations and the project's tables.
struct GazetteerOptions {
    std::string data_dir = default_data_dir();               ///< places.tsv, aliases.tsv …
    std::string iso_codes_dir = "/usr/share/iso-codes/json"; ///< iso_3166-{1,2,3}.json
    bool use_geonames = true; ///< false: no cities except the table's (for small tests)
    /// Directory of the binary cache; empty: `$XDG_CACHE_HOME/newsdex`, else
    /// `$HOME/.cache/newsdex`. `NEWSDEX_NO_CACHE=1` in the environment overrides `cache`.
    std::string cache_dir;
    GazetteerCache cache = GazetteerCache::use;
};

/// The cache file load() would use for these options (`<cache dir>/gazetteer-<key>.bin`, the
/// key hashing the format, this build, the options and every source's identity), or an empty
/// string when caching is off or no cache directory can be named. Throws ResourceError, as
/// load() does, when a source file is missing.
std::string gazetteer_cache_path(const GazetteerOptions& options = {});

/// The key every table is indexed by: fold(), then typographic apostrophes → "'", hyphens and
/// slashes → space, full stops and commas dropped, runs of spaces collapsed, and a leading
/// "the " dropped. "The U.S." → "us", "Nur-Sultan" → "nur sultan", "Côte d’Ivoire" →
/// "cote d'ivoire". A caller joining word tokens with one space gets the same key.
std::string name_key(std::string_view surface);

namespace detail {

/// A read-only set of strings in three flat arrays (no allocation per key): key i is
/// found by open addressing and answered with i. Built once; copied as bytes to and from
/// Gazetteer's cache, which is why a warm load needs no hashing and no per-key allocation.
class NameTable {
public:
    static constexpr std::uint32_t npos = 0xFFFFFFFFU;
    /// Key i gets index i. Keys must be distinct.
    explicit NameTable(const std::vector<std::string_view>& keys = {});
    /// The index of `key`, or npos.
    std::uint32_t find(std::string_view key) const;
    std::size_t size() const { return m_ends.size(); }
    std::string_view key(std::uint32_t i) const {
        const std::uint32_t begin = i == 0 ? 0 : m_ends[i - 1];
        return std::string_view(m_chars).substr(begin, m_ends[i] - begin);
    }

private:
    friend class newsdex::analysis::GazetteerSerializer;
    std::string m_chars;                ///< every key, concatenated
    std::vector<std::uint32_t> m_ends;  ///< key i ends at m_ends[i]
    std::vector<std::uint32_t> m_slots; ///< power-of-two table of key indexes; npos: empty
};

} // namespace detail

/// Read-only after load(); every const member is safe to call from many threads.
class Gazetteer {
public:
    /// Loads all sources. Throws ResourceError naming the path of a missing file, or
    /// `file:line: message` for a malformed table row (an alias whose target does not exist,
    /// a demonym of an unknown country code …).
    ///
    /// Building from the sources takes ~150 ms (most of it inside libgeonames), so the built
    /// tables are kept in a binary cache (see GazetteerOptions::cache_dir): a warm load reads
    /// one file and takes a few milliseconds. The cache is keyed by the sources' identities
    /// (our tables by content; iso-codes JSON and the libgeonames library by path, size,
    /// mtime and inode), the options, a format version and this build of the loader, so a
    /// stale or foreign cache is never read. It is written to a temporary file and renamed,
    /// so concurrent first loads are safe; a truncated or corrupt cache (length and checksum
    /// are checked) is rebuilt; an unwritable cache directory just means no cache.
    static Gazetteer load(const GazetteerOptions& options = {});
    /// Same, with the project tables read from data_dir.
    static Gazetteer load(const std::string& data_dir);

    // Moves keep every Place and Country address: vector moves transfer their buffers.
    Gazetteer(Gazetteer&&) = default;
    Gazetteer& operator=(Gazetteer&&) = default;
    Gazetteer(const Gazetteer&) = delete;
    Gazetteer& operator=(const Gazetteer&) = delete;
    ~Gazetteer() = default;

    /// Every place a name key may denote, in no particular order; empty if unknown.
    /// @param key a name_key(), e.g. the caller's folded tokens joined by single spaces.
    const std::vector<const Place*>& candidates(std::string_view key) const;

    /// The best reading of a place name, or nullptr if it is unknown, or if it is a
    /// common-word name (is_common_word()) whose surface is not capitalised (first letter
    /// upper case; for keys of two letters or fewer, all letters: "US" yes, "us"/"Us" no).
    ///
    /// @param context codes already established for the article: country codes ("US") and/or
    ///   ISO 3166-2 codes ("US-VA"), e.g. from the dateline and unambiguous places.
    ///
    /// Ranking, first difference wins:
    /// 1. context: a candidate in a context subdivision beats one in a context country, which
    ///    beats the rest; but when a country, region or sea is among the candidates, cities
    ///    get no context credit ("Lebanon" in a US article is the country, not Lebanon, TN);
    /// 2. group: countries, regions, seas and districts before cities and subdivisions;
    /// 3. kind: country, region, sea, district, city, subdivision ("New York" is the city);
    /// 4. population ("Vienna" is Vienna, Austria unless the context says US).
    const Place* resolve(std::string_view surface,
                         const std::vector<std::string>& context = {}) const;

    /// The place a dateline names: "SAN FRANCISCO, March 13 -", "PORTLAND, Maine, March 3 -",
    /// "LONDON (Reuters) -". The segment after the first comma counts as context when it is a
    /// country or subdivision. nullptr when the leading segment is no known place.
    const Place* resolve_dateline(std::string_view dateline) const;

    /// A country by code ("SY", "sy", "SYR") or by any of its names ("Syria",
    /// "Syrian Arab Republic", "USA", "U.S.", "Burma"); nullptr if none.
    const Country* country(std::string_view code_or_name) const;

    /// The country a demonym or adjective points to: "Syrian", "Syrians", "French", "U.S."
    /// (adjectival) → that country; nullptr if the word is no known demonym.
    const Country* country_for_demonym(std::string_view word) const;

    /// The canonical actor for a fixed alias: "UN" → "United Nations", "Daesh" →
    /// "Islamic State", "North Atlantic Treaty Organization" → "NATO". Aliases marked
    /// case-sensitive in aliases.tsv ("UN", "Fed", "WHO") match only their exact spelling,
    /// so "fed" (the verb) and "who" do not; where the case tells nothing (`case_tells`
    /// false: a sentence in capitals) not when they are function words ("WHO", "IS").
    std::optional<ActorAlias> actor_alias(std::string_view surface, bool case_tells = true) const;

    /// True if the key is a place name that is also a common word or given name ("nice",
    /// "split", "reading", "of", "us", "troy"): require capitalisation and NER evidence.
    bool is_common_word(std::string_view key) const;

    /// True if some place, demonym or alias key is longer than `key` and starts with
    /// `key` + " " ("black" → true for "black sea"; "vienna" → false).
    bool is_prefix(std::string_view key) const;

    /// The most words in any place, demonym or alias key: the longest window worth trying.
    std::size_t max_name_words() const { return m_max_name_words; }

    /// Every place, for listing canonical names (e.g. did-you-mean on facet values).
    const std::vector<Place>& places() const { return m_places; }
    /// Every country, current then former.
    const std::vector<Country>& countries() const { return m_countries; }

private:
    struct AliasEntry {
        std::string surface; ///< the alias as written in the table
        bool exact = false;  ///< match only this exact surface spelling
        ActorAlias alias;
    };
    /// The tables as the loader builds them, before they are packed (gazetteer.cpp).
    struct Draft;

    Gazetteer() = default;
    friend class GazetteerLoader;
    friend class GazetteerSerializer;

    // Never resized after load, so Place and Country pointers stay valid.
    std::vector<Place> m_places;
    std::vector<Country> m_countries;
    detail::NameTable m_place_keys;                      ///< key → index in m_candidates
    std::vector<std::vector<const Place*>> m_candidates; ///< by m_place_keys index
    std::unordered_map<std::string, const Country*> m_country_by_code; ///< "RU", "RUS"
    std::unordered_map<std::string, const Country*> m_country_by_demonym;
    std::unordered_map<std::string, std::vector<AliasEntry>> m_aliases;
    std::unordered_set<std::string> m_common_words;
    detail::NameTable m_prefixes;
    std::size_t m_max_name_words = 1;
};

} // namespace newsdex::analysis
