#include "newsdex/search/natural_phrasing.h"

#include <string>
#include <utility>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/ascii.h"

namespace newsdex::search {
namespace {

using analysis::Place;

/// What a phrase's first word makes of the words after it.
enum class Cue { in, since, from, after, before, until, on, between, relative, by, everything };

struct CueWord {
    std::string_view word;
    Cue cue;
};

/// The words that start a natural phrase (folded): the one list, which may_need_interpretation
/// reads too, so that every phrase read here reaches the interpreter.
constexpr CueWord cue_words[] = {
    {"in", Cue::in},
    {"since", Cue::since},
    {"from", Cue::from},
    {"after", Cue::after},
    {"before", Cue::before},
    {"until", Cue::until},
    {"till", Cue::until},
    {"on", Cue::on},
    {"between", Cue::between},
    {"today", Cue::relative},
    {"yesterday", Cue::relative},
    {"this", Cue::relative},
    {"last", Cue::relative},
    {"by", Cue::by},
    {"per", Cue::by},
    {"everything", Cue::everything},
};

std::optional<Cue> cue_of(std::string_view folded_word) {
    for (const CueWord& c : cue_words) {
        if (c.word == folded_word) {
            return c.cue;
        }
    }
    return std::nullopt;
}

/// Words that go with a relative date after them ("in the last year", "during this week").
bool is_preposition(std::string_view w) {
    return w == "in" || w == "during" || w == "over" || w == "within" || w == "for" || w == "of" ||
           w == "from";
}

/// Reads the phrase at one token of one query.
class PhraseReader {
public:
    PhraseReader(std::string_view text, std::vector<Token>& tokens, FacetResolver& places,
                 const CivilDate& today)
        : m_text(text), m_tokens(tokens), m_places(places), m_today(today) {}

    std::optional<NaturalPhrase> read(std::size_t i);

private:
    std::size_t in_phrase();
    std::size_t open_range_phrase(Cue cue);
    std::size_t on_phrase();
    std::size_t between_phrase();
    std::size_t relative_phrase(std::size_t i);
    std::size_t grouping_phrase();
    std::size_t more_places(std::size_t last);
    const Place* place_at(std::size_t first, std::vector<std::size_t>& taken) const;
    std::size_t lead_in_phrase(std::size_t i);
    std::pair<const Place*, std::size_t> qualified_place(const Place* best, std::string_view name,
                                                         std::size_t from) const;
    void drop_leading_preposition(std::size_t i);

    bool plain_word(std::size_t j) const {
        return j < m_tokens.size() && is_plain_word(m_tokens[j]);
    }
    std::optional<std::size_t> live_before(std::size_t i) const;
    std::optional<std::size_t> live_after(std::size_t i) const;
    std::optional<DateUnit> unit_at(std::size_t pos) const {
        return any_unit(m_words, pos, m_today);
    }

