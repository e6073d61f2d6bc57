#include "place_evidence.h"

#include <cmath>
#include <tuple>

namespace newsdex::analysis::detail {

void Evidence::add(const Place& p, double w) {
    if (!p.country_code.empty()) {
        country[p.country_code] += w;
        total += w;
    }
    if (!p.subdivision_code.empty()) {
        subdivision[p.subdivision_code] += w;
    }
}

double Evidence::share(const std::string& code) const {
    const auto it = country.find(code);
    return it == country.end() || total <= 0 ? 0.0 : it->second / total;
}

bool Evidence::has_subdivision(const std::string& code) const {
    return !code.empty() && subdivision.count(code) != 0;
}

std::string_view seat_of(std::string_view key) {
    // Institutions that news names by their seat ("Washington said", "Washington's stimulus"):
    // the capital's subdivision. Only where the capital shares its name with a larger
    // subdivision of its country, which population alone would pick.
    static constexpr std::pair<std::string_view, std::string_view> seats[] = {
        {"white house", "US-DC"},
        {"congress", "US-DC"},
        {"us congress", "US-DC"},
        {"capitol hill", "US-DC"},
        {"senate", "US-DC"},
        {"us senate", "US-DC"},
        {"house of representatives", "US-DC"},
        {"pentagon", "US-DC"},
        {"federal reserve", "US-DC"},
        {"fed", "US-DC"},
        {"state department", "US-DC"},
        {"treasury", "US-DC"},
        {"supreme court", "US-DC"},
        {"us supreme court", "US-DC"},
        {"securities and exchange commission", "US-DC"},
    };
    for (const auto& [name, seat] : seats) {
        if (name == key) {
            return seat;
        }
    }
    return {};
}

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

const Place* pick_place(const std::vector<const Place*>& list, const Evidence& ev) {
    const bool has_area =
        std::any_of(list.begin(), list.end(), [](const Place* p) { return is_area(p->kind); });
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

} // namespace newsdex::analysis::detail
