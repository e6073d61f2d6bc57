/// @file
/// @brief Buffered byte input from a file, stdin or memory, gunzipped transparently.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::corpus {

/// A forward-only byte stream with large buffered reads. gzip data is recognised by its magic
/// bytes (not by the file name) and inflated on the fly, concatenated members included.
///
/// A stream never throws once open: a truncated or corrupt gzip member, or a read error, ends
/// the stream early and is described by failure(), so that the reader can report it with a
/// line number and keep what came before.
class InputStream {
public:
    /// Opens `path` ("-" is stdin). @return nullptr with a lower-case reason in `error`
    /// ("no such file or directory") when it cannot be opened.
    [[nodiscard]] static std::unique_ptr<InputStream> open(const std::string& path,
                                                           std::string& error);
    /// A stream over bytes already in memory (gzip or not); used by tests and callers that
    /// have the data at hand.
    [[nodiscard]] static std::unique_ptr<InputStream> from_string(std::string data);

    ~InputStream();
    InputStream(const InputStream&) = delete;
    InputStream& operator=(const InputStream&) = delete;

    /// Up to `n` bytes of what comes next, without consuming them (fewer only at the end).
    std::string_view peek(std::size_t n);

    /// Reads the next line into `line` (reused: its capacity is kept), without the '\n' and
    /// without a '\r' before it. The last line needs no '\n'. When the stream failed, the
    /// incomplete line cut by the failure is dropped. @return false at the end.
    bool read_line(std::string& line);

    /// The same, but a line longer than `limit` bytes (0: no limit) is not collected: `line`
    /// holds its first `limit` bytes, the rest is skipped to the end of the line, and
    /// `*too_long` is set (else cleared). Memory stays bounded by `limit` on any input.
    bool read_line(std::string& line, std::size_t limit, bool* too_long);

    /// Reads up to `n` bytes. @return the number read; 0 at the end.
    std::size_t read(char* out, std::size_t n);

    /// True when the data was gzip-compressed.
    [[nodiscard]] bool compressed() const { return m_gzip != nullptr; }

    /// Adds every byte read from the file (compressed bytes for gzip) to `counter`, which may
    /// be read from other threads (progress reports). The counter must outlive the stream.
    void count_reads_into(std::atomic<std::uint64_t>* counter) { m_read_counter = counter; }

    /// Why the stream ended early ("gzip data ends early"), or nullopt if it ended cleanly.
    [[nodiscard]] const std::optional<std::string>& failure() const { return m_failure; }

private:
    struct Gzip;
    InputStream() = default;
    std::size_t read_raw(char* out, std::size_t n);
    std::size_t read_raw_uncounted(char* out, std::size_t n);
    bool fill(); // adds decoded bytes to m_buf; false at the end
    std::size_t inflate_into(char* out, std::size_t n);

    std::FILE* m_file = nullptr;
    bool m_owns_file = false;
    std::string m_memory; // the data of a from_string() stream
    std::size_t m_memory_pos = 0;
    std::size_t m_chunk = std::size_t{1} << 20; // read size: smaller for small files
    bool m_raw_eof = false;
    std::atomic<std::uint64_t>* m_read_counter = nullptr;
    bool m_started = false;

    std::unique_ptr<Gzip> m_gzip;
    std::vector<char> m_raw; // compressed input waiting to be inflated
    std::vector<char> m_buf; // decoded bytes [m_pos, m_end)
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    bool m_done = false;
    std::optional<std::string> m_failure;
};

} // namespace newsdex::corpus
