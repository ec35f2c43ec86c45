#include "extract/doc.hpp"
#include "extract/extractor.hpp"
#include "extract/tagger.hpp"
#include "extract/test_reference.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

namespace orientir::extract {

namespace {

std::shared_ptr<const Gazetteer> TestGazetteer() {
    Gazetteer::Builder b;
    domain::Region yugra;
    yugra.code = "86";
    yugra.iso = "RU-KHM";
    yugra.name = "Ханты-Мансийский автономный округ — Югра";
    yugra.short_name = "Югра";
    yugra.aliases = {"ХМАО", "Югра"};
    yugra.adjectives = {"югорский"};
    b.AddRegion(yugra);
    domain::Region tyumen;
    tyumen.code = "72";
    tyumen.iso = "RU-TYU";
    tyumen.name = "Тюменская область";
    tyumen.short_name = "Тюменская";
    tyumen.adjectives = {"тюменский"};
    b.AddRegion(tyumen);
    domain::Municipality surgut;
    surgut.region = "86";
    surgut.name = "Сургут";
    b.AddMunicipality(surgut);
    domain::Organisation org;
    org.meta.id = 42;
    org.name = "Ресурсный центр добровольчества «Волонтёры Севера»";
    org.short_name = "Волонтёры Севера";
    org.region = "86";
    b.AddOrganisation(org);
    domain::Person p;
    p.meta.id = 7;
    p.last_name = "Кравцова";
    p.first_name = "Анна";
    b.AddPerson(p);
    return b.Build();
}

const Mention* Find(const ExtractionResult& r, const std::string& text) {
    for (const auto& m : r.mentions)
        if (m.text == text) return &m;
    return nullptr;
}

}  // namespace

// Session 25. «Ростов» in a story of Ростовская область is Ростов-на-Дону, not the town Ростов of Ярославская
// область; with that region named, it stays Ростов.
TEST(Extractor, AShortTownNameIsTheHyphenatedTownOfTheRegionTheArticleNames) {
    const auto& ex = testing::ReferenceExtractor();
    auto towns = [&](const std::string& text) {
        std::vector<std::string> out;
        for (const auto& m : ex.Extract(text).mentions)
            if (m.kind == MentionKind::kMunicipality && m.ref) out.push_back(m.ref->name + "/" + m.ref->region);
        return out;
    };
    EXPECT_EQ(towns("В Ростовской области проект начинали в Ростове и Таганроге."),
              (std::vector<std::string>{"Ростов-на-Дону/61", "Таганрог/61"}));
    EXPECT_EQ(towns("Туристы Ярославской области едут в Ростов."), (std::vector<std::string>{"Ростов/76"}));
}

TEST(Extractor, MatchesInflectedAndAdjectivalRegionForms) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract("В Югре и Ханты-Мансийского автономного округа — Югры, а также в тюменских муниципалитетах.");
    const Mention* m = Find(r, "Югре");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->kind, MentionKind::kRegion);
    ASSERT_TRUE(m->ref);
    EXPECT_EQ(m->ref->iso, "RU-KHM");
    EXPECT_EQ(m->start, 2);
    EXPECT_EQ(m->end, 6);
    ASSERT_NE(Find(r, "Ханты-Мансийского автономного округа — Югры"), nullptr);
    const Mention* adj = Find(r, "тюменских");
    ASSERT_NE(adj, nullptr);
    EXPECT_TRUE(adj->adjectival);
    EXPECT_EQ(adj->ref->code, "72");
}

TEST(Extractor, ALandNamedInSoftSignIsNotItsCapitalInTheGenitive) {
    // «Ставрополье» and «Ставрополь» share a stem: «Ставрополя», «в Ставрополе» are the town, «на Ставрополье»,
    // «Ставропольем» the region
    const auto r = testing::ReferenceExtractor().Extract(
        "Службу создавали по образцу Ставрополя. В Ставрополе её хвалят. На Ставрополье её знают, а за Ставропольем "
        "и Приморье.");
    for (const char* town : {"Ставрополя", "Ставрополе"}) {
        const Mention* m = Find(r, town);
        ASSERT_NE(m, nullptr) << town;
        EXPECT_EQ(m->kind, MentionKind::kMunicipality) << town;
    }
    for (const char* land : {"Ставрополье", "Ставропольем", "Приморье"}) {
        const Mention* m = Find(r, land);
        ASSERT_NE(m, nullptr) << land;
        EXPECT_EQ(m->kind, MentionKind::kRegion) << land;
    }
}

TEST(Extractor, TheSecondHalfOfACompoundAdjectiveNamesNoRegion) {
    const auto r = testing::ReferenceExtractor().Extract(
        "Советы сформированы в Эвенкийском и Таймырском Долгано-Ненецком муниципальных районах, опыт переняли у "
        "соседей-свердловчан, а переговоры шли в российско-британском формате.");
    for (const auto& m : r.mentions) EXPECT_FALSE(m.ref && m.ref->name == "Ненецкий автономный округ") << m.text;
    const Mention* residents = Find(r, "свердловчан");
    ASSERT_NE(residents, nullptr);  // residents after a hyphen are still theirs
    EXPECT_EQ(residents->ref->name, "Свердловская область");
    const Mention* country = Find(r, "британском");
    ASSERT_NE(country, nullptr);  // so is a country's adjective («российско-британском»)
    EXPECT_EQ(country->kind, MentionKind::kCountry);
}

TEST(Extractor, MatchesCityAdjectivesAndDirectoryRecords) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract("Ученики сургутской школы и «Волонтёры Севера» встретились с Анной Кравцовой.");
    const Mention* city = Find(r, "сургутской");
    ASSERT_NE(city, nullptr);
    EXPECT_EQ(city->kind, MentionKind::kMunicipality);
    const Mention* org = Find(r, "Волонтёры Севера");
    ASSERT_NE(org, nullptr);
    EXPECT_EQ(org->ref->id, 42);
    const Mention* person = Find(r, "Анной Кравцовой");
    ASSERT_NE(person, nullptr);
    EXPECT_EQ(person->kind, MentionKind::kPerson);
    ASSERT_TRUE(person->ref);
    EXPECT_EQ(person->ref->id, 7);
}

