/// @file
/// @brief The user's last word on entity facet values: a plain-text file of values never to
///        show, values to count as one, and types to correct. Both programs read it: the
///        searcher applies it to every search without re-indexing, the indexer to what it
///        writes from then on.
///
/// Format, one rule a line; `#` starts a comment; names as the facets show them (case and
/// accents do not matter; a place with its country code, "Obama, JP"):
///
///     merge: Mr Blair => Tony Blair     # count and filter "Mr Blair" as "Tony Blair"
///     never: Slideshow                  # not an entity: hidden from facets and filters
///     type: Freddie Mac = ORG           # an organisation, not a person (PER, ORG)
///
/// Default location: beside the database, `<db>.aliases` (`news.db.aliases` for --db news.db);
/// used when it exists. `--aliases FILE` names another (which must exist).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsdex/analysis/entities.h"

namespace newsdex {

class UserAliases {
public:
    /// Reads rules from text; `origin` names it in errors. Throws UsageError
    /// "origin:line: …" for a line that is no rule.
    static UserAliases parse(std::string_view text, const std::string& origin);
    /// Reads the file; throws ResourceError when it cannot be read, UsageError as parse().
    static UserAliases load(const std::string& path);
    /// `<db>.aliases`: where the programs look when no --aliases is given.
    static std::string default_path(const std::string& db_path);
    /// The rules of `explicit_path` when given, else of the default file beside the database
    /// when there is one; null when there are none.
    static std::shared_ptr<const UserAliases> for_database(const std::string& explicit_path,
                                                           const std::string& db_path);

    bool empty() const { return m_never.empty() && m_merge.empty() && m_type.empty(); }

    /// Whether a facet value ("Slideshow", "Obama, JP") is never to be shown.
    bool hidden(std::string_view display) const;
    /// The value a facet value counts as: its merge target, else itself.
    std::string merged(std::string_view display) const;
    /// Every form counted as `display`'s merge target, the target first; just `display` when
    /// no rule merges it.
    std::vector<std::string> forms_of(std::string_view display) const;
    /// The type a rule gives a name, if any.
    std::optional<analysis::EntityType> type_of(std::string_view name) const;

    /// What the indexer writes: never-values dropped, merged values renamed (and counted
    /// once), retyped names moved between persons and organisations.
    void apply(analysis::ArticleEntities& entities) const;

private:
    static std::string key(std::string_view display);

    std::unordered_set<std::string> m_never;                      ///< keys
    std::unordered_map<std::string, std::string> m_merge;         ///< key → target display
    std::unordered_map<std::string, std::string> m_merged_form;   ///< key → the form as written
    std::unordered_map<std::string, analysis::EntityType> m_type; ///< key → type
};

} // namespace newsdex
