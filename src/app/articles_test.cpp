// Articles and the review queue: submit → proposed facts → accept / merge / reject, on a store with
// the reference and demo data (the product story: Тюменская область borrows Yugra's volunteering
// practice; Yugra's governor worked in Tyumen for years).
#include <unistd.h>

#include <gtest/gtest.h>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "analytics/network.hpp"
#include "app/articles.hpp"
#include "app/entities.hpp"
#include "app/importer.hpp"
#include "app/store_access.hpp"
#include "common/strings.hpp"
#include "text/normalize.hpp"

namespace orientir::app {
namespace {

namespace fs = std::filesystem;
using namespace domain;

const char* kStory =
    "Тюменская область перенимает опыт Югры в организации добровольческой деятельности на муниципальном уровне.\n"
    "Об этом на пресс-конференции рассказала директор департамента молодёжной политики Тюменской области Ольга "
    "Сергеева.\n"
    "Губернатор Югры Игорь Коваленко много лет работал в Тюменской области.\n";

// UTF-8 → Windows-1251 for the Cyrillic letters and the punctuation the tests use.
std::string ToCp1251(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        unsigned cp = 0;
        int n = c >= 0xE0 ? 3 : 2;
        cp = n == 2 ? (c & 0x1F) : (c & 0x0F);
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        i += n;
        if (cp >= 0x410 && cp <= 0x44F)
            out += static_cast<char>(0xC0 + (cp - 0x410));
        else if (cp == 0x401)
            out += static_cast<char>(0xA8);
        else if (cp == 0x451)
            out += static_cast<char>(0xB8);
        else if (cp == 0xAB)
            out += static_cast<char>(0xAB);
        else if (cp == 0xBB)
            out += static_cast<char>(0xBB);
        else if (cp == 0x2014)
            out += static_cast<char>(0x97);
        else
            out += '?';
    }
    return out;
}

class ArticlesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("orientir-articles-test-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "store.db").string();
        app_ = new App(std::move(storage::OpenSqliteStore(o)).value(),
                       AppOptions{dir_.string(), ORIENTIR_SOURCE_DATA_DIR});
        ASSERT_TRUE(EnsureReferenceData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        auto demo = EnsureDemoData(*app_, ORIENTIR_SOURCE_DATA_DIR);
        ASSERT_TRUE(demo.ok()) << demo.error().message;
    }
    static void TearDownTestSuite() {
        delete app_;
        fs::remove_all(dir_);
    }

    static Actor Curator() { return Actor{Role::kCurator, 1, "curator1", {}, {}}; }
    static Actor Editor() { return Actor{Role::kRegionalEditor, 2, "editor72", {"72"}, {}}; }
    ArticleService& svc() { return app_->articles(); }
    std::int64_t Count(const std::string& kind) { return app_->CountRecords(kind).value(); }

    ArticleView Submit(const std::string& text, const std::string& url, const std::string& date = "2024-03-15") {
        ArticleInput in;
        in.body = text;
        in.url = url;
        in.source = "Тюменская линия";
        in.published_at = date;
        auto v = svc().Submit(Curator(), in);
        EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
        return v.ok() ? v.value() : ArticleView{};
    }
    static const ProposedFact* Find(const ArticleView& v, const std::string& kind,
                                    const std::function<bool(const ProposedFact&)>& pred = nullptr) {
        for (const auto& f : v.facts)
            if (f.kind == kind && (!pred || pred(f))) return &f;
        return nullptr;
    }
    Id PracticeId(const std::string& key) {
        auto d = StoreAccess::Of(*app_).FindOne("practice", "key", key);
        EXPECT_TRUE(d.has_value()) << key;
        return d ? d->id : 0;
    }

    static inline fs::path dir_;
    static inline App* app_ = nullptr;
};

TEST_F(ArticlesTest, SubmitStoresArticleExtractionAndProposedFactsWithEvidenceOffsets) {
    auto v = Submit(kStory, "https://example.ru/news/1");
    ASSERT_GT(v.article.meta.id, 0);
    EXPECT_EQ(
        v.article.title,
        "Тюменская область перенимает опыт Югры в организации добровольческой деятельности на муниципальном уровне.");
    ASSERT_TRUE(v.extraction.contains("mentions"));
    ASSERT_NE(Find(v, "adoption"), nullptr);
    ASSERT_NE(Find(v, "position"), nullptr);
    for (const auto& f : v.facts) {
        EXPECT_EQ(f.status, "proposed");
        EXPECT_EQ(f.article_id, v.article.meta.id);
        const auto& ev = f.fact["evidence"];
        EXPECT_EQ(text::SubstrCodePoints(v.article.text, ev["start"].get<int>(), ev["end"].get<int>()),
                  ev["text"].get<std::string>());
    }
    // Stored: the article (with its extraction) and the facts, readable back.
    auto back = svc().GetArticle(Curator(), v.article.meta.id);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->facts.size(), v.facts.size());
    EXPECT_EQ(back->extraction["facts"].size(), v.facts.size());
    EXPECT_EQ(back->article.text, v.article.text);
    // The review queue shows them with the article text and practice suggestions from the source region.
    FactQuery q;
    q.status = "proposed";
    q.article_id = v.article.meta.id;
    auto page = svc().ListFacts(Curator(), q);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, static_cast<std::int64_t>(v.facts.size()));
    ASSERT_TRUE(page->articles.count(v.article.meta.id));
    bool suggested = false;
    for (const auto& item : page->items) {
        if (item.fact.kind != "adoption") continue;
        ASSERT_FALSE(item.suggestions.empty());
        suggested = item.suggestions[0].practice_id == PracticeId("yugra-municipal-volunteer-hubs");
    }
    EXPECT_TRUE(suggested);
}

