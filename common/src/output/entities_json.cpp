#include "newsdex/output/entities_json.h"

#include <nlohmann/json.hpp>

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

} // namespace

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
