#include "newsdex/analysis/boilerplate.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace {

using newsdex::analysis::body_dateline;
using newsdex::analysis::BoilerplateScan;

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
        "More news: Star Reveals Baby Name",
        "Read more: Ten Things You Missed",
        "Related: Talks collapse in Geneva",
        "Also read: Markets in Asia",
        "Click here to get the newsletter",
        "Share this article on Facebook",
        "Subscribe to our morning briefing",
        "Follow us on Twitter @example",
        "Sign up for alerts",
        "Copyright 2018 Example Times. All rights reserved.",
        "\xC2\xA9 2018 Example Media",
        "(C) 2018 Example Media",
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
    CHECK(body_dateline("FRANKFURT/NEW YORK (Reuters) - Deals.") == "FRANKFURT/NEW YORK (Reuters)");
    CHECK(body_dateline("Oil fell - again.").empty());
    CHECK(body_dateline("- VIENNA talks").empty());
    CHECK(body_dateline("OPEC2018 - output").empty());              // digits: no place
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
    CHECK(starts_capitalised("\xC3\x89lys\xC3\xA9"
                             "e"));                       // Élysée
    CHECK_FALSE(starts_capitalised("\xC3\xA9t\xC3\xA9")); // été
    CHECK_FALSE(starts_capitalised("vienna"));
    CHECK_FALSE(starts_capitalised(""));
}

TEST_CASE("boilerplate: credit lines inside the last paragraph (issue 12)") {
    const std::string body =
        "Oil fell on Monday as traders sold. (Reporting by Jane Doe in Oslo; Additional\n"
        "reporting by Max Mustermann; Editing by John Roe)";
    CHECK(marked_lines(body) ==
          Lines{"(Reporting by Jane Doe in Oslo; Additional\nreporting by Max Mustermann; "
                "Editing by John Roe)"});
    CHECK(marked_lines("Shares rose. Compiled by Ann Smith for the desk") ==
          Lines{"Compiled by Ann Smith for the desk"});
    CHECK(marked_lines("The market was calm. Writing by Ann Smith; editing by Bo Lee\nNext.") ==
          Lines{"Writing by Ann Smith; editing by Bo Lee"});
}

TEST_CASE("boilerplate: captions, slideshows and links inside a paragraph") {
    CHECK(marked_lines("The bridge opened. FILE PHOTO: A view of the Tamar bridge\nMore text.") ==
          Lines{"FILE PHOTO: A view of the Tamar bridge"});
    CHECK(marked_lines("Crowds gathered. Photo: Carla Jones/Example Agency") ==
          Lines{"Photo: Carla Jones/Example Agency"});
    CHECK(marked_lines("The parade began at noon. (Slideshow) It ended late.") ==
          Lines{"(Slideshow)"});
    CHECK(marked_lines("Scores were level. Watch: Highlights of the match") ==
          Lines{"Watch: Highlights of the match"});
    CHECK(marked_lines("Fans queued all night. Click here for the gallery") ==
          Lines{"Click here for the gallery"});
}

TEST_CASE("boilerplate: credit words that are part of the story stay") {
    // Lower case, or not where furniture can start.
    CHECK(marked_lines("The board said reporting by the unit was late.").empty());
    CHECK(marked_lines("Her Photo: A Life in Pictures exhibition opens today.").empty());
    CHECK(marked_lines("The Slideshows team won an award.").empty());
    CHECK(marked_lines("He said Editing by committee rarely works.").empty());
}

TEST_CASE("boilerplate: source tags of datelines") {
    using newsdex::analysis::source_tags;
    const std::string body =
        "LONDON (Reuters) - Oil fell. PARIS (Agence France Presse) \xE2\x80\x94 Wine rose.";
    const auto tags = source_tags(body);
    REQUIRE(tags.size() == 2);
    CHECK(body.substr(tags[0].first, tags[0].second - tags[0].first) == "(Reuters)");
    CHECK(body.substr(tags[1].first, tags[1].second - tags[1].first) == "(Agence France Presse)");
    // Not before a dash, lower case, or too long: the story's own parentheses.
    CHECK(source_tags("The firm (Acme) said profit rose.").empty());
    CHECK(source_tags("Prices (in dollars) - up.").empty());
    CHECK(source_tags("X (One Two Three Four Five) - y.").empty());
}

TEST_CASE("boilerplate: the publisher from source or address") {
    using newsdex::analysis::publisher_key;
    CHECK(publisher_key("reuters", "") == "reuters");
    CHECK(publisher_key("BBC News", "") == "bbc");
    CHECK(publisher_key("", "http://www.reuters.com/article/2006/10/20/x") == "reuters");
    CHECK(publisher_key("", "https://news.bbc.co.uk/1/hi/business/1.stm") == "bbc");
    CHECK(publisher_key("", "") == "");
}