// «Махачкала»: Snowball reads the nominative's «-ла» as a verb's past («махачка») and the oblique forms as
// «махачкал»; every case form must still find the city.
TEST(Extractor, ANameWhoseNominativeLooksLikeAVerbIsFoundInEveryCase) {
    Gazetteer::Builder b;
    domain::Municipality city;
    city.region = "05";
    city.name = "Махачкала";
    b.AddMunicipality(city);
    Extractor ex(b.Build());
    auto r = ex.Extract("Специалисты ездили в Махачкалу. В Махачкале им показали реестр. Махачкала довольна.");
    for (const char* form : {"Махачкалу", "Махачкале", "Махачкала"}) {
        const Mention* m = Find(r, form);
        ASSERT_NE(m, nullptr) << form;
        ASSERT_TRUE(m->ref) << form;
        EXPECT_EQ(m->ref->name, "Махачкала") << form;
    }
}

TEST(Extractor, FindsPersonsByPatterns) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract("Губернатор Моор и И. И. Петров встретились. Иван Сергеевич рассказал, что Моор доволен.");
    int persons = 0;
    for (const auto& m : r.mentions) persons += m.kind == MentionKind::kPerson;
    EXPECT_EQ(persons, 4);
    EXPECT_NE(Find(r, "И. И. Петров"), nullptr);
    EXPECT_NE(Find(r, "Иван Сергеевич"), nullptr);
}

TEST(Extractor, PositionFactsCarryTheWholePostAndTheDateTheTextGives) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract(
        "С 1 сентября 2025 года первым заместителем губернатора Тюменской области назначен Андрей Соколов. "
        "Вице-спикер областной думы Ирина Белова провела приём. Она избрана в марте 2024 года.");
    const Fact* first = nullptr;
    const Fact* vice = nullptr;
    for (const auto& f : r.facts) {
        if (f.kind != FactKind::kPosition || !f.person) continue;
        if (r.mentions[*f.person].normal == "Андрей Соколов") first = &f;
        if (r.mentions[*f.person].normal == "Ирина Белова") vice = &f;
    }
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->post, "первый заместитель губернатора Тюменской области");
    EXPECT_EQ(first->date, "2025-09-01");
    EXPECT_FALSE(first->past);
    ASSERT_NE(vice, nullptr);
    EXPECT_EQ(vice->post, "вице-спикер областной думы");
    EXPECT_EQ(vice->date, "2024-03");
}

TEST(Extractor, PostsInThePluralAreNoOnesPost) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract(
        "Руководители соседних регионов поддержали Александра Мишарина. "
        "Фотограф Ольга Смирнова сняла выставку.");
    int posts = 0;
    for (const auto& f : r.facts) {
        if (f.kind != FactKind::kPosition || !f.person) continue;
        ++posts;
        EXPECT_EQ(r.mentions[*f.person].normal, "Ольга Смирнова");  // a photographer, not the regions' heads
    }
    EXPECT_EQ(posts, 1);
}

// The posts of facts by the person's normal form (several facts per person allowed).
std::multimap<std::string, std::string> PostsByPerson(const ExtractionResult& r) {
    std::multimap<std::string, std::string> out;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person) out.emplace(r.mentions[*f.person].normal, f.post);
    return out;
}

TEST(Extractor, PairsPostsInARowModifiersAndObjectsWithTheRightPerson) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract(
        "Об этом сказал лидер Меджлиса крымско-татарского народа, народный депутат Украины Мустафа Джемилев. "
        "Официальный представитель Следственного комитета Владимир Маркин сообщил о деле. "
        "Губернатор назначил Андрея Сидорова министром культуры. "
        "Вместе с президентом приехали Дмитрий Медведев и Юрий Лужков. "
        "Помощник Хиллари Клинтон по европейским делам Фил Гордон посетил Белград. "
        "Это удивило Александра Брода, известного правозащитника, члена Общественной палаты.");
    auto posts = PostsByPerson(r);
    EXPECT_EQ(posts.count("Мустафа Джемилев"), 2u);  // both posts before the name are his
    auto markin = posts.find("Владимир Маркин");
    ASSERT_NE(markin, posts.end());
    EXPECT_EQ(markin->second.rfind("официальный представитель", 0), 0u) << markin->second;
    auto sidorov = posts.find("Андрей Сидоров");
    ASSERT_NE(sidorov, posts.end());
    EXPECT_EQ(sidorov->second, "министр культуры");
    EXPECT_EQ(posts.count("Дмитрий Медведев"), 0u);  // a verb stands between the post and the name
    EXPECT_EQ(posts.count("Хиллари Клинтон"), 0u);   // whose aide, not the aide
    EXPECT_EQ(posts.count("Фил Гордон"), 1u);
    EXPECT_EQ(posts.count("Александр Брод"), 1u);  // across one apposition
}

// A short post without a name is the post of the person named with it before: a repeat proposes nothing
// again, a post left (with its date) does, and says why.
TEST(Extractor, ShortPostRefersToThePersonNamedWithItBefore) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract(
        "Министр здравоохранения Кировской области Андрей Черняев представил отчёт. Как отметил министр, очереди "
        "сократились. Средства выделили, сообщил министр финансов. В декабре 2024 года министр покинул свой пост.");
    std::vector<const Fact*> facts;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition) facts.push_back(&f);
    ASSERT_EQ(facts.size(), 2u) << ToJson(r).dump(1);
    for (const Fact* f : facts) {
        ASSERT_TRUE(f->person.has_value());
        EXPECT_EQ(r.mentions[*f->person].normal, "Андрей Черняев");
        EXPECT_EQ(f->post, "министр здравоохранения Кировской области");
    }
    EXPECT_FALSE(facts[0]->past);
    EXPECT_TRUE(facts[0]->why.empty());
    EXPECT_TRUE(facts[1]->past);
    EXPECT_EQ(facts[1]->date, "2024-12");
    EXPECT_NE(facts[1]->why.find("Андрей Черняев"), std::string::npos) << facts[1]->why;
    EXPECT_EQ(facts[1]->evidence.text, "В декабре 2024 года министр покинул свой пост.");
    EXPECT_EQ(ToJson(r)["facts"][1].value("why", ""), facts[1]->why);
}

