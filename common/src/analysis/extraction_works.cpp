// The works step of an extraction (extraction.h): titles of films, books, albums, shows and
// games, and products, are named like people and companies ("Vera Drake", "The Aviator",
// "PlayStation") but are no actors. Their context says what they are: a work noun before the
// name ("the film Vera Drake", "comedy Sideways"), a role after it ("Vera Drake star Imelda
// Staunton"), "starring in" or "directed" before it, quotes around it, or a version number and
// a product noun after it ("PlayStation 2 console"). One such mention makes the name a work
// for the whole article, as a name means one thing in one story.
#include <unordered_set>

#include "extraction.h"
#include "newsdex/analysis/name_forms.h"

namespace newsdex::analysis::detail {
namespace {

template <std::size_t N>
bool listed(const std::string_view (&list)[N], std::string_view word) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

/// Nouns that name a kind of work and stand right before its title ("the film X", "his album
/// X"). Not words that are often verbs or other things before a name: "show" ("polls show
/// Labour ahead"), "play" ("Chelsea play Arsenal"), "game" and "match" ("in the game Chelsea
/// …"), "hit", "single", "title".
bool is_work_noun(std::string_view word) {
    static constexpr std::string_view nouns[] = {
        "film",     "films",       "movie",   "movies",    "biopic",     "drama",       "comedy",
        "thriller", "documentary", "musical", "sitcom",    "album",      "albums",      "song",
        "novel",    "book",        "series",  "programme", "programmes", "blockbuster", "epic",
        "sequel",   "cartoon",     "soap",    "opera",     "videogame",  "franchise",
    };
    return listed(nouns, word);
}

/// A role named after the work it belongs to ("Vera Drake star Imelda Staunton", "Harry Potter
/// author JK Rowling"). After a person's name only: "Chelsea star", "Microsoft director" name
/// an employer, and "a Mike Leigh film" its maker. Not "stars": "Vince Vaughn stars in".
bool is_work_role(std::string_view word) {
    static constexpr std::string_view roles[] = {
        "star", "co-star", "director", "author", "actor", "actress", "creator",
    };
    return listed(roles, word);
}

/// Nouns that, after a person's name and a definite article before it, make the name a
/// title ("the Harry Potter films", "the third Harry Potter film"): "a Mike Leigh film" is a
/// film by him.
bool is_series_noun(std::string_view word) {
    static constexpr std::string_view nouns[] = {
        "film",  "films",  "movie", "movies",    "series",
        "books", "novels", "games", "franchise", "DVD",
    };
    return listed(nouns, word);
}

/// Words that only an article about films, music or books uses: in such an article a
/// capitalised "The" before a name marks a title. ("series", "programme" and "book" are too
/// common elsewhere: "a series of articles".)
bool is_arts_word(std::string_view word) {
    static constexpr std::string_view words[] = {
        "film",        "films",   "movie",  "movies", "album",  "albums", "novel",   "sitcom",
        "documentary", "musical", "biopic", "band",   "singer", "actor",  "actress",
    };
    return listed(words, word);
}

bool is_definite(std::string_view word) {
    static constexpr std::string_view words[] = {"the",   "first", "second",  "third", "fourth",
                                                 "fifth", "sixth", "seventh", "latest"};
    return listed(words, word);
}

/// Words that, before "in", put a work after it ("starring in X", "his performance in X").
/// Not "role" or "part": "his role in Enron's collapse".
bool is_performance_word(std::string_view word) {
    static constexpr std::string_view words[] = {
        "starring", "starred",     "stars",        "appeared",
        "appears",  "performance", "performances", "cameo",
    };
    return listed(words, word);
}

/// A product noun after a version number ("PlayStation 2 console", "Xbox 360 games").
bool is_product_noun(std::string_view word) {
    static constexpr std::string_view nouns[] = {"console", "consoles", "game",
                                                 "games",   "handheld", "version"};
    return listed(nouns, word);
}

/// A double quote, straight or curly (a single one may be an apostrophe: "Barclays' shares").
bool is_double_quote(std::string_view token) {
    return token == "\"" || token == "\xE2\x80\x9C" || token == "\xE2\x80\x9D";
}

/// A word in lower case ("favourite"), not punctuation ("*", a quote) or a name.
bool is_lower_word(std::string_view token) {
    return std::any_of(token.begin(), token.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
           std::none_of(token.begin(), token.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_version_number(std::string_view token) {
    return !token.empty() && token.size() <= 3 &&
           std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

/// The key under which a work's mentions meet: "The Aviator" and "Aviator" alike.
std::string Extraction::work_key(const Span& sp) const {
    std::string key = name_form_key(surface(sp.begin, sp.end));
    if (key.size() > 4 && key.compare(0, 4, "the ") == 0) {
        key.erase(0, 4);
    }
    return key;
}

/// Whether the words around a span say it is the title of a work or a product, and how:
/// after a work noun (which may start a list of works) or otherwise. `about_works`: whether
/// the article names a kind of work anywhere, without which a capitalised "The" says nothing
/// ("The Boston Globe", "The NPD Group" in business news).
Extraction::WorkCue Extraction::work_cue(const Span& sp, bool about_works) const {
    const std::string_view last_word = token_text(sp.end - 1);
    if (is_person_title(token_text(sp.begin)) ||
        ends_with_company_suffix(collapse_space(surface(sp.begin, sp.end))) ||
        is_org_cue(name_key(last_word))) {
        return WorkCue::no_cue; // "the programme Mr Blair launched", "The Walt Disney Company"
    }
    std::size_t before = sp.begin; // one past the word before the title
    // "favourite The Aviator", "biopic The Aviator": a title keeps its capitalised "The"
    // mid-sentence (after a lower-case word or a comma, not a quote or a colon), where a
    // company's or a party's name has "the".
    const bool capital_the =
        before > 1 && token_text(before - 1) == "The" &&
        m_tokens[before - 1].sentence == m_tokens[before - 2].sentence &&
        !m_tokens[before - 1].sentence_start &&
        (token_text(before - 2) == "," || is_lower_word(token_text(before - 2)));
    if (capital_the) {
        --before;
    }
    const auto word_before = [&](std::size_t back) -> std::string_view {
        return before >= back && m_tokens[before - back].sentence == m_tokens[sp.begin].sentence
                   ? token_text(before - back)
                   : std::string_view();
    };
    const auto word_after = [&](std::size_t ahead) -> std::string_view {
        const std::size_t t = sp.end + ahead - 1;
        return t < m_tokens.size() && m_tokens[t].sentence == m_tokens[sp.begin].sentence
                   ? token_text(t)
                   : std::string_view();
    };
    if (word_after(1) == "'s") {
        return WorkCue::
            no_cue; // "starred in Jean-Pierre Jeunet's A Very Long Engagement": its maker
    }
    if (is_work_noun(word_before(1))) {
        return WorkCue::work_noun;
    }
    // Bands keep their "The" too ("The Libertines", "The Stone Roses"), and they are
    // organisations: a plural organisation after it stays one.
    const bool plural_org = sp.type == EntityType::organisation && last_word.size() > 3 &&
                            last_word.back() == 's' && last_word[last_word.size() - 2] != '\'';
    const bool titled =
        (capital_the && about_works && !plural_org) ||
        (word_before(1) == "in" && is_performance_word(word_before(2))) ||
        word_before(1) == "directed" || word_before(1) == "directing" ||
        // A quoted title, not a quoted ticker ("under the symbol "KKR"").
        (is_double_quote(word_before(1)) && is_double_quote(word_after(1)) &&
         acronym_letters(surface(sp.begin, sp.end)).empty()) ||
        // "the Harry Potter films", not "the Michael Winterbottom film 24 Hour
        // Party People" (a title after the noun: the name is its maker).
        (sp.type == EntityType::person &&
         (is_work_role(word_after(1)) ||
          (is_series_noun(word_after(1)) && is_definite(word_before(1)) &&
           !starts_capitalised(word_after(2)) && !is_version_number(word_after(2))))) ||
        (is_version_number(word_after(1)) && is_product_noun(word_after(2)));
    return titled ? WorkCue::other_cue : WorkCue::no_cue;
}

/// Step 3b. Titles of works and products are no actors: a name the article once gives as a
/// work is a work (MISC) in all its mentions; a list that follows a work noun is a list of
/// works ("films Vera Drake, Calendar Girls and Enduring Love"). Names the alias table knows
/// and places the gazetteer knows stay what they are.
void Extraction::works_are_no_actors() {
    bool about_works = false;
    for (std::size_t t = 0; t < m_tokens.size() && !about_works; ++t) {
        about_works = is_arts_word(token_text(t));
    }
    std::unordered_set<std::string> works;
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        const WorkCue cue =
            m_spans[i].resolved ? WorkCue::no_cue : work_cue(m_spans[i], about_works);
        if (cue == WorkCue::no_cue) {
            continue;
        }
        works.insert(work_key(m_spans[i]));
        // The rest of a list a work noun starts: "films X, Y and Z".
        for (std::size_t j = i + 1; cue == WorkCue::work_noun && j < m_spans.size(); ++j) {
            const std::size_t gap_begin = m_spans[j - 1].end;
            const std::size_t gap_end = m_spans[j].begin;
            bool list_gap = gap_end > gap_begin && gap_end - gap_begin <= 2 &&
                            m_tokens[gap_end].sentence == m_tokens[gap_begin].sentence;
            for (std::size_t t = gap_begin; list_gap && t < gap_end; ++t) {
                list_gap = token_text(t) == "," || token_text(t) == "and";
            }
            // An item is a title only if the list goes on or ends after it: "… and Ray
            // Charles biopic Ray" names a person, then a film.
            const std::size_t after = m_spans[j].end;
            const bool item_ends = after >= m_tokens.size() ||
                                   m_tokens[after].sentence != m_tokens[gap_end].sentence ||
                                   token_text(after) == "," || token_text(after) == "and" ||
                                   token_text(after) == "." || token_text(after) == ";" ||
                                   token_text(after) == ")";
            if (!list_gap || !item_ends || m_spans[j].resolved ||
                ends_with_company_suffix(
                    collapse_space(surface(m_spans[j].begin, m_spans[j].end)))) {
                break;
            }
            works.insert(work_key(m_spans[j]));
        }
    }
    if (works.empty()) {
        return;
    }
    for (Span& sp : m_spans) {
        if (sp.resolved || sp.type == EntityType::misc || works.count(work_key(sp)) == 0) {
            continue;
        }
        if (sp.type == EntityType::location &&
            !m_gaz.candidates(name_key(surface(sp.begin, sp.end))).empty()) {
            continue; // "the musical Chicago" leaves the city a city elsewhere
        }
        sp.type = EntityType::misc;
    }
}

} // namespace newsdex::analysis::detail
