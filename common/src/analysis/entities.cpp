#include "newsdex/analysis/entities.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <unordered_map>

#include "extraction.h"
#include "newsdex/analysis/boilerplate.h"
#include "newsdex/analysis/name_forms.h"
#include "newsdex/ascii.h"
#include "newsdex/error.h"

namespace newsdex::analysis {
namespace detail {

/// Tokens (the tagger's own tokenizer) and the tagger's spans over them.
namespace {

/// "UN-hosted", "Paris-based", "Moscow-backed": capitalised, then a hyphen and a lower-case word.
bool is_hyphenated_modifier(std::string_view word) {
    const std::size_t dash = word.rfind('-');
    return dash != std::string_view::npos && dash > 0 && dash + 1 < word.size() &&
           is_upper(word[0]) && is_lower(word[dash + 1]);
}

} // namespace

void Extraction::tag(const Tagger& tagger, std::string_view story) {
    const auto sentences = split_sentences(story);
    std::vector<std::vector<std::string_view>> words(sentences.size());
    m_sentence_in_capitals.assign(sentences.size(), false);
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        words[s].reserve(sentences[s].size());
        std::size_t with_letters = 0, in_capitals = 0;
        for (std::size_t t = 0; t < sentences[s].size(); ++t) {
            const TokenRange& r = sentences[s][t];
            m_tokens.push_back({r.start, r.end, s, t == 0});
            const std::string_view word = story.substr(r.start, r.end - r.start);
            words[s].push_back(word);
            const bool upper = std::any_of(word.begin(), word.end(), is_upper);
            const bool lower = std::any_of(word.begin(), word.end(), is_lower);
            with_letters += (upper || lower) ? 1 : 0;
            in_capitals += (upper && !lower) ? 1 : 0;
        }
        // The tagger's own test of a sentence in capitals: four in five words.
        m_sentence_in_capitals[s] = with_letters >= 2 && in_capitals * 10 >= with_letters * 8;
    }
    const auto tagged = tagger.tag_document(words);
    std::size_t base = 0;
    for (std::size_t s = 0; s < tagged.size(); ++s) {
        for (const TaggedSpan& t : tagged[s]) {
            // "UN-hosted Syria", "Kremlin-backed Rosneft": a hyphenated modifier that opens a
            // name describes it and is no part of the facet value.
            const bool modifier = t.type != EntityType::misc && t.end - t.begin >= 2 &&
                                  is_hyphenated_modifier(words[s][t.begin]);
            m_spans.push_back({base + t.begin + (modifier ? 1 : 0), base + t.end, t.type});
        }
        base += sentences[s].size();
    }
}

/// Sorts the spans by position and notes which span covers each token.
void Extraction::rebuild_cover() {
    std::sort(m_spans.begin(), m_spans.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
    m_cover.assign(m_tokens.size(), none);
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        for (std::size_t t = m_spans[i].begin; t < m_spans[i].end; ++t) {
            m_cover[t] = i;
        }
    }
}

/// Display names: a name seen only in capitals gets title case, except a single word that
/// may be an acronym ("SPD") or has letters title_case() cannot handle ("FPÖ"); a leading
/// article goes ("The Vienna Town Council").
std::string Extraction::display(std::size_t b, std::size_t e, EntityType type) const {
    std::string text = collapse_space(surface(b, e));
    if (type != EntityType::person && text.size() > 4 && starts_with_nocase(text, "the ") &&
        starts_capitalised(text.substr(4))) {
        text.erase(0, 4);
    }
    const bool ascii = std::all_of(text.begin(), text.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii && all_caps(text) &&
        (type == EntityType::person || text.find(' ') != std::string::npos)) {
        return title_case(text);
    }
    return text;
}

/// Step 1. Aliases over the tagger's spans: the alias table knows the type better. A whole PER
/// span that is a well-known place ("Dubai's Emirates", "the Astana talks") is that place; a
/// LOC that is only a demonym ("Kazakh") is evidence, not a place.
void Extraction::resolve_aliases() {
    for (Span& sp : m_spans) {
        if (auto alias = m_gaz.actor_alias(surface(sp.begin, sp.end), case_tells(sp.begin))) {
            sp.type = actor_type(alias->kind);
            sp.canonical = alias->canonical;
            sp.resolved = true;
        }
    }
    for (Span& sp : m_spans) {
        if (sp.resolved) {
            continue;
        }
        const std::string key = name_key(surface(sp.begin, sp.end));
        const auto& list = m_gaz.candidates(key);
        if (sp.type == EntityType::organisation) {
            // "US media giant", "the gap between US exports": a country's name is its place
            // (a common word only when written in capitals: "US", not "Us").
            const bool country = std::any_of(list.begin(), list.end(), [](const Place* p) {
                return p->kind == PlaceKind::country;
            });
            if (country && (!m_gaz.is_common_word(key) || all_caps(surface(sp.begin, sp.end)))) {
                sp.type = EntityType::location;
            }
            continue;
        }
        if (sp.type != EntityType::person && sp.type != EntityType::location) {
            continue;
        }
        if (sp.type == EntityType::location) {
            if (list.empty() && m_gaz.country_for_demonym(key) != nullptr) {
                sp.type = EntityType::misc;
            }
            continue;
        }
        const bool well_known = std::any_of(list.begin(), list.end(), [](const Place* p) {
            return p->kind != PlaceKind::city || p->population >= 1000000;
        });
        if (well_known && !m_gaz.is_common_word(key)) {
            sp.type = EntityType::location;
        }
    }
}

/// Step 2. "Syria Staffan de Mistura" as one LOC: split off the place the span starts with.
/// Then the spans are sorted and the cover built for the scans that follow.
void Extraction::split_leading_places() {
    std::vector<Span> extra;
    for (Span& sp : m_spans) {
        if (sp.type != EntityType::location || sp.resolved || sp.end - sp.begin < 2 ||
            !m_gaz.candidates(name_key(surface(sp.begin, sp.end))).empty()) {
            continue;
        }
        for (std::size_t k = sp.end - 1; k > sp.begin; --k) {
            const std::string key = name_key(surface(sp.begin, k));
            if (m_gaz.candidates(key).empty() || m_gaz.is_common_word(key) ||
                !starts_capitalised(token_text(k))) {
                continue;
            }
            Span rest{k, sp.end, EntityType::person};
            const std::string_view rest_text = surface(k, sp.end);
            const std::string rest_key = name_key(rest_text);
            if (auto alias = m_gaz.actor_alias(rest_text, case_tells(k))) {
                rest.type = actor_type(alias->kind);
                rest.canonical = alias->canonical;
                rest.resolved = true;
            } else if (!m_gaz.candidates(rest_key).empty()) {
                rest.type = EntityType::location;
            } else if (is_org_cue(name_key(token_text(sp.end - 1)))) {
                rest.type = EntityType::organisation;
            }
            sp.end = k;
            extra.push_back(std::move(rest));
            break;
        }
    }
    m_spans.insert(m_spans.end(), extra.begin(), extra.end());
    rebuild_cover();
}

/// The longest alias or strong place name starting at token `i`, growing the key word by word
/// while some longer name starts with it. False if there is none.
bool Extraction::longest_name_at(std::size_t i, Span& best) const {
    std::string key;
    bool found = false;
    const std::size_t max_words = m_gaz.max_name_words();
    for (std::size_t j = i; j < m_tokens.size() && j - i < max_words; ++j) {
        if (j > i && (m_tokens[j].sentence != m_tokens[i].sentence || blocked(j))) {
            break;
        }
        if (j > i) {
            key += ' ';
        }
        key += name_key(token_text(j));
        if (starts_capitalised(token_text(j))) {
            const std::string_view text = surface(i, j + 1);
            if (auto alias = m_gaz.actor_alias(text, case_tells(i))) {
                best = {i, j + 1, actor_type(alias->kind), true, alias->canonical};
                found = true;
            } else if (!m_gaz.is_common_word(key) && !m_gaz.candidates(key).empty() &&
                       !m_gaz.country_for_demonym(key)) {
                bool strong = j > i;
                for (const Place* p : m_gaz.candidates(key)) {
                    strong = strong ||
                             (p->kind != PlaceKind::city && p->kind != PlaceKind::other) ||
                             (p->population >= 100000 && !m_tokens[i].sentence_start);
                }
                if (strong) {
                    best = {i, j + 1, EntityType::location};
                    found = true;
                }
            }
        }
        if (!m_gaz.is_prefix(key)) {
            break;
        }
    }
    return found;
}

/// Step 3. Gazetteer names and aliases the tagger missed (or called MISC), longest match
/// first; they replace the MISC spans they overlap.
void Extraction::add_gazetteer_names() {
    std::vector<Span> found;
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
        if (blocked(i) || !starts_capitalised(token_text(i))) {
            continue;
        }
        Span best{i, i, EntityType::misc};
        if (longest_name_at(i, best)) {
            i = best.end - 1;
            found.push_back(std::move(best));
        }
    }
    if (found.empty()) {
        return;
    }
    std::vector<Span> kept;
    for (Span& sp : m_spans) {
        const bool overlapped = sp.type == EntityType::misc &&
                                std::any_of(found.begin(), found.end(), [&](const Span& f) {
                                    return f.begin < sp.end && sp.begin < f.end;
                                });
        if (!overlapped) {
            kept.push_back(std::move(sp));
        }
    }
    for (Span& f : found) {
        kept.push_back(std::move(f));
    }
    m_spans = std::move(kept);
    rebuild_cover();
}

