// The JSON API, exercised through Service::Handle without sockets, on a temporary store with the
// reference and demo data.

#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>

#include <algorithm>
#include <set>
#include "app/entities.hpp"
#include "app/freshness.hpp"
#include "app/importer.hpp"
#include "app/list_items.hpp"
#include "common/strings.hpp"
#include "http/api/routes.hpp"
#include "http/service.hpp"
#include "http/test_env.hpp"
#include "http/test_util.hpp"

namespace orientir::http {
namespace {

namespace fs = std::filesystem;

class ApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        env_ =
            std::make_unique<testing::TestEnv>("api-test", testing::TestEnvOptions{.demo = true, .api_cache = false});
        app_ = env_->app.get();
        service_ = env_->service.get();
        service_->SetActorResolver([](const Request&) { return actor_; });
    }
    static void TearDownTestSuite() { env_.reset(); }
    void SetUp() override { actor_ = app::Actor::System(); }

    Response Call(const std::string& method, const std::string& target, const std::string& body = "",
                  std::map<std::string, std::string> headers = {}) {
        Request r = testing::MakeRequest(method, target, body, std::move(headers));
        return service_->Handle(r);
    }
    static Json J(const Response& r) { return Json::parse(r.body); }

public:
    // A GET as `actor` (the fixture's actor is the system otherwise).
    Response CallAs(const app::Actor& actor, const std::string& target,
                    std::map<std::string, std::string> headers = {}) {
        actor_ = actor;
        Response r = Call("GET", target, "", std::move(headers));
        actor_ = app::Actor::System();
        return r;
    }

protected:
    std::int64_t Count(const std::string& kind) { return app_->CountRecords(kind).value(); }
    std::int64_t MunicipalityId(const std::string& region, const std::string& name) {
        auto r = Call("GET", "/api/v1/municipalities?region=" + region + "&name=" + UrlEncode(name));
        return J(r)["items"][0]["id"].get<std::int64_t>();
    }
    std::string PracticeBody(const std::string& region = "72") {
        return R"({"title":"Тестовая практика","summary":"Кратко","domains":["volunteering"],"origin":{"region":")" +
               region + R"("},"state":"published"})";
    }

    static inline std::unique_ptr<testing::TestEnv> env_;
    static inline app::App* app_ = nullptr;
    static inline Service* service_ = nullptr;
    static inline app::Actor actor_;
};

// The language rule (docs/api.md): Russian by default; Accept-Language preferring English puts the
// data files' English names in `name`/`unit` (the Russian in `name_ru`), says Content-Language: en.
TEST_F(ApiTest, AcceptLanguageEnglishGivesEnglishNames) {
    auto ru = Call("GET", "/api/v1/domains");
    ASSERT_EQ(ru.status, 200);
    EXPECT_TRUE(ru.HeaderValue("Content-Language").empty());
    EXPECT_EQ(ru.HeaderValue("Vary").find("Accept-Language") != std::string::npos, true);
    auto en = Call("GET", "/api/v1/domains", "", {{"accept-language", "en-GB,en;q=0.9,ru;q=0.5"}});
    ASSERT_EQ(en.status, 200);
    EXPECT_EQ(en.HeaderValue("Content-Language"), "en");
    auto find = [](const Json& list, const char* code) {
        for (const auto& d : list)
            if (d["code"] == code) return d;
        return Json();
    };
    auto dr = find(J(ru)["items"].is_array() ? J(ru)["items"] : J(ru), "volunteering");
    auto de = find(J(en)["items"].is_array() ? J(en)["items"] : J(en), "volunteering");
    ASSERT_TRUE(de.is_object()) << en.body.substr(0, 300);
    EXPECT_EQ(de["name"], dr["name_en"]);
    EXPECT_EQ(de["name_ru"], dr["name"]);
    EXPECT_EQ(de["effect_templates"][0]["unit"], dr["effect_templates"][0]["unit_en"]);
    EXPECT_NE(de["effect_templates"][0]["unit"], dr["effect_templates"][0]["unit"]);
    // A region by ISO key in English; a header naming neither language keeps Russian.
    auto yugra = J(Call("GET", "/api/v1/regions/RU-KHM", "", {{"accept-language", "en"}}));
    EXPECT_EQ(yugra["name"].get<std::string>().rfind("Khanty-Mansi", 0), 0u) << yugra["name"];
    auto de_only = Call("GET", "/api/v1/domains", "", {{"accept-language", "de;q=abc"}});
    EXPECT_EQ(de_only.body, ru.body);
    // Unknown region key: still a 404 problem in either language.
    auto missing = Call("GET", "/api/v1/regions/RU-ZZZ", "", {{"accept-language", "en"}});
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(missing.content_type.find("problem+json"), std::string::npos);
}

