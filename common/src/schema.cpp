#include "newsdex/schema.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/ascii.h"
#include "newsdex/hash.h"

namespace newsdex::schema {

const SearchableVersion* find_searchable_older_version(int v) {
    for (const SearchableVersion& s : searchable_older_versions) {
        if (s.version == v) {
            return &s;
        }
    }
    return nullptr;
}

std::optional<int> parse_version(std::string_view stored) {
    if (stored.empty() || stored.size() > 6 || !all_digits(stored)) {
        return std::nullopt;
    }
    return std::stoi(std::string(stored));
}

std::string version_mismatch_message(const std::string& db, std::string_view stored) {
    const std::optional<int> v = parse_version(stored);
    if (v && *v > version) {
        return "database '" + db + "' was written by schema version " + std::string(stored) +
               ", newer than this newsdex reads (" + std::to_string(version) +
               "): use the newsdex that wrote it, or a newer one";
    }
    if (v && *v >= oldest_reanalysable_version) {
        return "database '" + db + "' was written by schema version " + std::string(stored) +
               "; run `newsdex-index --db " + db + " --reanalyse` (no dumps needed)";
    }
    return "database '" + db + "' has schema version '" + std::string(stored) +
           "', which this newsdex cannot read (re-index with newsdex-index --overwrite)";
}

std::vector<std::string> analysis_lines(std::string_view stored) {
    std::vector<std::string> lines;
    while (!stored.empty()) {
        const auto end = stored.find('\n');
        const std::string_view line = stored.substr(0, end);
        if (!line.empty()) {
            lines.emplace_back(line);
        }
        stored = end == std::string_view::npos ? std::string_view() : stored.substr(end + 1);
    }
    return lines;
}

std::string with_analysis_line(std::string_view stored, std::string_view line) {
    std::vector<std::string> lines = analysis_lines(stored);
    lines.erase(std::remove(lines.begin(), lines.end(), line), lines.end());
    lines.emplace_back(line);
    const std::size_t drop =
        lines.size() > max_analysis_lines ? lines.size() - max_analysis_lines : 0;
    std::string out;
    for (std::size_t i = drop; i < lines.size(); ++i) {
        out += lines[i];
        out += '\n';
    }
    return out;
}

const Field* find_field(std::string_view name) {
    for (const Field& f : fields) {
        if (f.name == name) {
            return &f;
        }
    }
    return nullptr;
}

const Field& field(std::string_view name) {
    const Field* f = find_field(name);
    if (f == nullptr) {
        throw std::logic_error("schema has no field '" + std::string(name) + "'");
    }
    return *f;
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    if (prefix.size() > 1 && !value.empty() && value.front() >= 'A' && value.front() <= 'Z') {
        term += ':';
    }
    term += value;
    return term;
}

std::string id_term(std::string_view article_id) {
    // Xapian terms are at most 245 bytes; long ids (URLs with query strings) are hashed, with
    // a marker that cannot collide with a short id.
    constexpr std::size_t max_id_bytes = 200;
    if (article_id.size() <= max_id_bytes) {
        return boolean_term("Q", article_id);
    }
    return "Q#long:" + std::string(article_id.substr(0, 64)) + ":" +
           hex16(fnv1a64(article_id, fnv1a64_stored_basis));
}

std::string cluster_term(std::string_view cluster) {
    // id_term() already keeps long ids within Xapian's term length; reuse its key.
    return std::string(cluster_prefix) + id_term(cluster).substr(1);
}

const Facet* find_facet(std::string_view name) {
    for (const Facet& f : facets) {
        if (f.name == name) {
            return &f;
        }
    }
    return nullptr;
}

std::string location_display(std::string_view name, std::string_view country_code) {
    std::string out(name);
    if (!country_code.empty()) {
        out += ", ";
        for (char c : country_code) {
            out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        }
    }
    return out;
}

std::pair<std::string, std::string> split_location_display(std::string_view display) {
    const auto comma = display.rfind(", ");
    if (comma != std::string_view::npos && display.size() - comma == 4) {
        return {std::string(display.substr(0, comma)), std::string(display.substr(comma + 2))};
    }
    return {std::string(display), std::string()};
}

LocationKey split_location_key(std::string_view key) {
    const auto tilde = key.rfind('~');
    if (tilde == std::string_view::npos) {
        return {key, std::string_view()};
    }
    return {key.substr(0, tilde), key.substr(tilde + 1)};
}

std::string packed_join(const std::vector<std::string>& values) {
    std::string packed;
    for (const std::string& value : values) {
        if (!packed.empty()) {
            packed += packed_separator;
        }
        packed += value;
    }
    return packed;
}

std::string signature_value(std::uint64_t signature, std::string_view cluster) {
    std::string value = hex16(signature);
    value += ':';
    value += cluster;
    return value;
}

std::string headline_value(const HeadlineValue& headline) {
    return signature_value(headline.key, std::to_string(headline.day));
}

std::optional<HeadlineValue> parse_headline_value(std::string_view value) {
    const std::optional<SignatureValue> read = parse_signature_value(value);
    if (!read) {
        return std::nullopt;
    }
    try {
        std::size_t used = 0;
        const long long day = std::stoll(read->cluster, &used);
        if (used != read->cluster.size()) {
            return std::nullopt;
        }
        return HeadlineValue{read->signature, day};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<SignatureValue> parse_signature_value(std::string_view value) {
    constexpr std::size_t digits = 16;
    if (value.size() <= digits + 1 || value[digits] != ':') {
        return std::nullopt;
    }
    SignatureValue out;
    for (std::size_t i = 0; i < digits; ++i) {
        const char c = value[i];
        const int nibble = is_digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (nibble < 0) {
            return std::nullopt;
        }
        out.signature = out.signature << 4 | static_cast<std::uint64_t>(nibble);
    }
    out.cluster = std::string(value.substr(digits + 1));
    return out;
}

std::string facet_key(std::string_view facet, std::string_view display) {
    if (facet != "location") {
        return analysis::fold(display);
    }
    // "Vienna, AT" → "vienna~at": the country stays part of the key, so Vienna (Austria) and
    // Vienna (Virginia) are different values.
    const auto [name, country] = split_location_display(display);
    std::string key = analysis::fold(name);
    if (!country.empty()) {
        key += '~';
        key += analysis::fold(country);
    }
    return key;
}

std::vector<std::string> distinct_facet_values(std::string_view facet,
                                               const std::vector<std::string>& displays) {
    // A headline or dateline in capitals ("DAVOS") gives way to the body's spelling ("Davos").
    auto has_lower = [](std::string_view text) {
        return std::any_of(text.begin(), text.end(), [](char c) { return is_lower(c); });
    };
    std::vector<std::string> out;
    std::vector<std::string> keys;
    for (const std::string& display : displays) {
        std::string key = facet_key(facet, display);
        const auto seen = std::find(keys.begin(), keys.end(), key);
        if (seen == keys.end()) {
            keys.push_back(std::move(key));
            out.push_back(display);
        } else if (std::string& kept = out[static_cast<std::size_t>(seen - keys.begin())];
                   !has_lower(kept) && has_lower(display)) {
            kept = display;
        }
    }
    return out;
}

std::string year_key(int year) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", year);
    return buf;
}

std::string month_key(int year, int month) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d%02d", year, month);
    return buf;
}

std::string day_key(const CivilDate& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
    return buf;
}

std::optional<CivilDate> parse_day_key(std::string_view key) {
    if (key.size() != 8 || !all_digits(key)) {
        return std::nullopt;
    }
    auto number = [key](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            v = v * 10 + (key[i] - '0');
        }
        return v;
    };
    const CivilDate d{number(0, 4), number(4, 2), number(6, 2)};
    if (!valid_date(d.year, d.month, d.day)) {
        return std::nullopt;
    }
    return d;
}

} // namespace newsdex::schema
