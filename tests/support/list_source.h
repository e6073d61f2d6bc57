#pragma once
// An ArticleSource over articles made in a test, in order.
#include <optional>
#include <utility>
#include <vector>

#include "newsdex/article.h"
#include "newsdex/article_source.h"

namespace newsdex::test {

class ListSource : public ArticleSource {
public:
    explicit ListSource(std::vector<Article> articles) : m_articles(std::move(articles)) {}
    std::optional<Article> next() override {
        if (m_next == m_articles.size()) {
            return std::nullopt;
        }
        return m_articles[m_next++];
    }

private:
    std::vector<Article> m_articles;
    std::size_t m_next = 0;
};

} // namespace newsdex::test
