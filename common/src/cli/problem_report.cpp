#include "newsdex/cli/problem_report.h"

#include <utility>

#include "newsdex/output/text_output.h"

namespace newsdex::cli {

ProblemReport::ProblemReport(std::string program, std::ostream& err, bool quiet)
    : m_program(std::move(program)), m_err(err), m_quiet(quiet) {}

void ProblemReport::report(const Problem& p) {
    const bool rejected = is_rejection(p.kind);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_counts.count(p);
        if (!m_quiet) {
            if (m_clear_progress_line) {
                m_err << "\r\x1b[K";
            }
            m_err << m_program << ": " << (rejected ? "error" : "warning") << ": "
                  << output::printable(p.where.file); // no escapes from the input
            if (p.where.line > 0) {
                m_err << ':' << p.where.line;
            }
            m_err << ": " << output::printable(p.message) << (rejected ? "; skipped" : "") << '\n';
        }
    }
    if (rejected && m_stop != nullptr) {
        m_stopped.store(true);
        m_stop->store(true);
    }
}

ProblemSink ProblemReport::sink() {
    return [this](const Problem& p) { report(p); };
}

void ProblemReport::notice(const std::string& message) {
    if (!m_quiet) {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_clear_progress_line) {
            m_err << "\r\x1b[K";
        }
        m_err << m_program << ": warning: " << message << '\n';
    }
}

std::function<void(const std::string&)> ProblemReport::notice_sink() {
    return [this](const std::string& message) { notice(message); };
}

ProblemCounts ProblemReport::counts() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_counts;
}

bool ProblemReport::input_damaged() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (const auto& [kind, count] : m_counts.by_kind) {
        if (count > 0 && kind != ProblemKind::bad_date) {
            return true;
        }
    }
    return false;
}

} // namespace newsdex::cli
