/// @file
/// @brief The one place where newsdex-index prints and counts the problems of a run (the
/// readers' and the writer's alike).
#pragma once
#include <atomic>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>

#include "newsdex/article_source.h"

namespace newsdex::cli {

/// Prints each problem as one line ("PROGRAM: error: FILE:LINE: MESSAGE; skipped") unless
/// quiet, and counts it. Thread-safe: the reader thread and the writers report at once.
class ProblemReport {
public:
    ProblemReport(std::string program, std::ostream& err, bool quiet);

    void report(const Problem& problem);
    /// A sink for readers and IndexOptions::on_problem; it refers to this report.
    ProblemSink sink();

    /// A progress bar is on the terminal's last line: each message first clears it, so that
    /// it stands on a line of its own.
    void clear_progress_line(bool on) { m_clear_progress_line = on; }

    /// A warning about the database itself, not the input (a crash's leftovers, repaired):
    /// printed unless quiet, not counted.
    void notice(const std::string& message);
    /// notice() as a function, for IndexOptions::on_notice; it refers to this report.
    std::function<void(const std::string&)> notice_sink();

    /// --strict: the first rejected record sets `stop`.
    void stop_at_first_rejection(std::atomic<bool>& stop) { m_stop = &stop; }
    /// Whether a rejection set the stop flag.
    bool stopped_at_rejection() const { return m_stopped.load(); }

    /// The counts so far.
    ProblemCounts counts() const;
    /// Whether the input was damaged in a way cron must notice (exit code 3): any problem
    /// except an unreadable date, which leaves the article whole, only undated.
    bool input_damaged() const;

private:
    std::string m_program;
    std::ostream& m_err;
    bool m_quiet;
    bool m_clear_progress_line = false;
    mutable std::mutex m_mutex;
    ProblemCounts m_counts;
    std::atomic<bool>* m_stop = nullptr;
    std::atomic<bool> m_stopped{false};
};

} // namespace newsdex::cli