/// The acronym in parentheses right after a name, as a text gives its expansion: "American
/// Petroleum Institute (API)" → "API". Empty when none follows.
std::string Extraction::acronym_after(const Span& sp) const {
    if (sp.end + 2 >= m_tokens.size() || token_text(sp.end) != "(" ||
        token_text(sp.end + 2) != ")") {
        return {};
    }
    return acronym_letters(token_text(sp.end + 1));
}

/// Each organisation span's name without legal suffixes and without the "U.S." of a public
/// body; a demonym or country before a name the article also gives without it ("Kurdish YPG"
/// beside "YPG") goes too. Empty for other spans and for alias-resolved ones (already canonical).
std::vector<std::string> Extraction::organisation_bases() const {
    std::vector<std::string> bases(m_spans.size());
    std::unordered_map<std::string, bool> keys;
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        const Span& sp = m_spans[i];
        if (sp.type == EntityType::organisation && !sp.resolved) {
            bases[i] =
                without_us_qualifier(without_company_suffix(display(sp.begin, sp.end, sp.type)));
            keys[name_form_key(bases[i])] = true;
        }
    }
    for (std::string& base : bases) {
        const std::size_t space = base.find(' ');
        if (space == std::string::npos) {
            continue;
        }
        const std::string_view first = std::string_view(base).substr(0, space);
        const bool qualifier =
            m_gaz.country_for_demonym(first) != nullptr || m_gaz.country(first) != nullptr;
        if (qualifier && keys.count(name_form_key(base.substr(space + 1))) != 0) {
            base.erase(0, space + 1);
        }
    }
    return bases;
}

