// The practice-exchange format (pages validated against docs/exchange.schema.json by a small validator
// of the keywords the schema uses) and federation between two installations in one process, the peer
// served on loopback by the news-feed tests' site: a published practice reaches the follower with its
// origin, an adoption recorded there is exported with the lineage's origin ids, updates and withdrawals
// follow, and bad peers (junk, a foreign format, a huge body, a redirect loop, a stuck cursor) are
// clear errors with nothing stored.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "app/entities.hpp"
#include "app/importer.hpp"
#include "app/store_access.hpp"
#include "exchange/federation.hpp"
#include "feeds/test_site.hpp"

namespace orientir::exchange {
namespace {

namespace fs = std::filesystem;
using app::Actor;
using feeds::test_support::NewsSite;

// --- a JSON Schema validator for the keywords docs/exchange.schema.json uses ---
class SchemaCheck {
public:
    explicit SchemaCheck(Json root) : root_(std::move(root)) {}
    std::vector<std::string> Errors(const Json& v) {
        errors_.clear();
        Check(root_, v, "$");
        return errors_;
    }

private:
    static bool IsType(const Json& v, const std::string& t) {
        if (t == "object") return v.is_object();
        if (t == "array") return v.is_array();
        if (t == "string") return v.is_string();
        if (t == "integer") return v.is_number_integer();
        if (t == "number") return v.is_number();
        if (t == "boolean") return v.is_boolean();
        return t == "null" && v.is_null();
    }
    void Check(const Json& s, const Json& v, const std::string& at) {
        if (s.contains("$ref")) {
            std::string name = s["$ref"].get<std::string>().substr(std::string("#/$defs/").size());
            return Check(root_["$defs"][name], v, at);
        }
        if (s.contains("type")) {
            bool ok = false;
            if (s["type"].is_array()) {
                for (const auto& t : s["type"]) ok = ok || IsType(v, t.get<std::string>());
            } else {
                ok = IsType(v, s["type"].get<std::string>());
            }
            if (!ok) return errors_.push_back(at + ": not of type " + s["type"].dump());
        }
        if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end())
            errors_.push_back(at + ": " + v.dump() + " not in " + s["enum"].dump());
        if (v.is_string() && s.contains("minLength") && v.get<std::string>().empty()) errors_.push_back(at + ": empty");
        if (v.is_string() && s.contains("pattern") &&
            !std::regex_search(v.get<std::string>(), std::regex(s["pattern"].get<std::string>())))
            errors_.push_back(at + ": does not match " + s["pattern"].get<std::string>());
        if (v.is_number() && s.contains("minimum") && v.get<double>() < s["minimum"].get<double>())
            errors_.push_back(at + ": below the minimum");
        if (v.is_array() && s.contains("minItems") && v.size() < s["minItems"].get<std::size_t>())
            errors_.push_back(at + ": too few items");
        if (v.is_object()) {
            for (const auto& r : s.value("required", Json::array()))
                if (!v.contains(r.get<std::string>())) errors_.push_back(at + ": " + r.get<std::string>() + " missing");
            if (s.contains("properties"))
                for (auto it = s["properties"].begin(); it != s["properties"].end(); ++it)
                    if (v.contains(it.key())) Check(it.value(), v[it.key()], at + "." + it.key());
        }
        if (v.is_array() && s.contains("items"))
            for (std::size_t i = 0; i < v.size(); ++i) Check(s["items"], v[i], at + "[" + std::to_string(i) + "]");
    }
    Json root_;
    std::vector<std::string> errors_;
};

SchemaCheck& Schema() {
    static SchemaCheck s = [] {
        std::ifstream f(std::string(ORIENTIR_SOURCE_DIR) + "/docs/exchange.schema.json");
        std::stringstream ss;
        ss << f.rdbuf();
        return SchemaCheck(Json::parse(ss.str()));
    }();
    return s;
}

struct Node {
    fs::path dir;
    std::unique_ptr<app::App> app;
    Installation self;
};

class ExchangeTest : public ::testing::Test {
protected:
    void SetUp() override {
        a_ = Open("a", "http://a.example");
        b_ = Open("b", "http://b.example");
    }
    void TearDown() override {
        for (Node* n : {&a_, &b_}) {
            ReleaseService(*n->app);
            n->app.reset();
            fs::remove_all(n->dir);
        }
    }
    static Node Open(const std::string& id, const std::string& url) {
        Node n;
        n.dir = fs::temp_directory_path() / ("orientir-exchange-" + id + "-" + std::to_string(::getpid()));
        fs::remove_all(n.dir);
        fs::create_directories(n.dir);
        storage::SqliteOptions o;
        o.path = (n.dir / "store.db").string();
        n.app = std::make_unique<app::App>(std::move(storage::OpenSqliteStore(o)).value(),
                                           app::AppOptions{n.dir.string(), ORIENTIR_SOURCE_DATA_DIR});
        EXPECT_TRUE(app::EnsureReferenceData(*n.app, ORIENTIR_SOURCE_DATA_DIR).ok());
        n.self = {id, url};
        FederationOptions fo;
        fo.self = n.self;
        fo.fetch.timeout = std::chrono::milliseconds(3000);
        Configure(*n.app, fo);
        return n;
    }
    static domain::Practice NewPractice(const std::string& title, domain::ModerationState state) {
        domain::Practice p;
        p.title = title;
        p.summary = "Ресурсный центр добровольчества в каждом муниципалитете";
        p.domains = {"volunteering"};
        p.origin.region = "86";
        p.contacts = {{"Иванова Анна", "куратор", "anna@example.ru", "+7 900 000-00-00"}};
        p.results = {{"Добровольцев", "чел.", 100.0, 250.0, std::nullopt, std::nullopt, std::nullopt}};
        p.state = state;
        return p;
    }
    static domain::Adoption NewAdoption(domain::Id practice, const std::string& region,
                                        std::optional<domain::Id> source = std::nullopt) {
        domain::Adoption a;
        a.practice_id = practice;
        a.adopter.region = region;
        a.source_adoption_id = source;
        a.channel = domain::Channel::kDirectContact;
        a.stage_history = {{domain::AdoptionStage::kInterest, "2025-02-01", ""}};
        a.evidence = {{"https://news.example/1", "Новость", "перенимает опыт", std::nullopt}};
        return a;
    }
    // Serves `node`'s exchange pages at /api/v1/exchange of a loopback site.
    static void ServeExchange(NewsSite& site, Node& node) {
        site.On("/api/v1/exchange", [&node](const auto& req) {
            std::string t(req.target());
            auto q = t.find("since=");
            std::int64_t since = q == std::string::npos ? 0 : std::stoll(t.substr(q + 6));
            auto page = Export(*node.app, node.self, since, 200);
            return NewsSite::Reply{200, "application/ld+json", page->body.dump(), {}, {}};
        });
    }
    Peer Follow(Node& follower, const std::string& url) {
        auto p = ServiceFor(*follower.app).AddPeer(Curator(), url, 15);
        EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
        return p.ok() ? p.value() : Peer{};
    }
    static Actor Curator() { return Actor{app::Role::kCurator, 1, "curator1", {}, {}}; }
    static std::optional<domain::Practice> ExternalPractice(Node& n, const std::string& inst, domain::Id id) {
        auto d = app::StoreAccess::Of(*n.app).FindOne("practice", "origin", inst + "|" + std::to_string(id));
        if (!d) return std::nullopt;
        return app::FromDoc<domain::Practice>(*d);
    }

