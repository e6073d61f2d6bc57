#include "newsdex/output/text_output.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <sys/ioctl.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include "newsdex/error.h"

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

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

bool is_plain_ascii(std::string_view text) {
    for (char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if ((b < 0x20 && b != '\t' && b != '\n') || b >= 0x7F) {
            return false;
        }
    }
    return true;
}

} // namespace

std::string printable(std::string_view text) {
    if (is_plain_ascii(text)) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size());
    const auto length = static_cast<std::int32_t>(text.size());
    std::int32_t i = 0;
    while (i < length) {
        const std::int32_t start = i;
        UChar32 cp = 0;
        U8_NEXT(text.data(), i, length, cp);
        if (cp == '\t' || cp == '\n' || (cp >= 0x20 && cp < 0x7F) || cp >= 0xA0) {
            out.append(
                text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        } else if (cp >= 0 && cp < 0x20) {
            out += '^'; // caret notation, as cat -v and less show them
            out += static_cast<char>(cp + 0x40);
        } else if (cp == 0x7F) {
            out += "^?";
        } else {
            out += replacement; // C1 controls (CSI), bytes that are not UTF-8
        }
    }
    return out;
}

ColorMode parse_color_mode(std::string_view name) {
    if (name == "auto") {
        return ColorMode::automatic;
    }
    if (name == "always") {
        return ColorMode::always;
    }
    if (name == "never") {
        return ColorMode::never;
    }
    throw UsageError("unknown --color '" + std::string(name) + "' (use auto, always or never)");
}

bool stdout_wants_color(ColorMode mode) {
    if (mode != ColorMode::automatic) {
        return mode == ColorMode::always;
    }
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color != nullptr && *no_color != '\0') {
        return false;
    }
    return isatty(STDOUT_FILENO) == 1;
}

std::size_t stdout_terminal_width() {
    if (isatty(STDOUT_FILENO) != 1) {
        return 0;
    }
    if (const char* columns = std::getenv("COLUMNS")) {
        char* end = nullptr;
        const unsigned long n = std::strtoul(columns, &end, 10);
        if (end != columns && *end == '\0' && n > 0 && n < 10000) {
            return n;
        }
    }
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return 80;
}

TextStyle stdout_style(ColorMode mode) {
    TextStyle style;
    style.color = stdout_wants_color(mode);
    style.width = stdout_terminal_width();
    return style;
}

