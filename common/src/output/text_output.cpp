#include "newsdex/output/text_output.h"

#include <algorithm>
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

namespace {

// Display width of UTF-8 text: code points, which is right for the Latin, Cyrillic and Greek
// names of news; wide CJK glyphs come out a little short.
std::size_t display_width(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

void write_facets(std::ostream& out, const search::SearchResult& r, const TextStyle& style) {
    for (const search::FacetCounts& f : r.facets) {
        out << '\n' << (style.color ? bold : "") << f.name << (style.color ? reset : "");
        if (f.values.empty()) {
            out << "  (none)\n";
            continue;
        }
        out << '\n';
        std::size_t width = 0;
        std::size_t count_width = 0;
        for (const auto& v : f.values) {
            width = std::max(width, display_width(v.value));
            count_width = std::max(count_width, with_thousands(v.count).size());
        }
        for (const auto& v : f.values) {
            const std::string count = with_thousands(v.count);
            out << "  " << v.value << std::string(width - display_width(v.value) + 2, ' ')
                << std::string(count_width - count.size(), ' ') << count << '\n';
        }
    }
}

void write_histogram(std::ostream& out, const search::SearchResult& r) {
    if (r.histogram.empty()) {
        return;
    }
    std::uint64_t most = 1;
    std::size_t label_width = 0;
    for (const auto& b : r.histogram) {
        most = std::max(most, b.count);
        label_width = std::max(label_width, b.value.size());
    }
    const std::size_t count_width = with_thousands(most).size();
    constexpr std::uint64_t bar_width = 50;
    out << "\nmatches by " << r.histogram_granularity << '\n';
    for (const auto& b : r.histogram) {
        const std::string count = with_thousands(b.count);
        // Eighth blocks give the bars sub-character resolution.
        const std::uint64_t eighths = (b.count * bar_width * 8 + most - 1) / most;
        std::string bar(static_cast<std::size_t>(eighths / 8) * 3, '\0');
        for (std::size_t i = 0; i < eighths / 8; ++i) {
            bar.replace(i * 3, 3, "\u2588");
        }
        static const char* const partial[] = {"", "\u258F", "\u258E", "\u258D",
                                              "\u258C", "\u258B", "\u258A", "\u2589"};
        bar += partial[eighths % 8];
        out << "  " << b.value << std::string(label_width - b.value.size() + 2, ' ')
            << std::string(count_width - count.size(), ' ') << count << "  " << bar << '\n';
    }
}

} // namespace

void write_text(std::ostream& out, const search::SearchResult& r, const TextStyle& style) {
    const std::size_t shown_to = r.offset + r.hits.size();
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f ms", r.elapsed_ms);
    for (const std::string& w : r.warnings) {
        out << "warning: " << w << '\n';
    }
    if (!r.interpretation.empty()) {
        out << "interpreted as: " << (r.free_text.empty() ? "(everything)" : r.free_text);
        for (const std::string& part : r.interpretation) {
            out << "  [" << part << ']';
        }
        out << '\n';
    }
    out << (r.total == 1 ? "1 match" : with_thousands(r.total) + " matches");
    if (r.total_articles > r.total) {
        out << " (" << with_thousands(r.total_articles) << " articles with their copies)";
    }
    if (!r.hits.empty()) {
        out << ", showing " << r.offset + 1 << "–" << shown_to;
    }
    out << " (" << ms << ")\n";
    if (!r.spelling_suggestion.empty()) {
        out << "did you mean: " << r.spelling_suggestion << "?\n";
    }
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
        if (h.similar > 0) {
            meta += " · +" + std::to_string(h.similar) + " similar";
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
    write_facets(out, r, style);
    write_histogram(out, r);
}

} // namespace newsdex::output
