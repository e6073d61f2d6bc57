#include "newsdex/schema.h"

#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "newsdex/analysis/normalizer.h"

namespace newsdex::schema {

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
    std::uint64_t h = 1469598103934665603ULL; // FNV-1a 64
    for (unsigned char c : article_id) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return "Q#long:" + std::string(article_id.substr(0, 64)) + ":" + hex;
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

} // namespace newsdex::schema
