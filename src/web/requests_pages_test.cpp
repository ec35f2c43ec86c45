// The working week's pages (issue 15, part A): the requests inbox and a request's page with answer, route
// and close; notifications that open pages; the adoption form for several municipalities in the user's
// own region with no channel preselected; refusals that say what the role allows; the passport history;
// error summaries that name the fields.
#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>
#include <regex>
#include <set>

#include "app/articles.hpp"
#include "app/importer.hpp"
#include "common/log.hpp"
#include "common/strings.hpp"
#include "feeds/feeds.hpp"
#include "http/csrf.hpp"
#include "http/service.hpp"
#include "http/test_env.hpp"
#include "web/pages.hpp"

namespace orientir::web {
namespace {

namespace fs = std::filesystem;

class WeekPages : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        log::SetLevel(log::Level::kWarn);
        env_ = std::make_unique<http::testing::TestEnv>("week-pages", http::testing::TestEnvOptions{.demo = true});
        app_ = env_->app.get();
        service_ = env_->service.get();
        RegisterPages(*service_);
        practice_ = app_->ResolveId("practice", "yugra-volunteer-hours-registry").value();
        owner_org_ = app_->ResolveId("organisation", "yugra-youth-dept").value();
        centre_ = app_->ResolveId("organisation", "federal-civil-centre").value();
        service_->SetActorResolver([](const http::Request& r) {
            std::string who = r.Header("x-test-actor");
            if (who == "owner") return app::Actor{app::Role::kOrganisationEditor, 9001, "org", {}, {owner_org_}};
            if (who == "tyumen") return app::Actor{app::Role::kRegionalEditor, 9002, "tyumen", {"72"}, {}};
            if (who == "curator") return app::Actor{app::Role::kCurator, 9003, "curator", {}, {}};
            return app::Actor::Anonymous();
        });
    }
    static void TearDownTestSuite() { env_.reset(); }
    static http::Response Get(const std::string& target, const std::string& who = "") {
        http::Request r;
        r.method = "GET";
        r.target = target;
        auto q = target.find('?');
        r.path = q == std::string::npos ? target : target.substr(0, q);
        if (q != std::string::npos) r.query = http::ParseQueryString(target.substr(q + 1));
        if (!who.empty()) r.headers["x-test-actor"] = who;
        return service_->Handle(r);
    }
    static http::Response Post(const std::string& path, const std::string& body, const std::string& who) {
        http::Request r;
        r.method = "POST";
        r.target = r.path = path;
        r.headers["content-type"] = "application/x-www-form-urlencoded";
        r.headers["cookie"] = std::string("orientir_csrf=") + kToken;
        r.headers["x-test-actor"] = who;
        r.body = body + "&_csrf=" + http::CsrfTokenFor(kToken, "");
        return service_->Handle(r);
    }
    static domain::Id NewRequest(std::optional<domain::Id> municipality = std::nullopt) {
        domain::AdoptionRequest r;
        r.practice_id = practice_;
        r.from.region = "72";
        r.from.municipality_id = municipality;
        r.contact_name = "Иванова Анна";
        r.contact_email = "ivanova@example.org";
        r.message = "Просим методические материалы";
        auto c = app_->Create(app::Actor{app::Role::kRegionalEditor, 9002, "tyumen", {"72"}, {}}, r);
        EXPECT_TRUE(c.ok()) << c.error().message;
        return c.ok() ? c->meta.id : 0;
    }
    static std::vector<domain::Id> Municipalities(const std::string& region, std::size_t n) {
        auto l = app_->List<domain::Municipality>(app::Actor::System(), {{{"region", region}}, {}, {}, 0, 50, false});
        std::vector<domain::Id> out;
        for (const auto& m : l->items)
            if (out.size() < n) out.push_back(m.meta.id);
        return out;
    }

    static constexpr const char* kToken = "testtokentesttokentest";
    static inline std::unique_ptr<http::testing::TestEnv> env_;
    static inline app::App* app_ = nullptr;
    static inline http::Service* service_ = nullptr;
    static inline domain::Id practice_ = 0, owner_org_ = 0, centre_ = 0;
};

bool Has(const http::Response& r, const std::string& s) { return r.body.find(s) != std::string::npos; }