/// Step 5. Organisations, one value each: legal suffixes and a public body's "U.S." go
/// ("Apple Inc" = "Apple", "U.S. Treasury" = "Treasury"); an acronym takes the expansion the
/// article gives, in parentheses or by its initials ("API" = "American Petroleum Institute",
/// "S&P" = "Standard & Poor"); a short form takes the longer name it starts ("Goldman" =
/// "Goldman Sachs", "House" = "House of Representatives"). A "person" with a company's legal
/// suffix is that company. (A person named like an organisation of the article stays a person:
/// "Ivan Boesky" beside "Ivan Boesky and Co", and the tagger's odd ORG for a surname, are too
/// common; companies named after people come typed from aliases.tsv: Freddie Mac, Fannie Mae.)
void Extraction::merge_organisations() {
    for (Span& sp : m_spans) {
        if (sp.type == EntityType::person && !sp.canonical.empty() &&
            ends_with_company_suffix(sp.canonical)) {
            sp.type = EntityType::organisation;
            sp.resolved = false;
            sp.canonical.clear();
        }
    }
    std::vector<std::string> bases = organisation_bases();
    std::unordered_map<std::string, std::string> by_key;     // name_form_key → base
    std::unordered_map<std::string, std::string> by_acronym; // "API" → its expansion
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        const Span& sp = m_spans[i];
        if (sp.type != EntityType::organisation) {
            continue;
        }
        const std::string& name = sp.resolved ? sp.canonical : bases[i];
        if (name.empty()) {
            continue;
        }
        by_key.emplace(name_form_key(name), name);
        if (const std::string given = acronym_after(sp); !given.empty()) {
            by_acronym[given] = name; // the text's own expansion beats initials
        } else if (const std::string letters = initials(name); !letters.empty()) {
            by_acronym.emplace(letters, name);
        }
    }
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        Span& sp = m_spans[i];
        if (sp.type != EntityType::organisation || sp.resolved) {
            continue;
        }
        std::string name = bases[i];
        if (const std::string letters = acronym_letters(name); !letters.empty()) {
            if (auto it = by_acronym.find(letters); it != by_acronym.end()) {
                name = it->second;
            }
        } else {
            const std::string key = name_form_key(name) + ' ';
            const std::string* shortest_longer = nullptr;
            for (const auto& [longer_key, longer] : by_key) {
                if (longer_key.compare(0, key.size(), key) == 0 &&
                    (shortest_longer == nullptr || longer.size() < shortest_longer->size() ||
                     (longer.size() == shortest_longer->size() && longer < *shortest_longer))) {
                    shortest_longer = &longer; // the same choice whatever the map's order
                }
            }
            if (shortest_longer != nullptr) {
                name = *shortest_longer;
            } else if (key.find(' ') == key.size() - 1) {
                // One word that ends exactly one longer name of the article: "United" after
                // "Manchester United", "Commission" after "European Commission".
                const std::string tail = " " + key.substr(0, key.size() - 1);
                const std::string* only = nullptr;
                bool several = false;
                for (const auto& [longer_key, longer] : by_key) {
                    if (longer_key.size() > tail.size() &&
                        longer_key.compare(longer_key.size() - tail.size(), tail.size(), tail) ==
                            0) {
                        several = several || (only != nullptr && *only != longer);
                        only = &longer;
                    }
                }
                if (only != nullptr && !several) {
                    name = *only;
                }
            }
        }
        sp.canonical = std::move(name);
    }
}

