#include "newsdex/corpus/plaintext_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "newsdex/utf8.h"
#include "reader_support.h"

namespace newsdex::corpus {
namespace {

struct Line {
    std::string_view text; // trimmed
    std::uint64_t number;  // 1-based
};

std::vector<Line> split_lines(std::string_view text) {
    std::vector<Line> lines;
    std::uint64_t number = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            nl = text.size();
        }
        lines.push_back(Line{trim(text.substr(start, nl - start)), number++});
        start = nl + 1;
    }
    return lines;
}

enum class Header { none, date, source, url, author, title, id, language };

// "Date: 2018-01-24" → {date, "2018-01-24"}; the key is case-insensitive.
std::pair<Header, std::string_view> parse_header(std::string_view line) {
    static const std::array<std::pair<std::string_view, Header>, 7> keys = {{
        {"date", Header::date},
        {"source", Header::source},
        {"url", Header::url},
        {"author", Header::author},
        {"title", Header::title},
        {"id", Header::id},
        {"language", Header::language},
    }};
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
        return {Header::none, {}};
    }
    const std::string key = lower_ascii(trim(line.substr(0, colon)));
    for (const auto& [name, header] : keys) {
        if (key == name) {
            return {header, trim(line.substr(colon + 1))};
        }
    }
    return {Header::none, {}};
}

bool is_name_word(std::string_view word) {
    static const std::array<std::string_view, 14> particles = {"and", "de",  "del", "della", "der",
                                                               "van", "von", "da",  "di",    "du",
                                                               "la",  "le",  "al",  "bin"};
    const auto c = static_cast<unsigned char>(word[0]);
    if ((c >= 'A' && c <= 'Z') || c >= 0x80) {
        return true;
    }
    for (std::string_view p : particles) {
        if (word == p) {
            return true;
        }
    }
    return false;
}

// A person's name, not a sentence: a few capitalised words without closing punctuation.
bool looks_like_name(std::string_view name) {
    if (name.empty() || name.size() > 80) {
        return false;
    }
    const char last = name.back();
    if (last == '!' || last == '?' || last == ':' || last == ';') {
        return false;
    }
    std::size_t words = 0;
    std::size_t start = 0;
    while (start < name.size()) {
        std::size_t end = name.find(' ', start);
        if (end == std::string_view::npos) {
            end = name.size();
        }
        if (end > start) {
            if (!is_name_word(name.substr(start, end - start))) {
                return false;
            }
            ++words;
        }
        start = end + 1;
    }
    return words >= 1 && words <= 8;
}

// The name in a byline ("By Jane Doe", "• Jane Doe", "— Jane Doe"), or empty.
std::string byline_name(std::string_view line, bool by_only) {
    static const std::array<std::string_view, 6> markers = {
        "\xE2\x80\xA2", "\xE2\x80\x94", "\xE2\x80\x93", "--", "-", "\xC2\xB7"};
    std::string_view rest;
    if (starts_with_nocase(line, "by ")) {
        rest = line.substr(3);
    } else if (!by_only) {
        for (std::string_view m : markers) {
            if (line.substr(0, m.size()) == m) {
                rest = line.substr(m.size());
                break;
            }
        }
    }
    if (rest.empty()) {
        return {};
    }
    std::string name = detail::collapse_whitespace(rest);
    return looks_like_name(name) ? name : std::string();
}

} // namespace

