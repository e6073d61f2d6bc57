#include <algorithm>
#include <deque>
#include <fstream>
#include <utility>

#include <geonames/geonames.h>
#include <nlohmann/json.hpp>

#include "gazetteer_internal.h"
#include "newsdex/analysis/gazetteer.h"
#include "newsdex/ascii.h"
#include "newsdex/error.h"

// Building the gazetteer from its sources (iso-codes JSON, libgeonames, our TSV tables), and
// Gazetteer::load(), which prefers the binary cache (gazetteer_cache.cpp) when it is valid.

namespace newsdex::analysis {

namespace detail {
const char* const loader_build_stamp = __DATE__ " " __TIME__;
} // namespace detail

namespace {

/// "Falkland Islands (Malvinas)" → "Falkland Islands"; "Wales [Cymru GB-CYM]" → "Wales".
std::string strip_brackets(std::string_view text) {
    std::string out;
    int depth = 0;
    for (char c : text) {
        if (c == '(' || c == '[') {
            ++depth;
        } else if ((c == ')' || c == ']') && depth > 0) {
            --depth;
        } else if (depth == 0) {
            out += c;
        }
    }
    return std::string(trim(out));
}

/// ISO writes "Korea, Republic of": the part before the comma, and the name read in order.
std::pair<std::string, std::string> split_inverted(const std::string& name) {
    const auto comma = name.find(", ");
    if (comma == std::string::npos) {
        return {name, std::string()};
    }
    std::string head = name.substr(0, comma);
    std::string tail = name.substr(comma + 2);
    return {head, tail + " " + head};
}

std::size_t word_count(std::string_view key) {
    return static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
}

std::optional<PlaceKind> parse_kind(std::string_view text) {
    for (PlaceKind k : {PlaceKind::country, PlaceKind::subdivision, PlaceKind::city,
                        PlaceKind::district, PlaceKind::region, PlaceKind::sea, PlaceKind::other}) {
        if (to_string(k) == text) {
            return k;
        }
    }
    return std::nullopt;
}

/// Suffixes geonames adds to state names that ISO 3166-2 leaves off, or the reverse, so
/// that "Idlib Governorate" and "Idlib" meet when giving a city its subdivision code.
std::string admin_match_key(std::string key) {
    static const char* const prefixes[] = {"canton of ", "state of ", "province of "};
    for (const char* p : prefixes) {
        const std::string_view prefix(p);
        if (key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0) {
            key.erase(0, prefix.size());
        }
    }
    static const char* const suffixes[] = {
        " governorate", " province",   " oblast",       " oblast'",    " region",
        " state",       " city",       " municipality", " prefecture", " county",
        " district",    " department", " emirate",      " capital",    " voivodeship",
        " territory",   " kraj",       " krai",         " republic"};
    for (const char* s : suffixes) {
        const std::string_view suffix(s);
        if (key.size() > suffix.size() &&
            key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
            key.erase(key.size() - suffix.size());
            break;
        }
    }
    return key;
}

/// One tab-separated table: comment lines (#) and blank lines skipped; `where()` names the
/// current line for messages.
class TsvReader {
public:
    explicit TsvReader(std::string path) : m_path(std::move(path)), m_in(m_path) {
        if (!m_in) {
            throw ResourceError("cannot open data file '" + m_path + "'");
        }
    }

    bool next(std::vector<std::string>& fields) {
        std::string line;
        while (std::getline(m_in, line)) {
            ++m_line;
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            if (trim(line).empty() || trim(line).front() == '#') {
                continue;
            }
            fields.clear();
            std::size_t start = 0;
            while (true) {
                const auto tab = line.find('\t', start);
                fields.emplace_back(trim(std::string_view(line).substr(
                    start, tab == std::string::npos ? std::string::npos : tab - start)));
                if (tab == std::string::npos) {
                    break;
                }
                start = tab + 1;
            }
            return true;
        }
        return false;
    }

