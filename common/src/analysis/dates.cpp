#include "newsdex/analysis/dates.h"
// Placeholder until the date parser lands.
namespace newsdex::analysis {
std::optional<Timestamp> parse_date(std::string_view) { return std::nullopt; }
std::string format_iso8601(const Timestamp&) { return {}; }
CivilDate local_date(const Timestamp&) { return {}; }
std::string day_key(const CivilDate&) { return {}; }
std::vector<DateMention> find_date_mentions(std::string_view, const std::optional<Timestamp>&) {
    return {};
}
} // namespace newsdex::analysis
