#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "../support/temp_dir.h"
#include "newsdex/cli/problem_report.h"
#include "newsdex/corpus/delete_ids_source.h"
#include "newsdex/error.h"

using namespace newsdex;

namespace {

Problem problem(ProblemKind kind, const std::string& file, std::uint64_t line,
                const std::string& message) {
    Problem p;
    p.kind = kind;
    p.where.file = file;
    p.where.line = line;
    p.message = message;
    return p;
}

} // namespace

TEST_CASE("problem report: prints one line per problem and counts them by kind") {
    std::ostringstream err;
    cli::ProblemReport report("newsdex-index", err, false);
    report.report(problem(ProblemKind::malformed_record, "dump.jsonl", 3, "expected ','"));
    report.report(problem(ProblemKind::bad_date, "dump.jsonl", 4, "unreadable date 'soon'"));
    report.sink()(problem(ProblemKind::empty_file, "empty.txt", 0, "empty file"));
    CHECK(err.str() == "newsdex-index: error: dump.jsonl:3: expected ','; skipped\n"
                       "newsdex-index: warning: dump.jsonl:4: unreadable date 'soon'\n"
                       "newsdex-index: warning: empty.txt: empty file\n");
    const ProblemCounts counts = report.counts();
    CHECK(counts.rejected == 1);
    CHECK(counts.by_kind.at(ProblemKind::malformed_record) == 1);
    CHECK(counts.by_kind.at(ProblemKind::bad_date) == 1);
    CHECK(report.input_damaged());
}

TEST_CASE("problem report: quiet prints nothing; a bad date alone is no damage") {
    std::ostringstream err;
    cli::ProblemReport report("newsdex-index", err, true);
    report.report(problem(ProblemKind::bad_date, "dump.jsonl", 4, "unreadable date"));
    CHECK(err.str().empty());
    CHECK(report.counts().rejected == 0);
    CHECK_FALSE(report.input_damaged());
}

TEST_CASE("problem report: --strict stops at the first rejection, not at a repair") {
    std::ostringstream err;
    std::atomic<bool> stop{false};
    cli::ProblemReport report("newsdex-index", err, true);
    report.stop_at_first_rejection(stop);
    report.report(problem(ProblemKind::invalid_utf8, "a.txt", 1, "repaired"));
    CHECK_FALSE(stop.load());
    CHECK_FALSE(report.stopped_at_rejection());
    report.report(problem(ProblemKind::too_large, "a.txt", 2, "too large"));
    CHECK(stop.load());
    CHECK(report.stopped_at_rejection());
}

TEST_CASE("delete-ids source: one tombstone per listed id, then the chained source") {
    test::TempDir dir;
    std::ofstream(dir / "ids.txt") << "one\r\n# a comment\n\ntwo  \n";
    auto ids = std::make_unique<corpus::DeleteIdsSource>(dir / "ids.txt");
    auto more = std::make_unique<corpus::DeleteIdsSource>(dir / "ids.txt");
    corpus::ChainedSource chained(std::move(ids), std::move(more));
    std::vector<std::string> seen;
    while (std::optional<Article> a = chained.next()) {
        CHECK(a->deleted);
        seen.push_back(a->id + "@" + std::to_string(a->origin.line));
    }
    CHECK(seen == std::vector<std::string>{"one@1", "two@4", "one@1", "two@4"});
    CHECK_THROWS_AS(corpus::DeleteIdsSource(dir / "missing.txt"), Error);
}
