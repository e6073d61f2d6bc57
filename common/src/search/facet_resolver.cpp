#include "newsdex/search/facet_resolver.h"

#include <algorithm>
#include <limits>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/ascii.h"

namespace newsdex::search {
namespace {

using analysis::Place;
using analysis::PlaceKind;

/// "jean-yves le drian" → "Jean-Yves Le Drian"; "vienna~at" → "Vienna, AT". Only a fallback
/// for values whose display form cannot be read from a document.
std::string title_case(std::string_view key) {
    const auto [name, country] = schema::split_location_key(key);
    std::string out;
    bool start = true;
    for (char c : name) {
        out += start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        start = c == ' ' || c == '-';
    }
    if (name.size() < key.size()) {
        out += ", " + upper_ascii(country);
    }
    return out;
}

Xapian::Query any_of(const std::vector<std::string>& terms) {
    if (terms.size() == 1) {
        return Xapian::Query(terms.front());
    }
    std::vector<Xapian::Query> qs(terms.begin(), terms.end());
    return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

ResolvedValue single_term(const std::string& term, std::string display) {
    return ResolvedValue{Xapian::Query(term), std::move(display)};
}

std::string location_term(std::string_view name, std::string_view country_code) {
    return schema::boolean_term(
        schema::field("location").prefix,
        schema::facet_key("location", schema::location_display(name, country_code)));
}

// Countries that no longer exist (the gazetteer's former countries, ISO 3166-3), for
// filtering: their own code, which an archive of their time holds ("Soviet", "USSR"), and
// their successor states', which the same archive gives to "Moscow" or "Kiev" and a later one
// to every mention.
struct FormerCountry {
    std::string_view code;
    std::string_view successors; ///< ISO codes, the principal successor first
};
constexpr FormerCountry former_countries[] = {
    {"SU", "RU UA BY UZ KZ GE AZ LT MD LV KG TJ AM TM EE"},
    {"YU", "RS HR SI BA MK ME XK"},
    {"CS", "CZ SK"},
    {"CSXX", "RS ME"},
};

// Former names of countries that live on under another name; the gazetteer reads them as the
// country, and the interpretation says which name they stood for.
constexpr std::string_view former_names[] = {
    "West Germany",
    "East Germany",
    "Federal Republic of Germany",
    "German Democratic Republic",
    "Burma",
    "Zaire",
    "Rhodesia",
    "Ceylon",
    "Siam",
    "Persia",
    "Kampuchea",
    "Swaziland",
    "Byelorussia",
    "Belorussia",
    "Kirghizia",
    "Moldavia",
    "Dahomey",
    "Upper Volta",
    "Former Yugoslav Republic of Macedonia",
};

const FormerCountry* former_country(std::string_view code) {
    for (const FormerCountry& f : former_countries) {
        if (f.code == code) {
            return &f;
        }
    }
    return nullptr;
}

// The former name `written` is (in any case), as it is usually written; empty when it is none.
std::string_view former_name(std::string_view written) {
    const std::string key = analysis::name_key(written);
    for (const std::string_view name : former_names) {
        if (analysis::name_key(name) == key) {
            return name;
        }
    }
    return {};
}

std::string country_term(std::string_view code) {
    return schema::boolean_term(schema::field("country").prefix, lower_ascii(code));
}

} // namespace

std::vector<std::string> name_words(std::string_view key) {
    std::vector<std::string> words;
    std::size_t from = 0;
    while (from < key.size()) {
        const std::size_t to = std::min(key.find_first_of(" -", from), key.size());
        if (to > from) {
            words.emplace_back(key.substr(from, to - from));
        }
        from = to + 1;
    }
    return words;
}

FacetResolver::FacetResolver(Xapian::Database db,
                             std::shared_ptr<const analysis::Gazetteer> gazetteer)
    : m_db(std::move(db)), m_gazetteer(std::move(gazetteer)) {}

const std::vector<FacetValue>& FacetResolver::values(std::string_view prefix) {
    const auto it = m_values_by_prefix.find(prefix);
    if (it != m_values_by_prefix.end()) {
        return it->second;
    }
    std::vector<FacetValue> list;
    const std::string p(prefix);
    for (auto t = m_db.allterms_begin(p); t != m_db.allterms_end(p); ++t) {
        std::string key = (*t).substr(p.size());
        if (!key.empty() && key[0] == ':') {
            key.erase(0, 1);
        }
        if (!key.empty()) {
            list.push_back(FacetValue{std::move(key), t.get_termfreq()});
        }
    }
    return m_values_by_prefix.emplace(p, std::move(list)).first->second;
}

const std::unordered_map<std::string, std::vector<std::size_t>>&
FacetResolver::value_words(std::string_view prefix) {
    const auto it = m_words_by_prefix.find(prefix);
    if (it != m_words_by_prefix.end()) {
        return it->second;
    }
    std::unordered_map<std::string, std::vector<std::size_t>> index;
    const std::vector<FacetValue>& list = values(prefix);
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::vector<std::string> words = name_words(list[i].key);
        std::sort(words.begin(), words.end());
        words.erase(std::unique(words.begin(), words.end()), words.end());
        for (std::string& w : words) {
            index[std::move(w)].push_back(i);
        }
    }
    return m_words_by_prefix.emplace(std::string(prefix), std::move(index)).first->second;
}

std::string FacetResolver::display_of(std::string_view facet_name, std::string_view prefix,
                                      const std::string& key) {
    const schema::Facet* facet = schema::find_facet(facet_name);
    const std::string term = schema::boolean_term(prefix, key);
    if (facet != nullptr) {
        auto posting = m_db.postlist_begin(term);
        if (posting != m_db.postlist_end(term)) {
            const Xapian::Document doc = m_db.get_document(*posting);
            for (unsigned i = 0; i < facet->slot_count; ++i) {
                std::string v = doc.get_value(facet->first_slot + i);
                if (!v.empty() && schema::facet_key(facet_name, v) == key) {
                    return v;
                }
            }
        }
    }
    return title_case(key);
}

std::optional<YearSpan> FacetResolver::mentioned_years() {
    int lo = std::numeric_limits<int>::max();
    int hi = std::numeric_limits<int>::min();
    for (const FacetValue& v : values(schema::mentioned_year_prefix)) {
        if (const auto y = year_word(v.key)) {
            lo = std::min(lo, *y);
            hi = std::max(hi, *y);
        }
    }
    return lo > hi ? std::nullopt : std::optional<YearSpan>(YearSpan{lo, hi});
}

std::string FacetResolver::country_name(const std::string& code) const {
    const analysis::Country* c = m_gazetteer->country(code);
    return c != nullptr ? c->name : code;
}

// A country as a filter. A former one stands for itself and its successors ("Soviet Union,
// now Russia or Ukraine or Belarus (+12 more)"); a former name for the country that bears
// another now ("Germany (successor of West Germany)"): the interpretation says so.
ResolvedValue FacetResolver::country_value(const analysis::Country& country,
                                           std::string_view written) const {
    const FormerCountry* former = country.former ? former_country(country.code) : nullptr;
    if (former == nullptr) {
        ResolvedValue v = single_term(country_term(country.code), country.name);
        const std::string_view old_name = former_name(written);
        if (!old_name.empty()) {
            v.display += " (successor of " + std::string(old_name) + ")";
        }
        return v;
    }
    std::vector<std::string> terms{country_term(country.code)};
    std::vector<std::string> names;
    std::size_t from = 0;
    while (from < former->successors.size()) {
        const std::size_t to =
            std::min(former->successors.find(' ', from), former->successors.size());
        const std::string code(former->successors.substr(from, to - from));
        terms.push_back(country_term(code));
        names.push_back(country_name(code));
        from = to + 1;
    }
    constexpr std::size_t shown = 3;
    ResolvedValue v;
    v.display = country.name + ", now ";
    for (std::size_t i = 0; i < names.size() && i < shown; ++i) {
        v.display += (i > 0 ? " or " : "") + names[i];
    }
    if (names.size() > shown) {
        v.display += " (+" + std::to_string(names.size() - shown) + " more)";
    }
    v.query = any_of(terms);
    return v;
}

ResolvedValue FacetResolver::gazetteer_place_value(const Place& p) const {
    ResolvedValue v;
    if (p.kind == PlaceKind::country) {
        v.query = Xapian::Query(
            schema::boolean_term(schema::field("country").prefix, lower_ascii(p.country_code)));
    } else {
        v.query = Xapian::Query(location_term(p.name, p.country_code));
    }
    v.display = p.kind == PlaceKind::country || p.country_code.empty()
                    ? p.name
                    : p.name + ", " + country_name(p.country_code);
    return v;
}

std::optional<ResolvedValue> FacetResolver::resolve(const schema::Field& field,
                                                    std::string_view raw,
                                                    std::vector<std::string>& warnings) {
    if (m_user_aliases && field.name != "country") {
        if (m_user_aliases->hidden(raw)) {
            return std::nullopt;
        }
        const std::vector<std::string> forms = m_user_aliases->forms_of(raw);
        if (forms.size() > 1) {
            std::vector<std::string> terms;
            terms.reserve(forms.size());
            for (const std::string& form : forms) {
                terms.push_back(
                    schema::boolean_term(field.prefix, schema::facet_key(field.name, form)));
            }
            ResolvedValue v{any_of(terms), forms.front()};
            if (field.name == "actor" || field.name == "person") {
                add_surname_readings(schema::facet_key(field.name, forms.front()), v);
            }
            return v;
        }
    }
    if (field.name == "location") {
        return resolve_location(raw);
    }
    if (field.name == "country") {
        return resolve_country(raw);
    }
    return resolve_actor(field, raw, warnings);
}

// --- actors, people, organisations ----------------------------------------------------------

std::optional<ResolvedValue> FacetResolver::resolve_actor(const schema::Field& f,
                                                          std::string_view raw,
                                                          std::vector<std::string>& warnings) {
    const std::string name(f.name);
    // Aliases: an explicit actor filter may be written in any case ("actor:un").
    std::optional<analysis::ActorAlias> alias = m_gazetteer->actor_alias(raw);
    if (!alias) {
        alias = m_gazetteer->actor_alias(upper_ascii(raw));
    }
    if (alias &&
        (name == "actor" || (name == "person") == (alias->kind == analysis::ActorKind::person))) {
        return single_term(
            schema::boolean_term(f.prefix, schema::facet_key(name, alias->canonical)),
            alias->canonical);
    }
    const std::string key = schema::facet_key(name, raw);
    if (key.empty()) {
        return std::nullopt;
    }
    // The value as written may itself be a stored name ("Greenspan", where the tagger saw
    // no first name) and also the end of fuller ones ("Alan Greenspan"): take both.
    const bool exact = has_term(schema::boolean_term(f.prefix, key));
    std::vector<const FacetValue*> found = partial_name_matches(f, key, exact);
    if (found.empty()) {
        if (!exact) {
            return std::nullopt;
        }
        ResolvedValue v =
            single_term(schema::boolean_term(f.prefix, key), display_of(name, f.prefix, key));
        if (name != "org") {
            add_surname_readings(key, v);
        }
        return v;
    }
    if (exact) {
        for (const FacetValue& v : values(f.prefix)) {
            if (v.key == key) {
                found.insert(found.begin(), &v);
                break;
            }
        }
    }
    constexpr std::size_t max_names = 25; // a bare "Ali" should not OR thousands of terms
    if (found.size() > max_names) {
        warnings.push_back(name + " '" + std::string(raw) + "' matches " +
                           std::to_string(found.size()) + " names; using the " +
                           std::to_string(max_names) + " most frequent");
        found.resize(max_names);
    }
    constexpr std::size_t shown = 3;
    std::vector<std::string> terms;
    ResolvedValue v;
    for (std::size_t i = 0; i < found.size(); ++i) {
        terms.push_back(schema::boolean_term(f.prefix, found[i]->key));
        if (i < shown) {
            v.display += (i > 0 ? " or " : "") + display_of(name, f.prefix, found[i]->key);
        }
    }
    if (found.size() > shown) {
        v.display += " (+" + std::to_string(found.size() - shown) + " more)";
    }
    v.query = any_of(terms);
    // A one-word value ("Reagan") takes its bare form anyway.
    if (name != "org" && key.find(' ') != std::string::npos) {
        for (std::size_t i = 0; i < found.size() && i < shown; ++i) {
            add_surname_readings(found[i]->key, v);
        }
    }
    return v;
}

// Articles that name a person by surname only, where the registry says the surname means
// this person in their months ("President Reagan" in 1987 → Ronald Reagan), join `v`.
void FacetResolver::add_surname_readings(const std::string& full_key, ResolvedValue& v) {
    std::vector<Xapian::Query> alternatives{v.query};
    std::vector<std::string> notes;
    add_resolved_short_forms(full_key, alternatives, notes);
    if (alternatives.size() > 1) {
        v.query = Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
        for (const std::string& note : notes) {
            v.display += " (and " + note + ")";
        }
    }
}

registry::Reader& FacetResolver::registry() {
    if (!m_registry) {
        m_registry.emplace(std::vector<Xapian::Database>{m_db});
    }
    return *m_registry;
}

// The bare short forms of a full person name ("reagan" of "ronald reagan") in the months
// where the archive's registry resolves them to it (entity_registry.h: resolve_short_form),
// as `person:` terms (a bare "Ford" typed as an organisation is the company) within those
// months. Adds one note per short form for the interpretation.
void FacetResolver::add_resolved_short_forms(const std::string& full_key,
                                             std::vector<Xapian::Query>& queries,
                                             std::vector<std::string>& notes) {
    if (full_key.find(' ') == std::string::npos || !registry().present() ||
        !registry().find(registry::Kind::person, full_key)) {
        return;
    }
    const std::string_view person_prefix = schema::field("person").prefix;
    const std::string_view month_prefix = schema::field("month").prefix;
    for (const std::string& short_key : registry::short_forms(full_key)) {
        const auto resolved = registry().readings(short_key);
        const auto mine = resolved.find(full_key);
        if (mine == resolved.end()) {
            continue;
        }
        std::vector<Xapian::Query> months;
        for (const std::string& month : mine->second) {
            months.emplace_back(schema::boolean_term(month_prefix, month));
        }
        queries.emplace_back(Xapian::Query::OP_FILTER,
                             Xapian::Query(schema::boolean_term(person_prefix, short_key)),
                             Xapian::Query(Xapian::Query::OP_OR, months.begin(), months.end()));
        const std::string& first = mine->second.front();
        const std::string& last = mine->second.back();
        auto shown_month = [](const std::string& m) { return m.substr(0, 4) + "-" + m.substr(4); };
        const std::optional<registry::Record> bare =
            registry().find(registry::Kind::person, short_key);
        notes.push_back("\"" + (!bare || bare->display.empty() ? short_key : bare->display) +
                        "\" alone in " + shown_month(first) +
                        (first == last ? std::string() : ".." + shown_month(last)));
    }
}

// The stored names a partial name stands for, most frequent first: those ending with its
// words, else those containing them as whole words. When the key is itself a stored name
// (`exact`), only fuller names ending with it, and nothing when there are none.
std::vector<const FacetValue*>
FacetResolver::partial_name_matches(const schema::Field& f, const std::string& key, bool exact) {
    const std::vector<std::string> want = name_words(key);
    if (want.empty()) {
        return {};
    }
    std::vector<const FacetValue*> trailing;
    std::vector<const FacetValue*> inner;
    // Only values holding the query's rarest-looking (longest) word can match.
    const std::string& anchor =
        *std::max_element(want.begin(), want.end(), [](const std::string& a, const std::string& b) {
            return a.size() < b.size();
        });
    const auto& index = value_words(f.prefix);
    const auto hit = index.find(anchor);
    if (hit == index.end()) {
        return {};
    }
    const std::vector<FacetValue>& all = values(f.prefix);
    for (std::size_t vi : hit->second) {
        const FacetValue& v = all[vi];
        const std::vector<std::string> have = name_words(v.key);
        if (have.size() < want.size()) {
            continue;
        }
        for (std::size_t at = 0; at + want.size() <= have.size(); ++at) {
            if (std::equal(want.begin(), want.end(), have.begin() + static_cast<long>(at))) {
                (at + want.size() == have.size() ? trailing : inner).push_back(&v);
                break;
            }
        }
    }
    if (exact) {
        // Fuller names that end with it, never names that merely contain it.
        trailing.erase(std::remove_if(trailing.begin(), trailing.end(),
                                      [&key](const FacetValue* v) { return v->key == key; }),
                       trailing.end());
        inner.clear();
    }
    std::vector<const FacetValue*>& found = trailing.empty() ? inner : trailing;
    std::stable_sort(found.begin(), found.end(),
                     [](const FacetValue* a, const FacetValue* b) { return a->freq > b->freq; });
    return std::move(found);
}

// --- places and countries -------------------------------------------------------------------

std::vector<std::string> FacetResolver::db_locations_named(const std::string& folded_name) {
    if (!m_locations_indexed) {
        for (const FacetValue& v : values(schema::field("location").prefix)) {
            const std::string name(schema::split_location_key(v.key).name);
            m_locations_by_name[name].push_back(v.key);
        }
        m_locations_indexed = true;
    }
    const auto it = m_locations_by_name.find(folded_name);
    return it == m_locations_by_name.end() ? std::vector<std::string>() : it->second;
}

std::optional<ResolvedValue> FacetResolver::resolve_location(std::string_view raw) {
    const auto comma = raw.rfind(',');
    if (comma != std::string_view::npos) {
        // "Vienna, US", "Vienna, Virginia", "Vienna, Austria".
        return resolve_qualified_location(trim(raw.substr(0, comma)), trim(raw.substr(comma + 1)));
    }
    const Place* place = m_gazetteer->resolve(raw);
    if (place == nullptr) {
        place = m_gazetteer->resolve(upper_ascii(raw)); // common-word names need capitals
    }
    const std::string folded = analysis::fold(trim(raw));
    if (place != nullptr) {
        return place_value(*place, folded);
    }
    const std::vector<std::string> keys = db_locations_named(folded);
    if (keys.empty()) {
        return std::nullopt;
    }
    return db_location_value(keys);
}

std::optional<ResolvedValue> FacetResolver::resolve_qualified_location(std::string_view name,
                                                                       std::string_view qual) {
    const analysis::Country* country = m_gazetteer->country(qual);
    const std::string qual_key = analysis::name_key(qual);
    const Place* best = nullptr;
    for (const Place* p : m_gazetteer->candidates(analysis::name_key(name))) {
        const bool fits =
            (country != nullptr && p->country_code == country->code) ||
            (!p->admin.empty() && analysis::name_key(p->admin) == qual_key) ||
            (!p->subdivision_code.empty() && p->subdivision_code == upper_ascii(qual));
        if (fits && (best == nullptr || p->population > best->population)) {
            best = p;
        }
    }
    if (best != nullptr) {
        return gazetteer_place_value(*best);
    }
    if (country != nullptr) {
        const std::string term = location_term(name, country->code);
        if (has_term(term)) {
            return single_term(term, std::string(name) + ", " + country->name);
        }
    }
    return std::nullopt;
}

ResolvedValue FacetResolver::place_value(const Place& place, const std::string& folded_name) {
    if (place.kind == PlaceKind::country) {
        if (const analysis::Country* country = m_gazetteer->country(place.country_code)) {
            return country_value(*country, folded_name);
        }
    }
    ResolvedValue v = gazetteer_place_value(place);
    if (place.kind == PlaceKind::country ||
        has_term(location_term(place.name, place.country_code))) {
        return v;
    }
    const std::vector<std::string> keys = db_locations_named(folded_name);
    return keys.empty() ? v : db_location_value(keys);
}

ResolvedValue FacetResolver::db_location_value(const std::vector<std::string>& keys) {
    const std::string_view prefix = schema::field("location").prefix;
    ResolvedValue v;
    std::vector<std::string> terms;
    for (const std::string& key : keys) {
        terms.push_back(schema::boolean_term(prefix, key));
        std::string shown = display_of("location", prefix, key);
        const auto [name, country] = schema::split_location_key(key);
        if (name.size() < key.size()) {
            const auto split = schema::split_location_display(shown);
            shown = split.first + ", " + country_name(upper_ascii(country));
        }
        v.display += (v.display.empty() ? "" : " or ") + shown;
    }
    v.query = any_of(terms);
    return v;
}

std::optional<ResolvedValue> FacetResolver::resolve_country(std::string_view raw) {
    const std::string_view prefix = schema::field("country").prefix;
    if (const analysis::Country* country = m_gazetteer->country(raw)) {
        return country_value(*country, raw);
    }
    const std::string key = analysis::fold(trim(raw));
    if (!key.empty() && has_term(schema::boolean_term(prefix, key))) {
        return single_term(schema::boolean_term(prefix, key), upper_ascii(key));
    }
    return std::nullopt;
}

namespace {

// Every match of `query` counted, none ranked.
Xapian::doccount count_matches(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

} // namespace

// Facet counts as actor:"Barack Obama" filters: the articles whose person value is a bare short
// form ("Obama") join the full name in the months where the registry resolves the short form to
// it (Reader::readings, the same rule and thresholds), counted by a search of those articles
// among the matches that do not hold the full name already. Both ways round: a bare value in
// the list finds its full names, and a full name in the list its bare short forms, which may be
// below the cut ("Baker" in 14 articles beside "James Baker" in 215).
void count_short_forms_as_resolved(std::vector<FacetCounts>& facets, const Xapian::Database& db,
                                   const Xapian::Query& matches, registry::Reader& registry,
                                   std::size_t limit) {
    if (!registry.present()) {
        return;
    }
    const std::string_view person_prefix = schema::field("person").prefix;
    const std::string_view month_prefix = schema::field("month").prefix;
    struct Move {
        std::string bare;          ///< as shown
        std::string full;          ///< as shown
        Xapian::doccount articles; ///< matches naming the bare form only, in its months
    };
    // Bare key → its moves, and the keys of the people already looked at, once for both facets.
    std::map<std::string, std::vector<Move>> moves_by_bare;
    std::map<std::string, bool> full_seen;
    const auto moves_of = [&](const std::string& short_key) -> const std::vector<Move>& {
        const auto known = moves_by_bare.find(short_key);
        if (known != moves_by_bare.end()) {
            return known->second;
        }
        std::vector<Move>& out = moves_by_bare[short_key];
        const std::optional<registry::Record> bare =
            registry.find(registry::Kind::person, short_key);
        for (const auto& [full_key, months] : registry.readings(short_key)) {
            const std::optional<registry::Record> full =
                registry.find(registry::Kind::person, full_key);
            if (!bare || !full || full->display.empty()) {
                continue;
            }
            std::vector<Xapian::Query> in_months;
            for (const std::string& month : months) {
                in_months.emplace_back(schema::boolean_term(month_prefix, month));
            }
            const Xapian::Query bare_then(
                Xapian::Query::OP_FILTER,
                Xapian::Query(schema::boolean_term(person_prefix, short_key)),
                Xapian::Query(Xapian::Query::OP_OR, in_months.begin(), in_months.end()));
            const Xapian::Query moving(
                Xapian::Query::OP_AND_NOT,
                Xapian::Query(Xapian::Query::OP_FILTER, matches, bare_then),
                Xapian::Query(schema::boolean_term(person_prefix, full_key)));
            if (const Xapian::doccount n = count_matches(db, moving); n > 0) {
                out.push_back(
                    Move{bare->display.empty() ? short_key : bare->display, full->display, n});
            }
        }
        return out;
    };
    for (FacetCounts& f : facets) {
        if (f.name != "actor" && f.name != "person") {
            continue;
        }
        std::map<std::string, std::uint64_t> counts;
        for (const FacetValueCount& v : f.values) {
            counts[v.value] += v.count;
        }
        // The short forms to look at: the bare values shown, and those of the people shown.
        std::vector<std::string> short_keys;
        for (const FacetValueCount& v : f.values) {
            const std::string key = schema::facet_key("person", v.value);
            if (v.value.find(' ') == std::string::npos) {
                short_keys.push_back(key);
            } else if (!full_seen[key] && registry.find(registry::Kind::person, key)) {
                full_seen[key] = true;
                for (std::string& s : registry::short_forms(key)) {
                    short_keys.push_back(std::move(s));
                }
            }
        }
        std::sort(short_keys.begin(), short_keys.end());
        short_keys.erase(std::unique(short_keys.begin(), short_keys.end()), short_keys.end());
        for (const std::string& short_key : short_keys) {
            for (const Move& m : moves_of(short_key)) {
                if (counts.count(m.full) == 0) {
                    // Below the cut: its own articles first ("Ronald Reagan" in 24 articles
                    // of an archive that says "Reagan" in 517).
                    const Xapian::Query own(
                        Xapian::Query::OP_FILTER, matches,
                        Xapian::Query(schema::boolean_term(schema::field(f.name).prefix,
                                                           schema::facet_key(f.name, m.full))));
                    counts[m.full] = count_matches(db, own);
                }
                std::uint64_t moved = m.articles;
                if (const auto shown = counts.find(m.bare); shown != counts.end()) {
                    moved = std::min<std::uint64_t>(moved, shown->second);
                    shown->second -= moved;
                }
                counts[m.full] += moved;
            }
        }
        f.values.clear();
        for (const auto& [value, count] : counts) {
            if (count > 0) {
                f.values.push_back(FacetValueCount{value, count});
            }
        }
        std::sort(f.values.begin(), f.values.end(),
                  [](const FacetValueCount& a, const FacetValueCount& b) {
                      return a.count != b.count ? a.count > b.count : a.value < b.value;
                  });
        if (limit > 0 && f.values.size() > limit) {
            f.values.resize(limit);
        }
    }
}

} // namespace newsdex::search
