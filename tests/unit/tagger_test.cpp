#include "newsdex/analysis/tagger.h"
#include "newsdex/error.h"
#include "tagger_train.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace newsdex::analysis;

namespace {

/// Sentences as "tok tok tok" strings joined by " | ", to compare tokenizer output in one line.
std::string render(std::string_view text) {
    std::string out;
    for (const auto& sentence : split_sentences(text)) {
        if (!out.empty()) {
            out += " | ";
        }
        for (std::size_t k = 0; k < sentence.size(); ++k) {
            out += k == 0 ? "" : " ";
            out.append(text.substr(sentence[k].start, sentence[k].end - sentence[k].start));
        }
    }
    return out;
}

const Tagger& committed_tagger() {
    static const Tagger tagger = Tagger::load(default_tagger_model_path());
    return tagger;
}

struct Expected {
    const char* surface;
    EntityType type;
};

} // namespace

TEST_CASE("tagger tokenizer: CoNLL-like tokens and sentences") {
    struct Case {
        const char* text;
        const char* expected;
    };
    const Case cases[] = {
        {"Vienna, Austria.", "Vienna , Austria ."},
        {"the U.S. economy", "the U.S. economy"},
        {"al-Assad met Jean-Yves", "al-Assad met Jean-Yves"},
        {"O'Brien's team", "O'Brien 's team"},
        {"340,000 people, 3.5%", "340,000 people , 3.5 %"},
        {"cost $5 (about)", "cost $ 5 ( about )"},
        {"they don't know", "they do n't know"},
        {"Mr. Smith left. He came back.", "Mr. Smith left . | He came back ."},
        {"No. 5 seed", "No. 5 seed"},
        {"He said: \"No.\" Then he left.", "He said : \" No . \" | Then he left ."},
        {"on 1996-08-22 at 10:30", "on 1996-08-22 at 10:30"},
        {"COLOMBIA OPENS COFFEE REGISTRATIONS\nBOGOTA 1996-08-22",
         "COLOMBIA OPENS COFFEE REGISTRATIONS | BOGOTA 1996-08-22"},
        {"first paragraph\n\nsecond one", "first paragraph | second one"},
        {"Caf\xC3\xA9 \xE2\x80\x9CLe Monde\xE2\x80\x9D",
         "Caf\xC3\xA9 \xE2\x80\x9C Le Monde \xE2\x80\x9D"},
        {"wait... what", "wait ... what"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text) == std::string(c.expected));
    }
}

TEST_CASE("tagger tokenizer: byte offsets point into the text") {
    const std::string text = "  Paris,\tFrance's  capital";
    const auto sentences = split_sentences(text);
    REQUIRE(sentences.size() == 1);
    const std::vector<std::pair<std::size_t, std::size_t>> expected = {
        {2, 7}, {7, 8}, {9, 15}, {15, 17}, {19, 26}};
    REQUIRE(sentences[0].size() == expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
        CHECK(sentences[0][k].start == expected[k].first);
        CHECK(sentences[0][k].end == expected[k].second);
    }
}

TEST_CASE("committed model tags people, organisations and places in an invented sentence") {
    const std::string text = "French foreign minister Jean-Yves Le Drian met United Nations envoy "
                             "Staffan de Mistura in Vienna on Wednesday.";
    const auto spans = committed_tagger().tag_text(text);
    const Expected expected[] = {
        {"Jean-Yves Le Drian", EntityType::person},
        {"United Nations", EntityType::organisation},
        {"Staffan de Mistura", EntityType::person},
        {"Vienna", EntityType::location},
    };
    std::vector<TextSpan> non_misc;
    for (const TextSpan& s : spans) {
        if (s.type != EntityType::misc) {
            non_misc.push_back(s);
        }
    }
    REQUIRE(non_misc.size() == std::size(expected));
    for (std::size_t k = 0; k < non_misc.size(); ++k) {
        const std::string_view surface(text.data() + non_misc[k].start,
                                       non_misc[k].end - non_misc[k].start);
        CAPTURE(surface);
        CHECK(surface == expected[k].surface);
        CHECK(non_misc[k].start == text.find(expected[k].surface));
        CHECK(non_misc[k].type == expected[k].type);
    }
}