// A ministry or department named by two nouns joined by «и» keeps both and its region; an «и» that
// joins another post or a non-body phrase ends the post.
TEST(Extractor, PostsWithCoordinatedBodiesKeepBothAndTheRegion) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract(
        "Об этом сообщил министр транспорта и дорожного хозяйства Тюменской области Кирилл Бычков. "
        "По словам начальника департамента по молодёжной политике и социальным коммуникациям Елены Ефимовой, "
        "субсидии выросли. Министр культуры и глава района Пётр Орлов открыли выставку. "
        "Выступил уполномоченный по правам человека в Тюменской области Константин Кузьмин.");
    auto posts = PostsByPerson(r);
    auto bychkov = posts.find("Кирилл Бычков");
    ASSERT_NE(bychkov, posts.end());
    EXPECT_EQ(bychkov->second, "министр транспорта и дорожного хозяйства Тюменской области");
    auto efimova = posts.find("Елена Ефимова");
    ASSERT_NE(efimova, posts.end());
    EXPECT_EQ(efimova->second, "начальник департамента по молодёжной политике и социальным коммуникациям");
    for (auto [it, end] = posts.equal_range("Пётр Орлов"); it != end; ++it)
        EXPECT_EQ(it->second.find(" и "), std::string::npos) << it->second;  // two posts, not one
    auto ombudsman = posts.find("Константин Кузьмин");
    ASSERT_NE(ombudsman, posts.end());
    EXPECT_EQ(ombudsman->second, "уполномоченный по правам человека в Тюменской области");
}

TEST(Extractor, KeepsTitlesWorksAndPlacesOutOfNames) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract(
        "Император Акихито выступил с речью. Пианист стал лауреатом премии Grammy. "
        "Туристы гуляли на Арбате. Правительство одобрило закон, а полиция начала проверку. "
        "Ветераны 1-го Украинского фронта встретились в Киевской области. "
        "Полиция ищет Чжан Инъин (章莹颖), которая пропала в июне.");
    const Mention* emperor = Find(r, "Император Акихито");
    EXPECT_EQ(emperor, nullptr);
    const Mention* grammy = Find(r, "Grammy");
    EXPECT_TRUE(grammy == nullptr || grammy->kind != MentionKind::kOrganisation);
    const Mention* arbat = Find(r, "Арбате");
    EXPECT_TRUE(arbat == nullptr || arbat->kind != MentionKind::kPerson);
    const Mention* police = Find(r, "полиция");
    ASSERT_NE(police, nullptr);
    EXPECT_EQ(police->kind, MentionKind::kOrganisation);
    const Mention* front = Find(r, "1-го Украинского фронта");  // the ordinal belongs to the name
    ASSERT_NE(front, nullptr);
    EXPECT_EQ(front->kind, MentionKind::kOrganisation);
    const Mention* han = Find(r, "章莹颖");  // her name in characters, in brackets after it
    ASSERT_NE(han, nullptr);
    EXPECT_EQ(han->kind, MentionKind::kPerson);
    const Mention* oblast = Find(r, "Киевской области");
    ASSERT_NE(oblast, nullptr);
    EXPECT_EQ(oblast->kind, MentionKind::kRegion);
}

TEST(Extractor, SplitsNamesRunTogether) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract(
        "Жена Сергея Воронцова Ольга Воронцова открыла выставку. Министром стал соратник П.Сидорова "
        "К.Мельников. Пианист выступил в Карнеги-холле. Пловец Артём Лисин Лисин выиграл заплыв. "
        "Соглашение подписал посол Дж.Уилсон. Тренером команды стал Петренко-младший.");
    for (const char* name : {"Сергея Воронцова", "Ольга Воронцова", "П.Сидорова", "К.Мельников", "Артём Лисин",
                             "Дж.Уилсон", "Петренко-младший"}) {
        const Mention* m = Find(r, name);
        ASSERT_NE(m, nullptr) << name;
        EXPECT_EQ(m->kind, MentionKind::kPerson) << name;
    }
    EXPECT_EQ(Find(r, "Сергея Воронцова Ольга Воронцова"), nullptr);
    EXPECT_EQ(Find(r, "Артём Лисин Лисин"), nullptr);
    const Mention* junior = Find(r, "Петренко-младший");
    ASSERT_NE(junior, nullptr);
    EXPECT_EQ(junior->normal, "Петренко-младший");
    auto elder = ex.Extract("Компанию возглавил сын Ивана Сидорова-старшего.");
    const Mention* senior = Find(elder, "Ивана Сидорова-старшего");
    ASSERT_NE(senior, nullptr);
    EXPECT_EQ(senior->normal, "Иван Сидоров-старший");
    const Mention* hall = Find(r, "Карнеги");  // part of a compound with a lower-case word
    EXPECT_TRUE(hall == nullptr || hall->kind != MentionKind::kPerson);
    // a village's indeclinable name before a whole name of its own is no part of it; an unlisted woman's first name
    // in the instrumental takes her patronymic's case back to the nominative
    auto village = ex.Extract(
        "Директор поблагодарил главу сельского поселения Заюково Азамата Борисовича Кумыкова за помощь. Делегация "
        "прибыла во главе с директором центра Фатимой Руслановной Узденовой.");
    const Mention* head = Find(village, "Азамата Борисовича Кумыкова");
    ASSERT_NE(head, nullptr);
    EXPECT_EQ(head->normal, "Азамат Борисович Кумыков");
    // a surname opening a biography before a first name and a patronymic, even one shaped as an adjective
    auto bio = ex.Extract(
        "Справка. Бережная Ольга Николаевна родилась в 1974 году. Уважаемая Анна Петровна, "
        "поздравляем!");
    const Mention* minister = Find(bio, "Бережная Ольга Николаевна");
    ASSERT_NE(minister, nullptr);
    EXPECT_EQ(minister->normal, "Ольга Николаевна Бережная");
    EXPECT_EQ(Find(bio, "Уважаемая Анна Петровна"), nullptr);
    const Mention* director = Find(village, "Фатимой Руслановной Узденовой");
    ASSERT_NE(director, nullptr);
    EXPECT_EQ(director->normal, "Фатима Руслановна Узденова");
}

TEST(Extractor, KnowsSmallStatesAndForeignFirstNames) {
    Extractor ex(TestGazetteer());
    auto r =
        ex.Extract("Делегации Замбии и Монако посетили форум. Сын Джеймса Уилсона Фрэнк Уилсон возглавил компанию.");
    for (const char* country : {"Замбии", "Монако"}) {
        const Mention* m = Find(r, country);
        ASSERT_NE(m, nullptr) << country;
        EXPECT_EQ(m->kind, MentionKind::kCountry) << country;
    }
    const Mention* son = Find(r, "Фрэнк Уилсон");  // a first name after a first name and a surname
    ASSERT_NE(son, nullptr);
    EXPECT_EQ(son->kind, MentionKind::kPerson);
}