TEST_F(ApiTest, RegionByIsoShowsAliases) {
    auto r = Call("GET", "/api/v1/regions/RU-KHM");
    ASSERT_EQ(r.status, 200);
    auto j = J(r);
    auto aliases = j["aliases"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(aliases.begin(), aliases.end(), "Югра"), aliases.end());
    EXPECT_NE(std::find(aliases.begin(), aliases.end(), "ХМАО"), aliases.end());
    EXPECT_EQ(Call("GET", "/api/v1/regions/71100000000").status, 200);
    auto missing = Call("GET", "/api/v1/regions/RU-ZZZ");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.content_type, "application/problem+json");
}

TEST_F(ApiTest, MalformedJsonIsRejectedAndNothingStored) {
    auto before = Count("practice");
    auto r = Call("POST", "/api/v1/practices", R"({"title": "x", )");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(J(r)["rule"], "malformed_json");
    EXPECT_EQ(Count("practice"), before);
}

TEST_F(ApiTest, WrongTypesAndUnknownFieldsNameTheField) {
    auto r = Call("POST", "/api/v1/practices",
                  R"({"title":5,"summary":"s","domains":["volunteering"],"origin":{"region":"72"},"colour":"red"})");
    ASSERT_EQ(r.status, 400);
    auto j = J(r);
    ASSERT_TRUE(j.contains("errors"));
    EXPECT_EQ(j["errors"][0]["field"], "title");
    EXPECT_EQ(j["errors"][1]["field"], "colour");
    EXPECT_EQ(j["errors"][1]["rule"], "unknown_field");
}

TEST_F(ApiTest, UnknownRegionAndForeignMunicipalityAreRejected) {
    auto before = Count("adoption");
    auto r = Call("POST", "/api/v1/practices", PracticeBody("999"));
    ASSERT_EQ(r.status, 400);
    EXPECT_EQ(J(r)["rule"], "unknown_region");
    auto surgut = MunicipalityId("86", "Сургут");
    auto a = Call("POST", "/api/v1/adoptions",
                  R"({"practice_id":1,"adopter":{"region":"72","municipality_id":)" + std::to_string(surgut) +
                      R"(},"channel":"press"})");
    ASSERT_EQ(a.status, 400);
    EXPECT_EQ(J(a)["rule"], "municipality_in_other_region");
    EXPECT_EQ(Count("adoption"), before);
}

TEST_F(ApiTest, StageMovesForwardOnlyAndEditsNeedFreshETag) {
    auto created = Call("POST", "/api/v1/adoptions",
                        R"({"practice_id":1,"adopter":{"region":"72"},"channel":"personnel",
                            "stage_history":[{"stage":"interest","at":"2024-01-10"},{"stage":"pilot","at":"2024-03-01"}]})");
    ASSERT_EQ(created.status, 201) << created.body;
    auto id = std::to_string(J(created)["id"].get<std::int64_t>());
    std::string etag = created.HeaderValue("ETag");
    EXPECT_EQ(etag, "\"1\"");
    auto back = Call("POST", "/api/v1/adoptions/" + id + "/stage", R"({"stage":"study","at":"2024-04-01"})");
    EXPECT_EQ(back.status, 409);
    EXPECT_EQ(J(back)["rule"], "stage_backwards");
    auto fwd = Call("POST", "/api/v1/adoptions/" + id + "/stage", R"({"stage":"implemented","at":"2024-05-01"})",
                    {{"if-match", etag}, {"content-type", "application/json"}});
    ASSERT_EQ(fwd.status, 200) << fwd.body;
    EXPECT_EQ(J(fwd)["stage"], "implemented");
    // An edit based on the old version is refused and changes nothing.
    auto body = J(created);
    body["adaptation_notes"] = "изменили";
    auto stale =
        Call("PUT", "/api/v1/adoptions/" + id, body.dump(), {{"if-match", etag}, {"content-type", "application/json"}});
    EXPECT_EQ(stale.status, 412);
    auto no_match = Call("PUT", "/api/v1/adoptions/" + id, body.dump());
    EXPECT_EQ(no_match.status, 428);
    auto now = Call("GET", "/api/v1/adoptions/" + id);
    EXPECT_EQ(J(now)["adaptation_notes"], "");
    EXPECT_EQ(J(now)["stage"], "implemented");
    auto fresh = Call("PUT", "/api/v1/adoptions/" + id, J(now).dump(),
                      {{"if-match", now.HeaderValue("ETag")}, {"content-type", "application/json"}});
    EXPECT_EQ(fresh.status, 200) << fresh.body;
}

