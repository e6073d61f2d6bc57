#include "newsdex/corpus/open_source.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <system_error>

#include <fnmatch.h>

#include "newsdex/corpus/input_stream.h"
#include "newsdex/corpus/jsonl_reader.h"
#include "newsdex/corpus/plaintext_reader.h"
#include "newsdex/corpus/reuters_sgml_reader.h"
#include "newsdex/error.h"
#include "reader_support.h"

namespace newsdex::corpus {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view stdin_name = "<stdin>";
// Enough to sniff the format and to tell a binary file from text.
constexpr std::size_t sniff_bytes = 4096;

const char* const article_fields[] = {"id",    "url",    "title",  "body",     "published",
                                      "filed", "source", "author", "language", "deleted"};

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

struct PendingFile {
    std::string path;          // to open
    std::string name;          // for messages and origins
    std::string default_id;    // plain-text id when the text names none
    bool in_directory = false; // found in a directory, not named on the command line
};

std::string without_gz(std::string name) {
    if (ends_with(lower_ascii(name), ".gz")) {
        name.resize(name.size() - 3);
    }
    return name;
}

// A directory of articles often carries its own README or licence, pictures, archives and
// office files: none of them is news. Files named on the command line are always read.
bool is_documentation(const fs::path& path) {
    const std::string name = lower_ascii(path.filename().string());
    for (const char* stem : {"readme", "license", "licence", "copying", "source.md", "changelog"}) {
        if (name.rfind(stem, 0) == 0) {
            return true;
        }
    }
    if (ends_with(name, ".tar.gz")) {
        return true;
    }
    const std::string ext = lower_ascii(path.extension().string());
    for (const char* skip :
         {".md",   ".markdown", ".rst", ".html", ".htm", ".pdf",  ".png",  ".jpg", ".jpeg",  ".gif",
          ".webp", ".bmp",      ".tif", ".tiff", ".svg", ".ico",  ".heic", ".zip", ".tar",   ".tgz",
          ".7z",   ".rar",      ".bz2", ".xz",   ".zst", ".py",   ".sh",   ".dtd", ".exe",   ".dll",
          ".so",   ".o",        ".a",   ".bin",  ".mp3", ".mp4",  ".m4a",  ".mov", ".avi",   ".wav",
          ".doc",  ".docx",     ".xls", ".xlsx", ".ppt", ".pptx", ".odt",  ".ods", ".sqlite"}) {
        if (ext == skip) {
            return true;
        }
    }
    return false;
}

// Content that is no text whatever the name says: the magic number of an image, archive or
// program, or bytes that are mostly not text (detail::looks_binary; a stray NUL is not enough,
// and JSON Lines is judged record by record). Empty when it is text.
std::string not_text(std::string_view head, Format format) {
    static constexpr std::string_view magics[] = {"PK\x03\x04", "%PDF",         "\x89PNG",
                                                  "GIF8",       "\xff\xd8\xff", "7z\xbc\xaf",
                                                  "Rar!",       "\177ELF",      "BZh"};
    for (std::string_view m : magics) {
        if (head.substr(0, m.size()) == m) {
            return "not a text file (an image, archive or program)";
        }
    }
    if (head.size() > 262 && head.substr(257, 5) == "ustar") { // a tar archive, maybe gzipped
        return "not a text file (a tar archive)";
    }
    if (format != Format::jsonl && detail::looks_binary(head)) {
        return "binary data (not a text file)";
    }
    return "";
}

// --include / --exclude on a path under a directory named on the command line.
bool matches_any(const std::vector<std::string>& globs, const std::string& relative) {
    const std::string name = fs::path(relative).filename().string();
    for (const std::string& g : globs) {
        const bool path_glob = g.find('/') != std::string::npos;
        if (fnmatch(g.c_str(), (path_glob ? relative : name).c_str(),
                    path_glob ? FNM_PATHNAME : 0) == 0) {
            return true;
        }
    }
    return false;
}

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.';
}

// How a directory is walked. Like find and rg, links inside it are not followed unless asked
// (--follow): a dump folder must not pull in files from elsewhere. With --follow, a folder or
// file reached twice (a link back up the tree, two links to one place) is read once.
class DirectoryWalk {
public:
    /// `not_an_article` (may be empty) is told of each file left out because it is not news
    /// (hidden files, documentation, images, archives: is_documentation).
    DirectoryWalk(const fs::path& root, const ReaderOptions& options,
                  std::function<void(const std::string&)> not_an_article, std::error_code& ec)
        : m_root(root), m_options(options), m_not_an_article(std::move(not_an_article)),
          m_follow(options.follow_symlinks),
          m_it(root,
               fs::directory_options::skip_permission_denied |
                   (m_follow ? fs::directory_options::follow_directory_symlink
                             : fs::directory_options::none),
               ec) {
        if (m_follow) {
            m_seen.insert(fs::weakly_canonical(root, ec).string());
        }
    }