TEST(Extractor, GivesEveryMentionItsNominative) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract("Андрею Соколову вручили награду в Тюменской области.");
    const Mention* p = Find(r, "Андрею Соколову");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->normal, "Андрей Соколов");
    for (const auto& m : r.mentions) EXPECT_FALSE(m.normal.empty()) << m.text;
}

// «областного центра», «Ханты-Мансийске»: an adjective stressed on its ending keeps «-ой»; a town named like its
// okrug's adjective is the town.
TEST(Extractor, NamesBodiesWithStressedAdjectivesAndTownsLikeTheirOkrug) {
    auto r = testing::ReferenceExtractor().Extract(
        "Врачи Самарского областного центра медицины катастроф побывали в Ханты-Мансийске.");
    const Mention* body = Find(r, "Самарского областного центра медицины катастроф");
    ASSERT_NE(body, nullptr);
    EXPECT_EQ(body->normal, "Самарский областной центр медицины катастроф");
    const Mention* town = Find(r, "Ханты-Мансийске");
    ASSERT_NE(town, nullptr);
    EXPECT_EQ(town->kind, MentionKind::kMunicipality);
    EXPECT_EQ(town->normal, "Ханты-Мансийск");
}

// «Новоуренгойской», «старооскольский»: the adjective of a town of two words names the town.
TEST(Extractor, ReadsTheAdjectivesOfTownsOfTwoWords) {
    auto r = testing::ReferenceExtractor().Extract(
        "Старооскольский опыт изучают нижнетагильские врачи и коллеги из Новоуренгойской больницы.");
    for (const auto& [text, town] :
         {std::pair{"Старооскольский", "Старый Оскол"}, std::pair{"нижнетагильские", "Нижний Тагил"},
          std::pair{"Новоуренгойской", "Новый Уренгой"}}) {
        const Mention* m = Find(r, text);
        ASSERT_NE(m, nullptr) << text;
        EXPECT_EQ(m->normal, town);
        EXPECT_TRUE(m->adjectival);
    }
}

TEST(Extractor, ANumberedBodyKeepsTheResortTownItIsOf) {
    auto r = testing::ReferenceExtractor().Extract(
        "Организатор фестиваля — Детская школа искусств № 2 города-курорта Анапа.");
    EXPECT_NE(Find(r, "Детская школа искусств № 2 города-курорта Анапа"), nullptr);
}

// A listed man's name the dictionary lacks, and two foreign words in «-а» whose base the text uses elsewhere,
// are a man's name in the genitive; a foreign name never written otherwise stays as it is.
TEST(Extractor, ReadsMensNamesInTheGenitiveTheDictionaryLacks) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract(
        "Решение одобрил глава Чечни Рамзан Кадыров. Встреча Рамзана Кадырова с журналистами прошла в Грозном. "
        "Тренер похвалил Йенса Лемана. Леман провёл отличный матч. Награду вручили Ннека Угбома.");
    const Mention* kadyrov = Find(r, "Рамзана Кадырова");
    ASSERT_NE(kadyrov, nullptr);
    EXPECT_EQ(kadyrov->normal, "Рамзан Кадыров");
    const Mention* lehmann = Find(r, "Йенса Лемана");
    ASSERT_NE(lehmann, nullptr);
    EXPECT_EQ(lehmann->normal, "Йенс Леман");
    const Mention* ugboma = Find(r, "Ннека Угбома");
    ASSERT_NE(ugboma, nullptr);
    EXPECT_EQ(ugboma->normal, "Ннека Угбома");
}

TEST(Extractor, FindsOrganisationsByTypeNumberAndQuotes) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract("Проект ДШИ № 1 подхватила школа №5 и АНО «Добрые дела», сообщило МВД.");
    for (const char* t : {"ДШИ № 1", "школа №5", "Добрые дела", "МВД"}) {
        const Mention* m = Find(r, t);
        ASSERT_NE(m, nullptr) << t;
        EXPECT_EQ(m->kind, MentionKind::kOrganisation) << t;
    }
}

TEST(Extractor, ReadsCityAdjectivesWithASoftSignOrADroppedL) {
    Gazetteer::Builder b;
    for (const char* name : {"Барнаул", "Ярославль"}) {
        domain::Municipality m;
        m.region = "22";
        m.name = name;
        b.AddMunicipality(m);
    }
    Extractor ex(b.Build());
    auto r = ex.Extract("Барнаульскую практику переняли, а ярославской модели пока нет.");
    for (const auto& [text, city] : {std::pair{"Барнаульскую", "Барнаул"}, std::pair{"ярославской", "Ярославль"}}) {
        const Mention* m = Find(r, text);
        ASSERT_NE(m, nullptr) << text;
        ASSERT_TRUE(m->ref) << text;
        EXPECT_EQ(m->ref->name, city);
        EXPECT_TRUE(m->adjectival);
    }
}

TEST(Extractor, ReadsDistrictsTheDirectoryDoesNotHold) {
    Gazetteer::Builder b;
    domain::Municipality oktyabrsk;
    oktyabrsk.region = "02";
    oktyabrsk.name = "Октябрьский";
    b.AddMunicipality(oktyabrsk);
    Extractor ex(b.Build());
    auto r = ex.Extract("Глава Октябрьского района встретился с жителями Советского муниципального района.");
    const Mention* a = Find(r, "Октябрьского района");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->kind, MentionKind::kMunicipality);
    EXPECT_EQ(a->normal, "Октябрьский район");
    EXPECT_FALSE(a->ref);  // not the town of the same adjective
    const Mention* s = Find(r, "Советского муниципального района");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->normal, "Советский муниципальный район");
}

TEST(Extractor, UsesShortFormDefinedInTheArticle) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract("Тюменская область (ТО) развивает волонтёрство. В ТО работают 40 центров.");
    int count = 0;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kRegion && m.ref && m.ref->code == "72") ++count;
    EXPECT_EQ(count, 3);
}

TEST(Extractor, GivesEmptyResultForEmptyText) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract("");
    EXPECT_TRUE(r.mentions.empty());
    EXPECT_TRUE(r.facts.empty());
    EXPECT_EQ(ToJson(r).dump(), R"({"mentions":[],"facts":[]})");
}

