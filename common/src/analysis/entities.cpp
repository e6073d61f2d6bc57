#include "newsdex/analysis/entities.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <unordered_map>

#include "newsdex/analysis/boilerplate.h"
#include "newsdex/analysis/name_forms.h"
#include "newsdex/ascii.h"
#include "newsdex/error.h"
#include "place_evidence.h"

namespace newsdex::analysis {
namespace {

using detail::by_salience;
using detail::Evidence;
using detail::Tallies;
using detail::tally;

constexpr std::size_t none = static_cast<std::size_t>(-1);

/// Where the lede ends: mentions before it weigh more.
constexpr std::size_t lede_bytes = 400;

struct Token {
    std::size_t start;
    std::size_t end;
    std::size_t sentence;
    bool sentence_start;
};

struct Span {
    std::size_t begin; ///< token index
    std::size_t end;   ///< token index, exclusive
    EntityType type;
    bool resolved = false; ///< canonical fixed by an alias, coreference or the dateline
    std::string canonical{};
    const Place* place = nullptr;
};

/// Organisation cue words: a leftover name ending in one is not a person.
bool is_org_cue(std::string_view key) {
    static constexpr std::string_view cues[] = {
        "commission",   "council",     "ministry",   "party",     "forces",     "organisation",
        "organization", "corp",        "inc",        "bank",      "group",      "company",
        "co",           "ltd",         "committee",  "agency",    "army",       "front",
        "union",        "association", "federation", "institute", "university", "board",
        "department",   "office",      "authority",  "movement",  "coalition",  "alliance",
        "court",
    };
    return std::find(std::begin(cues), std::end(cues), key) != std::end(cues);
}

EntityType actor_type(ActorKind kind) {
    return kind == ActorKind::person ? EntityType::person : EntityType::organisation;
}

/// Runs of whitespace (line breaks of wrapped wire text) become one space.
std::string collapse_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (is_space(c)) {
            space = true;
            continue;
        }
        if (space && !out.empty()) {
            out += ' ';
        }
        space = false;
        out += c;
    }
    return out;
}

/// Calls `fn` with every key a later short mention of a full name may have: "bashar al-assad"
/// → "al-assad" and "assad", since a surname's Arabic article ("al-", "el-" …) is often dropped
/// in later mentions ("Assad said").
template <typename Fn>
void for_each_short_key(const std::string& key, Fn&& fn) {
    static const std::string_view particles[] = {"al-", "el-",  "ad-", "ar-",
                                                 "as-", "ash-", "at-", "az-"};
    for (std::size_t p = key.find(' '); p != std::string::npos; p = key.find(' ', p + 1)) {
        const std::string suffix = key.substr(p + 1);
        for (const std::string_view particle : particles) {
            if (suffix.size() > particle.size() + 1 &&
                suffix.compare(0, particle.size(), particle) == 0) {
                fn(suffix.substr(particle.size()));
            }
        }
        fn(suffix);
    }
}

/// One extract() call: the story's tokens and the spans found so far, which the steps refine
/// in the order extract() calls them, and what the later steps need from the earlier ones.
class Extraction {
public:
    Extraction(const Gazetteer& gaz, const Article& article, std::string publisher)
        : m_gaz(gaz), m_article(article), m_body(article.body), m_publisher(std::move(publisher)) {}