TEST_F(ApiTest, AnonymousMayReadAndRequestButNotEdit) {
    actor_ = app::Actor::Anonymous();
    EXPECT_EQ(Call("GET", "/api/v1/practices/1").status, 200);
    auto denied = Call("POST", "/api/v1/practices", PracticeBody());
    EXPECT_EQ(denied.status, 401);
    auto req = Call("POST", "/api/v1/adoption-requests",
                    R"({"practice_id":1,"from":{"region":"72"},"contact_name":"Петрова","message":"Хотим внедрить"})");
    EXPECT_EQ(req.status, 201) << req.body;
    EXPECT_EQ(Call("GET", "/api/v1/adoption-requests").status, 401);
}

TEST_F(ApiTest, ContentTypeMethodAndPathErrors) {
    EXPECT_EQ(Call("POST", "/api/v1/practices", PracticeBody(), {{"content-type", "application/xml"}}).status, 415);
    auto m = Call("PATCH", "/api/v1/practices/1");
    EXPECT_EQ(m.status, 405);
    EXPECT_NE(m.HeaderValue("Allow").find("GET"), std::string::npos);
    EXPECT_EQ(Call("GET", "/api/v1/nothing-here").status, 404);
    // Not an id and no practice has that key (ids and keys resolve alike, issue 14).
    EXPECT_EQ(Call("GET", "/api/v1/practices/abc").status, 404);
    EXPECT_EQ(Call("GET", "/api/v1/practices?limit=100000").status, 400);
    EXPECT_EQ(Call("GET", "/api/v1/practices?cursor=zzz").status, 400);
}

TEST_F(ApiTest, ListsFilterAndPageWithCursors) {
    auto first = Call("GET", "/api/v1/adoptions?region=RU-TYU&limit=2");
    ASSERT_EQ(first.status, 200);
    auto j = J(first);
    ASSERT_EQ(j["items"].size(), 2u);
    for (const auto& a : j["items"]) EXPECT_EQ(a["adopter"]["region"], "72");
    ASSERT_TRUE(j["next_cursor"].is_string());
    auto second =
        J(Call("GET", "/api/v1/adoptions?region=RU-TYU&limit=2&cursor=" + j["next_cursor"].get<std::string>()));
    EXPECT_GT(second["items"][0]["id"].get<int>(), j["items"][1]["id"].get<int>());
    EXPECT_EQ(second["total"], j["total"]);
    EXPECT_EQ(Call("GET", "/api/v1/practices?district=nowhere").status, 400);
}