TEST(Extractor, IsSafeForConcurrentCalls) {
    Extractor ex(TestGazetteer());
    const std::string text = "Тюменская область перенимает опыт Югры. Губернатор Иван Петров доволен.";
    auto expected = ToJson(ex.Extract(text)).dump();
    std::vector<std::thread> threads;
    std::atomic<int> bad{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i)
                if (ToJson(ex.Extract(text)).dump() != expected) ++bad;
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(bad.load(), 0);
}

TEST(Extractor, SurvivesOddText) {
    Extractor ex(TestGazetteer());
    for (const char* s :
         {"№", "«", "»»»", "И.", "Губернатор", "... !!! ???", "ДШИ №", "школа № ", "\n\n\n", "😀 Югра 😀"}) {
        auto r = ex.Extract(s);
        for (const auto& m : r.mentions) EXPECT_LE(m.start, m.end);
    }
    auto r = ex.Extract("😀 Югра");
    ASSERT_EQ(r.mentions.size(), 1u);
    EXPECT_EQ(r.mentions[0].start, 2);  // code points, not bytes or UTF-16 units
}

}  // namespace orientir::extract

namespace orientir::extract {

TEST(Tagger, EmbeddedModelLoadsAndRulesOnlyModeWorks) {
    EXPECT_NE(detail::Tagger::Embedded(), nullptr) << "src/extract/model/ner-perceptron.bin missing from the build";
    ExtractorOptions rules_only;
    rules_only.tagger = false;
    Extractor ex(TestGazetteer(), rules_only);
    auto r = ex.Extract("Губернатор Иван Петров приехал в Югру.");
    ASSERT_NE(Find(r, "Иван Петров"), nullptr);
}

TEST(Tagger, NestedNameModelLoadsAndSharesTheFeatures) {
    const auto* outer = detail::Tagger::Embedded();
    const auto* inner = detail::Tagger::EmbeddedInner();
    ASSERT_NE(inner, nullptr) << "src/extract/model/ner-inner.bin missing from the build";
    ASSERT_NE(outer, nullptr);
    // trained from the same data: the extractor computes the token features once for both
    EXPECT_TRUE(inner->SameClusters(*outer));
}

TEST(Tagger, ModelBytesRoundTripWithTrainingNames) {
    detail::Tagger t;
    t.SetNames({{"перв канал", 2}, {"рособрнадзор", 2}, {"путин", 1}});
    std::string bytes = t.Serialize();
    auto back = detail::Tagger::FromBytes(bytes);
    ASSERT_NE(back, nullptr);
    EXPECT_EQ(back->Serialize(), bytes);
    bytes.resize(bytes.size() - 1);  // a cut file is refused, not half read
    EXPECT_EQ(detail::Tagger::FromBytes(bytes), nullptr);
}

TEST(Extractor, KeepsLegalFormWithStraightQuotedNameAndNoOrganisationAcrossAVerb) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract("Акции передали ООО \"Северный берег\", сообщает агентство.");
    const Mention* m = Find(r, "ООО \"Северный берег\"");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->kind, MentionKind::kOrganisation);
    int named = 0;  // not again without its closing quote
    for (const auto& mm : r.mentions) named += mm.text.find("Северный") != std::string::npos ? 1 : 0;
    EXPECT_EQ(named, 1);
    r = ex.Extract("В Югре по примеру Сургута создадут центр поддержки НКО.");
    for (const auto& mm : r.mentions) EXPECT_EQ(mm.text.find("создадут"), std::string::npos) << mm.text;
}

// A state or municipal body's legal form with the abbreviations of its kind and region before the quoted name,
// and the town after it, are the body's full name (its normal form): what a directory and a curator keep.
TEST(Extractor, ABodysLegalFormAndTownBelongToItsQuotedName) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract(
        "Волонтёры дежурят в поликлиниках ГБУЗ СК «Георгиевская районная больница». Опыт перенял "
        "МБУ ДО «ДШИ № 1» г. Сургута, а также ГАПОУ СО «Тольяттинский машиностроительный колледж».");
    const std::pair<const char*, const char*> bodies[] = {
        {"Георгиевская районная больница", "ГБУЗ СК «Георгиевская районная больница»"},
        {"ДШИ № 1", "МБУ ДО «ДШИ № 1» города Сургута"},
        {"Тольяттинский машиностроительный колледж", "ГАПОУ СО «Тольяттинский машиностроительный колледж»"}};
    for (const auto& [text, normal] : bodies) {
        const Mention* m = Find(r, text);
        ASSERT_NE(m, nullptr) << text;
        EXPECT_EQ(m->kind, MentionKind::kOrganisation) << text;
        EXPECT_EQ(m->normal, normal);
    }
    // an all-caps word that is no legal form does not take a name after it
    r = ex.Extract("Сообщает ТАСС «Новости региона» со ссылкой на мэрию.");
    for (const auto& m : r.mentions) EXPECT_NE(m.normal, "ТАСС «Новости региона»") << m.text;
}

TEST(Extractor, AddsNamesNestedInOrganisations) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract("Об этом сообщили в Главном управлении МВД России по Тюменской области.");
    const Mention* outer = nullptr;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kOrganisation && m.text.starts_with("Главном управлении")) outer = &m;
    ASSERT_NE(outer, nullptr);
    const Mention* mvd = Find(r, "МВД");
    ASSERT_NE(mvd, nullptr);
    EXPECT_EQ(mvd->kind, MentionKind::kOrganisation);
    EXPECT_TRUE(outer->start <= mvd->start && mvd->end <= outer->end);
    ASSERT_NE(Find(r, "России"), nullptr);
}

TEST(Tagger, DevSplitIsDeterministic) {
    EXPECT_TRUE(detail::IsDevDocument("015.txt"));
    EXPECT_FALSE(detail::IsDevDocument("013.txt"));
    EXPECT_FALSE(detail::IsDevDocument("README"));
}

}  // namespace orientir::extract

namespace orientir::extract {

// An indeclinable loanword is neuter: «социальное такси», not «социальный такси», in the practice's normal form.
TEST(Extractor, AnIndeclinableHeadKeepsItsNeuterAdjective) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract("В Сургуте запустили социальное такси для пенсионеров по примеру Тюмени.");
    bool found = false;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kAdoption) {
            found = true;
            EXPECT_EQ(f.practice_text.rfind("социальное такси", 0), 0u) << f.practice_text;
        }
    EXPECT_TRUE(found);
}

