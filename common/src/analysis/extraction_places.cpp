// The place steps of an extraction (extraction.h): the dateline, the evidence an article
// gives (places, countries, institutions, the source), and the reading of each place name.
#include "extraction.h"

#include "newsdex/analysis/boilerplate.h"
#include "newsdex/analysis/name_forms.h"

namespace newsdex::analysis::detail {

/// Step 6. The dateline: from the body's first line, else the reader's Article::dateline. A
/// dateline read from the body replaces what the tagger made of its head; a head of several
/// places ("FRANKFURT/NEW YORK (Reuters) -") is the first, and names the others too.
void Extraction::read_dateline() {
    const std::string_view dl = body_dateline(m_body);
    if (dl.empty()) {
        if (!m_article.dateline.empty()) {
            m_dateline_place = m_gaz.resolve_dateline(m_article.dateline);
        }
        return;
    }
    m_dateline_place = m_gaz.resolve_dateline(dl);
    const std::size_t from = static_cast<std::size_t>(dl.data() - m_body.data());
    m_dateline_pos = from;
    const std::string_view head = trim(dl.substr(0, dl.find_first_of(",(")));
    bool changed = false;
    std::size_t part_from = from;
    for (std::size_t part = 0; part_from < from + head.size(); ++part) {
        const std::size_t slash = head.find('/', part_from - from);
        const std::size_t part_end =
            slash == std::string_view::npos ? from + head.size() : from + slash;
        const Place* place =
            part == 0 ? m_dateline_place
                      : m_gaz.resolve_dateline(m_body.substr(part_from, part_end - part_from));
        std::size_t b = none;
        std::size_t e = none;
        for (std::size_t t = 0; t < m_tokens.size() && m_tokens[t].start < part_end; ++t) {
            if (m_tokens[t].start >= part_from) {
                b = b == none ? t : b;
                e = t + 1;
            }
        }
        if (place != nullptr && b != none) {
            m_spans.erase(
                std::remove_if(m_spans.begin(), m_spans.end(),
                               [&](const Span& sp) { return sp.begin < e && b < sp.end; }),
                m_spans.end());
            m_spans.push_back({b, e, EntityType::location, true, place->name, place});
            changed = true;
        }
        part_from = part_end + 1;
    }
    if (changed) {
        rebuild_cover();
    }
}

/// Evidence from the dateline, from names that have one reading or lie in one country only,
/// and from demonyms ("Syrian").
void Extraction::gather_evidence() {
    if (m_dateline_place != nullptr) {
        m_evidence.add(*m_dateline_place, 3.0);
        if (m_dateline_place->kind == PlaceKind::subdivision) {
            m_evidence.subdivision[m_dateline_place->subdivision_code] += 3.0;
        }
        credit_country(m_dateline_place->country_code, 2.0, m_dateline_pos);
    }
    for (const Span& sp : m_spans) {
        if (sp.type == EntityType::organisation || sp.type == EntityType::location) {
            const std::string_view seat = detail::seat_of(
                name_key(sp.canonical.empty() ? surface(sp.begin, sp.end) : sp.canonical));
            if (!seat.empty()) {
                m_evidence.subdivision[std::string(seat)] += 1.0;
            }
        }
    }
    m_place_keys.assign(m_spans.size(), std::string());
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        Span& sp = m_spans[i];
        if (sp.type != EntityType::location || sp.place != nullptr) {
            continue;
        }
        m_place_keys[i] = name_key(surface(sp.begin, sp.end));
        const auto& list = m_gaz.candidates(m_place_keys[i]);
        if (list.size() == 1) {
            sp.place = list.front();
            m_evidence.add(*sp.place, 1.0);
        } else if (const std::string* code = detail::single_country(list)) {
            m_evidence.country[*code] += 1.0;
            m_evidence.total += 1.0;
        }
    }
    for (std::size_t t = 0; t < m_tokens.size(); ++t) {
        const std::size_t c = m_cover[t];
        if ((c != none &&
             (m_spans[c].type == EntityType::person || m_spans[c].type == EntityType::location)) ||
            !starts_capitalised(token_text(t))) {
            continue;
        }
        if (const Country* country = m_gaz.country_for_demonym(token_text(t))) {
            if (country->place != nullptr) {
                m_evidence.add(*country->place, 1.0);
            } else {
                m_evidence.country[country->code] += 1.0;
                m_evidence.total += 1.0;
            }
            credit_country(country->code, 0.5, m_tokens[t].start);
        }
    }
}

/// Each ambiguous name by population and evidence, twice so that a subdivision resolved in
/// the first round ("Virginia") informs the second.
void Extraction::pick_places() {
    for (int round = 0; round < 2; ++round) {
        Evidence next = m_evidence;
        for (std::size_t i = 0; i < m_spans.size(); ++i) {
            Span& sp = m_spans[i];
            if (sp.type != EntityType::location || m_place_keys[i].empty()) {
                continue;
            }
            const auto& list = m_gaz.candidates(m_place_keys[i]);
            if (list.size() > 1) {
                sp.place = detail::pick_place(list, m_evidence);
                if (sp.place->kind == PlaceKind::subdivision) {
                    next.subdivision[sp.place->subdivision_code] += 1.0;
                }
            }
        }
        m_evidence = std::move(next);
    }
}

/// Step 7. Places: evidence first, then each ambiguous name.
void Extraction::resolve_places() {
    gather_evidence();
    pick_places();
}

} // namespace newsdex::analysis::detail