// Code points, which is right for the Latin, Cyrillic and Greek names of news; wide CJK
// glyphs come out a little short.
std::size_t display_width(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

namespace {

void write_facets(std::ostream& out, const search::SearchResult& r, const TextStyle& style) {
    for (const search::FacetCounts& f : r.facets) {
        out << '\n' << (style.color ? bold : "") << printable(f.name) << (style.color ? reset : "");
        if (f.values.empty()) {
            out << "  (none)\n";
            continue;
        }
        out << '\n';
        std::size_t width = 0;
        std::size_t count_width = 0;
        for (const auto& v : f.values) {
            width = std::max(width, display_width(printable(v.value)));
            count_width = std::max(count_width, with_thousands(v.count).size());
        }
        for (const auto& v : f.values) {
            const std::string count = with_thousands(v.count);
            const std::string value = printable(v.value);
            out << "  " << value << std::string(width - display_width(value) + 2, ' ')
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
        static const char* const partial[] = {"",       "\u258F", "\u258E", "\u258D",
                                              "\u258C", "\u258B", "\u258A", "\u2589"};
        bar += partial[eighths % 8];
        out << "  " << printable(b.value) << std::string(label_width - b.value.size() + 2, ' ')
            << std::string(count_width - count.size(), ' ') << count << "  " << bar << '\n';
    }
}

// Writes text[from, to) of the snippet with its highlighted parts in bold.
void write_marked(std::ostream& out, const search::Snippet& s, std::size_t from, std::size_t to,
                  bool color) {
    std::size_t cursor = from;
    for (auto [start, end] : s.highlights) {
        if (end <= from || start >= to) {
            continue;
        }
        start = std::max(start, from);
        end = std::min(end, to);
        const std::string_view text = s.text;
        out << printable(text.substr(cursor, start - cursor)) << (color ? bold : "")
            << printable(text.substr(start, end - start)) << (color ? reset : "");
        cursor = end;
    }
    out << printable(std::string_view(s.text).substr(cursor, to - cursor));
}

// On a terminal the snippet wraps at spaces to the width, each line under the hit's title;
// piped, it stays one line, so that grep and cut see one line a hit.
void write_snippet(std::ostream& out, const search::Snippet& s, const std::string& indent,
                   const TextStyle& style) {
    constexpr std::size_t narrowest = 20; // narrower than that, wrapping helps nobody
    out << indent;
    if (style.width < indent.size() + narrowest) {
        write_marked(out, s, 0, s.text.size(), style.color);
        out << '\n';
        return;
    }
    const std::size_t room = style.width - indent.size();
    const std::string& text = s.text;
    std::size_t column = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t word_end = std::min(text.find(' ', pos), text.size());
        const std::size_t width = display_width(std::string_view(text).substr(pos, word_end - pos));
        if (column > 0 && column + 1 + width > room) {
            out << '\n' << indent;
            column = 0;
        } else if (column > 0) {
            out << ' ';
            ++column;
        }
        write_marked(out, s, pos, word_end, style.color);
        column += width;
        pos = word_end;
        while (pos < text.size() && text[pos] == ' ') {
            ++pos;
        }
    }
    out << '\n';
}

} // namespace

void write_text_header(std::ostream& out, const search::SearchResult& r, bool streaming) {
    const std::size_t shown_to = r.offset + r.hits.size();
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f ms", r.elapsed_ms);
    if (!r.corrected_from.empty()) {
        out << "no match for: " << printable(r.corrected_from)
            << "; showing the results for: " << printable(r.query) << '\n';
    }
    if (!r.interpretation.empty()) {
        out << "interpreted as: "
            << (r.free_text.empty() ? "(everything)" : printable(r.free_text));
        for (const std::string& part : r.interpretation) {
            out << "  [" << printable(part) << ']';
        }
        out << '\n';
    }
    if (!r.total_exact) {
        // Xapian's estimate from the matches it looked at (more than
        // SearchRequest::exact_count_limit, or --estimate): never shown as a count.
        out << "about ";
    }
    out << (r.total == 1 ? "1 match" : with_thousands(r.total) + " matches");
    if (!r.total_exact && r.total_lower != r.total_upper) {
        out << " (between " << with_thousands(r.total_lower) << " and "
            << with_thousands(r.total_upper) << ")";
    }
    if (r.total_articles > r.total) {
        out << " (" << with_thousands(r.total_articles) << " articles with their copies)";
    }
    if (streaming) {
        out << ", showing all";
    } else if (!r.hits.empty()) {
        out << ", showing " << r.offset + 1 << "–" << shown_to;
    }
    out << " (" << ms << ")\n";
    if (!r.spelling_suggestion.empty()) {
        out << "did you mean: " << printable(r.spelling_suggestion) << "?"
            << (r.total == 0 ? " (--auto-correct runs it)" : "") << '\n';
    }
}

void write_text_hits(std::ostream& out, const std::vector<search::Hit>& hits, std::size_t last_rank,
                     const TextStyle& style) {
    const int rank_width = static_cast<int>(std::to_string(last_rank).size());
    for (const search::Hit& h : hits) {
        out << '\n';
        char rank[32];
        std::snprintf(rank, sizeof rank, "%*zu", rank_width + 1, h.rank);
        // Article text never drives the terminal: controls become placeholders (printable).
        const std::string date =
            h.date.size() >= 10 ? printable(h.date.substr(0, 10)) : "   no date";
        out << rank << "  " << date << "  " << (style.color ? bold : "")
            << (h.title.empty() ? "(no title)" : printable(h.title)) << (style.color ? reset : "")
            << '\n';
        const std::string indent(static_cast<std::size_t>(rank_width) + 3, ' ');
        std::string meta;
        if (!h.source.empty()) {
            meta += h.source + " · ";
        }
        if (!h.author.empty()) {
            meta += h.author + " · ";
        }
        meta += h.id;
        meta = printable(meta);
        char score[32];
        std::snprintf(score, sizeof score, " · %.2f", h.score);
        if (h.score > 0) {
            meta += score;
        }
        if (h.similar > 0) {
            meta += " · +" + std::to_string(h.similar) + " similar";
        }
        out << indent << (style.color ? dim : "") << meta << (style.color ? reset : "") << '\n';
        if (!h.url.empty()) {
            out << indent << (style.color ? dim : "") << printable(h.url)
                << (style.color ? reset : "") << '\n';
        }
        if (!h.snippet.text.empty()) {
            write_snippet(out, h.snippet, indent, style);
        }
    }
}

void write_text_tables(std::ostream& out, const search::SearchResult& r, const TextStyle& style) {
    write_facets(out, r, style);
    write_histogram(out, r);
}

void write_text(std::ostream& out, const search::SearchResult& r, const TextStyle& style) {
    write_text_header(out, r, false);
    write_text_hits(out, r.hits, r.offset + r.hits.size(), style);
    write_text_tables(out, r, style);
}

} // namespace newsdex::output

