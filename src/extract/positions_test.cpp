// Position facts: who holds which post, from the ways the press names them (positions.cpp), and the NEREL
// position score (eval_positions.cpp).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "extract/eval_positions.hpp"
#include "extract/extractor.hpp"
#include "extract/test_reference.hpp"

namespace orientir::extract {

namespace {

using testing::ReferenceExtractor;

// The posts of facts by the person's normal form (several facts per person allowed).
std::multimap<std::string, const Fact*> FactsByPerson(const ExtractionResult& r) {
    std::multimap<std::string, const Fact*> out;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person) out.emplace(r.mentions[*f.person].normal, &f);
    return out;
}

std::string PostOf(const std::multimap<std::string, const Fact*>& facts, const std::string& person) {
    auto it = facts.find(person);
    return it == facts.end() ? "(none)" : it->second->post;
}

}  // namespace

// Session 25. «глава города» with no town is the town its sentence names before it, else the one its paragraph opens
// with; a capitalised common word after an opening quote («Зимой у нас …») names no town.
// Session 25. A post with no place of its own is placed in the town its words name, else in the one place the
// headline and lede name, so that accepting it on /review files it in the right region.
TEST(Positions, APostWithoutAPlaceIsPlacedByItsWordsOrTheArticlesPlace) {
    const auto r = testing::ReferenceExtractor().Extract(
        "Кунгурская библиотека открыла медиалабораторию\n\nВ Кунгуре открыли медиалабораторию для подростков.\n\n"
        "Как рассказала заведующая отделом Ольга Петровна Сидорова, идею подсказали коллеги. Первым к проекту "
        "присоединился Чусовой: тогдашний глава города Андрей Кудинов поддержал его.\n");
    std::map<std::string, std::string> place;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person && f.place)
            place[r.mentions[*f.person].normal] = r.mentions[*f.place].ref ? r.mentions[*f.place].ref->name : "";
    EXPECT_EQ(place["Ольга Петровна Сидорова"], "Кунгур");  // the article's town
    EXPECT_EQ(place["Андрей Кудинов"], "Чусовой");          // the town its post names
}

// «…организация «Добрые соседи», которую возглавляет Ксения Бажина»: the body before «который» runs through its
// quoted name.
TEST(Positions, WhoHeadsABodyWithAQuotedNameBeforeWhich) {
    const auto r = testing::ReferenceExtractor().Extract(
        "Соседи помогают\n\nРаботу координирует автономная некоммерческая организация «Добрые соседи», которую "
        "возглавляет Ксения Андреевна Бажина.\n");
    std::vector<std::string> posts;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition) posts.push_back(f.post);
    EXPECT_EQ(posts, (std::vector<std::string>{"руководитель автономной некоммерческой организации «Добрые соседи»"}));
}

// In an interview «я работал заместителем …» is the interviewee's past post, not that of the person named last.
TEST(Positions, IInAnInterviewIsTheInterviewee) {
    const auto r = testing::ReferenceExtractor().Extract(
        "Ринат Хасанов: «Модель мы перенесли почти без изменений»\n\nГлавный врач больницы № 13 Уфы Ринат "
        "Фаритович Хасанов рассказал о новом приёмном отделении.\n\n— Вас поддержал министр здравоохранения "
        "Республики Башкортостан Айдар Рашитович Муратов?\n\n— Да. С 2016 по 2021 год я работал заместителем "
        "главного врача Республиканской клинической больницы.\n");
    std::map<std::string, std::vector<std::string>> posts;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person) posts[r.mentions[*f.person].normal].push_back(f.post);
    for (const auto& [who, list] : posts) {
        if (who.find("Муратов") == std::string::npos) continue;
        for (const auto& p : list) EXPECT_EQ(p.find("заместитель главного врача"), std::string::npos) << p;
    }
    bool interviewee = false;
    for (const auto& [who, list] : posts)
        for (const auto& p : list)
            interviewee = interviewee || (who.find("Хасанов") != std::string::npos &&
                                          p.find("заместитель главного врача") != std::string::npos);
    EXPECT_TRUE(interviewee);
}

// A district the directory lacks gives its head's post the article's region — the region itself, never a town of it.
TEST(Positions, AHeadOfADistrictTheDirectoryLacksIsPlacedInTheArticlesRegion) {
    auto place_of = [](const std::string& text) {
        const auto r = testing::ReferenceExtractor().Extract(text);
        for (const auto& f : r.facts)
            if (f.kind == FactKind::kPosition && f.place) return r.mentions[*f.place].normal;
        return std::string();
    };
    EXPECT_EQ(place_of("В Удмуртии растёт проект\n\nВ Удмуртии проект «Добрые соседи» расширяется. О намерении "
                       "присоединиться заявил глава Камбарского района Владимир Петрович Ушаков.\n"),
              "Удмуртская Республика");
    // (no region named as a region: the district stays, not the headline's town)
    EXPECT_EQ(place_of("К проекту присоединилась Можга\n\nО намерении присоединиться заявил глава Камбарского района "
                       "Владимир Петрович Ушаков.\n"),
              "Камбарский район");
}

// «Экскурсию провела заведующая …»: a word that opens with «экс» is no «экс-» before the post.
TEST(Positions, AnExcursionIsNoFormerPost) {
    const auto r = testing::ReferenceExtractor().Extract(
        "Гости в музее\n\nЭкскурсию провела директор музея Ольга Петровна Сидорова. Экс-мэр Иван Петров тоже "
        "пришёл.\n");
    std::map<std::string, bool> past;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person) past[r.mentions[*f.person].normal] = f.past;
    ASSERT_TRUE(past.count("Ольга Петровна Сидорова"));
    EXPECT_FALSE(past["Ольга Петровна Сидорова"]);
    ASSERT_TRUE(past.count("Иван Петров"));
    EXPECT_TRUE(past["Иван Петров"]);
}

TEST(Positions, ATownsPostWithoutItsTownIsTheTownItsParagraphOpensWith) {
    const auto r = testing::ReferenceExtractor().Extract(
        "Проект растёт\n\nПервым к проекту присоединился Сарапул. Осенью 2022 года тогдашний глава города Андрей "
        "Семёнович Кудинов подписал соглашение.\n\n«Зимой у нас минус сорок», — сказал глава города Андрей Тупиков.\n");
    std::map<std::string, std::string> posts;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person) posts[r.mentions[*f.person].normal] = f.post;
    EXPECT_EQ(posts["Андрей Семёнович Кудинов"], "глава города Сарапула");
    EXPECT_EQ(posts["Андрей Тупиков"], "глава города");  // no town named: none guessed
}

TEST(Positions, KeepTheWholePostAcrossGluedPrefixesBracketsAndDashes) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Как сообщил пресс-секретарь губернатора Алексей Шубин, решение принято. "
        "Отставку принял глава Палестинской национальной администрации (ПНА) Махмуд Аббас. "
        "Агентство сообщило, что Ким Ён Чжин – вице-премьер правительства.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Алексей Шубин"), "пресс-секретарь губернатора");
    EXPECT_EQ(PostOf(facts, "Махмуд Аббас").rfind("глава Палестинской национальной администрации", 0), 0u)
        << PostOf(facts, "Махмуд Аббас");
    EXPECT_EQ(PostOf(facts, "Ким Ён Чжин").rfind("вице-премьер", 0), 0u) << PostOf(facts, "Ким Ён Чжин");
}

TEST(Positions, FindTheHolderAfterACopulaACommaOrAnAdvocatesClient) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Главным тренером команды был назначен 45-летний специалист Сергей Булатов. "
        "Президент России, Владимир Путин, выразил соболезнования. "
        "Как сообщил министр, Иван Петров уже подписал приказ. "
        "Адвокат Гибсона Стивен Колодни заявил о новом иске. "
        "Представитель Григорьевой отказался от комментариев. "
        "Адвокат Петра — Валентин Пышкин рассказал о деле. "
        "Миллиардер Абызов стал советником Медведева. "
        "Владимир Этуш — известный советский и российский актёр театра и кино.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Сергей Булатов"), "главный тренер команды");
    EXPECT_EQ(PostOf(facts, "Владимир Путин"), "президент России");
    EXPECT_EQ(facts.count("Иван Петров"), 0u);  // «министр, Иван Петров уже …» is no apposition
    EXPECT_EQ(PostOf(facts, "Стивен Колодни"), "адвокат");
    EXPECT_EQ(facts.count("Гибсона") + facts.count("Гибсон"), 0u);  // the client, not the advocate
    EXPECT_EQ(facts.count("Григорьевой") + facts.count("Григорьева"), 0u);
    EXPECT_EQ(PostOf(facts, "Валентин Пышкин"), "адвокат");                  // the client, a dash, the advocate
    EXPECT_EQ(facts.count("Медведев") + facts.count("Медведева"), 0u);       // whose adviser, not the adviser
    EXPECT_EQ(PostOf(facts, "Владимир Этуш").rfind("актер театра", 0), 0u);  // adjectives after the dash
}

TEST(Positions, GiveAPluralPostToEveryPersonListedAfterIt) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "На борту находятся российские космонавты Алексей Овчинин и Олег Скрипочка. "
        "Совет Федерации назначил на должности заместителей генерального прокурора Геннадия Лопатина и Юрия "
        "Пономарева. "
        "Руководители соседних регионов поддержали Александра Мишарина.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Алексей Овчинин"), "космонавт");
    EXPECT_EQ(PostOf(facts, "Олег Скрипочка"), "космонавт");
    EXPECT_EQ(PostOf(facts, "Юрий Пономарев"), "заместитель генерального прокурора");  // «-ей»: a plural
    EXPECT_EQ(facts.count("Александр Мишарин"), 0u);  // a plural post before no list names no one
}