TEST_CASE("committed model copes with an all-capitals headline") {
    const std::string text = "COLOMBIA OPENS COFFEE REGISTRATIONS";
    const auto spans = committed_tagger().tag_text(text);
    REQUIRE(spans.size() == 1);
    CHECK(spans[0].start == 0);
    CHECK(spans[0].end == 8);
    CHECK(spans[0].type == EntityType::location);
}

namespace {

/// "surface/TYPE" for each span the committed model finds in `text`, space-separated.
std::string tagged(const std::string& text) {
    std::string out;
    for (const TextSpan& s : committed_tagger().tag_text(text)) {
        out += out.empty() ? "" : " ";
        out += text.substr(s.start, s.end - s.start) + "/" + std::string(entity_type_label(s.type));
    }
    return out;
}

} // namespace

TEST_CASE("committed model keeps a nested name whole") {
    // "U.S." alone is a place; inside the committee's name it is part of one organisation.
    CHECK(tagged("The U.S. Senate Armed Services Committee will hold a hearing on Tuesday, "
                 "senators said.") == "U.S. Senate Armed Services Committee/ORG");
    CHECK(tagged("The Bank of England raised interest rates on Thursday, Governor Mervyn King "
                 "said.") == "Bank of England/ORG Mervyn King/PER");
}

TEST_CASE("committed model types an event as MISC, not as an organisation or place") {
    CHECK(tagged("The World Cup final will be played in Berlin on July 9.") ==
          "World Cup/MISC Berlin/LOC");
}

TEST_CASE("committed model reads an all-capitals headline with the help of the article body") {
    // The first pass over the whole article finds "Lonmin" in the body as a company (after
    // "miner", before "said"); the headline in capitals alone tells nothing.
    const std::string body = "LONDON (Reuters) - Shares in platinum miner Lonmin fell 5 percent on "
                             "Monday after a strike at its Marikana mine, Lonmin said.";
    const std::string with_headline = "LONMIN SHARES FALL AFTER STRIKE\n\n" + body;
    const std::string spans = tagged(with_headline);
    CHECK(spans.rfind("LONMIN/ORG LONDON/LOC", 0) == 0);
    CHECK(tagged("LONMIN SHARES FALL AFTER STRIKE\n\nLONDON (Reuters) - Shares fell.")
              .find("LONMIN/ORG") == std::string::npos);
}

TEST_CASE("committed model finds the names of an article written in lower case") {
    // Case restored from the news: "merkel" -> "Merkel", "nato" -> "NATO"; "tufnell" and
    // "ramprakash", which the news never wrote, are capitalised as likely names.
    CHECK(tagged("angela merkel met nato chief jens stoltenberg in berlin on tuesday . the "
                 "chancellor said the talks went well .")
              .rfind("angela merkel/PER nato/ORG jens stoltenberg/PER berlin/LOC", 0) == 0);
    CHECK(tagged("phil tufnell took four wickets as middlesex beat kent on friday , captain mark "
                 "ramprakash said .")
              .find("phil tufnell/PER") != std::string::npos);
    // The same words with their case are not rewritten.
    CHECK(tagged("Angela Merkel met NATO chief Jens Stoltenberg in Berlin on Tuesday.") ==
          "Angela Merkel/PER NATO/ORG Jens Stoltenberg/PER Berlin/LOC");
}

TEST_CASE("restored_case rewrites a lower-case document in place, and nothing else") {
    const std::string lower = "angela merkel met nato chief jens stoltenberg in berlin on tuesday. "
                              "the talks went well, officials said.";
    const std::string cased = committed_tagger().restored_case(lower);
    REQUIRE(cased.size() == lower.size());
    CHECK(cased.rfind("Angela Merkel met NATO", 0) == 0);
    CHECK(cased.find("Berlin") == lower.find("berlin"));
    CHECK(committed_tagger()
              .restored_case("Angela Merkel met NATO chief Jens Stoltenberg in "
                             "Berlin on Tuesday.")
              .empty());
}

TEST_CASE("committed model reads a person's name in a headline in capitals") {
    // A headline-only item: nothing in the body repeats the name.
    CHECK(tagged("LAWSON SAYS U.S. WANTS STABLE DOLLAR").rfind("LAWSON/PER", 0) == 0);
    CHECK(tagged("DRAGHI SAYS ECB READY TO ACT") == "DRAGHI/PER ECB/ORG");
}

