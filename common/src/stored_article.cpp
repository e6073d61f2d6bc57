#include "newsdex/stored_article.h"

#include <nlohmann/json.hpp>

#include "newsdex/analysis/entities.h"
#include "newsdex/ascii.h"
#include "newsdex/schema.h"
#include "newsdex/time/timestamp.h"
#include "newsdex/utf8.h"

namespace newsdex {
namespace {

template <typename T, typename F>
nlohmann::json first_few(const std::vector<T>& values, F&& display, std::size_t n = 8) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < values.size() && i < n; ++i) {
        out.push_back(display(values[i]));
    }
    return out;
}

} // namespace

namespace {

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

// The boilerplate ranges that are cut from a body, in order: those inside it that do not
// overlap an earlier one. The one rule for the story and for the pieces stored beside it.
template <typename F>
void for_each_cut(const std::string& body, const Ranges& boilerplate, F&& cut) {
    std::size_t cursor = 0;
    for (const auto& [start, end] : boilerplate) {
        if (start >= cursor && end >= start && end <= body.size()) {
            cut(start, end);
            cursor = end;
        }
    }
}

// The body as read, from the story and the pieces cut from it ("OFFSET:TEXT"); nullopt when
// the pieces do not fit the story.
std::optional<std::string> uncut_body(const std::string& story,
                                      const std::vector<std::string>& pieces) {
    std::string body;
    std::size_t from_story = 0;
    for (const std::string& piece : pieces) {
        const std::size_t colon = piece.find(':');
        if (colon == 0 || colon == std::string::npos || colon > 12 ||
            !all_digits(std::string_view(piece).substr(0, colon))) {
            return std::nullopt;
        }
        const std::size_t offset = std::stoull(piece.substr(0, colon));
        if (offset < body.size() || offset - body.size() > story.size() - from_story) {
            return std::nullopt;
        }
        const std::size_t kept = offset - body.size();
        body.append(story, from_story, kept);
        from_story += kept;
        body.append(piece, colon + 1, std::string::npos);
    }
    body.append(story, from_story, std::string::npos);
    return body;
}

} // namespace

std::string story_text(const std::string& body, const Ranges& boilerplate) {
    if (boilerplate.empty()) {
        return body;
    }
    std::string out;
    std::size_t cursor = 0;
    for_each_cut(body, boilerplate, [&](std::size_t start, std::size_t end) {
        out.append(body, cursor, start - cursor);
        cursor = end;
    });
    out.append(body, cursor, std::string::npos);
    return out;
}

