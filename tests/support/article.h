/// @file
/// @brief A minimal Article for unit tests.
#pragma once
#include <string>

#include "newsdex/article.h"

namespace newsdex::test {

/// An article with an id, title and body, from the source "Test Wire".
inline Article article(const std::string& id, const std::string& title, const std::string& body) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.source = "Test Wire";
    return a;
}

} // namespace newsdex::test