TEST_F(WeekPages, OwnerAnswersAndRoutesFromTheRequestPage) {
    auto id = NewRequest();
    const std::string page = "/requests/" + std::to_string(id);
    auto inbox = Get("/requests", "owner");
    ASSERT_EQ(inbox.status, 200);
    EXPECT_TRUE(Has(inbox, "href=\"" + page + "\"")) << "listed in the owner's inbox";
    EXPECT_TRUE(Has(inbox, "Электронная книжка волонтёра"));
    auto view = Get(page, "owner");
    ASSERT_EQ(view.status, 200) << view.body.substr(0, 500);
    EXPECT_TRUE(Has(view, "ivanova@example.org"));
    EXPECT_TRUE(Has(view, "action=\"" + page + "/answer\""));
    EXPECT_TRUE(Has(view, "action=\"" + page + "/route\""));
    // An empty answer: the form comes back naming the field.
    auto empty = Post(page + "/answer", "response=", "owner");
    EXPECT_EQ(empty.status, 422);
    EXPECT_TRUE(Has(empty, "<span class=\"field-name\">Ответ заявителю:</span>")) << "the summary names the field";
    auto answered = Post(page + "/answer", "response=" + UrlEncode("Вышлем материалы до пятницы"), "owner");
    ASSERT_EQ(answered.status, 303) << answered.body.substr(0, 500);
    auto shown = Get(page + "?saved=answer", "owner");
    EXPECT_TRUE(Has(shown, "Вышлем материалы до пятницы"));
    EXPECT_TRUE(Has(shown, "mailto:ivanova@example.org?subject="));
    // Routing to an organisation that does not exist names the field; to the centre succeeds.
    auto unknown = Post(page + "/route", "to_organisation_id=987654&note=x", "owner");
    EXPECT_EQ(unknown.status, 422);
    EXPECT_TRUE(Has(unknown, "id=\"f-to-organisation-id-err\"") || Has(unknown, "to_organisation_id")) << unknown.body;
    auto routed = Post(page + "/route",
                       "to_organisation_id=" + std::to_string(centre_) + "&note=" + UrlEncode("методичка"), "owner");
    ASSERT_EQ(routed.status, 303) << routed.body.substr(0, 500);
    EXPECT_EQ(app_->GetRequest(app::Actor::System(), id)->request.status, domain::RequestStatus::kRouted);
}

TEST_F(WeekPages, NotTheOwnerIsRefusedWithWhoHandlesItAndStrangersGetNothing) {
    auto id = NewRequest();
    const std::string page = "/requests/" + std::to_string(id);
    auto view = Get(page, "tyumen");
    ASSERT_EQ(view.status, 200) << "the requesting region reads its request";
    EXPECT_FALSE(Has(view, "action=\"" + page + "/answer\"")) << "but gets no answer form";
    auto refused = Post(page + "/answer", "response=x", "tyumen");
    EXPECT_EQ(refused.status, 403);
    EXPECT_TRUE(Has(refused, "редакторы организации, которой он адресован")) << refused.body.substr(0, 2000);
    EXPECT_EQ(Get(page).status, 401);
    EXPECT_EQ(Get("/requests/987654", "owner").status, 404);
}

TEST_F(WeekPages, NotificationsNameTheKindInRussianAndTheirLinksOpen) {
    auth::User u;
    u.login = "org-week";
    u.role = "organisation_editor";
    u.organisations = {owner_org_};
    auto user = app_->auth().CreateUser(u, "password-org-week");
    ASSERT_TRUE(user.ok());
    auto id = NewRequest(Municipalities("72", 1).front());
    auto notes = app_->ListNotifications(app::App::ActorFor(user.value()), false, 0, 10);
    ASSERT_TRUE(notes.ok());
    ASSERT_FALSE(notes->items.empty());
    const auto& n = notes->items.front();
    EXPECT_EQ(n.link, "/requests/" + std::to_string(id));
    EXPECT_NE(n.text.find("Тюменская область, "), std::string::npos) << "names the municipality: " << n.text;
    EXPECT_EQ(Get(n.link, "owner").status, 200) << "the link opens a page";
}