TEST(Positions, TakeTheBodyTheTaggerCutAndTheFleetingVowelOfTheName) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Презентацию провела начальник отдела экологии администрации Бийска Анастасия Лебедева. "
        "По словам директора ДЮСШ Поспелихинского района Олега Кравца, в секции записались 300 детей.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Анастасия Лебедева"), "начальник отдела экологии администрации Бийска");
    EXPECT_EQ(PostOf(facts, "Олег Кравец"), "директор ДЮСШ Поспелихинского района");  // not «Кравц»
}

TEST(Positions, KeepABodyListedWithCommasAndTheGenitiveNameAfterIt) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Об этом сообщила министр строительства, архитектуры и жилищно-коммунального хозяйства Тамбовской "
        "области Наталья Грекова. По словам министра природных ресурсов, экологии и туризма Республики Алтай "
        "Эркина Кыдыева, визит-центр откроют летом. Министр образования, рассказал губернатор, уволен.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Наталья Грекова"),
              "министр строительства, архитектуры и жилищно-коммунального хозяйства Тамбовской области");
    // the name after a masculine genitive post is a man's genitive, not «Эркина Кыдыева»
    EXPECT_EQ(PostOf(facts, "Эркин Кыдыев"), "министр природных ресурсов, экологии и туризма Республики Алтай");
    for (const auto& f : r.facts) {
        EXPECT_EQ(f.post.find("рассказал"), std::string::npos) << f.post;  // a verb after the comma ends the post
    }
}

TEST(Positions, TellThenFromNowAndTheRegionOfADistrict) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Тогдашний глава администрации Канаша Владимир Сорокин объявил о прокате. Владимир Сорокин, покинувший "
        "пост главы администрации в 2022 году и ныне работающий заместителем директора АО «Чувашская "
        "энергосбытовая компания», ошибкой проект не считает. Глава Кизлярского района Дагестана Андрей Винокуров "
        "рассказал о площадках. Депутаты назначили Бато Намжилова уполномоченным по правам ребёнка.");
    auto facts = FactsByPerson(r);
    int past = 0, now = 0;
    for (auto [it, end] = facts.equal_range("Владимир Сорокин"); it != end; ++it) {
        if (it->second->post.rfind("глава администрации", 0) == 0) past += it->second->past ? 1 : -1;
        if (it->second->post.rfind("заместитель директора", 0) == 0) now += it->second->past ? -1 : 1;
    }
    EXPECT_GE(past, 1);  // «тогдашний», «покинувший пост»: held before
    EXPECT_EQ(now, 1);   // «ныне работающий»: held now
    EXPECT_EQ(PostOf(facts, "Андрей Винокуров"), "глава Кизлярского района Дагестана");
    EXPECT_EQ(PostOf(facts, "Бато Намжилов").rfind("уполномоченный по правам ребёнка", 0), 0u);
}

TEST(Positions, ReadANumberedBodyAndAPersonsSecondPostAfterCommas) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Учитель математики лицея № 11 Йошкар-Олы Ирина Сабаева прошла обучение. Автор проекта Олег Семёнов, в "
        "прошлом — заместитель министра спорта Чувашской Республики, говорит об успехе. Инициатором был Алексей "
        "Гаврилов, бывший министр экономического развития Чувашии, ныне депутат Государственного Совета Чувашской "
        "Республики. Работы учитель по-прежнему проверяет вручную.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Ирина Сабаева"), "учитель математики лицея № 11 Йошкар-Олы");
    EXPECT_EQ(facts.count("Ирина Сабаева"), 1u);  // «учитель по-прежнему проверяет» is no post left
    auto semenov = facts.find("Олег Семёнов");
    ASSERT_NE(semenov, facts.end());
    EXPECT_TRUE(semenov->second->past);  // «в прошлом —»
    int gavrilov_now = 0;
    for (auto [it, end] = facts.equal_range("Алексей Гаврилов"); it != end; ++it)
        if (it->second->post.rfind("депутат", 0) == 0 && !it->second->past) ++gavrilov_now;
    EXPECT_EQ(gavrilov_now, 1);
}

TEST(Positions, TakeAJobForAPostOnlyAtANamedBody) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Практику принимает агроном СПК «Высоковский» Николай Елизаров. "
        "Фельдшер Ольга Кокшарова выехала на вызов.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Николай Елизаров"), "агроном СПК «Высоковский»");
    EXPECT_EQ(facts.count("Ольга Кокшарова"), 0u);  // an occupation alone is no post
}

// A name linked to the directory has the directory's normal form; it is still the holder in the nominative.
TEST(Positions, ADirectoryPersonAfterADeputysPostIsItsHolder) {
    Gazetteer::Builder b;
    domain::Person p;
    p.meta.id = 7;
    p.last_name = "Соколов";
    p.first_name = "Андрей";
    b.AddPerson(p);
    Extractor ex(b.Build());
    auto r = ex.Extract("Первый заместитель губернатора Андрей Соколов провёл совещание.");
    int facts = 0;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person) {
            ++facts;
            EXPECT_EQ(f.post, "первый заместитель губернатора");
        }
    EXPECT_EQ(facts, 1);
}

TEST(Positions, ReadClippedAndActingPosts) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "И.о. главы Кетовского района Иван Петров провёл совещание. "
        "Замгубернатора Андрей Козлов рассказал о программе. "
        "Худрук драмтеатра Олег Рыбкин представил спектакль. "
        "Посол Франции Пьер Леви прибыл в Казань. Он был назначен послом в 2020 году.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Иван Петров"), "и.о. главы Кетовского района");
    EXPECT_EQ(PostOf(facts, "Андрей Козлов"), "замгубернатора");
    EXPECT_EQ(PostOf(facts, "Олег Рыбкин"), "худрук драмтеатра");
    int appointed = 0;
    for (auto [it, end] = facts.equal_range("Пьер Леви"); it != end; ++it)
        if (it->second->date == "2020") {
            ++appointed;
            EXPECT_FALSE(it->second->past);  // «был назначен» takes the post, it was not held before
        }
    EXPECT_EQ(appointed, 1);
}

TEST(Positions, ReadChiefJobsAndPastPostsFromParticiples) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Главный врач областной больницы Марина Котова отметила рост числа пациентов. "
        "Ранее работавший советником губернатора Игорь Белов возглавил департамент. "
        "На выборах Берсани обошёл мэра Флоренции Маттео Ренци. "
        "Журналисты вышли на пикет в поддержку коллеги Константина Попова. В 2010 году 47-летнего журналиста "
        "задержали. Директором школы много лет была Марина Орлова. Сейчас она работает методистом. "
        "Ирина Котова приехала в район в 2019 году. Она — директор сельской библиотеки.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Марина Котова"), "главный врач областной больницы");
    auto belov = facts.find("Игорь Белов");
    ASSERT_NE(belov, facts.end());
    EXPECT_EQ(belov->second->post, "советник губернатора");
    EXPECT_TRUE(belov->second->past);
    EXPECT_EQ(PostOf(facts, "Маттео Ренци").rfind("мэр", 0), 0u);  // «на выборах» before is no sought post
    auto popov = facts.find("Константин Попов");  // «47-летнего журналиста»: the person named before
    ASSERT_NE(popov, facts.end());
    EXPECT_EQ(popov->second->post, "журналист");
    EXPECT_FALSE(popov->second->why.empty());
    EXPECT_EQ(PostOf(facts, "Ирина Котова"), "директор сельской библиотеки");  // «Она — директор …»
}

// The NEREL score: a WORKS_AS pair matches a fact whose person overlaps it or shares its surname, and whose
// post holds the profession's head words («первого заместителя» → первый, заместитель).
TEST(Positions, NerelScoreMatchesByPersonAndTheProfessionsHeadWords) {
    const Extractor& ex = ReferenceExtractor();
    const std::string text =
        "Первый заместитель губернатора Андрей Соколов открыл форум. Губернатор Пётр Иванов выступил.";
    auto r = ex.Extract(text);
    // «Андрей Соколов» [31, 45) is «первый заместитель …»; a second gold fact names a post no one proposed.
    const std::string ann =
        "T1\tPERSON 31 45\tАндрей Соколов\n"
        "T2\tPROFESSION 0 30\tПервый заместитель губернатора\n"
        "T3\tPROFESSION 0 18\tПервый заместитель\n"
        "T4\tPERSON 71 82\tПётр Иванов\n"
        "T5\tPROFESSION 60 70\tГубернатор\n"
        "T6\tPROFESSION 31 45\tфельдшер\n"
        "R1\tWORKS_AS Arg1:T1 Arg2:T2\n"
        "R2\tWORKS_AS Arg1:T1 Arg2:T3\n"
        "R3\tWORKS_AS Arg1:T4 Arg2:T5\n"
        "R4\tWORKS_AS Arg1:T4 Arg2:T6\n";
    NerelPositions score;
    score.Add("doc", text, ann, r, true);
    EXPECT_EQ(score.gold, 3);  // R1 and R2 share surname and head words: one fact
    EXPECT_EQ(score.tp, 2);
    EXPECT_EQ(score.fn, 1);  // «фельдшер»
    EXPECT_EQ(score.fp, 0);
    ASSERT_EQ(score.Errors().size(), 1u);
    EXPECT_NE(score.Errors()[0].find("фельдшер"), std::string::npos);
}

}  // namespace orientir::extract

