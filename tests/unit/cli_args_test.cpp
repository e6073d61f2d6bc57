#include <algorithm>
#include <doctest/doctest.h>

#include "newsdex/cli/index_command.h"
#include "newsdex/cli/search_command.h"
#include "newsdex/error.h"

using namespace newsdex;

TEST_CASE("cli: search options become a request") {
    const cli::SearchOptions o = cli::parse_search_args(
        {"--db", "a.db", "--db", "tcp://host:7000", "--limit", "20", "--sort", "-date", "--facets",
         "actor,location", "--histogram", "month", "--recency", "2w", "peace", "talks"});
    CHECK(o.databases == std::vector<std::string>{"a.db", "tcp://host:7000"});
    CHECK(o.request.query == "peace talks");
    CHECK(o.request.limit == 20);
    CHECK(o.request.sort == search::SortOrder::date_desc);
    CHECK(o.request.facets == std::vector<std::string>{"actor", "location"});
    REQUIRE(o.request.histogram.has_value());
    CHECK(*o.request.histogram == search::DateGranularity::month);
    REQUIRE(o.request.recency_half_life_days.has_value());
    CHECK(*o.request.recency_half_life_days == doctest::Approx(14.0));
    CHECK(o.request.collapse_duplicates);
    CHECK(cli::parse_search_args({"--all-copies", "x"}).request.collapse_duplicates == false);
    CHECK(cli::parse_search_args({"--literal", "x"}).request.mode == search::QueryMode::literal);
    // No --sort: automatic, decided by the searcher (relevance; newest first for nameless filters).
    CHECK(cli::parse_search_args({"x"}).request.sort == search::SortOrder::automatic);
    CHECK(cli::parse_search_args({"--sort", "relevance", "x"}).request.sort ==
          search::SortOrder::relevance);
}

TEST_CASE("cli: bad search options are usage errors with a clear message") {
    CHECK_THROWS_AS(cli::parse_search_args({"--limit", "x"}), UsageError);
    CHECK_THROWS_WITH_AS(cli::parse_search_args({"--sort", "sideways"}),
                         "unknown sort order 'sideways' (use relevance, date or -date)",
                         UsageError);
    CHECK_THROWS_WITH_AS(cli::parse_search_args({"--facets", "actor,colour"}),
                         doctest::Contains("unknown facet 'colour'"), UsageError);
    CHECK_THROWS_AS(cli::parse_search_args({"--histogram", "fortnight"}), UsageError);
    CHECK_THROWS_AS(cli::parse_search_args({"--now", "someday"}), UsageError);
    CHECK_THROWS_AS(cli::parse_search_args({"--recency", "soon"}), UsageError);
    // Boost would read "-5" as a huge unsigned number: refused, naming the option.
    CHECK_THROWS_WITH_AS(cli::parse_search_args({"--limit", "-5", "x"}),
                         "--limit must be a number of 0 or more, not '-5'", UsageError);
    CHECK_THROWS_WITH_AS(cli::parse_search_args({"--offset=-1", "x"}),
                         "--offset must be a number of 0 or more, not '-1'", UsageError);
    CHECK_THROWS_WITH_AS(cli::parse_search_args({"--format", "yaml", "x"}),
                         "unknown --format 'yaml' (use text, json, jsonl or csv)", UsageError);
    CHECK_THROWS_WITH_AS(cli::parse_search_args({"--color", "sometimes", "x"}),
                         "unknown --color 'sometimes' (use auto, always or never)", UsageError);
    CHECK_THROWS_AS(cli::parse_search_args(
                        {"--format", "csv", "--facets", "actor", "--histogram", "month", "x"}),
                    UsageError);
    CHECK_THROWS_AS(cli::parse_search_args({"--format", "csv", "--show", "a-1"}), UsageError);
}

TEST_CASE("cli: output format, colour and paging options") {
    CHECK(cli::parse_search_args({"x"}).format == cli::OutputFormat::text);
    CHECK(cli::parse_search_args({"--json", "x"}).format == cli::OutputFormat::json);
    CHECK(cli::parse_search_args({"--format", "csv", "x"}).format == cli::OutputFormat::csv);
    CHECK(cli::parse_search_args({"--format", "jsonl", "x"}).format == cli::OutputFormat::jsonl);
    CHECK(cli::parse_search_args({"--color", "never", "x"}).color == output::ColorMode::never);
    CHECK(cli::parse_search_args({"x"}).color == output::ColorMode::automatic);
    CHECK_FALSE(cli::parse_search_args({"x"}).all);
    CHECK(cli::parse_search_args({"--all", "x"}).all);
    CHECK(cli::parse_search_args({"--limit", "0", "x"}).all);
    CHECK(cli::parse_search_args({"--show", "a-1"}).show_id == "a-1");
}

TEST_CASE("cli: index options become a job") {
    const cli::IndexJob job =
        cli::parse_index_args({"--db", "n.db", "--batch", "100", "--threads", "3", "--field",
                               "published=when", "--no-entities", "--strict", "a.jsonl", "dir/"});
    CHECK(job.index.db_path == "n.db");
    CHECK(job.index.batch_size == 100);
    CHECK(job.index.threads == 3);
    CHECK_FALSE(job.index.entities);
    CHECK(job.strict);
    CHECK(job.reader.field_map.at("published") == "when");
    CHECK(job.inputs == std::vector<std::string>{"a.jsonl", "dir/"});
    // Maintenance needs no input.
    CHECK(cli::parse_index_args({"--db", "n.db", "--stats"}).stats);
}