TEST_F(WeekPages, AdoptionFormStartsInMyRegionAndTakesSeveralMunicipalities) {
    auto form = Get("/adoptions/new?practice=" + std::to_string(practice_), "tyumen");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(Has(form, "<option value=\"72\" selected>")) << "my region preselected";
    std::smatch m;
    std::regex region_select("<select id=\"f-adopter-region\"[^>]*>([\\s\\S]*?)</select>");
    ASSERT_TRUE(std::regex_search(form.body, m, region_select));
    EXPECT_EQ(m[1].str().find("value=\"86\""), std::string::npos) << "only regions I may write are offered";
    std::regex channel_select("<select id=\"f-channel\"[^>]*>([\\s\\S]*?)</select>");
    ASSERT_TRUE(std::regex_search(form.body, m, channel_select));
    EXPECT_EQ(m[1].str().find("selected"), std::string::npos) << "no channel preselected";
    auto muns = Municipalities("72", 2);
    ASSERT_EQ(muns.size(), 2u);
    std::string body = "practice_id=" + std::to_string(practice_) +
                       "&adopter.region=72&adopter.municipality_id=" + std::to_string(muns[0]) +
                       "&adopter.municipality_id=" + std::to_string(muns[1]) + "&stage=interest&stage_at=2025-02-03";
    auto before = app_->List<domain::Adoption>(app::Actor::System(), {{{"region", "72"}}, {}, {}, 0, 1, false})->total;
    auto no_channel = Post("/adoptions/new", body, "tyumen");
    EXPECT_EQ(no_channel.status, 422);
    EXPECT_TRUE(Has(no_channel, "<span class=\"field-name\">Канал распространения:</span>")) << "says it is missing";
    auto saved = Post("/adoptions/new", body + "&channel=press", "tyumen");
    ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 1000);
    EXPECT_NE(saved.HeaderValue("Location").find("created=2"), std::string::npos) << saved.HeaderValue("Location");
    auto after = app_->List<domain::Adoption>(app::Actor::System(), {{{"region", "72"}}, {}, {}, 0, 200, true});
    EXPECT_EQ(after->total, before + 2);
    std::set<domain::Id> places;
    for (std::size_t i = 0; i < 2; ++i) places.insert(after->items[i].adopter.municipality_id.value_or(0));
    EXPECT_EQ(places, (std::set<domain::Id>{muns[0], muns[1]})) << "one adoption per municipality";
    // Another region: refused, saying what the role allows; nothing saved.
    auto other = Post("/adoptions/new",
                      "practice_id=" + std::to_string(practice_) +
                          "&adopter.region=86&channel=press&stage=interest&"
                          "stage_at=2025-02-03",
                      "tyumen");
    EXPECT_EQ(other.status, 422);
    EXPECT_TRUE(Has(other, "Ваша роль позволяет вносить записи только по региону: Тюменская область"))
        << other.body.substr(0, 3000);
    EXPECT_EQ(app_->List<domain::Adoption>(app::Actor::System(), {{{"region", "72"}}, {}, {}, 0, 1, false})->total,
              before + 2);
}

TEST_F(WeekPages, HomeStartsInTheEditorsRegion) {
    auto home = Get("/", "tyumen");
    ASSERT_EQ(home.status, 200);
    EXPECT_TRUE(Has(home, "href=\"/regions/72\"><span class=\"muted\">")) << "my region in the header";
    // List filters start in my region; «all regions» (an empty ?region=) stays all.
    EXPECT_TRUE(Has(Get("/adoptions", "tyumen"), "<option value=\"72\" selected>"));
    EXPECT_FALSE(Has(Get("/adoptions?region=", "tyumen"), "<option value=\"72\" selected>"));
    EXPECT_FALSE(Has(Get("/adoptions"), "<option value=\"72\" selected>")) << "anonymous: no default";
}

TEST_F(WeekPages, PassportHistoryPageShowsVersionsSideBySide) {
    auto practice = Get("/practices/" + std::to_string(practice_));
    EXPECT_TRUE(Has(practice, "href=\"/practices/" + std::to_string(practice_) + "/history\""));
    auto h = Get("/practices/" + std::to_string(practice_) + "/history");
    ASSERT_EQ(h.status, 200);
    EXPECT_TRUE(Has(h, "id=\"versions\""));
    EXPECT_TRUE(Has(h, "id=\"diff\""));
    EXPECT_EQ(Get("/practices/987654/history").status, 404);
}

TEST_F(WeekPages, ReviewPageIdsAreUnique) {
    // Two articles, several facts: each fact has its accept, merge and reject forms.
    for (const char* region : {"Тюменская", "Курганская"}) {
        app::ArticleInput in;
        in.body = std::string(region) +
                  " область перенимает опыт Югры в организации добровольческой деятельности. "
                  "Игоря Коваленко назначили заместителем губернатора Тюменской области.";
        in.url = "https://example.org/ids-" + std::to_string(in.body.size());  // the two lengths differ
        ASSERT_TRUE(app_->articles().Submit(app::Actor::System(), in).ok());
    }
    auto r = Get("/review", "curator");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("/reject\""), std::string::npos) << "facts listed";
    std::regex id_attr(" id=\"([^\"]+)\"");
    std::map<std::string, int> seen;
    for (std::sregex_iterator it(r.body.begin(), r.body.end(), id_attr), end; it != end; ++it) ++seen[(*it)[1]];
    for (const auto& [id, n] : seen) EXPECT_EQ(n, 1) << id << " repeats";
}

}  // namespace
}  // namespace orientir::web
