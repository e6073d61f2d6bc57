/// @file
/// @brief Opening inputs (files, directories, stdin; gzip or not) as one stream of articles.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/article_source.h"

namespace newsdex::corpus {

/// Input formats. `automatic` looks at the extension (.jsonl/.json/.ndjson, .sgm, .txt,
/// under an optional .gz) and, failing that, at the first bytes.
enum class Format { automatic, jsonl, text, reuters };

/// Parses `jsonl`, `text`, `reuters` or `auto`; throws UsageError otherwise.
Format parse_format(std::string_view name);

/// The name parse_format() accepts for `format` ("auto" for Format::automatic).
std::string format_name(Format format);

/// The format of a file from its name (extension, looking through a final `.gz`) and, when the
/// extension says nothing, from its first decoded bytes: `{` → jsonl, `<REUTERS` or
/// `<!DOCTYPE lewis` → reuters, anything else → text. Never returns Format::automatic.
/// @param file_name    may be empty (stdin)
/// @param first_bytes  the start of the (uncompressed) content
[[nodiscard]] Format detect_format(std::string_view file_name, std::string_view first_bytes);

/// The default of --max-article-bytes: 8 MiB of title and body, a hundred times a long feature
/// article, so that one broken or hostile record cannot take the indexer's memory (an article
/// costs several times its size while it is analysed).
inline constexpr std::size_t default_max_article_bytes = std::size_t{8} << 20;

struct ReaderOptions {
    Format format = Format::automatic;
    /// Article field → JSON field name, from `--field published=when`; replaces the default
    /// names for that field. Article field names: id, url, title, body, published, source,
    /// author, language, deleted. A dotted name ("meta.site") also reaches into nested objects.
    std::map<std::string, std::string> field_map;
    /// `--source NAME`: the source of articles whose input names none (the BBC's files carry
    /// no publisher), so that the publisher is their source facet and not their actor.
    std::string default_source;
    /// Articles with more bytes of title+body are rejected (ProblemKind::too_large), and a record
    /// much larger than that is rejected without being collected; 0 = no limit.
    std::size_t max_article_bytes = default_max_article_bytes;
    /// Follow symbolic links found inside a directory (--follow). A path named on the command
    /// line is always read, link or not.
    bool follow_symlinks = false;
    /// `--include GLOB`: when given, only the files of a directory that match one are read.
    /// `--exclude GLOB`: files (and folders) of a directory that match one are not. A glob
    /// without '/' matches the file name, one with '/' the path under the directory named on
    /// the command line (fnmatch rules). Files named on the command line are always read.
    std::vector<std::string> include;
    std::vector<std::string> exclude;
    /// Told of each file of a directory left out because it is not an article: hidden files
    /// (.DS_Store), READMEs and licences, images, archives, office documents, binaries (by
    /// name or by content). Null: left out silently.
    std::function<void(const std::string& file)> on_not_an_article;
};

/// Parses one `--field NAME=SOURCE` argument into options.field_map; throws UsageError.
void add_field_mapping(ReaderOptions& options, std::string_view assignment);

/// All the articles of several inputs, in order. Each path is a file, a directory (read
/// recursively, files in sorted order; hidden files, files that are not articles (told to
/// options.on_not_an_article) and symbolic links skipped unless options.follow_symlinks;
/// --include/--exclude applied) or `-` for stdin. Files are opened
/// lazily, one at a time; a file that cannot be opened is reported to the sink and skipped.
///
/// Problems name the file as given on the command line joined with the path under it
/// (`articles/sub/a.txt`), and `<stdin>` for `-`. A plain-text article without an Id or URL
/// header gets as id its path relative to the directory named on the command line
/// (`sub/a.txt`), or the file name when the file itself was named, without a final `.gz`.
/// A null sink is allowed (problems are then ignored).
std::unique_ptr<ArticleSource> open_inputs(const std::vector<std::string>& paths,
                                           const ReaderOptions& options, ProblemSink sink);

/// open_inputs() for one path.
std::unique_ptr<ArticleSource> open_source(const std::string& path, const ReaderOptions& options,
                                           ProblemSink sink);

} // namespace newsdex::corpus
