#include "newsdex/index/document_builder.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "newsdex/analysis/boilerplate.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/analysis/simhash.h"
#include "newsdex/ascii.h"
#include "newsdex/hash.h"
#include "newsdex/schema.h"
#include "newsdex/stored_article.h"
#include "newsdex/time/timestamp.h"

namespace newsdex::index {
namespace {

void hash_field(std::uint64_t& h, std::string_view s) {
    h = fnv1a64(s, h);
    h = fnv1a64(std::uint8_t{0xff}, h); // field separator: ("ab","c") and ("a","bc") differ
}

} // namespace

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
                                 const analysis::EntityExtractor* extractor,
                                 const UserAliases* user_aliases)
    : m_analyzer(default_language), m_extractor(extractor), m_user_aliases(user_aliases) {}

namespace {

// Writes a facet's values as filter terms (all of them) and into its value slots (as many as
// there are slots, most salient first, each value once: see distinct_facet_values), so that
// ValueCountMatchSpy counts each document once per value.
void add_facet_values(Xapian::Document& doc, std::string_view facet,
                      const std::vector<std::string>& displays) {
    const schema::Field& field = schema::field(facet);
    const schema::Facet* slots = schema::find_facet(facet);
    std::vector<std::string> slotted;
    for (const std::string& display : schema::distinct_facet_values(facet, displays)) {
        // Xapian terms end at 245 bytes; a "name" that long is a tagging accident, not a facet.
        if (display.empty() || display.size() > schema::max_facet_value_bytes) {
            continue;
        }
        doc.add_boolean_term(schema::boolean_term(field.prefix, schema::facet_key(facet, display)));
        if (slots != nullptr && slotted.size() < slots->slot_count) {
            doc.add_value(slots->first_slot + static_cast<unsigned>(slotted.size()), display);
            slotted.push_back(display);
        }
    }
    if (slots != nullptr && slots->packed_slot != 0 && !slotted.empty()) {
        doc.add_value(slots->packed_slot, schema::packed_join(slotted));
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
    std::vector<std::string> slotted;
    for (std::size_t i = 0; i < e.countries.size(); ++i) {
        doc.add_boolean_term(
            schema::boolean_term(country_field.prefix, analysis::fold(e.countries[i])));
        if (i < country_slots->slot_count) {
            doc.add_value(country_slots->first_slot + static_cast<unsigned>(i), countries[i]);
            slotted.push_back(countries[i]);
        }
    }
    if (!slotted.empty()) {
        doc.add_value(country_slots->packed_slot, schema::packed_join(slotted));
    }
    add_mentioned_dates(doc, e.dates);
}

// The facet values as written (user rules applied), each with the forms its mentions took.
std::vector<registry::Mention> DocumentBuilder::registry_names(const analysis::ArticleEntities& e) {
    std::vector<registry::Mention> names;
    std::map<std::string, std::set<std::string>> forms; // "<type letter><facet key>" → forms
    auto form_key = [](registry::Kind kind, const std::string& key) {
        return static_cast<char>(kind) + key;
    };
    for (const analysis::EntityMention& m : e.mentions) {
        std::string form;
        for (char c : m.text) { // a name wrapped over two lines is one form
            if (is_space(c)) {
                if (!form.empty() && form.back() != ' ') {
                    form += ' ';
                }
            } else {
                form += c;
            }
        }
        if (form.empty() || form.size() > schema::max_facet_value_bytes) {
            continue;
        }
        if (m.type == analysis::EntityType::location) {
            forms[form_key(registry::Kind::place,
                           schema::facet_key("location",
                                             schema::location_display(m.canonical, m.country)))]
                .insert(std::move(form));
        } else if (m.type != analysis::EntityType::misc) {
            const registry::Kind kind = m.type == analysis::EntityType::person
                                            ? registry::Kind::person
                                            : registry::Kind::organisation;
            forms[form_key(kind, schema::facet_key("actor", m.canonical))].insert(std::move(form));
        }
    }
    auto add = [&](registry::Kind kind, std::string_view facet, const std::string& display,
                   const std::string& country) {
        if (display.empty() || display.size() > schema::max_facet_value_bytes) {
            return; // no term either (add_facet_values)
        }
        registry::Mention m{kind, schema::facet_key(facet, display), display, country, {}};
        if (auto it = forms.find(form_key(kind, m.key)); it != forms.end()) {
            m.forms.assign(it->second.begin(), it->second.end());
        }
        names.push_back(std::move(m));
    };
    for (const std::string& p : e.persons) {
        add(registry::Kind::person, "person", p, {});
    }
    for (const std::string& o : e.organisations) {
        add(registry::Kind::organisation, "org", o, {});
    }
    for (const analysis::LocationFacet& l : e.locations) {
        add(registry::Kind::place, "location", schema::location_display(l.name, l.country),
            l.country);
    }
    return names;
}

bool spelling_word(std::string_view term) {
    return term.size() >= 3 && std::all_of(term.begin(), term.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
           });
}

void DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text,
                                 std::string_view prefix, const Xapian::Stem& stemmer,
                                 Xapian::termpos& pos, Xapian::termcount wdf,
                                 std::vector<std::string>* spelling_words, bool names_apart) {
    std::string term;
    std::string stemmed;
    // A piece at a time: the tokens of a whole 8 MB body would take 60 bytes a word.
    for (std::string_view rest = text; !rest.empty();) {
        m_analyzer.analyse(analysis::next_piece(rest), m_tokens);
        for (const analysis::Token& t : m_tokens) {
            ++pos;
            term.assign(prefix);
            term += t.term;
            doc.add_posting(term, pos, wdf);
            if (spelling_words != nullptr && spelling_word(t.term)) {
                spelling_words->push_back(t.term);
            }
            // Stemmed terms carry no positions (phrases match exact words), as Xapian's
            // TermGenerator does with STEM_SOME.
            stemmed.assign(schema::stem_prefix);
            stemmed += prefix;
            stemmed += stemmer(t.term);
            // A name inside a sentence of the story matches its stem's queries without
            // weight, so "cities" does not rank stories naming Citi: the exact form ranks
            // them (QueryBuilder), and a lower-case query still finds the name.
            doc.add_term(stemmed, names_apart && t.name_inside_sentence ? 0 : wdf);
            if (!t.alternative.empty()) { // "Schröder": also "schroeder", as some write it
                term.assign(prefix);
                term += t.alternative;
                doc.add_posting(term, pos, wdf);
                stemmed.assign(schema::stem_prefix);
                stemmed += prefix;
                stemmed += stemmer(t.alternative);
                doc.add_term(stemmed, wdf);
            }
            if (t.acronym && prefix.empty()) {
                term.assign(schema::acronym_prefix);
                term += t.term;
                doc.add_term(term, wdf);
            }
        }
    }
}