/// The publisher's own name ("Reuters", "Reuters Estimates", "BBC News") is where the article
/// comes from, not who it is about, unless the title names the publisher ("Thomson Reuters
/// shares rose" keeps "Thomson Reuters" anyway: the name does not start with the publisher).
bool Extraction::names_the_publisher_as_source(const std::string& canonical) const {
    if (m_publisher.empty()) {
        return false;
    }
    const std::string key = name_key(canonical);
    if (key.compare(0, m_publisher.size(), m_publisher) != 0 ||
        (key.size() > m_publisher.size() && key[m_publisher.size()] != ' ')) {
        return false;
    }
    const std::string title_key = " " + name_key(m_article.title) + " ";
    return title_key.find(" " + m_publisher + " ") == std::string::npos;
}

/// Step 8. Mentions, in body order, and the document-level facets by salience: mentions in
/// the lede and names in the title weigh more.
void Extraction::collect(ArticleEntities& out) {
    std::sort(m_spans.begin(), m_spans.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
    Tallies<std::string> person_tally;
    Tallies<std::string> org_tally;
    Tallies<LocationFacet> place_tally;
    if (m_dateline_place != nullptr) {
        tally(place_tally, LocationFacet{m_dateline_place->name, m_dateline_place->country_code})
            .add(2.0, m_dateline_pos);
    }
    for (Span& sp : m_spans) {
        if (sp.type == EntityType::misc) {
            // Events, works, products, laws, nationalities: shown as mentions (issue 13), never
            // a facet.
            EntityMention m;
            m.type = sp.type;
            m.start = m_tokens[sp.begin].start;
            m.end = m_tokens[sp.end - 1].end;
            m.text.assign(std::string_view(m_article.body).substr(m.start, m.end - m.start));
            m.canonical = display(sp.begin, sp.end, sp.type);
            out.mentions.push_back(std::move(m));
            continue;
        }
        if (sp.type != EntityType::location) {
            const std::string name =
                sp.canonical.empty() ? display(sp.begin, sp.end, sp.type) : sp.canonical;
            if (names_the_publisher_as_source(name) || is_never_an_actor(name)) {
                continue;
            }
        }
        EntityMention m;
        m.type = sp.type;
        m.start = m_tokens[sp.begin].start;
        m.end = m_tokens[sp.end - 1].end;
        m.text.assign(std::string_view(m_article.body).substr(m.start, m.end - m.start));
        const double weight = m.start < lede_bytes ? 1.5 : 1.0;
        if (sp.type == EntityType::location) {
            if (sp.place != nullptr) {
                m.canonical = sp.place->name;
                m.country = sp.place->country_code;
            } else {
                m.canonical = display(sp.begin, sp.end, sp.type);
            }
            tally(place_tally, LocationFacet{m.canonical, m.country}).add(weight, m.start);
            credit_country(m.country, weight, m.start);
        } else {
            m.canonical = sp.canonical.empty() ? display(sp.begin, sp.end, sp.type) : sp.canonical;
            if (sp.in_facets) {
                auto& list = sp.type == EntityType::person ? person_tally : org_tally;
                tally(list, m.canonical).add(weight, m.start);
            }
        }
        out.mentions.push_back(std::move(m));
    }
    const std::string title_key = " " + name_key(m_article.title) + " ";
    auto title_bonus = [&](auto& items, auto&& name_of) {
        for (auto& item : items) {
            const std::string key = name_key(name_of(item.first));
            const std::string last = key.substr(key.rfind(' ') + 1);
            if (title_key.find(" " + last + " ") != std::string::npos) {
                item.second.score += 1.5;
            }
        }
    };
    title_bonus(person_tally, [](const std::string& s) -> const std::string& { return s; });
    title_bonus(org_tally, [](const std::string& s) -> const std::string& { return s; });
    title_bonus(place_tally, [](const LocationFacet& f) -> const std::string& { return f.name; });
    out.persons = by_salience(person_tally);
    out.organisations = by_salience(org_tally);
    out.locations = by_salience(place_tally);
    out.countries = by_salience(m_country_tally);
}

} // namespace detail

