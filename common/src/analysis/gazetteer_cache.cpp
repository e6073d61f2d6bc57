#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <iterator>
#include <type_traits>
#include <utility>

#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <geonames/geonames.h>
#include <unicode/uvernum.h>

#include "gazetteer_internal.h"
#include "newsdex/analysis/gazetteer.h"
#include "newsdex/error.h"

// The binary cache of the built gazetteer tables, and the serializer that packs them.
//
// File: header (magic, format version, byte-order mark, key, payload length, payload checksum)
// then the payload: every table in a fixed order, strings as u32 length + bytes, places and
// countries referred to by index. Reading checks each length against the end of the buffer,
// so a truncated or corrupt file is rejected (and rebuilt), never trusted.

namespace newsdex::analysis {

namespace {

/// Bump when the payload layout changes. Code changes are covered by the build stamps
/// (gazetteer_internal.h).
constexpr std::uint32_t cache_format_version = 1;
constexpr char cache_magic[8] = {'N', 'D', 'X', 'G', 'A', 'Z', '\0', '\0'};
constexpr std::uint32_t cache_byte_order = 0x01020304;
constexpr std::size_t cache_header_size = 8 + 4 + 4 + 8 + 8 + 8;

/// Thrown by ByteReader on a truncated or inconsistent cache; load() then rebuilds.
struct CacheCorrupt {};

} // namespace

namespace detail {
const char* const cache_build_stamp = __DATE__ " " __TIME__;

class ByteWriter {
public:
    void u8(std::uint8_t v) { m_out.push_back(static_cast<char>(v)); }
    void u32(std::uint32_t v) { raw(&v, sizeof v); }
    void u64(std::uint64_t v) { raw(&v, sizeof v); }
    void str(std::string_view v) {
        u32(static_cast<std::uint32_t>(v.size()));
        m_out.append(v.data(), v.size());
    }
    std::string& bytes() { return m_out; }

private:
    void raw(const void* p, std::size_t n) { m_out.append(static_cast<const char*>(p), n); }
    std::string m_out;
};

class ByteReader {
public:
    ByteReader(const char* begin, const char* end) : m_p(begin), m_end(end) {}
    std::uint8_t u8() {
        need(1);
        return static_cast<std::uint8_t>(*m_p++);
    }
    std::uint32_t u32() {
        std::uint32_t v;
        take(&v, sizeof v);
        return v;
    }
    std::uint64_t u64() {
        std::uint64_t v;
        take(&v, sizeof v);
        return v;
    }
    std::string_view str() {
        const std::uint32_t n = u32();
        need(n);
        const std::string_view v(m_p, n);
        m_p += n;
        return v;
    }
    /// An index below `limit`.
    std::uint32_t index(std::size_t limit) {
        const std::uint32_t i = u32();
        if (i >= limit) {
            throw CacheCorrupt{};
        }
        return i;
    }
    /// A count of items each at least `min_bytes` long, checked against what is left.
    std::uint32_t count(std::size_t min_bytes) {
        const std::uint32_t n = u32();
        if (static_cast<std::size_t>(m_end - m_p) / std::max<std::size_t>(min_bytes, 1) < n) {
            throw CacheCorrupt{};
        }
        return n;
    }
    void copy(void* out, std::size_t n) { take(out, n); }
    bool at_end() const { return m_p == m_end; }

private:
    void need(std::size_t n) const {
        if (static_cast<std::size_t>(m_end - m_p) < n) {
            throw CacheCorrupt{};
        }
    }
    void take(void* out, std::size_t n) {
        need(n);
        std::memcpy(out, m_p, n);
        m_p += n;
    }
    const char* m_p;
    const char* m_end;
};

} // namespace detail

namespace {

using detail::ByteReader;
using detail::ByteWriter;
using detail::CacheFile;

std::string join_path(const std::string& dir, std::string_view name) {
    std::string path = dir;
    if (!path.empty() && path.back() != '/') {
        path += '/';
    }
    path += name;
    return path;
}

/// `$XDG_CACHE_HOME/newsdex`, else `$HOME/.cache/newsdex`; empty if neither can be named.
std::string default_cache_dir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
        return join_path(xdg, "newsdex");
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
        return join_path(home, ".cache/newsdex");
    }
    return {};
}