// The words of the canonical names the article's facets hold: a name the text spells in
// another form ("Schröder", "Schroeder") is offered in the form its facet shows.
void DocumentBuilder::add_name_words(const analysis::ArticleEntities& e,
                                     std::vector<std::string>& words) {
    auto add = [&](const std::string& name) {
        m_analyzer.analyse(name, m_tokens);
        for (const analysis::Token& t : m_tokens) {
            if (spelling_word(t.term)) {
                words.push_back(t.term);
            }
        }
    };
    for (const std::string& name : e.persons) {
        add(name);
    }
    for (const std::string& name : e.organisations) {
        add(name);
    }
    for (const analysis::LocationFacet& l : e.locations) {
        add(l.name);
    }
}

Xapian::Document DocumentBuilder::build(const Article& a) { return build(a, content_hash(a)).doc; }

BuiltDocument DocumentBuilder::build(const Article& a, const std::string& hash) {
    BuiltDocument built;
    Xapian::Document& doc = built.doc;
    std::optional<analysis::ArticleEntities> entities;
    if (m_extractor != nullptr) {
        // The extractor holds tokens, sentences and candidates of its whole text at once
        // (about 15 bytes a byte): for a body longer than a book chapter, the facets come from
        // its first MiB, so that memory stays a small multiple of the article.
        constexpr std::size_t entity_text_bytes = std::size_t{1} << 20;
        if (a.body.size() > entity_text_bytes) {
            Article lead = a;
            std::string_view rest = lead.body;
            lead.body.resize(analysis::next_piece(rest, entity_text_bytes).size());
            lead.body.shrink_to_fit();
            entities = m_extractor->extract(lead);
        } else {
            entities = m_extractor->extract(a);
        }
        if (m_user_aliases != nullptr) {
            m_user_aliases->apply(*entities);
        }
        add_facets(doc, *entities);
        built.names = registry_names(*entities);
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
    std::vector<std::string>& words = built.spelling_words;
    index_text(doc, a.title, "", stemmer, pos, schema::title_weight, &words);
    pos += schema::field_gap;
    if (!a.dateline.empty()) {
        index_text(doc, a.dateline, "", stemmer, pos, 1);
        pos += schema::field_gap;
    }
    // The story, not the body: credit lines and bylines ("(Reporting by Gertrude
    // Chavez-Dreyfuss; Editing by …)") belong to the author, not to what the article is about
    // (a search for "Chavez" must not find every market report she wrote).
    const std::string story = story_text(
        a.body, entities ? entities->boilerplate : analysis::BoilerplateScan::scan(a.body).ranges);
    index_text(doc, story, "", stemmer, pos, 1, &words, true);
    if (entities) {
        add_name_words(*entities, words);
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
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
    doc.add_value(schema::slot(schema::Slot::content_hash), hash);
    // The signature of the story (boilerplate does not count: an added "More news:" line must
    // not make a copy look new).
    if (const std::optional<analysis::Simhash> signature = analysis::simhash(story, m_analyzer)) {
        built.signature = signature->bits;
    }
    if (a.published) {
        const std::string headline = analysis::story_headline(a.title);
        if (!headline.empty()) {
            built.headline = schema::HeadlineValue{fnv1a64(headline, fnv1a64_basis),
                                                   days_from_civil(local_date(*a.published))};
        }
    }
    doc.set_data(encode_stored(a, entities ? &*entities : nullptr, entities ? &story : nullptr));
    return built;
}

} // namespace newsdex::index