namespace orientir::extract {

// «консерваторию имени Л. В. Собинова, работал директором …»: the person a body is named after holds none of
// the posts around the name; the pronoun's person does.
TEST(Positions, APersonABodyIsNamedAfterHoldsNoPost) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Министром культуры назначен Андрей Сомов. Он окончил консерваторию имени Л. В. Собинова, работал "
        "директором Саратовского областного Дома народного творчества.");
    for (const auto& f : r.facts) {
        if (f.kind == FactKind::kPosition && f.person) {
            EXPECT_EQ(r.mentions[*f.person].normal.find("Собинов"), std::string::npos) << f.post;
        }
    }
    auto facts = FactsByPerson(r);
    bool director = false;
    for (auto [it, end] = facts.equal_range("Андрей Сомов"); it != end; ++it)
        director = director || it->second->post.starts_with("директор");
    EXPECT_TRUE(director);
}

}  // namespace orientir::extract

namespace orientir::extract {

// Found by fuzz_extractor (session 10): a plural post with its persons at the very end of the text read one
// token past the end (heap overflow under ASan); each person still gets the post.
TEST(Positions, APluralPostWithItsPersonsAtTheEndOfTheText) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract("Совещание провели губернаторы Иван Петров и Пётр Сидоров");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Иван Петров"), "губернатор");
    EXPECT_EQ(PostOf(facts, "Пётр Сидоров"), "губернатор");
}

// «заместитель Председателя Кабинета Министров Чувашской Республики»: an office written with a capital in an
// official text goes on the post's genitive chain, the deputy is not lost (session 12, fresh28).
TEST(Positions, ADeputyOfACapitalisedOfficeKeepsTheWholePost) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Об этом рассказала заместитель Председателя Кабинета Министров Чувашской Республики Наталья Колесова. "
        "Советник Губернатора Тульской области Игорь Белов поддержал проект.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Наталья Колесова"), "заместитель Председателя Кабинета Министров Чувашской Республики");
    EXPECT_EQ(PostOf(facts, "Игорь Белов"), "советник Губернатора Тульской области");
}

// «директор Тарского районного Дома культуры»: a house of culture is a body, and its director's post keeps it.
TEST(Positions, AHouseOfCultureIsABodyAndOnePersonGetsOneFactPerPost) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Фестиваль в Таре\n\n«Такие встречи ценны», — подчеркнула директор Тарского районного Дома культуры "
        "Наталья Тимофеевна Лебедева. Во дворе стоит аварийный дом.\n");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Наталья Тимофеевна Лебедева"), "директор Тарского районного Дома культуры");
    for (const auto& m : r.mentions)
        EXPECT_FALSE(m.kind == MentionKind::kOrganisation && m.text.find("аварийный") != std::string::npos) << m.text;
    // the headline's short name and the lede's full one to the same post: one fact, under the full name
    r = ex.Extract(
        "Министром культуры Тверской области назначен Андрей Лаптев\n\nАндрей Викторович Лаптев назначен министром "
        "культуры Тверской области. На посту министра Лаптев сменил Ирину Голубеву.\n");
    int posts = 0;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person && r.mentions[*f.person].normal.ends_with("Лаптев") && !f.past) {
            ++posts;
            EXPECT_EQ(r.mentions[*f.person].normal, "Андрей Викторович Лаптев");
            EXPECT_EQ(f.post, "министр культуры Тверской области");
        }
    EXPECT_EQ(posts, 1);
}

// «возглавляет министерство …», «… Дом культуры возглавляет …», «…, который возглавляет …»: heading a body is
// the post of who heads that kind of body, with the body in the genitive; a body named by its kind alone is not.
TEST(Positions, HeadingABodyIsItsHeadsPost) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Назначения\n\nИрина Кызласова возглавляет Министерство культуры Республики Хакасия с 2023 года. С января "
        "Нолинский районный Дом культуры возглавляет Елена Васильевна Шуплецова. Служба размещена на базе "
        "Забайкальского территориального центра медицины катастроф, который возглавляет Евгений Лоншаков. Андрей "
        "Лукин возглавляет город третий год.\n");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Ирина Кызласова"), "министр культуры Республики Хакасия");
    EXPECT_EQ(PostOf(facts, "Елена Васильевна Шуплецова"), "директор Нолинского районного Дома культуры");
    EXPECT_EQ(PostOf(facts, "Евгений Лоншаков"),
              "руководитель Забайкальского территориального центра медицины катастроф");
    EXPECT_EQ(PostOf(facts, "Андрей Лукин"), "(none)");
}

// «возглавлял министерство труда и социальной политики …, а ещё раньше работал заместителем …»: a past post told by
// heading a body beside another past post; «по вопросам ЖКХ» keeps its abbreviation.
TEST(Positions, AHeadedBodyBesideAnotherPostAndAnAbbreviationInAPoPhrase) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Интервью\n\nВице-губернатор Приморского края Вадим Олегович Стрельников курирует социальный блок. До этого "
        "он пять лет возглавлял министерство труда и социальной политики Приморского края, а ещё раньше работал "
        "заместителем главы администрации Уссурийского городского округа. Об этом сообщил заместитель главы "
        "администрации района по вопросам ЖКХ Руслан Кушу.\n");
    bool minister = false;
    for (const auto& f : r.facts)
        minister = minister || (f.kind == FactKind::kPosition && f.past &&
                                f.post == "министр труда и социальной политики Приморского края");
    EXPECT_TRUE(minister);
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Руслан Кушу"), "заместитель главы администрации района по вопросам ЖКХ");
}

// «Директор Музея истории города Чебоксары», «по работе с общественными объединениями», «Валентина Петровна» (not
// the man's «Валентин» whose genitive it also is).
TEST(Positions, CapitalisedBodyKindsWithPhrasesAndWomensNames) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Новости\n\nДиректор Музея истории города Чебоксары Елена Ефимова отмечает рост. Руководитель отдела по "
        "работе с общественными объединениями администрации городского округа Сызрань Наталья Гурьянова рассказала о "
        "планах. Смеётся учитель математики Валентина Петровна Клюева.\n");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Елена Ефимова"), "директор Музея истории города Чебоксары");
    EXPECT_EQ(PostOf(facts, "Наталья Гурьянова"),
              "руководитель отдела по работе с общественными объединениями администрации городского округа Сызрань");
    EXPECT_NE(PostOf(facts, "Валентина Петровна Клюева"), "(none)");
}

// A biography without a subject after a time lead: «В 2009–2015 годах возглавлял отдел культуры …», «До этого
// работала заместителем министра …» — the person named before.
TEST(Positions, ABiographyWithoutASubjectAfterATimeLead) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Новости\n\nАндрей Лаптев родился в 1981 году в Ржеве. В 2009–2015 годах возглавлял отдел культуры "
        "администрации Ржевского района.\n\nМария Белова назначена министром. До этого работала заместителем министра "
        "культуры Тверской области.\n");
    bool laptev = false, belova = false;
    for (const auto& f : r.facts) {
        if (f.kind != FactKind::kPosition || !f.person || !f.past) continue;
        const std::string& who = r.mentions[*f.person].normal;
        laptev = laptev ||
                 (who == "Андрей Лаптев" && f.post == "руководитель отдела культуры администрации Ржевского района");
        belova = belova || (who == "Мария Белова" && f.post.rfind("заместитель министра", 0) == 0);
    }
    EXPECT_TRUE(laptev);
    EXPECT_TRUE(belova);
}

// A patronymic tells the first name's gender and case: «Рамиля Ильдаровича» is Рамиль, «Бадмой Очировичем» Бадма,
// «Тамерланом Таймуразовичем» Тамерлан (not «Таймуразович Тамерлан»), «Ильнуру Рафисовичу» Ильнур, «Валентина
// Петровна» stays Валентина.
TEST(Positions, APatronymicTellsTheFirstNamesGenderAndCase) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Новости\n\nПо словам Рамиля Ильдаровича Сабирова, всё идёт по плану. Делегацию возглавил министр Бадма "
        "Очирович Эрдниев; с Бадмой Очировичем Эрдниевым приехали коллеги. Встретились с Тамерланом Таймуразовичем "
        "Гаглоевым. Выступила Валентина Петровна Клюева. Николай Кара-Сал пообещал помочь. Спасибо главе района "
        "Ильнуру Рафисовичу Хисамову.\n");
    std::set<std::string> normals;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kPerson) normals.insert(m.normal);
    EXPECT_TRUE(normals.count("Рамиль Ильдарович Сабиров"));
    EXPECT_TRUE(normals.count("Бадма Очирович Эрдниев"));
    EXPECT_TRUE(normals.count("Тамерлан Таймуразович Гаглоев"));
    EXPECT_TRUE(normals.count("Валентина Петровна Клюева"));
    EXPECT_TRUE(normals.count("Николай Кара-Сал"));
    EXPECT_TRUE(normals.count("Ильнур Рафисович Хисамов"));  // a listed name the dictionary does not decline
}

// Session 14: a post that names its body by kind alone gets the body the article names in full; a legal form of
// several abbreviations before a quoted name; a district in the locative keeps its gender.
TEST(Positions, ABodyNamedByKindAloneIsTheOneTheArticleNamesInFull) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "В Альметьевске открылся семейный абонемент\n\nЦентральная городская библиотека Альметьевска открыла "
        "семейный абонемент. «Записались уже 300 семей», — рассказала директор библиотеки Лилия Рашитовна "
        "Гарипова. Заместитель главы Беловского муниципального округа по жилищно-коммунальному хозяйству Наталья "
        "Обухова и заместитель главы округа по социальным вопросам Ирина Котова побывали на открытии.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Лилия Рашитовна Гарипова"),
              "директор Центральной городской библиотеки города Альметьевска");
    EXPECT_EQ(PostOf(facts, "Ирина Котова"),
              "заместитель главы Беловского муниципального округа по социальным вопросам");
}