// Known loss of the model trained with the 30 M-token cluster table (docs/quality.md, session
// 10): in 2006-2013 news "Baker" is mostly Baker Hughes, so a bare "Baker" no longer reads as a
// person, in capitals or not, and Reuters-21578 PEOPLE recall fell 0.916 -> 0.878. Marked so that
// a model that reads it again makes this test fail and the mark is taken off.
TEST_CASE("committed model reads Baker alone as a person (known loss)" * doctest::should_fail()) {
    CHECK(tagged("BAKER SAYS U.S. WANTS STABLE DOLLAR").rfind("BAKER/PER", 0) == 0);
}

TEST_CASE("committed model reads the place of a wire dateline as LOC, whatever the credit") {
    // CoNLL-2003 writes its datelines "SEATTLE 1996-08-22"; wire copy runs them into the text
    // before a credit. Places joined by a slash are one token of the tokenizer's.
    CHECK(tagged("SEATTLE (AP) - Shares of Boeing fell 3 percent on Monday.")
              .rfind("SEATTLE/LOC AP/ORG", 0) == 0);
    CHECK(tagged("NEW YORK/FRANKFURT, March 3 (Reuters) - Deutsche Bank said profit rose.")
              .rfind("NEW YORK/FRANKFURT/LOC", 0) == 0);
}

TEST_CASE("tag_document returns token spans per sentence") {
    const std::vector<std::vector<std::string_view>> doc = {
        {"Talks", "in", "Vienna", "."},
        // With his title: the issue-13 model types this unknown name ORG when it opens a
        // two-sentence document bare (docs/quality.md, known losses).
        {"Envoy", "Staffan", "de", "Mistura", "said", "so", "."},
    };
    const auto spans = committed_tagger().tag_document(doc);
    REQUIRE(spans.size() == 2);
    REQUIRE(spans[0].size() == 1);
    CHECK(spans[0][0].begin == 2);
    CHECK(spans[0][0].end == 3);
    CHECK(spans[0][0].type == EntityType::location);
    REQUIRE(spans[1].size() == 1);
    CHECK(spans[1][0].begin == 1);
    CHECK(spans[1][0].end == 4);
    CHECK(spans[1][0].type == EntityType::person);
}

TEST_CASE("loading a missing or corrupt model throws ResourceError naming the file") {
    const std::string missing = "/nonexistent/dir/ner.model";
    CHECK_THROWS_WITH_AS(Tagger::load(missing), doctest::Contains("/nonexistent/dir/ner.model"),
                         newsdex::ResourceError);
    CHECK_THROWS_AS(Tagger::from_bytes("not a model at all", "junk.model"), newsdex::ResourceError);
}

namespace {

// An invented miniature corpus in CoNLL IOB1 (no shared data in unit tests).
constexpr const char* tiny_corpus = R"(-DOCSTART- -X- O O

Anna NNP I-NP I-PER
Berg NNP I-NP I-PER
visited VBD I-VP O
Oslo NNP I-NP I-LOC
. . O O

Nordic NNP I-NP I-ORG
Widget NNP I-NP I-ORG
Corp NNP I-NP I-ORG
hired VBD I-VP O
Berg NNP I-NP I-PER
. . O O

-DOCSTART- -X- O O

Lars NNP I-NP I-PER
flew VBD I-VP O
to TO I-PP O
Bergen NNP I-NP I-LOC
and CC O O
Oslo NNP I-NP B-LOC
. . O O
)";

} // namespace

TEST_CASE("read_conll turns IOB1 chunks into spans") {
    std::istringstream in(tiny_corpus);
    const auto docs = read_conll(in, "tiny");
    REQUIRE(docs.size() == 2);
    REQUIRE(docs[0].sentences.size() == 2);
    REQUIRE(docs[0].entities[1].size() == 2);
    CHECK(docs[0].entities[1][0].begin == 0);
    CHECK(docs[0].entities[1][0].end == 3);
    CHECK(docs[0].entities[1][0].type == EntityType::organisation);
    REQUIRE(docs[1].entities[0].size() == 3); // Lars, Bergen, Oslo
    CHECK(docs[1].entities[0][2].begin == 5);
    CHECK(docs[1].entities[0][2].type == EntityType::location);

    std::istringstream bad("Word NNP I-NP I-XYZ\n");
    CHECK_THROWS_WITH_AS(read_conll(bad, "bad.conll"), "bad.conll:1: bad entity tag 'I-XYZ'",
                         newsdex::InputError);
}