// «Омичи переняли опыт у тюменцев»: a practice phrase that only says «опыт» matches no passport by that word, so
// no practice of the source region is offered as a full match.
TEST_F(ArticlesTest, AGenericPracticeWordMatchesNoPassport) {
    auto v = Submit("Новости\n\nВ Тюменской области переняли опыт Югры.\n", "https://example.ru/news/generic-1");
    FactQuery q;
    q.status = "proposed";
    q.article_id = v.article.meta.id;
    auto page = svc().ListFacts(Curator(), q);
    ASSERT_TRUE(page.ok());
    bool adoption = false;
    for (const auto& item : page->items) {
        if (item.fact.kind != "adoption") continue;
        adoption = true;
        for (const auto& s : item.suggestions) EXPECT_LT(s.score, 1.0) << s.title;
    }
    EXPECT_TRUE(adoption);
}

TEST_F(ArticlesTest, AcceptedAdoptionCreatesEdgeWithEvidenceAndAuditAndSecondArticleGathersEvidence) {
    Id practice = PracticeId("yugra-municipal-volunteer-hubs");
    auto before = app_->AdoptionsOf(Actor::System(), practice).value().size();
    auto v = Submit(kStory, "https://example.ru/news/adoption-1");
    const auto* fact = Find(v, "adoption");
    ASSERT_NE(fact, nullptr);

    // Without a practice the curator is asked for one; nothing changes.
    auto missing = svc().Accept(Curator(), fact->id, {});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().field, "practice_id");
    EXPECT_EQ(svc().GetFact(Curator(), fact->id)->fact.status, "proposed");

    // The channel has no default: the extractor's guess is a hint, the curator chooses.
    EXPECT_EQ(fact->fact.value("channel", ""), "personnel");  // the article links the governor's career
    FactEdits e;
    e.practice_id = practice;
    auto no_channel = svc().Accept(Curator(), fact->id, e);
    ASSERT_FALSE(no_channel.ok());
    EXPECT_EQ(no_channel.error().field, "channel");
    e.channel = Channel::kPersonnel;
    auto accepted = svc().Accept(Curator(), fact->id, e);
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_EQ(accepted->status, "accepted");
    ASSERT_EQ(accepted->resolved_kind.value_or(""), "adoption");
    EXPECT_EQ(accepted->reviewer, "curator1");
    auto a = app_->Get<Adoption>(Actor::System(), *accepted->resolved_id);
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->adopter.region, "72");
    EXPECT_EQ(a->channel, Channel::kPersonnel);
    EXPECT_EQ(a->stage_history.back().at, "2024-03-15");  // the article's date
    EXPECT_EQ(a->stage(), AdoptionStage::kImplemented);
    ASSERT_EQ(a->evidence.size(), 1u);
    EXPECT_EQ(a->evidence[0].article_id.value_or(0), v.article.meta.id);
    EXPECT_EQ(a->evidence[0].url, "https://example.ru/news/adoption-1");
    EXPECT_EQ(a->evidence[0].quote, fact->fact["evidence"]["text"].get<std::string>());
    EXPECT_EQ(app_->AdoptionsOf(Actor::System(), practice).value().size(), before + 1);
    // Audited: the adoption's creation and the decision.
    AuditQuery aq;
    aq.record = "adoption:" + std::to_string(a->meta.id);
    EXPECT_EQ(app_->ListAudit(Actor::System(), aq)->items.size(), 1u);
    aq.record = "fact:" + std::to_string(fact->id);
    auto audit = app_->ListAudit(Actor::System(), aq);
    ASSERT_EQ(audit->items.size(), 1u);
    EXPECT_EQ(audit->items[0].action, "accept");

    // A decided fact cannot be decided again.
    auto again = svc().Reject(Curator(), fact->id, "передумал");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);

    // The same news from another outlet: the curator is told which record exists and chooses; as
    // evidence it goes on the same adoption, no duplicate.
    auto v2 = Submit(kStory, "https://other.ru/tyumen-yugra", "2024-03-16");
    const auto* fact2 = Find(v2, "adoption");
    ASSERT_NE(fact2, nullptr);
    auto ask = svc().Accept(Curator(), fact2->id, e);
    ASSERT_FALSE(ask.ok());
    EXPECT_EQ(ask.error().field, "on_match");
    EXPECT_NE(ask.error().message.find("внедрение № " + std::to_string(a->meta.id) + ": Тюменская область"),
              std::string::npos)
        << ask.error().message;
    e.on_match = "evidence";
    auto merged = svc().Accept(Curator(), fact2->id, e);
    ASSERT_TRUE(merged.ok()) << merged.error().message;
    EXPECT_EQ(merged->status, "merged");
    EXPECT_EQ(merged->resolved_id.value_or(0), a->meta.id);
    EXPECT_EQ(merged->resolved_action, "evidence_added");
    EXPECT_EQ(app_->AdoptionsOf(Actor::System(), practice).value().size(), before + 1);
    EXPECT_EQ(app_->Get<Adoption>(Actor::System(), a->meta.id)->evidence.size(), 2u);
}

