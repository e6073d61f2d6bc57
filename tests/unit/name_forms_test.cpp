#include "newsdex/analysis/name_forms.h"

#include <doctest/doctest.h>

namespace {

using namespace newsdex::analysis;

TEST_CASE("name forms: titles before a person's name are titles, names are not") {
    for (const char* title : {"Mr", "Mr.", "Mrs", "Dr", "Sir", "Lord", "President", "Chancellor",
                              "Prime", "Minister", "Senator", "Sen.", "Gov."}) {
        CHECK_MESSAGE(is_person_title(title), title);
    }
    // Names in their own right, and royal or religious titles that are how people are named.
    for (const char* word : {"John", "General", "Major", "King", "Pope", "mr", "Blair"}) {
        CHECK_MESSAGE(!is_person_title(word), word);
    }
}

TEST_CASE("name forms: a sentence's function word is no part of a name, a first name is") {
    for (const char* word : {"But", "Until", "The", "Although", "Athough", "Altough", "Because",
                             "Despite", "Meanwhile"}) {
        CHECK_MESSAGE(is_sentence_opener(word), word);
    }
    for (const char* word : {"Yasuhiro", "Ronald", "Gould", "Nigel", "but", "Theo"}) {
        CHECK_MESSAGE(!is_sentence_opener(word), word);
    }
}

TEST_CASE("name forms: generic acronyms and awards are never actors") {
    for (const char* thing : {"PC", "DVD", "IPO", "GDP", "Oscar", "Baftas", "Golden Globe"}) {
        CHECK_MESSAGE(is_never_an_actor(thing), thing);
    }
    for (const char* name : {"IBM", "BT", "Oscar Wilde", "pc", "Apple", "Academy"}) {
        CHECK_MESSAGE(!is_never_an_actor(name), name);
    }
}

TEST_CASE("name forms: company legal suffixes go, the name stays") {
    CHECK(without_company_suffix("Apple Inc") == "Apple");
    CHECK(without_company_suffix("Apple, Inc.") == "Apple");
    CHECK(without_company_suffix("Microsoft Corp.") == "Microsoft");
    CHECK(without_company_suffix("Texaco Inc") == "Texaco");
    CHECK(without_company_suffix("JPMorgan Chase & Co") == "JPMorgan Chase");
    CHECK(without_company_suffix("Siemens AG") == "Siemens");
    CHECK(without_company_suffix("Banco Santander SA") == "Banco Santander");
    CHECK(without_company_suffix("Vodafone Group Plc") == "Vodafone");
    CHECK(without_company_suffix("Goldman Sachs Group Inc") == "Goldman Sachs");
    CHECK(without_company_suffix("Ford Motor Co") == "Ford Motor");
    CHECK(without_company_suffix("Barclays plc") == "Barclays");
    // No suffix, or nothing but a suffix: unchanged.
    CHECK(without_company_suffix("Goldman Sachs Group") == "Goldman Sachs Group");
    CHECK(without_company_suffix("Johnson & Johnson") == "Johnson & Johnson");
    CHECK(without_company_suffix("Inc") == "Inc");
    CHECK(ends_with_company_suffix("Freddie Mac Inc"));
    CHECK(!ends_with_company_suffix("Freddie Mac"));
    CHECK(!ends_with_company_suffix("AG"));
}

TEST_CASE("name forms: a public body loses its U.S., a company keeps it") {
    CHECK(without_us_qualifier("U.S. Treasury") == "Treasury");
    CHECK(without_us_qualifier("U.S. Securities and Exchange Commission") ==
          "Securities and Exchange Commission");
    CHECK(without_us_qualifier("United States Senate") == "Senate");
    CHECK(without_us_qualifier("U.S. Steel") == "U.S. Steel");
    CHECK(without_us_qualifier("US Airways") == "US Airways");
    CHECK(without_us_qualifier("U.S.") == "U.S.");
}

TEST_CASE("name forms: initials of an expansion meet its acronym") {
    CHECK(initials("American Petroleum Institute") == "API");
    CHECK(initials("Standard & Poor") == "SP");
    CHECK(initials("Securities and Exchange Commission") == "SEC");
    CHECK(initials("Apple").empty());
    CHECK(initials("bank of Japan").empty());
    CHECK(acronym_letters("S&P") == "SP");
    CHECK(acronym_letters("U.N.") == "UN");
    CHECK(acronym_letters("API") == "API");
    CHECK(acronym_letters("Apple").empty());
    CHECK(acronym_letters("A").empty());
}

TEST_CASE("name forms: transliterated spellings share a key") {
    CHECK(name_form_key("Gerhard Schr\xC3\xB6"
                        "der") == name_form_key("Gerhard Schroeder"));
    CHECK(name_form_key("SCHROEDER") == name_form_key("Schr\xC3\xB6"
                                                      "der"));
    CHECK(name_form_key("M\xC3\xBC"
                        "ller") == name_form_key("Mueller"));
    CHECK(name_form_key("Fran\xC3\xA7ois Holland") == name_form_key("Francois Holland"));
    CHECK(name_form_key("Schroder") != name_form_key("Schroeder"));
}

} // namespace

TEST_CASE("name forms: given names, learned from how person names use them") {
    for (const char* name : {"David", "john", "JEAN-PIERRE", "Li", "Gerhard"}) {
        CHECK_MESSAGE(is_given_name(name), name);
    }
    // Surnames, names that stand alone, words more often written in lower case.
    for (const char* word : {"Cameron", "Martin", "Ronaldo", "Bill", "Will", "Frost", "Apple"}) {
        CHECK_MESSAGE(!is_given_name(word), word);
    }
}
