#include "newsdex/index/document_builder.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "newsdex/analysis/dates.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/schema.h"

namespace newsdex::index {
namespace {

std::string two_digits(int v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

void hash_field(std::uint64_t& h, std::string_view s) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    h ^= 0xff; // field separator: ("ab","c") and ("a","bc") differ
    h *= 1099511628211ULL;
}

} // namespace

std::string encode_stored(const Article& a) {
    nlohmann::json j = {{"id", a.id},         {"title", a.title},   {"url", a.url},
                        {"source", a.source}, {"author", a.author}, {"language", a.language},
                        {"body", a.body}};
    j["published"] = a.published ? analysis::format_iso8601(*a.published) : std::string();
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredArticle decode_stored(const std::string& data) {
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
    return s;
}

std::string content_hash(const Article& a) {
    std::uint64_t h = 1469598103934665603ULL;
    hash_field(h, std::to_string(schema::version));
    for (const std::string* f : {&a.id, &a.url, &a.title, &a.body, &a.source, &a.author,
                                 &a.language, &a.dateline, &a.published_text}) {
        hash_field(h, *f);
    }
    hash_field(h, a.published ? std::to_string(a.published->unix_seconds) + "/" +
                                    std::to_string(a.published->utc_offset_minutes)
                              : std::string("-"));
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

DocumentBuilder::DocumentBuilder(std::string_view default_language)
    : m_analyzer(default_language) {}

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
    index_text(doc, a.author, author.prefix, stemmer, author_pos, 1);

    doc.add_boolean_term(schema::id_term(a.id));
    if (!a.author.empty()) {
        doc.add_value(schema::find_facet("author")->first_slot, a.author);
    }
    if (!a.source.empty()) {
        const std::string source = analysis::fold(a.source);
        doc.add_boolean_term(schema::boolean_term(schema::field("source").prefix, source));
        doc.add_value(schema::slot(schema::Slot::source), a.source);
    }
    const std::string language = analysis::snowball_language(a.language).empty()
                                     ? analysis::fold(a.language)
                                     : analysis::fold(a.language).substr(0, 2);
    if (!language.empty()) {
        doc.add_boolean_term(schema::boolean_term(schema::field("language").prefix, language));
    }
    if (a.published) {
        const analysis::CivilDate d = analysis::local_date(*a.published);
        const std::string year = std::to_string(d.year);
        const std::string month = year + two_digits(d.month);
        const std::string day = month + two_digits(d.day);
        doc.add_boolean_term(schema::boolean_term(schema::field("year").prefix, year));
        doc.add_boolean_term(schema::boolean_term(schema::field("month").prefix, month));
        doc.add_boolean_term(schema::boolean_term(schema::field("day").prefix, day));
        doc.add_value(schema::slot(schema::Slot::published_day), day);
        doc.add_value(schema::slot(schema::Slot::published_month), month);
        doc.add_value(schema::slot(schema::Slot::published_time),
                      Xapian::sortable_serialise(static_cast<double>(a.published->unix_seconds)));
    }
    doc.add_value(schema::slot(schema::Slot::content_hash), content_hash(a));
    doc.set_data(encode_stored(a));
    return doc;
}

} // namespace newsdex::index