TEST_F(ArticlesTest, CareerFactsGatherEvidenceOnKnownPositionsAndCreateUnknownPersons) {
    auto v = Submit(kStory, "https://example.ru/news/career");
    // «Губернатор Югры Игорь Коваленко»: the demo person, his position as governor in region 86.
    const auto* gov = Find(v, "position", [](const ProposedFact& f) {
        return f.fact["position"].is_object() &&
               text::Fold(f.fact["position"]["text"].get<std::string>()) == "губернатор";
    });
    ASSERT_NE(gov, nullptr);
    auto r = svc().Accept(Curator(), gov->id, {});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "merged");
    ASSERT_EQ(r->resolved_kind.value_or(""), "position");
    auto pos = app_->Get<Position>(Actor::System(), *r->resolved_id);
    EXPECT_EQ(pos->region.value_or(""), "86");
    EXPECT_NE(std::find(pos->evidence_urls.begin(), pos->evidence_urls.end(), "https://example.ru/news/career"),
              pos->evidence_urls.end());
    // «много лет работал в Тюменской области»: a career link without a post → his positions in 72.
    const auto* career = Find(v, "position", [](const ProposedFact& f) { return f.fact["position"].is_null(); });
    ASSERT_NE(career, nullptr);
    auto c = svc().Accept(Curator(), career->id, {});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(app_->Get<Position>(Actor::System(), *c->resolved_id)->region.value_or(""), "72");

    // An official the directory does not know: a new person and position, the article as evidence.
    auto persons = Count("person");
    auto v2 = Submit("Министр культуры Пермского края Аркадий Залесский рассказал о новых проектах.\n",
                     "https://example.ru/news/perm-minister");
    const auto* f = Find(v2, "position");
    ASSERT_NE(f, nullptr);
    auto p = svc().Accept(Curator(), f->id, {});
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->status, "accepted");
    EXPECT_EQ(Count("person"), persons + 1);
    auto created = app_->Get<Position>(Actor::System(), *p->resolved_id);
    EXPECT_EQ(created->region.value_or(""), "59");
    EXPECT_EQ(created->title, "министр культуры Пермского края");  // the fact's whole post (issue 12)
    auto person = app_->Get<Person>(Actor::System(), created->person_id);
    EXPECT_EQ(person->last_name, "Залесский");
    EXPECT_EQ(person->first_name, "Аркадий");
    // The gazetteer follows the store: a second article links the new person.
    auto v3 = Submit("Аркадий Залесский посетил Пермь.\n", "https://example.ru/news/perm-visit");
    bool linked = false;
    for (const auto& m : v3.extraction["mentions"])
        linked |= m["kind"] == "person" && m["ref"].is_object() && m["ref"].value("id", Id(0)) == created->person_id;
    EXPECT_TRUE(linked);
}

TEST_F(ArticlesTest, RejectKeepsTheReasonAndMergeNeedsMatchingKind) {
    auto v = Submit(kStory, "https://example.ru/news/reject");
    const auto* fact = Find(v, "position", [](const ProposedFact& f) {
        return f.fact["person"].is_object() && f.fact["person"]["text"] == "Ольга Сергеева";
    });
    ASSERT_NE(fact, nullptr);
    auto bad = svc().Merge(Curator(), fact->id, "adoption", 1);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "target_kind");
    auto r = svc().Reject(Curator(), fact->id, "должность уже в справочнике");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "rejected");
    EXPECT_EQ(r->reason, "должность уже в справочнике");
    FactQuery q;
    q.status = "rejected";
    q.article_id = v.article.meta.id;
    EXPECT_EQ(svc().ListFacts(Curator(), q)->total, 1);
    // Merge an adoption fact into an existing adoption explicitly.
    const auto* adoption = Find(v, "adoption");
    ASSERT_NE(adoption, nullptr);
    auto target = StoreAccess::Of(*app_).FindOne("adoption", "key", "hours-tyumen");
    ASSERT_TRUE(target.has_value());
    auto m = svc().Merge(Curator(), adoption->id, "adoption", target->id);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->status, "merged");
    auto a = app_->Get<Adoption>(Actor::System(), target->id);
    EXPECT_EQ(a->evidence.back().article_id.value_or(0), v.article.meta.id);
}

TEST_F(ArticlesTest, BadInputsAreClearErrorsAndNothingIsStored) {
    auto articles = Count("article"), facts = Count("fact");
    auto submit = [&](std::string body) {
        ArticleInput in;
        in.body = std::move(body);
        return svc().Submit(Curator(), in);
    };
    auto empty = submit("   \n\t ");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(empty.error().field, "text");
    auto html_empty = submit("<html><body><p> </p></body></html>");
    ASSERT_FALSE(html_empty.ok());
    EXPECT_EQ(html_empty.error().field, "text");
    auto too_long = submit(std::string((1 << 20) + 10, 'a'));
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(too_long.error().code, ErrorCode::kPayloadTooLarge);
    auto binary = submit(std::string("\x00\x01\x02\x89PNG\x00\x00\xff\xfe", 12));
    ASSERT_FALSE(binary.ok());
    EXPECT_EQ(binary.error().field, "text");
    ArticleInput bad_date;
    bad_date.body = kStory;
    bad_date.published_at = "2024-02-30";
    auto bd = svc().Submit(Curator(), bad_date);
    ASSERT_FALSE(bd.ok());
    EXPECT_EQ(bd.error().field, "published_at");
    ArticleInput bad_url;
    bad_url.body = kStory;
    bad_url.url = "javascript:alert(1)";
    EXPECT_EQ(svc().Submit(Curator(), bad_url).error().field, "url");
    EXPECT_EQ(Count("article"), articles);
    EXPECT_EQ(Count("fact"), facts);

    // A second article with a URL already stored is a conflict; nothing of it is stored.
    Submit(kStory, "https://example.ru/news/dup");
    articles = Count("article");
    facts = Count("fact");
    ArticleInput dup;
    dup.body = kStory;
    dup.url = "https://example.ru/news/dup";
    auto d = svc().Submit(Curator(), dup);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code, ErrorCode::kConflict);
    EXPECT_EQ(Count("article"), articles);
    EXPECT_EQ(Count("fact"), facts);
}

