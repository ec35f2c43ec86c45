#include "http/api/search_api.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "domain/codec.hpp"

namespace orientir::http {
namespace {

namespace fs = std::filesystem;

class SearchApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("orientir-search-api-test-" + std::to_string(::getpid()));
        fs::remove_all(root_);
        fs::create_directories(root_);
        storage::SqliteOptions so;
        so.path = (root_ / "store.db").string();
        auto s = storage::OpenSqliteStore(so);
        ASSERT_TRUE(s.ok());
        store_ = std::move(s).value();
        domain::Practice p;
        p.title = "Организация добровольческой деятельности";
        p.summary = "Ресурсный центр <b>Югры</b>.";
        p.domains = {"volunteering"};
        p.origin.region = "86";
        p.state = domain::ModerationState::kPublished;
        ASSERT_TRUE(store_
                        ->Write([&](storage::WriteTx& tx) -> Status {
                            auto d = tx.Insert("practice", domain::ToJson(p).dump(), {});
                            return d.ok() ? Status::Ok() : Status(d.error());
                        })
                        .ok());
        search::Options o;
        o.dir = (root_ / "index").string();
        o.data_dir = ORIENTIR_SOURCE_DATA_DIR;
        o.durable = false;
        auto idx = search::SearchIndex::Open(o, *store_);
        ASSERT_TRUE(idx.ok());
        index_ = std::move(idx).value();
        RegisterSearchRoutes(router_, *index_);
    }
    void TearDown() override {
        index_.reset();
        store_.reset();
        fs::remove_all(root_);
    }
    Response Get(const std::string& target) {
        Request req;
        req.method = "GET";
        req.target = target;
        auto qpos = target.find('?');
        req.path = target.substr(0, qpos);
        if (qpos != std::string::npos) req.query = ParseQueryString(target.substr(qpos + 1));
        return router_.Dispatch(req);
    }

    fs::path root_;
    std::unique_ptr<storage::Store> store_;
    std::unique_ptr<search::SearchIndex> index_;
    Router router_;
};

TEST_F(SearchApiTest, SearchReturnsHitsFacetsAndEscapedSnippets) {
    auto r =
        Get("/api/v1/"
            "search?q=%D0%B2%D0%BE%D0%BB%D0%BE%D0%BD%D1%82%D0%B5%D1%80%D1%81%D1%82%D0%B2%D0%BE&domain=volunteering");
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = Json::parse(r.body);
    EXPECT_EQ(j["total"]["value"], 1);
    EXPECT_EQ(j["hits"][0]["kind"], "practice");
    EXPECT_EQ(j["facets"]["domain"][0]["value"], "volunteering");
    EXPECT_EQ(j["hits"][0]["snippet"].get<std::string>().find("<b>"), std::string::npos);
}

TEST_F(SearchApiTest, BadParametersAre400NotServerErrors) {
    for (const std::string t : {"/api/v1/search?limit=0", "/api/v1/search?limit=abc", "/api/v1/search?sort=name",
                                "/api/v1/search?kind=adoption", "/api/v1/search?region=999", "/api/v1/search?cursor=zz",
                                "/api/v1/search?q=%FF%FE", "/api/v1/suggest?limit=99"}) {
        auto r = Get(t);
        EXPECT_EQ(r.status, 400) << t << " " << r.body;
    }
    std::string long_q = "/api/v1/search?q=" + std::string(10000, 'a');
    EXPECT_EQ(Get(long_q).status, 400);
    for (const std::string t :
         {"/api/v1/search?q=%22", "/api/v1/search?q=%27%3B%20DROP%20TABLE%20x%3B--", "/api/v1/search?q=%3Cscript%3E",
          "/api/v1/search?q=%01%02", "/api/v1/search", "/api/v1/suggest?q=", "/api/v1/suggest?q=%D0%BE%D1%80%D0%B3"}) {
        auto r = Get(t);
        EXPECT_EQ(r.status, 200) << t << " " << r.body;
    }
}

}  // namespace
}  // namespace orientir::http
