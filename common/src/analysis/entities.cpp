#include "newsdex/analysis/entities.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

#include "newsdex/ascii.h"
#include "newsdex/error.h"

namespace newsdex::analysis {
namespace {

// ---------------------------------------------------------------------------------------------
// Character helpers (ASCII fast paths; non-ASCII letters get the benefit of the doubt)

/// First letter upper case: ASCII A–Z or a Latin-1 capital (U+00C0–U+00DE, "Élysée").
bool starts_capitalised(std::string_view w) {
    if (w.empty()) {
        return false;
    }
    const auto c = static_cast<unsigned char>(w[0]);
    if (c == 0xC3 && w.size() > 1) {
        const auto n = static_cast<unsigned char>(w[1]);
        return n >= 0x80 && n <= 0x9E && n != 0x97;
    }
    return is_upper(static_cast<char>(c));
}

/// Letters present and no ASCII lower-case letter among them.
bool all_caps(std::string_view s) {
    bool letter = false;
    for (char c : s) {
        if (is_lower(c)) {
            return false;
        }
        letter = letter || is_upper(c);
    }
    return letter;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (to_lower(s[i]) != prefix[i]) {
            return false;
        }
    }
    return true;
}

bool contains_ci(std::string_view s, std::string_view needle) {
    for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
        if (starts_with_ci(s.substr(i), needle)) {
            return true;
        }
    }
    return false;
}

/// "JEAN-YVES LE DRIAN" → "Jean-Yves Le Drian": display form of a name seen only in capitals.
std::string title_case(std::string_view s) {
    std::string out(s);
    bool word_start = true;
    for (char& c : out) {
        if (is_upper(c) || is_lower(c)) {
            c = word_start ? to_upper(c) : to_lower(c);
            word_start = false;
        } else {
            word_start = c != '\'' && static_cast<unsigned char>(c) < 0x80;
        }
    }
    return out;
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

// ---------------------------------------------------------------------------------------------
// Boilerplate

/// Line openings that mark text which is not the story. Matched case-insensitively at the start
/// of a paragraph, followed by a non-letter, and only when written with a capital.
constexpr std::string_view boilerplate_openings[] = {
    "more news",      "more from",        "read more",        "read also",
    "also read",      "read next",        "related:",         "related stories",
    "related articles", "related coverage", "related content", "related news",
    "related links",  "related reading",  "see also:",        "click here",
    "share this",     "share on",         "share:",           "subscribe",
    "follow us",      "follow @",         "sign up",          "copyright",
    "all rights reserved", "advertisement", "recommended:",   "you may also like",
    "don't miss",     "reporting by",     "(reporting by",    "writing by",
    "editing by",     "additional reporting",
};

/// Decorations before a line's first word: bullets, quote marks of e-mail, arrows, dashes.
std::string_view strip_decoration(std::string_view s) {
    for (;;) {
        s = trim(s);
        if (!s.empty() && (s[0] == '>' || s[0] == '*' || s[0] == '|' || s[0] == '-')) {
            s.remove_prefix(1);
        } else if (s.size() >= 2 &&
                   (s.substr(0, 2) == "\xC2\xBB" || s.substr(0, 2) == "\xC2\xB7")) {
            s.remove_prefix(2); // » ·
        } else if (s.size() >= 3 && (s.substr(0, 3) == "\xE2\x80\xA2" ||  // •
                                     s.substr(0, 3) == "\xE2\x80\x94" ||  // —
                                     s.substr(0, 3) == "\xE2\x80\x93" ||  // –
                                     s.substr(0, 3) == "\xE2\x96\xBA")) { // ►
            s.remove_prefix(3);
        } else {
            return s;
        }
    }
}

bool is_boilerplate_line(std::string_view line) {
    const std::string_view s = strip_decoration(line);
    if (s.empty() || s.size() > 400) {
        return false;
    }
    if (s.substr(0, 2) == "\xC2\xA9") { // ©
        return true;
    }
    if (s.size() <= 200 && contains_ci(s, "all rights reserved")) {
        return true;
    }
    const bool capital = is_upper(s[0]) || (s[0] == '(' && s.size() > 1 && is_upper(s[1]));
    if (!capital) {
        return false;
    }
    for (std::string_view opening : boilerplate_openings) {
        if (starts_with_ci(s, opening)) {
            // "Subscribe" but not "Subscribers": a whole word, unless the opening ends in
            // punctuation already ("Related:", "Follow @").
            const char next = s.size() > opening.size() ? s[opening.size()] : ' ';
            if (!is_lower(opening.back()) || !is_lower(to_lower(next))) {
                return true;
            }
        }
    }
    if (starts_with_ci(s, "(c) ") || s == "Reuter" || s == "REUTER") {
        return true;
    }
    return false;
}

bool is_name_particle(std::string_view w) {
    static constexpr std::string_view particles[] = {
        "de", "da", "del", "della", "der", "den", "van", "von", "le", "la", "du",
        "di", "al", "el", "bin", "ibn", "y", "and", "dos", "das", "ter", "st.",
    };
    return std::find(std::begin(particles), std::end(particles), w) != std::end(particles);
}

/// "Adam Floyd" from "• Adam Floyd", "By Jane Doe, Reuters", "BY JANE DOE in London"; empty if
/// the line is not a byline. `allow_bullet`: a bullet or dash marks a byline (only at the end).
std::string parse_byline(std::string_view line, bool allow_bullet) {
    std::string_view s = trim(line);
    const std::string_view undecorated = strip_decoration(s);
    bool marked = false;
    if (undecorated.size() != s.size()) {
        if (!allow_bullet) {
            return {};
        }
        marked = true;
        s = undecorated;
    }
    if (starts_with_ci(s, "by ")) {
        s.remove_prefix(3);
        marked = true;
    }
    if (!marked || s.size() > 80) {
        return {};
    }
    // The name stops at an affiliation or place: ", Reuters", " in London", " (AP)", " | ".
    std::size_t stop = s.find_first_of(",(|;");
    for (std::string_view sep : {" in ", " for ", " at ", " - "}) {
        stop = std::min(stop, s.find(sep));
    }
    s = trim(s.substr(0, std::min(stop, s.size())));
    std::size_t words = 0;
    std::size_t capitalised = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = s.find(' ', i);
        if (j == std::string_view::npos) {
            j = s.size();
        }
        const std::string_view w = s.substr(i, j - i);
        if (!w.empty()) {
            ++words;
            if (starts_capitalised(w)) {
                ++capitalised;
            } else {
                std::string lower(w);
                std::transform(lower.begin(), lower.end(), lower.begin(), to_lower);
                if (!is_name_particle(lower)) {
                    return {};
                }
            }
        }
        i = j + 1;
    }
    if (capitalised < 2 || words > 6) {
        return {};
    }
    return all_caps(s) ? title_case(s) : std::string(s);
}