// Two towns sharing a stem, one named by a noun (Дзержинск, Nizhny Novgorod region) and one by an adjective
// (Дзержинский, Moscow region): a noun's ending («Дзержинска») is the noun's town.
TEST(Extractor, ATownNamedByAnAdjectiveTakesOnlyAnAdjectivesEndings) {
    Gazetteer::Builder b;
    domain::Municipality noun, adjective, ishim;
    noun.region = "52";
    noun.name = "Дзержинск";
    adjective.region = "50";
    adjective.name = "Дзержинский";
    ishim.region = "72";
    ishim.name = "Ишим";  // «-им» is no adjective's nominative
    b.AddMunicipality(noun);
    b.AddMunicipality(adjective);
    b.AddMunicipality(ishim);
    Extractor ex(b.Build());
    auto r = ex.Extract("Арзамас перенял у Дзержинска формат отрядов. В Ишиме тоже.");
    const Mention* of_noun = Find(r, "Дзержинска");
    ASSERT_NE(of_noun, nullptr);
    ASSERT_TRUE(of_noun->ref.has_value());
    EXPECT_EQ(of_noun->ref->region, "52");
    EXPECT_EQ(of_noun->normal, "Дзержинск");
    const Mention* in_ishim = Find(r, "Ишиме");
    ASSERT_NE(in_ishim, nullptr);
    EXPECT_EQ(in_ishim->normal, "Ишим");
}

TEST(Extractor, BodiesNamedByAPlaceAdjectiveKnownOrNot) {
    Gazetteer::Builder b;
    domain::Municipality kansk;
    kansk.region = "24";
    kansk.name = "Канск";
    b.AddMunicipality(kansk);
    Extractor ex(b.Build());
    // a town in «-ск»: «Канской» is its adjective, not the town; the body around it is one organisation
    auto r = ex.Extract("Ребята занимаются в Канской детской музыкальной школе, а под Канском открыли лагерь.");
    const Mention* adj = Find(r, "Канской");
    ASSERT_NE(adj, nullptr);
    EXPECT_TRUE(adj->adjectival);
    const Mention* school = Find(r, "Канской детской музыкальной школе");
    ASSERT_NE(school, nullptr);
    EXPECT_EQ(school->kind, MentionKind::kOrganisation);
    EXPECT_EQ(school->normal, "Канская детская музыкальная школа");
    const Mention* town = Find(r, "Канском");
    ASSERT_NE(town, nullptr);
    EXPECT_FALSE(town->adjectival);  // «под Канском»: the town's instrumental
    // a village the directory lacks: its adjective is no surname, the body is found whole
    r = ex.Extract("Школа переняла модель агрокласса у Тарногской средней школы.");
    const Mention* tarnoga = Find(r, "Тарногской средней школы");
    ASSERT_NE(tarnoga, nullptr);
    EXPECT_EQ(tarnoga->kind, MentionKind::kOrganisation);
    for (const auto& m : r.mentions) EXPECT_NE(m.kind, MentionKind::kPerson) << m.text;
    // common adjectives («Детской») name no place; a count ends a body's name
    r = ex.Extract(
        "Директор Детской школы искусств № 1 Ольга Лебедева рассказала, что Сибирский электромоторный "
        "завод два года назад перешёл на новую систему.");
    EXPECT_EQ(Find(r, "Детской школы"), nullptr);
    EXPECT_NE(Find(r, "Сибирский электромоторный завод"), nullptr);
}

TEST(Extractor, ARankWordBeforeAJobIsNoHead) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract("Сергей Ломакин до избрания главой района восемь лет был главным врачом районной больницы.");
    bool seen = false;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kPosition && m.text.starts_with("главным врачом")) {
            seen = true;
            EXPECT_EQ(m.normal, "главный врач районной больницы");  // «врачом»: hunspell-ru's own lemma
        }
    EXPECT_TRUE(seen);
    EXPECT_EQ(Find(r, "главой района восемь"), nullptr);  // «восемь лет» is no part of the post
}

}  // namespace orientir::extract

namespace orientir::extract {

// A fleeting vowel in a short town name: «Елец» → «в Ельце», «из Ельца»; «Орёл» → «в Орле».
TEST(Extractor, TownsWithAFleetingVowelAreFoundInEveryCase) {
    auto r = testing::ReferenceExtractor().Extract("Делегация из Ельца побывала в Орле, а затем в Ельце.");
    std::vector<std::string> towns;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kMunicipality && m.ref) towns.push_back(m.ref->name);
    EXPECT_EQ(towns, (std::vector<std::string>{"Елец", "Орёл", "Елец"}));
}

// «Музея …» (Snowball stems it apart from «музей») is a body's kind word before its quoted name; a verb between the
// kind word and a quote is no part of a name.
TEST(Extractor, AQuotedNameTakesTheKindWordsBeforeItAsItsNormalForm) {
    auto r = testing::ReferenceExtractor().Extract(
        "Квест подготовили сотрудники Музея народного творчества «Северная сказка». Краеведческий музей в тестовом "
        "режиме открывает «музейные вечера».");
    bool museum = false;
    for (const auto& m : r.mentions) {
        if (m.kind != MentionKind::kOrganisation) continue;
        if (m.text == "Северная сказка") {
            EXPECT_EQ(m.normal, "Музей народного творчества «Северная сказка»");
            museum = true;
        }
        EXPECT_EQ(m.normal.find("открывает"), std::string::npos) << m.normal;
    }
    EXPECT_TRUE(museum);
}

// «Кумертауской» (an adjective the directory does not spell) in an article that names «Кумертау» is that town, so a
// body named by it has a region a curator's form can preselect.
TEST(Extractor, AnUnknownTownAdjectiveOpeningWithATownsNameIsThatTown) {
    auto r = testing::ReferenceExtractor().Extract(
        "В Кумертау открыли центр. Его открыла Кумертауская центральная городская библиотека.");
    bool found = false;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kMunicipality && m.text == "Кумертауская") {
            ASSERT_TRUE(m.ref);
            EXPECT_EQ(m.ref->name, "Кумертау");
            EXPECT_EQ(m.normal, "Кумертау");
            found = true;
        }
    EXPECT_TRUE(found);
}