Article parse_plaintext(std::string text, const SourceLocation& where, const ProblemSink& sink) {
    Article a;
    a.origin = where;
    if (repair_utf8(text)) {
        detail::report(sink, ProblemKind::invalid_utf8, where.file, where.line,
                       "invalid utf-8 replaced with U+FFFD");
    }
    std::string_view view(text);
    if (view.substr(0, 3) == "\xEF\xBB\xBF") {
        view.remove_prefix(3);
    }
    const std::vector<Line> lines = split_lines(view);
    std::size_t i = 0;
    auto skip_blank = [&] {
        while (i < lines.size() && lines[i].text.empty()) {
            ++i;
        }
    };

    skip_blank();
    std::string_view date_text;
    std::uint64_t date_line = 0;
    bool has_title_header = false;
    for (; i < lines.size(); ++i) {
        const auto [header, value] = parse_header(lines[i].text);
        if (header == Header::none) {
            break;
        }
        switch (header) {
        case Header::date:
            date_text = value;
            date_line = where.line + lines[i].number - 1;
            break;
        case Header::source:
            a.source = detail::collapse_whitespace(value);
            break;
        case Header::url:
            a.url = std::string(value);
            break;
        case Header::author:
            a.author = detail::clean_author(value);
            break;
        case Header::title:
            a.title = detail::collapse_whitespace(value);
            has_title_header = true;
            break;
        case Header::id:
            a.id = std::string(value);
            break;
        case Header::language:
            a.language = detail::language_code(value);
            break;
        case Header::none:
            break;
        }
    }
    skip_blank();

    // With a Title header, everything after the headers is body.
    if (!has_title_header && i < lines.size()) {
        a.title = detail::collapse_whitespace(lines[i].text);
        ++i;
        skip_blank();
        // Some files put "By Jane Doe" right under the headline.
        if (i < lines.size()) {
            std::string name = byline_name(lines[i].text, true);
            if (!name.empty()) {
                if (a.author.empty()) {
                    a.author = std::move(name);
                }
                ++i;
            }
        }
    }

    std::size_t end = lines.size();
    while (end > i && lines[end - 1].text.empty()) {
        --end;
    }
    if (end > i) {
        std::string name = byline_name(lines[end - 1].text, false);
        if (!name.empty()) {
            if (a.author.empty()) {
                a.author = std::move(name);
            }
            --end;
        }
    }

    bool paragraph_open = false;
    for (; i < end; ++i) {
        const std::string_view line = lines[i].text;
        if (line.empty()) {
            paragraph_open = false;
            continue;
        }
        if (!a.body.empty()) {
            a.body += paragraph_open ? "\n" : "\n\n";
        }
        a.body += line;
        paragraph_open = true;
    }

    if (!date_text.empty()) {
        detail::set_published(a, date_text, sink, date_line);
    }
    return a;
}

PlaintextReader::PlaintextReader(std::unique_ptr<InputStream> input, std::string file_name,
                                 std::string default_id, const ReaderOptions& options,
                                 ProblemSink sink)
    : m_input(std::move(input)), m_file(std::move(file_name)), m_default_id(std::move(default_id)),
      m_max_bytes(options.max_article_bytes), m_sink(std::move(sink)) {}

std::optional<Article> PlaintextReader::next() {
    if (m_done) {
        return std::nullopt;
    }
    m_done = true;
    // With a size limit, stop reading well past it rather than load a huge file whole; the
    // slack covers header lines, which do not count.
    const std::size_t cap = m_max_bytes != 0 ? m_max_bytes + (std::size_t{1} << 20) : 0;
    std::string text;
    std::vector<char> chunk(std::size_t{1} << 16);
    bool over_cap = false;
    while (const std::size_t got = m_input->read(chunk.data(), chunk.size())) {
        text.append(chunk.data(), got);
        if (cap != 0 && text.size() > cap) {
            over_cap = true;
            break;
        }
    }
    if (over_cap) {
        detail::report(m_sink, ProblemKind::too_large, m_file, 1,
                       "file is over " + std::to_string(cap) + " bytes");
        return std::nullopt;
    }
    // Like a JSON line or a Reuters record cut short, a cut article is not indexed: half a
    // story would be found for words it never finishes.
    if (const auto& failure = m_input->failure()) {
        detail::report(m_sink, ProblemKind::truncated_gzip, m_file, 0, *failure);
        return std::nullopt;
    }
    if (detail::looks_binary(std::string_view(text).substr(0, 4096))) {
        detail::report(m_sink, ProblemKind::binary_data, m_file, 0,
                       "binary data (not a text file)");
        return std::nullopt;
    }
    // One article a file: a stray NUL is repaired, as bad UTF-8 is, rather than losing it.
    if (const std::size_t nuls =
            static_cast<std::size_t>(std::count(text.begin(), text.end(), '\0'))) {
        std::string repaired;
        repaired.reserve(text.size() + 2 * nuls);
        for (char c : text) {
            if (c == '\0') {
                repaired += "\xEF\xBF\xBD";
            } else {
                repaired += c;
            }
        }
        text.swap(repaired);
        detail::report(m_sink, ProblemKind::nul_bytes, m_file, 0,
                       std::to_string(nuls) + (nuls == 1 ? " nul byte" : " nul bytes") +
                           " replaced with U+FFFD");
    }
    if (trim(text).empty()) {
        detail::report(m_sink, ProblemKind::empty_file, m_file, 0, "no text");
        return std::nullopt;
    }
    Article a = parse_plaintext(std::move(text), SourceLocation{m_file, 1}, m_sink);
    if (a.id.empty() && a.url.empty()) {
        a.id = m_default_id;
    }
    if (!detail::finish_article(a, m_max_bytes, m_sink)) {
        return std::nullopt;
    }
    return a;
}

} // namespace newsdex::corpus
