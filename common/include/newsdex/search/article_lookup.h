/// @file
/// @brief One stored article by its id (--show): metadata, facet values and the full body.
#pragma once
#include <optional>
#include <string_view>

#include <xapian.h>

#include "newsdex/search/result.h"

namespace newsdex::search {

/// The article whose id is `id`, read from its document; nullopt when there is none.
/// Works on combined and remote databases (it reads the document's data, values and terms).
std::optional<FullArticle> find_article(const Xapian::Database& db, std::string_view id);

} // namespace newsdex::search
