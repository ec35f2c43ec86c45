// .xlsx out of the API lists, .xlsx import over the API, and open data (/opendata/): through
// Service::Handle without sockets, on a store with the reference and demo data.

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/importer.hpp"
#include "common/strings.hpp"
#include "http/api/io_api.hpp"
#include "http/service.hpp"
#include "http/test_env.hpp"
#include "http/test_util.hpp"
#include "io/opendata_cache.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"

namespace orientir::http {
namespace {

namespace fs = std::filesystem;

class IoApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        env_ = std::make_unique<testing::TestEnv>(
            "io-api-test", testing::TestEnvOptions{.demo = true, .api_cache = false, .defer_service = true});
        app_ = env_->app.get();
        // A draft nobody outside its editors may see, with a private contact.
        domain::Practice draft;
        draft.title = "Черновик-невидимка 7731";
        draft.summary = "Не опубликовано";
        draft.domains = {"volunteering"};
        draft.origin.region = "72";
        draft.state = domain::ModerationState::kDraft;
        draft.contacts.push_back(
            {"Частное Лицо", "координатор", "private.person.7731@example.org", "+7 900 000-77-31"});
        ASSERT_TRUE(app_->Create(app::Actor::System(), draft).ok());
        ASSERT_TRUE(app_->StartAnalytics(false).ok());
        env_->StartService();
        service_ = env_->service.get();
        service_->SetActorResolver([](const Request&) { return actor_; });
    }
    static void TearDownTestSuite() { env_.reset(); }
    void SetUp() override { actor_ = app::Actor::Anonymous(); }

    Response Call(const std::string& method, const std::string& target, const std::string& body = "",
                  std::map<std::string, std::string> headers = {}) {
        Request r = testing::MakeRequest(method, target, body, std::move(headers));
        Response resp = service_->Handle(r);
        resp.body = testing::BodyOf(resp);
        return resp;
    }
    // Every row of the first sheet of a workbook, cells as text.
    static std::vector<std::vector<std::string>> Rows(const std::string& bytes) {
        std::string path = (env_->dir / "got.xlsx").string();
        std::ofstream(path, std::ios::binary) << bytes;
        std::vector<std::vector<std::string>> rows;
        auto r = io::XlsxReader::Open(path);
        EXPECT_TRUE(r.ok()) << r.error().message;
        if (!r.ok()) return rows;
        auto st = (*r)->ReadSheet(0, [&](std::size_t, const std::vector<io::Cell>& cells) {
            rows.emplace_back();
            for (const auto& c : cells) rows.back().push_back(c.text);
            return Status::Ok();
        });
        EXPECT_TRUE(st.ok());
        return rows;
    }

    static inline std::unique_ptr<testing::TestEnv> env_;
    static inline app::App* app_ = nullptr;
    static inline Service* service_ = nullptr;
    static inline app::Actor actor_;
};

TEST_F(IoApiTest, AFilteredListComesOutAsTypedXlsxWithTheSameRowsAsTheJsonList) {
    auto json = Call("GET", "/api/v1/practices?region=86&limit=200");
    ASSERT_EQ(json.status, 200);
    auto total = Json::parse(json.body)["total"].get<std::int64_t>();
    ASSERT_GT(total, 0);
    auto x = Call("GET", "/api/v1/practices?region=86&format=xlsx");
    ASSERT_EQ(x.status, 200) << x.body.substr(0, 300);
    EXPECT_EQ(x.content_type, kXlsxType);
    EXPECT_NE(x.HeaderValue("Content-Disposition").find("practices-"), std::string::npos);
    auto rows = Rows(x.body);
    ASSERT_EQ(static_cast<std::int64_t>(rows.size()), total + 1);
    EXPECT_EQ(rows[0][1], "Название");
    std::size_t region = 0;
    while (region < rows[0].size() && rows[0][region] != "Регион") ++region;
    ASSERT_LT(region, rows[0].size());
    for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i][region], "86");
    auto en = Rows(Call("GET", "/api/v1/practices?region=86&format=xlsx&lang=en").body);
    EXPECT_EQ(en[0][1], "Title");
}

TEST_F(IoApiTest, DraftsNeverReachAnAnonymousExport) {
    auto rows = Rows(Call("GET", "/api/v1/practices?format=xlsx").body);
    ASSERT_GT(rows.size(), 1u);
    for (const auto& r : rows)
        for (const auto& c : r) EXPECT_EQ(c.find("7731"), std::string::npos) << c;
    actor_ = app::Actor::System();
    bool seen = false;
    for (const auto& r : Rows(Call("GET", "/api/v1/practices?format=xlsx").body))
        for (const auto& c : r) seen = seen || c.find("Черновик-невидимка 7731") != std::string::npos;
    EXPECT_TRUE(seen);  // the same export shows it to whoever may see it
}