TEST_F(ArticlesTest, HtmlAndWindows1251AreConvertedBeforeExtraction) {
    std::string html =
        "<html><head><style>p{}</style></head><body><h1>Новости</h1><p>Тюменская область перенимает опыт "
        "Югры в организации добровольческой деятельности.</p><script>var x=1;</script></body></html>";
    auto h = Submit(html, "https://example.ru/news/html");
    EXPECT_EQ(h.article.text.find('<'), std::string::npos);
    EXPECT_EQ(h.article.text.find("var x"), std::string::npos);
    ASSERT_NE(Find(h, "adoption"), nullptr);
    for (const auto& f : h.facts) {
        const auto& ev = f.fact["evidence"];
        EXPECT_EQ(text::SubstrCodePoints(h.article.text, ev["start"].get<int>(), ev["end"].get<int>()),
                  ev["text"].get<std::string>());
    }

    auto w = Submit(ToCp1251(kStory), "https://example.ru/news/cp1251");
    EXPECT_TRUE(IsValidUtf8(w.article.text));
    EXPECT_NE(w.article.text.find("Тюменская область"), std::string::npos);
    ASSERT_NE(Find(w, "adoption"), nullptr);
}

TEST_F(ArticlesTest, OnlyCuratorsSubmitAndReview) {
    ArticleInput in;
    in.body = kStory;
    auto anon = svc().Submit(Actor::Anonymous(), in);
    ASSERT_FALSE(anon.ok());
    EXPECT_EQ(anon.error().code, ErrorCode::kUnauthenticated);
    auto editor = svc().Submit(Editor(), in);
    ASSERT_FALSE(editor.ok());
    EXPECT_EQ(editor.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(svc().ListFacts(Actor::Anonymous(), {}).error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(svc().ListFacts(Editor(), {}).error().code, ErrorCode::kForbidden);

    auto v = Submit(kStory, "https://example.ru/news/perm");
    ASSERT_FALSE(v.facts.empty());
    auto r = svc().Reject(Editor(), v.facts[0].id, "");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(svc().GetFact(Curator(), v.facts[0].id)->fact.status, "proposed");
}

// Issue 13: an existing adoption of the same practice in the adopter region (here Ишим, «Прямой
// контакт», «Изучение») is never taken over silently: the curator is told which record exists and
// decides; «new» creates exactly what the form says.
TEST_F(ArticlesTest, AcceptNeverMergesSilentlyAndCreatesExactlyWhatTheFormSays) {
    Id practice = PracticeId("yugra-silver-volunteers");
    Id ishim = 0;
    ASSERT_TRUE(StoreAccess::Of(*app_)
                    .Scan("municipality",
                          [&](const storage::Doc& d) {
                              auto m = FromDoc<Municipality>(d);
                              if (m.region == "72" && m.name == "Ишим") ishim = m.meta.id;
                              return ishim == 0;
                          })
                    .ok());
    ASSERT_GT(ishim, 0);
    Adoption existing;
    existing.practice_id = practice;
    existing.adopter = Place{"72", ishim, std::nullopt};
    existing.channel = Channel::kDirectContact;
    existing.stage_history.push_back({AdoptionStage::kStudy, "2023-05-10", ""});
    auto ex = app_->Create(Curator(), existing);
    ASSERT_TRUE(ex.ok()) << ex.error().message;

    auto v = Submit(kStory, "https://example.ru/news/silver");
    const auto* fact = Find(v, "adoption");
    ASSERT_NE(fact, nullptr);
    // The review item shows the existing record by its label.
    auto item = svc().GetFact(Curator(), fact->id);
    ASSERT_TRUE(item.ok());
    FactEdits e;
    e.practice_id = practice;
    e.adopter_region = "72";
    e.channel = Channel::kPersonnel;
    e.stage = AdoptionStage::kImplemented;
    auto ask = svc().Accept(Curator(), fact->id, e);
    ASSERT_FALSE(ask.ok());
    EXPECT_EQ(ask.error().code, ErrorCode::kConflict);
    EXPECT_EQ(ask.error().field, "on_match");
    const std::string label = "внедрение № " + std::to_string(ex->meta.id) + ": Ишим, Прямой контакт, Изучение";
    EXPECT_NE(ask.error().message.find(label), std::string::npos) << ask.error().message;
    EXPECT_EQ(svc().GetFact(Curator(), fact->id)->fact.status, "proposed");

    e.on_match = "new";
    auto r = svc().Accept(Curator(), fact->id, e);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "accepted");
    EXPECT_EQ(r->resolved_action, "created");
    ASSERT_NE(r->resolved_id.value_or(ex->meta.id), ex->meta.id);
    auto a = app_->Get<Adoption>(Actor::System(), *r->resolved_id).value();
    EXPECT_EQ(a.practice_id, practice);
    EXPECT_EQ(a.adopter.region, "72");
    EXPECT_FALSE(a.adopter.municipality_id.has_value());
    EXPECT_EQ(a.channel, Channel::kPersonnel);
    EXPECT_EQ(a.stage(), AdoptionStage::kImplemented);
    EXPECT_EQ(a.stage_history.back().at, "2024-03-15");
    ASSERT_EQ(r->outcome.size(), 1u);
    EXPECT_EQ(r->outcome[0]["action"], "created");
    EXPECT_EQ(r->outcome[0]["label"],
              "внедрение № " + std::to_string(a.meta.id) + ": Тюменская область, Кадровый переход, Внедрено");
    // The Ishim adoption is untouched.
    auto after = app_->Get<Adoption>(Actor::System(), ex->meta.id).value();
    EXPECT_EQ(after.meta.version, ex->meta.version);
    EXPECT_EQ(after.stage(), AdoptionStage::kStudy);
    EXPECT_TRUE(after.evidence.empty());
}

TEST_F(ArticlesTest, EvidenceOnAnExistingAdoptionMovesItsStageAndSetsAnUnknownChannelAndSaysSo) {
    Id practice = PracticeId("yugra-school-volunteer-squads");
    Adoption existing;
    existing.practice_id = practice;
    existing.adopter = Place{"72", std::nullopt, std::nullopt};
    existing.channel = Channel::kOther;
    existing.stage_history.push_back({AdoptionStage::kStudy, "2023-01-10", ""});
    auto ex = app_->Create(Curator(), existing);
    ASSERT_TRUE(ex.ok()) << ex.error().message;
    auto v = Submit(kStory, "https://example.ru/news/squads");
    const auto* fact = Find(v, "adoption");
    ASSERT_NE(fact, nullptr);
    // The suggestion of this practice names the record it would gather evidence on.
    auto item = svc().GetFact(Curator(), fact->id).value();
    bool named = false;
    for (const auto& s : item.suggestions)
        for (const auto& x : s.existing)
            named |= x.id == ex->meta.id &&
                     x.label == "внедрение № " + std::to_string(ex->meta.id) + ": Тюменская область, Другое, Изучение";
    EXPECT_TRUE(named);

    FactEdits e;
    e.practice_id = practice;
    e.channel = Channel::kPersonnel;
    e.stage = AdoptionStage::kImplemented;
    e.on_match = "evidence";
    e.match_id = ex->meta.id;
    auto r = svc().Accept(Curator(), fact->id, e);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "merged");
    EXPECT_EQ(r->resolved_id.value_or(0), ex->meta.id);
    auto a = app_->Get<Adoption>(Actor::System(), ex->meta.id).value();
    EXPECT_EQ(a.stage(), AdoptionStage::kImplemented);
    EXPECT_EQ(a.stage_history.back().at, "2024-03-15");
    EXPECT_EQ(a.channel, Channel::kPersonnel);
    ASSERT_EQ(a.evidence.size(), 1u);
    std::set<std::string> actions;
    for (const auto& o : r->outcome) actions.insert(o["action"].get<std::string>());
    EXPECT_EQ(actions, (std::set<std::string>{"evidence_added", "stage_moved", "channel_set"}));
    for (const auto& o : r->outcome)
        if (o["action"] == "stage_moved") {
            EXPECT_EQ(o["from"], "Изучение");
            EXPECT_EQ(o["to"], "Внедрено");
        }
}