std::string encode_stored(const Article& a, const analysis::ArticleEntities* entities,
                          const std::string* story) {
    nlohmann::json j = {{"id", a.id},         {"title", a.title},   {"url", a.url},
                        {"source", a.source}, {"author", a.author}, {"language", a.language}};
    j["published"] = a.published ? format_iso8601(*a.published) : std::string();
    // What the input had that the display keys leave out, so that the article can be given
    // back as read (stored_input).
    if (!a.dateline.empty()) {
        j["dateline"] = a.dateline;
    }
    if (!a.published_text.empty()) {
        j["published_text"] = a.published_text;
    }
    if (entities != nullptr) {
        j["body"] = story != nullptr ? *story : story_text(a.body, entities->boilerplate);
        if (!entities->boilerplate.empty()) {
            nlohmann::json pieces = nlohmann::json::array();
            for_each_cut(a.body, entities->boilerplate, [&](std::size_t start, std::size_t end) {
                pieces.push_back(std::to_string(start) + ":" + a.body.substr(start, end - start));
            });
            j["boilerplate"] = std::move(pieces);
        }
        if (a.author.empty() && !entities->byline.empty()) {
            j["author"] = entities->byline;
            j["input_author"] = a.author;
        }
        std::vector<std::string> actors = entities->persons;
        actors.insert(actors.end(), entities->organisations.begin(), entities->organisations.end());
        const auto same = [](const std::string& s) { return s; };
        j["facets"] = {
            {"actor", first_few(actors, same)},
            {"location", first_few(entities->locations,
                                   [](const analysis::LocationFacet& l) {
                                       return schema::location_display(l.name, l.country);
                                   })},
            {"country", first_few(entities->countries, same)},
        };
    } else {
        j["body"] = a.body;
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// A reader for exactly what encode_stored() writes: one object of strings, and "facets", an
// object of arrays of strings. Every hit shown is decoded, and a general JSON parser building
// a tree took about as long as fetching the data from the database; this takes a tenth.
// Anything unexpected returns false and the general parser takes over.
class StoredReader {
public:
    explicit StoredReader(std::string_view text) : m_text(text) {}

    bool read(StoredArticle& out) {
        if (!expect('{')) {
            return false;
        }
        if (peek() == '}') {
            return true;
        }
        for (;;) {
            std::string key;
            if (!string(key) || !expect(':')) {
                return false;
            }
            if (key == "facets") {
                if (!facets(out)) {
                    return false;
                }
            } else if (key == "boilerplate") {
                if (!strings(out.boilerplate)) {
                    return false;
                }
            } else if (key == "input_author") {
                if (!string(out.input_author.emplace())) {
                    return false;
                }
            } else {
                std::string* field = key == "id"               ? &out.id
                                     : key == "title"          ? &out.title
                                     : key == "url"            ? &out.url
                                     : key == "source"         ? &out.source
                                     : key == "author"         ? &out.author
                                     : key == "published"      ? &out.published
                                     : key == "language"       ? &out.language
                                     : key == "body"           ? &out.body
                                     : key == "dateline"       ? &out.dateline
                                     : key == "published_text" ? &out.published_text
                                                               : nullptr;
                std::string ignored;
                if (!string(field != nullptr ? *field : ignored)) {
                    return false;
                }
            }
            if (peek() == ',') {
                ++m_at;
                continue;
            }
            return expect('}');
        }
    }

private:
    char peek() {
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\n' ||
                                        m_text[m_at] == '\t' || m_text[m_at] == '\r')) {
            ++m_at;
        }
        return m_at < m_text.size() ? m_text[m_at] : '\0';
    }

    bool expect(char c) {
        if (peek() != c) {
            return false;
        }
        ++m_at;
        return true;
    }

    bool hex4(unsigned& value) {
        if (m_at + 4 > m_text.size()) {
            return false;
        }
        value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_at++];
            value <<= 4;
            if (c >= '0' && c <= '9') {
                value |= static_cast<unsigned>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                value |= static_cast<unsigned>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                value |= static_cast<unsigned>(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return true;
    }

    bool string(std::string& out) {
        if (!expect('"')) {
            return false;
        }
        out.clear();
        for (;;) {
            const std::size_t run = m_text.find_first_of("\"\\", m_at);
            if (run == std::string_view::npos) {
                return false;
            }
            out.append(m_text.substr(m_at, run - m_at));
            m_at = run + 1;
            if (m_text[run] == '"') {
                return true;
            }
            if (m_at >= m_text.size()) {
                return false;
            }
            const char e = m_text[m_at++];
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out += e;
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                unsigned cp = 0;
                if (!hex4(cp)) {
                    return false;
                }
                if (cp >= 0xD800 && cp < 0xDC00 && m_text.substr(m_at, 2) == "\\u") {
                    m_at += 2;
                    unsigned low = 0;
                    if (!hex4(low) || low < 0xDC00 || low >= 0xE000) {
                        return false;
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                append_utf8(out, cp);
                break;
            }
            default:
                return false;
            }
        }
    }

    // An array of strings.
    bool strings(std::vector<std::string>& list) {
        if (!expect('[')) {
            return false;
        }
        if (peek() != ']') {
            for (;;) {
                if (!string(list.emplace_back())) {
                    return false;
                }
                if (peek() == ',') {
                    ++m_at;
                    continue;
                }
                break;
            }
        }
        return expect(']');
    }

    bool facets(StoredArticle& out) {
        if (!expect('{')) {
            return false;
        }
        if (peek() == '}') {
            ++m_at;
            return true;
        }
        for (;;) {
            std::string key;
            if (!string(key) || !expect(':')) {
                return false;
            }
            std::vector<std::string> ignored;
            std::vector<std::string>& list = key == "actor"      ? out.actors
                                             : key == "location" ? out.locations
                                             : key == "country"  ? out.countries
                                                                 : ignored;
            if (!strings(list)) {
                return false;
            }
            if (peek() == ',') {
                ++m_at;
                continue;
            }
            return expect('}');
        }
    }

    std::string_view m_text;
    std::size_t m_at = 0;
};

} // namespace

StoredArticle decode_stored(const std::string& data) {
    {
        StoredArticle fast;
        if (StoredReader(data).read(fast)) {
            return fast;
        }
    }
    StoredArticle s;
    const auto j = nlohmann::json::parse(data, nullptr, false);
    if (!j.is_object()) {
        return s;
    }
    auto get = [&j](const char* key) {
        const auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    s.id = get("id");
    s.title = get("title");
    s.url = get("url");
    s.source = get("source");
    s.author = get("author");
    s.published = get("published");
    s.language = get("language");
    s.body = get("body");
    s.dateline = get("dateline");
    s.published_text = get("published_text");
    if (const auto it = j.find("input_author"); it != j.end() && it->is_string()) {
        s.input_author = it->get<std::string>();
    }
    auto list = [](const nlohmann::json& object, const char* key) {
        std::vector<std::string> out;
        const auto it = object.find(key);
        if (it != object.end() && it->is_array()) {
            for (const auto& v : *it) {
                if (v.is_string()) {
                    out.push_back(v.get<std::string>());
                }
            }
        }
        return out;
    };
    s.boilerplate = list(j, "boilerplate");
    const auto facets = j.find("facets");
    if (facets != j.end() && facets->is_object()) {
        s.actors = list(*facets, "actor");
        s.locations = list(*facets, "location");
        s.countries = list(*facets, "country");
    }
    return s;
}

std::optional<Article> stored_input(const std::string& data) {
    StoredArticle s = decode_stored(data);
    if (s.id.empty()) {
        return std::nullopt;
    }
    Article a;
    a.id = std::move(s.id);
    a.url = std::move(s.url);
    a.title = std::move(s.title);
    a.source = std::move(s.source);
    a.language = std::move(s.language);
    a.dateline = std::move(s.dateline);
    a.author = s.input_author ? std::move(*s.input_author) : std::move(s.author);
    std::optional<std::string> body = uncut_body(s.body, s.boilerplate);
    a.body = body ? std::move(*body) : std::move(s.body);
    a.published_text = std::move(s.published_text);
    if (!s.published.empty()) {
        a.published = parse_date(s.published);
        if (!a.published && a.published_text.empty()) {
            a.published_text = std::move(s.published); // kept, as a reader keeps a bad date
        }
    }
    return a;
}

} // namespace newsdex
