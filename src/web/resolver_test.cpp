// Issue 14, «one resolver for every key»: a region given as a query parameter (?region=) takes every key
// the path resolver takes (number, ISO code in either case, OKATO, OKTMO, name, alias) on every route of the
// router table that documents the parameter and on every page that reads it, and answers as for the number.
// (Path parameters are walked in typed_core_test.cpp: EveryRegionRouteAcceptsEveryKeyOfTheRegion.)
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "common/log.hpp"
#include "common/strings.hpp"
#include "http/test_env.hpp"
#include "web/pages.hpp"

namespace orientir::web {
namespace {

class RegionKeysTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        log::SetLevel(log::Level::kError);
        env_ = std::make_unique<http::testing::TestEnv>(
            "region-keys-test",
            http::testing::TestEnvOptions{.demo = true, .analytics = true, .search = true, .defer_service = true});
        env_->StartService();
        RegisterPages(*env_->service);
        env_->SignIn("admin", "admin");
    }
    static void TearDownTestSuite() { env_.reset(); }
    static http::Response Get(const std::string& target) { return env_->Call("admin", "GET", target); }
    static inline std::unique_ptr<http::testing::TestEnv> env_;
};

const std::vector<std::string>& Keys() {
    static const std::vector<std::string> keys = {
        "RU-KHM", "ru-khm", "71100000000", "71800000", "Югра", "ХМАО", "Ханты-Мансийский автономный округ — Югра"};
    return keys;
}

std::string Replaced(std::string s, const std::string& from, const std::string& to) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

// A page without its form tokens (a new one for every request that brings no token cookie).
std::string Comparable(std::string page) {
    const std::string mark = "name=\"_csrf\" value=\"";
    for (auto at = page.find(mark); at != std::string::npos; at = page.find(mark, at + mark.size())) {
        auto end = page.find('"', at + mark.size());
        if (end != std::string::npos) page.erase(at + mark.size(), end - at - mark.size());
    }
    return page;
}

// GET routes without path parameters: the API's that document ?region=, and the pages that read it.
std::vector<std::string> RegionQueryTargets(const http::Router& router) {
    std::vector<std::string> out;
    for (const auto& route : router.routes()) {
        if (route.method != "GET" || route.pattern.find('{') != std::string::npos) continue;
        const auto& qp = route.doc.query_params;
        if (std::find(qp.begin(), qp.end(), "region") != qp.end()) out.push_back(route.pattern);
    }
    for (const char* page : {"/practices", "/adoptions", "/organisations", "/persons", "/network", "/requests",
                             "/review", "/search", "/practices/new", "/adoptions/new"})
        out.emplace_back(page);
    return out;
}

TEST_F(RegionKeysTest, EveryRouteWithARegionQueryParameterTakesEveryKeyOfTheRegion) {
    int routes = 0;
    for (const auto& path : RegionQueryTargets(env_->service->router())) {
        ++routes;
        const std::string sep = "?region=";
        auto by_number = Get(path + sep + "86");
        EXPECT_LT(by_number.status, 500) << path;
        const bool api = path.rfind("/api/", 0) == 0;
        for (const auto& key : Keys()) {
            auto r = Get(path + sep + UrlEncode(key));
            EXPECT_EQ(r.status, by_number.status) << path << " with " << key << ": " << r.body.substr(0, 200);
            // The API answers the same bytes; a page echoes the key as typed only in its own URLs (the language
            // switch, the print header, the download link): with an ASCII key put back, the same page (form tokens
            // aside).
            if (api && r.status == 200) {
                EXPECT_EQ(r.body, by_number.body) << path << " with " << key;
            } else if (r.status == 200 && std::all_of(key.begin(), key.end(), [](char c) { return c > 0; })) {
                EXPECT_EQ(Comparable(Replaced(r.body, key, "86")), Comparable(by_number.body))
                    << path << " with " << key;
            }
        }
        auto unknown = Get(path + sep + "RU-ZZZ");
        EXPECT_LT(unknown.status, 500) << path;
        if (api && by_number.status == 200) {
            EXPECT_TRUE(unknown.status >= 400 || unknown.body != by_number.body)
                << path << ": an unknown region key must not answer as the region";
        }
    }
    std::cout << "[ walked ] " << routes << " routes with ?region= × " << Keys().size() << " keys\n";
    EXPECT_GE(routes, 12);
}

}  // namespace
}  // namespace orientir::web
