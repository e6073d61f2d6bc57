/// @file
/// @brief The `newsdex-index --entities-only` record: one article's mentions, dates and facets
///        as JSON (the interface for evaluation and debugging; keep the names stable).
#pragma once
#include <nlohmann/json_fwd.hpp>

#include <string>

#include "newsdex/analysis/entities.h"
#include "newsdex/article.h"

namespace newsdex::output {

/// One JSON object per article:
/// ```
/// {"id": "nw-1",
///  "entities": [{"type": "PER"|"ORG"|"LOC"|"MISC", "text", "start", "end", "canonical",
///                "country"}…],
///  "dates": [{"text", "start", "end", "first": "YYYY-MM-DD", "last": "YYYY-MM-DD",
///             "precision": "day"|"month"|"year"}…],
///  "facets": {"person": […], "organisation": […], "actor": […],
///             "location": ["Vienna, AT", "Black Sea", …], "country": ["SY", …],
///             "published": "YYYY-MM-DD" | null},
///  "author": "Adam Floyd" | null}
/// ```
/// `start`/`end` are byte offsets into the body as given; `country` is "" when unknown. MISC
/// (events, works, products, nationalities) is listed as found and is in no facet.
/// `actor` is the persons then the organisations, each in salience order. A `location` is a
/// string: the canonical name, then ", " and the ISO code when the place has one, as the index
/// stores it (schema::location_display(); split at the last ", " to get the code back).
/// `published` is the local calendar day of Article::published. `author` is Article::author
/// when set, else the byline found in the body, else null.
nlohmann::json entities_json(const Article& article, const analysis::ArticleEntities& entities);

/// The same record as `dump_json(entities_json(article, entities), false)`, byte for byte,
/// appended to `out` without building the JSON tree first: `--entities-only` writes one per
/// article, and the tree's maps and copies cost as much as a third of tagging them.
void append_entities_json(std::string& out, const Article& article,
                          const analysis::ArticleEntities& entities);

} // namespace newsdex::output