using detail::Extraction;

EntityExtractor::EntityExtractor(std::shared_ptr<const Tagger> tagger,
                                 std::shared_ptr<const Gazetteer> gazetteer)
    : m_tagger(std::move(tagger)), m_gazetteer(std::move(gazetteer)) {
    if (!m_tagger || !m_gazetteer) {
        throw Error("EntityExtractor needs a tagger and a gazetteer");
    }
}

EntityExtractor EntityExtractor::load_default() {
    auto tagger = std::make_shared<const Tagger>(Tagger::load(default_tagger_model_path()));
    auto gazetteer = std::make_shared<const Gazetteer>(Gazetteer::load());
    return EntityExtractor(std::move(tagger), std::move(gazetteer));
}

namespace {

/// Whether a body is too short to be a story: a headline-only item of a wire ("BAKER SAYS
/// U.S. WANTS STABLE DOLLAR" over "Blah blah blah." or nothing).
bool is_headline_item(const Article& article) {
    constexpr std::size_t story_words = 8;
    std::size_t words = 0;
    bool in_word = false;
    for (char c : article.body) {
        if (is_space(c)) {
            in_word = false;
        } else if (!in_word) {
            in_word = true;
            if (++words >= story_words) {
                return false;
            }
        }
    }
    return !trim(article.title).empty();
}

} // namespace

ArticleEntities EntityExtractor::extract(const Article& article) const {
    if (is_headline_item(article)) {
        // It is about what its headline names. The mentions would be offsets into the
        // headline, not the body: left out.
        Article headline = article;
        headline.body = article.title + "\n\n" + article.body;
        headline.title.clear(); // the headline no longer needs its salience bonus
        ArticleEntities out = extract(headline);
        out.mentions.clear();
        out.boilerplate.clear();
        out.byline.clear();
        // Dates keep offsets into the body, as every reader of them expects (--entities-only
        // prints their text): found in the body again, not in the headline joined to it.
        out.dates = find_date_mentions(article.body, article.published);
        return out;
    }
    ArticleEntities out;
    BoilerplateScan boiler = BoilerplateScan::scan(article.body);
    out.boilerplate = std::move(boiler.ranges);
    out.byline = std::move(boiler.byline);

    // An article written in lower case is read in the case the news gives its words, so that
    // its names are found and shown as every other article shows them ("Angela Merkel", not a
    // second value "angela merkel"); mentions keep the body's own bytes.
    thread_local std::string cased;
    cased = m_tagger->restored_case(article.body);
    const std::string_view text = cased.empty() ? std::string_view(article.body) : cased;
    // The story text: the body with boilerplate blanked, so every offset stays a body offset.
    thread_local std::string story;
    story.assign(text);
    for (const auto& [from, to] : out.boilerplate) {
        std::fill(story.begin() + static_cast<std::ptrdiff_t>(from),
                  story.begin() + static_cast<std::ptrdiff_t>(to), ' ');
    }
    std::string publisher = publisher_key(article.source, article.url);
    for (const auto& [from, to] : source_tags(article.body)) {
        if (publisher.empty()) {
            publisher = publisher_key(article.body.substr(from + 1, to - from - 2), {});
        }
        std::fill(story.begin() + static_cast<std::ptrdiff_t>(from),
                  story.begin() + static_cast<std::ptrdiff_t>(to), ' ');
    }
    out.dates = find_date_mentions(story, article.published);

    Extraction x(*m_gazetteer, article, text, std::move(publisher));
    x.tag(*m_tagger, story);
    x.resolve_aliases();
    x.split_leading_places();
    x.add_gazetteer_names();
    x.works_are_no_actors();
    x.resolve_people();
    x.merge_organisations();
    x.read_dateline();
    x.resolve_places();
    x.collect(out);
    return out;
}

} // namespace newsdex::analysis
