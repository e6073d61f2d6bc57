#include "newsdex/analysis/boilerplate.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace {

using newsdex::analysis::BoilerplateScan;
using newsdex::analysis::body_dateline;

/// The text of each boilerplate range of `body`.
std::vector<std::string> marked_lines(const std::string& body) {
    std::vector<std::string> out;
    for (const auto& [from, to] : BoilerplateScan::scan(body).ranges) {
        out.push_back(body.substr(from, to - from));
    }
    return out;
}

using Lines = std::vector<std::string>;

} // namespace

TEST_CASE("boilerplate: line kinds at the start of a paragraph") {
    const std::vector<std::string> lines = {
        "More news: Star Reveals Baby Name",   "Read more: Ten Things You Missed",
        "Related: Talks collapse in Geneva",   "Also read: Markets in Asia",
        "Click here to get the newsletter",    "Share this article on Facebook",
        "Subscribe to our morning briefing",   "Follow us on Twitter @example",
        "Sign up for alerts",                  "Copyright 2018 Example Times. All rights reserved.",
        "\xC2\xA9 2018 Example Media",         "(C) 2018 Example Media",
        "\xE2\x80\xA2 Read more: the week in pictures",
    };
    for (const std::string& line : lines) {
        const std::string body = "The story begins here.\n\n" + line + "\n\nThe story goes on.";
        CHECK_MESSAGE(marked_lines(body) == Lines{line}, line);
    }
}

TEST_CASE("boilerplate: credit lines of the wires") {
    CHECK(marked_lines("Oil fell on Monday.\n\n(Reporting by Jane Doe; Editing by John Roe)") ==
          Lines{"(Reporting by Jane Doe; Editing by John Roe)"});
    CHECK(marked_lines("Oil fell on Monday.\nAdditional reporting by Max Mustermann in Berlin") ==
          Lines{"Additional reporting by Max Mustermann in Berlin"});
    CHECK(marked_lines("Oil fell on Monday.\n Reuter\n") == Lines{" Reuter"});
    // The end of a sentence ends the paragraph for the line after it, even without a blank.
    CHECK(marked_lines("Oil fell.\nWriting by Jane Doe") == Lines{"Writing by Jane Doe"});
}

TEST_CASE("boilerplate: words inside the story are not boilerplate") {
    // In wrapped wire text these words go on a sentence.
    CHECK(marked_lines("Investors who want to\nsubscribe to the issue may do so.\n"
                       "Subscribers were told on Monday.")
              .empty());
    CHECK(marked_lines("By the end of the day the market had recovered.").empty());
    // Lower case: the story's own words, not a heading.
    CHECK(marked_lines("Story.\n\nread more about it in the report.").empty());
    // A whole word: "Subscribers" is not "Subscribe".
    CHECK(marked_lines("Story.\n\nSubscribers paid more this year.").empty());
}

TEST_CASE("boilerplate: bylines") {
    CHECK(BoilerplateScan::scan("Story.\n\nBy Jane Doe, Reuters").byline == "Jane Doe");
    CHECK(BoilerplateScan::scan("BY JANE DOE\n\nStory.").byline == "Jane Doe");
    CHECK(BoilerplateScan::scan("Story.\n\n\xE2\x80\xA2 Adam Floyd\n").byline == "Adam Floyd");
    CHECK(BoilerplateScan::scan("By Ursula von der Leyen in Brussels\n\nStory.").byline ==
          "Ursula von der Leyen");
    CHECK(BoilerplateScan::scan("Story.\n\n- and the rest of the world").byline.empty());
    // One capitalised word is no name; seven words are a sentence.
    CHECK(BoilerplateScan::scan("By Reuters\n\nStory.").byline.empty());
    CHECK(BoilerplateScan::scan("By Anne Bea Cleo Dora Emma Fay Gil\n\nStory.").byline.empty());
    // The byline line is boilerplate too, so its name is not an entity of the story.
    const std::string body = "Story.\n\nBy Jane Doe, Reuters";
    CHECK(marked_lines(body) == Lines{"By Jane Doe, Reuters"});
}

TEST_CASE("boilerplate: the dateline at the start of a body") {
    CHECK(body_dateline("VIENNA \xE2\x80\x94 Talks resumed.") == "VIENNA");
    CHECK(body_dateline("LONDON (Reuters) - Oil fell.") == "LONDON (Reuters)");
    CHECK(body_dateline("  SAN FRANCISCO, March 13 - Shares rose.") == "SAN FRANCISCO, March 13");
    CHECK(body_dateline("PORTLAND, Maine, March 3 -- Snow fell.") == "PORTLAND, Maine, March 3");
    CHECK(body_dateline("Oil fell - again.").empty());
    CHECK(body_dateline("- VIENNA talks").empty());
    CHECK(body_dateline("OPEC2018 - output").empty()); // digits: no place
    CHECK(body_dateline("VIENNA\nTalks resumed - again.").empty()); // first line only
}

TEST_CASE("boilerplate: names as written") {
    using newsdex::analysis::all_caps;
    using newsdex::analysis::starts_capitalised;
    using newsdex::analysis::title_case;
    CHECK(title_case("JEAN-YVES LE DRIAN") == "Jean-Yves Le Drian");
    CHECK(title_case("O'NEILL") == "O'neill");
    CHECK(all_caps("SPD"));
    CHECK(all_caps("U.S. 2018"));
    CHECK_FALSE(all_caps("SPd"));
    CHECK_FALSE(all_caps("2018"));
    CHECK(starts_capitalised("Vienna"));
    CHECK(starts_capitalised("\xC3\x89lys\xC3\xA9" "e")); // Élysée
    CHECK_FALSE(starts_capitalised("\xC3\xA9t\xC3\xA9")); // été
    CHECK_FALSE(starts_capitalised("vienna"));
    CHECK_FALSE(starts_capitalised(""));
}