    [[noreturn]] void fail(const std::string& message) const {
        throw ResourceError(m_path + ":" + std::to_string(m_line) + ": " + message);
    }

private:
    std::string m_path;
    std::ifstream m_in;
    std::uint64_t m_line = 0;
};

/// A table cell that may be "-" or empty for "none".
std::string_view cell(const std::vector<std::string>& fields, std::size_t i) {
    if (i >= fields.size() || fields[i] == "-") {
        return {};
    }
    return fields[i];
}

nlohmann::json read_json(const std::string& dir, std::string_view file, const char* member) {
    const std::string path = require_data_file(dir, file);
    std::ifstream in(path);
    try {
        nlohmann::json doc = nlohmann::json::parse(in);
        return std::move(doc.at(member));
    } catch (const nlohmann::json::exception& e) {
        throw ResourceError("'" + path + "': " + e.what());
    }
}

std::string json_string(const nlohmann::json& object, const char* member) {
    const auto it = object.find(member);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

/// Builds the tables from their sources; a friend so that the public class stays read-only.
class GazetteerLoader {
public:
    using Draft = Gazetteer::Draft;
    explicit GazetteerLoader(Draft& g) : m_g(g) {}

    /// Everything from the sources; tables: places.tsv, aliases.tsv, demonyms.tsv and
    /// place-stopwords.txt, in that order.
    static Draft build(const GazetteerOptions& options, const std::string (&tables)[4]) {
        Draft g;
        GazetteerLoader loader(g);
        loader.load_iso_countries(options.iso_codes_dir);
        // Subdivisions before former countries: "Sikkim" is now an Indian state, not India.
        loader.load_iso_subdivisions(options.iso_codes_dir);
        loader.load_iso_former_countries(options.iso_codes_dir);
        if (options.use_geonames) {
            loader.load_geonames();
        }
        loader.load_places_table(tables[0]);
        loader.load_aliases(tables[1]);
        loader.load_demonyms(tables[2]);
        loader.load_common_words(tables[3]);
        loader.finish();
        return g;
    }

    void load_iso_countries(const std::string& dir) {
        const nlohmann::json list = read_json(dir, "iso_3166-1.json", "3166-1");
        std::vector<std::pair<std::string, Place*>> heads; // "Korea" from "Korea, Republic of"
        for (const auto& entry : list) {
            const std::string code = json_string(entry, "alpha_2");
            const std::string iso_name = strip_brackets(json_string(entry, "name"));
            std::string name = json_string(entry, "common_name");
            if (name.empty()) {
                name = iso_name;
            }
            Country& country = new_country(code, name);
            country.alpha3 = json_string(entry, "alpha_3");
            country.official_name = json_string(entry, "official_name");
            if (country.official_name.empty()) {
                country.official_name = iso_name; // "Russian Federation" stays findable
            }
            Place* place = m_places_mut.at(code);
            add_key(iso_name, place);
            add_key(country.official_name, place);
            const auto [head, in_order] = split_inverted(iso_name);
            if (!in_order.empty()) {
                add_key(in_order, place);
                heads.emplace_back(head, place);
            }
            m_g.m_country_by_code[country.alpha3] = &country;
        }
        // Only an unshared head is a name: "Korea" and "Congo" each belong to two countries.
        std::unordered_map<std::string, int> uses;
        for (const auto& [head, place] : heads) {
            ++uses[name_key(head)];
        }
        for (const auto& [head, place] : heads) {
            const std::string key = name_key(head);
            if (uses[key] == 1 && m_g.m_places_by_key.count(key) == 0) {
                add_key(head, place);
            }
        }
    }

    void load_iso_former_countries(const std::string& dir) {
        const nlohmann::json list = read_json(dir, "iso_3166-3.json", "3166-3");
        for (const auto& entry : list) {
            const std::string alpha2 = json_string(entry, "alpha_2");
            const std::string alpha4 = json_string(entry, "alpha_4");
            const std::string full = strip_brackets(json_string(entry, "name"));
            const auto [head, in_order] = split_inverted(full);
            // ISO 3166-3: the last two letters of alpha-4 name the successor; "AA" means the
            // code lives on; "HH"/"XX" mean no single successor.
            std::string successor = alpha4.size() == 4 ? alpha4.substr(2) : std::string();
            if (successor == "AA") {
                successor = alpha2;
            }
            Place* target = nullptr;
            if (const auto it = m_places_mut.find(successor);
                it != m_places_mut.end() && !m_countries_mut.at(successor)->former) {
                target = it->second;
            } else {
                const std::string code = m_countries_mut.count(alpha2) == 0 ? alpha2 : alpha4;
                Country& country = new_country(code, head);
                country.alpha3 = json_string(entry, "alpha_3");
                country.official_name = in_order.empty() ? full : in_order;
                country.former = true;
                target = m_places_mut.at(code);
                m_g.m_country_by_code[alpha4] = &country;
            }
            // A former name that is now something else ("Sikkim", an Indian state) stays that.
            for (const std::string& name : {full, head, in_order}) {
                const std::string key = name_key(name);
                if (!key.empty() && (m_g.m_places_by_key.count(key) == 0 || target->name == head)) {
                    add_key(name, target);
                }
            }
        }
    }

    void load_iso_subdivisions(const std::string& dir) {
        const nlohmann::json list = read_json(dir, "iso_3166-2.json", "3166-2");
        for (const auto& entry : list) {
            const std::string code = json_string(entry, "code");
            std::string name = strip_brackets(json_string(entry, "name"));
            name = split_inverted(name).first; // "Adygeja, Respublika" → "Adygeja"
            const std::string key = name_key(name);
            if (code.size() < 4 || key.empty()) {
                continue;
            }
            const std::string country_code = code.substr(0, 2);
            m_subdivision_by_admin[country_code].emplace(admin_match_key(key), code);
            // "Puerto Rico" (US-PR) is better read as the territory with its own ISO code;
            // "Georgia" (US-GA) is not that territory, so it stays.
            if (names_country(key, code.substr(3))) {
                continue;
            }
            Place place;
            place.name = name;
            place.country_code = country_code;
            place.kind = PlaceKind::subdivision;
            place.subdivision_code = code;
            Place& stored = new_place(std::move(place));
            m_subdivision_places[code] = &stored;
            add_key(name, &stored);
        }
    }

    void load_geonames() {
        const gint n = geonames_get_n_cities();
        for (gint i = 0; i < n; ++i) {
            GeonamesCity* city = geonames_get_city(i);
            if (city == nullptr) {
                continue;
            }
            Place place;
            place.name = geonames_city_get_name(city);
            place.country_code = geonames_city_get_country_code(city);
            place.kind = PlaceKind::city;
            place.population = geonames_city_get_population(city);
            if (const gchar* state = geonames_city_get_state(city); state != nullptr) {
                place.admin = state;
            }
            geonames_city_free(city);
            place.subdivision_code = subdivision_for_admin(place.country_code, place.admin);
            Place& stored = new_place(std::move(place));
            add_key(stored.name, &stored);
        }
    }

    void load_places_table(const std::string& path) {
        TsvReader in(path);
        std::vector<std::string> f;
        while (in.next(f)) {
            if (f.size() < 4) {
                in.fail("expected name, kind, canonical, country[, weight[, extra]]");
            }
            const std::string& name = f[0];
            const std::string& kind = f[1];
            const std::string canonical(cell(f, 2));
            const std::string country_code = upper_ascii(cell(f, 3));
            std::uint64_t weight = 0;
            if (!cell(f, 4).empty()) {
                try {
                    weight = std::stoull(f[4]);
                } catch (const std::exception&) {
                    in.fail("weight '" + f[4] + "' is not a number");
                }
            }
            const std::string extra(cell(f, 5));
            if (kind == "country") {
                define_country(country_code, name, in);
                if (weight != 0) {
                    // A country with few gazetteer cities, whose summed weight would lose
                    // to a town of the same name elsewhere (Palau, Mexico).
                    m_places_mut.at(country_code)->population = weight;
                }
            } else if (kind == "alias" || kind == "rename") {
                Place* target = find_target(canonical, country_code, extra);
                if (target == nullptr) {
                    std::string message = "no place '" + canonical + "' in '" + country_code + "'";
                    if (!extra.empty()) {
                        message += " of kind " + extra;
                    }
                    in.fail(message);
                }
                if (kind == "rename") {
                    target->name = name;
                    if (target->kind == PlaceKind::country) {
                        m_countries_mut.at(target->country_code)->name = name;
                    }
                }
                add_key(name, target);
            } else if (const auto parsed = parse_kind(kind)) {
                if (!canonical.empty() && canonical != name) {
                    in.fail("a new place's canonical must be '-' or its name; use alias rows");
                }
                if (!country_code.empty() && m_countries_mut.count(country_code) == 0) {
                    in.fail("unknown country code '" + country_code + "'");
                }
                Place place;
                place.name = name;
                place.country_code = country_code;
                place.kind = *parsed;
                place.population = weight;
                place.admin = extra;
                place.subdivision_code = subdivision_for_admin(country_code, extra);
                Place& stored = new_place(std::move(place));
                add_key(name, &stored);
            } else {
                in.fail("unknown kind '" + kind + "'");
            }
        }
    }

    void load_aliases(const std::string& path) {
        TsvReader in(path);
        std::vector<std::string> f;
        while (in.next(f)) {
            if (f.size() < 3) {
                in.fail("expected alias, canonical, type[, exact]");
            }
            Gazetteer::AliasEntry entry;
            entry.surface = f[0];
            entry.alias.canonical = f[1];
            if (f[2] == "ORG") {
                entry.alias.kind = ActorKind::organisation;
            } else if (f[2] == "PER") {
                entry.alias.kind = ActorKind::person;
            } else {
                in.fail("type '" + f[2] + "' is neither PER nor ORG");
            }
            if (!cell(f, 3).empty() && f[3] != "exact") {
                in.fail("flag '" + f[3] + "' is not 'exact'");
            }
            entry.exact = cell(f, 3) == "exact";
            const std::string key = name_key(entry.surface);
            if (key.empty()) {
                in.fail("empty alias");
            }
            m_g.m_aliases[key].push_back(std::move(entry));
        }
        // The canonical name is an alias of itself, so "Islamic State" canonicalises too.
        std::vector<std::pair<std::string, ActorAlias>> selves;
        for (const auto& [key, entries] : m_g.m_aliases) {
            for (const auto& e : entries) {
                selves.emplace_back(e.alias.canonical, e.alias);
            }
        }
        for (auto& self : selves) {
            // A named reference, not a structured binding: C++17 lambdas cannot capture those.
            const std::string& canonical = self.first;
            auto& entries = m_g.m_aliases[name_key(canonical)];
            const bool known = std::any_of(entries.begin(), entries.end(), [&](const auto& e) {
                return !e.exact && e.alias.canonical == canonical;
            });
            if (!known) {
                entries.push_back({canonical, false, std::move(self.second)});
            }
        }
    }

    void load_demonyms(const std::string& path) {
        TsvReader in(path);
        std::vector<std::string> f;
        while (in.next(f)) {
            if (f.size() < 2) {
                in.fail("expected demonym, country code");
            }
            const auto it = m_g.m_country_by_code.find(upper_ascii(f[1]));
            if (it == m_g.m_country_by_code.end()) {
                in.fail("unknown country code '" + f[1] + "'");
            }
            const auto [slot, inserted] =
                m_g.m_country_by_demonym.emplace(name_key(f[0]), it->second);
            if (!inserted && slot->second != it->second) {
                in.fail("demonym '" + f[0] + "' already means " + slot->second->code);
            }
        }
    }

    void load_common_words(const std::string& path) {
        std::ifstream in(path);
        if (!in) {
            throw ResourceError("cannot open data file '" + path + "'");
        }
        std::string line;
        while (std::getline(in, line)) {
            const std::string_view word = trim(line);
            if (!word.empty() && word.front() != '#') {
                m_g.m_common_words.insert(name_key(word));
            }
        }
    }

    /// Population weights for countries and subdivisions, and the window-length indexes.
    void finish() {
        std::unordered_map<std::string, std::uint64_t> by_country;
        std::unordered_map<std::string, std::uint64_t> by_subdivision;
        for (const Place& p : m_g.m_places) {
            if (p.kind == PlaceKind::city) {
                by_country[p.country_code] += p.population;
                if (!p.subdivision_code.empty()) {
                    by_subdivision[p.subdivision_code] += p.population;
                }
            }
        }
        for (Place& p : m_g.m_places) {
            if (p.population != 0) {
                continue;
            }
            if (p.kind == PlaceKind::country) {
                p.population = by_country[p.country_code];
            } else if (p.kind == PlaceKind::subdivision) {
                p.population = by_subdivision[p.subdivision_code];
            }
        }
        auto index = [this](const std::string& key) {
            m_g.m_max_name_words = std::max(m_g.m_max_name_words, word_count(key));
            for (auto space = key.find(' '); space != std::string::npos;
                 space = key.find(' ', space + 1)) {
                m_g.m_prefixes.insert(key.substr(0, space));
            }
        };
        for (const auto& entry : m_g.m_places_by_key) {
            index(entry.first);
        }
        for (const auto& entry : m_g.m_country_by_demonym) {
            index(entry.first);
        }
        for (const auto& entry : m_g.m_aliases) {
            index(entry.first);
        }
    }

private:
    Place& new_place(Place place) {
        m_g.m_places.push_back(std::move(place));
        return m_g.m_places.back();
    }

    Country& new_country(const std::string& code, const std::string& name) {
        Place place;
        place.name = name;
        place.country_code = code;
        place.kind = PlaceKind::country;
        Place& stored = new_place(std::move(place));
        m_g.m_countries.push_back(Country{code, "", name, "", false, &stored});
        Country& country = m_g.m_countries.back();
        m_countries_mut[code] = &country;
        m_places_mut[code] = &stored;
        m_g.m_country_by_code[code] = &country;
        add_key(name, &stored);
        return country;
    }

    void define_country(const std::string& code, const std::string& name, const TsvReader& in) {
        if (code.size() != 2 && code.size() != 4) {
            in.fail("country code '" + code + "' is not ISO alpha-2");
        }
        if (const auto it = m_countries_mut.find(code); it != m_countries_mut.end()) {
            it->second->name = name;
            m_places_mut.at(code)->name = name;
            add_key(name, m_places_mut.at(code));
        } else {
            new_country(code, name);
        }
    }

    void add_key(std::string_view name, const Place* place) {
        std::string key = name_key(name);
        if (key.empty()) {
            return;
        }
        auto& list = m_g.m_places_by_key[std::move(key)];
        if (std::find(list.begin(), list.end(), place) == list.end()) {
            list.push_back(place);
        }
    }

    /// True if `key` names the country whose code is `code`.
    bool names_country(const std::string& key, const std::string& code) const {
        const auto it = m_g.m_places_by_key.find(key);
        return it != m_g.m_places_by_key.end() &&
               std::any_of(it->second.begin(), it->second.end(), [&code](const Place* p) {
                   return p->kind == PlaceKind::country && p->country_code == code;
               });
    }

    std::string subdivision_for_admin(const std::string& country_code, const std::string& admin) {
        if (admin.empty()) {
            return {};
        }
        const auto by_country = m_subdivision_by_admin.find(country_code);
        if (by_country == m_subdivision_by_admin.end()) {
            return {};
        }
        const auto it = by_country->second.find(admin_match_key(name_key(admin)));
        return it == by_country->second.end() ? std::string() : it->second;
    }

    /// The place an alias row points at: by name and country, optionally of one kind;
    /// a country beats other kinds, then the larger population.
    Place* find_target(const std::string& canonical, const std::string& country_code,
                       const std::string& kind) {
        const auto it = m_g.m_places_by_key.find(name_key(canonical));
        if (it == m_g.m_places_by_key.end()) {
            return nullptr;
        }
        const auto wanted = parse_kind(kind);
        const Place* best = nullptr;
        for (const Place* p : it->second) {
            if (p->country_code != country_code || (wanted && p->kind != *wanted)) {
                continue;
            }
            if (best == nullptr ||
                std::make_pair(p->kind == PlaceKind::country, p->population) >
                    std::make_pair(best->kind == PlaceKind::country, best->population)) {
                best = p;
            }
        }
        return const_cast<Place*>(best); // every Place is owned, mutably, by m_g
    }

    Draft& m_g;
    std::unordered_map<std::string, Country*> m_countries_mut;
    std::unordered_map<std::string, Place*> m_places_mut; ///< country places by code
    std::unordered_map<std::string, Place*> m_subdivision_places;
    /// country code → admin_match_key(subdivision name) → ISO 3166-2 code
    std::unordered_map<std::string, std::unordered_map<std::string, std::string>>
        m_subdivision_by_admin;
};

Gazetteer Gazetteer::load(const GazetteerOptions& options) {
    const detail::TablePaths tables(options.data_dir);
    const std::optional<detail::CacheFile> file = detail::cache_file(options, tables.all);
    if (file) {
        if (std::optional<Gazetteer> cached = GazetteerSerializer::read(*file)) {
            return std::move(*cached);
        }
    }
    const std::string payload =
        GazetteerSerializer::save(GazetteerLoader::build(options, tables.all));
    if (file) {
        detail::write_cache_file(*file, payload);
    }
    return GazetteerSerializer::restore(payload);
}

Gazetteer Gazetteer::load(const std::string& data_dir) {
    GazetteerOptions options;
    options.data_dir = data_dir;
    return load(options);
}

} // namespace newsdex::analysis