// Residents of «Комсомольск» in an article about «Комсомольск-на-Амуре» are its residents, even when a group's name
// holds the short name («группа «Вместе | Комсомольск»»).
TEST(Extractor, ResidentsOfATownAnotherTownsNameOpensAreOfTheOneNamedInFull) {
    auto r = testing::ReferenceExtractor().Extract(
        "Комсомольск-на-Амуре: волонтёры. Саму идею комсомольчане переняли у самарцев. Подписывайтесь на группу "
        "«Вместе | Комсомольск».");
    bool found = false;
    for (const auto& m : r.mentions)
        if (m.text == "комсомольчане") {
            ASSERT_TRUE(m.ref);
            EXPECT_EQ(m.ref->name, "Комсомольск-на-Амуре");
            found = true;
        }
    EXPECT_TRUE(found);
}

namespace {
// The normal form of each mention of one kind, by its text.
std::map<std::string, std::string> NormalsByText(const ExtractionResult& r, MentionKind kind) {
    std::map<std::string, std::string> out;
    for (const auto& m : r.mentions)
        if (m.kind == kind) out[m.text] = m.normal;
    return out;
}
}  // namespace

// A body named by its town's adjective, by «г.» or by its town in the genitive takes one directory form, «… города X»,
// and so do the shorter mentions of it; an abbreviation keeps the gender of the noun it stands for.
TEST(Extractor, OrganisationsTakeOneDirectoryFormOfTheirTown) {
    auto r = testing::ReferenceExtractor().Extract(
        "Педагоги Детской школы искусств Северска переняли опыт томской Детской художественной школы № 2 и "
        "Центральной городской больницы г. Бийска. Решение позаимствовали у екатеринбургской ДШИ № 11 и "
        "нижнетагильской школы № 5. Решение оренбургский МФЦ позаимствовал у нижегородцев. Главный врач Городской "
        "клинической больницы № 3 города Ставрополя рассказал о ГКБ № 3 Ставрополя. Студию открыли по примеру "
        "тольяттинской Детской школы искусств № 1. Формат внедрили в казанской ДМШ № "
        "3, в ярославской школе "
        "№ 4 и калужской школе № 6.");
    auto normal = NormalsByText(r, MentionKind::kOrganisation);
    EXPECT_EQ(normal["Детской школы искусств Северска"], "Детская школа искусств города Северска");
    EXPECT_EQ(normal["томской Детской художественной школы № 2"], "Детская художественная школа № 2 города Томска");
    EXPECT_EQ(normal["Центральной городской больницы г. Бийска"], "Центральная городская больница города Бийска");
    EXPECT_EQ(normal["екатеринбургской ДШИ № 11"], "ДШИ № 11 города Екатеринбурга");
    EXPECT_EQ(normal["ДШИ № 11"], "ДШИ № 11 города Екатеринбурга");
    EXPECT_EQ(normal["нижнетагильской школы № 5"], "школа № 5 города Нижнего Тагила");
    EXPECT_EQ(normal["оренбургский МФЦ"], "оренбургский МФЦ");
    // an indeclinable town's adjective («Тольятти» → «тольяттинской»)
    EXPECT_EQ(normal["тольяттинской Детской школы искусств № 1"], "Детская школа искусств № 1 города Тольятти");
    // a name already given in full keeps its one «города»
    EXPECT_EQ(normal["ГКБ № 3 Ставрополя"], "Городская клиническая больница № 3 города Ставрополя");
    EXPECT_EQ(normal["казанской ДМШ № 3"], "ДМШ № 3 города Казани");
    // a numbered school named by the adjective of a region and its capital is the capital's (session 25: a
    // region has no «школа № 4»; before, the name stayed as written)
    EXPECT_EQ(normal["ярославской школе № 4"], "школа № 4 города Ярославля");
    EXPECT_EQ(normal["калужской школе № 6"], "школа № 6 города Калуги");
    // (an abbreviation keeps to its own rules: «оренбургский МФЦ» above)
}

// «г. Москвы» is a town, «Детской школы искусств Алданского района» names a district: no «города» there.
TEST(Extractor, ADistrictInABodysNameGetsNoTownWord) {
    auto r = testing::ReferenceExtractor().Extract("Опыт Детской школы искусств Алданского района изучили в Якутске.");
    bool found = false;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kOrganisation && m.text == "Детской школы искусств Алданского района") {
            EXPECT_EQ(m.normal, "Детская школа искусств Алданского района");
            found = true;
        }
    EXPECT_TRUE(found);
}

// «об Александре Морозове»: a man's surname in the prepositional makes «Александре» Александр's, not Александра's
// dative; a woman's surname keeps her name.
TEST(Extractor, AMansSurnameInThePrepositionalTellsHisFirstName) {
    auto r = testing::ReferenceExtractor().Extract(
        "Рассказ об Александре Морозове. Спасибо Александре Петровой. Статья о Евгении Петрове.");
    auto normal = NormalsByText(r, MentionKind::kPerson);
    EXPECT_EQ(normal["Александре Морозове"], "Александр Морозов");
    EXPECT_EQ(normal["Александре Петровой"], "Александра Петрова");
    EXPECT_EQ(normal["Евгении Петрове"], "Евгений Петров");
}

// A man's «-овой», «-ской» in the nominative is an adjectival surname, not a case of «-ов», «-ский».
TEST(Extractor, AMansAdjectivalSurnameInTheNominativeStays) {
    auto r = testing::ReferenceExtractor().Extract(
        "Директор центра Андрей Витальевич Гуртовой рассказал о бригадах. Встреча с Андреем Гуртовым прошла. Пётр "
        "Трубецкой выступил. Письмо Андрею Полевскому. Слово Анне Смирновой.");
    auto normal = NormalsByText(r, MentionKind::kPerson);
    EXPECT_EQ(normal["Андрей Витальевич Гуртовой"], "Андрей Витальевич Гуртовой");
    EXPECT_EQ(normal["Андреем Гуртовым"], "Андрей Гуртов");
    EXPECT_EQ(normal["Пётр Трубецкой"], "Пётр Трубецкой");
    EXPECT_EQ(normal["Андрею Полевскому"], "Андрей Полевский");
    EXPECT_EQ(normal["Анне Смирновой"], "Анна Смирнова");
}

// «Петра» is Пётр's genitive, not Petra the city or a woman's name: the fleeting vowel and its «ё» come back.
TEST(Extractor, PyotrInEveryCase) {
    auto r = testing::ReferenceExtractor().Extract(
        "Министр поблагодарил Петра Ильича Сазонова. Письмо Петру Кузнецову. Встреча с Петром Сазоновым.");
    auto normal = NormalsByText(r, MentionKind::kPerson);
    EXPECT_EQ(normal["Петра Ильича Сазонова"], "Пётр Ильич Сазонов");
    EXPECT_EQ(normal["Петру Кузнецову"], "Пётр Кузнецов");
    EXPECT_EQ(normal["Петром Сазоновым"], "Пётр Сазонов");
}