    void tag(const Tagger& tagger, std::string_view story);
    void resolve_aliases();
    void split_leading_places();
    void add_gazetteer_names();
    void resolve_people();
    void merge_organisations();
    void read_dateline();
    void resolve_places();
    void collect(ArticleEntities& out);

private:
    bool names_the_publisher_as_source(const std::string& canonical) const;
    std::string_view token_text(std::size_t t) const {
        return m_body.substr(m_tokens[t].start, m_tokens[t].end - m_tokens[t].start);
    }
    std::string_view surface(std::size_t b, std::size_t e) const {
        return m_body.substr(m_tokens[b].start, m_tokens[e - 1].end - m_tokens[b].start);
    }
    /// Whether a non-MISC span covers the token (MISC spans do not block the scans).
    bool blocked(std::size_t t) const {
        return m_cover[t] != none && m_spans[m_cover[t]].type != EntityType::misc;
    }
    void rebuild_cover();
    std::string display(std::size_t b, std::size_t e, EntityType type) const;
    bool longest_name_at(std::size_t i, Span& best) const;
    std::unordered_map<std::string, std::string> full_names() const;
    void strip_person_titles();
    bool is_strong_place(std::string_view surface) const;
    void administrations_are_people();
    void claim_bare_surnames(const std::unordered_map<std::string, std::string>& first_full);
    void canonicalise_people(const std::unordered_map<std::string, std::string>& first_full);
    std::vector<std::string> organisation_bases() const;
    std::string acronym_after(const Span& sp) const;
    void gather_evidence();
    void pick_places();
    void credit_country(const std::string& code, double w, std::size_t pos) {
        if (!code.empty()) {
            tally(m_country_tally, code).add(w, pos);
        }
    }

    const Gazetteer& m_gaz;
    const Article& m_article;
    std::string_view m_body;
    std::string m_publisher; ///< publisher_key() of the article, or from its source tag
    std::vector<Token> m_tokens;
    std::vector<Span> m_spans;
    std::vector<std::size_t> m_cover; ///< which span covers each token, or none
    const Place* m_dateline_place = nullptr;
    std::size_t m_dateline_pos = 0;
    Evidence m_evidence;
    std::vector<std::string> m_place_keys; ///< name keys of the ambiguous LOC spans, by span
    Tallies<std::string> m_country_tally;
};

