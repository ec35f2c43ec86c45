#include "search/search.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "domain/codec.hpp"

namespace orientir::search {
namespace {

namespace fs = std::filesystem;

class SearchIndexTest : public ::testing::Test {
protected:
    void SetUp() override {
        static int n = 0;
        root_ = fs::temp_directory_path() /
                ("orientir-search-test-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
        fs::remove_all(root_);
        fs::create_directories(root_);
        storage::SqliteOptions so;
        so.path = (root_ / "store.db").string();
        so.synchronous_full = false;
        auto s = storage::OpenSqliteStore(so);
        ASSERT_TRUE(s.ok()) << s.error().message;
        store_ = std::move(s).value();
    }
    void TearDown() override {
        index_.reset();
        store_.reset();
        fs::remove_all(root_);
    }

    Options Opts() const {
        Options o;
        o.dir = (root_ / "index").string();
        o.data_dir = ORIENTIR_SOURCE_DATA_DIR;
        o.durable = false;
        o.poll = std::chrono::milliseconds(100);
        return o;
    }
    void OpenIndex() {
        index_.reset();
        auto r = SearchIndex::Open(Opts(), *store_);
        ASSERT_TRUE(r.ok()) << r.error().message;
        index_ = std::move(r).value();
    }

    template <class T>
    std::int64_t Insert(const std::string& kind, const T& entity) {
        std::int64_t id = 0;
        auto st = store_->Write([&](storage::WriteTx& tx) -> Status {
            ORIENTIR_ASSIGN(auto d, tx.Insert(kind, domain::ToJson(entity).dump(), {}));
            id = d.id;
            return Status::Ok();
        });
        EXPECT_TRUE(st.ok());
        return id;
    }
    template <class T>
    void Update(const std::string& kind, std::int64_t id, const T& entity) {
        auto st = store_->Write([&](storage::WriteTx& tx) -> Status {
            ORIENTIR_ASSIGN(auto d, tx.Update(kind, id, std::nullopt, domain::ToJson(entity).dump(), {}));
            (void)d;
            return Status::Ok();
        });
        EXPECT_TRUE(st.ok());
    }
    void Delete(const std::string& kind, std::int64_t id) {
        EXPECT_TRUE(store_->Write([&](storage::WriteTx& tx) { return tx.Delete(kind, id, std::nullopt); }).ok());
    }

    static domain::Practice MakePractice(std::string title, std::string summary, std::vector<std::string> domains,
                                         std::string region, std::string from = "2023-01-01") {
        domain::Practice p;
        p.title = std::move(title);
        p.summary = std::move(summary);
        p.domains = std::move(domains);
        p.origin.region = std::move(region);
        p.state = domain::ModerationState::kPublished;
        p.period.from = from;
        return p;
    }
    std::int64_t AddPractice(std::string title, std::string summary, std::vector<std::string> domains,
                             std::string region, std::string from = "2023-01-01") {
        return Insert("practice",
                      MakePractice(std::move(title), std::move(summary), std::move(domains), std::move(region), from));
    }

    SearchResult Find(const std::string& q, SearchQuery base = {}) {
        base.q = q;
        auto r = index_->Search(base);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? std::move(r).value() : SearchResult{};
    }
    static bool HasHit(const SearchResult& r, std::int64_t id) {
        for (const auto& h : r.hits)
            if (h.id == id) return true;
        return false;
    }

    fs::path root_;
    std::unique_ptr<storage::Store> store_;
    std::unique_ptr<SearchIndex> index_;
};

TEST_F(SearchIndexTest, VolunteeringInYugraFindsVolunteerActivityInKhantyMansiOkrug) {
    // Region 72 on purpose: the match must come from the text, not only from the origin region.
    auto id = AddPractice("Организация добровольческой деятельности в Ханты-Мансийском автономном округе",
                          "Ресурсный центр сопровождает добровольцев.", {"youth_policy"}, "72");
    AddPractice("Расселение аварийного жилья", "Частные инвестиции в КРТ.", {"krt_housing"}, "72");
    OpenIndex();
    auto r = Find("волонтерство в Югре");
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_EQ(r.hits[0].id, id);
    EXPECT_EQ(r.hits[0].kind, "practice");
}

TEST_F(SearchIndexTest, ArtEducationOfSchoolchildrenFindsInterestOfSchoolchildrenInArtEducation) {
    auto id = AddPractice("Интерес школьников к художественному образованию",
                          "Детская школа искусств проводит открытые уроки.", {"culture_art_education"}, "86");
    AddPractice("Цифровые сервисы школ", "Электронный дневник.", {"digitalisation"}, "86");
    OpenIndex();
    auto r = Find("художественное образование школьников");
    ASSERT_FALSE(r.hits.empty());
    EXPECT_EQ(r.hits[0].id, id);
    EXPECT_TRUE(HasHit(Find("художественного образования"), id));
}

TEST_F(SearchIndexTest, RegionAliasesAdjectivesAndAbbreviations) {
    auto yugra = AddPractice("Волонтёрский корпус", "Гуманитарные миссии.", {"volunteering"}, "86");
    auto tyumen = AddPractice("Опыт муниципалитетов", "Проект реализован в Тюменской области.", {"education"}, "72");
    auto krt = AddPractice("Комплексное развитие территорий", "Расселение ветхих домов.", {"krt_housing"}, "66");
    auto dshi =
        AddPractice("Выставка детской школы искусств", "Выставка работ учеников.", {"culture_art_education"}, "66");
    OpenIndex();
    EXPECT_TRUE(HasHit(Find("ХМАО"), yugra));  // by origin region
    EXPECT_TRUE(HasHit(Find("югорский волонтерский корпус"), yugra));
    EXPECT_TRUE(HasHit(Find("тюменский"), tyumen));
    EXPECT_TRUE(HasHit(Find("КРТ"), krt));
    EXPECT_TRUE(HasHit(Find("крт"), krt));
    EXPECT_TRUE(HasHit(Find("ДШИ"), dshi));
    EXPECT_TRUE(HasHit(Find("добровольчество"), yugra));
}

TEST_F(SearchIndexTest, TypoGivesSuggestionAndCorrectedResults) {
    auto id = AddPractice("Волонтерство в музеях", "Добровольцы помогают музеям.", {"volunteering"}, "86");
    OpenIndex();
    auto r = Find("волнтерство музеях");
    ASSERT_TRUE(r.suggestion.has_value());
    EXPECT_EQ(r.suggestion->text, "волонтерство музеях");
    EXPECT_TRUE(r.suggestion->applied);
    EXPECT_NE(r.suggestion->html.find("<mark>волонтерство</mark>"), std::string::npos) << r.suggestion->html;
    EXPECT_TRUE(HasHit(r, id));
}

TEST_F(SearchIndexTest, FacetsCountAndFilter) {
    AddPractice("Волонтеры Победы", "Добровольцы.", {"volunteering"}, "86", "2021-05-01");
    AddPractice("Волонтеры культуры", "Добровольцы в ДШИ.", {"volunteering", "culture_art_education"}, "72",
                "2022-05-01");
    AddPractice("Серебряные волонтеры", "Старшее поколение.", {"volunteering", "social_services"}, "72", "2022-06-01");
    OpenIndex();
    auto r = Find("волонтеры");
    EXPECT_EQ(r.total.value, 3);
    EXPECT_TRUE(r.total.exact);
    EXPECT_TRUE(r.facets_exact);
    auto facet = [&](const SearchResult& res, const std::string& name, const std::string& value) -> std::int64_t {
        for (const auto& f : res.facets)
            if (f.name == name)
                for (const auto& v : f.values)
                    if (v.value == value) return v.count;
        return 0;
    };
    EXPECT_EQ(facet(r, "domain", "volunteering"), 3);
    EXPECT_EQ(facet(r, "domain", "culture_art_education"), 1);
    EXPECT_EQ(facet(r, "region", "72"), 2);
    EXPECT_EQ(facet(r, "district", "ural"), 3);
    EXPECT_EQ(facet(r, "year", "2022"), 2);
    EXPECT_EQ(facet(r, "kind", "practice"), 3);
    for (const auto& f : r.facets) {
        if (f.name == "region") {
            EXPECT_EQ(f.values[0].label, "Тюменская область");
        }
    }

    SearchQuery q;
    q.regions = {"72"};
    q.domains = {"social_services", "culture_art_education"};
    auto filtered = Find("волонтеры", q);
    EXPECT_EQ(filtered.total.value, 2);
    q.years = {"2021"};
    EXPECT_EQ(Find("волонтеры", q).total.value, 0);
    // Browsing without words: newest first.
    SearchQuery browse;
    browse.kinds = {"practice"};
    auto all = Find("", browse);
    ASSERT_EQ(all.hits.size(), 3u);
    EXPECT_EQ(all.hits[0].date, "2022-06-01");
}

TEST_F(SearchIndexTest, SnippetsHighlightMatchesAndEscapeHtml) {
    AddPractice("Практика", "Организация <b>добровольческой</b> деятельности & поддержка <script>alert(1)</script>",
                {"volunteering"}, "86");
    OpenIndex();
    auto r = Find("добровольческая деятельность");
    ASSERT_EQ(r.hits.size(), 1u);
    const auto& s = r.hits[0].snippet;
    EXPECT_NE(s.find("<mark>добровольческой</mark>"), std::string::npos) << s;
    EXPECT_NE(s.find("<mark>деятельности</mark>"), std::string::npos) << s;
    EXPECT_NE(s.find("&lt;script&gt;"), std::string::npos) << s;
    EXPECT_EQ(s.find("<script>"), std::string::npos) << s;
    EXPECT_EQ(s.find("<b>"), std::string::npos) << s;
}

// Snowball gives «посёлок» and «посёлка» different stems (fleeting vowel); the dictionary joins them,
// for words, inside quoted phrases and in exclusions, and the snippet marks the form that matched.
TEST_F(SearchIndexTest, DictionaryLemmasJoinFormsThatStemsMiss) {
    auto village =
        AddPractice("Благоустройство", "Дворы посёлка городского типа и детские кружки", {"krt_housing"}, "72");
    auto clubs = AddPractice("Досуг", "Десять кружков для школьников в посёлке", {"culture_art_education"}, "86");
    OpenIndex();
    auto r = Find("посёлок");
    EXPECT_TRUE(HasHit(r, village));
    EXPECT_TRUE(HasHit(r, clubs));
    EXPECT_TRUE(HasHit(Find("кружок"), clubs));
    EXPECT_TRUE(HasHit(Find("\"посёлок городского типа\""), village));
    auto ex = Find("школьников -посёлок");
    EXPECT_FALSE(HasHit(ex, clubs));
    auto marked = Find("поселок");
    ASSERT_EQ(marked.hits.size(), 2u);
    for (const auto& h : marked.hits) {
        const char* form = h.id == village ? "<mark>посёлка</mark>" : "<mark>посёлке</mark>";
        EXPECT_NE(h.snippet.find(form), std::string::npos) << h.snippet;
    }
}

// Snippets mark what the index matched, wherever it is in the source: synonyms and later fields.
TEST_F(SearchIndexTest, SnippetsMarkSynonymsAndLaterFields) {
    domain::Practice p = MakePractice("Практика", "Короткое описание.", {"volunteering"}, "86");
    p.problem = "Не хватало людей.";
    p.solution = "Развивали добровольчество в школах.";
    auto id = Insert("practice", p);
    OpenIndex();
    auto r = Find("волонтеры");
    ASSERT_TRUE(HasHit(r, id));
    EXPECT_NE(r.hits[0].snippet.find("<mark>добровольчество</mark>"), std::string::npos) << r.hits[0].snippet;
    EXPECT_EQ(r.hits[0].snippet.find("<mark>школ"), std::string::npos) << r.hits[0].snippet;
}

// A field that does not fit in the snippet source is left out whole, without a dangling separator.
TEST_F(SearchIndexTest, SnippetSourceKeepsWholeFieldsOnly) {
    std::string summary;
    while (summary.size() < 1150) summary += "волонтёры помогают ";
    summary += "итоговый отчёт";  // the window for «отчёт» reaches the end of the source
    domain::Practice p = MakePractice("Практика", summary, {"volunteering"}, "86");
    p.problem = std::string(150, 'q');  // one long word: no place to cut it
    auto id = Insert("practice", p);
    OpenIndex();
    auto r = Find("отчёт");
    ASSERT_TRUE(HasHit(r, id));
    const auto& snippet = r.hits[0].snippet;
    EXPECT_NE(snippet.find("<mark>отчёт</mark>"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("·"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("qqq"), std::string::npos) << snippet;
}

// When nothing holds every word, documents holding some are shown and flagged — but a number or a single
// letter alone does not stand for the query.
TEST_F(SearchIndexTest, RelaxedAnswersNeedAMeaningfulWord) {
    auto school = AddPractice("Школа № 1", "Детская школа искусств.", {"culture_art_education"}, "72");
    OpenIndex();
    auto r = Find("школа небывальщина");
    EXPECT_TRUE(r.relaxed);
    EXPECT_TRUE(HasHit(r, school));
    auto weak = Find("<script>alert(1)</script>");
    EXPECT_FALSE(weak.relaxed);
    EXPECT_TRUE(weak.hits.empty()) << weak.hits.size();
}

// Hidden helper documents (adoptions) never come back, also when the text query skips the kind filter.
TEST_F(SearchIndexTest, HiddenDocumentsNeverMatch) {
    auto pid = AddPractice("Школа волонтёров", "Добровольцы учат добровольцев.", {"volunteering"}, "86");
    domain::Adoption a;
    a.practice_id = pid;
    a.adopter.region = "72";
    a.stage_history = {{domain::AdoptionStage::kInterest, "2024-01-10", ""}};
    Insert("adoption", a);
    OpenIndex();
    for (const auto& q : {"волонтеры", "-школа", "", "\"школа волонтёров\""}) {
        auto r = Find(q);
        for (const auto& h : r.hits) EXPECT_NE(h.kind, "adoption") << q;
        EXPECT_EQ(r.total.value, static_cast<std::int64_t>(r.hits.size())) << q;
    }
}

// An index written by another format version is rebuilt when opened, not misread.
TEST_F(SearchIndexTest, IndexOfAnotherFormatIsRebuiltAtOpen) {
    auto id = AddPractice("Ресурсный центр", "Поддержка НКО.", {"ngo_support"}, "86");
    OpenIndex();
    auto gen = index_->Stats().generation;
    index_.reset();
    {
        // Pretend an older indexer wrote it.
        Xapian::WritableDatabase db((root_ / "index" / gen).string(), Xapian::DB_OPEN);
        db.set_metadata("orientir.format", "1");
        db.commit();
    }
    OpenIndex();
    EXPECT_NE(index_->Stats().generation, gen);
    EXPECT_TRUE(HasHit(Find("ресурсный"), id));
}

TEST_F(SearchIndexTest, PhrasesAndExclusion) {
    auto a = AddPractice("Художественное образование детей", "Программа.", {"culture_art_education"}, "86");
    auto b =
        AddPractice("Образование художественное и музыкальное", "Программа музыки.", {"culture_art_education"}, "86");
    OpenIndex();
    auto r = Find("\"художественное образование\"");
    EXPECT_TRUE(HasHit(r, a));
    EXPECT_FALSE(HasHit(r, b));
    auto ex = Find("образование -музыкальное");
    EXPECT_TRUE(HasHit(ex, a));
    EXPECT_FALSE(HasHit(ex, b));
}

TEST_F(SearchIndexTest, OnlyPublishedPracticesAreFound) {
    auto p = MakePractice("Секретный черновик", "Черновик практики.", {"education"}, "86");
    p.state = domain::ModerationState::kDraft;
    auto id = Insert("practice", p);
    OpenIndex();
    EXPECT_TRUE(Find("черновик").hits.empty());
    p.state = domain::ModerationState::kPublished;
    Update("practice", id, p);
    ASSERT_TRUE(index_->CatchUp().ok());
    EXPECT_TRUE(HasHit(Find("черновик"), id));
    Delete("practice", id);
    ASSERT_TRUE(index_->CatchUp().ok());
    EXPECT_TRUE(Find("черновик").hits.empty());
}

TEST_F(SearchIndexTest, WriteIsSearchableWithinOneSecondThroughTheFollower) {
    OpenIndex();
    index_->Start();
    auto id = AddPractice("Добровольческий штаб", "Штаб помощи.", {"volunteering"}, "86");
    auto t0 = std::chrono::steady_clock::now();
    bool found = false;
    while (!found && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1)) {
        found = HasHit(Find("штаб"), id);
        if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(found);
    index_->Stop();
}

TEST_F(SearchIndexTest, ResumesFromSavedPositionAfterRestart) {
    AddPractice("Первая практика", "Текст.", {"education"}, "86");
    OpenIndex();
    auto seq = index_->Stats().applied_seq;
    EXPECT_GT(seq, 0);
    index_.reset();  // "crash": nothing but committed state survives
    auto id = AddPractice("Вторая практика", "Текст.", {"education"}, "86");
    OpenIndex();
    EXPECT_EQ(index_->Stats().applied_seq, seq);
    EXPECT_FALSE(HasHit(Find("вторая"), id));
    ASSERT_TRUE(index_->CatchUp().ok());
    EXPECT_TRUE(HasHit(Find("вторая"), id));
    EXPECT_EQ(index_->Stats().applied_seq, store_->LastChangeSeq());
}

TEST_F(SearchIndexTest, RebuildSwapsInANewGeneration) {
    auto id = AddPractice("Экологическая тропа", "Маршрут.", {"ecology"}, "86");
    OpenIndex();
    auto before = index_->Stats().generation;
    ASSERT_TRUE(index_->Rebuild().ok());
    auto after = index_->Stats();
    EXPECT_NE(after.generation, before);
    EXPECT_FALSE(fs::exists(fs::path(Opts().dir) / before));
    EXPECT_TRUE(HasHit(Find("экологическая тропа"), id));
    // Reopening uses the new generation.
    OpenIndex();
    EXPECT_EQ(index_->Stats().generation, after.generation);
    EXPECT_TRUE(HasHit(Find("тропа"), id));
}

TEST_F(SearchIndexTest, AdoptionsGiveStageFacetAndSortOrder) {
    auto popular = AddPractice("Школа волонтеров", "Обучение.", {"volunteering"}, "86");
    auto quiet = AddPractice("Клуб волонтеров", "Встречи.", {"volunteering"}, "86");
    domain::Adoption a;
    a.practice_id = popular;
    a.adopter.region = "72";
    a.stage_history = {{domain::AdoptionStage::kInterest, "2024-01-01", ""},
                       {domain::AdoptionStage::kPilot, "2024-03-01", ""}};
    Insert("adoption", a);
    a.stage_history = {{domain::AdoptionStage::kInterest, "2024-01-01", ""}};
    Insert("adoption", a);
    OpenIndex();
    SearchQuery q;
    q.sort = SortOrder::kAdoptions;
    auto r = Find("волонтеры", q);
    ASSERT_EQ(r.hits.size(), 2u);
    EXPECT_EQ(r.hits[0].id, popular);
    EXPECT_EQ(r.hits[0].adoptions, 2);
    q.stages = {"pilot"};
    auto piloted = Find("волонтеры", q);
    ASSERT_EQ(piloted.hits.size(), 1u);
    EXPECT_EQ(piloted.hits[0].id, popular);
    // A new adoption reindexes its practice.
    a.practice_id = quiet;
    a.stage_history = {{domain::AdoptionStage::kPilot, "2024-05-01", ""}};
    Insert("adoption", a);
    ASSERT_TRUE(index_->CatchUp().ok());
    EXPECT_EQ(Find("волонтеры", q).hits.size(), 2u);
}

TEST_F(SearchIndexTest, CompletesPrefixesAcrossKinds) {
    domain::Region reg;
    reg.code = "86";
    reg.name = "Ханты-Мансийский автономный округ — Югра";
    reg.short_name = "Югра";
    reg.type = domain::RegionType::kAutonomousOkrug;
    reg.district = "ural";
    reg.aliases = {"ХМАО"};
    auto rid = Insert("region", reg);
    domain::Organisation org;
    org.name = "Детская школа искусств № 1";
    org.kind = domain::OrganisationKind::kArtSchool;
    org.region = "86";
    auto oid = Insert("organisation", org);
    OpenIndex();
    auto c = index_->Suggest("юг");
    ASSERT_TRUE(c.ok());
    ASSERT_FALSE(c->empty());
    EXPECT_EQ((*c)[0].kind, "region");
    EXPECT_EQ((*c)[0].id, rid);
    EXPECT_NE((*c)[0].html.find("<mark>Югра</mark>"), std::string::npos) << (*c)[0].html;
    auto d = index_->Suggest("детская школа иск");
    ASSERT_TRUE(d.ok());
    ASSERT_EQ(d->size(), 1u);
    EXPECT_EQ((*d)[0].id, oid);
    EXPECT_TRUE(index_->Suggest("").ok());
    EXPECT_FALSE(index_->Suggest(std::string(300, 'a')).ok());
}

TEST_F(SearchIndexTest, BadInputsAreAnsweredNotCrashed) {
    AddPractice("Волонтерство", "Текст про «кавычки» и <теги>.", {"volunteering"}, "86");
    OpenIndex();
    // Sensible results.
    const std::vector<std::string> queries{"\"волонтерство",
                                           "волонтерство\"",
                                           "\"",
                                           "\"\"\"",
                                           "-",
                                           "--",
                                           "-волонтерство",
                                           "'; DROP TABLE practices; --",
                                           "<script>alert(1)</script>",
                                           "1' OR '1'='1",
                                           std::string("волонтер") + "\x01\x7f" + "ство\nтекст",
                                           "%00",
                                           "***",
                                           "\\",
                                           "и в на"};
    for (const auto& q : queries) {
        SearchQuery sq;
        sq.q = q;
        auto r = index_->Search(sq);
        EXPECT_TRUE(r.ok()) << q;
        if (r.ok()) {
            for (const auto& h : r->hits) EXPECT_EQ(h.snippet.find("<script"), std::string::npos);
        }
    }
    auto stop = Find("и в на");
    EXPECT_TRUE(stop.hits.empty());
    EXPECT_FALSE(stop.notices.empty());
    // Clear invalid-argument errors naming the field.
    auto expect_invalid = [&](SearchQuery sq, const std::string& field) {
        auto r = index_->Search(sq);
        ASSERT_FALSE(r.ok()) << field;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(r.error().field, field);
    };
    SearchQuery sq;
    sq.q = std::string(10000, 'a');
    expect_invalid(sq, "q");
    sq.q = "\xff\xfe";
    expect_invalid(sq, "q");
    sq = {};
    sq.limit = 0;
    expect_invalid(sq, "limit");
    sq = {};
    sq.kinds = {"adoption"};
    expect_invalid(sq, "kind");
    sq = {};
    sq.regions = {"999"};
    expect_invalid(sq, "region");
    sq = {};
    sq.cursor = "abc";
    expect_invalid(sq, "cursor");
    sq = {};
    sq.stages = {"done"};
    expect_invalid(sq, "stage");
}

TEST_F(SearchIndexTest, PaginatesWithCursor) {
    for (int i = 0; i < 25; ++i)
        AddPractice("Волонтерский проект " + std::to_string(i), "Текст.", {"volunteering"}, "86");
    OpenIndex();
    SearchQuery q;
    q.limit = 10;
    std::set<std::int64_t> ids;
    std::string cursor;
    int pages = 0;
    do {
        q.cursor = cursor;
        auto r = Find("волонтерский", q);
        for (const auto& h : r.hits) ids.insert(h.id);
        cursor = r.next_cursor;
        ++pages;
    } while (!cursor.empty() && pages < 10);
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(ids.size(), 25u);
}

TEST_F(SearchIndexTest, ConcurrentSearchesWhileIndexing) {
    AddPractice("Волонтерство", "Текст.", {"volunteering"}, "86");
    OpenIndex();
    index_->Start();
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; ++t)
        readers.emplace_back([&] {
            while (!stop) {
                SearchQuery sq;
                sq.q = "волонтерство";
                if (!index_->Search(sq).ok()) ++failures;
            }
        });
    for (int i = 0; i < 30; ++i) {
        AddPractice("Волонтерство " + std::to_string(i), "Текст.", {"volunteering"}, "86");
        index_->Notify();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(failures.load(), 0);
    ASSERT_TRUE(index_->CatchUp().ok());
    EXPECT_EQ(Find("волонтерство").total.value, 31);
}

}  // namespace
}  // namespace orientir::search