TEST_F(ArticlesTest, ANewDraftPracticeIsCreatedFromThePhraseWhenNoneFits) {
    auto v = Submit(kStory, "https://example.ru/news/new-practice");
    const auto* fact = Find(v, "adoption");
    ASSERT_NE(fact, nullptr);
    FactEdits e;
    e.new_practice_title = "Муниципальные штабы добровольцев";
    e.channel = Channel::kPersonnel;
    auto missing = svc().Accept(Curator(), fact->id, e);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().field, "new_practice_domain");
    // an unknown domain is told on the form's field, not on the practice record's «domains[0]»
    e.new_practice_domain = "social";
    auto unknown = svc().Accept(Curator(), fact->id, e);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().field, "new_practice_domain");
    EXPECT_EQ(unknown.error().rule, "unknown_domain");
    // naming the codes there are, so an API client can correct it
    EXPECT_NE(unknown.error().message.find("volunteering"), std::string::npos) << unknown.error().message;
    EXPECT_NE(unknown.error().message.find("social_services"), std::string::npos) << unknown.error().message;
    e.new_practice_domain = "volunteering";
    auto r = svc().Accept(Curator(), fact->id, e);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->outcome.size(), 2u);
    EXPECT_EQ(r->outcome[0]["kind"], "practice");
    auto p = app_->Get<Practice>(Actor::System(), r->outcome[0]["id"].get<Id>()).value();
    EXPECT_EQ(p.title, "Муниципальные штабы добровольцев");
    EXPECT_EQ(p.origin.region, "86");
    EXPECT_EQ(p.state, ModerationState::kDraft);
    auto a = app_->Get<Adoption>(Actor::System(), *r->resolved_id).value();
    EXPECT_EQ(a.practice_id, p.meta.id);
    // Another practice found by words of its title.
    auto found = svc().FindPractices(Curator(), "серебряные волонтёры");
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ(found->front().practice_id, PracticeId("yugra-silver-volunteers"));
}