    Node a_, b_;
};

TEST_F(ExchangeTest, PageValidatesAgainstTheSchemaAndHoldsPublishedRecordsOnly) {
    auto& app = *a_.app;
    auto pub = app.Create(Actor::System(), NewPractice("Опубликованная практика", domain::ModerationState::kPublished));
    auto draft = app.Create(Actor::System(), NewPractice("Черновик практики", domain::ModerationState::kDraft));
    ASSERT_TRUE(pub.ok() && draft.ok());
    auto first = app.Create(Actor::System(), NewAdoption(pub->meta.id, "72"));
    ASSERT_TRUE(first.ok()) << first.error().message;
    auto second = app.Create(Actor::System(), NewAdoption(pub->meta.id, "45", first->meta.id));
    ASSERT_TRUE(second.ok()) << second.error().message;
    ASSERT_TRUE(app.Create(Actor::System(), NewAdoption(draft->meta.id, "66")).ok());
    domain::Person person;
    person.last_name = "Петров";
    person.first_name = "Пётр";
    auto per = app.Create(Actor::System(), person);
    ASSERT_TRUE(per.ok());
    domain::Position pos;
    pos.person_id = per->meta.id;
    pos.title = "губернатор";
    pos.region = "86";
    pos.from = "2019-09-20";
    ASSERT_TRUE(app.Create(Actor::System(), pos).ok());

    auto page = Export(app, a_.self, 0, 1000);
    ASSERT_TRUE(page.ok());
    const auto& j = page->body;
    auto errors = Schema().Errors(Json::parse(j.dump()));
    EXPECT_TRUE(errors.empty()) << errors.front();
    ASSERT_EQ(j["practices"].size(), 1u) << "the draft is not exported";
    const auto& p = j["practices"][0];
    EXPECT_EQ(p["@id"], "http://a.example/practices/" + std::to_string(pub->meta.id));
    EXPECT_EQ(p["origin"]["installation"], "a");
    EXPECT_EQ(p["origin"]["id"], pub->meta.id);
    EXPECT_FALSE(p["contacts"][0].contains("email")) << "no private contacts";
    ASSERT_EQ(j["adoptions"].size(), 2u) << "adoptions of the draft are not exported";
    const auto& a2 = j["adoptions"][1];
    EXPECT_EQ(a2["derived_from"], j["adoptions"][0]["@id"]) << "lineage: the source adoption";
    EXPECT_EQ(j["adoptions"][0]["derived_from"], p["@id"]) << "lineage: the practice";
    EXPECT_EQ(a2["evidence"][0]["url"], "https://news.example/1");
    ASSERT_EQ(j["memberships"].size(), 1u);
    EXPECT_EQ(j["memberships"][0]["start_date"], "2019-09-20");
    EXPECT_EQ(j["memberships"][0]["post_id"], j["posts"][0]["@id"]);
    EXPECT_EQ(j["@context"]["derived_from"]["@id"], "prov:wasDerivedFrom");
    EXPECT_FALSE(page->more);
}

TEST_F(ExchangeTest, CursorPagesAndWithdrawals) {
    auto& app = *a_.app;
    const std::int64_t start = app::StoreAccess::Of(app).LastChangeSeq();  // before both practices
    auto p1 = app.Create(Actor::System(), NewPractice("Первая практика", domain::ModerationState::kPublished));
    auto p2 = app.Create(Actor::System(), NewPractice("Вторая практика", domain::ModerationState::kPublished));
    ASSERT_TRUE(p1.ok() && p2.ok());
    auto one = Export(app, a_.self, start, 1);
    ASSERT_TRUE(one.ok());
    ASSERT_EQ(one->body["practices"].size(), 1u);
    EXPECT_EQ(one->body["practices"][0]["id"], p1->meta.id);
    EXPECT_TRUE(one->more);
    EXPECT_GT(one->next, start);
    auto rest = Export(app, a_.self, one->next, 1000);
    ASSERT_TRUE(rest.ok());
    EXPECT_FALSE(rest->more);
    ASSERT_EQ(rest->body["practices"].size(), 1u);
    EXPECT_EQ(rest->body["practices"][0]["id"], p2->meta.id);
    const std::int64_t before = rest->next;
    auto changed = *p1;
    changed.state = domain::ModerationState::kDraft;
    ASSERT_TRUE(app.Update(Actor::System(), p1->meta.id, changed, std::nullopt).ok());
    auto after = Export(app, a_.self, before, 1000);
    ASSERT_TRUE(after.ok());
    EXPECT_TRUE(after->body["practices"].empty());
    ASSERT_EQ(after->body["withdrawn"].size(), 1u);
    EXPECT_EQ(after->body["withdrawn"][0]["id"], p1->meta.id);
    EXPECT_FALSE(Export(app, a_.self, -1, 10).ok());
    EXPECT_FALSE(Export(app, a_.self, 0, 0).ok());
}

TEST_F(ExchangeTest, FollowerImportsWithOriginAndExportsLineage) {
    NewsSite site;
    ServeExchange(site, a_);
    auto pub = a_.app->Create(Actor::System(), NewPractice("Практика Югры", domain::ModerationState::kPublished));
    ASSERT_TRUE(pub.ok());
    auto peer = Follow(b_, site.Url("/"));
    EXPECT_EQ(peer.url, site.Url("/api/v1/exchange")) << "a site address follows its exchange endpoint";
    auto& svc = ServiceFor(*b_.app);
    auto poll = svc.Poll(peer.id);
    ASSERT_TRUE(poll.ok());
    EXPECT_EQ(poll->error, "");
    auto copy = ExternalPractice(b_, "a", pub->meta.id);
    ASSERT_TRUE(copy.has_value()) << "the practice reached B";
    EXPECT_EQ(copy->title, "Практика Югры");
    EXPECT_EQ(copy->external->uri, "http://a.example/practices/" + std::to_string(pub->meta.id));
    EXPECT_EQ(copy->state, domain::ModerationState::kPublished);

    // External records are read-only here.
    auto edit = *copy;
    edit.title = "Правка на B";
    auto refused = b_.app->Update(Curator(), copy->meta.id, edit, std::nullopt);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);