    /// The next file to read (sorted by the caller), or nullopt at the end; ec on an error.
    std::optional<fs::path> next(std::error_code& ec) {
        for (; m_it != fs::recursive_directory_iterator(); m_it.increment(ec)) {
            if (ec) {
                return std::nullopt;
            }
            const fs::directory_entry& entry = *m_it;
            std::error_code type_ec; // a broken link is no error of the walk
            const bool link = entry.is_symlink(type_ec);
            const bool directory = entry.is_directory(type_ec); // of the target, for a link
            const std::string relative = entry.path().lexically_relative(m_root).generic_string();
            const bool seen =
                directory && m_follow &&
                !m_seen.insert(fs::weakly_canonical(entry.path(), type_ec).string()).second;
            if (directory) {
                if (is_hidden(entry.path()) || (link && !m_follow) || seen ||
                    matches_any(m_options.exclude, relative)) {
                    m_it.disable_recursion_pending();
                }
                continue;
            }
            if ((link && !m_follow) || !entry.is_regular_file(type_ec) ||
                matches_any(m_options.exclude, relative) ||
                (!m_options.include.empty() && !matches_any(m_options.include, relative))) {
                continue;
            }
            if (is_hidden(entry.path()) || is_documentation(entry.path())) {
                if (m_not_an_article) {
                    m_not_an_article(entry.path().string());
                }
                continue;
            }
            if (!m_follow ||
                m_seen.insert(fs::weakly_canonical(entry.path(), type_ec).string()).second) {
                fs::path file = entry.path();
                m_it.increment(ec);
                return file;
            }
        }
        return std::nullopt;
    }

private:
    fs::path m_root;
    const ReaderOptions& m_options;
    std::function<void(const std::string&)> m_not_an_article;
    bool m_follow;
    fs::recursive_directory_iterator m_it;
    std::set<std::string> m_seen;
};

class InputsSource : public ArticleSource {
public:
    InputsSource(std::vector<std::string> paths, ReaderOptions options, ProblemSink sink)
        : m_paths(std::move(paths)), m_options(std::move(options)), m_sink(std::move(sink)) {
        if (!m_sink) {
            m_sink = [](const Problem&) {};
        }
        m_total_bytes = total_size(m_paths, m_options);
    }

    std::optional<double> fraction_read() const override {
        if (m_total_bytes == 0) {
            return std::nullopt;
        }
        const double read = static_cast<double>(m_bytes_read.load(std::memory_order_relaxed));
        return std::min(1.0, read / static_cast<double>(m_total_bytes));
    }

    std::optional<Article> next() override {
        for (;;) {
            if (m_current) {
                if (auto article = m_current->next()) {
                    if (article->source.empty()) {
                        article->source = m_options.default_source;
                    }
                    return article;
                }
                m_current.reset();
            }
            if (m_pending_index < m_pending.size()) {
                open_file(m_pending[m_pending_index++]);
                continue;
            }
            if (m_next_path >= m_paths.size()) {
                return std::nullopt;
            }
            expand(m_paths[m_next_path++]);
        }
    }

private:
    void not_an_article(const std::string& file) {
        if (m_options.on_not_an_article) {
            m_options.on_not_an_article(file);
        }
    }

    void problem(ProblemKind kind, const std::string& file, std::string message) {
        detail::report(m_sink, kind, file, 0, std::move(message));
    }

