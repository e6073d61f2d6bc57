// The people steps of an extraction (extraction.h): full names and their later short
// mentions, bare surnames, titles, "the Obama administration".
#include "extraction.h"

#include "newsdex/analysis/name_forms.h"

namespace newsdex::analysis::detail {

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
/// its leader, unless it is a strong place ("the Kabul administration") or a known actor. The
/// tagger calls such names MISC, LOC or ORG, and the gazetteer reads them as towns (Obama, JP).
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
        } else if (m_spans[c].type != EntityType::person && m_spans[c].end == t + 1 &&
                   !m_spans[c].resolved) {
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

/// A person named by a given name alone ("David") is the one full name of the article that
/// starts with it ("David" after "David Furnish"; "Li" after "Li Keqiang"); else no one a
/// reader could filter on: it stays a mention, but is no facet value ("Frederick and David",
/// "Who's David?"). Full names and surnames are untouched ("David Cameron", "Cameron"), and
/// so is a given name the article also uses as a surname (it took that full name before).
void Extraction::bare_given_names() {
    std::unordered_map<std::string, std::string> by_given; // "david" → "David Furnish"
    std::unordered_map<std::string, bool> several;
    for (const Span& sp : m_spans) {
        if (sp.type != EntityType::person || sp.canonical.find(' ') == std::string::npos) {
            continue;
        }
        const std::string key = name_form_key(sp.canonical);
        const std::string given = key.substr(0, key.find(' '));
        const auto [it, added] = by_given.emplace(given, sp.canonical);
        if (!added && it->second != sp.canonical) {
            several[given] = true;
        }
    }
    for (Span& sp : m_spans) {
        if (sp.type != EntityType::person || sp.end - sp.begin != 1 ||
            sp.canonical.find(' ') != std::string::npos || !is_given_name(sp.canonical)) {
            continue;
        }
        const std::string key = name_form_key(sp.canonical);
        if (auto it = by_given.find(key); it != by_given.end() && several.count(key) == 0) {
            sp.canonical = it->second;
        } else {
            sp.in_facets = false;
        }
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
    bare_given_names();
}

} // namespace newsdex::analysis::detail
