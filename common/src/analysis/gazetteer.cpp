#include "newsdex/analysis/gazetteer.h"

#include <algorithm>
#include <cerrno>
#include <deque>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <tuple>
#include <type_traits>
#include <utility>

#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <geonames/geonames.h>
#include <nlohmann/json.hpp>
#include <unicode/uvernum.h>

#include "newsdex/ascii.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/error.h"

namespace newsdex::analysis {
namespace {

const std::vector<const Place*> no_places;

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

bool is_ascii_alpha(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
}

std::size_t word_count(std::string_view key) {
    return static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
}

/// A common-word name counts only when written as a name: "Nice" or "NICE", not "nice";
/// very short keys need all capitals, since "Us" and "Of" start sentences.
bool capitalised_enough(std::string_view surface, std::size_t key_length) {
    // name_key() drops a leading "the", so "the Gulf" is judged by "Gulf".
    surface = trim(surface);
    if (surface.size() > 4 && (surface[0] == 't' || surface[0] == 'T') &&
        (surface[1] == 'h' || surface[1] == 'H') && (surface[2] == 'e' || surface[2] == 'E') &&
        is_space(surface[3])) {
        surface = trim(surface.substr(4));
    }
    bool first = true;
    for (char ch : surface) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80) {
            return true; // non-ASCII letter: no cheap case test, give it the benefit
        }
        const bool lower = c >= 'a' && c <= 'z';
        if (!lower && !(c >= 'A' && c <= 'Z')) {
            continue;
        }
        if (lower && (first || key_length <= 2)) {
            return false;
        }
        first = false;
    }
    return !first;
}

int kind_rank(PlaceKind kind) {
    switch (kind) {
    case PlaceKind::country: return 6;
    case PlaceKind::region: return 5;
    case PlaceKind::sea: return 4;
    case PlaceKind::district: return 3;
    case PlaceKind::city: return 2;
    case PlaceKind::subdivision: return 1;
    case PlaceKind::other: return 0;
    }
    return 0;
}

bool is_area(PlaceKind kind) {
    return kind == PlaceKind::country || kind == PlaceKind::region || kind == PlaceKind::sea;
}

