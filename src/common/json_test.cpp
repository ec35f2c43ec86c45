#include "common/json.hpp"

#include <gtest/gtest.h>

namespace orientir {

TEST(ParseJson, RejectsMalformedJsonWithMessage) {
    auto r = ParseJson("{\"a\": ");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().rule, "malformed_json");
    EXPECT_NE(r.error().message.find("malformed JSON"), std::string::npos);
}

// Issue 18, finding 3: a number beyond the double range was an exception that answered 500.
TEST(ParseJson, NumberBeyondDoubleRangeIsRefusedNamingTheField) {
    auto r = ParseJson(R"({"contact_name":"x","practice_id":1e309})");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().rule, "number_out_of_range");
    EXPECT_EQ(r.error().field, "practice_id");
    auto bare = ParseJson("-1e309");
    ASSERT_FALSE(bare.ok());
    EXPECT_EQ(bare.error().rule, "number_out_of_range");
    auto nested = ParseJson(R"({"results":[{"before":1,"after":2e400}]})");
    ASSERT_FALSE(nested.ok());
    EXPECT_EQ(nested.error().field, "after");
}

TEST(ParseJson, RejectsExcessiveNesting) {
    std::string deep(1000, '[');
    auto r = ParseJson(deep);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().rule, "json_too_deep");
}

TEST(JsonReader, ReportsWrongTypesRequiredAndUnknownFields) {
    auto j = Json::parse(R"({"title": 5, "extra": true, "when": "2024-02-30"})");
    std::string title, when, summary;
    auto st = ReadJsonObject(j, [&](JsonReader& r) {
        r.Str("title", title, true);
        r.Str("summary", summary, true);
        r.Date("when", when);
    });
    ASSERT_FALSE(st.ok());
    const auto& issues = st.error().issues;
    ASSERT_EQ(issues.size(), 4u);
    EXPECT_EQ(issues[0].field, "title");
    EXPECT_EQ(issues[0].rule, "type");
    EXPECT_EQ(issues[1].field, "summary");
    EXPECT_EQ(issues[1].rule, "required");
    EXPECT_EQ(issues[2].field, "when");
    EXPECT_EQ(issues[2].rule, "date");
    EXPECT_EQ(issues[3].field, "extra");
    EXPECT_EQ(issues[3].rule, "unknown_field");
}

TEST(JsonReader, ReadsNestedObjectsAndArraysWithPaths) {
    auto j = Json::parse(R"({"origin": {"region": 86}, "results": [{"name": "a"}, {"name": 1}]})");
    std::string region;
    std::vector<std::string> names;
    auto st = ReadJsonObject(j, [&](JsonReader& r) {
        r.Object("origin", [&](JsonReader& o) { o.Str("region", region); });
        r.Array("results", [&](JsonReader& a) {
            std::string n;
            a.Str("name", n);
            names.push_back(n);
        });
    });
    ASSERT_FALSE(st.ok());
    ASSERT_EQ(st.error().issues.size(), 2u);
    EXPECT_EQ(st.error().issues[0].field, "origin.region");
    EXPECT_EQ(st.error().issues[1].field, "results[1].name");
}

TEST(JsonReader, RejectsNonObjectBody) {
    auto st = ReadJsonObject(Json::array(), [](JsonReader&) {});
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("must be a JSON object"), std::string::npos);
}

TEST(IsValidDate, ChecksCalendar) {
    EXPECT_TRUE(IsValidDate("2024-02-29"));
    EXPECT_FALSE(IsValidDate("2023-02-29"));
    EXPECT_FALSE(IsValidDate("2023-13-01"));
    EXPECT_FALSE(IsValidDate("2023-1-01"));
}

}  // namespace orientir
