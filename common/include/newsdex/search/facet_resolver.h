/// @file
/// @brief A facet value as a query writes it → the index terms it stands for and how to show
///        it: aliases (`actor:UN` → United Nations), partial names (`actor:"Le Drian"` →
///        Jean-Yves Le Drian), places (`location:"Vienna, Virginia"`) and countries
///        (`country:Syria`). See query_interpreter.h for the whole query language.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "newsdex/analysis/gazetteer.h"
#include "newsdex/entity_registry.h"
#include "newsdex/schema.h"
#include "newsdex/search/date_filters.h"
#include "newsdex/search/result.h"
#include "newsdex/user_aliases.h"

namespace newsdex::search {

/// One value of a facet in the database: its folded key ("vienna~at") and how many documents
/// have it.
struct FacetValue {
    std::string key;
    Xapian::doccount freq = 0;
};

/// What a value resolved to: the query (one term, or the OR of several) and its display
/// ("Vienna, Austria", "Bashar al-Assad or Hafez al-Assad").
struct ResolvedValue {
    Xapian::Query query;
    std::string display;
};

/// Words of a folded name, split at spaces and hyphens: "bashar al-assad" → bashar, al, assad.
std::vector<std::string> name_words(std::string_view key);

/// Resolves facet values against one database and the gazetteer. Reads each facet's values
/// from the database once, on first use, and keeps them: keep one per open database (revision).
/// Not thread-safe.
class FacetResolver {
public:
    FacetResolver(Xapian::Database db, std::shared_ptr<const analysis::Gazetteer> gazetteer);

    /// The value of `field` (actor, person, org, location or country) as terms and a display;
    /// nullopt for a value that names nothing. Adds to `warnings` when a partial name matches
    /// too many names to use them all.
    std::optional<ResolvedValue> resolve(const schema::Field& field, std::string_view raw,
                                         std::vector<std::string>& warnings);

    /// A gazetteer place as a filter: its country for a country, else its location. When its
    /// best reading is not in this archive but another place of that name is ("Vienna" when the
    /// archive only knows Vienna, Virginia), that one. `folded_name` is the name as written.
    ResolvedValue place_value(const analysis::Place& place, const std::string& folded_name);

    /// Every value of a term prefix in the database, read once.
    const std::vector<FacetValue>& values(std::string_view prefix);

    /// The display form of a facet value as the indexer stored it in a document's value slots
    /// ("Jean-Yves Le Drian"), falling back to title case of the key.
    std::string display_of(std::string_view facet_name, std::string_view prefix,
                           const std::string& key);

    /// The first and last year the archive's documents mention, if any.
    std::optional<YearSpan> mentioned_years();

    /// The user's rules: a `never` value names nothing, a `merge` value stands for every form
    /// merged with it.
    void set_user_aliases(std::shared_ptr<const UserAliases> rules) {
        m_user_aliases = std::move(rules);
    }

    /// The shards whose entity registries are read (each on its own: the metadata of a
    /// combined handle is its first shard's). Without this call: the database itself.
    void set_registry_shards(std::vector<Xapian::Database> shards) {
        m_registry.emplace(std::move(shards));
    }

    const analysis::Gazetteer& gazetteer() const { return *m_gazetteer; }
    const Xapian::Database& database() const { return m_db; }

private:
    std::optional<ResolvedValue> resolve_actor(const schema::Field& f, std::string_view raw,
                                               std::vector<std::string>& warnings);
    void add_surname_readings(const std::string& full_key, ResolvedValue& v);
    void add_resolved_short_forms(const std::string& full_key, std::vector<Xapian::Query>& queries,
                                  std::vector<std::string>& notes);
    registry::Reader& registry();
    std::vector<const FacetValue*> partial_name_matches(const schema::Field& f,
                                                        const std::string& key, bool exact);
    std::optional<ResolvedValue> resolve_location(std::string_view raw);
    std::optional<ResolvedValue> resolve_qualified_location(std::string_view name,
                                                            std::string_view qualifier);
    std::optional<ResolvedValue> resolve_country(std::string_view raw);
    ResolvedValue db_location_value(const std::vector<std::string>& keys);
    std::vector<std::string> db_locations_named(const std::string& folded_name);
    const std::unordered_map<std::string, std::vector<std::size_t>>&
    value_words(std::string_view prefix);
    ResolvedValue gazetteer_place_value(const analysis::Place& p) const;
    ResolvedValue country_value(const analysis::Country& country, std::string_view written) const;
    std::string country_name(const std::string& code) const;
    bool has_term(const std::string& term) const { return m_db.term_exists(term); }

    Xapian::Database m_db;
    std::shared_ptr<const analysis::Gazetteer> m_gazetteer;
    std::shared_ptr<const UserAliases> m_user_aliases;
    std::optional<registry::Reader> m_registry;
    std::map<std::string, std::vector<FacetValue>, std::less<>> m_values_by_prefix;
    /// Per prefix: name word → indexes into values(prefix), for partial names.
    std::map<std::string, std::unordered_map<std::string, std::vector<std::size_t>>, std::less<>>
        m_words_by_prefix;
    std::unordered_map<std::string, std::vector<std::string>> m_locations_by_name;
    bool m_locations_indexed = false;
};

/// The actor and person counts of `facets` as `actor:` filters see them: the articles whose
/// person value is a bare short form ("Obama") count for the full name ("Barack Obama") in the
/// months where the archive's registry resolves the short form to it (ResolutionPolicy, as
/// FacetResolver uses for filters), and no longer for the short form, which keeps the articles
/// left. Looked up both ways: from the bare values listed and from the full names listed (their
/// bare forms may be below the cut). `matches`: the query whose matches were counted, run again
/// on `db` for the articles that move. Each list is then sorted and cut to `limit` (0: all):
/// count more values than shown (FacetCounter::count_more_people). Nothing changes without a
/// registry (archives of schema 3) or for undated articles (the registry resolves by month).
void count_short_forms_as_resolved(std::vector<FacetCounts>& facets, const Xapian::Database& db,
                                   const Xapian::Query& matches, registry::Reader& registry,
                                   std::size_t limit);

} // namespace newsdex::search