/// Tokens (the tagger's own tokenizer) and the tagger's spans over them.
void Extraction::tag(const Tagger& tagger, std::string_view story) {
    const auto sentences = split_sentences(story);
    std::vector<std::vector<std::string_view>> words(sentences.size());
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        words[s].reserve(sentences[s].size());
        for (std::size_t t = 0; t < sentences[s].size(); ++t) {
            const TokenRange& r = sentences[s][t];
            m_tokens.push_back({r.start, r.end, s, t == 0});
            words[s].push_back(story.substr(r.start, r.end - r.start));
        }
    }
    const auto tagged = tagger.tag_document(words);
    std::size_t base = 0;
    for (std::size_t s = 0; s < tagged.size(); ++s) {
        for (const TaggedSpan& t : tagged[s]) {
            m_spans.push_back({base + t.begin, base + t.end, t.type});
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
        if (auto alias = m_gaz.actor_alias(surface(sp.begin, sp.end))) {
            sp.type = actor_type(alias->kind);
            sp.canonical = alias->canonical;
            sp.resolved = true;
        }
    }
    for (Span& sp : m_spans) {
        if (sp.resolved || (sp.type != EntityType::person && sp.type != EntityType::location)) {
            continue;
        }
        const std::string key = name_key(surface(sp.begin, sp.end));
        const auto& list = m_gaz.candidates(key);
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
            if (auto alias = m_gaz.actor_alias(rest_text)) {
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
            if (auto alias = m_gaz.actor_alias(text)) {
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

/// Full names (two words or more) by the keys of their later short mentions, the first full
/// name for each key.
std::unordered_map<std::string, std::string> Extraction::full_names() const {
    std::unordered_map<std::string, std::string> first_full;
    for (const Span& sp : m_spans) {
        if (sp.type != EntityType::person || sp.resolved) {
            continue;
        }
        const std::string key = name_form_key(surface(sp.begin, sp.end));
        if (key.find(' ') != std::string::npos) {
            const std::string name = display(sp.begin, sp.end, sp.type);
            for_each_short_key(key, [&](std::string s) { first_full.emplace(std::move(s), name); });
        }
    }
    return first_full;
}

/// Whether a name has a reading as a place that news would name on its own: a country, region,
/// sea, district or subdivision, or a city of 100,000 or more. "Obama" (a Japanese town) is
/// not; "Paris" and "Washington" are.
bool Extraction::is_strong_place(std::string_view surface) const {
    const auto& list = m_gaz.candidates(name_key(surface));
    return std::any_of(list.begin(), list.end(), [](const Place* p) {
        return (p->kind != PlaceKind::city && p->kind != PlaceKind::other) ||
               p->population >= 100000;
    });
}

/// "The Obama administration", "the Bush administration": a name before "administration" is
/// its leader, unless it is a strong place ("the Kabul administration"). The tagger calls such
/// names MISC or LOC, and the gazetteer reads them as towns (Obama, JP).
void Extraction::administrations_are_people() {
    bool changed = false;
    for (std::size_t t = 0; t + 1 < m_tokens.size(); ++t) {
        if (token_text(t + 1) != "administration" || !starts_capitalised(token_text(t)) ||
            is_strong_place(token_text(t)) || m_gaz.actor_alias(token_text(t))) {
            continue;
        }
        const std::size_t c = m_cover[t];
        if (c == none) {
            m_spans.push_back({t, t + 1, EntityType::person});
            changed = true;
        } else if ((m_spans[c].type == EntityType::location ||
                    m_spans[c].type == EntityType::misc) &&
                   m_spans[c].end == t + 1 && !m_spans[c].resolved) {
            m_spans[c].begin = t;
            m_spans[c].type = EntityType::person;
            changed = true;
        }
    }
    if (changed) {
        rebuild_cover();
    }
}

/// A bare surname the tagger missed or mistyped ("Assad", "Obama" as LOC) is that person,
/// unless it is also a strong place or an alias.
void Extraction::claim_bare_surnames(
    const std::unordered_map<std::string, std::string>& first_full) {
    bool changed = false;
    for (std::size_t t = 0; t < m_tokens.size(); ++t) {
        const std::size_t c = m_cover[t];
        const bool single =
            c == none || (m_spans[c].end - m_spans[c].begin == 1 &&
                          m_spans[c].type != EntityType::person && !m_spans[c].resolved);
        if (!single || !starts_capitalised(token_text(t))) {
            continue;
        }
        const std::string key = name_form_key(token_text(t));
        if (first_full.count(key) == 0 || is_strong_place(token_text(t)) ||
            m_gaz.actor_alias(token_text(t))) {
            continue;
        }
        if (c == none) {
            m_spans.push_back({t, t + 1, EntityType::person});
            changed = true;
        } else {
            m_spans[c].type = EntityType::person;
        }
    }
    if (changed) {
        rebuild_cover();
    }
}

/// Every person mention's canonical name: the most recent full name before it whose trailing
/// words it matches, else the first one after it, else its own display form.
void Extraction::canonicalise_people(
    const std::unordered_map<std::string, std::string>& first_full) {
    std::unordered_map<std::string, std::string> latest;
    for (Span& sp : m_spans) {
        if (sp.type != EntityType::person || sp.resolved) {
            continue;
        }
        const std::string key = name_form_key(surface(sp.begin, sp.end));
        if (auto it = latest.find(key); it != latest.end()) {
            sp.canonical = it->second;
        } else if (auto f = first_full.find(key); f != first_full.end()) {
            sp.canonical = f->second; // a short mention before the full name
        } else {
            sp.canonical = display(sp.begin, sp.end, sp.type);
        }
        sp.resolved = true;
        const bool full_name = key.find(' ') != std::string::npos &&
                               sp.canonical == display(sp.begin, sp.end, sp.type);
        if (full_name) {
            const std::string name = sp.canonical;
            for_each_short_key(key, [&](std::string s) { latest[std::move(s)] = name; });
        }
    }
}

/// Honorifics and titles are not part of a name ("Mr Blair", "President George W. Bush",
/// "Prime Minister Tony Blair"), nor is a function word that starts the sentence ("But
/// Volcker"): the span starts after them, and a span of titles only ("Mr") is no person.
void Extraction::strip_person_titles() {
    bool changed = false;
    for (Span& sp : m_spans) {
        if (sp.type != EntityType::person || sp.resolved) {
            continue;
        }
        std::size_t b = sp.begin;
        // A sentence's first word glued to a name ("But Volcker", "Athough Reagan") is none
        // of it, no more than a title is.
        if (sp.end - b > 1 && m_tokens[b].sentence_start && is_sentence_opener(token_text(b))) {
            ++b;
        }
        while (b < sp.end && is_person_title(token_text(b))) {
            ++b;
        }
        if (b == sp.end) {
            sp.type = EntityType::misc;
        } else if (b != sp.begin) {
            sp.begin = b;
            changed = true;
        }
    }
    if (changed) {
        rebuild_cover();
    }
}

/// Step 4. People: titles off, "the Obama administration" read as a person, then full names by their trailing words (transliterated, so
/// "Schroeder" meets "Gerhard Schröder"), for later short mentions.
void Extraction::resolve_people() {
    strip_person_titles();
    administrations_are_people();
    const auto first_full = full_names();
    if (!first_full.empty()) {
        claim_bare_surnames(first_full);
    }
    canonicalise_people(first_full);
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
            }
        }
        sp.canonical = std::move(name);
    }
}

/// Step 6. The dateline: from the body's first line, else the reader's Article::dateline. A
/// dateline read from the body replaces what the tagger made of its head; a head of several
/// places ("FRANKFURT/NEW YORK (Reuters) -") is the first, and names the others too.
void Extraction::read_dateline() {
    const std::string_view dl = body_dateline(m_body);
    if (dl.empty()) {
        if (!m_article.dateline.empty()) {
            m_dateline_place = m_gaz.resolve_dateline(m_article.dateline);
        }
        return;
    }
    m_dateline_place = m_gaz.resolve_dateline(dl);
    const std::size_t from = static_cast<std::size_t>(dl.data() - m_body.data());
    m_dateline_pos = from;
    const std::string_view head = trim(dl.substr(0, dl.find_first_of(",(")));
    bool changed = false;
    std::size_t part_from = from;
    for (std::size_t part = 0; part_from < from + head.size(); ++part) {
        const std::size_t slash = head.find('/', part_from - from);
        const std::size_t part_end =
            slash == std::string_view::npos ? from + head.size() : from + slash;
        const Place* place =
            part == 0 ? m_dateline_place
                      : m_gaz.resolve_dateline(m_body.substr(part_from, part_end - part_from));
        std::size_t b = none;
        std::size_t e = none;
        for (std::size_t t = 0; t < m_tokens.size() && m_tokens[t].start < part_end; ++t) {
            if (m_tokens[t].start >= part_from) {
                b = b == none ? t : b;
                e = t + 1;
            }
        }
        if (place != nullptr && b != none) {
            m_spans.erase(
                std::remove_if(m_spans.begin(), m_spans.end(),
                               [&](const Span& sp) { return sp.begin < e && b < sp.end; }),
                m_spans.end());
            m_spans.push_back({b, e, EntityType::location, true, place->name, place});
            changed = true;
        }
        part_from = part_end + 1;
    }
    if (changed) {
        rebuild_cover();
    }
}

/// Evidence from the dateline, from names that have one reading or lie in one country only,
/// and from demonyms ("Syrian").
void Extraction::gather_evidence() {
    if (m_dateline_place != nullptr) {
        m_evidence.add(*m_dateline_place, 3.0);
        if (m_dateline_place->kind == PlaceKind::subdivision) {
            m_evidence.subdivision[m_dateline_place->subdivision_code] += 3.0;
        }
        credit_country(m_dateline_place->country_code, 2.0, m_dateline_pos);
    }
    for (const Span& sp : m_spans) {
        if (sp.type == EntityType::organisation || sp.type == EntityType::location) {
            const std::string_view seat = detail::seat_of(
                name_key(sp.canonical.empty() ? surface(sp.begin, sp.end) : sp.canonical));
            if (!seat.empty()) {
                m_evidence.subdivision[std::string(seat)] += 1.0;
            }
        }
    }
    m_place_keys.assign(m_spans.size(), std::string());
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        Span& sp = m_spans[i];
        if (sp.type != EntityType::location || sp.place != nullptr) {
            continue;
        }
        m_place_keys[i] = name_key(surface(sp.begin, sp.end));
        const auto& list = m_gaz.candidates(m_place_keys[i]);
        if (list.size() == 1) {
            sp.place = list.front();
            m_evidence.add(*sp.place, 1.0);
        } else if (const std::string* code = detail::single_country(list)) {
            m_evidence.country[*code] += 1.0;
            m_evidence.total += 1.0;
        }
    }
    for (std::size_t t = 0; t < m_tokens.size(); ++t) {
        const std::size_t c = m_cover[t];
        if ((c != none &&
             (m_spans[c].type == EntityType::person || m_spans[c].type == EntityType::location)) ||
            !starts_capitalised(token_text(t))) {
            continue;
        }
        if (const Country* country = m_gaz.country_for_demonym(token_text(t))) {
            if (country->place != nullptr) {
                m_evidence.add(*country->place, 1.0);
            } else {
                m_evidence.country[country->code] += 1.0;
                m_evidence.total += 1.0;
            }
            credit_country(country->code, 0.5, m_tokens[t].start);
        }
    }
}

