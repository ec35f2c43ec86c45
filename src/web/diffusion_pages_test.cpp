// The likely-sources section of the adoption page with its decisions: those who may edit the adoption
// see a confirm form per candidate and a reject form (with the CSRF field); a forged candidate or a
// missing channel comes back on the page with the field named and nothing changed; a confirmation
// records the source and the section goes away; anonymous users see no forms and cannot post.
#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>

#include "analytics/snapshot.hpp"
#include "app/importer.hpp"
#include "app/source_labels.hpp"
#include "common/log.hpp"
#include "feeds/feeds.hpp"
#include "http/csrf.hpp"
#include "http/service.hpp"
#include "web/pages.hpp"

namespace orientir::web {
namespace {

namespace fs = std::filesystem;

class DiffusionPagesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        log::SetLevel(log::Level::kWarn);
        dir_ = fs::temp_directory_path() / ("orientir-diffusion-pages-test-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "store.db").string();
        app_ = new app::App(std::move(storage::OpenSqliteStore(o)).value(),
                            app::AppOptions{dir_.string(), ORIENTIR_SOURCE_DATA_DIR});
        ASSERT_TRUE(app::EnsureReferenceData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        ASSERT_TRUE(app::EnsureDemoData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        ASSERT_TRUE(app_->StartAnalytics(false).ok());
        service_ = new http::Service(*app_, http::ServiceOptions{ORIENTIR_SOURCE_DATA_DIR, false});
        service_->RegisterCoreRoutes();
        RegisterPages(*service_);
        service_->SetActorResolver([](const http::Request& r) {
            return r.Header("x-test-actor") == "system" ? app::Actor::System() : app::Actor::Anonymous();
        });
    }
    static void TearDownTestSuite() {
        delete service_;
        feeds::ReleaseService(*app_);
        delete app_;
        fs::remove_all(dir_);
    }
    static http::Response Get(const std::string& path, bool staff) {
        http::Request r;
        r.method = "GET";
        r.target = path;
        auto q = path.find('?');
        r.path = path.substr(0, q);
        if (q != std::string::npos) r.query = http::ParseQueryString(path.substr(q + 1));
        if (staff) r.headers["x-test-actor"] = "system";
        return service_->Handle(r);
    }
    static http::Response Post(const std::string& path, const std::string& body, bool staff, bool csrf = true) {
        http::Request r;
        r.method = "POST";
        r.target = r.path = path;
        r.headers["content-type"] = "application/x-www-form-urlencoded";
        r.headers["cookie"] = std::string("orientir_csrf=") + kToken;
        r.body = body + (csrf ? "&_csrf=" + http::CsrfTokenFor(kToken, "") : "");
        if (staff) r.headers["x-test-actor"] = "system";
        return service_->Handle(r);
    }
    // A new adoption of a demo practice with no source recorded, in a region that does not have it; the
    // snapshot is rebuilt so the page ranks its candidates.
    static domain::Adoption Unexplained(const std::string& region) {
        auto l = app_->List<domain::Practice>(app::Actor::System(), {{}, {}, {}, 0, 200, false});
        domain::Id pid = 0;
        for (const auto& p : l->items)
            if (p.key && *p.key == "yugra-municipal-volunteer-hubs") pid = p.meta.id;
        domain::Adoption a;
        a.practice_id = pid;
        a.adopter.region = region;
        a.channel = domain::Channel::kOther;
        a.adaptation_notes = "своя адаптация";
        a.stage_history = {{domain::AdoptionStage::kStudy, "2026-06-01", ""}};
        auto r = app_->Create(app::Actor::System(), a);
        EXPECT_TRUE(r.ok()) << r.error().message;
        app_->analytics().Set(app_->BuildAnalyticsSnapshot().value());
        return r.ok() ? r.value() : a;
    }
    static domain::Adoption Stored(domain::Id id) {
        return app_->Get<domain::Adoption>(app::Actor::System(), id).value();
    }
    static bool Has(const http::Response& r, const std::string& s) { return r.body.find(s) != std::string::npos; }
    // `n` practices that start in Ханты-Мансийск (86) and reach Курган (45) a few months later, sources not
    // recorded: the same ordered pair of municipalities in several practices.
    static void RepeatedMunicipalPair(int n) {
        auto muni = [](const std::string& region, const std::string& name) {
            auto l =
                app_->List<domain::Municipality>(app::Actor::System(), {{{"region", region}}, {}, {}, 0, 500, false});
            for (const auto& m : l->items)
                if (m.name == name) return m.meta.id;
            return domain::Id{0};
        };
        const auto from = muni("86", "Ханты-Мансийск"), to = muni("45", "Курган");
        ASSERT_TRUE(from && to);
        for (int i = 0; i < n; ++i) {
            domain::Practice p;
            p.title = "Муниципальная пара " + std::to_string(i + 1);
            p.summary = "Кратко";
            p.domains = {"volunteering"};
            p.origin.region = "86";
            p.origin.municipality_id = from;
            p.period.from = "201" + std::to_string(i) + "-02-01";
            p.state = domain::ModerationState::kPublished;
            auto c = app_->Create(app::Actor::System(), p);
            ASSERT_TRUE(c.ok()) << c.error().message;
            domain::Adoption a;
            a.practice_id = c->meta.id;
            a.adopter.region = "45";
            a.adopter.municipality_id = to;
            a.channel = domain::Channel::kOther;
            a.stage_history = {{domain::AdoptionStage::kStudy, "201" + std::to_string(i) + "-07-01", ""}};
            auto ca = app_->Create(app::Actor::System(), a);
            ASSERT_TRUE(ca.ok()) << ca.error().message;
        }
        app_->analytics().Set(app_->BuildAnalyticsSnapshot().value());
        // The municipal network is recomputed in the background after a change: wait for it.
        app_->municipal_inference().Get(app_->analytics().Get());
        app_->municipal_inference().Wait();
    }

    static constexpr const char* kToken = "testtokentesttokentest";
    static inline fs::path dir_;
    static inline app::App* app_ = nullptr;
    static inline http::Service* service_ = nullptr;
};

TEST_F(DiffusionPagesTest, CuratorConfirmsACandidateFromTheAdoptionPage) {
    auto a = Unexplained("03");
    const std::string path = "/adoptions/" + std::to_string(a.meta.id);
    auto page = Get(path, true);
    ASSERT_EQ(page.status, 200);
    ASSERT_TRUE(Has(page, "id=\"likely-sources\"")) << page.body;
    EXPECT_TRUE(Has(page, "action=\"" + path + "/likely-sources/confirm\""));
    EXPECT_TRUE(Has(page, "action=\"" + path + "/likely-sources/reject\""));
    EXPECT_TRUE(Has(page, "name=\"_csrf\""));
    EXPECT_TRUE(Has(page, "Подтвердить источник"));
    // The first candidate's region, as the form carries it.
    auto at = page.body.find("name=\"candidate\" value=\"");
    ASSERT_NE(at, std::string::npos);
    at += std::string("name=\"candidate\" value=\"").size();
    const std::string candidate = page.body.substr(at, page.body.find('"', at) - at);
    ASSERT_FALSE(candidate.empty());

    // A forged candidate (the adopter itself) and a missing channel come back with the field named.
    auto forged = Post(path + "/likely-sources/confirm", "candidate=03&channel=press", true);
    EXPECT_EQ(forged.status, 422);
    EXPECT_TRUE(Has(forged, "error-summary")) << forged.body;
    auto no_channel = Post(path + "/likely-sources/confirm", "candidate=" + candidate + "&channel=", true);
    EXPECT_EQ(no_channel.status, 422);
    EXPECT_TRUE(Has(no_channel, "error-summary"));
    EXPECT_EQ(Stored(a.meta.id).meta.version, a.meta.version);
    // Without the CSRF token the post is refused before anything runs.
    auto no_csrf = Post(path + "/likely-sources/confirm", "candidate=" + candidate + "&channel=press", true, false);
    EXPECT_EQ(no_csrf.status, 403);

    auto ok = Post(path + "/likely-sources/confirm", "candidate=" + candidate + "&channel=press", true);
    EXPECT_EQ(ok.status, 303) << ok.body;
    const auto after = Stored(a.meta.id);
    EXPECT_EQ(after.channel, domain::Channel::kPress);
    EXPECT_EQ(after.adaptation_notes, "своя адаптация");
    auto labels = app::SourceLabelsOf(*app_, app::Actor::System(), a.meta.id);
    ASSERT_TRUE(labels.ok());
    ASSERT_EQ(labels->size(), 1u);
    EXPECT_EQ(labels->front().candidates.at(0).region, candidate);
    // A source is recorded now: no more likely sources on the page, and a second post is refused.
    app_->analytics().Set(app_->BuildAnalyticsSnapshot().value());
    EXPECT_FALSE(Has(Get(path, true), "id=\"likely-sources\""));
    EXPECT_EQ(Post(path + "/likely-sources/confirm", "candidate=" + candidate + "&channel=press", true).status, 422);
}

// The demo volunteer hubs were started by the Yugra resource centre: for a new adoption it is a candidate as
// that organisation — named on the page (Russian and English), in the API with its kind, and confirmable
// through the form, which records the source as the practice's origin (no source adoption).
TEST_F(DiffusionPagesTest, OrganisationCandidateOnTheAdoptionPage) {
    auto a = Unexplained("07");
    const std::string path = "/adoptions/" + std::to_string(a.meta.id);
    auto orgs = app_->List<domain::Organisation>(app::Actor::System(), {{}, {}, {}, 0, 200, false});
    domain::Id centre = 0;
    for (const auto& o : orgs->items)
        if (o.key && *o.key == "yugra-resource-centre") centre = o.meta.id;
    ASSERT_NE(centre, 0);
    const std::string org = std::to_string(centre);
    auto api =
        Json::parse(Get("/api/v1/adoptions/" + std::to_string(a.meta.id) + "/likely-sources?limit=20", false).body);
    Json found;
    for (const auto& c : api["candidates"])
        if (c["kind"] == "organisation" && c["organisation"]["id"] == centre) found = c;
    ASSERT_FALSE(found.is_null()) << api.dump();
    EXPECT_EQ(found["region"]["code"], "86");
    EXPECT_TRUE(found["evidence"]["origin"].get<bool>());
    EXPECT_EQ(found["reasons"][0], "организация: Ресурсный центр поддержки добровольчества Югры (регион «Югра»)")
        << found.dump();
    EXPECT_EQ(found["adoption_id"], nullptr);
    auto page = Get(path, true);
    ASSERT_TRUE(Has(page, "id=\"likely-sources\""));
    ASSERT_TRUE(Has(page, "организация: РЦ добровольчества Югры")) << page.body;
    EXPECT_TRUE(Has(page, "name=\"organisation\" value=\"" + org + "\""));
    EXPECT_TRUE(Has(Get(path + "?lang=en", true), "organisation: РЦ добровольчества Югры"));
    // An organisation that is not a candidate comes back on the page; nothing changes.
    auto bad = Post(path + "/likely-sources/confirm", "candidate=86&organisation=999999&channel=press", true);
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(Has(bad, "error-summary"));
    EXPECT_EQ(Stored(a.meta.id).meta.version, a.meta.version);
    auto ok = Post(path + "/likely-sources/confirm", "candidate=86&organisation=" + org + "&channel=press", true);
    EXPECT_EQ(ok.status, 303) << ok.body;
    EXPECT_FALSE(Stored(a.meta.id).source_adoption_id.has_value());  // borrowed from the origin
    EXPECT_EQ(Stored(a.meta.id).channel, domain::Channel::kPress);
    auto labels = app::SourceLabelsOf(*app_, app::Actor::System(), a.meta.id);
    ASSERT_TRUE(labels.ok() && labels->size() == 1u);
    EXPECT_EQ(labels->front().candidates.at(0).organisation, centre);
    app_->analytics().Set(app_->BuildAnalyticsSnapshot().value());
}

TEST_F(DiffusionPagesTest, AnonymousSeesNoFormsAndCannotDecide) {
    auto a = Unexplained("04");
    const std::string path = "/adoptions/" + std::to_string(a.meta.id);
    auto page = Get(path, false);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(Has(page, "id=\"likely-sources\""));
    EXPECT_FALSE(Has(page, "/likely-sources/confirm"));
    auto post = Post(path + "/likely-sources/reject", "note=x", false);
    EXPECT_EQ(post.status, 401);
    EXPECT_EQ(app::SourceLabelsOf(*app_, app::Actor::System(), a.meta.id)->size(), 0u);
    // A curator's rejection is kept and shown; the adoption stays unexplained.
    EXPECT_EQ(Post(path + "/likely-sources/reject", "note=" + std::string("%D0%BD%D0%B5%D1%82"), true).status, 303);
    auto again = Get(path, true);
    EXPECT_TRUE(Has(again, "Варианты отклонил(а)")) << again.body;
    EXPECT_EQ(Stored(a.meta.id).channel, domain::Channel::kOther);
}

// The review queue and the region page list unexplained adoptions with their top candidate, labelled as
// inferred and linked to the adoption's decision forms; a region without any shows no section.
TEST_F(DiffusionPagesTest, ReviewQueueAndRegionPageListUnexplainedAdoptions) {
    auto a = Unexplained("05");
    const std::string link = "/adoptions/" + std::to_string(a.meta.id) + "#likely-sources";
    auto review = Get("/review", true);
    ASSERT_EQ(review.status, 200);
    auto at = review.body.find("id=\"unexplained\"");
    ASSERT_NE(at, std::string::npos);
    std::string section = review.body.substr(at, review.body.find("</section>", at) - at);
    EXPECT_NE(section.find("Внедрения без записанного источника"), std::string::npos);
    EXPECT_NE(section.find(link), std::string::npos) << section;
    EXPECT_NE(section.find("выведено по данным, не подтверждено"), std::string::npos);
    auto region = Get("/regions/05", false);
    ASSERT_EQ(region.status, 200);
    EXPECT_TRUE(Has(region, "id=\"unexplained\""));
    EXPECT_TRUE(Has(region, link));
    // Yamal's adoptions all have a recorded source in the demo data: no section.
    EXPECT_FALSE(Has(Get("/regions/89", false), "id=\"unexplained\""));
    EXPECT_TRUE(Has(Get("/regions/05?lang=en", false), "Adoptions without a recorded source"));
}

// The municipal view on the demo data (61 of 100 adoptions and 37 of 40 practice origins name a municipality):
// the API infers links between municipalities, each labelled as inferred, and the page lists the same links
// with the badge, reached by the level switch of the network page, in Russian and English; a level that does
// not exist is a 400 naming the parameter.
TEST_F(DiffusionPagesTest, MunicipalNetworkViewOnTheDemoData) {
    // The demo data alone: enough practices name municipalities, but no pair of municipalities repeats, so
    // no link passes p < 0.1 — and the answer says so.
    auto demo = Json::parse(Get("/api/v1/network/inferred?level=municipality", false).body);
    ASSERT_TRUE(demo["enough_data"].get<bool>()) << demo.dump();
    // Every dated origin and adoption of a practice that is not a draft is counted, with or without a municipality.
    auto snap = app_->analytics().Get();
    int with = 0, without = 0;
    for (const auto& p : snap->practices)
        if (p.state != domain::ModerationState::kDraft && p.origin_day != analytics::kNoDay)
            ++(p.origin_municipality ? with : without);
    for (const auto& a : snap->adoptions)  // as the regional cascades: drafts left out, practices on review kept
        if (a.practice >= 0 &&
            snap->practices[static_cast<std::size_t>(a.practice)].state != domain::ModerationState::kDraft &&
            a.start_day != analytics::kNoDay)
            ++(a.municipality ? with : without);
    EXPECT_EQ(demo["events_with_municipality"], with);
    EXPECT_EQ(demo["events_without_municipality"], without);
    EXPECT_GT(with, without);
    EXPECT_EQ(demo["edges_total"], 0);
    EXPECT_NE(demo["reason"].get<std::string>().find("не прошла проверку (p < 0,1)"), std::string::npos);
    auto none = Get("/network?level=municipality", false);
    EXPECT_TRUE(Has(none, "id=\"munet-none\""));
    // Recorded links between municipalities are drawn beside the inferred ones: the demo data have some.
    ASSERT_FALSE(demo["recorded_edges"].empty()) << demo.dump();
    for (const auto& e : demo["recorded_edges"]) {
        EXPECT_EQ(e["kind"], "recorded");
        EXPECT_GT(e["adoptions"].get<int>(), 0);
    }
    EXPECT_EQ(demo["recorded_edges_total"].get<std::size_t>(), demo["recorded_edges"].size());
    EXPECT_TRUE(Has(none, "data-level=\"municipality\""));
    EXPECT_TRUE(Has(none, "/static/network.js")) << none.body;
    // Four practices that went from Ханты-Мансийск to Курган: that pair repeats and is inferred.
    RepeatedMunicipalPair(4);
    auto api = Get("/api/v1/network/inferred?level=municipality&edges=1000", false);
    ASSERT_EQ(api.status, 200) << api.body;
    auto j = Json::parse(api.body);
    ASSERT_TRUE(j["enough_data"].get<bool>()) << api.body;
    EXPECT_GE(j["usable_cascades"].get<int>(), 10);
    EXPECT_GT(j["events_without_municipality"].get<int>(), 0);  // the 39 adoptions without one are counted
    ASSERT_GT(j["edges_total"].get<int>(), 0);
    for (const auto& e : j["edges"]) {
        EXPECT_EQ(e["kind"], "inferred");
        EXPECT_NE(e["from"]["id"], e["to"]["id"]);
        EXPECT_FALSE(e["from"]["name"].get<std::string>().empty());
    }
    auto page = Get("/network?level=municipality", false);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(Has(page, "Выведенные связи между муниципалитетами"));
    EXPECT_TRUE(Has(page, "выведено по данным, не подтверждено"));
    EXPECT_TRUE(Has(page, "id=\"network-graph\""));  // the graph, then the table as its accessible account
    EXPECT_TRUE(Has(page, "data-inferred-label=\"выведено\""));
    EXPECT_LT(page.body.find("id=\"network-graph\""), page.body.find("id=\"municipal-inferred\""));
    auto at = page.body.find("id=\"municipal-inferred\"");
    ASSERT_NE(at, std::string::npos);
    std::string table = page.body.substr(at, page.body.find("</table>", at) - at);
    std::size_t rows = 0;
    for (auto k = table.find("<tr class=\"inferred"); k != std::string::npos;
         k = table.find("<tr class=\"inferred", k + 1))
        ++rows;
    EXPECT_EQ(rows, std::min<std::size_t>(100, j["edges_total"].get<std::size_t>()));
    EXPECT_NE(table.find(j["edges"][0]["from"]["name"].get<std::string>()), std::string::npos);
    // The switch on the regional page leads here; English on request.
    EXPECT_TRUE(Has(Get("/network", false), "href=\"/network?level=municipality\""));
    EXPECT_TRUE(Has(Get("/network?level=municipality&lang=en", false), "Inferred links between municipalities"));
    auto bad = Get("/network?level=district", false);
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(Has(bad, "(параметр level)"));
    bool pair = false;
    for (const auto& e : j["edges"])
        pair = pair || (e["from"]["name"] == "Ханты-Мансийск" && e["to"]["name"] == "Курган");
    EXPECT_TRUE(pair) << api.body;
}

}  // namespace
}  // namespace orientir::web