bool cache_disabled_by_env() {
    const char* env = std::getenv("NEWSDEX_NO_CACHE");
    return env != nullptr && env[0] != '\0' && std::string_view(env) != "0";
}

/// Appends what identifies a file without reading it: path, size, mtime (ns), inode.
/// Throws ResourceError naming the path when it cannot be stat'ed.
void add_file_identity(std::string& material, const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        throw ResourceError("cannot open data file '" + path + "'");
    }
    material += path;
    material += '\0';
    for (const auto v :
         {static_cast<std::uint64_t>(st.st_size), static_cast<std::uint64_t>(st.st_mtim.tv_sec),
          static_cast<std::uint64_t>(st.st_mtim.tv_nsec), static_cast<std::uint64_t>(st.st_ino),
          static_cast<std::uint64_t>(st.st_dev)}) {
        material.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
}

/// Appends a small file's path and whole content: our tables change in place during
/// development, faster than mtimes are sure to tell.
void add_file_content(std::string& material, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ResourceError("cannot open data file '" + path + "'");
    }
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    material += path;
    material += '\0';
    const std::uint64_t size = content.size();
    material.append(reinterpret_cast<const char*>(&size), sizeof size);
    material += content;
}

/// The libgeonames library file (its cities are compiled into it), found from one of its
/// symbols without initialising it: asking it for its city count costs ~15 ms.
std::string geonames_library_path() {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&geonames_get_n_cities), &info) != 0 &&
        info.dli_fname != nullptr && info.dli_fname[0] == '/') {
        return info.dli_fname;
    }
    return {};
}

/// A cache file mapped read-only. Writers never modify a cache file in place (they rename a
/// new one over it), so the mapping stays what was checked.
class MappedFile {
public:
    /// The file, or nullopt if it cannot be opened or is not a regular file of ours (a cache
    /// directory shared with others is no way in).
    static std::optional<MappedFile> open(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return std::nullopt;
        }
        std::optional<MappedFile> out;
        struct stat st {};
        if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
            st.st_size > 0) {
            const auto size = static_cast<std::size_t>(st.st_size);
            void* addr = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
            if (addr != MAP_FAILED) {
                out.emplace(MappedFile(addr, size));
            }
        }
        ::close(fd);
        return out;
    }
    MappedFile(MappedFile&& other) noexcept
        : m_addr(std::exchange(other.m_addr, nullptr)), m_size(std::exchange(other.m_size, 0)) {}
    MappedFile& operator=(MappedFile&&) = delete;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile() {
        if (m_addr != nullptr) {
            ::munmap(m_addr, m_size);
        }
    }
    std::string_view bytes() const { return {static_cast<const char*>(m_addr), m_size}; }

private:
    MappedFile(void* addr, std::size_t size) : m_addr(addr), m_size(size) {}
    void* m_addr;
    std::size_t m_size;
};

bool make_dirs(const std::string& dir) {
    for (std::size_t slash = dir.find('/', 1);; slash = dir.find('/', slash + 1)) {
        const std::string part = dir.substr(0, slash);
        if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) {
            return false;
        }
        if (slash == std::string::npos) {
            break;
        }
    }
    struct stat st {};
    return ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

/// Removes what other builds and crashed writers left: temporary files older than an hour,
/// and all but the newest few other caches (each rebuild of the loader makes a new key).
void prune_cache_dir(const std::string& dir, const std::string& keep) {
    constexpr std::size_t kept_others = 3;
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
        return;
    }
    std::vector<std::pair<std::int64_t, std::string>> caches;
    const auto now = static_cast<std::int64_t>(::time(nullptr));
    while (const dirent* e = ::readdir(d)) {
        const std::string_view name = e->d_name;
        if (name.compare(0, 10, "gazetteer-") != 0) {
            continue;
        }
        const std::string path = join_path(dir, name);
        struct stat st {};
        if (path == keep || ::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
            continue;
        }
        const bool temporary = name.find(".tmp") != std::string_view::npos;
        if (temporary) {
            if (now - static_cast<std::int64_t>(st.st_mtime) > 3600) {
                ::unlink(path.c_str());
            }
        } else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".bin") == 0) {
            caches.emplace_back(static_cast<std::int64_t>(st.st_mtime), path);
        }
    }
    ::closedir(d);
    if (caches.size() > kept_others) {
        std::sort(caches.begin(), caches.end(), std::greater<>());
        for (std::size_t i = kept_others; i < caches.size(); ++i) {
            ::unlink(caches[i].second.c_str());
        }
    }
}