TEST(Positions, ALegalFormOfSeveralAbbreviationsKeepsItsQuotedName) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Директор ГКУ СО «Комплексный центр социального обслуживания населения Поволжского округа» Ренат "
        "Шамсутдинов рассказал о навигаторе. Руководитель проекта, директор МБУ «Экосфера» Айдар Миннуллин "
        "признаёт ошибки. Встреча прошла в Сокольском муниципальном округе.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Ренат Шамсутдинов"),
              "директор ГКУ СО «Комплексный центр социального обслуживания населения Поволжского округа»");
    bool ecosphere = false;
    for (auto [it, end] = facts.equal_range("Айдар Миннуллин"); it != end; ++it)
        ecosphere = ecosphere || it->second->post == "директор МБУ «Экосфера»";
    EXPECT_TRUE(ecosphere);
    bool district = false;
    for (const auto& m : r.mentions) district = district || m.normal == "Сокольский муниципальный округ";
    EXPECT_TRUE(district);
}

TEST(Positions, AFiniteVerbOfTheModifiersStemIsNoPartOfThePost) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Всё это время обязанности куратора блока фактически исполнял министр транспорта Пермского края "
        "Андрей Любимов.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Андрей Любимов"), "министр транспорта Пермского края");  // not «исполнял министр …»
}

TEST(Positions, ARuralSettlementIsAPlaceNamedInTheNeuter) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "В Уктузское сельское поселение входят три деревни. Глава Уктузского сельского поселения Елена "
        "Зуева рассказала о планах. В Мостовском городском поселении открыли сквер.");
    std::set<std::string> places;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kMunicipality) places.insert(m.normal);
    EXPECT_TRUE(places.count("Уктузское сельское поселение"));
    EXPECT_TRUE(places.count("Мостовское городское поселение"));
    EXPECT_EQ(PostOf(FactsByPerson(r), "Елена Зуева"), "глава Уктузского сельского поселения");
}

// A village the directory does not hold, named after its common noun, is a place and part of the post.
TEST(Positions, AVillageNamedAfterItsCommonNounIsPartOfThePost) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Директор ДК поблагодарил главу сельского поселения Заюково Азамата Борисовича Кумыкова. В селе Верхний "
        "Услон открыли сквер.");
    std::set<std::string> places;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kMunicipality) places.insert(m.normal);
    EXPECT_TRUE(places.count("Заюково"));
    EXPECT_TRUE(places.count("Верхний Услон"));
    EXPECT_EQ(PostOf(FactsByPerson(r), "Азамат Борисович Кумыков"), "глава сельского поселения Заюково");
}

TEST(Positions, NamesThatLookLikePlacesAbbreviationsOrBodies) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "На открытии выступила заместитель министра культуры Республики Татарстан Дания Рашитовна Ахметзянова. О "
        "работе чат-бота рассказал заместитель главы администрации района по вопросам ЖКХ Руслан Кушу. Об этом "
        "сообщил министр развития Арктики и экономики Мурманской области Евгений Лукин.");
    auto facts = FactsByPerson(r);
    // «Дания» before a patronymic is a first name, not Denmark
    EXPECT_EQ(PostOf(facts, "Дания Рашитовна Ахметзянова"), "заместитель министра культуры Республики Татарстан");
    // «ЖКХ» before a first name is no part of the name
    EXPECT_EQ(PostOf(facts, "Руслан Кушу"), "заместитель главы администрации района по вопросам ЖКХ");
    // «Арктики» with the body going on after it is no surname
    EXPECT_EQ(facts.count("Арктики"), 0u);
    EXPECT_EQ(facts.count("Евгений Лукин"), 1u);
}

TEST(Positions, TheAppointersPostIsNotTheAppointeesAndAPossessedPostHeadsTheBodyNamedBefore) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Распоряжением Губернатора Ульяновской области на должность Министра просвещения и воспитания Ульяновской "
        "области назначен Тимур Ринатович Зиганшин. В Нягани работает Ассоциация фермеров Дона. Её председатель "
        "Наталья Ткачёва рассказала о планах.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(facts.count("Тимур Ринатович Зиганшин"), 1u);  // not also «губернатор Ульяновской области»
    EXPECT_EQ(PostOf(facts, "Тимур Ринатович Зиганшин"), "министр просвещения и воспитания Ульяновской области");
    EXPECT_EQ(PostOf(facts, "Наталья Ткачёва"), "председатель Ассоциации фермеров Дона");
}

TEST(Positions, ACapitalisedOfficeGoesOnAndAShortParticipleEndsThePost) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Заместитель Главы администрации муниципального района по социальным вопросам Елена Вихрова сообщила о "
        "планах. На первом заседании Молодёжного парламента нового созыва председателем избрана студентка "
        "Горно-Алтайского государственного университета Айана Тюхтенева.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Елена Вихрова"),
              "заместитель Главы администрации муниципального района по социальным вопросам");
    EXPECT_EQ(PostOf(facts, "Айана Тюхтенева"), "председатель");  // not «председатель избрана студентка …»
}

TEST(Positions, AShortParticipleAfterTheBodyIsNoPartOfIt) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Исполняющим обязанности главного врача Саяногорской межрайонной больницы назначен Артём Валерьевич Тодышев.");
    EXPECT_EQ(PostOf(FactsByPerson(r), "Артём Валерьевич Тодышев"),
              "исполняющий обязанности главного врача Саяногорской межрайонной больницы");
}

TEST(Positions, AGenitiveSurnameBeforeAFullNameIsAnotherPerson) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract("Предшественник Шабалина Николай Петрович Громов переведён в Москву.");
    bool whole = false;
    for (const auto& m : r.mentions) {
        EXPECT_NE(m.text, "Шабалина Николай Петрович Громов");
        whole = whole || (m.kind == MentionKind::kPerson && m.text == "Николай Петрович Громов");
    }
    EXPECT_TRUE(whole);
}

TEST(Positions, ASurnameAloneTakesItsNominativeFromTheFullName) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract("Министром стал Николай Петрович Громов. Кандидатура обсуждалась с момента отставки Громова.");
    bool lone = false;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kPerson && m.text == "Громова") {
            lone = true;
            EXPECT_EQ(m.normal, "Громов");  // not a woman's «Громова»
        }
    EXPECT_TRUE(lone);
}

TEST(Positions, ANameAndPatronymicAloneIsThePersonNamedInFull) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Дарима Бадмаевна Цыренова встречает гостей. Двадцать лет Дарима Бадмаевна проработала учителем "
        "географии в Сувинской средней школе.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(facts.count("Дарима Бадмаевна Цыренова"), 1u);
    EXPECT_EQ(facts.count("Дарима Бадмаевна"), 0u);
}

TEST(Positions, CoordinatedAdjectivesOfAPoPhraseAndAHyphenatedPostInTheGenitive) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Председатель Государственного комитета Республики Башкортостан по жилищному и строительному надзору Айрат "
        "Галимзянов рассказал о рейтинге. Министром назначен Ленар Фаритович Гарипов, ранее занимавший должность "
        "заместителя премьер-министра правительства Республики Башкортостан.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Айрат Галимзянов"),
              "председатель Государственного комитета Республики Башкортостан по жилищному и строительному надзору");
    bool deputy = false, premier = false;
    for (auto [it, end] = facts.equal_range("Ленар Фаритович Гарипов"); it != end; ++it) {
        deputy = deputy || it->second->post == "заместитель премьер-министра правительства Республики Башкортостан";
        premier = premier || it->second->post.rfind("премьер-министр", 0) == 0;
    }
    EXPECT_TRUE(deputy);
    EXPECT_FALSE(premier);  // not «заместитель» and «премьер-министр …» apart
}

TEST(Positions, APostWrittenInTheFeminineKeepsIt) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Ольга Никитична Сязи — заведующая научно-просветительским отделом музея. Заведующая "
        "поликлиникой Наталья Зыкова рассказала о записи.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Ольга Никитична Сязи"), "заведующая научно-просветительским отделом музея");
    EXPECT_EQ(PostOf(facts, "Наталья Зыкова"), "заведующая поликлиникой");
}

TEST(Positions, ALonePostHeadsTheOneBodyOrMinistryNamedBefore) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Марина Сергеевна Кострова возглавляет министерство социальной политики Калужской области. Первый вопрос "
        "мы задали её команде.\n\n— Кто отвечает за уход на дому?\n\n— Иван Гусев, заместитель министра.\n\n"
        "Профильный класс в Сосновской средней общеобразовательной школе открыли в сентябре. Идею директор Анна "
        "Петровна Лаврова привезла из Тулы.\n\nДля этого Республиканский учебно-методический центр по "
        "образованию создал платформу. По словам директора центра Ильдара Хайруллина, на ней уже 1 800 "
        "педагогов.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Иван Гусев"), "заместитель министра социальной политики Калужской области");
    EXPECT_EQ(PostOf(facts, "Анна Петровна Лаврова"), "директор Сосновской средней общеобразовательной школы");
    EXPECT_EQ(PostOf(facts, "Ильдар Хайруллин"),
              "директор Республиканского учебно-методического центра по образованию");
}

TEST(Positions, APlacesAdjectiveAfterAPostIsNoSurname) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "С 2015 года Гульназ Рифовна Сафиуллина была директором Туймазинского историко-краеведческого музея.");
    for (const auto& m : r.mentions)
        EXPECT_FALSE(m.kind == MentionKind::kPerson && m.text == "Туймазинского") << m.text;
}

TEST(Positions, ASettlementsNameBeforeAPersonIsNotTheName) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Художественный руководитель сельского дома культуры села Новый Кишит Алсу Ильдусовна Закирова "
        "рассказала о клубе.");
    bool found = false;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kPerson) {
            EXPECT_EQ(m.normal, "Алсу Ильдусовна Закирова");
            found = true;
        }
    EXPECT_TRUE(found);
}

