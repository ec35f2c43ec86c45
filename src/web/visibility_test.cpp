// The visibility matrix (issue 18, finding 1): every GET route of the API and the pages, walked as an
// anonymous visitor, as another region's editor and as the practice's own editor, against a draft, a
// practice on review and an archived one (app/visibility.hpp). Hidden practices must not show up in any
// answer (title, id-addressed routes, derived views: spread, similar, duplicates, adoptions, careers,
// search, totals); archived ones are public; the owner sees their own.

#include <gtest/gtest.h>

#include "common/log.hpp"
#include "http/test_env.hpp"
#include "web/pages.hpp"

namespace orientir::web {
namespace {

struct Hidden {
    std::string state;   // draft, on_review, archived
    std::string marker;  // a word only its title holds
    std::string title;
    std::int64_t practice = 0, adoption = 0;
};

struct Env {
    std::unique_ptr<http::testing::TestEnv> env;  // the shared fixture (http/test_env.hpp)
    app::App* app = nullptr;
    std::vector<Hidden> practices;
};
Env* g = nullptr;

http::Response Call(const std::string& who, const std::string& target) { return g->env->Call(who, "GET", target); }

class Visibility : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        log::SetLevel(log::Level::kWarn);
        g = new Env;
        // The service comes after the analytics snapshot (its routes are registered only when it runs).
        g->env = std::make_unique<http::testing::TestEnv>(
            "visibility", http::testing::TestEnvOptions{.demo = true, .defer_service = true});
        g->app = g->env->app.get();
        const auto sys = app::Actor::System();

        // A person who moved from Yugra (86) to Tyumen (72): the career overlay links the Tyumen
        // adoptions of Yugra practices that followed.
        domain::Person person;
        person.last_name = "Перемещённый";
        person.first_name = "Пётр";
        auto pr = g->app->Create(sys, person);
        ASSERT_TRUE(pr.ok()) << pr.error().message;
        for (auto [region, from] : {std::pair{"86", "2019-01-01"}, std::pair{"72", "2020-01-01"}}) {
            domain::Position pos;
            pos.person_id = pr->meta.id;
            pos.title = "заместитель губернатора";
            pos.region = region;
            pos.from = from;
            ASSERT_TRUE(g->app->Create(sys, pos).ok());
        }
        for (auto [state, marker] : {std::pair{"draft", "Zzvisdraft"}, std::pair{"on_review", "Zzvisreview"},
                                     std::pair{"archived", "Zzvisarchived"}}) {
            domain::Practice p;
            p.title = std::string("Практика ") + marker + " волонтёрская помощь пожилым";
            p.summary = "Волонтёры помогают пожилым людям " + std::string(marker);
            p.domains = {"volunteering"};
            p.origin.region = "86";
            p.period.from = "2018-01-01";
            p.state = std::string(state) == "draft"       ? domain::ModerationState::kDraft
                      : std::string(state) == "on_review" ? domain::ModerationState::kOnReview
                                                          : domain::ModerationState::kPublished;
            auto c = g->app->Create(sys, p);
            ASSERT_TRUE(c.ok()) << c.error().message;
            if (std::string(state) == "archived") {
                ASSERT_TRUE(g->app->Moderate(sys, c->meta.id, domain::ModerationState::kArchived, "", {}).ok());
            }
            domain::Adoption a;
            a.practice_id = c->meta.id;
            a.adopter.region = "72";
            a.channel = domain::Channel::kPress;
            a.stage_history = {{domain::AdoptionStage::kInterest, "2021-03-01", ""}};
            auto ac = g->app->Create(sys, a);
            ASSERT_TRUE(ac.ok()) << ac.error().message;
            g->practices.push_back({state, marker, p.title, c->meta.id, ac->meta.id});
        }
        ASSERT_TRUE(g->app->StartAnalytics(false).ok());
        ASSERT_TRUE(g->app->StartSearch(false).ok());
        g->env->StartService();
        RegisterPages(*g->env->service);
        g->env->service->SetReady(true);
        g->env->SignIn("editor86", "regional_editor", {"86"});
        g->env->SignIn("editor72", "regional_editor", {"72"});
    }
    static void TearDownTestSuite() {
        g->env.reset();
        delete g;
    }
};