template <typename Container>
std::vector<std::string_view> sorted_keys(const Container& c) {
    std::vector<std::string_view> keys;
    keys.reserve(c.size());
    for (const auto& entry : c) {
        if constexpr (std::is_same_v<typename Container::value_type, std::string>) {
            keys.emplace_back(entry);
        } else {
            keys.emplace_back(entry.first);
        }
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

void write_array(ByteWriter& w, const std::vector<std::uint32_t>& v) {
    w.u32(static_cast<std::uint32_t>(v.size()));
    w.bytes().append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof v[0]);
}

std::vector<std::uint32_t> read_array(ByteReader& r) {
    const std::uint32_t n = r.count(4);
    std::vector<std::uint32_t> v(n);
    r.copy(v.data(), n * sizeof v[0]);
    return v;
}

} // namespace

namespace detail {

/// Where the cache for these options lives and its key, or nullopt when caching is off.
std::optional<CacheFile> cache_file(const GazetteerOptions& options,
                                    const std::string (&tables)[4]) {
    if (options.cache == GazetteerCache::disable || cache_disabled_by_env()) {
        return std::nullopt;
    }
    CacheFile file;
    file.dir = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
    if (file.dir.empty()) {
        return std::nullopt;
    }
    std::string material;
    material.reserve(std::size_t{64} * 1024);
    material += "newsdex-gazetteer\n";
    material += std::to_string(cache_format_version) + '\n' + loader_build_stamp + '\n' +
                lookup_build_stamp + '\n' + cache_build_stamp + '\n' + U_ICU_VERSION + '\n' +
                options.data_dir + '\n' + options.iso_codes_dir + '\n' +
                (options.use_geonames ? "geonames\n" : "no-geonames\n");
    for (const std::string& table : tables) {
        add_file_content(material, table);
    }
    for (const char* json : {"iso_3166-1.json", "iso_3166-2.json", "iso_3166-3.json"}) {
        add_file_identity(material, join_path(options.iso_codes_dir, json));
    }
    if (options.use_geonames) {
        const std::string library = geonames_library_path();
        if (library.empty()) {
            // Linked statically or unknown: its data has no identity to check cheaply.
            material += "geonames-cities:" + std::to_string(geonames_get_n_cities());
        } else {
            add_file_identity(material, library);
        }
    }
    file.key = gazetteer_hash(material);
    char name[40];
    std::snprintf(name, sizeof name, "gazetteer-%016llx.bin",
                  static_cast<unsigned long long>(file.key));
    file.path = join_path(file.dir, name);
    return file;
}

/// Writes the file atomically: a private temporary file in the same directory, renamed over
/// the final name, so a reader sees a whole old file, a whole new one, or none. Failure
/// (read-only or full disk) leaves no cache and is not an error.
void write_cache_file(const CacheFile& file, const std::string& payload) {
    if (!make_dirs(file.dir)) {
        return;
    }
    ByteWriter header;
    header.bytes().append(cache_magic, sizeof cache_magic);
    header.u32(cache_format_version);
    header.u32(cache_byte_order);
    header.u64(file.key);
    header.u64(payload.size());
    header.u64(gazetteer_hash(payload));
    std::string temp = file.path + ".tmpXXXXXX";
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        return;
    }
    bool ok = true;
    const std::string* const parts[] = {&header.bytes(), &payload};
    for (const std::string* part : parts) {
        std::size_t done = 0;
        while (ok && done < part->size()) {
            const ssize_t n = ::write(fd, part->data() + done, part->size() - done);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            ok = n > 0;
            done += ok ? static_cast<std::size_t>(n) : 0;
        }
    }
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temp.c_str(), file.path.c_str()) != 0) {
        ::unlink(temp.c_str());
        return;
    }
    prune_cache_dir(file.dir, file.path);
}

} // namespace detail

void GazetteerSerializer::write_table(ByteWriter& w, const detail::NameTable& t) {
    w.str(t.m_chars);
    write_array(w, t.m_ends);
    write_array(w, t.m_slots);
}

