#include "newsdex/output/entities_json.h"

#include <nlohmann/json.hpp>

#include "newsdex/output/json_output.h"
#include "newsdex/schema.h"
#include "newsdex/time/calendar.h"
#include "newsdex/time/timestamp.h"

namespace newsdex::output {

using analysis::ArticleEntities;
using analysis::DateMention;
using analysis::DatePrecision;
using analysis::EntityMention;
using analysis::LocationFacet;

namespace {

const char* precision_name(DatePrecision p) {
    switch (p) {
    case DatePrecision::day:
        return "day";
    case DatePrecision::month:
        return "month";
    case DatePrecision::year:
        return "year";
    }
    return "day";
}

/// Appends `text` as a JSON string. A string of printable ASCII without quote or backslash
/// needs no escape and is copied; any other goes through the library as dump_json() would
/// write it (escapes, C1 controls, invalid UTF-8 replaced).
void append_string(std::string& out, std::string_view text) {
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 || b > 0x7E || c == '"' || c == '\\') {
            out += dump_json(nlohmann::json(std::string(text)), false);
            return;
        }
    }
    out += '"';
    out += text;
    out += '"';
}

void append_number(std::string& out, std::size_t value) { out += std::to_string(value); }

void append_strings(std::string& out, const std::vector<std::string>& values) {
    out += '[';
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (k > 0) {
            out += ',';
        }
        append_string(out, values[k]);
    }
    out += ']';
}

void append_mentions(std::string& out, const ArticleEntities& entities) {
    out += '[';
    bool first = true;
    for (const EntityMention& m : entities.mentions) {
        out += first ? "{\"canonical\":" : ",{\"canonical\":";
        first = false;
        append_string(out, m.canonical);
        out += ",\"country\":";
        append_string(out, m.country);
        out += ",\"end\":";
        append_number(out, m.end);
        out += ",\"start\":";
        append_number(out, m.start);
        out += ",\"text\":";
        append_string(out, m.text);
        out += ",\"type\":";
        append_string(out, entity_type_label(m.type));
        out += '}';
    }
    out += ']';
}

void append_dates(std::string& out, const Article& article, const ArticleEntities& entities) {
    out += '[';
    bool first = true;
    for (const DateMention& d : entities.dates) {
        out += first ? "{\"end\":" : ",{\"end\":";
        first = false;
        append_number(out, d.end);
        out += ",\"first\":";
        append_string(out, iso_day(d.first));
        out += ",\"last\":";
        append_string(out, iso_day(d.last));
        out += ",\"precision\":";
        append_string(out, precision_name(d.precision));
        out += ",\"start\":";
        append_number(out, d.start);
        out += ",\"text\":";
        append_string(out, std::string_view(article.body).substr(d.start, d.end - d.start));
        out += '}';
    }
    out += ']';
}

void append_facets(std::string& out, const Article& article, const ArticleEntities& entities) {
    out += "{\"actor\":[";
    bool first = true;
    for (const auto* names : {&entities.persons, &entities.organisations}) {
        for (const std::string& name : *names) {
            if (!first) {
                out += ',';
            }
            first = false;
            append_string(out, name);
        }
    }
    out += "],\"country\":";
    append_strings(out, entities.countries);
    out += ",\"location\":[";
    for (std::size_t k = 0; k < entities.locations.size(); ++k) {
        if (k > 0) {
            out += ',';
        }
        const LocationFacet& l = entities.locations[k];
        append_string(out, schema::location_display(l.name, l.country));
    }
    out += "],\"organisation\":";
    append_strings(out, entities.organisations);
    out += ",\"person\":";
    append_strings(out, entities.persons);
    out += ",\"published\":";
    if (article.published) {
        append_string(out, iso_day(local_date(*article.published)));
    } else {
        out += "null";
    }
    out += '}';
}

} // namespace

void append_entities_json(std::string& out, const Article& article,
                          const ArticleEntities& entities) {
    // Keys in the order the library writes an object's (sorted), as entities_json() has them.
    const std::string& author = article.author.empty() ? entities.byline : article.author;
    out += "{\"author\":";
    if (author.empty()) {
        out += "null";
    } else {
        append_string(out, author);
    }
    out += ",\"dates\":";
    append_dates(out, article, entities);
    out += ",\"entities\":";
    append_mentions(out, entities);
    out += ",\"facets\":";
    append_facets(out, article, entities);
    out += ",\"id\":";
    append_string(out, article.id);
    out += '}';
}

nlohmann::json entities_json(const Article& article, const ArticleEntities& entities) {
    nlohmann::json mentions = nlohmann::json::array();
    for (const EntityMention& m : entities.mentions) {
        mentions.push_back({{"type", std::string(entity_type_label(m.type))},
                            {"text", m.text},
                            {"start", m.start},
                            {"end", m.end},
                            {"canonical", m.canonical},
                            {"country", m.country}});
    }
    nlohmann::json dates = nlohmann::json::array();
    for (const DateMention& d : entities.dates) {
        dates.push_back({{"text", article.body.substr(d.start, d.end - d.start)},
                         {"start", d.start},
                         {"end", d.end},
                         {"first", iso_day(d.first)},
                         {"last", iso_day(d.last)},
                         {"precision", precision_name(d.precision)}});
    }
    nlohmann::json actors = entities.persons;
    for (const std::string& org : entities.organisations) {
        actors.push_back(org);
    }
    nlohmann::json locations = nlohmann::json::array();
    for (const LocationFacet& l : entities.locations) {
        locations.push_back(schema::location_display(l.name, l.country));
    }
    nlohmann::json facets = {
        {"person", entities.persons},
        {"organisation", entities.organisations},
        {"actor", std::move(actors)},
        {"location", std::move(locations)},
        {"country", entities.countries},
        {"published", article.published ? nlohmann::json(iso_day(local_date(*article.published)))
                                        : nlohmann::json(nullptr)},
    };
    const std::string& author = article.author.empty() ? entities.byline : article.author;
    return {{"id", article.id},
            {"entities", std::move(mentions)},
            {"dates", std::move(dates)},
            {"facets", std::move(facets)},
            {"author", author.empty() ? nlohmann::json(nullptr) : nlohmann::json(author)}};
}

} // namespace newsdex::output