std::optional<PlaceKind> parse_kind(std::string_view text) {
    for (PlaceKind k : {PlaceKind::country, PlaceKind::subdivision, PlaceKind::city,
                        PlaceKind::district, PlaceKind::region, PlaceKind::sea,
                        PlaceKind::other}) {
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
        " governorate", " province", " oblast", " oblast'", " region", " state", " city",
        " municipality", " prefecture", " county", " district", " department", " emirate",
        " capital", " voivodeship", " territory", " kraj", " krai", " republic"};
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

std::string_view to_string(PlaceKind kind) {
    switch (kind) {
    case PlaceKind::country: return "country";
    case PlaceKind::subdivision: return "subdivision";
    case PlaceKind::city: return "city";
    case PlaceKind::district: return "district";
    case PlaceKind::region: return "region";
    case PlaceKind::sea: return "sea";
    case PlaceKind::other: return "other";
    }
    return "other";
}

std::string name_key(std::string_view surface) {
    const std::string folded = fold(surface);
    std::string out;
    out.reserve(folded.size());
    bool pending_space = false;
    auto put = [&](char c) {
        if (pending_space && !out.empty()) {
            out += ' ';
        }
        pending_space = false;
        out += c;
    };
    for (std::size_t i = 0; i < folded.size(); ++i) {
        const auto c = static_cast<unsigned char>(folded[i]);
        const auto next = i + 1 < folded.size() ? static_cast<unsigned char>(folded[i + 1]) : 0;
        const auto third = i + 2 < folded.size() ? static_cast<unsigned char>(folded[i + 2]) : 0;
        if (is_space(static_cast<char>(c)) || c == '-' || c == '/' || c == '_') {
            pending_space = true;
        } else if (c == '.' || c == ',') {
            // "U.S." = "US", "St. Petersburg" = "St Petersburg".
        } else if (c == '`') {
            put('\'');
        } else if (c == 0xE2 && next == 0x80 && third >= 0x90 && third <= 0x95) {
            pending_space = true; // U+2010..U+2015 hyphens and dashes
            i += 2;
        } else if (c == 0xE2 && next == 0x80 && (third == 0x98 || third == 0x99)) {
            put('\''); // U+2018/U+2019 typographic apostrophes
            i += 2;
        } else if (c == 0xCA && (next == 0xBB || next == 0xBC)) {
            put('\''); // U+02BB/U+02BC modifier-letter apostrophes (transliterations)
            i += 1;
        } else {
            put(static_cast<char>(c));
        }
    }
    constexpr std::string_view the = "the ";
    if (out.size() > the.size() && out.compare(0, the.size(), the) == 0) {
        out.erase(0, the.size());
    }
    return out;
}

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
                const std::string code =
                    m_countries_mut.count(alpha2) == 0 ? alpha2 : alpha4;
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
                if (!key.empty() && (m_g.m_places_by_key.count(key) == 0 ||
                                     target->name == head)) {
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
                    in.fail("no place '" + canonical + "' in '" + country_code + "'" +
                            (extra.empty() ? "" : " of kind " + extra));
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
        for (auto& [canonical, alias] : selves) {
            auto& entries = m_g.m_aliases[name_key(canonical)];
            const bool known = std::any_of(entries.begin(), entries.end(), [&](const auto& e) {
                return !e.exact && e.alias.canonical == canonical;
            });
            if (!known) {
                entries.push_back({canonical, false, std::move(alias)});
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


// ---------------------------------------------------------------------------------------------
// Binary cache of the built tables.
//
// File: header (magic, format version, byte-order mark, key, payload length, payload checksum)
// then the payload: every table in a fixed order, strings as u32 length + bytes, places and
// countries referred to by index. Reading checks each length against the end of the buffer,
// so a truncated or corrupt file is rejected (and rebuilt), never trusted.

namespace {

/// Bump when the payload layout changes. Loader logic changes are covered by build_stamp.
constexpr std::uint32_t cache_format_version = 1;
constexpr char cache_magic[8] = {'N', 'D', 'X', 'G', 'A', 'Z', '\0', '\0'};
constexpr std::uint32_t cache_byte_order = 0x01020304;
constexpr std::size_t cache_header_size = 8 + 4 + 4 + 8 + 8 + 8;
/// A change to this file recompiles it and so changes the stamp: a cache written by another
/// build of the loader is never read, even if nobody bumped cache_format_version.
constexpr const char* build_stamp = __DATE__ " " __TIME__;

/// 64-bit hash, 8 bytes a step (a checksum and a cache key, not a security measure).
std::uint64_t hash_bytes(std::string_view data, std::uint64_t seed = 0x9E3779B97F4A7C15ULL) {
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

/// Thrown by ByteReader on a truncated or inconsistent cache; load() then rebuilds.
struct CacheCorrupt {};

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
    for (const auto v : {static_cast<std::uint64_t>(st.st_size),
                         static_cast<std::uint64_t>(st.st_mtim.tv_sec),
                         static_cast<std::uint64_t>(st.st_mtim.tv_nsec),
                         static_cast<std::uint64_t>(st.st_ino),
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

struct CacheFile {
    std::string dir;
    std::string path;
    std::uint64_t key = 0;
};

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
    material.reserve(64 * 1024);
    material += "newsdex-gazetteer\n";
    material += std::to_string(cache_format_version) + '\n' + build_stamp + '\n' +
                U_ICU_VERSION + '\n' + options.data_dir + '\n' + options.iso_codes_dir + '\n' +
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
    file.key = hash_bytes(material);
    char name[40];
    std::snprintf(name, sizeof name, "gazetteer-%016llx.bin",
                  static_cast<unsigned long long>(file.key));
    file.path = join_path(file.dir, name);
    return file;
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
    header.u64(hash_bytes(payload));
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

} // namespace

/// Packs a Draft into the cache payload, and unpacks a payload into a Gazetteer; a friend,
/// like the loader. Every load, cold or warm, goes through restore(), so both give the same
/// tables by construction.
class GazetteerSerializer {
public:
    static std::string save(const Gazetteer::Draft& g) {
        ByteWriter w;
        w.bytes().reserve(4 * 1024 * 1024);
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

    /// Throws CacheCorrupt on anything inconsistent.
    static Gazetteer restore(std::string_view payload) {
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

    /// The Gazetteer in a cache file, or nullopt if the file is absent, foreign or damaged.
    static std::optional<Gazetteer> read(const CacheFile& file) {
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
        if (version != cache_format_version || byte_order != cache_byte_order ||
            key != file.key || length != payload.size() || checksum != hash_bytes(payload)) {
            return std::nullopt;
        }
        try {
            return restore(payload);
        } catch (const CacheCorrupt&) {
            return std::nullopt;
        }
    }

private:
    template <typename Container>
    static std::vector<std::string_view> sorted_keys(const Container& c) {
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

    static void write_array(ByteWriter& w, const std::vector<std::uint32_t>& v) {
        w.u32(static_cast<std::uint32_t>(v.size()));
        w.bytes().append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof v[0]);
    }

    static std::vector<std::uint32_t> read_array(ByteReader& r) {
        const std::uint32_t n = r.count(4);
        std::vector<std::uint32_t> v(n);
        r.copy(v.data(), n * sizeof v[0]);
        return v;
    }

    static void write_table(ByteWriter& w, const detail::NameTable& t) {
        w.str(t.m_chars);
        write_array(w, t.m_ends);
        write_array(w, t.m_slots);
    }

    /// A table as written, checked enough that lookups stay in bounds.
    static detail::NameTable read_table(ByteReader& r) {
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
};

namespace {

/// The four project tables, checked first so that a wrong directory is reported by its path.
struct TablePaths {
    explicit TablePaths(const std::string& dir)
        : all{require_data_file(dir, "places.tsv"), require_data_file(dir, "aliases.tsv"),
              require_data_file(dir, "demonyms.tsv"),
              require_data_file(dir, "place-stopwords.txt")} {}
    std::string all[4];
};

} // namespace

Gazetteer Gazetteer::load(const GazetteerOptions& options) {
    const TablePaths tables(options.data_dir);
    const std::optional<CacheFile> file = cache_file(options, tables.all);
    if (file) {
        if (std::optional<Gazetteer> cached = GazetteerSerializer::read(*file)) {
            return std::move(*cached);
        }
    }
    const std::string payload =
        GazetteerSerializer::save(GazetteerLoader::build(options, tables.all));
    if (file) {
        write_cache_file(*file, payload);
    }
    return GazetteerSerializer::restore(payload);
}

std::string gazetteer_cache_path(const GazetteerOptions& options) {
    const TablePaths tables(options.data_dir);
    const std::optional<CacheFile> file = cache_file(options, tables.all);
    return file ? file->path : std::string();
}

Gazetteer Gazetteer::load(const std::string& data_dir) {
    GazetteerOptions options;
    options.data_dir = data_dir;
    return load(options);
}

const std::vector<const Place*>& Gazetteer::candidates(std::string_view key) const {
    const std::uint32_t i = m_place_keys.find(key);
    return i == detail::NameTable::npos ? no_places : m_candidates[i];
}

const Place* Gazetteer::resolve(std::string_view surface,
                                const std::vector<std::string>& context) const {
    const std::string key = name_key(surface);
    if (m_common_words.count(key) != 0 && !capitalised_enough(surface, key.size())) {
        return nullptr;
    }
    const auto& list = candidates(key);
    if (list.size() <= 1) {
        return list.empty() ? nullptr : list.front();
    }
    const bool has_area = std::any_of(list.begin(), list.end(),
                                      [](const Place* p) { return is_area(p->kind); });
    auto in_context = [&context](const std::string& code) {
        return !code.empty() && std::find(context.begin(), context.end(), code) != context.end();
    };
    auto score = [&](const Place* p) {
        int ctx = 0;
        if (!(has_area && p->kind == PlaceKind::city)) {
            ctx = in_context(p->subdivision_code) ? 2 : in_context(p->country_code) ? 1 : 0;
        }
        const int group = is_area(p->kind) || p->kind == PlaceKind::district ? 1 : 0;
        return std::make_tuple(ctx, group, kind_rank(p->kind), p->population);
    };
    const Place* best = nullptr;
    for (const Place* p : list) {
        if (best == nullptr) {
            best = p;
            continue;
        }
        const auto a = score(p);
        const auto b = score(best);
        // Ties go to the smaller country code, then name, so results never depend on order.
        if (a > b || (a == b && std::tie(p->country_code, p->name) <
                                    std::tie(best->country_code, best->name))) {
            best = p;
        }
    }
    return best;
}

const Place* Gazetteer::resolve_dateline(std::string_view dateline) const {
    dateline = trim(dateline);
    const auto head_end = dateline.find_first_of(",(/");
    const auto dash = dateline.find(" -");
    const std::string_view head =
        trim(dateline.substr(0, std::min(head_end, dash)));
    if (head.empty()) {
        return nullptr;
    }
    std::vector<std::string> context;
    if (head_end != std::string_view::npos && dateline[head_end] == ',') {
        std::string_view rest = dateline.substr(head_end + 1);
        rest = trim(rest.substr(0, rest.find_first_of(",(")));
        // By name only: "Va." is Virginia here, not the Vatican's code.
        for (const Place* p : candidates(name_key(rest))) {
            if (p->kind == PlaceKind::subdivision || p->kind == PlaceKind::country) {
                context.push_back(p->country_code);
                context.push_back(p->subdivision_code);
            }
        }
    }
    return resolve(head, context);
}

const Country* Gazetteer::country(std::string_view code_or_name) const {
    for (const Place* p : candidates(name_key(code_or_name))) {
        if (p->kind == PlaceKind::country) {
            return m_country_by_code.at(p->country_code);
        }
    }
    const std::string_view code = trim(code_or_name);
    if ((code.size() == 2 || code.size() == 3) && is_ascii_alpha(code)) {
        const auto it = m_country_by_code.find(upper_ascii(code));
        if (it != m_country_by_code.end()) {
            return it->second;
        }
    }
    return nullptr;
}

const Country* Gazetteer::country_for_demonym(std::string_view word) const {
    const auto it = m_country_by_demonym.find(name_key(word));
    return it == m_country_by_demonym.end() ? nullptr : it->second;
}

std::optional<ActorAlias> Gazetteer::actor_alias(std::string_view surface) const {
    const auto it = m_aliases.find(name_key(surface));
    if (it == m_aliases.end()) {
        return std::nullopt;
    }
    for (const AliasEntry& e : it->second) {
        if (!e.exact || e.surface == trim(surface)) {
            return e.alias;
        }
    }
    return std::nullopt;
}

bool Gazetteer::is_common_word(std::string_view key) const {
    return m_common_words.count(std::string(key)) != 0;
}

bool Gazetteer::is_prefix(std::string_view key) const {
    return m_prefixes.find(key) != detail::NameTable::npos;
}

namespace detail {

NameTable::NameTable(const std::vector<std::string_view>& keys) {
    std::size_t chars = 0;
    for (const std::string_view key : keys) {
        chars += key.size();
    }
    m_chars.reserve(chars);
    m_ends.reserve(keys.size());
    for (const std::string_view key : keys) {
        m_chars += key;
        m_ends.push_back(static_cast<std::uint32_t>(m_chars.size()));
    }
    std::size_t slots = 16;
    while (slots < keys.size() * 2) { // load factor at most 1/2: short probe runs
        slots *= 2;
    }
    m_slots.assign(slots, npos);
    const std::size_t mask = slots - 1;
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
        std::size_t slot = hash_bytes(keys[i]) & mask;
        while (m_slots[slot] != npos) {
            slot = (slot + 1) & mask;
        }
        m_slots[slot] = i;
    }
}

std::uint32_t NameTable::find(std::string_view key) const {
    if (m_slots.empty()) {
        return npos;
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t slot = hash_bytes(key) & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t i = m_slots[slot];
        if (i == npos || this->key(i) == key) {
            return i;
        }
    }
}

} // namespace detail

} // namespace newsdex::analysis