/// A table as written, checked enough that lookups stay in bounds.
detail::NameTable GazetteerSerializer::read_table(ByteReader& r) {
    detail::NameTable t;
    t.m_chars = r.str();
    t.m_ends = read_array(r);
    t.m_slots = read_array(r);
    std::uint32_t previous = 0;
    for (const std::uint32_t end : t.m_ends) {
        if (end < previous || end > t.m_chars.size()) {
            throw CacheCorrupt{};
        }
        previous = end;
    }
    const std::size_t slots = t.m_slots.size();
    if (slots == 0 || (slots & (slots - 1)) != 0 || slots <= t.m_ends.size()) {
        throw CacheCorrupt{};
    }
    bool has_empty = false; // else a lookup of an absent key would never end
    for (const std::uint32_t slot : t.m_slots) {
        if (slot == detail::NameTable::npos) {
            has_empty = true;
        } else if (slot >= t.m_ends.size()) {
            throw CacheCorrupt{};
        }
    }
    if (!has_empty) {
        throw CacheCorrupt{};
    }
    return t;
}

std::string GazetteerSerializer::save(const Gazetteer::Draft& g) {
    ByteWriter w;
    w.bytes().reserve(std::size_t{4} * 1024 * 1024);
    std::unordered_map<const Place*, std::uint32_t> place_index;
    place_index.reserve(g.m_places.size());
    w.u32(static_cast<std::uint32_t>(g.m_places.size()));
    for (const Place& p : g.m_places) {
        place_index.emplace(&p, static_cast<std::uint32_t>(place_index.size()));
        w.str(p.name);
        w.str(p.country_code);
        w.u8(static_cast<std::uint8_t>(p.kind));
        w.u64(p.population);
        w.str(p.admin);
        w.str(p.subdivision_code);
    }
    std::unordered_map<const Country*, std::uint32_t> country_index;
    w.u32(static_cast<std::uint32_t>(g.m_countries.size()));
    for (const Country& c : g.m_countries) {
        country_index.emplace(&c, static_cast<std::uint32_t>(country_index.size()));
        w.str(c.code);
        w.str(c.alpha3);
        w.str(c.name);
        w.str(c.official_name);
        w.u8(c.former ? 1 : 0);
        w.u32(c.place == nullptr ? detail::NameTable::npos : place_index.at(c.place));
    }
    // Sorted keys make the file a function of the tables alone.
    const auto place_keys = sorted_keys(g.m_places_by_key);
    write_table(w, detail::NameTable(place_keys));
    for (const std::string_view key : place_keys) {
        const auto& list = g.m_places_by_key.find(std::string(key))->second;
        w.u32(static_cast<std::uint32_t>(list.size()));
        for (const Place* p : list) {
            w.u32(place_index.at(p));
        }
    }
    for (const auto* map : {&g.m_country_by_code, &g.m_country_by_demonym}) {
        w.u32(static_cast<std::uint32_t>(map->size()));
        for (const std::string_view key : sorted_keys(*map)) {
            w.str(key);
            w.u32(country_index.at(map->find(std::string(key))->second));
        }
    }
    w.u32(static_cast<std::uint32_t>(g.m_aliases.size()));
    for (const std::string_view key : sorted_keys(g.m_aliases)) {
        const auto& entries = g.m_aliases.find(std::string(key))->second;
        w.str(key);
        w.u32(static_cast<std::uint32_t>(entries.size()));
        for (const Gazetteer::AliasEntry& e : entries) {
            w.str(e.surface);
            w.u8(e.exact ? 1 : 0);
            w.str(e.alias.canonical);
            w.u8(static_cast<std::uint8_t>(e.alias.kind));
        }
    }
    const auto common_words = sorted_keys(g.m_common_words);
    w.u32(static_cast<std::uint32_t>(common_words.size()));
    for (const std::string_view word : common_words) {
        w.str(word);
    }
    write_table(w, detail::NameTable(sorted_keys(g.m_prefixes)));
    w.u64(g.m_max_name_words);
    return std::move(w.bytes());
}