    // An adoption recorded on B of A's practice keeps the lineage's origin ids in B's export.
    auto adoption = b_.app->Create(Actor::System(), NewAdoption(copy->meta.id, "72"));
    ASSERT_TRUE(adoption.ok()) << adoption.error().message;
    auto out = Export(*b_.app, b_.self, 0, 1000);
    ASSERT_TRUE(out.ok());
    auto errors = Schema().Errors(Json::parse(out->body.dump()));
    EXPECT_TRUE(errors.empty()) << errors.front();
    ASSERT_EQ(out->body["adoptions"].size(), 1u);
    const auto& a = out->body["adoptions"][0];
    EXPECT_EQ(a["origin"]["installation"], "b");
    EXPECT_EQ(a["practice"]["installation"], "a");
    EXPECT_EQ(a["practice"]["id"], pub->meta.id);
    EXPECT_EQ(a["derived_from"], copy->external->uri);
    ASSERT_EQ(out->body["practices"].size(), 1u);
    EXPECT_EQ(out->body["practices"][0]["origin"]["installation"], "a") << "re-exported with its origin";

    // The origin changes: B follows; the origin withdraws it: B keeps it, marked, and tells curators.
    auto changed = *pub;
    changed.summary = "Новая редакция паспорта";
    ASSERT_TRUE(a_.app->Update(Actor::System(), pub->meta.id, changed, std::nullopt).ok());
    ASSERT_TRUE(svc.Poll(peer.id).ok());
    EXPECT_EQ(ExternalPractice(b_, "a", pub->meta.id)->summary, "Новая редакция паспорта");
    auto latest = a_.app->Get<domain::Practice>(Actor::System(), pub->meta.id).value();
    latest.state = domain::ModerationState::kDraft;
    ASSERT_TRUE(a_.app->Update(Actor::System(), pub->meta.id, latest, std::nullopt).ok());
    ASSERT_TRUE(svc.Poll(peer.id).ok());
    auto gone = ExternalPractice(b_, "a", pub->meta.id);
    ASSERT_TRUE(gone.has_value()) << "kept, not deleted";
    EXPECT_TRUE(gone->external->withdrawn);
    auto issues = svc.Issues(Curator());
    ASSERT_TRUE(issues.ok());
    ASSERT_FALSE(issues->empty());
    EXPECT_EQ(issues->front().kind, "withdrawn");
    EXPECT_FALSE(svc.Issues(Actor::Anonymous()).ok());
}

