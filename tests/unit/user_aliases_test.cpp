#include "newsdex/user_aliases.h"

#include <doctest/doctest.h>

#include "newsdex/error.h"

namespace {

using newsdex::UserAliases;
using newsdex::analysis::ArticleEntities;
using newsdex::analysis::EntityType;
using newsdex::analysis::LocationFacet;

const char* const rules_text = "# comments and blank lines are fine\n"
                               "\n"
                               "merge: Mr Blair => Tony Blair\n"
                               "MERGE:  Blair   =>  Tony Blair   # a second form\n"
                               "never: Slideshow\n"
                               "never: Obama, JP\n"
                               "type: Freddie Mac = ORG\n"
                               "type: Henrik Dalby = per\n";

TEST_CASE("user aliases: the three rules, by folded name") {
    const UserAliases rules = UserAliases::parse(rules_text, "rules");
    CHECK(!rules.empty());
    CHECK(rules.hidden("Slideshow"));
    CHECK(rules.hidden("SLIDESHOW"));
    CHECK(rules.hidden("Obama, JP"));
    CHECK(!rules.hidden("Obama"));
    CHECK(rules.merged("mr blair") == "Tony Blair");
    CHECK(rules.merged("Tony Blair") == "Tony Blair");
    CHECK(rules.merged("Gordon Brown") == "Gordon Brown");
    CHECK(rules.forms_of("Blair") == std::vector<std::string>{"Tony Blair", "Blair", "Mr Blair"});
    CHECK(rules.forms_of("Gordon Brown") == std::vector<std::string>{"Gordon Brown"});
    CHECK(rules.type_of("Freddie Mac") == EntityType::organisation);
    CHECK(rules.type_of("Henrik Dalby") == EntityType::person);
    CHECK(!rules.type_of("Fannie Mae"));
}

TEST_CASE("user aliases: a line that is no rule names its line") {
    for (const char* bad :
         {"merge: Blair", "never:", "type: Freddie Mac = COMPANY", "alias: x", "just words"}) {
        const std::string text = std::string("never: Slideshow\n") + bad + "\n";
        CHECK_THROWS_WITH_AS(UserAliases::parse(text, "my.aliases"),
                             doctest::Contains("my.aliases:2:"), newsdex::UsageError);
    }
    CHECK(UserAliases::parse("# nothing\n", "x").empty());
    CHECK_THROWS_AS(UserAliases::load("/nonexistent/x.aliases"), newsdex::ResourceError);
    CHECK(UserAliases::default_path("news.db") == "news.db.aliases");
    CHECK(UserAliases::default_path("data/news.db/") == "data/news.db.aliases");
    CHECK(!UserAliases::for_database("", "/nonexistent/news.db"));
}

TEST_CASE("user aliases: what the indexer writes") {
    const UserAliases rules = UserAliases::parse(rules_text, "rules");
    ArticleEntities e;
    e.persons = {"Mr Blair", "Tony Blair", "Slideshow", "Freddie Mac"};
    e.organisations = {"Henrik Dalby", "Labour"};
    e.locations = {LocationFacet{"Obama", "JP"}, LocationFacet{"London", "GB"}};
    rules.apply(e);
    CHECK(e.persons == std::vector<std::string>{"Tony Blair", "Henrik Dalby"});
    CHECK(e.organisations == std::vector<std::string>{"Labour", "Freddie Mac"});
    CHECK(e.locations == std::vector<LocationFacet>{LocationFacet{"London", "GB"}});
}

} // namespace
