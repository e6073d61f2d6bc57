#include "newsdex/user_aliases.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/ascii.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"

namespace newsdex {
namespace {

using analysis::EntityType;

/// Removes names from a facet list and renames merged ones, keeping the first of duplicates.
void apply_to_names(const UserAliases& rules, std::vector<std::string>& names) {
    std::vector<std::string> kept;
    for (const std::string& name : names) {
        if (rules.hidden(name)) {
            continue;
        }
        std::string value = rules.merged(name);
        if (std::find(kept.begin(), kept.end(), value) == kept.end()) {
            kept.push_back(std::move(value));
        }
    }
    names = std::move(kept);
}

} // namespace

std::string UserAliases::key(std::string_view display) { return analysis::fold(trim(display)); }

UserAliases UserAliases::parse(std::string_view text, const std::string& origin) {
    UserAliases rules;
    std::size_t line_no = 0;
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (const std::size_t hash = line.find('#'); hash != std::string::npos) {
            line.erase(hash);
        }
        const std::string_view rule = trim(line);
        if (rule.empty()) {
            continue;
        }
        const auto fail = [&](const std::string& why) {
            throw UsageError(origin + ":" + std::to_string(line_no) + ": " + why + " (rules: " +
                             "'merge: NAME => NAME', 'never: NAME', 'type: NAME = PER|ORG')");
        };
        const std::size_t colon = rule.find(':');
        if (colon == std::string_view::npos) {
            fail("no rule in '" + std::string(rule) + "'");
        }
        const std::string kind = lower_ascii(trim(rule.substr(0, colon)));
        const std::string_view rest = trim(rule.substr(colon + 1));
        if (kind == "never") {
            if (rest.empty()) {
                fail("'never:' needs a name");
            }
            rules.m_never.insert(key(rest));
        } else if (kind == "merge") {
            const std::size_t arrow = rest.find("=>");
            const std::string_view from =
                arrow == std::string_view::npos ? "" : trim(rest.substr(0, arrow));
            const std::string_view to =
                arrow == std::string_view::npos ? "" : trim(rest.substr(arrow + 2));
            if (from.empty() || to.empty()) {
                fail("'merge:' needs 'NAME => NAME'");
            }
            rules.m_merge[key(from)] = std::string(to);
            rules.m_merged_form[key(from)] = std::string(from);
        } else if (kind == "type") {
            const std::size_t eq = rest.rfind('=');
            const std::string_view name =
                eq == std::string_view::npos ? "" : trim(rest.substr(0, eq));
            const std::string type =
                eq == std::string_view::npos ? "" : upper_ascii(trim(rest.substr(eq + 1)));
            if (name.empty() || (type != "PER" && type != "ORG")) {
                fail("'type:' needs 'NAME = PER' or 'NAME = ORG'");
            }
            rules.m_type[key(name)] = type == "PER" ? EntityType::person : EntityType::organisation;
        } else {
            fail("unknown rule '" + kind + ":'");
        }
    }
    return rules;
}

UserAliases UserAliases::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ResourceError("cannot read the alias file '" + path + "'");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

std::string UserAliases::default_path(const std::string& db_path) {
    std::string path = db_path;
    while (path.size() > 1 && (path.back() == '/' || path.back() == '\\')) {
        path.pop_back();
    }
    return path + ".aliases";
}

std::shared_ptr<const UserAliases> UserAliases::for_database(const std::string& explicit_path,
                                                             const std::string& db_path) {
    std::string path = explicit_path;
    if (path.empty()) {
        if (db_path.empty() || db_path.find("://") != std::string::npos) {
            return nullptr;
        }
        path = default_path(db_path);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            return nullptr;
        }
    }
    auto rules = std::make_shared<const UserAliases>(load(path));
    return rules->empty() ? nullptr : rules;
}

bool UserAliases::hidden(std::string_view display) const {
    return !m_never.empty() && m_never.count(key(display)) != 0;
}

std::string UserAliases::merged(std::string_view display) const {
    if (!m_merge.empty()) {
        if (auto it = m_merge.find(key(display)); it != m_merge.end()) {
            return it->second;
        }
    }
    return std::string(display);
}

std::vector<std::string> UserAliases::forms_of(std::string_view display) const {
    const std::string target = merged(display);
    const std::string target_key = key(target);
    std::vector<std::string> forms{target};
    std::vector<std::string> others;
    for (const auto& [from, to] : m_merge) {
        if (key(to) == target_key && from != target_key) {
            others.push_back(m_merged_form.at(from));
        }
    }
    std::sort(others.begin(), others.end()); // the same query every time
    forms.insert(forms.end(), others.begin(), others.end());
    return forms;
}

std::optional<EntityType> UserAliases::type_of(std::string_view name) const {
    if (!m_type.empty()) {
        if (auto it = m_type.find(key(name)); it != m_type.end()) {
            return it->second;
        }
    }
    return std::nullopt;
}

void UserAliases::apply(analysis::ArticleEntities& e) const {
    if (empty()) {
        return;
    }
    apply_to_names(*this, e.persons);
    apply_to_names(*this, e.organisations);
    // Retyped names move to the end of the other list (they were counted under the wrong type).
    const auto move_typed = [&](std::vector<std::string>& from, std::vector<std::string>& to,
                                EntityType wanted) {
        for (auto it = from.begin(); it != from.end();) {
            const auto type = type_of(*it);
            if (type && *type == wanted) {
                if (std::find(to.begin(), to.end(), *it) == to.end()) {
                    to.push_back(*it);
                }
                it = from.erase(it);
            } else {
                ++it;
            }
        }
    };
    move_typed(e.persons, e.organisations, EntityType::organisation);
    move_typed(e.organisations, e.persons, EntityType::person);
    std::vector<analysis::LocationFacet> places;
    for (const analysis::LocationFacet& place : e.locations) {
        const std::string display = schema::location_display(place.name, place.country);
        if (hidden(display) || hidden(place.name)) {
            continue;
        }
        analysis::LocationFacet value = place;
        const std::string target = merged(display);
        if (target != display) {
            auto [name, country] = schema::split_location_display(target);
            value = {std::move(name), std::move(country)};
        }
        if (std::find(places.begin(), places.end(), value) == places.end()) {
            places.push_back(std::move(value));
        }
    }
    e.locations = std::move(places);
    for (analysis::EntityMention& m : e.mentions) {
        if (m.type != EntityType::location) {
            m.canonical = merged(m.canonical);
            if (const auto type = type_of(m.canonical)) {
                m.type = *type;
            }
        }
    }
    e.mentions.erase(std::remove_if(e.mentions.begin(), e.mentions.end(),
                                    [&](const analysis::EntityMention& m) {
                                        return m.type != EntityType::location &&
                                               hidden(m.canonical);
                                    }),
                     e.mentions.end());
}

} // namespace newsdex