TEST_CASE("training is deterministic and the model round-trips") {
    std::istringstream in(tiny_corpus);
    const auto docs = read_conll(in, "tiny");
    TrainOptions options;
    options.epochs = 5;
    options.hash_bits = 16;
    options.word_clusters = {
        {"Oslo", {0, 3}}, {"Bergen", {0, 3}}, {"Berg", {1, -1}}, {"Lars", {1, 7, 2, 0}}};
    const std::string first = train_tagger(docs, options);
    const std::string second = train_tagger(docs, options);
    CHECK(first == second);

    const Tagger tagger = Tagger::from_bytes(first, "tiny.model");
    const auto scores = evaluate_tagger(tagger, docs);
    CHECK(scores.main.f1() == doctest::Approx(1.0));

    // Models of two shuffling seeds averaged into one: deterministic too, and still a model.
    options.seeds = 2;
    const std::string averaged = train_tagger(docs, options);
    CHECK(averaged == train_tagger(docs, options));
    CHECK(averaged != first);
    CHECK(evaluate_tagger(Tagger::from_bytes(averaged, "tiny2.model"), docs).main.f1() ==
          doctest::Approx(1.0));

    // With a topic table: still deterministic, and it loads. The first document's "visited"
    // and "hired" give it a topic, whose features are weights of their own; topic words the
    // documents never use give none.
    options.seeds = 1;
    options.word_topics = {{"visited", 3}, {"hired", 3}};
    const std::string with_topics = train_tagger(docs, options);
    CHECK(with_topics == train_tagger(docs, options));
    const Tagger topical = Tagger::from_bytes(with_topics, "tiny3.model");
    CHECK(evaluate_tagger(topical, docs).main.f1() == doctest::Approx(1.0));
    options.word_topics = {{"talks", 3}, {"minister", 3}};
    const Tagger unused = Tagger::from_bytes(train_tagger(docs, options), "tiny4.model");
    CHECK(topical.feature_count() > unused.feature_count());
    CHECK(unused.feature_count() == Tagger::from_bytes(first, "tiny.model").feature_count());
    options.word_topics = {{"talks", 16}};
    CHECK_THROWS_AS((void)train_tagger(docs, options), newsdex::UsageError);
    options.word_topics.clear();

    std::string corrupt = first;
    corrupt[corrupt.size() / 2] ^= 0x55;
    CHECK_THROWS_WITH_AS(Tagger::from_bytes(corrupt, "tiny.model"), doctest::Contains("tiny.model"),
                         newsdex::ResourceError);
}

TEST_CASE("with_wire_dateline runs a CoNLL dateline line into the text as a wire dateline") {
    std::istringstream in("-DOCSTART- -X- O O\n\nBERGEN NNP I-NP I-LOC\n1996-08-22 CD I-NP O\n\n"
                          "Nordic NNP I-NP I-ORG\nWidget NNP I-NP I-ORG\nfell VBD I-VP O\n\n");
    const auto docs = read_conll(in, "dateline");
    REQUIRE(docs.size() == 1);
    const auto joined = [](const LabelledDocument& doc) {
        std::string out;
        for (const auto& sentence : doc.sentences) {
            for (const auto& word : sentence) {
                out += (out.empty() ? "" : " ") + word;
            }
            out += " |";
        }
        return out;
    };
    CHECK(joined(with_wire_dateline(docs[0], 0)) == "BERGEN 1996-08-22 | Nordic Widget fell |");
    CHECK(joined(with_wire_dateline(docs[0], 1)) == "BERGEN ( Reuters ) - Nordic Widget fell |");
    const LabelledDocument dated = with_wire_dateline(docs[0], 2);
    CHECK(joined(dated) == "BERGEN , Aug 22 ( Reuters ) - Nordic Widget fell |");
    REQUIRE(dated.entities.size() == 1);
    REQUIRE(dated.entities[0].size() == 3);
    CHECK(dated.entities[0][1].begin == 5);
    CHECK(dated.entities[0][1].type == EntityType::organisation);
    CHECK(dated.entities[0][2].begin == 8);
    CHECK(dated.entities[0][2].end == 10);
}
