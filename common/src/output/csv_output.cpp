#include "newsdex/output/csv_output.h"

#include <cstdio>

namespace newsdex::output {
namespace {

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const std::string& v : values) {
        out += (out.empty() ? "" : "; ") + v;
    }
    return out;
}

} // namespace

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
    const char* sep = "";
    for (const std::string& f : fields) {
        out << sep << csv_field(f);
        sep = ",";
    }
    out << '\n';
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string quoted = "\"";
    for (char c : text) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + '"';
}

void write_csv_hits_header(std::ostream& out) {
    write_csv_row(
        out, {"id", "date", "title", "source", "author", "url", "score", "actors", "locations"});
}

void write_csv_hits(std::ostream& out, const std::vector<search::Hit>& hits) {
    for (const search::Hit& h : hits) {
        char score[32];
        std::snprintf(score, sizeof score, "%.4f", h.score);
        write_csv_row(out, {h.id, h.date, h.title, h.source, h.author, h.url, score,
                            joined(h.actors), joined(h.locations)});
    }
}

void write_csv_facets(std::ostream& out, const search::SearchResult& result) {
    write_csv_row(out, {"facet", "value", "count"});
    for (const search::FacetCounts& f : result.facets) {
        for (const search::FacetValueCount& v : f.values) {
            write_csv_row(out, {f.name, v.value, std::to_string(v.count)});
        }
    }
}

void write_csv_histogram(std::ostream& out, const search::SearchResult& result) {
    write_csv_row(out, {"period", "count"});
    for (const search::FacetValueCount& b : result.histogram) {
        write_csv_row(out, {b.value, std::to_string(b.count)});
    }
}

} // namespace newsdex::output