// Every GET route with its parameters filled for one practice (and its adoption), plus the query
// forms that reach practices by other means.
std::vector<std::string> Targets(const Hidden& h) {
    std::vector<std::string> out;
    for (const auto& r : g->env->service->router().routes()) {
        if (r.method != "GET") continue;
        std::string t;
        for (const auto& seg : r.segments) {
            t += "/";
            if (seg.empty() || seg.front() != '{') {
                t += seg;
                continue;
            }
            if (t.find("practices") != std::string::npos)
                t += std::to_string(h.practice);
            else if (t.find("adoptions") != std::string::npos)
                t += std::to_string(h.adoption);
            else if (seg == "{code}")
                t += "72";
            else
                t += "1";
        }
        if (t.empty()) t = "/";
        out.push_back(t);
    }
    const std::string id = std::to_string(h.practice);
    for (const std::string& q : std::vector<std::string>{
             "/api/v1/analytics/duplicates?title=" + h.marker + "%20волонтёрская%20помощь%20пожилым",
             "/api/v1/network/careers?all=1",
             "/api/v1/network/careers?years=10",
             "/network",
             "/api/v1/adoptions?practice=" + id,
             "/api/v1/adoptions?region=72&limit=200",
             "/api/v1/practices?region=86&limit=200",
             "/api/v1/practices?state=" + h.state,
             "/api/v1/search?q=" + h.marker,
             "/api/v1/suggest?q=" + h.marker,
             "/search?q=" + h.marker,
             "/practices?q=" + h.marker,
             "/regions/72",
             "/regions/86",
             "/practices/" + id + "/similar",
             "/api/v1/practices/" + id + "/similar",
             "/api/v1/practices/" + id + "/spread",
             "/api/v1/practices/" + id + "/effects",
             "/api/v1/regions/72/lacking?from=86",
             "/api/v1/regions/72/recommendations"})
        out.push_back(q);
    return out;
}

bool AddressesIt(const std::string& target, const Hidden& h) {
    return target.find("/" + std::to_string(h.practice)) != std::string::npos ||
           target.find("/" + std::to_string(h.adoption)) != std::string::npos ||
           target.find("practice=" + std::to_string(h.practice)) != std::string::npos;
}

TEST_F(Visibility, HiddenPracticesLeakThroughNoReadRoute) {
    std::size_t walked = 0;
    for (const auto& h : g->practices) {
        if (h.state == "archived") continue;
        for (const std::string who : {"anonymous", "editor72"}) {
            for (const auto& t : Targets(h)) {
                auto r = Call(who, t);
                ++walked;
                SCOPED_TRACE(who + " GET " + t + " → " + std::to_string(r.status));
                // A search page repeats its query: there the whole title must not show.
                const std::string& trace = t.find(h.marker) != std::string::npos ? h.title : h.marker;
                EXPECT_EQ(r.body.find(trace), std::string::npos) << "the " << h.state << " practice shows";
                if (t.rfind("/api/", 0) == 0) {
                    if (t.find("adoptions") != std::string::npos) {
                        EXPECT_EQ(r.body.find("\"id\":" + std::to_string(h.adoption) + ","), std::string::npos)
                            << "its adoption shows";
                    }
                    EXPECT_EQ(r.body.find("\"practice_id\":" + std::to_string(h.practice) + ","), std::string::npos)
                        << "something of it shows";
                }
                EXPECT_LT(r.status, 500);
                if (AddressesIt(t, h) && t.rfind("/api/", 0) == 0) {
                    // Addressed by id: as if it did not exist (an empty list for a filter).
                    if (t.find('?') == std::string::npos) {
                        EXPECT_TRUE(r.status == 404 || r.status == 401 || r.status == 403);
                    } else {
                        EXPECT_NE(r.body.find("\"total\":0"), std::string::npos) << r.body.substr(0, 300);
                    }
                }
                if (AddressesIt(t, h) && t.rfind("/api/", 0) != 0) {
                    EXPECT_NE(r.status, 200);
                }
            }
        }
    }
    EXPECT_GT(walked, 200u);
    // Totals do not count hidden practices or their adoptions either.
    auto drafts = Call("anonymous", "/api/v1/practices?state=draft");
    EXPECT_NE(drafts.body.find("\"total\":0"), std::string::npos) << drafts.body.substr(0, 300);
    auto as_system = g->app->List<domain::Adoption>(app::Actor::System(), {{{"region", "72"}}, {}, {}, 0, 1, false});
    auto as_anonymous =
        g->app->List<domain::Adoption>(app::Actor::Anonymous(), {{{"region", "72"}}, {}, {}, 0, 1, false});
    ASSERT_TRUE(as_system.ok() && as_anonymous.ok());
    EXPECT_EQ(as_anonymous->total, as_system->total - 2);  // the draft's and the one on review's
}