TEST(Positions, ABodyKeepsWhomItServesAndItsHyphenatedNoun) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Директор Котельничского дома-интерната для ветеранов и инвалидов Галина Петровна Шуклина рассказала о "
        "планах. Директор Вятского дома-интерната Олег Игоревич Сунцов её поддержал.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Галина Петровна Шуклина"),
              "директор Котельничского дома-интерната для ветеранов и инвалидов");
    EXPECT_EQ(PostOf(facts, "Олег Игоревич Сунцов"), "директор Вятского дома-интерната");
}

// A post that names its region by kind alone («министр социального развития региона») gets the one region of that
// kind the article names; a region's own adjectives («Еврейской автономной области») are no kind word.
TEST(Positions, ARegionNamedByKindInAPostIsTheOneTheArticleNames) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Новости Пермского края\n\nЛариса Гладких назначена министром социального развития региона. Соглашение "
        "подписал заместитель председателя правительства Еврейской автономной области Константин Зубарев.\n");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Лариса Гладких"), "министр социального развития Пермского края");
    EXPECT_EQ(PostOf(facts, "Константин Зубарев"),
              "заместитель председателя правительства Еврейской автономной области");
}

// «первого заместителя министра», «министр» alone after a whole post of the ministry: that ministry.
TEST(Positions, ABareMinisterIsOfTheMinistryTheWholePostsName) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Кадровые перемены\n\nУказом губернатора Пермского края министром социального развития региона назначена "
        "Лариса Викторовна Гладких, до сих пор занимавшая пост первого заместителя министра.\n");
    bool deputy = false;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition &&
            f.post == "первый заместитель министра социального развития Пермского края")
            deputy = true;
    EXPECT_TRUE(deputy);
}

// «Директор музея …» at a sentence's start after «Чебоксарский музей декоративного искусства «Узор»»: the kind word
// is that body's, its adjective in the nominative no head («музей» stems unlike «музея»).
TEST(Positions, AKindWordAtASentencesStartIsTheBodyNamedBefore) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Чебоксарский музей декоративного искусства «Узор» запустил экскурсии. Директор музея Эльвира Васильевна "
        "Иванова рассказала о планах.\n");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Эльвира Васильевна Иванова"),
              "директор Чебоксарского музея декоративного искусства «Узор»");
}

}  // namespace orientir::extract

namespace orientir::extract {

// Bodies named by coordinated nouns keep every part: a genitive in «-вли» is no verb's past («торговли»), genitive
// plurals in «-ий» listed after a comma are no adjectives («инвестиций»), abbreviations joined by «и» («ГО и ЧС»),
// and «внештатный» is a modifier of the post.
TEST(Positions, CoordinatedBodiesKeepEveryPart) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract(
        "Ярмарку посетил министр промышленности и торговли Самарской области Олег Тарасенко. Об этом "
        "сообщила министр экономического развития, инвестиций, туризма и внешних связей Оренбургской "
        "области Елена Кандаурова. Начальник отдела ГО и ЧС администрации Усть-Алданского улуса Сардана "
        "Гоголева рассказала о командах. Об этом рассказал главный внештатный специалист по медицинской "
        "профилактике Министерства здравоохранения Омской области Руслан Байрамов.");
    const auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Олег Тарасенко"), "министр промышленности и торговли Самарской области");
    EXPECT_EQ(PostOf(facts, "Елена Кандаурова"),
              "министр экономического развития, инвестиций, туризма и внешних связей Оренбургской области");
    EXPECT_EQ(PostOf(facts, "Сардана Гоголева"), "начальник отдела ГО и ЧС администрации Усть-Алданского улуса");
    const auto more = ex.Extract(
        "Министром культуры и духовного развития республики назначена Сардана Ноговицына. Иван Петров переведён на "
        "должность советника губернатора по вопросам культуры и национальной политики.");
    const auto more_facts = FactsByPerson(more);
    EXPECT_EQ(PostOf(more_facts, "Сардана Ноговицына").rfind("министр культуры и духовного развития ", 0), 0u)
        << PostOf(more_facts, "Сардана Ноговицына");
    EXPECT_EQ(PostOf(more_facts, "Иван Петров"), "советник губернатора по вопросам культуры и национальной политики");
    EXPECT_EQ(PostOf(facts, "Руслан Байрамов"),
              "главный внештатный специалист по медицинской профилактике Министерства здравоохранения Омской области");
}

}  // namespace orientir::extract

namespace orientir::extract {

// A post that names its body by kind alone («директор школы», «директор центра») gets the body the article names
// with its legal form first: the head is read inside the quoted name, a school's or centre's abbreviation as its kind.
TEST(Positions, ABodyByKindIsTheOneNamedWithItsLegalForm) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract(
        "Медиацентр открыли в МОБУ «Средняя общеобразовательная школа № 33» г. Якутска.\n\nДиректор школы Николай "
        "Егоров рассказал о планах. Прокат открыли в ГБУ СОН АО «Вельский КЦСОН». Директор центра Наталья Ершова "
        "рассказала, что очередь уже есть.");
    const auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Николай Егоров").rfind("директор МОБУ «Средняя общеобразовательная школа № 33»", 0), 0u)
        << PostOf(facts, "Николай Егоров");
    EXPECT_EQ(PostOf(facts, "Наталья Ершова"), "директор ГБУ СОН АО «Вельский КЦСОН»");
    // a noun in «-ние» is the head, not an adjective: the genitive stops there
    const auto v = ex.Extract(
        "Подбор наставников ведёт Вилюйское управление социальной защиты населения. Его руководитель Сардана Иванова "
        "рассказывает, что желающих хватает.");
    const auto vf = FactsByPerson(v);
    EXPECT_EQ(PostOf(vf, "Сардана Иванова").rfind("руководитель Вилюйского управления социальной защиты", 0), 0u)
        << PostOf(vf, "Сардана Иванова");
}

}  // namespace orientir::extract

namespace orientir::extract {

// «главный врач» alone heads the one hospital named just before, as «директор» alone heads its school.
TEST(Positions, AChiefPhysicianAloneHeadsTheHospitalNamedBefore) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract(
        "Выездные школы здоровья запустила Муромская городская больница № 3. Главный врач Артём Захарьин рассказал, "
        "что первые занятия прошли на заводе.");
    const auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Артём Захарьин"), "главный врач Муромской городской больницы № 3");
}

}  // namespace orientir::extract

namespace orientir::extract {

// A dative right after a post head («руководителя личному составу») is no part of its body: the holder named after
// gets the next post only.
TEST(Positions, ADativeAfterAPostHeadIsNoPartOfItsBody) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract(
        "Представил нового руководителя личному составу первый заместитель председателя правительства Омской области "
        "Вадим Сергеевич Ланге.");
    const auto facts = FactsByPerson(r);
    EXPECT_EQ(facts.count("Вадим Сергеевич Ланге"), 1u);
    EXPECT_EQ(PostOf(facts, "Вадим Сергеевич Ланге"), "первый заместитель председателя правительства Омской области");
}

}  // namespace orientir::extract

namespace orientir::extract {

// A post told in a clause of «где» after an organisation is that organisation's.
TEST(Positions, APostInAClauseOfWhereIsTheBodysBeforeIt) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract(
        "Затем Егор Саввинов перешёл в АО «Якутуголь», где занимал должность заместителя генерального директора по "
        "социальным вопросам.");
    const auto facts = FactsByPerson(r);
    const std::string post = PostOf(facts, "Егор Саввинов");
    EXPECT_NE(post.find("заместитель генерального директора"), std::string::npos) << post;
    EXPECT_NE(post.find("АО «Якутуголь»"), std::string::npos) << post;
}

}  // namespace orientir::extract

namespace orientir::extract {

// «Ранее он был директором …, а до этого — заместителем главы …»: the dash gaps the verb, the holder and the past
// period are the first clause's.
TEST(Positions, ADashThatGapsTheVerbGivesTheSameHolderAnEarlierPost) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract(
        "Константин Рябов возглавлял город с ноября 2021 года. Ранее он был директором МУП «Находкинский водоканал», а "
        "до этого — заместителем главы администрации Находки по вопросам ЖКХ.");
    const auto facts = FactsByPerson(r);
    bool deputy = false;
    for (auto [it, end] = facts.equal_range("Константин Рябов"); it != end; ++it)
        if (it->second->post.starts_with("заместитель главы администрации Находки")) {
            deputy = true;
            EXPECT_TRUE(it->second->past);
        }
    EXPECT_TRUE(deputy);
}

}  // namespace orientir::extract

namespace orientir::extract {

// A post sought («конкурс на замещение должности главы») is nobody's post.
TEST(Positions, APostSoughtIsNobodys) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract(
        "Председатель Думы Находкинского городского округа Ольга Захарченко сообщила, что конкурс на замещение "
        "должности главы будет объявлен в течение месяца.");
    const auto facts = FactsByPerson(r);
    EXPECT_EQ(facts.count("Ольга Захарченко"), 1u);
    EXPECT_EQ(PostOf(facts, "Ольга Захарченко"), "председатель Думы Находкинского городского округа");
}

}  // namespace orientir::extract

namespace orientir::extract {

// A job named after a comma («…, врач-кардиолог») is the person's trade, not a part of the post.
TEST(Positions, AJobAfterACommaIsNoPartOfThePost) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract("Об этом сообщил член Общественной палаты Омской области, врач-кардиолог Иван Петров.");
    EXPECT_EQ(PostOf(FactsByPerson(r), "Иван Петров"), "член Общественной палаты Омской области");
}