// ---------------------------------------------------------------------------------------------
// Entity assembly

constexpr std::size_t none = static_cast<std::size_t>(-1);

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
        "commission", "council", "ministry", "party", "forces", "organisation", "organization",
        "corp", "inc", "bank", "group", "company", "co", "ltd", "committee", "agency", "army",
        "front", "union", "association", "federation", "institute", "university", "board",
        "department", "office", "authority", "movement", "coalition", "alliance", "court",
    };
    return std::find(std::begin(cues), std::end(cues), key) != std::end(cues);
}

/// Evidence of the countries and subdivisions an article is about (weights add up).
struct Evidence {
    std::unordered_map<std::string, double> country;
    std::unordered_map<std::string, double> subdivision;
    double total = 0;

    void add(const Place& p, double w) {
        if (!p.country_code.empty()) {
            country[p.country_code] += w;
            total += w;
        }
        if (!p.subdivision_code.empty()) {
            subdivision[p.subdivision_code] += w;
        }
    }
    double share(const std::string& code) const {
        const auto it = country.find(code);
        return it == country.end() || total <= 0 ? 0.0 : it->second / total;
    }
    bool has_subdivision(const std::string& code) const {
        return !code.empty() && subdivision.count(code) != 0;
    }
};

/// Candidates that all lie in one country say so whichever is meant.
const std::string* single_country(const std::vector<const Place*>& list) {
    if (list.empty() || list.front()->country_code.empty()) {
        return nullptr;
    }
    for (const Place* p : list) {
        if (p->country_code != list.front()->country_code) {
            return nullptr;
        }
    }
    return &list.front()->country_code;
}

