#include "newsdex/corpus/open_source.h"

#include "newsdex/error.h"

namespace newsdex::corpus {
// Placeholder until the readers land.
Format parse_format(std::string_view name) {
    if (name == "jsonl") return Format::jsonl;
    if (name == "text") return Format::text;
    if (name == "reuters") return Format::reuters;
    if (name == "auto") return Format::automatic;
    throw UsageError("unknown format '" + std::string(name) + "'");
}
void add_field_mapping(ReaderOptions&, std::string_view) {}
std::unique_ptr<ArticleSource> open_inputs(const std::vector<std::string>&, const ReaderOptions&,
                                           ProblemSink) {
    return nullptr;
}
} // namespace newsdex::corpus