TEST(Positions, APostThatNamesItsHeadOrTheGovernorGetsTheBodyTheArticleNames) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "В Курганской области обновили программу. Об этом рассказала заместитель губернатора Алла Дегтярёва. "
        "В Златоустовском городском краеведческом музее открыли выставку. «Мы готовили её год», — говорит "
        "заместитель директора по научной работе Ольга Мясникова.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Алла Дегтярёва"), "заместитель губернатора Курганской области");
    EXPECT_EQ(PostOf(facts, "Ольга Мясникова"),
              "заместитель директора Златоустовского городского краеведческого музея по научной работе");
    // two regions named before: whose governor is not said, the post stays as written
    const auto r2 = ex.Extract(
        "Делегация Курганской области побывала в Тюменской области. Гостей встретил заместитель губернатора "
        "Андрей Соколов.");
    auto two = FactsByPerson(r2);
    EXPECT_EQ(PostOf(two, "Андрей Соколов"), "заместитель губернатора");
}

TEST(Positions, AFirstNameInAnyCaseOpensAPersonEvenBeforeASurnameThatIsATown) {
    const Extractor& ex = ReferenceExtractor();
    // «Еленой» stems unlike «Елена», and Сафоново is a town: the holder was read as an organisation before
    auto r = ex.Extract(
        "В Детской школе искусств № 1 Нижневартовска открыли новый класс. О первых результатах мы поговорили с "
        "директором школы Еленой Сафоновой.");
    auto facts = FactsByPerson(r);
    ASSERT_EQ(facts.count("Елена Сафонова"), 1u);
    EXPECT_EQ(PostOf(facts, "Елена Сафонова"), "директор Детской школы искусств № 1 города Нижневартовска");
    // a first name alone that is a town in an oblique case stays the town
    auto town = ex.Extract(
        "Вдохновившись опытом соседнего Артёма, администрация Уссурийского городского округа "
        "запустила проект.");
    bool artem_town = false;
    for (const auto& m : town.mentions) {
        EXPECT_FALSE(m.kind == MentionKind::kPerson && m.text == "Артёма");
        artem_town = artem_town || (m.kind == MentionKind::kMunicipality && m.text == "Артёма");
    }
    EXPECT_TRUE(artem_town);
}

TEST(Positions, AVillagesHeadIsAPostAndTheVillageNoPerson) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract(
        "Старостой села Овсянка единогласно избрана Нина Петровна Гребенюк. "
        "Старостой Кардоновки единогласно избран Николай Иванович Рябов.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Нина Петровна Гребенюк"), "староста села Овсянка");
    EXPECT_EQ(PostOf(facts, "Николай Иванович Рябов").rfind("староста", 0), 0u);
    for (const auto& m : r.mentions) EXPECT_FALSE(m.kind == MentionKind::kPerson && m.text == "Кардоновки");
}

TEST(Positions, WhoLeftOrWasReplacedAfterAPrepositionHoldsNoPost) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract(
        "Первый заместитель министра Сардаана Егорова, временно исполнявшая обязанности министра после ухода "
        "Дмитрия Попова, продолжит работу в прежней должности.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(facts.count("Дмитрий Попов"), 0u);
    EXPECT_EQ(PostOf(facts, "Сардаана Егорова"), "первый заместитель министра");
    // the acting post is hers, its participle kept in the feminine past the adverb
    bool acting = false;
    for (auto [it, end] = facts.equal_range("Сардаана Егорова"); it != end; ++it)
        acting = acting || it->second->post == "временно исполнявшая обязанности министра";
    EXPECT_TRUE(acting);
    for (const auto& f : r.facts) {
        if (f.kind == FactKind::kPosition) {
            EXPECT_EQ(f.post.find("после"), std::string::npos) << f.post;
        }
    }
}

TEST(Positions, TheCareerLinesOfABiographyAreItsPersonsPosts) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract(
        "Справка. Кудрин Олег Викторович родился в 1979 году в Кургане. Окончил Курганский государственный "
        "университет. С 2012 по 2018 год — заместитель главы администрации Кетовского района. С 2018 года — "
        "директор Курганского областного центра занятости.");
    std::map<std::string, bool> past;  // post → held before
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person && r.mentions[*f.person].normal == "Олег Викторович Кудрин")
            past[f.post] = f.past;
    ASSERT_EQ(past.size(), 2u);
    const std::string deputy = "заместитель главы администрации Кетовского района";
    const std::string director = "директор Курганского областного центра занятости";
    ASSERT_TRUE(past.count(deputy));
    ASSERT_TRUE(past.count(director));
    EXPECT_TRUE(past[deputy]);     // «С 2012 по 2018 год»: a closed span
    EXPECT_FALSE(past[director]);  // «С 2018 года»: held since
    // the quoted minister before a «Справка» and a name inside a body's name are not whom it is about
    const auto quoted = ex.Extract(
        "«Работы много», — сказала министр Анна Смирнова. Справка. Кудрин Олег Викторович родился в 1979 году. "
        "Окончил консерваторию имени П. И. Чайковского. В 2012–2018 годах — заместитель главы администрации "
        "Кетовского района.");
    auto by = FactsByPerson(quoted);
    EXPECT_EQ(PostOf(by, "Олег Викторович Кудрин"), deputy);
    // two persons named before in one sentence: whose line it is is not said
    const auto two = ex.Extract(
        "На встрече были Олег Кудрин и Анна Смирнова. В 2012–2018 годах — заместитель главы администрации "
        "Кетовского района.");
    for (const auto& f : two.facts) EXPECT_NE(f.kind, FactKind::kPosition);
}

TEST(Positions, APostThatOnlyBeginsAFullerOneOfThePersonIsNotProposedAgain) {
    const Extractor& ex = ReferenceExtractor();
    const auto r = ex.Extract(
        "Анна Кудрина родилась в Кургане. В 2010–2015 годах работала заместителем директора Курганской областной "
        "библиотеки.");
    auto facts = FactsByPerson(r);
    ASSERT_EQ(facts.count("Анна Кудрина"), 1u);
    EXPECT_EQ(PostOf(facts, "Анна Кудрина"), "заместитель директора Курганской областной библиотеки");
}

TEST(Positions, APostAtABodyTheDirectoryLacksIsPlacedWhereTheBodyNamesItsPlace) {
    const Extractor& ex = ReferenceExtractor();
    auto place_of_post = [&](const std::string& text) -> std::string {
        const auto r = ex.Extract(text);
        for (const auto& f : r.facts)
            if (f.kind == FactKind::kPosition && f.organisation && f.place && r.mentions[*f.place].ref)
                return r.mentions[*f.place].ref->name;
        return "(none)";
    };
    EXPECT_EQ(place_of_post("Справка. Гаджиев Рамазан Магомедович родился в 1980 году. В 2015–2020 годах — "
                            "заместитель главы администрации Дербента."),
              "Дербент");
    // a district the directory does not hold: the region it names
    EXPECT_EQ(place_of_post("Справка. Гаджиев Рамазан Магомедович родился в 1980 году. В 2015–2020 годах — "
                            "заместитель главы администрации Кетовского района Курганской области."),
              "Курганская область");
    // a body named by its kind alone («правительства»), the region after it in the post
    EXPECT_EQ(place_of_post("«Мы изучили бурятский опыт», — рассказала заместитель председателя правительства "
                            "Республики Саха (Якутия) Сардаана Егорова."),
              "Республика Саха (Якутия)");
}

// A post's body goes on through a field told by «в сфере» / «в области», a list with common abbreviations
// («строительства, ЖКХ и ТЭК», «по строительству и ЖКХ»), a council «при» a body and the place a post serves
// («по Пензенской области»).
TEST(Positions, APostsBodyGoesOnThroughFieldsListsAndThePlaceItServes) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Об этом рассказал руководитель Центра компетенций в сфере сельскохозяйственной кооперации Пензенской "
        "области Наталья Лукьянова. Заместитель главы Бердска по строительству и ЖКХ Сергей Вайнер добавил, что "
        "работы начнутся весной. Встречу открыл главный федеральный инспектор по Пензенской области Игорь Петров. "
        "Председатель Молодёжного парламента при Государственном Совете Республики Коми Анна Попова выступила "
        "следом. Директор департамента строительства, ЖКХ и ТЭК Костромской области Денис Рябинин ответил на "
        "вопросы.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Наталья Лукьянова"),
              "руководитель Центра компетенций в сфере сельскохозяйственной кооперации Пензенской области");
    EXPECT_EQ(PostOf(facts, "Сергей Вайнер"), "заместитель главы Бердска по строительству и ЖКХ");
    EXPECT_EQ(PostOf(facts, "Игорь Петров"), "главный федеральный инспектор по Пензенской области");
    EXPECT_EQ(PostOf(facts, "Анна Попова"),
              "председатель Молодёжного парламента при Государственном Совете Республики Коми");
    EXPECT_EQ(PostOf(facts, "Денис Рябинин"), "директор департамента строительства, ЖКХ и ТЭК Костромской области");
}

// «Его директор» after a body named by its legal form and a quoted name heads that body.
TEST(Positions, HisDirectorHeadsTheBodyNamedByALegalFormAndAQuotedName) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Аукционы на покупку квартир проведёт МКУ «Служба городского заказчика». Его директор Ирина Рашидовна "
        "Махмутова уточнила, что требования к жилью стандартные.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Ирина Рашидовна Махмутова"), "директор МКУ «Служба городского заказчика»");
}