    std::string_view m_text;
    std::vector<Token>& m_tokens;
    FacetResolver& m_places;
    const CivilDate& m_today;
    /// The run of plain words from the phrase's first one: token indexes, folded cores.
    std::vector<std::size_t> m_idx;
    std::vector<std::string> m_words;
    std::optional<DayRange> m_range;
    std::optional<ResolvedValue> m_place;
    std::optional<DateGranularity> m_grouping;
    bool m_lead_in = false;
    std::vector<std::size_t> m_more; ///< tokens of "or <place>" after the first place
};

std::optional<std::size_t> PhraseReader::live_before(std::size_t i) const {
    while (i > 0) {
        --i;
        if (!m_tokens[i].removed) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> PhraseReader::live_after(std::size_t i) const {
    for (++i; i < m_tokens.size(); ++i) {
        if (!m_tokens[i].removed) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<NaturalPhrase> PhraseReader::read(std::size_t i) {
    constexpr std::size_t longest_phrase = 12; // words looked at
    for (std::size_t j = i; plain_word(j) && m_idx.size() < longest_phrase; ++j) {
        m_idx.push_back(j);
        m_words.push_back(analysis::fold(m_tokens[j].core));
    }
    const std::optional<Cue> cue = m_words.empty() ? std::nullopt : cue_of(m_words[0]);
    if (!cue) {
        return std::nullopt;
    }
    std::size_t taken = 0;
    switch (*cue) {
    case Cue::in:
        taken = in_phrase();
        break;
    case Cue::since:
    case Cue::from:
    case Cue::after:
    case Cue::before:
    case Cue::until:
        taken = open_range_phrase(*cue);
        break;
    case Cue::on:
        taken = on_phrase();
        break;
    case Cue::between:
        taken = between_phrase();
        break;
    case Cue::relative:
        taken = relative_phrase(i);
        break;
    case Cue::by:
        taken = grouping_phrase();
        break;
    case Cue::everything:
        taken = lead_in_phrase(i);
        break;
    }
    if (taken == 0 || (!m_range && !m_place && !m_grouping && !m_lead_in)) {
        return std::nullopt;
    }
    // "in Greece or Cyprus", "in Greece OR in Cyprus": more places of the same phrase.
    std::size_t last = m_idx[taken - 1];
    if (m_place) {
        last = more_places(last);
    }
    // Not next to OR/NEAR/…: the phrase could not be taken out without changing the query.
    const auto prev = live_before(i);
    const auto next = live_after(last);
    std::optional<std::size_t> not_token;
    std::optional<std::size_t> outer = prev;
    if (prev && is_not(m_tokens[*prev]) && m_tokens[*prev].depth == 0) {
        not_token = prev;
        outer = live_before(*prev);
    }
    // OR (and only OR) joins a place to the words around it: "banks OR in Greece" asks for
    // either, so the phrase becomes an alternative, with that OR.
    const auto is_or = [&](const std::optional<std::size_t>& k) {
        return k && m_tokens[*k].kind == TokenKind::op && m_tokens[*k].core == "OR";
    };
    const bool joined_before = outer && is_joining_op(m_tokens[*outer]);
    const bool joined_after = next && is_joining_op(m_tokens[*next]);
    if ((joined_before && !is_or(outer)) || (joined_after && !is_or(next)) ||
        ((joined_before || joined_after) && (!m_place || not_token))) {
        return std::nullopt;
    }
    // The OR before it may already be taken by a filter it joined ("country:GR OR in Cyprus").
    const std::size_t first_token = not_token ? *not_token : i;
    const bool after_alternative = first_token > 0 && m_tokens[first_token - 1].joins_alternative;
    const bool alternative =
        joined_before || joined_after || (after_alternative && m_place && !not_token);
    if (joined_before || joined_after) {
        Token& op = m_tokens[joined_before ? *outer : *next];
        op.removed = true;
        op.joins_alternative = true;
    }
    for (std::size_t k = 0; k < taken; ++k) {
        m_tokens[m_idx[k]].removed = true;
    }
    for (std::size_t k : m_more) {
        m_tokens[k].removed = true;
    }
    if (not_token) {
        m_tokens[*not_token].removed = true;
    }
    if (m_words[0] == "this" || m_words[0] == "last") {
        drop_leading_preposition(i); // "in the last year": the words before go with it
    }
    return NaturalPhrase{taken,      not_token.has_value(), m_range, std::move(m_place), m_grouping,
                         alternative};
}

// "in March 2017", "in 2017"; else the longest run of words the gazetteer knows as a place.
std::size_t PhraseReader::in_phrase() {
    if (const auto unit = absolute_unit(m_words, 1)) {
        m_range = DayRange{unit->first, unit->last};
        return 1 + unit->words;
    }
    const analysis::Gazetteer& gazetteer = m_places.gazetteer();
    const std::size_t start = m_words.size() > 2 && m_words[1] == "the" ? 2 : 1;
    // Longest window first; a window stops after a word ending in punctuation.
    std::size_t avail = 0;
    while (start + avail < m_words.size() && avail < gazetteer.max_name_words()) {
        ++avail;
        if (m_tokens[m_idx[start + avail - 1]].trailing_punct) {
            break;
        }
    }
    for (std::size_t len = avail; len >= 1; --len) {
        if (len == 1 && month_number(m_words[start], true) != 0) {
            continue; // "in May": a month, never the town of that name
        }
        std::string surface;
        for (std::size_t k = start; k < start + len; ++k) {
            surface += (surface.empty() ? "" : " ") + m_tokens[m_idx[k]].core;
        }
        if (const Place* p = gazetteer.resolve(surface)) {
            const auto [chosen, extra] = qualified_place(p, surface, start + len);
            m_place = m_places.place_value(*chosen, analysis::fold(surface));
            return start + len + extra;
        }
    }
    return 0;
}

// "since|from <date>", "from <date> to|until|till <date>", "after <date>", "before <date>",
// "until|till <date>".
std::size_t PhraseReader::open_range_phrase(Cue cue) {
    const auto a = unit_at(1);
    if (!a) {
        return 0;
    }
    std::size_t taken = 1 + a->words;
    switch (cue) {
    case Cue::since:
    case Cue::from:
        m_range = DayRange{a->first, std::nullopt};
        if (cue == Cue::from && taken < m_words.size() &&
            (m_words[taken] == "to" || cue_of(m_words[taken]) == Cue::until)) {
            if (const auto b = unit_at(taken + 1)) {
                m_range->last = b->last;
                taken += 1 + b->words;
            }
        }
        break;
    case Cue::after:
        m_range = DayRange{add_days(a->last, 1), std::nullopt};
        break;
    case Cue::before:
        m_range = DayRange{std::nullopt, add_days(a->first, -1)};
        break;
    default: // until, till
        m_range = DayRange{std::nullopt, a->last};
        break;
    }
    return taken;
}

// "on 24 January 2018": a full day only, so that "report on 2017" stays text.
std::size_t PhraseReader::on_phrase() {
    const auto a = absolute_unit(m_words, 1);
    if (!a || a->precision != Precision::day) {
        return 0;
    }
    m_range = DayRange{a->first, a->last};
    return 1 + a->words;
}

std::size_t PhraseReader::between_phrase() {
    const auto a = unit_at(1);
    if (!a || 1 + a->words >= m_words.size() || m_words[1 + a->words] != "and") {
        return 0;
    }
    const auto b = unit_at(2 + a->words);
    if (!b) {
        return 0;
    }
    m_range = DayRange{a->first, b->last};
    return 2 + a->words + b->words;
}

std::size_t PhraseReader::relative_phrase(std::size_t i) {
    // "Today" after a capitalised word is a name ("USA Today"), not a date.
    const bool name_part = m_words[0] == "today" && m_tokens[i].core[0] == 'T' && i > 0 &&
                           plain_word(i - 1) && !m_tokens[i - 1].core.empty() &&
                           m_tokens[i - 1].core[0] >= 'A' && m_tokens[i - 1].core[0] <= 'Z';
    const auto a = relative_unit(m_words, 0, m_today);
    if (!a || name_part) {
        return 0;
    }
    m_range = DayRange{a->first, a->last};
    return a->words;
}

// The longest run of plain words from tokens[first] that the gazetteer knows as a place (not
// crossing punctuation; a lone month name is none), and its tokens in `taken`.
const Place* PhraseReader::place_at(std::size_t first, std::vector<std::size_t>& taken) const {
    const analysis::Gazetteer& gazetteer = m_places.gazetteer();
    std::vector<std::size_t> run;
    for (std::size_t j = first; plain_word(j) && run.size() < gazetteer.max_name_words(); ++j) {
        run.push_back(j);
        if (m_tokens[j].trailing_punct) {
            break;
        }
    }
    for (std::size_t len = run.size(); len >= 1; --len) {
        if (len == 1 && month_number(analysis::fold(m_tokens[run[0]].core), true) != 0) {
            continue;
        }
        std::string surface;
        for (std::size_t k = 0; k < len; ++k) {
            surface += (k > 0 ? " " : "") + m_tokens[run[k]].core;
        }
        if (const Place* p = gazetteer.resolve(surface)) {
            taken.assign(run.begin(), run.begin() + static_cast<std::ptrdiff_t>(len));
            return p;
        }
    }
    return nullptr;
}

// After "in <place>": "or <place>", "OR <place>", "or in <place>" … each another value of the
// same place filter (OR'ed), so that "banks in Greece or Cyprus" asks for banks in either.
// @return the last token of the phrase.
std::size_t PhraseReader::more_places(std::size_t last) {
    for (;;) {
        const auto op = live_after(last);
        if (!op || m_tokens[*op].kind != TokenKind::op || m_tokens[*op].core != "OR" ||
            m_tokens[*op].depth != 0) {
            return last;
        }
        std::size_t first = *op + 1;
        std::vector<std::size_t> taken;
        const bool with_in = plain_word(first) && analysis::fold(m_tokens[first].core) == "in";
        const Place* place = place_at(with_in ? first + 1 : first, taken);
        if (place == nullptr || taken.empty()) {
            return last;
        }
        std::string surface;
        for (std::size_t k : taken) {
            surface += (surface.empty() ? "" : " ") + m_tokens[k].core;
        }
        ResolvedValue more = m_places.place_value(*place, analysis::fold(surface));
        m_place->query = Xapian::Query(Xapian::Query::OP_OR, m_place->query, more.query);
        m_place->display += " or " + more.display;
        m_more.push_back(*op);
        if (with_in) {
            m_more.push_back(first);
        }
        m_more.insert(m_more.end(), taken.begin(), taken.end());
        last = taken.back();
    }
}

// "by month", "per week": counts over time, when they end the query or a clause ("by month,
// since 2010", "by month since 2010"); followed by other words ("attacks by day and night")
// they stay text.
std::size_t PhraseReader::grouping_phrase() {
    if (m_words.size() < 2) {
        return 0;
    }
    static const std::pair<std::string_view, DateGranularity> units[] = {
        {"day", DateGranularity::day},
        {"week", DateGranularity::week},
        {"month", DateGranularity::month},
        {"year", DateGranularity::year},
    };
    for (const auto& [word, granularity] : units) {
        if (m_words[1] == word) {
            const bool ends_clause = m_words.size() == 2 || m_tokens[m_idx[1]].trailing_punct ||
                                     cue_of(m_words[2]).has_value();
            if (!ends_clause) {
                return 0;
            }
            m_grouping = granularity;
            return 2;
        }
    }
    return 0;
}

// "everything about …", "everything on …" as the query's first words: they ask for no word.
std::size_t PhraseReader::lead_in_phrase(std::size_t i) {
    if (live_before(i) || m_words.size() < 3 || (m_words[1] != "about" && m_words[1] != "on")) {
        return 0;
    }
    m_lead_in = true;
    return 2;
}

/// "in Vienna, Austria", "in Vienna, Virginia", "in Vienna, Va.": after a comma, a country
/// or state (up to three words) picks the place of that name there and goes with it.
/// @return the place (`best` when no qualifier fits) and how many words the qualifier took.
std::pair<const Place*, std::size_t>
PhraseReader::qualified_place(const Place* best, std::string_view name, std::size_t from) const {
    if (from == 0 || from >= m_idx.size() || m_text[m_tokens[m_idx[from - 1]].end - 1] != ',') {
        return {best, 0};
    }
    const analysis::Gazetteer& gazetteer = m_places.gazetteer();
    const std::vector<const Place*>& same_name = gazetteer.candidates(analysis::name_key(name));
    std::string surface;
    for (std::size_t len = 1; len <= 3 && from + len <= m_idx.size(); ++len) {
        surface += (len > 1 ? " " : "") + m_tokens[m_idx[from + len - 1]].core;
        const analysis::Country* country = gazetteer.country(surface);
        const std::string key = analysis::name_key(surface);
        const Place* found = nullptr;
        for (const Place* p : same_name) {
            const std::string_view sub = p->subdivision_code;
            const bool fits =
                (country != nullptr && p->country_code == country->code) ||
                (!p->admin.empty() && analysis::name_key(p->admin) == key) ||
                (key.size() == 2 && sub.size() > 3 && sub.substr(3) == upper_ascii(key));
            if (fits && (found == nullptr || p->population > found->population)) {
                found = p;
            }
        }
        if (found != nullptr) {
            return {found, len};
        }
        if (m_tokens[m_idx[from + len - 1]].trailing_punct) {
            break;
        }
    }
    return {best, 0};
}

void PhraseReader::drop_leading_preposition(std::size_t i) {
    const auto p = live_before(i);
    if (p && plain_word(*p) && analysis::fold(m_tokens[*p].core) == "the") {
        const auto q = live_before(*p);
        if (q && plain_word(*q) && is_preposition(analysis::fold(m_tokens[*q].core))) {
            m_tokens[*p].removed = true;
            m_tokens[*q].removed = true;
        }
        return;
    }
    if (p && plain_word(*p) && is_preposition(analysis::fold(m_tokens[*p].core))) {
        m_tokens[*p].removed = true;
    }
}

} // namespace

bool may_need_interpretation(std::string_view query) {
    for (const Token& t : lex(query)) {
        if (t.kind == TokenKind::field) {
            return true;
        }
        if (is_plain_word(t) && cue_of(analysis::fold(t.core))) {
            return true;
        }
    }
    return false;
}

std::optional<NaturalPhrase> NaturalPhrasing::read(std::string_view text,
                                                   std::vector<Token>& tokens, std::size_t i) {
    return PhraseReader(text, tokens, m_places, m_today).read(i);
}

} // namespace newsdex::search
