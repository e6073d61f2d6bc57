#include "newsdex/corpus/input_stream.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>

#include <cerrno>
#include <cstring>

namespace newsdex::corpus {
namespace {

// Big reads keep syscalls and inflate() calls rare; a dump is read at hundreds of MB/s. Small
// files get small buffers: a fresh 1 MiB buffer costs more page faults than reading a short
// article, and a directory of news stories is thousands of those.
constexpr std::size_t max_chunk = std::size_t{1} << 20;
constexpr std::size_t min_chunk = std::size_t{1} << 12;

bool is_gzip_magic(const char* p) {
    return static_cast<unsigned char>(p[0]) == 0x1f && static_cast<unsigned char>(p[1]) == 0x8b;
}

std::string lower_strerror(int err) {
    std::string s = std::strerror(err);
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') {
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    }
    return s;
}

} // namespace

struct InputStream::Gzip {
    z_stream z{};
    bool member_ended = false; // the last inflate() call finished a member
    ~Gzip() { inflateEnd(&z); }
};

std::unique_ptr<InputStream> InputStream::open(const std::string& path, std::string& error) {
    std::unique_ptr<InputStream> in(new InputStream());
    if (path == "-") {
        in->m_file = stdin;
        return in;
    }
    in->m_file = std::fopen(path.c_str(), "rb");
    if (in->m_file == nullptr) {
        error = lower_strerror(errno);
        return nullptr;
    }
    in->m_owns_file = true;
    struct stat st {};
    if (fstat(fileno(in->m_file), &st) == 0 && S_ISREG(st.st_mode)) {
        const auto size = static_cast<std::size_t>(st.st_size);
        in->m_chunk = std::clamp(size + 1, min_chunk, max_chunk);
    }
    return in;
}

std::unique_ptr<InputStream> InputStream::from_string(std::string data) {
    std::unique_ptr<InputStream> in(new InputStream());
    in->m_chunk = std::clamp(data.size() + 1, min_chunk, max_chunk);
    in->m_memory = std::move(data);
    return in;
}

InputStream::~InputStream() {
    if (m_owns_file && m_file != nullptr) {
        std::fclose(m_file);
    }
}

std::size_t InputStream::read_raw(char* out, std::size_t n) {
    const std::size_t got = read_raw_uncounted(out, n);
    if (m_read_counter != nullptr) {
        m_read_counter->fetch_add(got, std::memory_order_relaxed);
    }
    return got;
}

std::size_t InputStream::read_raw_uncounted(char* out, std::size_t n) {
    if (m_raw_eof) {
        return 0;
    }
    std::size_t got = 0;
    if (m_file != nullptr) {
        // read(), not fread(): from a pipe it returns what has arrived instead of waiting for
        // a whole buffer, so that articles written to stdin are indexed as they come.
        ssize_t r = 0;
        do {
            r = ::read(fileno(m_file), out, n);
        } while (r < 0 && errno == EINTR);
        if (r < 0) {
            if (!m_failure) {
                m_failure = "read error: " + lower_strerror(errno);
            }
            r = 0;
        }
        got = static_cast<std::size_t>(r);
        m_raw_eof = got == 0;
    } else {
        got = std::min(n, m_memory.size() - m_memory_pos);
        std::memcpy(out, m_memory.data() + m_memory_pos, got);
        m_memory_pos += got;
        if (m_memory_pos == m_memory.size()) {
            m_raw_eof = true;
        }
    }
    return got;
}

std::size_t InputStream::inflate_into(char* out, std::size_t n) {
    z_stream& z = m_gzip->z;
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = static_cast<uInt>(n);
    while (z.avail_out == n) {
        if (z.avail_in == 0) {
            const std::size_t got = read_raw(m_raw.data(), m_raw.size());
            z.next_in = reinterpret_cast<Bytef*>(m_raw.data());
            z.avail_in = static_cast<uInt>(got);
        }
        if (m_gzip->member_ended) {
            // Another member may follow (gzip files can be concatenated); anything else after a
            // complete member is trailing padding and ends the stream, as gzip -d does.
            if (z.avail_in == 1 && !m_raw_eof) {
                m_raw[0] = static_cast<char>(*z.next_in);
                const std::size_t got = read_raw(m_raw.data() + 1, m_raw.size() - 1);
                z.next_in = reinterpret_cast<Bytef*>(m_raw.data());
                z.avail_in = static_cast<uInt>(got + 1);
            }
            if (z.avail_in < 2 || !is_gzip_magic(reinterpret_cast<const char*>(z.next_in))) {
                m_done = true;
                break;
            }
            inflateReset(&z);
            m_gzip->member_ended = false;
        }
        if (z.avail_in == 0) {
            if (!m_failure) {
                m_failure = "gzip data ends early (truncated file)";
            }
            m_done = true;
            break;
        }
        const int rc = inflate(&z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            m_gzip->member_ended = true;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            m_failure = std::string("corrupt gzip data: ") + (z.msg != nullptr ? z.msg : "error");
            m_done = true;
            break;
        }
    }
    return n - z.avail_out;
}