// A post told by running a body named after the verb: «руководил X» → «руководитель X» (of a participle or of
// «который» too), «заведовала X» → «заведующая X» as written; the noun «руководителя» and a body with no name
// («руководил закрытым городом») tell none.
TEST(Positions, RunningOrManagingANamedBodyIsAPost) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Директор ресурсного центра «Содействие» Денис Олегович Пчелинцев, ранее руководивший молодёжным центром "
        "«Ровесник», отметил успех. Ольга Чистякова много лет заведовала Нерехтской детской библиотекой. Так "
        "пояснил начальник управления образования Мирнинского района Айсен Саввинов, который до назначения "
        "руководил Айхальской средней школой. Олег Бородин руководил закрытым городом с 2020 года. Ранее Евгения "
        "Макарова работала заместителем руководителя Агентства по туризму Камчатского края.");
    auto facts = FactsByPerson(r);
    std::set<std::string> posts;
    for (const auto& [who, f] : facts) posts.insert(who + " | " + f->post + (f->past ? " | past" : " | current"));
    EXPECT_TRUE(posts.count("Денис Олегович Пчелинцев | руководитель молодёжного центра «Ровесник» | past"));
    EXPECT_TRUE(posts.count("Ольга Чистякова | заведующая Нерехтской детской библиотекой | past"));
    EXPECT_TRUE(posts.count("Айсен Саввинов | руководитель Айхальской средней школы | past"));
    for (const auto& p : posts) {
        EXPECT_EQ(p.find("закрытого города"), std::string::npos) << p;
        EXPECT_EQ(p.find("Макарова | руководитель Агентства"), std::string::npos) << p;
    }
}

// «Прежний министр X» in an article on the new minister of a named ministry holds that post; a settlement or a street
// after a whole post is part of it; a town's adjective before a body's own name goes on the post.
TEST(Positions, ABarePostIsTheArticlesOneWholePostOfItsHead) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Министром семьи, труда и социальной защиты населения Республики Башкортостан назначена Гульнара Рифовна "
        "Ишмухаметова. Прежний министр Ленар Фаритович Гарипов назначен советником. Директор средней школы № 12 "
        "станицы Ессентукской Людмила Андреевна Гончаренко рассказала о кадетах. Город консультировал руководитель "
        "пермской АНО «Транспортные решения» Глеб Корнилов.");
    auto facts = FactsByPerson(r);
    std::set<std::string> posts;
    for (const auto& [who, f] : facts) posts.insert(who + " | " + f->post);
    EXPECT_TRUE(posts.count(
        "Ленар Фаритович Гарипов | министр семьи, труда и социальной защиты населения Республики Башкортостан"));
    EXPECT_TRUE(posts.count("Людмила Андреевна Гончаренко | директор средней школы № 12 станицы Ессентукской"));
    EXPECT_TRUE(posts.count("Глеб Корнилов | руководитель пермской АНО «Транспортные решения»"));
}

// A post of two nouns joined by a hyphen goes into the nominative whole («тренером-преподавателем» →
// «тренер-преподаватель»); «вице-» and «премьер-» stay.
TEST(Positions, BothNounsOfAHyphenatedPostTakeTheNominative) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Ранее Аржан Ябыштаев работал тренером-преподавателем ДЮСШ Онгудайского района. Вице-спикер Иван Петров "
        "выступил. Алина Валиуллина работала педагогом-организатором школы № 5.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Аржан Ябыштаев"), "тренер-преподаватель ДЮСШ Онгудайского района");
    EXPECT_EQ(PostOf(facts, "Иван Петров"), "вице-спикер");
    EXPECT_EQ(PostOf(facts, "Алина Валиуллина"), "педагог-организатор школы № 5");
}

// A bare «депутат» in a report on the one legislature the article names sits in it; two legislatures leave it bare.
TEST(Positions, ABareDeputyIsOfTheArticlesOneLegislature) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "На заседании Городской Думы города Калуги депутаты рассмотрели 22 вопроса. Дискуссия развернулась вокруг "
        "предложения депутата Максима Игоревича Бычкова. Следующее заседание Городской Думы назначено на 26 ноября.");
    EXPECT_EQ(PostOf(FactsByPerson(r), "Максим Игоревич Бычков"), "депутат Городской Думы города Калуги");
    auto two = ex.Extract(
        "Депутаты Законодательного собрания Новосибирской области и Законодательного Собрания Вологодской области "
        "встретились. Выступил депутат Виктор Алексеевич Мурашов.");
    EXPECT_EQ(PostOf(FactsByPerson(two), "Виктор Алексеевич Мурашов"), "депутат");
    // the legislature named most often, its shorter names counted with it, is named in full in every post
    auto own = ex.Extract(
        "Сессия Архангельского областного Собрания депутатов прошла в четверг. Опыт Законодательного Собрания "
        "Вологодской области обсудили. Вёл заседание председатель областного Собрания Игорь Валентинович Сухарев. "
        "Депутат Андрей Леонидович Глазунов выступил. Решение областного Собрания принято.");
    auto facts = FactsByPerson(own);
    EXPECT_EQ(PostOf(facts, "Игорь Валентинович Сухарев"), "председатель Архангельского областного Собрания депутатов");
    EXPECT_EQ(PostOf(facts, "Андрей Леонидович Глазунов"), "депутат Архангельского областного Собрания депутатов");
}

// «главный врач Ростовской ЦРБ» in an article that spells the hospital out: the post and the body's normal take the
// name spelled out; another number is another body.
TEST(Positions, AnAbbreviatedBodyTakesTheNameTheArticleSpellsItOutWith) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Фельдшеры консультируются с врачами Ростовской центральной районной больницы. «Это удобно», — рассказал "
        "главный врач Ростовской ЦРБ Сергей Аркадьевич Малинин.");
    EXPECT_EQ(PostOf(FactsByPerson(r), "Сергей Аркадьевич Малинин"),
              "главный врач Ростовской центральной районной больницы");
    auto other =
        ex.Extract("Концерт прошёл в Детской школе искусств № 4. Выступила директор ДШИ № 1 Анна Петровна Лебедева.");
    EXPECT_EQ(PostOf(FactsByPerson(other), "Анна Петровна Лебедева"), "директор ДШИ № 1");
}

// «Щербак, ранее главный врач Краевой клинической больницы»: «ранее» leaves the holder of an apposition, the post is
// past; a capitalised official adjective opens the body's name, it is no surname.
TEST(Positions, APastPostInAnAppositionAndAnOfficialAdjectiveOpeningItsBody) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Исполняющей обязанности министра здравоохранения Забайкальского края назначена Татьяна Алексеевна Щербак, "
        "ранее главный врач Краевой клинической больницы. С 2009 по 2015 год она была заместителем главного врача "
        "Краевой клинической больницы по медицинской части.");
    std::set<std::string> posts;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person)
            posts.insert(r.mentions[*f.person].normal + " | " + f.post + (f.past ? " | past" : " | current"));
    EXPECT_TRUE(posts.count("Татьяна Алексеевна Щербак | главный врач Краевой клинической больницы | past"));
    for (const auto& m : r.mentions) EXPECT_FALSE(m.kind == MentionKind::kPerson && m.text == "Краевой");
}

// «Предыдущий глава района» after a sentence that names «Шилкинского района»: the district just named, not the one the
// article named first.
TEST(Positions, ABodysKindWordIsTheOneJustNamed) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Дашиев родился в селе Амитхаша Агинского района. Министром назначен Баир Цыренович Дашиев. С 2018 года "
        "Николай Петрович Громов работал заместителем главы Шилкинского района. Предыдущий глава района Владимир "
        "Иванович Сорокин сложил полномочия.");
    EXPECT_EQ(PostOf(FactsByPerson(r), "Владимир Иванович Сорокин"), "глава Шилкинского района");
    // («Предыдущий глава» held the post before)
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person && r.mentions[*f.person].normal == "Владимир Иванович Сорокин") {
            EXPECT_TRUE(f.past);
        }
}

// «Прежний министр» in an article with three ministers: the ministry of the sentence just before, an acting
// minister's too.
TEST(Positions, ABarePostAmongSeveralIsTheOneJustTold) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Министром сельского хозяйства Забайкальского края назначен Баир Цыренович Дашиев. Исполняющей обязанности "
        "министра здравоохранения Забайкальского края назначена Татьяна Алексеевна Щербак. Прежний министр Сергей "
        "Николаевич Голубев освобождён от должности. Министром образования и науки Забайкальского края стала Ирина "
        "Викторовна Бадмаева.");
    EXPECT_EQ(PostOf(FactsByPerson(r), "Сергей Николаевич Голубев"), "министр здравоохранения Забайкальского края");
}

// «Шестакову 46 лет» after «Дмитрий Валерьевич Шестаков»: the surname alone is the person the article names in full
// (its post goes to the whole name), whoever of that surname a directory holds.
TEST(Positions, ASurnameAloneIsThePersonNamedInFull) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Первым заместителем губернатора Архангельской области назначен Дмитрий Валерьевич Шестаков. Шестакову 46 "
        "лет. С 2019 года Шестаков был министром экономического развития Мурманской области.");
    auto facts = FactsByPerson(r);
    bool minister = false;
    for (auto [it, end] = facts.equal_range("Дмитрий Валерьевич Шестаков"); it != end; ++it)
        minister = minister || it->second->post == "министр экономического развития Мурманской области";
    EXPECT_TRUE(minister);
}

// «работал учителем истории в Нерехтской средней школе № 1»: the institution the post was held in is its body; a town
// after «в» is none.
TEST(Positions, TheInstitutionAPostWasHeldIn) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Иван Петров после института работал учителем истории в Нерехтской средней школе № 1. Олег Сидоров работал "
        "учителем в Кургане.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Иван Петров"), "учитель истории Нерехтской средней школы № 1");
    EXPECT_EQ(PostOf(facts, "Олег Сидоров"), "учитель");
}