Gazetteer GazetteerSerializer::restore(std::string_view payload) {
    ByteReader r(payload.data(), payload.data() + payload.size());
    Gazetteer g;
    const std::uint32_t n_places = r.count(4 * 4 + 1 + 8);
    g.m_places.reserve(n_places);
    for (std::uint32_t i = 0; i < n_places; ++i) {
        Place& p = g.m_places.emplace_back();
        p.name = r.str();
        p.country_code = r.str();
        const std::uint8_t kind = r.u8();
        if (kind > static_cast<std::uint8_t>(PlaceKind::other)) {
            throw CacheCorrupt{};
        }
        p.kind = static_cast<PlaceKind>(kind);
        p.population = r.u64();
        p.admin = r.str();
        p.subdivision_code = r.str();
    }
    const std::uint32_t n_countries = r.count(4 * 4 + 1 + 4);
    g.m_countries.reserve(n_countries);
    for (std::uint32_t i = 0; i < n_countries; ++i) {
        Country& c = g.m_countries.emplace_back();
        c.code = r.str();
        c.alpha3 = r.str();
        c.name = r.str();
        c.official_name = r.str();
        c.former = r.u8() != 0;
        const std::uint32_t place = r.u32();
        if (place != detail::NameTable::npos) {
            if (place >= n_places) {
                throw CacheCorrupt{};
            }
            c.place = &g.m_places[place];
        }
    }
    g.m_place_keys = read_table(r);
    g.m_candidates.resize(g.m_place_keys.size());
    for (auto& list : g.m_candidates) {
        const std::uint32_t n = r.count(4);
        list.reserve(n);
        for (std::uint32_t j = 0; j < n; ++j) {
            list.push_back(&g.m_places[r.index(n_places)]);
        }
    }
    for (auto* map : {&g.m_country_by_code, &g.m_country_by_demonym}) {
        const std::uint32_t n = r.count(4 + 4);
        map->reserve(n);
        for (std::uint32_t i = 0; i < n; ++i) {
            const std::string_view key = r.str();
            map->emplace(std::string(key), &g.m_countries[r.index(n_countries)]);
        }
    }
    const std::uint32_t n_aliases = r.count(4 + 4);
    g.m_aliases.reserve(n_aliases);
    for (std::uint32_t i = 0; i < n_aliases; ++i) {
        const std::string_view key = r.str();
        const std::uint32_t n = r.count(4 + 1 + 4 + 1);
        std::vector<Gazetteer::AliasEntry> entries(n);
        for (Gazetteer::AliasEntry& e : entries) {
            e.surface = r.str();
            e.exact = r.u8() != 0;
            e.alias.canonical = r.str();
            const std::uint8_t kind = r.u8();
            if (kind > static_cast<std::uint8_t>(ActorKind::organisation)) {
                throw CacheCorrupt{};
            }
            e.alias.kind = static_cast<ActorKind>(kind);
        }
        g.m_aliases.emplace(std::string(key), std::move(entries));
    }
    const std::uint32_t n_common = r.count(4);
    g.m_common_words.reserve(n_common);
    for (std::uint32_t i = 0; i < n_common; ++i) {
        g.m_common_words.emplace(r.str());
    }
    g.m_prefixes = read_table(r);
    g.m_max_name_words = static_cast<std::size_t>(r.u64());
    if (!r.at_end() || g.m_max_name_words == 0) {
        throw CacheCorrupt{};
    }
    return g;
}

std::optional<Gazetteer> GazetteerSerializer::read(const CacheFile& file) {
    const std::optional<MappedFile> data = MappedFile::open(file.path);
    if (!data) {
        return std::nullopt;
    }
    const std::string_view bytes = data->bytes();
    if (bytes.size() < cache_header_size ||
        std::memcmp(bytes.data(), cache_magic, sizeof cache_magic) != 0) {
        return std::nullopt;
    }
    ByteReader header(bytes.data() + sizeof cache_magic, bytes.data() + cache_header_size);
    const std::uint32_t version = header.u32();
    const std::uint32_t byte_order = header.u32();
    const std::uint64_t key = header.u64();
    const std::uint64_t length = header.u64();
    const std::uint64_t checksum = header.u64();
    const std::string_view payload = bytes.substr(cache_header_size);
    if (version != cache_format_version || byte_order != cache_byte_order || key != file.key ||
        length != payload.size() || checksum != detail::gazetteer_hash(payload)) {
        return std::nullopt;
    }
    try {
        return restore(payload);
    } catch (const CacheCorrupt&) {
        return std::nullopt;
    }
}

std::string gazetteer_cache_path(const GazetteerOptions& options) {
    const detail::TablePaths tables(options.data_dir);
    const std::optional<CacheFile> file = detail::cache_file(options, tables.all);
    return file ? file->path : std::string();
}

} // namespace newsdex::analysis