/// Population, then the article's evidence. Logs keep population from swamping evidence: a
/// named subdivision beats any population gap, a country's full share beats about 30-fold.
const Place* pick_place(const std::vector<const Place*>& list, const Evidence& ev) {
    const bool has_area = std::any_of(list.begin(), list.end(),
                                      [](const Place* p) { return is_area(p->kind); });
    const Place* best = nullptr;
    double best_score = 0;
    for (const Place* p : list) {
        double score = std::log10(static_cast<double>(p->population) + 10.0);
        if (is_area(p->kind) || p->kind == PlaceKind::district) {
            score += 1.0;
        }
        if (!(has_area && p->kind == PlaceKind::city)) {
            score += 1.5 * ev.share(p->country_code);
        }
        const std::string& own_sub = p->subdivision_code;
        if (ev.has_subdivision(own_sub) && p->kind != PlaceKind::subdivision) {
            score += 3.0;
        }
        if (best == nullptr || score > best_score + 1e-9 ||
            (std::abs(score - best_score) <= 1e-9 &&
             std::tie(p->country_code, p->name) < std::tie(best->country_code, best->name))) {
            best = p;
            best_score = score;
        }
    }
    return best;
}

/// Salience bookkeeping for one facet value.
struct Tally {
    double score = 0;
    std::size_t first = none;
    void add(double w, std::size_t pos) {
        score += w;
        first = std::min(first, pos);
    }
};

template <typename Key>
std::vector<Key> by_salience(const std::vector<std::pair<Key, Tally>>& items) {
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Tally& x = items[a].second;
        const Tally& y = items[b].second;
        return x.score != y.score ? x.score > y.score : x.first < y.first;
    });
    std::vector<Key> out;
    out.reserve(items.size());
    for (std::size_t i : order) {
        out.push_back(items[i].first);
    }
    return out;
}

template <typename Key>
Tally& tally(std::vector<std::pair<Key, Tally>>& items, const Key& key) {
    for (auto& item : items) {
        if (item.first == key) {
            return item.second;
        }
    }
    items.emplace_back(key, Tally{});
    return items.back().second;
}

/// Where the lede ends: mentions before it weigh more.
constexpr std::size_t lede_bytes = 400;

} // namespace

// ---------------------------------------------------------------------------------------------

BoilerplateScan BoilerplateScan::scan(std::string_view body) {
    BoilerplateScan out;
    struct Line {
        std::size_t start, end;
    };
    std::vector<Line> lines;
    for (std::size_t i = 0; i <= body.size();) {
        std::size_t j = body.find('\n', i);
        if (j == std::string_view::npos) {
            j = body.size();
        }
        std::size_t e = j;
        if (e > i && body[e - 1] == '\r') {
            --e;
        }
        lines.push_back({i, e});
        i = j + 1;
    }
    auto text = [&](const Line& l) { return body.substr(l.start, l.end - l.start); };
    auto blank = [&](const Line& l) { return trim(text(l)).empty(); };
    std::vector<bool> marked(lines.size(), false);

    // A line starts a paragraph when the text before it ended one: wrapped wire text goes on
    // mid-sentence, and there "subscribe" or "copyright" is just a word.
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (blank(lines[k])) {
            continue;
        }
        bool paragraph_start = k == 0 || blank(lines[k - 1]) || marked[k - 1];
        if (!paragraph_start) {
            const std::string_view prev = trim(text(lines[k - 1]));
            const char last = prev.empty() ? '.' : prev.back();
            paragraph_start = last == '.' || last == '!' || last == '?' || last == ':' ||
                              last == '"' || last == ')' ||
                              static_cast<unsigned char>(last) >= 0x80;
        }
        if (paragraph_start && is_boilerplate_line(text(lines[k]))) {
            marked[k] = true;
        }
    }

    // The byline: the last line that is neither blank nor other boilerplate; else "By …" first.
    for (std::size_t k = lines.size(); k-- > 0;) {
        if (blank(lines[k]) || marked[k]) {
            continue;
        }
        std::string name = parse_byline(text(lines[k]), true);
        if (!name.empty()) {
            out.byline = std::move(name);
            marked[k] = true;
        }
        break;
    }
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (blank(lines[k])) {
            continue;
        }
        if (!marked[k]) {
            std::string name = parse_byline(text(lines[k]), false);
            if (!name.empty()) {
                marked[k] = true;
                if (out.byline.empty()) {
                    out.byline = std::move(name);
                }
            }
        }
        break;
    }
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (marked[k]) {
            out.ranges.emplace_back(lines[k].start, lines[k].end);
        }
    }
    return out;
}