TEST_F(IoApiTest, ARegionComparisonDownloadsAsXlsx) {
    auto json = Call("GET", "/api/v1/regions/72/benchmark?domain=volunteering");
    ASSERT_EQ(json.status, 200) << json.body.substr(0, 300);
    auto indicators = Json::parse(json.body)["indicators"];
    auto x = Call("GET", "/api/v1/regions/72/benchmark?domain=volunteering&format=xlsx");
    ASSERT_EQ(x.status, 200) << x.body.substr(0, 300);
    EXPECT_EQ(x.content_type, kXlsxType);
    auto rows = Rows(x.body);
    ASSERT_EQ(rows.size(), indicators.size() + 1);
    EXPECT_EQ(rows[0][0], "Показатель");
    for (std::size_t i = 0; i < indicators.size(); ++i) EXPECT_EQ(rows[i + 1][0], indicators[i]["name"]);
}

TEST_F(IoApiTest, ImportOverTheApiIsAllOrNothingAndNeedsAnAccount) {
    OrderedJson good = {{"title", "Импорт через API 1"},
                        {"summary", "Кратко"},
                        {"domains", {"volunteering"}},
                        {"origin", {{"region", "72"}}},
                        {"state", "draft"}};
    OrderedJson bad = good;
    bad["title"] = "Импорт через API 2";
    bad["origin"]["region"] = "99999";
    auto bytes = io::RecordsToXlsx("practice", {good, bad}, "ru");
    ASSERT_TRUE(bytes.ok());
    std::map<std::string, std::string> h = {{"content-type", kXlsxType}};
    EXPECT_EQ(Call("POST", "/api/v1/import/practices", bytes.value(), h).status, 401);

    actor_ = app::Actor::System();
    auto before = app_->CountRecords("practice").value();
    auto r = Call("POST", "/api/v1/import/practices", bytes.value(), h);
    EXPECT_GE(r.status, 400);
    EXPECT_NE(r.body.find("строка 3"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("99999"), std::string::npos) << r.body;
    EXPECT_EQ(app_->CountRecords("practice").value(), before);

    auto corrupt = Call("POST", "/api/v1/import/practices", "PK\x03\x04 not really", h);
    EXPECT_GE(corrupt.status, 400);
    EXPECT_NE(corrupt.body.find("повреждён"), std::string::npos) << corrupt.body;

    auto ok = Call("POST", "/api/v1/import/practices", io::RecordsToXlsx("practice", {good}, "ru").value(), h);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(Json::parse(ok.body)["records"], 1);
    EXPECT_EQ(app_->CountRecords("practice").value(), before + 1);
}

// Every open-data CSV holds exactly the fields its structure.csv lists, each value of the declared
// format; meta.csv names the current versioned file; drafts and private contacts never appear.
TEST_F(IoApiTest, OpenDataValidatesAgainstItsOwnStructure) {
    for (const auto& set : io::OpenDataSets()) {
        SCOPED_TRACE(set.id);
        const std::string base = "/opendata/" + set.id + "/";
        auto structure = Call("GET", base + "structure.csv");
        auto data = Call("GET", base + "data.csv");
        auto meta = Call("GET", base + "meta.csv");
        auto json = Call("GET", base + "data.json");
        ASSERT_EQ(structure.status, 200);
        ASSERT_EQ(data.status, 200);
        ASSERT_EQ(meta.status, 200);
        ASSERT_EQ(json.status, 200);
        CsvTable st, dt, mt;
        CsvError e;
        ASSERT_TRUE(ParseCsv(structure.body, st, e, ','));
        ASSERT_TRUE(ParseCsv(data.body, dt, e, ','));
        ASSERT_TRUE(ParseCsv(meta.body, mt, e, ','));
        EXPECT_EQ(st.header,
                  (std::vector<std::string>{"field name", "english description", "russian description", "format"}));
        std::vector<std::string> fields;
        for (const auto& r : st.rows) fields.push_back(r[0]);
        EXPECT_EQ(dt.header, fields);
        ASSERT_GT(dt.rows.size(), 0u);
        for (const auto& row : dt.rows) {
            ASSERT_EQ(row.size(), fields.size());
            for (std::size_t c = 0; c < row.size(); ++c) {
                const std::string& f = st.rows[c][3];
                const std::string& v = row[c];
                if (v.empty()) continue;
                bool valid = f == "integer"   ? ParseInt(v).has_value()
                             : f == "number"  ? ParseDouble(v).has_value()
                             : f == "date"    ? IsValidDate(v)
                             : f == "boolean" ? (v == "true" || v == "false")
                                              : f == "string";
                EXPECT_TRUE(valid) << fields[c] << " (" << f << ") = " << v;
            }
        }
        EXPECT_EQ(Json::parse(json.body).size(), dt.rows.size());
        std::map<std::string, std::string> props;
        for (const auto& r : mt.rows) props[r[0]] = r[1];
        EXPECT_EQ(props["standardversion"], "http://opendata.gosmonitor.ru/standard/3.0");
        EXPECT_FALSE(props["title"].empty());
        EXPECT_FALSE(props["license"].empty());
        std::string versioned;
        for (const auto& [k, v] : props)
            if (k.starts_with("data-")) versioned = v;
        ASSERT_FALSE(versioned.empty());
        EXPECT_EQ(Call("GET", versioned).body, data.body);
        for (const auto* body : {&data.body, &json.body}) {
            EXPECT_EQ(body->find("7731"), std::string::npos);
            EXPECT_EQ(body->find("lapteva.yugra@example.org"), std::string::npos);  // a demo practice's contact
        }
    }
    EXPECT_EQ(Call("GET", "/opendata/nothing/meta.csv").status, 404);
    EXPECT_EQ(Call("GET", "/opendata/practices/..%2F..%2Fstore.db").status, 404);
    EXPECT_EQ(Call("GET", "/opendata/practices/data-19990101-structure-19990101.csv").status, 404);
}

// The sets are built once per change of their records (io/opendata_cache.hpp) and served from files.
TEST_F(IoApiTest, OpenDataIsBuiltOncePerChangeAndServedFromTheCache) {
    auto& cache = io::OpenDataCacheOf(*app_);
    auto first = Call("GET", "/opendata/practices/data.csv");
    ASSERT_EQ(first.status, 200);
    const std::string etag = first.HeaderValue("ETag"), modified = first.HeaderValue("Last-Modified");
    ASSERT_FALSE(etag.empty());
    EXPECT_TRUE(modified.ends_with(" GMT")) << modified;
    const int builds = cache.Builds();
    auto second = Call("GET", "/opendata/practices/data.csv");
    EXPECT_EQ(cache.Builds(), builds) << "the second request is served from the cache";
    EXPECT_EQ(second.body, first.body);
    EXPECT_EQ(second.HeaderValue("ETag"), etag);
    EXPECT_EQ(Call("GET", "/opendata/practices/data.csv", "", {{"if-none-match", etag}}).status, 304);
    EXPECT_EQ(Call("GET", "/opendata/practices/data.csv", "", {{"if-modified-since", modified}}).status, 304);

    // A change no set reads (a person) moves nothing.
    domain::Person person;
    person.last_name = "Кэшева";
    person.first_name = "Анна";
    ASSERT_TRUE(app_->Create(app::Actor::System(), person).ok());
    EXPECT_EQ(Call("GET", "/opendata/practices/data.csv").HeaderValue("ETag"), etag);
    EXPECT_EQ(cache.Builds(), builds);

    // A draft changes the practices' records but never appears; a publication changes the version.
    domain::Practice p;
    p.title = "Черновик для проверки кэша 5517";
    p.summary = "Кратко";
    p.domains = {"volunteering"};
    p.origin.region = "72";
    p.state = domain::ModerationState::kDraft;
    ASSERT_TRUE(app_->Create(app::Actor::System(), p).ok());
    auto with_draft = Call("GET", "/opendata/practices/data.csv");
    EXPECT_EQ(with_draft.body.find("5517"), std::string::npos);
    EXPECT_EQ(Call("GET", "/opendata/practices/data.json").body.find("5517"), std::string::npos);
    p.title = "Опубликованная практика для проверки кэша 5518";
    p.state = domain::ModerationState::kPublished;
    ASSERT_TRUE(app_->Create(app::Actor::System(), p).ok());
    auto published = Call("GET", "/opendata/practices/data.csv");
    EXPECT_NE(published.HeaderValue("ETag"), etag);
    EXPECT_NE(published.body.find("5518"), std::string::npos);
    EXPECT_EQ(published.body.find("5517"), std::string::npos);
    EXPECT_GT(cache.Builds(), builds);
    EXPECT_EQ(Call("GET", "/opendata/practices/data.csv", "", {{"if-none-match", etag}}).status, 200)
        << "the old ETag no longer matches";
}

}  // namespace
}  // namespace orientir::http