namespace newsdex::output {
namespace {

// Wraps one paragraph of plain text at spaces to `width` columns.
void write_wrapped(std::ostream& out, std::string_view text, std::size_t width) {
    std::size_t column = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t word_end = std::min(text.find(' ', pos), text.size());
        const std::size_t w = display_width(text.substr(pos, word_end - pos));
        if (column > 0 && column + 1 + w > width) {
            out << '\n';
            column = 0;
        } else if (column > 0) {
            out << ' ';
            ++column;
        }
        out << printable(text.substr(pos, word_end - pos));
        column += w;
        pos = word_end;
        while (pos < text.size() && text[pos] == ' ') {
            ++pos;
        }
    }
    out << '\n';
}

// A facet's values after its label: on a terminal they wrap between values (a place's "Vienna,
// AT" stays whole), each further line under the first value; piped (width 0), one line.
void write_value_list(std::ostream& out, const std::vector<std::string>& values, std::size_t indent,
                      std::size_t width) {
    constexpr std::string_view separator = " · ";
    std::size_t column = indent;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string value = printable(values[i]);
        const std::size_t w = display_width(value);
        if (i > 0 && width != 0 && column + display_width(separator) + w > width) {
            out << '\n' << std::string(indent, ' ');
            column = indent;
        } else if (i > 0) {
            out << separator;
            column += display_width(separator);
        }
        out << value;
        column += w;
    }
    out << '\n';
}

// The body with each run of blank lines cut to one: a boilerplate paragraph taken out of a
// stored body ("More news: …") leaves its blank lines behind.
std::string with_single_blank_lines(std::string_view body) {
    std::string out;
    out.reserve(body.size());
    std::size_t newlines = 0;
    for (char c : body) {
        newlines = c == '\n' ? newlines + 1 : 0;
        if (newlines <= 2) {
            out += c;
        }
    }
    return out;
}

} // namespace

void write_article(std::ostream& out, const search::FullArticle& a, const TextStyle& style) {
    constexpr std::size_t label_width = 10;
    const std::string title = a.title.empty() ? "(no title)" : a.title;
    if (style.width == 0) {
        out << (style.color ? bold : "") << printable(title) << (style.color ? reset : "") << '\n';
    } else {
        out << (style.color ? bold : "");
        write_wrapped(out, title, style.width); // ends the line; the reset follows it
        out << (style.color ? reset : "");
    }
    auto label = [&](std::string_view name) {
        out << (style.color ? dim : "") << name << std::string(label_width - name.size(), ' ')
            << (style.color ? reset : "");
    };
    auto line = [&](std::string_view name, const std::string& value) {
        if (!value.empty()) {
            label(name);
            out << printable(value) << '\n';
        }
    };
    line("date", a.date.empty() ? "no date" : a.date);
    line("source", a.source);
    line("author", a.author);
    line("url", a.url);
    line("id", a.id);
    line("language", a.language);
    for (const auto& [name, values] : a.facets) {
        if (!values.empty()) {
            label(name);
            write_value_list(out, values, label_width, style.width);
        }
    }
    out << '\n';
    const std::string text = with_single_blank_lines(a.body);
    if (style.width == 0) {
        out << printable(text); // as stored, but for control characters and blank-line runs
        if (!text.empty() && text.back() != '\n') {
            out << '\n';
        }
        return;
    }
    std::string_view body = text;
    while (!body.empty()) {
        const std::size_t end = std::min(body.find('\n'), body.size());
        write_wrapped(out, body.substr(0, end), style.width);
        body.remove_prefix(std::min(end + 1, body.size()));
    }
}

} // namespace newsdex::output