TEST_F(Visibility, TheOwnerSeesTheirDraftsAndEveryoneSeesArchived) {
    for (const auto& h : g->practices) {
        const std::string id = std::to_string(h.practice);
        std::vector<std::string> whos = {"editor86"};
        if (h.state == "archived") whos = {"anonymous", "editor72", "editor86"};
        for (const auto& who : whos) {
            SCOPED_TRACE(who + " " + h.state);
            for (const std::string& t : std::vector<std::string>{
                     "/api/v1/practices/" + id, "/practices/" + id, "/api/v1/practices/" + id + "/spread",
                     "/api/v1/adoptions/" + std::to_string(h.adoption), "/api/v1/practices/" + id + "/versions",
                     "/api/v1/practices/" + id + "/versions/1", "/practices/" + id + "/history"}) {
                auto r = Call(who, t);
                EXPECT_EQ(r.status, 200) << t;
            }
            auto list = Call(who, "/api/v1/adoptions?practice=" + id);
            EXPECT_NE(list.body.find("\"id\":" + std::to_string(h.adoption)), std::string::npos) << list.body;
            auto page = Call(who, "/practices/" + id);
            EXPECT_NE(page.body.find(h.marker), std::string::npos);
        }
    }
    // The owner's draft list counts only their own drafts.
    auto mine = Call("editor86", "/api/v1/practices?state=draft");
    EXPECT_NE(mine.body.find("Zzvisdraft"), std::string::npos);
    auto other = Call("editor72", "/api/v1/practices?state=draft");
    EXPECT_EQ(other.body.find("Zzvisdraft"), std::string::npos);
}

// Single-record reads of public records answer from the list projection and the indexed state (issue
// 14): a practice returned to draft disappears from them at once, with its adoption, stays hidden on
// review and comes back when published again; its owner and staff read it throughout.
TEST_F(Visibility, SingleReadsFollowTheStateAtOnce) {
    const auto sys = app::Actor::System();
    domain::Practice p;
    p.title = "Практика Zzvisreturned";
    p.summary = "Кратко";
    p.domains = {"volunteering"};
    p.origin.region = "86";
    p.state = domain::ModerationState::kPublished;
    auto c = g->app->Create(sys, p);
    ASSERT_TRUE(c.ok()) << c.error().message;
    domain::Adoption a;
    a.practice_id = c->meta.id;
    a.adopter.region = "72";
    a.stage_history = {{domain::AdoptionStage::kInterest, "2021-03-01", ""}};
    auto ac = g->app->Create(sys, a);
    ASSERT_TRUE(ac.ok()) << ac.error().message;
    const std::vector<std::string> targets = {"/api/v1/practices/" + std::to_string(c->meta.id),
                                              "/api/v1/adoptions/" + std::to_string(ac->meta.id)};
    auto expect = [&](const std::string& who, int status) {
        for (const auto& t : targets) EXPECT_EQ(Call(who, t).status, status) << who << " " << t;
    };
    // Through the API, as a curator: the anonymous cache sees its own service's writes at once.
    g->env->SignIn("curator", "curator");
    auto moderate = [&](const std::string& state, const std::string& comment) {
        auto r = g->env->Call("curator", "POST", targets[0] + "/moderation",
                              R"({"state":")" + state + R"(","comment":")" + comment + R"("})");
        EXPECT_EQ(r.status, 200) << state << ": " << r.body;
    };
    expect("anonymous", 200);
    expect("editor72", 200);
    moderate("draft", "доработать");
    expect("anonymous", 404);
    expect("editor72", 404);
    expect("editor86", 200);
    auto hidden = Call("anonymous", targets[0]);
    EXPECT_EQ(hidden.body.find("Zzvisreturned"), std::string::npos);
    moderate("on_review", "");
    expect("anonymous", 404);
    expect("editor86", 200);
    moderate("published", "");
    expect("anonymous", 200);
    EXPECT_NE(Call("anonymous", targets[0]).body.find("Zzvisreturned"), std::string::npos);
    // Leave the suite's totals as they were.
    ASSERT_TRUE(g->app->Delete<domain::Adoption>(sys, ac->meta.id, std::nullopt).ok());
    ASSERT_TRUE(g->app->Delete<domain::Practice>(sys, c->meta.id, std::nullopt).ok());
}

TEST_F(Visibility, ArchivedIsNotOfferedInSearchOrSimilar) {
    const auto& archived = g->practices.back();
    ASSERT_EQ(archived.state, "archived");
    EXPECT_EQ(Call("anonymous", "/api/v1/search?q=" + archived.marker).body.find(archived.marker), std::string::npos);
}

// Finding 5 through the page: the sign-in form keeps only a same-origin `next`.
TEST_F(Visibility, SignInFormKeepsOnlyASameOriginNext) {
    auto r = Call("anonymous", "/login?next=%2F%09%2Fevil.example");
    EXPECT_EQ(r.status, 200);
    // The form goes back to "/" (links that keep the query, such as the language switch, lead here again).
    EXPECT_NE(r.body.find("name=\"next\" value=\"/\""), std::string::npos);
    EXPECT_EQ(r.body.find("value=\"/\t/evil.example\""), std::string::npos);
    EXPECT_NE(Call("anonymous", "/login?next=%2Fpractices%2F1").body.find("value=\"/practices/1\""), std::string::npos);
}

}  // namespace
}  // namespace orientir::web
