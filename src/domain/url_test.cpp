// Issue 18, finding 7: javascript: URLs were stored as websites and evidence links.

#include <gtest/gtest.h>

#include "domain/validation.hpp"

namespace orientir::domain {
namespace {

TEST(WebUrl, OnlyAbsoluteHttpAndHttpsAddressesAreLinks) {
    for (const char* ok :
         {"https://example.ru", "http://example.ru/a?b=c#d", "HTTPS://Пример.рф/путь", "https://example.ru:8443/x"})
        EXPECT_TRUE(IsWebUrl(ok)) << ok;
    for (const char* bad :
         {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,x", "vbscript:x",
          "//evil.example", "/relative", "example.ru", "https://", "https:///x", "https://\\evil", "http://exa mple.ru",
          "https://example.ru/\n", "ftp://example.ru", "https://x\"onmouseover=\"alert(1)", "file:///etc/passwd"})
        EXPECT_FALSE(IsWebUrl(bad)) << bad;
    // Evidence may also point to a page of this site (an article without an address of its own).
    EXPECT_TRUE(IsWebUrl("/articles/5", true));
    for (const char* bad : {"//evil.example", "/\\evil.example", "javascript:alert(1)", "/a b", "/"})
        EXPECT_FALSE(IsWebUrl(bad, true)) << bad;
}

}  // namespace
}  // namespace orientir::domain