/// Each ambiguous name by population and evidence, twice so that a subdivision resolved in
/// the first round ("Virginia") informs the second.
void Extraction::pick_places() {
    for (int round = 0; round < 2; ++round) {
        Evidence next = m_evidence;
        for (std::size_t i = 0; i < m_spans.size(); ++i) {
            Span& sp = m_spans[i];
            if (sp.type != EntityType::location || m_place_keys[i].empty()) {
                continue;
            }
            const auto& list = m_gaz.candidates(m_place_keys[i]);
            if (list.size() > 1) {
                sp.place = detail::pick_place(list, m_evidence);
                if (sp.place->kind == PlaceKind::subdivision) {
                    next.subdivision[sp.place->subdivision_code] += 1.0;
                }
            }
        }
        m_evidence = std::move(next);
    }
}

/// Step 7. Places: evidence first, then each ambiguous name.
void Extraction::resolve_places() {
    gather_evidence();
    pick_places();
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
            continue;
        }
        if (sp.type != EntityType::location &&
            names_the_publisher_as_source(sp.canonical.empty() ? display(sp.begin, sp.end, sp.type)
                                                               : sp.canonical)) {
            continue;
        }
        EntityMention m;
        m.type = sp.type;
        m.start = m_tokens[sp.begin].start;
        m.end = m_tokens[sp.end - 1].end;
        m.text.assign(m_body.substr(m.start, m.end - m.start));
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
            auto& list = sp.type == EntityType::person ? person_tally : org_tally;
            tally(list, m.canonical).add(weight, m.start);
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

} // namespace

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
        return out;
    }
    ArticleEntities out;
    BoilerplateScan boiler = BoilerplateScan::scan(article.body);
    out.boilerplate = std::move(boiler.ranges);
    out.byline = std::move(boiler.byline);

    // The story text: the body with boilerplate blanked, so every offset stays a body offset.
    thread_local std::string story;
    story.assign(article.body);
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

    Extraction x(*m_gazetteer, article, std::move(publisher));
    x.tag(*m_tagger, story);
    x.resolve_aliases();
    x.split_leading_places();
    x.add_gazetteer_names();
    x.resolve_people();
    x.merge_organisations();
    x.read_dateline();
    x.resolve_places();
    x.collect(out);
    return out;
}

} // namespace newsdex::analysis