// The review loop keeps the source's town: a new draft practice borrowed from Чебоксары has its origin in
// Чебоксары (not only in Чувашия), and a later article about a town that borrowed from an earlier adopter
// links the new adoption to that adopter's record — the edge on the network runs town to town.
TEST_F(ArticlesTest, TheSourceTownIsKeptOnTheNewPracticeAndTheLineageRunsThroughATownsAdoption) {
    auto town = [&](const std::string& region, const std::string& name) {
        Id id = 0;
        EXPECT_TRUE(StoreAccess::Of(*app_)
                        .Scan("municipality",
                              [&](const storage::Doc& d) {
                                  auto m = FromDoc<Municipality>(d);
                                  if (m.region == region && m.name == name) id = m.meta.id;
                                  return id == 0;
                              })
                        .ok());
        return id;
    };
    const Id cheboksary = town("21", "Чебоксары"), kanash = town("21", "Канаш"),
             novocheb = town("21", "Новочебоксарск");
    ASSERT_GT(cheboksary, 0);
    ASSERT_GT(kanash, 0);
    ASSERT_GT(novocheb, 0);

    auto v = Submit("Власти Канаша переняли у Чебоксар сетчатые контейнеры для сбора пластиковых бутылок.",
                    "https://example.ru/news/nets-kanash");
    const auto* fact = Find(v, "adoption");
    ASSERT_NE(fact, nullptr);
    FactEdits e;
    e.new_practice_title = "Сетчатые контейнеры для пластиковых бутылок";
    e.new_practice_domain = "ecology";
    e.channel = Channel::kDirectContact;
    auto r = svc().Accept(Curator(), fact->id, e);
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto p = app_->Get<Practice>(Actor::System(), r->outcome[0]["id"].get<Id>()).value();
    EXPECT_EQ(p.origin.region, "21");
    EXPECT_EQ(p.origin.municipality_id.value_or(0), cheboksary);
    auto kanash_adoption = app_->Get<Adoption>(Actor::System(), *r->resolved_id).value();
    EXPECT_EQ(kanash_adoption.adopter.municipality_id.value_or(0), kanash);
    EXPECT_FALSE(kanash_adoption.source_adoption_id.has_value());  // borrowed from the origin itself

    // Новочебоксарск borrowed from Канаш: same region as the origin, another town — the lineage goes through
    // Канаш's adoption, not back to Чебоксары.
    auto w = Submit("Власти Новочебоксарска переняли у Канаша сетчатые контейнеры для сбора пластиковых бутылок.",
                    "https://example.ru/news/nets-novocheboksarsk");
    const auto* second = Find(w, "adoption");
    ASSERT_NE(second, nullptr);
    FactEdits e2;
    e2.practice_id = p.meta.id;
    e2.channel = Channel::kDirectContact;
    e2.source_region = "21";
    e2.source_municipality_id = kanash;  // what the form shows when the extractor found Канаш
    auto r2 = svc().Accept(Curator(), second->id, e2);
    ASSERT_TRUE(r2.ok()) << r2.error().message;
    auto novocheb_adoption = app_->Get<Adoption>(Actor::System(), *r2->resolved_id).value();
    EXPECT_EQ(novocheb_adoption.adopter.municipality_id.value_or(0), novocheb);
    EXPECT_EQ(novocheb_adoption.source_adoption_id.value_or(0), kanash_adoption.meta.id);
    // Another article about Канаш meets Канаш's own record: the curator is asked, naming it.
    auto again = Submit(
        "В Канаше по примеру Чебоксар сетчатые контейнеры для сбора пластиковых бутылок поставили уже во всех дворах.",
        "https://example.ru/news/nets-kanash-again");
    const auto* repeat = Find(again, "adoption");
    ASSERT_NE(repeat, nullptr);
    {
        FactEdits e4;
        e4.practice_id = p.meta.id;
        e4.adopter_region = "21";
        e4.adopter_municipality_id = kanash;
        e4.channel = Channel::kDirectContact;
        auto ask = svc().Accept(Curator(), repeat->id, e4);
        ASSERT_FALSE(ask.ok());
        EXPECT_EQ(ask.error().field, "on_match");
        EXPECT_NE(ask.error().message.find("№ " + std::to_string(kanash_adoption.meta.id) + ": Канаш"),
                  std::string::npos)
            << ask.error().message;
    }

    // A town of another region as the source is refused, naming the field, and nothing is created.
    auto v3 = Submit("Власти Шумерли переняли у Чебоксар сетчатые контейнеры для сбора пластиковых бутылок.",
                     "https://example.ru/news/nets-shumerlya");
    const auto* third = Find(v3, "adoption");
    ASSERT_NE(third, nullptr);
    FactEdits e3;
    e3.new_practice_title = "Сетки для бутылок";
    e3.new_practice_domain = "ecology";
    e3.channel = Channel::kDirectContact;
    e3.source_region = "72";
    e3.source_municipality_id = cheboksary;
    const auto practices = Count("practice");
    auto bad = svc().Accept(Curator(), third->id, e3);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("belongs to region 21"), std::string::npos) << bad.error().message;
    EXPECT_EQ(bad.error().field, "source_municipality_id");  // the field the curator filled
    EXPECT_EQ(Count("practice"), practices);
    EXPECT_EQ(svc().GetFact(Curator(), third->id)->fact.status, "proposed");
}