    // Lists the files a command-line path stands for; directories only by name, so that a
    // directory of a million files costs paths, not open files.
    void expand(const std::string& path) {
        m_pending.clear();
        m_pending_index = 0;
        if (path == "-") {
            m_pending.push_back(PendingFile{"-", std::string(stdin_name), ""});
            return;
        }
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            problem(ProblemKind::unreadable_file, path,
                    ec ? lower_ascii(ec.message()) : "no such file or directory");
            return;
        }
        if (!fs::is_directory(status)) {
            m_pending.push_back(
                PendingFile{path, path, without_gz(fs::path(path).filename().string())});
            return;
        }
        std::vector<fs::path> files;
        DirectoryWalk walk(
            path, m_options, [this](const std::string& file) { not_an_article(file); }, ec);
        if (ec) {
            problem(ProblemKind::unreadable_file, path, lower_ascii(ec.message()));
            return;
        }
        while (std::optional<fs::path> file = walk.next(ec)) {
            files.push_back(std::move(*file));
        }
        if (ec) {
            problem(ProblemKind::unreadable_file, path, lower_ascii(ec.message()));
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& file : files) {
            const std::string relative = file.lexically_relative(path).generic_string();
            m_pending.push_back(
                PendingFile{file.string(), file.string(), without_gz(relative), true});
        }
    }

    // The bytes the paths stand for, for progress reports; 0 (unknown) if stdin is among them.
    static std::uint64_t total_size(const std::vector<std::string>& paths,
                                    const ReaderOptions& options) {
        std::uint64_t total = 0;
        for (const std::string& path : paths) {
            if (path == "-") {
                return 0;
            }
            std::error_code ec;
            if (!fs::is_directory(path, ec)) {
                const auto size = fs::file_size(path, ec);
                total += ec ? 0 : size;
                continue;
            }
            DirectoryWalk walk(path, options, nullptr, ec);
            while (std::optional<fs::path> file = walk.next(ec)) {
                std::error_code size_ec;
                const auto size = fs::file_size(*file, size_ec);
                total += size_ec ? 0 : size;
            }
        }
        return total;
    }

    void open_file(const PendingFile& file) {
        std::string error;
        auto input = InputStream::open(file.path, error);
        if (!input) {
            problem(ProblemKind::unreadable_file, file.name, error);
            return;
        }
        input->count_reads_into(&m_bytes_read);
        const std::string_view head = input->peek(sniff_bytes);
        const Format format = m_options.format != Format::automatic
                                  ? m_options.format
                                  : detect_format(file.path == "-" ? "" : file.path, head);
        // Only a file that is not text at all is skipped here: a stray NUL costs its record
        // (a JSON line, a Reuters record) or is repaired (a text article), never the file. In
        // a directory such a file is one of the things folders hold besides articles; named on
        // the command line, it is a mistake to report.
        if (const std::string why = not_text(head, format); !why.empty()) {
            if (file.in_directory) {
                not_an_article(file.name);
            } else {
                problem(ProblemKind::binary_data, file.name, why);
            }
            return;
        }
        switch (format) {
        case Format::jsonl:
            m_current =
                std::make_unique<JsonlReader>(std::move(input), file.name, m_options, m_sink);
            break;
        case Format::reuters:
            m_current =
                std::make_unique<ReutersSgmlReader>(std::move(input), file.name, m_options, m_sink);
            break;
        case Format::text:
        case Format::automatic:
            m_current = std::make_unique<PlaintextReader>(std::move(input), file.name,
                                                          file.default_id, m_options, m_sink);
            break;
        }
    }

    std::vector<std::string> m_paths;
    ReaderOptions m_options;
    ProblemSink m_sink;
    std::size_t m_next_path = 0;
    std::vector<PendingFile> m_pending;
    std::size_t m_pending_index = 0;
    std::unique_ptr<ArticleSource> m_current;
    std::uint64_t m_total_bytes = 0;
    std::atomic<std::uint64_t> m_bytes_read{0};
};

} // namespace

Format parse_format(std::string_view name) {
    if (name == "jsonl") {
        return Format::jsonl;
    }
    if (name == "text") {
        return Format::text;
    }
    if (name == "reuters") {
        return Format::reuters;
    }
    if (name == "auto") {
        return Format::automatic;
    }
    throw UsageError("unknown format '" + std::string(name) +
                     "' (expected auto, jsonl, text or reuters)");
}

std::string format_name(Format format) {
    switch (format) {
    case Format::jsonl:
        return "jsonl";
    case Format::text:
        return "text";
    case Format::reuters:
        return "reuters";
    case Format::automatic:
        return "auto";
    }
    return "auto";
}

Format detect_format(std::string_view file_name, std::string_view first_bytes) {
    std::string name = lower_ascii(file_name);
    if (ends_with(name, ".gz")) {
        name.resize(name.size() - 3);
    }
    if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson") || ends_with(name, ".json")) {
        return Format::jsonl;
    }
    if (ends_with(name, ".sgm") || ends_with(name, ".sgml")) {
        return Format::reuters;
    }
    if (ends_with(name, ".txt")) {
        return Format::text;
    }
    std::string_view head = first_bytes;
    if (head.substr(0, 3) == "\xEF\xBB\xBF") {
        head.remove_prefix(3);
    }
    head = trim(head);
    if (!head.empty() && head[0] == '{') {
        return Format::jsonl;
    }
    if (head.substr(0, 8) == "<REUTERS" || starts_with_nocase(head, "<!DOCTYPE lewis")) {
        return Format::reuters;
    }
    return Format::text;
}

void add_field_mapping(ReaderOptions& options, std::string_view assignment) {
    const std::size_t eq = assignment.find('=');
    if (eq == std::string_view::npos) {
        throw UsageError("invalid --field '" + std::string(assignment) +
                         "' (expected NAME=FIELD, e.g. published=when)");
    }
    const std::string name(trim(assignment.substr(0, eq)));
    const std::string field(trim(assignment.substr(eq + 1)));
    const bool known = std::any_of(std::begin(article_fields), std::end(article_fields),
                                   [&](const char* f) { return name == f; });
    if (!known) {
        std::string list;
        for (const char* f : article_fields) {
            list += list.empty() ? "" : ", ";
            list += f;
        }
        throw UsageError("unknown article field '" + name + "' in --field '" +
                         std::string(assignment) + "' (expected one of " + list + ")");
    }
    if (field.empty()) {
        throw UsageError("empty source field in --field '" + std::string(assignment) + "'");
    }
    options.field_map[name] = field;
}

std::unique_ptr<ArticleSource> open_inputs(const std::vector<std::string>& paths,
                                           const ReaderOptions& options, ProblemSink sink) {
    return std::make_unique<InputsSource>(paths, options, std::move(sink));
}

std::unique_ptr<ArticleSource> open_source(const std::string& path, const ReaderOptions& options,
                                           ProblemSink sink) {
    return open_inputs({path}, options, std::move(sink));
}

} // namespace newsdex::corpus