// A library's own post: «нашей библиотеки» is the article's library, the one it names most; a body named «им. Т. К.
// Мальбахова» keeps the name after «им.».
TEST(Positions, OurBodyIsTheArticlesOneAndANameAfterIm) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Делегация Национальной библиотеки Республики Адыгея им. Х. Б. Андрухаева во главе с директором Сусанной "
        "Аслановной Хут побывала в Краснодаре. Национальная библиотека Республики Адыгея им. Х. Б. Андрухаева провела "
        "выставку. Выставку подготовила заведующая отделом краеведения нашей библиотеки Ольга Петровна Рябова.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Сусанна Аслановна Хут"),
              "директор Национальной библиотеки Республики Адыгея им. Х. Б. Андрухаева");
    EXPECT_EQ(PostOf(facts, "Ольга Петровна Рябова"),
              "заведующая отделом краеведения Национальной библиотеки Республики Адыгея им. Х. Б. Андрухаева");
}

// A current career in a place with no post («До назначения в Курган он …») of a person whose current post the
// article names is no fact of its own; a past one stays (it tells where the person came from).
TEST(Positions, ACurrentCareerWithoutAPostOfAPersonWithAPostIsNone) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Как рассказал директор курганского комплексного центра Сергей Бочкарёв, пермяки поделились регламентами. "
        "До назначения в Курган он восемь лет руководил Шадринским комплексным центром социального обслуживания "
        "населения.");
    int postless = 0, past = 0;
    for (const auto& f : r.facts) {
        if (f.kind != FactKind::kPosition) continue;
        if (f.post.empty() && !f.position) ++postless;
        if (f.past) ++past;
    }
    EXPECT_EQ(postless, 0);
    EXPECT_GE(past, 1);  // «руководил Шадринским …»
}

// «Он сменил на этом посту Ирину Мусатову»: the one replaced held the post before; «сменила на посту министра
// культуры Ивана Петрова» names the post itself.
TEST(Positions, TheOneReplacedHeldThePostBefore) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Губернатор подписал распоряжение о назначении Олега Викторовича Сомова директором департамента "
        "здравоохранения Ямало-Ненецкого автономного округа. Он сменил на этом посту Ирину Мусатову, которая ушла "
        "на пенсию. Анна Белова сменила на посту министра культуры Омской области Ивана Петрова.");
    auto facts = FactsByPerson(r);
    auto past_post = [&](const std::string& who) {
        for (auto [it, end] = facts.equal_range(who); it != end; ++it)
            if (it->second->past) return it->second->post;
        return std::string("(none)");
    };
    EXPECT_EQ(past_post("Ирина Мусатова"), "директор департамента здравоохранения Ямало-Ненецкого автономного округа");
    EXPECT_EQ(past_post("Иван Петров"), "министр культуры Омской области");
    // «На этом посту она сменила …» (before the verb), «возглавила центр, сменив …» (the post just taken)
    auto before = ex.Extract(
        "Министром культуры Ставропольского края назначена Валерия Игоревна Колесникова. На этом посту она сменила "
        "Геннадия Петровича Мирошниченко, который сложил полномочия. Главой Минераловодского муниципального округа "
        "избран Тимур Бекоев. Он возглавил округ в марте, сменив Сергея Рябова.");
    facts = FactsByPerson(before);
    EXPECT_EQ(past_post("Геннадий Петрович Мирошниченко"), "министр культуры Ставропольского края");
    EXPECT_EQ(past_post("Сергей Рябов"), "глава Минераловодского муниципального округа");
}

// «Решением Совета депутатов … округа главой округа избран …»: a post in the instrumental after a body that holds a
// post word («депутатов») is a post of its own, not that body's.
TEST(Positions, AnInstrumentalPostAfterACouncilIsAPostOfItsOwn) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Решением Совета депутатов Минераловодского муниципального округа главой округа избран Тимур "
        "Аланович Бекоев.");
    EXPECT_EQ(PostOf(FactsByPerson(r), "Тимур Аланович Бекоев"), "глава Минераловодского муниципального округа");
}

// «ректор вуза» after the university is named: the kind word «вуз» stands for a university, an institute or an academy.
TEST(Positions, AUniversityByTheWordVuz) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Соглашение подписано с Кабардино-Балкарским государственным аграрным университетом имени В. М. Кокова. "
        "По словам ректора вуза Аслана Борисовича Тхамокова, студенты будут вести занятия в школах.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Аслан Борисович Тхамоков"),
              "ректор Кабардино-Балкарского государственного аграрного университета имени В. М. Кокова");
}

// «директор лицея № 4» in a story of one town: the numbered school is that town's; in a story of two towns named as
// often it stays as written.
TEST(Positions, ANumberedSchoolIsTheArticlesTowns) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "В Таганроге школьники сами решают, на что потратить деньги. Таганрог стал первым в области. Как рассказала "
        "директор лицея № 4 Тамара Ильинична Гребенюк, дети выбрали спортивную площадку.");
    EXPECT_EQ(PostOf(FactsByPerson(r), "Тамара Ильинична Гребенюк"), "директор лицея № 4 города Таганрога");
    auto two = ex.Extract(
        "Школьники Таганрога и Азова сами решают, на что потратить деньги. Как рассказала директор лицея № 4 Тамара "
        "Ильинична Гребенюк, дети выбрали спортивную площадку.");
    EXPECT_EQ(PostOf(FactsByPerson(two), "Тамара Ильинична Гребенюк"), "директор лицея № 4");
}

// A bare «директор библиотеки» after a sentence that names a library the article's own one visited is the article's
// own, named in its headline; so is the post of the one she replaced.
TEST(Positions, ABarePostIsTheHeadlinesBodyBeforeOneVisited) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Кунгурская библиотека открыла прокат настольных игр\n\nИдею мы привезли со стажировки в Национальной "
        "библиотеке Республики Татарстан. «Первые игры уже разобрали», — рассказала директор библиотеки Анна "
        "Ивановна Котова. Она сменила на этом посту Ольгу Петровну Рябову, которая ушла на пенсию.");
    auto facts = FactsByPerson(r);
    EXPECT_EQ(PostOf(facts, "Анна Ивановна Котова"), "директор Кунгурской библиотеки");
    EXPECT_EQ(PostOf(facts, "Ольга Петровна Рябова"), "директор Кунгурской библиотеки");
}

// A «Справка» of one career line per year span, longer than four lines: each line is the person's; a bare «первый
// заместитель министра» of one now made minister is the deputy of that ministry; a quoted name the post left open is
// closed.
TEST(Positions, ALongBiographyOneLinePerSpanAndTheDeputyOfTheOwnMinistry) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Министром цифрового развития Калужской области назначен Белоусов Артём Игоревич. До назначения он занимал "
        "должность первого заместителя министра.\n\nСправка\n\nБелоусов Артём Игоревич родился в 1986 году в "
        "Обнинске. Окончил Обнинский институт атомной энергетики.\n\n2008–2013 — инженер-программист ООО "
        "«Калуга-Софт».\n2013–2017 — начальник отдела информатизации администрации города Обнинска.\n2017–2021 — "
        "директор ГБУ Калужской области «Центр цифровой трансформации».\n2021–2024 — заместитель министра "
        "цифрового развития Калужской области.\n");
    std::set<std::string> posts;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person && r.mentions[*f.person].normal == "Артём Игоревич Белоусов")
            posts.insert(f.post);
    EXPECT_TRUE(posts.count("первый заместитель министра цифрового развития Калужской области"));
    EXPECT_TRUE(posts.count("директор ГБУ Калужской области «Центр цифровой трансформации»"));
    EXPECT_TRUE(posts.count("заместитель министра цифрового развития Калужской области"));
}

// A personnel note with a «Справка»: the acting minister's bare former deputy post is that ministry's; a body told by
// heading it keeps its hyphenated words («города-курорта»); the biography's open line for a post the note already
// told as past, of one who now holds another, stays past.
TEST(Positions, ActingMinistersDeputyPostAndABiographyLineToldAsPastBefore) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Исполняющим обязанности министра физической культуры и спорта Ставропольского края назначен Артём Сергеевич "
        "Дорохов, ранее занимавший должность заместителя министра. Министром культуры Ставропольского края назначена "
        "Валерия Игоревна Колесникова, до этого возглавлявшая управление культуры администрации города-курорта "
        "Кисловодска.\n\nСправка\n\nКолесникова Валерия Игоревна родилась в 1981 году в Пятигорске. С 2016 года — "
        "начальник управления культуры администрации города-курорта Кисловодска.\n");
    std::map<std::string, std::vector<bool>> periods;  // post → past flags
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person)
            periods[r.mentions[*f.person].normal + " | " + f.post].push_back(f.past);
    EXPECT_EQ(
        periods["Артём Сергеевич Дорохов | заместитель министра физической культуры и спорта Ставропольского края"],
        std::vector<bool>{true});
    EXPECT_EQ(periods["Валерия Игоревна Колесникова | начальник управления культуры администрации города-курорта "
                      "Кисловодска"],
              std::vector<bool>{true});
}

// A personnel note, then its «Справка»: the biography's open «С 2020 года — директор …» of one the note appointed
// minister is the post held until then.
TEST(Positions, ABiographysOpenLineOfOneAppointedSinceIsPast) {
    const Extractor& ex = ReferenceExtractor();
    auto r = ex.Extract(
        "Министром социального развития Республики Коми назначена Анна Петровна Сидорова.\n\nСправка\n\nСидорова "
        "Анна Петровна родилась в 1978 году в Сыктывкаре. С 2020 года — директор Республиканского центра "
        "социального обслуживания населения.\n");
    std::map<std::string, bool> past;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kPosition && f.person && r.mentions[*f.person].normal == "Анна Петровна Сидорова")
            past[f.post] = f.past;
    ASSERT_TRUE(past.count("министр социального развития Республики Коми"));
    ASSERT_TRUE(past.count("директор Республиканского центра социального обслуживания населения"));
    EXPECT_FALSE(past["министр социального развития Республики Коми"]);
    EXPECT_TRUE(past["директор Республиканского центра социального обслуживания населения"]);
}

}  // namespace orientir::extract