TEST_F(ApiTest, FormPostWithoutCsrfTokenIsRefused) {
    auto r = Call("POST", "/api/v1/adoption-requests", "practice_id=1",
                  {{"content-type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(r.status, 403);
}

TEST_F(ApiTest, SecurityHeadersOnEveryResponse) {
    auto r = Call("GET", "/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.HeaderValue("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(r.HeaderValue("Content-Security-Policy").find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(r.HeaderValue("X-Content-Type-Options"), "nosniff");
}

TEST_F(ApiTest, OpenApiDocumentsEveryApiRoute) {
    auto r = Call("GET", "/api/v1/openapi.json");
    ASSERT_EQ(r.status, 200);
    auto doc = J(r);
    EXPECT_EQ(doc["openapi"], "3.1.0");
    std::size_t n = 0;
    for (const auto& route : service_->router().routes()) {
        if (route.pattern.rfind("/api/", 0) != 0) continue;
        ++n;
        std::string m = route.method;
        for (auto& c : m) c = static_cast<char>(std::tolower(c));
        ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
        ASSERT_TRUE(doc["paths"][route.pattern].contains(m)) << m << " " << route.pattern;
        EXPECT_FALSE(doc["paths"][route.pattern][m]["summary"].get<std::string>().empty()) << route.pattern;
        for (const auto& [code, resp] : doc["paths"][route.pattern][m]["responses"].items()) {
            if (!resp.contains("content")) continue;
            for (const auto& [ct, media] : resp["content"].items()) {
                if (media["schema"].contains("$ref")) {
                    std::string ref = media["schema"]["$ref"];
                    EXPECT_TRUE(doc["components"]["schemas"].contains(ref.substr(ref.rfind('/') + 1))) << ref;
                }
            }
        }
    }
    EXPECT_GT(n, 40u);
    // And the other way round: nothing documented that the router does not serve.
    for (const auto& [path, ops] : doc["paths"].items()) {
        for (const auto& [method, op] : ops.items()) {
            std::string up = method;
            for (auto& c : up) c = static_cast<char>(std::toupper(c));
            bool found = false;
            for (const auto& route : service_->router().routes()) found |= route.pattern == path && route.method == up;
            EXPECT_TRUE(found) << method << " " << path;
        }
    }
}

TEST_F(ApiTest, DomainsCarryEffectTemplatesThatKpisFollow) {
    auto domains = J(Call("GET", "/api/v1/domains"));
    bool found = false;
    for (const auto& d : domains["items"])
        if (d["code"] == "volunteering")
            for (const auto& t : d["effect_templates"]) found |= t["code"] == "vol_per_1000";
    EXPECT_TRUE(found);
    auto ok = Call("POST", "/api/v1/practices",
                   R"({"title":"П","summary":"К","domains":["krt_housing"],"origin":{"region":"72"},
                       "results":[{"name":"Расселено","unit":"м²","before":0,"after":1200,"indicator":"emergency_housing_resettled_m2_per_1000"}]})");
    EXPECT_EQ(ok.status, 201) << ok.body;
    auto bad = Call("POST", "/api/v1/practices",
                    R"({"title":"П","summary":"К","domains":["krt_housing"],"origin":{"region":"72"},
                        "results":[{"name":"?","indicator":"made_up_figure"}]})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(J(bad)["field"], "results[0].indicator");
}

TEST_F(ApiTest, AnonymousCacheSeesWritesAtOnce) {
    Service cached(*app_, ServiceOptions{ORIENTIR_SOURCE_DATA_DIR, false, true, 100000});
    cached.SetActorResolver([](const Request& r) {
        return r.Header("authorization").empty() ? app::Actor::Anonymous() : app::Actor::System();
    });
    cached.RegisterCoreRoutes();
    auto get = [&] {
        Request r;
        r.method = "GET";
        r.target = r.path = "/api/v1/organisations/1";
        return cached.Handle(r);
    };
    auto first = get();
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(get().body, first.body);
    auto org = Json::parse(first.body);
    org["description"] = "Обновлено только что";
    Request put;
    put.method = "PUT";
    put.target = put.path = "/api/v1/organisations/1";
    put.headers = {
        {"content-type", "application/json"}, {"authorization", "Bearer x"}, {"if-match", first.HeaderValue("ETag")}};
    put.body = org.dump();
    ASSERT_EQ(cached.Handle(put).status, 200);
    EXPECT_NE(get().body.find("Обновлено только что"), std::string::npos);
}

TEST_F(ApiTest, PersonIncludesCareerPositions) {
    auto list = J(Call("GET", "/api/v1/persons?limit=50"));
    bool some_cross_region = false;
    for (const auto& p : list["items"]) {
        auto one = J(Call("GET", "/api/v1/persons/" + std::to_string(p["id"].get<int>())));
        std::set<std::string> regions;
        for (const auto& pos : one["positions"])
            if (pos["region"].is_string()) regions.insert(pos["region"].get<std::string>());
        some_cross_region |= regions.size() > 1;
    }
    EXPECT_TRUE(some_cross_region);
}

// What the typed path writes for one record (Get, ToApiJson, a practice's or adoption's freshness).
template <class T>
std::string TypedAnswer(app::App& app, const app::Actor& actor, domain::Id id) {
    auto v = app.Get<T>(actor, id);
    if (!v.ok()) return "error " + std::to_string(static_cast<int>(v.error().code));
    OrderedJson j = app::ToApiJson(*v);
    if constexpr (std::is_same_v<T, domain::Practice> || std::is_same_v<T, domain::Adoption>)
        j["freshness"] = app::ToJson(app::FreshnessInfoOf(app, *v));
    return Response::Json(200, j).body;
}

// Single-record reads answer from the list projection (issue 14): byte for byte the typed path's
// answer, with the same ETag, for every record of a kind and every kind of reader.
template <class T>
int ExpectSameSingleReads(ApiTest& t, app::App& app, const std::string& plural, const app::Actor& actor) {
    auto all = app.List<T>(app::Actor::System(), {{}, {}, {}, 0, 1000, false});
    EXPECT_TRUE(all.ok());
    int answered = 0;
    for (const auto& v : all->items) {
        const std::string id = std::to_string(v.meta.id);
        Response r = t.CallAs(actor, "/api/v1/" + plural + "/" + id);
        const std::string typed = TypedAnswer<T>(app, actor, v.meta.id);
        if (typed.rfind("error", 0) == 0) {
            EXPECT_EQ(r.status, 404) << plural << " " << id << " as " << app::RoleCode(actor.role);
            continue;
        }
        ++answered;
        EXPECT_EQ(r.status, 200) << plural << " " << id;
        EXPECT_EQ(r.body, typed) << plural << " " << id << " as " << app::RoleCode(actor.role);
        EXPECT_EQ(r.HeaderValue("ETag"), ETagFor(v.meta.version));
    }
    return answered;
}

TEST_F(ApiTest, SingleReadsAreTheTypedAnswerByteForByte) {
    // A confirmed practice and adoption (confirmation date from the index), a draft, a discontinued adoption.
    auto practices = app_->List<domain::Practice>(app::Actor::System(), {{}, {}, {}, 0, 1000, false});
    auto adoptions = app_->List<domain::Adoption>(app::Actor::System(), {{}, {}, {}, 0, 1000, false});
    ASSERT_TRUE(practices.ok() && adoptions.ok() && !practices->items.empty() && !adoptions->items.empty());
    ASSERT_TRUE(app::ConfirmPractice(*app_, app::Actor::System(), practices->items[0].meta.id).ok());
    ASSERT_TRUE(app::ConfirmAdoption(*app_, app::Actor::System(), adoptions->items[0].meta.id).ok());
    auto draft = Call("POST", "/api/v1/practices",
                      R"({"title":"Черновик","summary":"Кратко","domains":["volunteering"],"origin":{"region":"72"}})");
    ASSERT_EQ(draft.status, 201) << draft.body;
    auto adopted = Call(
        "POST", "/api/v1/adoptions",
        R"({"practice_id":)" + std::to_string(J(draft)["id"].get<std::int64_t>()) +
            R"(,"adopter":{"region":"86"},"channel":"press","stage_history":[{"stage":"interest","at":"2024-01-10"}]})");
    ASSERT_EQ(adopted.status, 201) << adopted.body;
    auto moving = std::find_if(adoptions->items.begin() + 1, adoptions->items.end(),
                               [](const auto& a) { return a.stage() != domain::AdoptionStage::kDiscontinued; });
    ASSERT_NE(moving, adoptions->items.end());
    auto stopped = Call("POST", "/api/v1/adoptions/" + std::to_string(moving->meta.id) + "/stage",
                        R"({"stage":"discontinued"})", {{"if-match", ETagFor(moving->meta.version)}});
    ASSERT_EQ(stopped.status, 200) << stopped.body;
    const std::vector<app::Actor> actors = {app::Actor::Anonymous(),
                                            app::Actor::System(),
                                            {app::Role::kRegionalEditor, 7, "editor72", {"72"}, {}},
                                            {app::Role::kRegionalEditor, 8, "editor86", {"86"}, {}}};
    for (const auto& actor : actors) {
        EXPECT_GT(ExpectSameSingleReads<domain::Practice>(*this, *app_, "practices", actor), 0);
        EXPECT_GT(ExpectSameSingleReads<domain::Adoption>(*this, *app_, "adoptions", actor), 0);
        EXPECT_GT(ExpectSameSingleReads<domain::Organisation>(*this, *app_, "organisations", actor), 0);
        EXPECT_GT(ExpectSameSingleReads<domain::IndicatorValue>(*this, *app_, "indicator-values", actor), 0);
    }
    // The draft and its adoption: the owner's region and staff read them, others get 404.
    const std::string draft_path = "/api/v1/practices/" + std::to_string(J(draft)["id"].get<std::int64_t>());
    const std::string adoption_path = "/api/v1/adoptions/" + std::to_string(J(adopted)["id"].get<std::int64_t>());
    for (const auto& path : {draft_path, adoption_path}) {
        EXPECT_EQ(CallAs(actors[0], path).status, 404) << path;
        EXPECT_EQ(CallAs(actors[1], path).status, 200) << path;
        EXPECT_EQ(CallAs(actors[2], path).status, 200) << path;
        EXPECT_EQ(CallAs(actors[3], path).status, 404) << path;
    }
    // A matching If-None-Match is a 304 with the same ETag; a missing record a 404.
    const auto& first = practices->items[0];
    auto etag = CallAs(actors[0], "/api/v1/practices/" + std::to_string(first.meta.id)).HeaderValue("ETag");
    Response again = CallAs(actors[0], "/api/v1/practices/" + std::to_string(first.meta.id), {{"if-none-match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(again.HeaderValue("ETag"), etag);
    EXPECT_EQ(CallAs(actors[0], "/api/v1/practices/999999").status, 404);
}

// Lists answer from the projection with the index values of each row (issue 14): every item is the
// typed record rendered, with the freshness the typed path computes, for every kind of reader.
template <class T>
void ExpectSameListItems(ApiTest& t, app::App& app, const std::string& plural, const app::Actor& actor) {
    auto typed = app.List<T>(actor, {{}, {}, {}, 0, 200, false});  // the API's largest page; the demo fits
    ASSERT_TRUE(typed.ok());
    ASSERT_FALSE(typed->next_after.has_value());
    Response r = t.CallAs(actor, "/api/v1/" + plural + "?limit=200");
    ASSERT_EQ(r.status, 200) << r.body;
    OrderedJson got = OrderedJson::parse(r.body);
    ASSERT_EQ(got["items"].size(), typed->items.size()) << plural << " as " << app::RoleCode(actor.role);
    for (std::size_t i = 0; i < typed->items.size(); ++i) {
        const T& v = typed->items[i];
        OrderedJson want = OrderedJson::parse(app::RenderItemJson(v));
        want["freshness"] = app::ToJson(app::FreshnessInfoOf(app, v));
        EXPECT_EQ(got["items"][i], want) << plural << " " << v.meta.id << " as " << app::RoleCode(actor.role);
    }
}

TEST_F(ApiTest, ListItemsAreTheTypedRecordsWithTheirFreshness) {
    auto practices = app_->List<domain::Practice>(app::Actor::System(), {{}, {}, {}, 0, 1000, false});
    auto adoptions = app_->List<domain::Adoption>(app::Actor::System(), {{}, {}, {}, 0, 1000, false});
    ASSERT_TRUE(practices.ok() && adoptions.ok() && !practices->items.empty() && !adoptions->items.empty());
    ASSERT_TRUE(app::ConfirmPractice(*app_, app::Actor::System(), practices->items[0].meta.id).ok());
    ASSERT_TRUE(app::ConfirmAdoption(*app_, app::Actor::System(), adoptions->items[0].meta.id).ok());
    const auto& moving = adoptions->items.back();
    ASSERT_NE(moving.stage(), domain::AdoptionStage::kDiscontinued);
    auto stopped = Call("POST", "/api/v1/adoptions/" + std::to_string(moving.meta.id) + "/stage",
                        R"({"stage":"discontinued"})", {{"if-match", ETagFor(moving.meta.version)}});
    ASSERT_EQ(stopped.status, 200) << stopped.body;
    for (const auto& actor : {app::Actor::Anonymous(), app::Actor::System(),
                              app::Actor{app::Role::kRegionalEditor, 7, "editor72", {"72"}, {}}}) {
        ExpectSameListItems<domain::Practice>(*this, *app_, "practices", actor);
        ExpectSameListItems<domain::Adoption>(*this, *app_, "adoptions", actor);
    }
}

}  // namespace
}  // namespace orientir::http
