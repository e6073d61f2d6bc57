#include "newsdex/index/document_builder.h"

#include <cstdio>
#include <optional>

#include <nlohmann/json.hpp>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/analysis/simhash.h"
#include "newsdex/hash.h"
#include "newsdex/schema.h"
#include "newsdex/time/timestamp.h"
#include "newsdex/utf8.h"

namespace newsdex::index {
namespace {

void hash_field(std::uint64_t& h, std::string_view s) {
    h = fnv1a64(s, h);
    h = fnv1a64(std::uint8_t{0xff}, h); // field separator: ("ab","c") and ("a","bc") differ
}

} // namespace

namespace {

// The body without its boilerplate lines ("More news: …", bylines): snippets come from it.
std::string story_text(const std::string& body,
                       const std::vector<std::pair<std::size_t, std::size_t>>& boilerplate) {
    if (boilerplate.empty()) {
        return body;
    }
    std::string out;
    std::size_t cursor = 0;
    for (const auto& [start, end] : boilerplate) {
        if (start >= cursor && end <= body.size()) {
            out.append(body, cursor, start - cursor);
            cursor = end;
        }
    }
    out.append(body, cursor, std::string::npos);
    return out;
}

template <typename T, typename F>
nlohmann::json first_few(const std::vector<T>& values, F&& display, std::size_t n = 8) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < values.size() && i < n; ++i) {
        out.push_back(display(values[i]));
    }
    return out;
}

} // namespace