// Organisations, persons and memberships (Popolo) follow like practices, with their origin kept; they
// are ordinary records here, and a record edited here is not overwritten by its origin (a conflict
// issue instead) while one not edited follows its origin.
TEST_F(ExchangeTest, FollowerImportsPeopleAndOrganisationsKeepingOriginAndLocalEdits) {
    NewsSite site;
    ServeExchange(site, a_);
    domain::Organisation org;
    org.name = "Департамент молодёжной политики";
    org.region = "86";
    auto o = a_.app->Create(Actor::System(), org);
    ASSERT_TRUE(o.ok()) << o.error().message;
    domain::Person person;
    person.last_name = "Федерова";
    person.first_name = "Анна";
    person.bio = "Руководитель проектного офиса";
    auto pe = a_.app->Create(Actor::System(), person);
    ASSERT_TRUE(pe.ok()) << pe.error().message;
    domain::Position pos;
    pos.person_id = pe->meta.id;
    pos.title = "директор департамента";
    pos.organisation_id = o->meta.id;
    pos.region = "86";
    pos.from = "2021-03-01";
    auto po = a_.app->Create(Actor::System(), pos);
    ASSERT_TRUE(po.ok()) << po.error().message;

    auto peer = Follow(b_, site.Url("/"));
    auto& svc = ServiceFor(*b_.app);
    auto poll = svc.Poll(peer.id);
    ASSERT_TRUE(poll.ok());
    EXPECT_EQ(poll->error, "");
    auto persons = b_.app->List<domain::Person>(Actor::System(), {{}, {}, {}, 0, 200, false});
    ASSERT_TRUE(persons.ok());
    std::optional<domain::Person> copy;
    for (const auto& p : persons->items)
        if (p.last_name == "Федерова") copy = p;
    ASSERT_TRUE(copy.has_value()) << "the person reached B";
    EXPECT_EQ(copy->bio, "Руководитель проектного офиса");
    auto positions = b_.app->PositionsOf(Actor::System(), copy->meta.id);
    ASSERT_TRUE(positions.ok());
    ASSERT_EQ(positions->size(), 1u) << "the membership follows its person";
    const auto& held = positions->front();
    EXPECT_EQ(held.title, "директор департамента");
    EXPECT_EQ(held.region, std::optional<std::string>("86"));
    ASSERT_TRUE(held.organisation_id.has_value());
    auto org_copy = b_.app->Get<domain::Organisation>(Actor::System(), *held.organisation_id);
    ASSERT_TRUE(org_copy.ok());
    EXPECT_EQ(org_copy->name, "Департамент молодёжной политики");

    // B's export carries A's origin on every one of them (and validates).
    auto out = Export(*b_.app, b_.self, 0, 1000);
    ASSERT_TRUE(out.ok());
    auto errors = Schema().Errors(Json::parse(out->body.dump()));
    EXPECT_TRUE(errors.empty()) << errors.front();
    ASSERT_EQ(out->body["persons"].size(), 1u);
    EXPECT_EQ(out->body["persons"][0]["origin"]["installation"], "a");
    EXPECT_EQ(out->body["persons"][0]["origin"]["id"], pe->meta.id);
    ASSERT_EQ(out->body["memberships"].size(), 1u);
    EXPECT_EQ(out->body["memberships"][0]["origin"]["installation"], "a");
    EXPECT_EQ(out->body["memberships"][0]["person_id"], out->body["persons"][0]["@id"]);
    ASSERT_EQ(out->body["organizations"].size(), 1u);
    EXPECT_EQ(out->body["organizations"][0]["origin"]["id"], o->meta.id);

    // A curator on B corrects the person; then both change at A: the edit here stays (a conflict for
    // curators), the organisation nobody edited here follows.
    auto edited = *copy;
    edited.bio = "Уточнено куратором B";
    ASSERT_TRUE(b_.app->Update(Curator(), copy->meta.id, edited, std::nullopt).ok());
    auto a_person = *pe;
    a_person.bio = "Новая редакция на A";
    ASSERT_TRUE(a_.app->Update(Actor::System(), pe->meta.id, a_person, std::nullopt).ok());
    auto a_org = *o;
    a_org.name = "Департамент молодёжной политики и туризма";
    ASSERT_TRUE(a_.app->Update(Actor::System(), o->meta.id, a_org, std::nullopt).ok());
    ASSERT_TRUE(svc.Poll(peer.id).ok());
    EXPECT_EQ(b_.app->Get<domain::Person>(Actor::System(), copy->meta.id)->bio, "Уточнено куратором B");
    EXPECT_EQ(b_.app->Get<domain::Organisation>(Actor::System(), *held.organisation_id)->name,
              "Департамент молодёжной политики и туризма");
    auto issues = svc.Issues(Curator());
    ASSERT_TRUE(issues.ok());
    int conflicts = 0;
    for (const auto& i : *issues) conflicts += i.kind == "conflict" && i.local_id == copy->meta.id;
    EXPECT_EQ(conflicts, 1);
    ASSERT_TRUE(svc.Poll(peer.id).ok());
    issues = svc.Issues(Curator());
    int again = 0;
    for (const auto& i : *issues) again += i.kind == "conflict";
    EXPECT_EQ(again, 1) << "told once per version of the origin";
}