TEST_CASE("cli: bad index options are usage errors") {
    CHECK_THROWS_WITH_AS(cli::parse_index_args({"--db", "n.db"}),
                         "no input given (name files, directories, or - for stdin)", UsageError);
    CHECK_THROWS_WITH_AS(cli::parse_index_args({"--batch", "0", "x"}), "--batch must be at least 1",
                         UsageError);
    CHECK_THROWS_AS(cli::parse_index_args({"--format", "pdf", "x"}), UsageError);
    CHECK_THROWS_AS(cli::parse_index_args({"--language", "klingon", "x"}), UsageError);
}

TEST_CASE("cli: every number is checked as written, and the message names option and value") {
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const Case index_cases[] = {
        {{"--threads", "-1", "x"}, "--threads must be a number of 0 or more, not '-1'"},
        {{"--batch", "99999999999999999999", "x"},
         "--batch must be a number from 0 to 18446744073709551615, not '99999999999999999999'"},
        {{"--batch=12x", "x"}, "--batch must be a number of 0 or more, not '12x'"},
        {{"--max-article-bytes", "-5", "x"},
         "--max-article-bytes must be a number of 0 or more, not '-5'"},
        {{"--wait-lock", "nan", "x"}, "--wait-lock must be a number of 0 or more, not 'nan'"},
        {{"--wait-lock", "inf", "x"}, "--wait-lock must be a number of 0 or more, not 'inf'"},
        {{"--wait-lock", "-2", "x"}, "--wait-lock must be a number of 0 or more, not '-2'"},
        {{"--wait-lock", "1e400", "x"}, "--wait-lock must be a number of 0 or more, not '1e400'"},
        {{"--threads", "100000", "x"},
         "--threads must be at most 1024 (one per core is the most that helps), not '100000'"},
        {{"--max-article-bytes", "18446744073709551615", "x"},
         "--max-article-bytes must be at most 1099511627776"},
    };
    for (const Case& c : index_cases) {
        CAPTURE(c.args[1]);
        CHECK_THROWS_WITH_AS(cli::parse_index_args(c.args), doctest::Contains(c.message.c_str()),
                             UsageError);
    }
    const Case search_cases[] = {
        {{"--limit", "-1", "x"}, "--limit must be a number of 0 or more, not '-1'"},
        {{"--offset", "18446744073709551616", "x"},
         "--offset must be a number from 0 to 18446744073709551615, not '18446744073709551616'"},
        {{"--facet-limit", "+3", "x"}, "--facet-limit must be a number of 0 or more, not '+3'"},
        {{"--limit", "4294967296", "x"},
         "--limit must be at most 1000000000 (Xapian's document count), not '4294967296'"},
    };
    for (const Case& c : search_cases) {
        CAPTURE(c.args[1]);
        CHECK_THROWS_WITH_AS(cli::parse_search_args(c.args), doctest::Contains(c.message.c_str()),
                             UsageError);
    }
    CHECK(cli::parse_index_args({"--wait-lock", "2.5", "--threads", "4", "x"})
              .index.wait_lock_seconds == 2.5);
    CHECK(cli::parse_search_args({"--limit", "0", "x"}).request.limit == 0);
}

TEST_CASE("cli: names, related and saved-search options") {
    const cli::SearchOptions save = cli::parse_search_args(
        {"--db", "n.db", "--save", "vienna", "--facets", "actor", "-n5", "talks in Vienna"});
    CHECK(save.save_name == "vienna");
    CHECK(save.saved_args ==
          std::vector<std::string>{"--facets", "actor", "-n5", "talks in Vienna"});
    CHECK_THROWS_AS(cli::parse_search_args({"--save", "vienna"}), UsageError); // no query
    CHECK_THROWS_AS(cli::parse_search_args({"--save", "two words", "x"}), UsageError);
    CHECK(cli::parse_search_args({"--run-saved"}).run_saved == std::string());
    CHECK(cli::parse_search_args({"--run-saved", "vienna"}).run_saved == std::string("vienna"));
    CHECK(cli::parse_search_args({"--run-saved=vienna", "--new"}).only_new);
    CHECK_THROWS_AS(cli::parse_search_args({"--new", "x"}), UsageError);
    CHECK_THROWS_AS(cli::parse_search_args({"--names", "a.txt", "--related", "actor", "x"}),
                    UsageError);
    const cli::SearchOptions related =
        cli::parse_search_args({"--related", "actor", "--min-count", "5", "actor:Assad"});
    CHECK(related.related_facet == "actor");
    CHECK(related.min_count == 5);
    CHECK(cli::parse_search_args({"--names", "-"}).names_file == "-");
}

TEST_CASE("cli: man pages and completion come from the option definitions") {
    const std::string man = cli::search_man_page();
    CHECK(man.find(".TH NEWSDEX-SEARCH 1") != std::string::npos);
    CHECK(man.find("\\fB\\-n\\fR, \\fB\\-\\-limit\\fR \\fIN\\fR") != std::string::npos);
    CHECK(man.find(".SS Output") != std::string::npos);
    CHECK(std::none_of(man.begin(), man.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
    CHECK(man.find("\\[u2026]") != std::string::npos); // "…" as a groff escape
    CHECK(cli::index_man_page().find("\\fB\\-\\-include\\fR \\fIGLOB\\fR") != std::string::npos);
    const std::string completion = cli::search_bash_completion();
    CHECK(completion.find("complete -F _newsdex_search newsdex-search") != std::string::npos);
    CHECK(completion.find("compgen -W \"auto always never\"") != std::string::npos);
    CHECK(cli::search_help().find("help-man") == std::string::npos); // hidden
    CHECK(cli::parse_search_args({"--help-man"}).show_man_page);
    CHECK(cli::parse_index_args({"--help-bash-completion"}).show_bash_completion);
}