// Issue 13: «Губернатор Югры» is the governor's current post (not a past one ending on the article's
// date); dates given in the form are kept and the period is respected.
TEST_F(ArticlesTest, PositionsKeepTheirPeriodAndDatesAndPersonsAreMatchedByNameAndRegion) {
    Id kovalenko = StoreAccess::Of(*app_).FindOne("person", "key", "kovalenko-ig")->id;
    auto positions_before = app_->PositionsOf(Actor::System(), kovalenko).value();
    auto v = Submit(kStory, "https://example.ru/news/governor-dates");
    const auto* gov = Find(v, "position", [](const ProposedFact& f) {
        return f.fact["position"].is_object() &&
               text::Fold(f.fact["position"]["text"].get<std::string>()) == "губернатор";
    });
    ASSERT_NE(gov, nullptr);
    // The curator types the name without the patronymic and the post as written: the person is matched
    // by name and region, the post by its title.
    FactEdits e;
    e.last_name = "Коваленко";
    e.first_name = "Игорь";
    e.title = "Губернатор Югры";
    e.region = "86";
    e.period = "current";
    auto r = svc().Accept(Curator(), gov->id, e);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, "merged");
    auto pos = app_->Get<Position>(Actor::System(), *r->resolved_id).value();
    EXPECT_EQ(pos.person_id, kovalenko);
    EXPECT_EQ(pos.title, "губернатор");
    EXPECT_FALSE(pos.to.has_value());  // still current
    // The career link: evidence on his latest position in Tyumen, whose end stays 2019-05-31.
    const auto* career = Find(v, "position", [](const ProposedFact& f) { return f.fact["position"].is_null(); });
    ASSERT_NE(career, nullptr);
    auto c = svc().Accept(Curator(), career->id, {});
    ASSERT_TRUE(c.ok()) << c.error().message;
    auto tyumen = app_->Get<Position>(Actor::System(), *c->resolved_id).value();
    EXPECT_EQ(tyumen.region.value_or(""), "72");
    EXPECT_EQ(tyumen.to.value_or(""), "2019-05-31");
    EXPECT_EQ(app_->PositionsOf(Actor::System(), kovalenko)->size(), positions_before.size());

    // A new past post: dates as given; a current post cannot have an end date.
    auto v2 = Submit("Министр образования Курганской области Пётр Верхоланцев рассказал о проекте.\n",
                     "https://example.ru/news/kurgan-minister");
    const auto* f = Find(v2, "position");
    ASSERT_NE(f, nullptr);
    FactEdits bad;
    bad.period = "current";
    bad.to = "2020-01-01";
    auto refused = svc().Accept(Curator(), f->id, bad);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, "to");
    FactEdits past;
    past.period = "past";
    past.from = "2015-02-01";
    past.to = "2020-01-01";
    auto ok = svc().Accept(Curator(), f->id, past);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    auto created = app_->Get<Position>(Actor::System(), *ok->resolved_id).value();
    EXPECT_EQ(created.from.value_or(""), "2015-02-01");
    EXPECT_EQ(created.to.value_or(""), "2020-01-01");
}

