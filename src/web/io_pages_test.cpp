// Spreadsheets and open data on the pages: the «Скачать .xlsx» link carries the list's filters, the
// import page takes a multipart upload (CSRF, sign-in, all or nothing), /opendata/ lists the sets.

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "app/importer.hpp"
#include "common/strings.hpp"
#include "feeds/feeds.hpp"
#include "http/csrf.hpp"
#include "http/service.hpp"
#include "http/test_env.hpp"
#include "io/opendata_cache.hpp"
#include "io/xlsx_writer.hpp"
#include "web/pages.hpp"

namespace orientir::web {
namespace {

namespace fs = std::filesystem;

class IoPagesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        env_ = std::make_unique<http::testing::TestEnv>("io-pages-test", http::testing::TestEnvOptions{.demo = true});
        app_ = env_->app.get();
        service_ = env_->service.get();
        RegisterPages(*service_);
        service_->SetActorResolver([](const http::Request& r) {
            return r.Header("x-test-actor") == "system" ? app::Actor::System() : app::Actor::Anonymous();
        });
    }
    static void TearDownTestSuite() { env_.reset(); }
    static http::Response Get(const std::string& target, bool staff = false) {
        http::Request r;
        if (staff) r.headers["x-test-actor"] = "system";
        r.method = "GET";
        r.target = target;
        auto q = target.find('?');
        r.path = target.substr(0, q);
        if (q != std::string::npos) r.query = http::ParseQueryString(target.substr(q + 1));
        return service_->Handle(r);
    }
    // A multipart/form-data upload of FILE as field "file" with KIND, as a browser sends the form.
    static http::Response Upload(const std::string& kind, const std::string& filename, const std::string& file,
                                 bool signed_in = true, bool with_csrf = true) {
        http::Request r;
        r.method = "POST";
        r.target = r.path = "/import";
        const std::string boundary = "----orientirTestBoundary7MA4YWxkTrZu0gW";
        r.headers["content-type"] = "multipart/form-data; boundary=" + boundary;
        r.headers["cookie"] = std::string("orientir_csrf=") + kToken;
        if (signed_in) r.headers["x-test-actor"] = "system";
        auto field = [&](const std::string& name, const std::string& value) {
            return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value +
                   "\r\n";
        };
        r.body = field("kind", kind);
        if (with_csrf) r.body += field("_csrf", http::CsrfTokenFor(kToken, ""));
        r.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
                  "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
        return service_->Handle(r);
    }
    static std::int64_t Count(const std::string& kind) { return app_->CountRecords(kind).value(); }

    static constexpr const char* kToken = "testtokentesttokentest";
    static inline std::unique_ptr<http::testing::TestEnv> env_;
    static inline app::App* app_ = nullptr;
    static inline http::Service* service_ = nullptr;
};

TEST_F(IoPagesTest, ListPagesLinkTheirFilteredXlsx) {
    auto p = Get("/practices?region=86");
    ASSERT_EQ(p.status, 200);
    EXPECT_NE(p.body.find("href=\"/api/v1/practices?format=xlsx&amp;region=86\""), std::string::npos);
    EXPECT_NE(p.body.find("Скачать .xlsx"), std::string::npos);
    auto en = Get("/practices?region=86&lang=en");
    EXPECT_NE(en.body.find("format=xlsx&amp;region=86&amp;lang=en"), std::string::npos);
    EXPECT_NE(en.body.find("Download .xlsx"), std::string::npos);
    EXPECT_EQ(p.body.find("href=\"/import\""), std::string::npos);  // the import link is for the signed-in
    EXPECT_NE(Get("/practices?region=86", true).body.find("href=\"/import\""), std::string::npos);
    for (const char* page : {"/adoptions", "/organisations", "/persons"})
        EXPECT_NE(Get(page).body.find("format=xlsx"), std::string::npos) << page;
}

TEST_F(IoPagesTest, AnUploadedSheetIsImportedWholeOrNotAtAll) {
    OrderedJson good = {{"title", "Загружено со страницы"},
                        {"summary", "Кратко"},
                        {"domains", {"volunteering"}},
                        {"origin", {{"region", "72"}}},
                        {"state", "draft"}};
    OrderedJson bad = good;
    bad["origin"]["region"] = "Тюменска";
    auto before = Count("practice");

    auto refused = Upload("practice", "bad.xlsx", io::RecordsToXlsx("practice", {good, bad}, "ru").value());
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("неизвестный регион «Тюменска»"), std::string::npos);
    EXPECT_NE(refused.body.find("строка 3"), std::string::npos);
    EXPECT_EQ(Count("practice"), before);

    EXPECT_EQ(Upload("practice", "p.xlsx", io::RecordsToXlsx("practice", {good}, "ru").value(), false).status, 401);
    EXPECT_EQ(Upload("practice", "p.xlsx", io::RecordsToXlsx("practice", {good}, "ru").value(), true, false).status,
              403);
    EXPECT_EQ(Count("practice"), before);

    auto ok = Upload("practice", "p.xlsx", io::RecordsToXlsx("practice", {good}, "ru").value());
    ASSERT_EQ(ok.status, 200) << ok.body.substr(0, 500);
    EXPECT_NE(ok.body.find("Импортировано записей: 1"), std::string::npos);
    EXPECT_EQ(Count("practice"), before + 1);
}

TEST_F(IoPagesTest, OpenDataIndexListsEverySetWithItsFiles) {
    auto p = Get("/opendata/");
    ASSERT_EQ(p.status, 200);
    for (const char* s : {"/opendata/practices/meta.csv", "/opendata/adoptions/data.json",
                          "/opendata/organisations/structure-", "/opendata/indicators/data-"})
        EXPECT_NE(p.body.find(s), std::string::npos) << s;
}

}  // namespace
}  // namespace orientir::web