bool InputStream::fill() {
    if (m_done) {
        return false;
    }
    if (!m_started) {
        m_started = true;
        m_raw.resize(m_chunk);
        std::size_t got = read_raw(m_raw.data(), m_raw.size());
        while (got < 2 && !m_raw_eof) { // a pipe may give one byte first: the magic needs two
            got += read_raw(m_raw.data() + got, m_raw.size() - got);
        }
        if (got >= 2 && is_gzip_magic(m_raw.data())) {
            m_gzip = std::make_unique<Gzip>();
            if (inflateInit2(&m_gzip->z, 15 + 16) != Z_OK) {
                m_failure = "cannot start gzip decoder";
                m_done = true;
                return false;
            }
            m_gzip->z.next_in = reinterpret_cast<Bytef*>(m_raw.data());
            m_gzip->z.avail_in = static_cast<uInt>(got);
        } else {
            // Plain data: what was read is the first block of content.
            m_buf.swap(m_raw);
            m_raw = std::vector<char>();
            m_pos = 0;
            m_end = got;
            if (got == 0) {
                m_done = true;
            }
            return got > 0;
        }
    }
    // Keep the unread tail at the front so that peek() sees contiguous bytes.
    if (m_pos > 0) {
        std::memmove(m_buf.data(), m_buf.data() + m_pos, m_end - m_pos);
        m_end -= m_pos;
        m_pos = 0;
    }
    // Inflated data is several times its compressed size; give it room from the start.
    const std::size_t chunk = m_gzip ? std::min(max_chunk, 4 * m_chunk) : m_chunk;
    if (m_buf.size() - m_end < chunk / 2) {
        m_buf.resize(m_end + chunk);
    }
    std::size_t got = 0;
    if (m_gzip) {
        got = inflate_into(m_buf.data() + m_end, m_buf.size() - m_end);
    } else {
        got = read_raw(m_buf.data() + m_end, m_buf.size() - m_end);
        if (got == 0) {
            m_done = true;
        }
    }
    m_end += got;
    return got > 0;
}

std::string_view InputStream::peek(std::size_t n) {
    while (m_end - m_pos < n && fill()) {
    }
    return std::string_view(m_buf.data() + m_pos, std::min(n, m_end - m_pos));
}

bool InputStream::read_line(std::string& line) { return read_line(line, 0, nullptr); }

bool InputStream::read_line(std::string& line, std::size_t limit, bool* too_long) {
    line.clear();
    if (too_long != nullptr) {
        *too_long = false;
    }
    // Appends what fits under the limit; past it, bytes are only skipped.
    auto keep = [&](const char* start, std::size_t n) {
        if (limit != 0 && line.size() + n > limit) {
            line.append(start, limit - line.size());
            if (too_long != nullptr) {
                *too_long = true;
            }
            return;
        }
        line.append(start, n);
    };
    bool got_any = false;
    for (;;) {
        if (m_pos == m_end && !fill()) {
            if (m_failure) {
                line.clear(); // cut by the failure: not a whole line
                return false;
            }
            break;
        }
        const char* start = m_buf.data() + m_pos;
        const std::size_t avail = m_end - m_pos;
        const void* nl = std::memchr(start, '\n', avail);
        if (nl != nullptr) {
            const auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
            keep(start, len);
            m_pos += len + 1;
            got_any = true;
            break;
        }
        keep(start, avail);
        m_pos = m_end;
        got_any = true;
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return got_any;
}

std::size_t InputStream::read(char* out, std::size_t n) {
    std::size_t done = 0;
    while (done < n) {
        if (m_pos == m_end && !fill()) {
            break;
        }
        const std::size_t take = std::min(n - done, m_end - m_pos);
        std::memcpy(out + done, m_buf.data() + m_pos, take);
        m_pos += take;
        done += take;
    }
    return done;
}

} // namespace newsdex::corpus
