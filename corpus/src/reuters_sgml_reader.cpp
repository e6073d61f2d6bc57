#include "newsdex/corpus/reuters_sgml_reader.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "newsdex/time/timestamp.h"
#include "newsdex/utf8.h"
#include "reader_support.h"

namespace newsdex::corpus {
namespace {

constexpr std::string_view open_tag = "<REUTERS";
constexpr std::string_view close_tag = "</REUTERS>";
// Without --max-article-bytes, a record that has not closed by this size is broken; stop
// collecting it.
constexpr std::size_t max_record_bytes_unlimited = std::size_t{64} << 20;

// With it, an SGML entity is at most 8 bytes (&#x10FFFF;) for one to four bytes of text.
std::size_t max_record_bytes(std::size_t max_article_bytes) {
    return max_article_bytes == 0 ? max_record_bytes_unlimited
                                  : detail::raw_record_limit(max_article_bytes, 8);
}

// "<REUTERS" as a whole tag name, not "<REUTERSX".
std::size_t find_open_tag(std::string_view text, std::size_t from) {
    for (std::size_t p = text.find(open_tag, from); p != std::string_view::npos;
         p = text.find(open_tag, p + 1)) {
        const std::size_t after = p + open_tag.size();
        if (after == text.size() || text[after] == ' ' || text[after] == '>' ||
            text[after] == '\t') {
            return p;
        }
    }
    return std::string_view::npos;
}

struct Element {
    std::size_t begin = 0; // of "<NAME"
    std::size_t end = 0;   // one past "</NAME>"
    std::string_view inner;
    std::string_view attributes;
};

// The first <NAME ...>...</NAME> in text at or after `from`. The collection never nests an
// element in one of the same name, so the first closing tag is the right one.
std::optional<Element> find_element(std::string_view text, std::string_view name,
                                    std::size_t from = 0) {
    const std::string open = "<" + std::string(name);
    const std::string close = "</" + std::string(name) + ">";
    for (std::size_t p = text.find(open, from); p != std::string_view::npos;
         p = text.find(open, p + 1)) {
        const std::size_t after = p + open.size();
        if (after >= text.size() || (text[after] != '>' && text[after] != ' ')) {
            continue;
        }
        const std::size_t gt = text.find('>', after);
        if (gt == std::string_view::npos) {
            return std::nullopt;
        }
        const std::size_t c = text.find(close, gt + 1);
        if (c == std::string_view::npos) {
            return std::nullopt;
        }
        Element e;
        e.begin = p;
        e.end = c + close.size();
        e.inner = text.substr(gt + 1, c - gt - 1);
        e.attributes = text.substr(after, gt - after);
        return e;
    }
    return std::nullopt;
}

// NAME="value" in a tag's attributes.
std::string_view attribute(std::string_view attributes, std::string_view name) {
    const std::string key = std::string(name) + "=\"";
    for (std::size_t p = attributes.find(key); p != std::string_view::npos;
         p = attributes.find(key, p + 1)) {
        if (p > 0 && attributes[p - 1] != ' ' && attributes[p - 1] != '\t') {
            continue;
        }
        const std::size_t start = p + key.size();
        const std::size_t end = attributes.find('"', start);
        if (end == std::string_view::npos) {
            return {};
        }
        return attributes.substr(start, end - start);
    }
    return {};
}

// Wire-service framing (&#2; &#3; &#22; …) and DEL are noise, not text.
bool is_dropped_control(std::uint32_t cp) {
    return (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp < 0xA0);
}

// The code point of an entity body ("lt", "#38", "#x26"), or nullopt if not one we know.
std::optional<std::uint32_t> entity_value(std::string_view name) {
    if (name == "lt") {
        return '<';
    }
    if (name == "gt") {
        return '>';
    }
    if (name == "amp") {
        return '&';
    }
    if (name == "quot") {
        return '"';
    }
    if (name == "apos") {
        return '\'';
    }
    if (name.size() < 2 || name[0] != '#') {
        return std::nullopt;
    }
    const bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) {
        return std::nullopt;
    }
    std::uint32_t cp = 0;
    for (char c : digits) {
        std::uint32_t d = 0;
        if (c >= '0' && c <= '9') {
            d = static_cast<std::uint32_t>(c - '0');
        } else if (hex && c >= 'a' && c <= 'f') {
            d = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (hex && c >= 'A' && c <= 'F') {
            d = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10FFFF) {
            return std::nullopt;
        }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
        return std::nullopt;
    }
    return cp;
}

// Body text ends with the wire's sign-off ("Reuter", sometimes "REUTER"): not article text.
void drop_signoff(std::string& body) {
    static constexpr std::string_view signoff = "reuter";
    std::string_view t = trim(body);
    if (t.size() >= signoff.size() && lower_ascii(t.substr(t.size() - signoff.size())) == signoff) {
        const std::size_t start = t.size() - signoff.size();
        if (start == 0 || t[start - 1] == ' ' || t[start - 1] == '\n' || t[start - 1] == '\t') {
            body = std::string(trim(t.substr(0, start)));
            return;
        }
    }
    body = std::string(t);
}

std::vector<std::string> d_list(std::string_view inner) {
    std::vector<std::string> values;
    std::size_t from = 0;
    while (auto d = find_element(inner, "D", from)) {
        std::string value(trim(decode_sgml_text(d->inner)));
        if (!value.empty()) {
            values.push_back(std::move(value));
        }
        from = d->end;
    }
    return values;
}

} // namespace

std::string decode_sgml_text(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    const auto length = static_cast<std::int32_t>(raw.size());
    std::int32_t i = 0;
    while (i < length) {
        const auto c = static_cast<unsigned char>(raw[static_cast<std::size_t>(i)]);
        if (c == '&') {
            const std::size_t semi = raw.find(';', static_cast<std::size_t>(i) + 1);
            if (semi != std::string_view::npos && semi - static_cast<std::size_t>(i) <= 10) {
                const auto name = raw.substr(static_cast<std::size_t>(i) + 1,
                                             semi - static_cast<std::size_t>(i) - 1);
                if (auto cp = entity_value(name)) {
                    if (!is_dropped_control(*cp)) {
                        append_utf8(out, *cp);
                    }
                    i = static_cast<std::int32_t>(semi) + 1;
                    continue;
                }
            }
            out += '&';
            ++i;
        } else if (c < 0x80) {
            if (!is_dropped_control(c)) {
                out += static_cast<char>(c);
            }
            ++i;
        } else {
            const std::int32_t start = i;
            UChar32 cp = 0;
            U8_NEXT(raw.data(), i, length, cp);
            if (cp < 0) {
                // Not UTF-8: the collection predates it, so the byte is Latin-1.
                i = start + 1;
                cp = static_cast<UChar32>(c);
            }
            if (!is_dropped_control(static_cast<std::uint32_t>(cp))) {
                append_utf8(out, static_cast<std::uint32_t>(cp));
            }
        }
    }
    return out;
}

ReutersSgmlReader::ReutersSgmlReader(std::unique_ptr<InputStream> input, std::string file_name,
                                     const ReaderOptions& options, ProblemSink sink)
    : m_input(std::move(input)), m_file(std::move(file_name)),
      m_max_bytes(options.max_article_bytes), m_sink(std::move(sink)) {}

std::optional<Article> ReutersSgmlReader::next() {
    while (!m_finished) {
        if (!m_line_pending) {
            bool too_long = false;
            if (!m_input->read_line(m_line, max_record_bytes(m_max_bytes), &too_long)) {
                m_finished = true;
                const auto& failure = m_input->failure();
                if (m_in_record) {
                    if (failure) {
                        detail::report(m_sink, ProblemKind::truncated_gzip, m_file, m_record_line,
                                       *failure + " inside this record");
                    } else {
                        detail::report(m_sink, ProblemKind::malformed_record, m_file, m_record_line,
                                       "record has no </REUTERS>");
                    }
                } else if (failure) {
                    detail::report(m_sink, ProblemKind::truncated_gzip, m_file, m_line_no + 1,
                                   *failure);
                } else if (!m_saw_record) {
                    detail::report(m_sink, ProblemKind::empty_file, m_file, 0,
                                   "no <REUTERS> records");
                }
                break;
            }
            ++m_line_no;
            m_line_pos = 0;
            m_line_pending = true;
            if (too_long) {
                // Not SGML as the collection writes it; whatever the line held is lost, and the
                // record it was part of.
                detail::report(m_sink, ProblemKind::too_large, m_file, m_line_no,
                               "line is over " + std::to_string(max_record_bytes(m_max_bytes)) +
                                   " bytes");
                m_saw_record = m_saw_record || m_in_record;
                m_in_record = false;
                m_line_pending = false;
                continue;
            }
        }
        const std::string_view rest = std::string_view(m_line).substr(m_line_pos);
        if (!m_in_record) {
            const std::size_t start = find_open_tag(rest, 0);
            if (start == std::string_view::npos) {
                m_line_pending = false; // text between records (the DOCTYPE) is ignored
                continue;
            }
            m_in_record = true;
            m_saw_record = true;
            m_oversized = false;
            m_record_line = m_line_no;
            m_record.assign(open_tag);
            m_line_pos += start + open_tag.size();
            continue;
        }
        const std::size_t close = rest.find(close_tag);
        const std::size_t reopen = find_open_tag(rest, 0);
        if (reopen != std::string_view::npos &&
            (close == std::string_view::npos || reopen < close)) {
            detail::report(m_sink, ProblemKind::malformed_record, m_file, m_record_line,
                           "record has no </REUTERS> before the next <REUTERS>");
            m_in_record = false;
            m_line_pos += reopen;
            continue;
        }
        if (close == std::string_view::npos) {
            if (!m_oversized) {
                m_record.append(rest);
                m_record += '\n';
                if (m_record.size() > max_record_bytes(m_max_bytes)) {
                    m_oversized = true;
                    m_record.clear();
                    m_record.shrink_to_fit();
                }
            }
            m_line_pending = false;
            continue;
        }
        m_record.append(rest.substr(0, close + close_tag.size()));
        m_line_pos += close + close_tag.size();
        m_in_record = false;
        if (m_oversized) {
            detail::report(m_sink, ProblemKind::too_large, m_file, m_record_line,
                           "record is over " + std::to_string(max_record_bytes(m_max_bytes)) +
                               " bytes");
            continue;
        }
        if (auto article = parse_record(m_record, m_record_line)) {
            return article;
        }
    }
    return std::nullopt;
}

std::optional<Article> ReutersSgmlReader::parse_record(const std::string& record,
                                                       std::uint64_t line) {
    if (record.find('\0') != std::string::npos) {
        detail::report(m_sink, ProblemKind::binary_data, m_file, line, "nul byte in record");
        return std::nullopt;
    }
    const std::string_view r(record);
    Article a;
    a.origin = SourceLocation{m_file, line};
    a.source = "reuters";
    a.language = "en";

    const std::size_t tag_end = r.find('>');
    if (tag_end == std::string_view::npos) {
        detail::report(m_sink, ProblemKind::malformed_record, m_file, line,
                       "unterminated <REUTERS> tag");
        return std::nullopt;
    }
    a.id = std::string(trim(attribute(r.substr(0, tag_end), "NEWID")));

    if (auto date = find_element(r, "DATE")) {
        // Some dates are followed by wire framing ("…59.13&#5;&#5;&#5;RM") or an editor's
        // note ("9-APR-1987 00:00:00.00  # date added by …"): the date ends before either.
        std::string_view raw = date->inner;
        std::size_t cut = raw.find("&#");
        while (cut != std::string_view::npos) {
            const std::size_t semi = raw.find(';', cut);
            const auto cp = semi == std::string_view::npos
                                ? std::nullopt
                                : entity_value(raw.substr(cut + 1, semi - cut - 1));
            if (cp && is_dropped_control(*cp)) {
                break;
            }
            cut = raw.find("&#", cut + 2);
        }
        raw = raw.substr(0, cut);
        raw = raw.substr(0, raw.find('#'));
        const std::string text(trim(decode_sgml_text(raw)));
        // One record has an impossible time ("31-MAR-1987 605:12:19.12"); its day is still
        // good, and a day beats no date for filtering and faceting.
        const std::string_view day = std::string_view(text).substr(0, text.find(' '));
        if (!text.empty() && day.size() < text.size() && !parse_date(text)) {
            a.published = parse_date(day);
        }
        if (a.published) {
            a.published_text = text;
            detail::report(m_sink, ProblemKind::bad_date, m_file, line,
                           "cannot read time in '" + text + "'; kept the day only");
        } else {
            detail::set_published(a, text, m_sink);
        }
    }

    static const std::array<std::pair<std::string_view, const char*>, 5> label_elements = {{
        {"TOPICS", "topics"},
        {"PLACES", "places"},
        {"PEOPLE", "people"},
        {"ORGS", "orgs"},
        {"EXCHANGES", "exchanges"},
    }};
    for (const auto& [element, label] : label_elements) {
        if (auto e = find_element(r, element)) {
            auto values = d_list(e->inner);
            if (!values.empty()) {
                a.labels[label] = std::move(values);
            }
        }
    }

    if (auto text = find_element(r, "TEXT")) {
        const std::string_view inner = text->inner;
        std::string rest; // TEXT without its TITLE, DATELINE and AUTHOR: the body of a brief
        std::size_t copied = 0;
        std::vector<Element> parts;
        if (auto e = find_element(inner, "TITLE")) {
            a.title = detail::collapse_whitespace(decode_sgml_text(e->inner));
            parts.push_back(*e);
        }
        if (auto e = find_element(inner, "DATELINE")) {
            a.dateline = detail::collapse_whitespace(decode_sgml_text(e->inner));
            parts.push_back(*e);
        }
        if (auto e = find_element(inner, "AUTHOR")) {
            a.author = detail::clean_author(decode_sgml_text(e->inner));
            // "by Janie Gabbett, Reuters": the agency is already the source.
            constexpr std::string_view agency = ", reuters";
            const std::string lower = lower_ascii(a.author);
            if (lower.size() > agency.size() &&
                lower.compare(lower.size() - agency.size(), agency.size(), agency) == 0) {
                a.author.erase(a.author.size() - agency.size());
            }
            parts.push_back(*e);
        }
        if (auto e = find_element(inner, "BODY")) {
            a.body = decode_sgml_text(e->inner);
        } else {
            std::sort(parts.begin(), parts.end(),
                      [](const Element& x, const Element& y) { return x.begin < y.begin; });
            for (const Element& part : parts) {
                rest.append(inner.substr(copied, part.begin - copied));
                copied = part.end;
            }
            rest.append(inner.substr(copied));
            a.body = decode_sgml_text(rest);
            // Briefs start with a row of asterisks before the headline.
            const std::size_t first = a.body.find_first_not_of(" \t\n*");
            a.body.erase(0, first == std::string::npos ? a.body.size() : first);
        }
        drop_signoff(a.body);
    }

    // The collection's ids are the keys of its relevance and category judgements, so an
    // empty record with a NEWID (there is one, 12793) is kept rather than dropped.
    if (!detail::finish_article(a, m_max_bytes, m_sink, !a.id.empty())) {
        return std::nullopt;
    }
    return a;
}

} // namespace newsdex::corpus
