#include "newsdex/corpus/delete_ids_source.h"

#include <iostream>
#include <utility>

#include "newsdex/error.h"

namespace newsdex::corpus {

DeleteIdsSource::DeleteIdsSource(const std::string& file) : m_name(file) {
    if (file != "-") {
        m_file.open(file);
        if (!m_file) {
            throw Error("cannot read ids to delete from '" + file + "'");
        }
    }
}

std::optional<Article> DeleteIdsSource::next() {
    std::istream& in = m_name == "-" ? std::cin : m_file;
    std::string line;
    while (std::getline(in, line)) {
        ++m_line;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
            line.pop_back();
        }
        if (line.empty() || line[0] == '#') {
            continue;
        }
        Article a;
        a.id = line;
        a.deleted = true;
        a.origin = SourceLocation{m_name, m_line};
        return a;
    }
    return std::nullopt;
}

ChainedSource::ChainedSource(std::unique_ptr<ArticleSource> first,
                             std::unique_ptr<ArticleSource> second)
    : m_first(std::move(first)), m_second(std::move(second)) {}

std::optional<Article> ChainedSource::next() {
    if (m_first) {
        if (std::optional<Article> a = m_first->next()) {
            return a;
        }
        m_first.reset();
    }
    return m_second ? m_second->next() : std::nullopt;
}

} // namespace newsdex::corpus
