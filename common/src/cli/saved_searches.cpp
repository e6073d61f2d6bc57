#include "newsdex/cli/saved_searches.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "newsdex/database_location.h"
#include "newsdex/error.h"

namespace newsdex::cli {
namespace {

constexpr const char* format_name = "newsdex saved searches";

// Writes all of `data` to a new file and flushes it to the disk before returning.
void write_durably(const std::string& path, const std::string& data) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw Error("cannot write '" + path + "': " + std::strerror(errno));
    }
    std::size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const std::string why = std::strerror(errno);
            ::close(fd);
            throw Error("cannot write '" + path + "': " + why);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        throw Error("cannot write '" + path + "': " + std::strerror(errno));
    }
}

} // namespace

std::string saved_searches_path(const std::string& database) {
    if (is_remote_location(database)) {
        throw UsageError("saved searches live beside a local database, not a remote one ('" +
                         database + "'): name a local --db first");
    }
    std::string base = database;
    while (base.size() > 1 && base.back() == '/') {
        base.pop_back();
    }
    return base + ".searches.json";
}

std::vector<SavedSearch> load_saved_searches(const std::string& path) {
    std::vector<SavedSearch> searches;
    std::ifstream in(path);
    if (!in) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            return searches;
        }
        throw Error("cannot read saved searches from '" + path + "'");
    }
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        if (j.value("format", "") != format_name || j.value("version", 0) != 1) {
            throw Error("'" + path + "' is not a version 1 newsdex saved-searches file");
        }
        for (const nlohmann::json& s : j.at("searches")) {
            SavedSearch saved;
            saved.name = s.at("name").get<std::string>();
            saved.args = s.at("args").get<std::vector<std::string>>();
            saved.saved = s.value("saved", "");
            if (s.contains("last_run") && s["last_run"].is_number()) {
                saved.last_run = s["last_run"].get<double>();
            }
            if (s.contains("seen_up_to") && s["seen_up_to"].is_number()) {
                saved.seen_up_to = s["seen_up_to"].get<double>();
            }
            searches.push_back(std::move(saved));
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error("cannot read saved searches from '" + path + "': " + e.what());
    }
    return searches;
}

void store_saved_searches(const std::string& path, const std::vector<SavedSearch>& searches) {
    nlohmann::json list = nlohmann::json::array();
    for (const SavedSearch& s : searches) {
        list.push_back(
            {{"name", s.name},
             {"args", s.args},
             {"saved", s.saved},
             {"last_run", s.last_run ? nlohmann::json(*s.last_run) : nlohmann::json(nullptr)},
             {"seen_up_to",
              s.seen_up_to ? nlohmann::json(*s.seen_up_to) : nlohmann::json(nullptr)}});
    }
    const nlohmann::json j = {{"format", format_name}, {"version", 1}, {"searches", list}};
    const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
    try {
        write_durably(temporary,
                      j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
        std::filesystem::rename(temporary, path);
    } catch (const std::filesystem::filesystem_error& e) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw Error("cannot replace '" + path + "': " + e.code().message());
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
    // The rename itself reaches the disk with the directory.
    const std::filesystem::path dir = std::filesystem::path(path).parent_path();
    const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

std::string utc_now_iso() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

double unix_now() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace newsdex::cli
