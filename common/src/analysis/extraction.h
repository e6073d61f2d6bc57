/// @file
/// @brief One EntityExtractor::extract() call in its steps (private to analysis/): the story's
/// tokens and the spans found so far, which each step refines. entities.cpp holds tagging,
/// aliases, gazetteer names, organisations and the collection of facets;
/// extraction_people.cpp the people (full names, surnames, titles, bare given names);
/// extraction_works.cpp the titles of works and products;
/// extraction_places.cpp the dateline and the places read with their article's evidence.
#pragma once
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "newsdex/analysis/entities.h"
#include "newsdex/ascii.h"
#include "place_evidence.h"

namespace newsdex::analysis::detail {

inline constexpr std::size_t none = static_cast<std::size_t>(-1);

/// Where the lede ends: mentions before it weigh more.
inline constexpr std::size_t lede_bytes = 400;

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
    /// False for a mention that names no one a reader could filter on (a bare given name):
    /// it stays a mention, but is no facet value.
    bool in_facets = true;
};

/// Organisation cue words: a leftover name ending in one is not a person.
inline bool is_org_cue(std::string_view key) {
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

inline EntityType actor_type(ActorKind kind) {
    return kind == ActorKind::person ? EntityType::person : EntityType::organisation;
}

/// Runs of whitespace (line breaks of wrapped wire text) become one space.
inline std::string collapse_space(std::string_view s) {
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
    /// `text` is the body as the names are read from it: the body itself, or for an article
    /// written in lower case the body with its case restored (Tagger::restored_case), byte
    /// offsets the same.
    Extraction(const Gazetteer& gaz, const Article& article, std::string_view text,
               std::string publisher)
        : m_gaz(gaz), m_article(article), m_body(text), m_publisher(std::move(publisher)) {}

    void tag(const Tagger& tagger, std::string_view story);
    void resolve_aliases();
    void split_leading_places();
    void add_gazetteer_names();
    void works_are_no_actors();
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
    /// Whether the token's capitals say anything: not in a sentence in capitals (a wire
    /// headline, a text typed in capitals), where "WHO" or "IS" is a word like any other.
    bool case_tells(std::size_t t) const { return !m_sentence_in_capitals[m_tokens[t].sentence]; }
    /// Whether a non-MISC span covers the token (MISC spans do not block the scans).
    bool blocked(std::size_t t) const {
        return m_cover[t] != none && m_spans[m_cover[t]].type != EntityType::misc;
    }
    void rebuild_cover();
    std::string display(std::size_t b, std::size_t e, EntityType type) const;
    bool longest_name_at(std::size_t i, Span& best) const;
    enum class WorkCue { no_cue, work_noun, other_cue };
    std::string work_key(const Span& sp) const;
    WorkCue work_cue(const Span& sp, bool about_works) const;
    std::unordered_map<std::string, std::string> full_names() const;
    void strip_person_titles();
    bool is_strong_place(std::string_view surface) const;
    void administrations_are_people();
    void claim_bare_surnames(const std::unordered_map<std::string, std::string>& first_full);
    void canonicalise_people(const std::unordered_map<std::string, std::string>& first_full);
    void bare_given_names();
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
    std::vector<bool> m_sentence_in_capitals; ///< by sentence: see case_tells()
    std::vector<Span> m_spans;
    std::vector<std::size_t> m_cover; ///< which span covers each token, or none
    const Place* m_dateline_place = nullptr;
    std::size_t m_dateline_pos = 0;
    Evidence m_evidence;
    std::vector<std::string> m_place_keys; ///< name keys of the ambiguous LOC spans, by span
    Tallies<std::string> m_country_tally;
};

} // namespace newsdex::analysis::detail
