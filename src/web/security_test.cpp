// Issue 18, finding 5: the page to return to after sign-in (`next`, `back`) must be a path on this
// site. "/\t/evil.example" was accepted and browsers, which drop tabs inside URLs, went to evil.example.

#include <gtest/gtest.h>

#include "web/context.hpp"

namespace orientir::web {
namespace {

TEST(SafeBack, OnlySameOriginPathsAreFollowed) {
    for (const std::string& ok :
         std::vector<std::string>{"/", "/practices/5", "/search?q=%D0%BA&x=1", "/regions/86#map", "/a/b//c"})
        EXPECT_EQ(SafeBack(ok, "/"), ok);
    for (const std::string& bad : std::vector<std::string>{
             "", "//evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example",
             "/\r\n/evil.example", std::string("/\0/evil.example", 16), "/%09/x\x7f", "https://evil.example",
             "javascript:alert(1)", "evil.example", "/a\\b", " /x", "/\x01x", std::string(3000, '/')})
        EXPECT_EQ(SafeBack(bad, "/"), "/") << "accepted: " << bad;
}

}  // namespace
}  // namespace orientir::web