TEST_F(ExchangeTest, BadPeersAreClearErrorsAndStoreNothing) {
    NewsSite site;
    site.Page("/junk", {200, "application/json", "{\"practices\": [1, 2", {}, {}});
    site.Page("/foreign", {200, "application/json", R"({"format":"other","version":"1.0"})", {}, {}});
    site.Page("/huge", {200, "application/json", std::string(std::size_t(5) << 20, ' '), {}, {}});
    site.Page("/loop", {302, "text/plain", "", {{"Location", "/loop"}}, {}});
    site.Page("/stuck", {200,
                         "application/json",
                         R"({"format":"orientir-exchange","version":"1.0","installation":{"id":"z","url":""},)"
                         R"("next":0,"more":true,"practices":[],"adoptions":[],"withdrawn":[]})",
                         {},
                         {}});
    FederationOptions fo;
    fo.self = b_.self;
    fo.fetch.max_bytes = std::size_t(1) << 20;
    fo.fetch.timeout = std::chrono::milliseconds(3000);
    Configure(*b_.app, fo);
    auto& svc = ServiceFor(*b_.app);
    const auto practices = b_.app->CountRecords("practice").value();
    const std::map<std::string, std::string> expect = {
        {"/junk", "not JSON"}, {"/foreign", "format"}, {"/huge", ""}, {"/loop", ""}, {"/stuck", "does not advance"}};
    for (const auto& [path, words] : expect) {
        auto peer = Follow(b_, site.Url(path));
        auto poll = svc.Poll(peer.id);
        ASSERT_TRUE(poll.ok());
        EXPECT_NE(poll->error, "") << path;
        EXPECT_NE(poll->error.find(words), std::string::npos) << path << ": " << poll->error;
        auto peers = svc.Peers(Curator()).value();
        auto it = std::find_if(peers.begin(), peers.end(), [&](const Peer& p) { return p.id == peer.id; });
        ASSERT_NE(it, peers.end());
        EXPECT_EQ(it->state.since, 0) << path << ": the cursor stays";
        EXPECT_EQ(it->state.failures, 1) << path;
        EXPECT_GT(it->state.next_poll_ms, b_.app->clock().NowMillis()) << path << ": backs off";
    }
    EXPECT_EQ(b_.app->CountRecords("practice").value(), practices) << "nothing stored";
    EXPECT_FALSE(svc.AddPeer(Curator(), "ftp://x", 15).ok());
    EXPECT_FALSE(svc.AddPeer(Actor::Anonymous(), site.Url("/other"), 15).ok());
}

}  // namespace
}  // namespace orientir::exchange
