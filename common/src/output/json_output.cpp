#include "newsdex/output/json_output.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace newsdex::output {

nlohmann::json to_json(const search::Hit& h) {
    nlohmann::json highlights = nlohmann::json::array();
    for (const auto& [start, end] : h.snippet.highlights) {
        highlights.push_back({start, end});
    }
    return {
        {"rank", h.rank},
        {"id", h.id},
        {"score", h.score},
        {"title", h.title},
        {"date", h.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.date)},
        {"url", h.url},
        {"source", h.source},
        {"author", h.author},
        {"snippet", h.snippet.text},
        {"highlights", highlights},
        {"similar", h.similar},
        {"actors", h.actors},
        {"locations", h.locations},
    };
}

nlohmann::json to_json(const search::FullArticle& a) {
    nlohmann::json facets = nlohmann::json::object();
    for (const auto& [name, values] : a.facets) {
        facets[name] = values;
    }
    return {
        {"id", a.id},
        {"title", a.title},
        {"date", a.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.date)},
        {"url", a.url},
        {"source", a.source},
        {"author", a.author},
        {"language", a.language},
        {"facets", facets},
        {"body", a.body},
    };
}

nlohmann::json to_json(const search::SearchResult& r) {
    nlohmann::json hits = nlohmann::json::array();
    for (const search::Hit& h : r.hits) {
        hits.push_back(to_json(h));
    }
    nlohmann::json facets = nlohmann::json::object();
    for (const search::FacetCounts& f : r.facets) {
        nlohmann::json values = nlohmann::json::array();
        for (const auto& v : f.values) {
            values.push_back({{"value", v.value}, {"count", v.count}});
        }
        facets[f.name] = values;
    }
    nlohmann::json histogram = nullptr;
    if (!r.histogram_granularity.empty()) {
        nlohmann::json bins = nlohmann::json::array();
        for (const auto& b : r.histogram) {
            bins.push_back({{"period", b.value}, {"count", b.count}});
        }
        histogram = {{"granularity", r.histogram_granularity}, {"bins", bins}};
    }
    return {
        {"query", r.query},
        {"interpretation", r.interpretation},
        {"free_text", r.free_text},
        {"warnings", r.warnings},
        {"partial", r.partial},
        {"spelling", r.spelling_suggestion.empty() ? nlohmann::json(nullptr)
                                                   : nlohmann::json(r.spelling_suggestion)},
        {"corrected_from",
         r.corrected_from.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.corrected_from)},
        {"facets", facets},
        {"histogram", histogram},
        {"total", r.total},
        {"total_bounds", {r.total_lower, r.total_upper}},
        {"total_exact", r.total_exact},
        {"articles", r.total_exact ? nlohmann::json(r.total_articles) : nlohmann::json(nullptr)},
        {"offset", r.offset},
        {"limit", r.limit},
        {"elapsed_ms", r.elapsed_ms},
        {"hits", hits},
    };
}

std::string dump_json(const nlohmann::json& value, bool pretty) {
    std::string text =
        value.dump(pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
    // The library escapes only U+0000..U+001F. In its UTF-8 output the bytes C2 80..C2 9F are
    // always the code points U+0080..U+009F (C2 is only ever a lead byte), and 7F is DEL.
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (b == 0xC2 && next >= 0x80 && next <= 0x9F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", next);
            out += escaped;
            ++i;
        } else if (b == 0x7F) {
            out += "\\u007f";
        } else {
            out += text[i];
        }
    }
    return out;
}

void write_json(std::ostream& out, const search::SearchResult& result, bool pretty) {
    out << dump_json(to_json(result), pretty);
}

} // namespace newsdex::output