std::string_view body_dateline(std::string_view body) {
    std::size_t i = 0;
    while (i < body.size() && is_space(body[i])) {
        ++i;
    }
    const std::string_view line = body.substr(i, std::min(body.find('\n', i), body.size()) - i);
    const std::string_view window = line.substr(0, std::min<std::size_t>(line.size(), 120));
    std::size_t dash = std::string_view::npos;
    for (std::string_view sep : {" - ", " -- ", "\xE2\x80\x94", "\xE2\x80\x93"}) {
        dash = std::min(dash, window.find(sep));
    }
    if (dash == std::string_view::npos || dash == 0) {
        return {};
    }
    const std::string_view before = trim(window.substr(0, dash));
    const std::string_view head = trim(before.substr(0, before.find_first_of(",(")));
    if (head.size() < 2 || head.size() > 40 || !all_caps(head)) {
        return {};
    }
    for (char c : head) {
        const bool ok = is_upper(c) || c == ' ' || c == '.' || c == '\'' || c == '-' ||
                        static_cast<unsigned char>(c) >= 0x80;
        if (!ok) {
            return {};
        }
    }
    return before;
}

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

ArticleEntities EntityExtractor::extract(const Article& article) const {
    const Gazetteer& gaz = *m_gazetteer;
    const std::string& body = article.body;
    ArticleEntities out;

    BoilerplateScan boiler = BoilerplateScan::scan(body);
    out.boilerplate = std::move(boiler.ranges);
    out.byline = std::move(boiler.byline);

    // The story text: the body with boilerplate blanked, so every offset stays a body offset.
    thread_local std::string story;
    story.assign(body);
    for (const auto& [from, to] : out.boilerplate) {
        std::fill(story.begin() + static_cast<std::ptrdiff_t>(from),
                  story.begin() + static_cast<std::ptrdiff_t>(to), ' ');
    }
    out.dates = find_date_mentions(story, article.published);

    // Tokens (the tagger's own tokenizer) and the tagger's spans over them.
    const auto sentences = split_sentences(story);
    std::vector<Token> tokens;
    std::vector<std::vector<std::string_view>> words(sentences.size());
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        words[s].reserve(sentences[s].size());
        for (std::size_t t = 0; t < sentences[s].size(); ++t) {
            const TokenRange& r = sentences[s][t];
            tokens.push_back({r.start, r.end, s, t == 0});
            words[s].push_back(std::string_view(story).substr(r.start, r.end - r.start));
        }
    }
    const auto tagged = m_tagger->tag_document(words);
    std::vector<Span> spans;
    {
        std::size_t base = 0;
        for (std::size_t s = 0; s < tagged.size(); ++s) {
            for (const TaggedSpan& t : tagged[s]) {
                spans.push_back({base + t.begin, base + t.end, t.type});
            }
            base += sentences[s].size();
        }
    }
    auto token_text = [&](std::size_t t) {
        return std::string_view(body).substr(tokens[t].start, tokens[t].end - tokens[t].start);
    };
    auto surface = [&](std::size_t b, std::size_t e) {
        return std::string_view(body).substr(tokens[b].start, tokens[e - 1].end - tokens[b].start);
    };

    // 1. Aliases over the tagger's spans: the alias table knows the type better.
    for (Span& sp : spans) {
        if (auto alias = gaz.actor_alias(surface(sp.begin, sp.end))) {
            sp.type = alias->kind == ActorKind::person ? EntityType::person
                                                       : EntityType::organisation;
            sp.canonical = alias->canonical;
            sp.resolved = true;
        }
    }

    // A whole PER span that is a well-known place ("Dubai's Emirates", "the Astana talks") is
    // that place; a LOC that is only a demonym ("Kazakh") is evidence, not a place.
    for (Span& sp : spans) {
        if (sp.resolved || (sp.type != EntityType::person && sp.type != EntityType::location)) {
            continue;
        }
        const std::string key = name_key(surface(sp.begin, sp.end));
        const auto& list = gaz.candidates(key);
        if (sp.type == EntityType::location) {
            if (list.empty() && gaz.country_for_demonym(key) != nullptr) {
                sp.type = EntityType::misc;
            }
            continue;
        }
        const bool well_known = std::any_of(list.begin(), list.end(), [](const Place* p) {
            return p->kind != PlaceKind::city || p->population >= 1000000;
        });
        if (well_known && !gaz.is_common_word(key)) {
            sp.type = EntityType::location;
        }
    }

    // 2. "Syria Staffan de Mistura" as one LOC: split off the place the span starts with.
    {
        std::vector<Span> extra;
        for (Span& sp : spans) {
            if (sp.type != EntityType::location || sp.resolved || sp.end - sp.begin < 2 ||
                !gaz.candidates(name_key(surface(sp.begin, sp.end))).empty()) {
                continue;
            }
            for (std::size_t k = sp.end - 1; k > sp.begin; --k) {
                const std::string key = name_key(surface(sp.begin, k));
                if (gaz.candidates(key).empty() || gaz.is_common_word(key) ||
                    !starts_capitalised(token_text(k))) {
                    continue;
                }
                Span rest{k, sp.end, EntityType::person};
                const std::string_view rest_text = surface(k, sp.end);
                const std::string rest_key = name_key(rest_text);
                if (auto alias = gaz.actor_alias(rest_text)) {
                    rest.type = alias->kind == ActorKind::person ? EntityType::person
                                                                 : EntityType::organisation;
                    rest.canonical = alias->canonical;
                    rest.resolved = true;
                } else if (!gaz.candidates(rest_key).empty()) {
                    rest.type = EntityType::location;
                } else if (is_org_cue(name_key(token_text(sp.end - 1)))) {
                    rest.type = EntityType::organisation;
                }
                sp.end = k;
                extra.push_back(std::move(rest));
                break;
            }
        }
        spans.insert(spans.end(), extra.begin(), extra.end());
    }

    // Which span covers each token (MISC spans do not block the scans below).
    std::vector<std::size_t> cover(tokens.size(), none);
    auto rebuild_cover = [&] {
        std::sort(spans.begin(), spans.end(),
                  [](const Span& a, const Span& b) { return a.begin < b.begin; });
        std::fill(cover.begin(), cover.end(), none);
        for (std::size_t i = 0; i < spans.size(); ++i) {
            for (std::size_t t = spans[i].begin; t < spans[i].end; ++t) {
                cover[t] = i;
            }
        }
    };
    rebuild_cover();
    auto blocked = [&](std::size_t t) {
        return cover[t] != none && spans[cover[t]].type != EntityType::misc;
    };

    // 3. Gazetteer names and aliases the tagger missed (or called MISC): longest match first,
    //    growing the key word by word while some longer name starts with it.
    {
        std::vector<Span> found;
        const std::size_t max_words = gaz.max_name_words();
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (blocked(i) || !starts_capitalised(token_text(i))) {
                continue;
            }
            std::string key;
            std::size_t best_end = 0;
            Span best{i, i, EntityType::misc};
            for (std::size_t j = i; j < tokens.size() && j - i < max_words; ++j) {
                if (j > i && (tokens[j].sentence != tokens[i].sentence || blocked(j))) {
                    break;
                }
                if (j > i) {
                    key += ' ';
                }
                key += name_key(token_text(j));
                if (starts_capitalised(token_text(j))) {
                    const std::string_view text = surface(i, j + 1);
                    if (auto alias = gaz.actor_alias(text)) {
                        best = {i, j + 1,
                                alias->kind == ActorKind::person ? EntityType::person
                                                                 : EntityType::organisation,
                                true, alias->canonical};
                        best_end = j + 1;
                    } else if (!gaz.is_common_word(key) && !gaz.candidates(key).empty() &&
                               !gaz.country_for_demonym(key)) {
                        const auto& list = gaz.candidates(key);
                        bool strong = j > i;
                        for (const Place* p : list) {
                            strong = strong || (p->kind != PlaceKind::city &&
                                                p->kind != PlaceKind::other) ||
                                     (p->population >= 100000 && !tokens[i].sentence_start);
                        }
                        if (strong) {
                            best = {i, j + 1, EntityType::location};
                            best_end = j + 1;
                        }
                    }
                }
                if (!gaz.is_prefix(key)) {
                    break;
                }
            }
            if (best_end != 0) {
                found.push_back(std::move(best));
                i = best_end - 1;
            }
        }
        if (!found.empty()) {
            // Found names replace the MISC spans they overlap.
            std::vector<Span> kept;
            for (Span& sp : spans) {
                const bool overlapped =
                    sp.type == EntityType::misc &&
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
            spans = std::move(kept);
            rebuild_cover();
        }
    }

    // 4. People: full names (two words or more) by their trailing words, for later short
    //    mentions. `latest` keeps the most recent full name per key, `first` the first one.
    std::unordered_map<std::string, std::string> first_full;
    // Display names: a name seen only in capitals gets title case, except a single word that
    // may be an acronym ("SPD") or has letters title_case() cannot handle ("FPÖ"); a leading
    // article goes ("The Vienna Town Council").
    auto display = [&](std::size_t b, std::size_t e, EntityType type) {
        std::string text = collapse_space(surface(b, e));
        if (type != EntityType::person && text.size() > 4 &&
            starts_with_ci(text, "the ") && starts_capitalised(text.substr(4))) {
            text.erase(0, 4);
        }
        const bool ascii = std::all_of(text.begin(), text.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x80;
        });
        if (ascii && all_caps(text) &&
            (type == EntityType::person || text.find(' ') != std::string::npos)) {
            return title_case(text);
        }
        return text;
    };
    // "bashar al-assad" → "al-assad" and "assad": a surname's Arabic article ("al-", "el-" …)
    // is often dropped in later mentions ("Assad said").
    auto suffix_keys = [](const std::string& key, auto&& fn) {
        static const std::string_view particles[] = {"al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-"};
        for (std::size_t p = key.find(' '); p != std::string::npos; p = key.find(' ', p + 1)) {
            const std::string suffix = key.substr(p + 1);
            for (const std::string_view particle : particles) {
                if (suffix.size() > particle.size() + 1 && suffix.compare(0, particle.size(), particle) == 0) {
                    fn(suffix.substr(particle.size()));
                }
            }
            fn(suffix);
        }
    };
    for (const Span& sp : spans) {
        if (sp.type != EntityType::person || sp.resolved) {
            continue;
        }
        const std::string key = name_key(surface(sp.begin, sp.end));
        if (key.find(' ') != std::string::npos) {
            const std::string name = display(sp.begin, sp.end, sp.type);
            suffix_keys(key, [&](std::string s) { first_full.emplace(std::move(s), name); });
        }
    }
    if (!first_full.empty()) {
        // A bare surname the tagger missed or mistyped ("Assad" as LOC) is that person, unless
        // it is also a place or an alias.
        bool changed = false;
        for (std::size_t t = 0; t < tokens.size(); ++t) {
            const std::size_t c = cover[t];
            const bool single = c == none || (spans[c].end - spans[c].begin == 1 &&
                                              spans[c].type != EntityType::person &&
                                              !spans[c].resolved);
            if (!single || !starts_capitalised(token_text(t))) {
                continue;
            }
            const std::string key = name_key(token_text(t));
            if (first_full.count(key) == 0 || !gaz.candidates(key).empty() ||
                gaz.actor_alias(token_text(t))) {
                continue;
            }
            if (c == none) {
                spans.push_back({t, t + 1, EntityType::person});
                changed = true;
            } else {
                spans[c].type = EntityType::person;
            }
        }
        if (changed) {
            rebuild_cover();
        }
    }
    {
        std::unordered_map<std::string, std::string> latest;
        for (Span& sp : spans) {
            if (sp.type != EntityType::person || sp.resolved) {
                continue;
            }
            const std::string key = name_key(surface(sp.begin, sp.end));
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
                suffix_keys(key, [&](std::string s) { latest[std::move(s)] = name; });
            }
        }
    }

    // 5. The dateline: from the body's first line, else the reader's Article::dateline.
    const Place* dateline_place = nullptr;
    std::size_t dateline_pos = 0;
    if (const std::string_view dl = body_dateline(body); !dl.empty()) {
        dateline_place = gaz.resolve_dateline(dl);
        const std::size_t from = static_cast<std::size_t>(dl.data() - body.data());
        const std::size_t head_end = from + trim(dl.substr(0, dl.find_first_of(",("))).size();
        dateline_pos = from;
        if (dateline_place != nullptr) {
            std::size_t b = none;
            std::size_t e = none;
            for (std::size_t t = 0; t < tokens.size() && tokens[t].start < head_end; ++t) {
                if (tokens[t].start >= from) {
                    b = b == none ? t : b;
                    e = t + 1;
                }
            }
            if (b != none) {
                // The dateline's reading wins over what the tagger made of the head.
                spans.erase(std::remove_if(spans.begin(), spans.end(),
                                           [&](const Span& sp) {
                                               return sp.begin < e && b < sp.end;
                                           }),
                            spans.end());
                Span sp{b, e, EntityType::location, true, dateline_place->name, dateline_place};
                spans.push_back(std::move(sp));
                rebuild_cover();
            }
        }
    } else if (!article.dateline.empty()) {
        dateline_place = gaz.resolve_dateline(article.dateline);
    }

    // 6. Places: evidence from the dateline, single-country names and demonyms, then each
    //    ambiguous name by population and evidence, twice so that a subdivision resolved in
    //    the first round ("Virginia") informs the second.
    Evidence evidence;
    std::vector<std::pair<std::string, Tally>> country_tally;
    auto credit_country = [&](const std::string& code, double w, std::size_t pos) {
        if (!code.empty()) {
            tally(country_tally, code).add(w, pos);
        }
    };
    if (dateline_place != nullptr) {
        evidence.add(*dateline_place, 3.0);
        if (dateline_place->kind == PlaceKind::subdivision) {
            evidence.subdivision[dateline_place->subdivision_code] += 3.0;
        }
        credit_country(dateline_place->country_code, 2.0, dateline_pos);
    }
    std::vector<std::string> place_keys(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        Span& sp = spans[i];
        if (sp.type != EntityType::location || sp.place != nullptr) {
            continue;
        }
        place_keys[i] = name_key(surface(sp.begin, sp.end));
        const auto& list = gaz.candidates(place_keys[i]);
        if (list.size() == 1) {
            sp.place = list.front();
            evidence.add(*sp.place, 1.0);
        } else if (const std::string* code = single_country(list)) {
            evidence.country[*code] += 1.0;
            evidence.total += 1.0;
        }
    }
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        const std::size_t c = cover[t];
        if ((c != none && (spans[c].type == EntityType::person ||
                           spans[c].type == EntityType::location)) ||
            !starts_capitalised(token_text(t))) {
            continue;
        }
        if (const Country* country = gaz.country_for_demonym(token_text(t))) {
            if (country->place != nullptr) {
                evidence.add(*country->place, 1.0);
            } else {
                evidence.country[country->code] += 1.0;
                evidence.total += 1.0;
            }
            credit_country(country->code, 0.5, tokens[t].start);
        }
    }
    for (int round = 0; round < 2; ++round) {
        Evidence next = evidence;
        for (std::size_t i = 0; i < spans.size(); ++i) {
            Span& sp = spans[i];
            if (sp.type != EntityType::location || place_keys[i].empty()) {
                continue;
            }
            const auto& list = gaz.candidates(place_keys[i]);
            if (list.size() > 1) {
                sp.place = pick_place(list, evidence);
                if (sp.place->kind == PlaceKind::subdivision) {
                    next.subdivision[sp.place->subdivision_code] += 1.0;
                }
            }
        }
        evidence = std::move(next);
    }

    // 7. Mentions, in body order, and the document-level facets by salience.
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
    const std::string title_key = " " + name_key(article.title) + " ";
    auto in_title = [&](const std::string& canonical) {
        const std::string key = name_key(canonical);
        const std::string last = key.substr(key.rfind(' ') + 1);
        return title_key.find(" " + last + " ") != std::string::npos;
    };
    std::vector<std::pair<std::string, Tally>> person_tally;
    std::vector<std::pair<std::string, Tally>> org_tally;
    std::vector<std::pair<LocationFacet, Tally>> place_tally;
    if (dateline_place != nullptr) {
        tally(place_tally, LocationFacet{dateline_place->name, dateline_place->country_code})
            .add(2.0, dateline_pos);
    }
    for (Span& sp : spans) {
        if (sp.type == EntityType::misc) {
            continue;
        }
        EntityMention m;
        m.type = sp.type;
        m.start = tokens[sp.begin].start;
        m.end = tokens[sp.end - 1].end;
        m.text.assign(body, m.start, m.end - m.start);
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
    auto title_bonus = [&](auto& items, auto&& name_of) {
        for (auto& item : items) {
            if (in_title(name_of(item.first))) {
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
    out.countries = by_salience(country_tally);
    return out;
}

} // namespace newsdex::analysis