std::string encode_stored(const Article& a, const analysis::ArticleEntities* entities,
                          const std::string* story) {
    nlohmann::json j = {{"id", a.id},         {"title", a.title},   {"url", a.url},
                        {"source", a.source}, {"author", a.author}, {"language", a.language}};
    j["published"] = a.published ? format_iso8601(*a.published) : std::string();
    if (entities != nullptr) {
        j["body"] = story != nullptr ? *story : story_text(a.body, entities->boilerplate);
        if (a.author.empty()) {
            j["author"] = entities->byline;
        }
        std::vector<std::string> actors = entities->persons;
        actors.insert(actors.end(), entities->organisations.begin(),
                      entities->organisations.end());
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
            } else {
                std::string* field = key == "id"          ? &out.id
                                     : key == "title"     ? &out.title
                                     : key == "url"       ? &out.url
                                     : key == "source"    ? &out.source
                                     : key == "author"    ? &out.author
                                     : key == "published" ? &out.published
                                     : key == "language"  ? &out.language
                                     : key == "body"      ? &out.body
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
            case '"': case '\\': case '/': out += e; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
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
            if (!string(key) || !expect(':') || !expect('[')) {
                return false;
            }
            std::vector<std::string> ignored;
            std::vector<std::string>& list = key == "actor"      ? out.actors
                                             : key == "location" ? out.locations
                                             : key == "country"  ? out.countries
                                                                 : ignored;
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
            if (!expect(']')) {
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
    const auto facets = j.find("facets");
    if (facets != j.end() && facets->is_object()) {
        auto list = [&facets](const char* key) {
            std::vector<std::string> out;
            const auto it = facets->find(key);
            if (it != facets->end() && it->is_array()) {
                for (const auto& v : *it) {
                    if (v.is_string()) {
                        out.push_back(v.get<std::string>());
                    }
                }
            }
            return out;
        };
        s.actors = list("actor");
        s.locations = list("location");
        s.countries = list("country");
    }
    return s;
}

std::string content_hash(const Article& a) {
    std::uint64_t h = fnv1a64_stored_basis;
    hash_field(h, std::to_string(schema::version));
    for (const std::string* f : {&a.id, &a.url, &a.title, &a.body, &a.source, &a.author,
                                 &a.language, &a.dateline, &a.published_text}) {
        hash_field(h, *f);
    }
    hash_field(h, a.published ? std::to_string(a.published->unix_seconds) + "/" +
                                    std::to_string(a.published->utc_offset_minutes)
                              : std::string("-"));
    return hex16(h);
}

DocumentBuilder::DocumentBuilder(std::string_view default_language,
                                 const analysis::EntityExtractor* extractor)
    : m_analyzer(default_language), m_extractor(extractor) {}

namespace {

// Writes a facet's values as filter terms (all of them) and into its value slots (as many as
// there are slots, most salient first), so that ValueCountMatchSpy counts each document once
// per value.
void add_facet_values(Xapian::Document& doc, std::string_view facet,
                      const std::vector<std::string>& displays) {
    const schema::Field& field = schema::field(facet);
    const schema::Facet* slots = schema::find_facet(facet);
    unsigned used = 0;
    std::string packed;
    for (const std::string& display : displays) {
        // Xapian terms end at 245 bytes; a "name" that long is a tagging accident, not a facet.
        if (display.empty() || display.size() > schema::max_facet_value_bytes) {
            continue;
        }
        doc.add_boolean_term(
            schema::boolean_term(field.prefix, schema::facet_key(facet, display)));
        if (slots != nullptr && used < slots->slot_count) {
            doc.add_value(slots->first_slot + used++, display);
            packed += (packed.empty() ? "" : std::string(1, schema::packed_separator)) + display;
        }
    }
    if (slots != nullptr && slots->packed_slot != 0 && !packed.empty()) {
        doc.add_value(slots->packed_slot, packed);
    }
}

void add_mentioned_dates(Xapian::Document& doc, const std::vector<analysis::DateMention>& dates) {
    const std::string year_prefix(schema::mentioned_year_prefix);
    const std::string month_prefix(schema::mentioned_month_prefix);
    const std::string day_prefix(schema::mentioned_day_prefix);
    for (const analysis::DateMention& d : dates) {
        doc.add_boolean_term(year_prefix + schema::year_key(d.first.year));
        if (d.precision == analysis::DatePrecision::year) {
            continue;
        }
        doc.add_boolean_term(month_prefix + schema::month_key(d.first.year, d.first.month));
        if (d.precision == analysis::DatePrecision::month) {
            continue;
        }
        // A day range ("January 29-30") adds each day, up to a month's worth.
        CivilDate day = d.first;
        for (int guard = 0; guard < 31; ++guard) {
            doc.add_boolean_term(day_prefix + schema::day_key(day));
            if (day == d.last) {
                break;
            }
            day = add_days(day, 1);
            if (day.month != d.first.month || day.year != d.first.year) {
                doc.add_boolean_term(month_prefix + schema::month_key(day.year, day.month));
            }
        }
    }
}

} // namespace

void DocumentBuilder::add_facets(Xapian::Document& doc, const analysis::ArticleEntities& e) {
    std::vector<std::string> actors = e.persons;
    actors.insert(actors.end(), e.organisations.begin(), e.organisations.end());
    add_facet_values(doc, "actor", actors);
    add_facet_values(doc, "person", e.persons);
    add_facet_values(doc, "org", e.organisations);
    std::vector<std::string> locations;
    for (const analysis::LocationFacet& l : e.locations) {
        locations.push_back(schema::location_display(l.name, l.country));
    }
    add_facet_values(doc, "location", locations);
    std::vector<std::string> countries;
    for (const std::string& code : e.countries) {
        const analysis::Country* country = m_extractor->gazetteer().country(code);
        countries.push_back(country != nullptr ? country->name : code);
    }
    // Country terms are the ISO code (country:SY), slots the name (facet counts read well).
    const schema::Field& country_field = schema::field("country");
    const schema::Facet* country_slots = schema::find_facet("country");
    std::string packed;
    for (std::size_t i = 0; i < e.countries.size(); ++i) {
        doc.add_boolean_term(
            schema::boolean_term(country_field.prefix, analysis::fold(e.countries[i])));
        if (i < country_slots->slot_count) {
            doc.add_value(country_slots->first_slot + static_cast<unsigned>(i), countries[i]);
            packed += (packed.empty() ? "" : std::string(1, schema::packed_separator)) + countries[i];
        }
    }
    if (!packed.empty()) {
        doc.add_value(country_slots->packed_slot, packed);
    }
    add_mentioned_dates(doc, e.dates);
}

void DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text,
                                 std::string_view prefix, const Xapian::Stem& stemmer,
                                 Xapian::termpos& pos, Xapian::termcount wdf) {
    m_analyzer.analyse(text, m_tokens);
    std::string term;
    std::string stemmed;
    for (const analysis::Token& t : m_tokens) {
        ++pos;
        term.assign(prefix);
        term += t.term;
        doc.add_posting(term, pos, wdf);
        // Stemmed terms carry no positions (phrases match exact words), as Xapian's
        // TermGenerator does with STEM_SOME.
        stemmed.assign(schema::stem_prefix);
        stemmed += prefix;
        stemmed += stemmer(t.term);
        doc.add_term(stemmed, wdf);
    }
}

Xapian::Document DocumentBuilder::build(const Article& a) {
    Xapian::Document doc;
    std::optional<analysis::ArticleEntities> entities;
    if (m_extractor != nullptr) {
        entities = m_extractor->extract(a);
        add_facets(doc, *entities);
    }
    // The byline found in the body is the author when the input named none.
    const std::string& author_text = !a.author.empty() || !entities ? a.author : entities->byline;
    const Xapian::Stem& stemmer = m_analyzer.stemmer_for(a.language);
    const auto& title = schema::field("title");
    const auto& author = schema::field("author");

    Xapian::termpos pos = 0;
    // Title words go in twice: under the title prefix (for title:word) and, weighted up,
    // among the body words, so that a match in the headline ranks higher.
    index_text(doc, a.title, title.prefix, stemmer, pos, 1);
    pos = 0;
    index_text(doc, a.title, "", stemmer, pos, schema::title_weight);
    pos += schema::field_gap;
    if (!a.dateline.empty()) {
        index_text(doc, a.dateline, "", stemmer, pos, 1);
        pos += schema::field_gap;
    }
    index_text(doc, a.body, "", stemmer, pos, 1);
    Xapian::termpos author_pos = 0;
    index_text(doc, author_text, author.prefix, stemmer, author_pos, 1);

    doc.add_boolean_term(schema::id_term(a.id));
    if (!author_text.empty()) {
        doc.add_value(schema::find_facet("author")->first_slot, author_text);
    }
    if (!a.source.empty() && a.source.size() <= schema::max_facet_value_bytes) {
        const std::string source = analysis::fold(a.source);
        doc.add_boolean_term(schema::boolean_term(schema::field("source").prefix, source));
        doc.add_value(schema::slot(schema::Slot::source), a.source);
    }
    const std::string language = analysis::snowball_language(a.language).empty()
                                     ? analysis::fold(a.language)
                                     : analysis::fold(a.language).substr(0, 2);
    if (!language.empty() && language.size() <= schema::max_facet_value_bytes) {
        doc.add_boolean_term(schema::boolean_term(schema::field("language").prefix, language));
    }
    if (a.published) {
        const CivilDate d = local_date(*a.published);
        const std::string year = schema::year_key(d.year);
        const std::string month = schema::month_key(d.year, d.month);
        const std::string day = schema::day_key(d);
        doc.add_boolean_term(schema::boolean_term(schema::field("year").prefix, year));
        doc.add_boolean_term(schema::boolean_term(schema::field("month").prefix, month));
        doc.add_boolean_term(schema::boolean_term(schema::field("day").prefix, day));
        doc.add_value(schema::slot(schema::Slot::published_day), day);
        doc.add_value(schema::slot(schema::Slot::published_month), month);
        doc.add_value(schema::slot(schema::Slot::published_time),
                      Xapian::sortable_serialise(static_cast<double>(a.published->unix_seconds)));
    }
    doc.add_value(schema::slot(schema::Slot::content_hash), content_hash(a));
    // The signature of the story (boilerplate does not count: an added "More news:" line must
    // not make a copy look new). The writer adds the cluster, which needs the database.
    const std::string story = entities ? story_text(a.body, entities->boilerplate) : a.body;
    const std::optional<analysis::Simhash> signature = analysis::simhash(story, m_analyzer);
    if (signature) {
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(signature->bits));
        doc.add_value(schema::slot(schema::Slot::simhash), hex);
    }
    doc.set_data(encode_stored(a, entities ? &*entities : nullptr, &story));
    return doc;
}

} // namespace newsdex::index