// Issue 13: an accepted adoption and career link reach the analytics snapshot within a second: the
// network edge Югра → Тюменская область with the personnel channel, and the person in the career table.
TEST_F(ArticlesTest, AcceptedFactsReachTheAnalyticsSnapshotWithinASecond) {
    ASSERT_TRUE(app_->StartAnalytics(true).ok());
    Id practice = PracticeId("yugra-long-term-care-volunteers");
    Id kovalenko = StoreAccess::Of(*app_).FindOne("person", "key", "kovalenko-ig")->id;
    auto v = Submit(kStory, "https://example.ru/news/analytics");
    const auto* fact = Find(v, "adoption");
    ASSERT_NE(fact, nullptr);
    FactEdits e;
    e.practice_id = practice;
    e.channel = Channel::kPersonnel;
    e.on_match = "new";
    auto r = svc().Accept(Curator(), fact->id, e);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const Id adoption = *r->resolved_id;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    bool in_snapshot = false, in_careers = false;
    while (std::chrono::steady_clock::now() < deadline && !(in_snapshot && in_careers)) {
        auto s = app_->analytics().Get();
        if (s && s->adoption_by_id.count(adoption)) {
            in_snapshot = true;
            const auto& row = s->adoptions[s->adoption_by_id.at(adoption)];
            EXPECT_EQ(row.channel, Channel::kPersonnel);
            EXPECT_EQ(s->regions[row.source_region].code, "86");
            EXPECT_EQ(s->regions[row.adopter_region].code, "72");
            for (const auto& link : analytics::CareerOverlay(*s, 3).links)
                if (s->moves[link.move].person_id == kovalenko)
                    for (int i : link.adoptions) in_careers |= s->adoptions[i].id == adoption;
        }
        if (!(in_snapshot && in_careers)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(in_snapshot);
    EXPECT_TRUE(in_careers);
}

// Issue 12 wired into the review (product story): an article saying that the region borrowed TWO
// practices from Yugra gives two adoption facts, each with its own phrase, the regions from the
// extractor's adopter_region / source_region and its own ranked catalogue candidates; accepting both
// with the personnel channel creates two adoptions and the network edge Югра → Тюменская область.
TEST_F(ArticlesTest, TwoPracticesBorrowedInOneSentenceGiveTwoFactsAndTwoAdoptionsOnTheEdge) {
    (void)app_->StartAnalytics(true);  // may run already (an earlier test started it)
    const char* article =
        "Тюменская область переняла у Югры систему учёта добровольческих часов и систему долговременного ухода "
        "с участием добровольцев.\n"
        "Губернатор Югры Игорь Коваленко много лет работал в Тюменской области.\n";
    auto v = Submit(article, "https://example.ru/news/two-practices");
    std::vector<const ProposedFact*> facts;
    for (const auto& f : v.facts)
        if (f.kind == "adoption") facts.push_back(&f);
    ASSERT_EQ(facts.size(), 2u) << v.extraction.dump(1);
    const Id registry = PracticeId("yugra-volunteer-hours-registry");
    const Id care = PracticeId("yugra-long-term-care-volunteers");
    std::map<Id, Id> fact_for;  // the practice each fact ranks first → the fact
    std::set<std::string> phrases;
    for (const auto* f : facts) {
        EXPECT_EQ(f->fact.value("adopter_region", ""), "72");
        EXPECT_EQ(f->fact.value("source_region", ""), "86");
        EXPECT_NE(std::find(f->regions.begin(), f->regions.end(), "72"), f->regions.end());
        EXPECT_NE(std::find(f->regions.begin(), f->regions.end(), "86"), f->regions.end());
        phrases.insert(f->fact["practice"].value("text", ""));
        auto item = svc().GetFact(Curator(), f->id);
        ASSERT_TRUE(item.ok());
        ASSERT_FALSE(item->suggestions.empty());
        fact_for[item->suggestions.front().practice_id] = f->id;
    }
    EXPECT_EQ(phrases.size(), 2u);  // each fact has its own phrase
    ASSERT_TRUE(fact_for.count(registry)) << v.extraction.dump(1);
    ASSERT_TRUE(fact_for.count(care)) << v.extraction.dump(1);

    // The curator retypes nothing: the practice chosen among the candidates, the channel, a new record.
    std::vector<Id> adoptions;
    for (Id practice : {registry, care}) {
        FactEdits e;
        e.practice_id = practice;
        e.channel = Channel::kPersonnel;
        e.on_match = "new";
        auto r = svc().Accept(Curator(), fact_for[practice], e);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->status, "accepted");
        auto a = app_->Get<Adoption>(Actor::System(), *r->resolved_id).value();
        EXPECT_EQ(a.practice_id, practice);
        EXPECT_EQ(a.adopter.region, "72");
        EXPECT_EQ(a.channel, Channel::kPersonnel);
        adoptions.push_back(a.meta.id);
    }
    ASSERT_NE(adoptions[0], adoptions[1]);

    // Both reach the network view as the edge Югра → Тюменская область with the personnel channel.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    bool on_edge = false;
    while (std::chrono::steady_clock::now() < deadline && !on_edge) {
        auto s = app_->analytics().Get();
        if (s && s->adoption_by_id.count(adoptions[0]) && s->adoption_by_id.count(adoptions[1])) {
            for (Id id : adoptions) {
                const auto& row = s->adoptions[s->adoption_by_id.at(id)];
                EXPECT_EQ(s->regions[row.source_region].code, "86");
                EXPECT_EQ(s->regions[row.adopter_region].code, "72");
            }
            auto net = analytics::Network(*s, {});
            ASSERT_TRUE(net.ok());
            for (const auto& edge : net->edges)
                on_edge |= s->regions[edge.source].code == "86" && s->regions[edge.target].code == "72" &&
                           edge.channels[static_cast<std::size_t>(Channel::kPersonnel)] >= 2;
        }
        if (!on_edge) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(on_edge);
}

// Issue 12 wired into the review: a position fact gives the whole post with its body as the title,
// the person's nominative name and the date of the appointment; accepting it retypes nothing.
TEST_F(ArticlesTest, PositionFactsTakeThePostTheNormalNameAndTheDate) {
    auto v = Submit(
        "Первым заместителем губернатора Тюменской области 1 сентября 2023 года назначен Андрей "
        "Соколов.\n",
        "https://example.ru/news/first-deputy", "2023-09-02");
    const auto* f = Find(v, "position");
    ASSERT_NE(f, nullptr) << v.extraction.dump(1);
    EXPECT_EQ(f->fact.value("post", ""), "первый заместитель губернатора Тюменской области") << f->fact.dump(1);
    EXPECT_EQ(f->fact.value("date", ""), "2023-09-01") << f->fact.dump(1);
    auto r = svc().Accept(Curator(), f->id, {});
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto pos = app_->Get<Position>(Actor::System(), *r->resolved_id).value();
    EXPECT_EQ(pos.title, "первый заместитель губернатора Тюменской области");
    EXPECT_EQ(pos.region.value_or(""), "72");
    EXPECT_EQ(pos.from.value_or(""), "2023-09-01");
    EXPECT_FALSE(pos.to.has_value());
    auto person = app_->Get<Person>(Actor::System(), pos.person_id).value();
    EXPECT_EQ(person.first_name, "Андрей");
    EXPECT_EQ(person.last_name, "Соколов");

    // The same person and post in another article: matched by the normal name and the region, evidence added.
    auto v2 = Submit("Первый заместитель губернатора Тюменской области Андрей Соколов провёл совещание.\n",
                     "https://example.ru/news/first-deputy-2", "2023-10-02");
    const auto* f2 = Find(v2, "position");
    ASSERT_NE(f2, nullptr) << v2.extraction.dump(1);
    auto r2 = svc().Accept(Curator(), f2->id, {});
    ASSERT_TRUE(r2.ok()) << r2.error().message;
    EXPECT_EQ(r2->status, "merged");
    EXPECT_EQ(r2->resolved_id.value_or(0), pos.meta.id);
}

// A code outside a vocabulary is refused with the field, rule "enum" and the allowed codes, as the
// entities' own codec does, so a curator's client learns what to send.
TEST(FactEditsTest, UnknownCodesNameTheFieldAndTheAllowedCodes) {
    auto bad = ParseFactEdits(Json::parse(R"({"channel":"study_visit"})"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "channel");
    EXPECT_EQ(bad.error().rule, "enum");
    EXPECT_NE(bad.error().message.find("personnel"), std::string::npos) << bad.error().message;
    EXPECT_NE(bad.error().message.find("study_visit"), std::string::npos) << bad.error().message;
    auto stage = ParseFactEdits(Json::parse(R"({"stage":"done"})"));
    ASSERT_FALSE(stage.ok());
    EXPECT_EQ(stage.error().field, "stage");
    EXPECT_NE(stage.error().message.find("implemented"), std::string::npos) << stage.error().message;
    auto good = ParseFactEdits(Json::parse(R"({"channel":"press","stage":"pilot"})"));
    ASSERT_TRUE(good.ok()) << good.error().message;
    EXPECT_EQ(good->channel, Channel::kPress);
}

}  // namespace
}  // namespace orientir::app