// A service centre's official name opens with «Многофункциональный» or «Комплексный», at a sentence's start too; the
// abbreviation defined after it names the centre, not the region its name ends with.
TEST(Extractor, AServiceCentresNameAndItsAbbreviation) {
    auto r = testing::ReferenceExtractor().Extract(
        "Многофункциональный центр предоставления государственных и муниципальных услуг Иркутской области (МФЦ) "
        "запустил пилотный проект. Комплексный центр социального обслуживания населения города Череповца открыл "
        "пункт проката. В МФЦ ждут заявителей.");
    auto normal = NormalsByText(r, MentionKind::kOrganisation);
    EXPECT_EQ(normal["Многофункциональный центр предоставления государственных и муниципальных услуг Иркутской "
                     "области"],
              "Многофункциональный центр предоставления государственных и муниципальных услуг Иркутской области");
    EXPECT_EQ(normal["Комплексный центр социального обслуживания населения города Череповца"],
              "Комплексный центр социального обслуживания населения города Череповца");
    for (const auto& m : r.mentions) {
        if (m.text == "МФЦ") {
            EXPECT_NE(m.kind, MentionKind::kRegion);
        }
    }
}

// An official body's name opening a sentence is a name when it goes on to a place in the genitive («… города Ишима»);
// an official adjective opening a sentence without one is not («Центральная площадь …»).
TEST(Extractor, AnOfficialBodyOpeningASentenceWithItsPlace) {
    auto r = testing::ReferenceExtractor().Extract(
        "Друзья, у нас новость! Центральная городская библиотека города Кунгура запустила службу доставки книг. "
        "Центральная площадь будет закрыта. Детская школа искусств города Кунгура набрала инклюзивные группы.");
    auto normal = NormalsByText(r, MentionKind::kOrganisation);
    EXPECT_EQ(normal["Центральная городская библиотека города Кунгура"],
              "Центральная городская библиотека города Кунгура");
    EXPECT_EQ(normal["Детская школа искусств города Кунгура"], "Детская школа искусств города Кунгура");
    for (const auto& m : r.mentions) EXPECT_EQ(m.text.find("площадь"), std::string::npos) << m.text;
}

// «с директором центра Мариной Юрьевной Пестовой»: a post's body word before a name in the instrumental is no
// organisation named for the person; «музей Марины Цветаевой» is.
TEST(Extractor, ABodyWordBeforeANameInTheInstrumentalIsNoOrganisation) {
    auto r = testing::ReferenceExtractor().Extract(
        "Об этом мы поговорили с директором центра Мариной Юрьевной Пестовой. Экскурсию провёл музей Марины "
        "Цветаевой.");
    for (const auto& m : r.mentions) {
        if (m.kind == MentionKind::kOrganisation) {
            EXPECT_EQ(m.text.find("Мариной"), std::string::npos) << m.text;
        }
    }
    auto person = NormalsByText(r, MentionKind::kPerson);
    EXPECT_EQ(person["Мариной Юрьевной Пестовой"], "Марина Юрьевна Пестова");
    // and the post before her is hers
    bool director = false;
    for (const auto& f : r.facts)
        director = director || (f.kind == FactKind::kPosition && f.person &&
                                r.mentions[*f.person].normal == "Марина Юрьевна Пестова" && f.position &&
                                r.mentions[*f.position].normal == "директор центра");
    EXPECT_TRUE(director);
}

// «Звениговский районный Дом культуры»: a house of culture written with a capital after a place's adjective is a name.
TEST(Extractor, AHouseOfCultureWithACapital) {
    auto r = testing::ReferenceExtractor().Extract(
        "Звениговский районный Дом культуры присоединился к проекту. Его поддержал Дом правительства.");
    auto normal = NormalsByText(r, MentionKind::kOrganisation);
    EXPECT_EQ(normal["Звениговский районный Дом культуры"], "Звениговский районный Дом культуры");
}

// The press's names of regions: «Заполярье», «Янтарный край», «Ярославщина».
TEST(Extractor, RegionsByThePresssNames) {
    auto r = testing::ReferenceExtractor().Extract(
        "В Заполярье открыли школы ухода. Янтарный край перенял опыт. Ярославщина тоже.");
    std::map<std::string, std::string> region;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kRegion) region[m.text] = m.normal;
    EXPECT_EQ(region["Заполярье"], "Мурманская область");
    EXPECT_EQ(region["Янтарный край"], "Калининградская область");
    EXPECT_EQ(region["Ярославщина"], "Ярославская область");
}

// «о выездных офисах и библиотеках» → «выездной офис и библиотека»: a noun joined to the head by «и» in the head's
// oblique case goes to the nominative with it; a genitive after the head stays («министром транспорта и дорог»).
TEST(Extractor, ANounJoinedToTheHeadInItsCaseGoesToTheNominativeWithIt) {
    auto phrase = [](const std::string& text) {
        detail::Doc d;
        detail::Analyse(testing::ReferenceExtractor().gazetteer(), text, d, nullptr);
        return detail::NominativePhrase(d, 0, d.toks.size() - (d.toks.back().word ? 0 : 1), true);
    };
    EXPECT_EQ(phrase("выездных офисах и библиотеках."), "выездной офис и библиотека");
    EXPECT_EQ(phrase("министром транспорта и дорог."), "министр транспорта и дорог");
}

// «Система, которую новосибирская компания «Сибтранслайн» выстраивала …», later «ООО «Сибтранслайн»»: the pronoun is
// no part of the company's name, and every mention of the company is named with its one legal form.
TEST(Extractor, AQuotedCompanyIsNamedWithItsLegalFormAndNoPronounBeforeIt) {
    Extractor ex(TestGazetteer());
    auto r = ex.Extract(
        "Система, которую новосибирская компания «Сибтранслайн» выстраивала семь лет, прижилась в мэрии. Генеральный "
        "директор ООО «Сибтранслайн» Роман Шестаков рассказал о ней.");
    int named = 0;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kOrganisation && m.text.find("Сибтранслайн") != std::string::npos) {
            EXPECT_EQ(m.normal, "ООО «Сибтранслайн»") << m.text;
            ++named;
        }
    EXPECT_GE(named, 2);
}

}  // namespace orientir::extract
