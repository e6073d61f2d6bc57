#include "newsdex/output/text_output.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

namespace newsdex::output {
namespace {

constexpr const char* bold = "\x1b[1m";
constexpr const char* dim = "\x1b[2m";
constexpr const char* reset = "\x1b[0m";

std::string with_thousands(std::size_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

} // namespace

bool stdout_wants_color() {
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color != nullptr && *no_color != '\0') {
        return false;
    }
    return isatty(STDOUT_FILENO) == 1;
}

void write_text(std::ostream& out, const search::SearchResult& r, const TextStyle& style) {
    const std::size_t shown_to = r.offset + r.hits.size();
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f ms", r.elapsed_ms);
    out << (r.total == 1 ? "1 match" : with_thousands(r.total) + " matches");
    if (!r.hits.empty()) {
        out << ", showing " << r.offset + 1 << "–" << shown_to;
    }
    out << " (" << ms << ")\n";
    const int rank_width = static_cast<int>(std::to_string(shown_to).size());
    for (const search::Hit& h : r.hits) {
        out << '\n';
        char rank[16];
        std::snprintf(rank, sizeof rank, "%*zu", rank_width + 1, h.rank);
        const std::string date = h.date.size() >= 10 ? h.date.substr(0, 10) : "   no date";
        out << rank << "  " << date << "  " << (style.color ? bold : "")
            << (h.title.empty() ? "(no title)" : h.title) << (style.color ? reset : "") << '\n';
        const std::string indent(static_cast<std::size_t>(rank_width) + 3, ' ');
        std::string meta;
        if (!h.source.empty()) {
            meta += h.source + " · ";
        }
        if (!h.author.empty()) {
            meta += h.author + " · ";
        }
        meta += h.id;
        char score[32];
        std::snprintf(score, sizeof score, " · %.2f", h.score);
        if (h.score > 0) {
            meta += score;
        }
        out << indent << (style.color ? dim : "") << meta << (style.color ? reset : "") << '\n';
        if (!h.snippet.text.empty()) {
            out << indent;
            std::size_t cursor = 0;
            for (const auto& [start, end] : h.snippet.highlights) {
                out.write(h.snippet.text.data() + cursor,
                          static_cast<std::streamsize>(start - cursor));
                if (style.color) {
                    out << bold;
                }
                out.write(h.snippet.text.data() + start, static_cast<std::streamsize>(end - start));
                if (style.color) {
                    out << reset;
                }
                cursor = end;
            }
            out << h.snippet.text.substr(cursor) << '\n';
        }
    }
}

} // namespace newsdex::output
