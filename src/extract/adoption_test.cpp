// Adoption facts from constructions the blind batches of session 7 showed (testdata/fresh15, fresh16): each
// case is a short text of our own, with the reference gazetteer of data/reference, and what a curator should
// be proposed.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "extract/extractor.hpp"
#include "extract/test_reference.hpp"

namespace orientir::extract {

namespace {

using testing::ReferenceExtractor;

struct Seen {
    std::string adopter, source, practice;
    domain::AdoptionStage stage;
    std::string adopter_region;
};

std::vector<Seen> Adoptions(const std::string& text) {
    auto r = ReferenceExtractor().Extract(text);
    std::vector<Seen> out;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kAdoption && f.adopter && f.source)
            out.push_back({r.mentions[*f.adopter].normal, r.mentions[*f.source].normal, f.practice_text, f.stage,
                           f.adopter_region});
    return out;
}

// The first fact whose adopter (or source) is `name`, null when none.
const Seen* ByAdopter(const std::vector<Seen>& a, const std::string& name) {
    for (const auto& x : a)
        if (x.adopter == name) return &x;
    return nullptr;
}
const Seen* BySource(const std::vector<Seen>& a, const std::string& name) {
    for (const auto& x : a)
        if (x.source == name) return &x;
    return nullptr;
}

// Session 25. Towns that join a project one after another take it from where the lede says it started, however far
// down the article they are told; «Затем …» goes on with the same source; a namesake the practice's region holds is
// not the borrowing (a town's own region told first is a continuation, not a new fact).
TEST(Adoption, TownsJoiningAProjectTakeItFromWhereTheLedeSaysItStarted) {
    auto a = Adoptions(
        "К воронежскому проекту присоединился Старый Оскол\n\nПроект «Активное долголетие», стартовавший в Воронеже "
        "три года назад, подхватили соседние города. С весны к нему присоединился Старый Оскол.\n\nВ Воронеже в "
        "группах занимаются две тысячи человек. Руководитель проекта Анна Кравцова рассказала о планах.\n\nЗанятия "
        "идут в парках и библиотеках. Их ведут тренеры-волонтёры.\n\nПервым к проекту присоединился Липецк: с весны "
        "там работают восемь групп. Затем программу запустили в Курске. О намерении присоединиться к проекту заявил "
        "глава Грязинского района.\n");
    for (const char* town : {"Старый Оскол", "Липецк", "Курск"}) {
        const Seen* f = ByAdopter(a, town);
        ASSERT_NE(f, nullptr) << town;
        EXPECT_EQ(f->source, "Воронеж") << town;
        EXPECT_NE(f->practice.find("Активное долголетие"), std::string::npos) << town << ": " << f->practice;
    }
    EXPECT_EQ(ByAdopter(a, "Липецк")->stage, domain::AdoptionStage::kImplemented);
    // «О намерении присоединиться к проекту заявил глава …» (session 26): the district whose head said so means to
    const Seen* intends = ByAdopter(a, "Грязинский район");
    ASSERT_NE(intends, nullptr);
    EXPECT_EQ(intends->source, "Воронеж");
    EXPECT_EQ(intends->stage, domain::AdoptionStage::kInterest);
    // a project joined by its own town's people is no borrowing
    EXPECT_EQ(ByAdopter(a, "Воронеж"), nullptr);
}

// A region spreads a practice of one of its towns; towns of the region that took it up first are facts of their own,
// and a town's name before a person's initials («школы № 221 города Заречного С. А. Рыбин») stays the town.
TEST(Adoption, TownsOfTheRegionThatSpreadsATownsPracticeAreAdoptersOfTheirOwn) {
    auto a = Adoptions(
        "Медиацентры по модели Заречного\n\nПензенская область тиражирует практику школьных медиацентров, "
        "сложившуюся в Заречном.\n\nВ Заречном медиацентры действуют с 2021 года, — говорит директор школы № 221 "
        "города Заречного С. А. Рыбин.\n\nПервыми практику в 2023 году переняли школы Кузнецка и Сердобска. "
        "Опыт оказался удачным, и министерство приняло решение распространить модель на весь регион.\n");
    for (const char* adopter : {"Пензенская область", "Кузнецк", "Сердобск"}) {
        const Seen* f = ByAdopter(a, adopter);
        ASSERT_NE(f, nullptr) << adopter;
        EXPECT_EQ(f->source, "Заречный") << adopter;
    }
    EXPECT_EQ(ByAdopter(a, "Пензенская область")->stage, domain::AdoptionStage::kScaled);
    EXPECT_EQ(a.size(), 3u);  // the ministry is the region again, not a fourth adopter
}

// A school's post: «наша команда побывала в челябинском лицее № 11 … — и сделали у себя»: a visit to a body is a trip
// as one to a place is, and a numbered lyceum named by a region's adjective is the capital's.
TEST(Adoption, AVisitToAnotherSchoolThenMadeAtHomeIsTakenFromThatSchool) {
    auto a = Adoptions(
        "Посмотрели — и сделали у себя!\n\nМОУ «СОШ № 47» Копейского городского округа\n\nВ феврале наша команда "
        "побывала в челябинском лицее № 11. Посмотрели, как там устроена школьная служба примирения, — и сделали у "
        "себя!\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].source, "лицей № 11 города Челябинска");
    EXPECT_NE(a[0].adopter.find("СОШ № 47"), std::string::npos) << a[0].adopter;
    EXPECT_NE(a[0].practice.find("служба примирения"), std::string::npos) << a[0].practice;
}

// A deputy's proposal to follow a region's example, refused a paragraph later by «такие» + the practice's word, is
// no adoption — neither the rules' nor the learned reading's.
TEST(Adoption, AProposalRefusedLaterWithSuchIsNoAdoption) {
    auto a = Adoptions(
        "Сессия Законодательного собрания\n\nДепутаты собрались на очередную сессию. Депутат Алексей Сидоров "
        "предложил по примеру Пензенской области ввести ежемесячные денежные выплаты сельским старостам. «У соседей "
        "старосты получают по пять тысяч», — сказал он.\n\nМинистр финансов Ульяновской области Екатерина Лаврова "
        "ответила, что вводить такие выплаты регион не планирует.\n");
    EXPECT_TRUE(a.empty()) << a.size() << " facts, the first from " << (a.empty() ? "" : a[0].source);
}

// A deputy's proposal voted down two paragraphs later («инициатива отклонена») is no adoption; kept, it would be an
// interest — a proposal is no take-up.
TEST(Adoption, AProposalVotedDownIsNoAdoption) {
    const std::string proposal =
        "Сессия городской думы\n\nСамая жаркая дискуссия развернулась вокруг предложения депутата Инны Пастуховой "
        "ввести в Иркутске программу инициативного бюджетирования по образцу красноярской программы «Твой "
        "Красноярск».\n\nПредложение поддержал депутат Сергей Дроздов.\n\n";
    auto kept = Adoptions(proposal);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].stage, domain::AdoptionStage::kInterest);
    EXPECT_TRUE(
        Adoptions(proposal + "По итогам голосования инициатива отклонена: «за» проголосовали 9 депутатов.\n").empty());
}

// «в Поморье хотят перенять практику соседей. В Вологодской области … работают мобильные бригады … планируем
// запустить такие бригады в Пинежском, Лешуконском и Мезенском округах»: the neighbours are where the next sentence
// says the practice works, and the districts the directory lacks are where the region's take-up goes — one fact.
TEST(Adoption, DistrictsWhereARegionsTakeUpGoesAreTheRegionsFact) {
    auto a = Adoptions(
        "Сессия областного Собрания\n\nКроме того, в Поморье хотят перенять практику соседей. В Вологодской области "
        "с 2021 года работают мобильные бригады, которые привозят пожилых жителей деревень на диспансеризацию.\n\n— "
        "Мы посмотрели на вологодскую модель. В 2025 году планируем запустить такие бригады в Пинежском, Лешуконском "
        "и Мезенском округах, — сообщила министр.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Архангельская область");
    EXPECT_EQ(a[0].source, "Вологодская область");
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kInterest);
}

// «… планируется запустить также в Спасске-Дальнем и Арсеньеве» paragraphs after «Вслед за Владивостоком …
// социальное такси заработало в Находке»: «также» and the practice named again take the earlier fact's source and
// practice, at the stage of their own sentence.
TEST(Adoption, AlsoInAPlaceLaterTakesTheSamePracticeFromTheSameSource) {
    auto a = Adoptions(
        "Социальное такси заработало ещё в двух городах\n\nВслед за Владивостоком, где услуга действует с 2021 года, "
        "социальное такси заработало в Находке и Уссурийске.\n\nПоездка обходится пассажиру в половину стоимости."
        "\n\nОператором услуги выступает краевой центр социального обслуживания.\n\nВ 2025 году социальное такси "
        "планируется запустить также в Спасске-Дальнем и Арсеньеве.\n");
    for (const char* town : {"Спасск-Дальний", "Арсеньев"}) {
        const Seen* f = ByAdopter(a, town);
        ASSERT_NE(f, nullptr) << town;
        EXPECT_EQ(f->source, "Владивосток");
        EXPECT_NE(f->practice.find("такси"), std::string::npos) << f->practice;
        EXPECT_EQ(f->stage, domain::AdoptionStage::kInterest);
    }
}

TEST(Adoption, ABareProjectNounWithoutAnOriginToldBeforeHasNoSource) {
    // «проект» told before with no place it came from: a town that joins it borrows from no one the text names
    auto a = Adoptions(
        "Новый проект для пожилых\n\nПроект «Серебряный возраст» помогает пожилым освоить смартфоны. Первым к "
        "проекту присоединился Липецк.\n");
    EXPECT_TRUE(a.empty());
}

// Session 24. «X, который работает в Y» with nothing taken up elsewhere in the sentence tells where X works, not
// where it came from; «Его создали по модели … в Z» next is Y's borrowing from Z.
TEST(Adoption, PronounForAPracticeIsAboutThePlaceItWorksIn) {
    auto a = Adoptions(
        "Жильё строят быстрее\n\nВ Свердловской области продолжают расселять аварийные дома. Новшеством стал "
        "центр согласований застройки, который с марта работает в Каменском районе. Его создали по модели, которая "
        "с 2020 года действует в Тюмени: все документы готовит одна команда.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Каменский район");  // not the region the article opens with
    EXPECT_EQ(a[0].source, "Тюмень");
}

// Session 24. A headline and its body telling one borrowing in other words («проект «Мобильный гериатр»», «выездные
// гериатрические бригады») give one fact; two practices of one pair with no word in common give two.
TEST(Adoption, OnePairTellingOnePracticeTwiceIsOneFact) {
    auto a = Adoptions(
        "В Курганской области по примеру Тюменской области запустили проект «Мобильный гериатр»\n\nПо примеру "
        "Тюменской области в Курганской области выездные гериатрические бригады начали осматривать пожилых на дому.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Курганская область");
    EXPECT_EQ(a[0].source, "Тюменская область");
    auto b = Adoptions(
        "Курганская область переняла у Тюменской области школы ухода за пожилыми. Кроме того, Курганская область "
        "переняла у Тюменской области систему социального такси.\n");
    EXPECT_EQ(b.size(), 2u);
}

// Session 24. A chain told with a pronoun object: «переняли её у …» takes up the practice just told.
TEST(Adoption, APronounObjectOfTheVerbIsThePracticeJustTold) {
    auto a = Adoptions(
        "Адыгея открывает агроклассы\n\nМодель республика взяла у Кубани: в Краснодарском крае агроклассы работают "
        "в 40 школах. Кубанцы, в свою очередь, в 2018 году переняли её у Белгородской области.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[1].adopter, "Краснодарский край");
    EXPECT_EQ(a[1].source, "Белгородская область");
}

// Session 24. An interview with the director of Череповец's social service centre (testdata/fresh76): «Мы … хотим
// запустить такой же у себя» in an answer is the centre's, not the town's.
TEST(Adoption, InAnInterviewWeIsTheIntervieweesBody) {
    std::ifstream in(std::string(ORIENTIR_SOURCE_DIR) +
                     "/src/extract/testdata/fresh76/06_cherepovets_social_centre_interview.txt");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(text.empty());
    auto a = Adoptions(text);
    const Seen* rybinsk = BySource(a, "Рыбинск");
    ASSERT_NE(rybinsk, nullptr);
    EXPECT_EQ(rybinsk->adopter, "Комплексный центр социального обслуживания населения города Череповца");
}

// Session 24. A body learns from a body: the place a library's borrowing names as its source is the library its
// sentence names in that place.
TEST(Adoption, ABodysSourceIsTheBodyInThatPlace) {
    auto a = Adoptions(
        "В библиотеке появился прокат настольных игр\n\nЦентральная городская библиотека города Кунгура открыла "
        "прокат настольных игр. Идею мы привезли со стажировки в Национальной библиотеке Республики Татарстан: "
        "посмотрели, как это устроено в Казани, и сделали у себя.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a[0].adopter, "Центральная городская библиотека города Кунгура");
    EXPECT_EQ(a[0].source, "Национальная библиотека Республики Татарстан");  // not Казань
}

// Session 24. «дзержинские» is also a form of the town Дзержинский near Moscow; in a story of Дзержинск that
// never names that namesake, the adjective is Дзержинск's — in any case and number («Дзержинским опытом»).
TEST(Adoption, TownAdjectiveOfANamesakeIsTheArticlesTown) {
    auto a = Adoptions(
        "В Дзержинске открыли пункт проката колясок\n\nВ Дзержинске с весны работает пункт проката детских "
        "колясок при городской библиотеке. Дзержинским опытом заинтересовался Балахнинский муниципальный округ: "
        "там хотят открыть такой же пункт проката колясок.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Балахнинский муниципальный округ");
    EXPECT_EQ(a[0].source, "Дзержинск");  // not Дзержинский of the Moscow region
}

// A demonym of a town in a story of the district named for it is that district, whichever rule found the fact
// (here the adopters are told one sentence after the source).
TEST(Adoption, TownDemonymInADistrictStoryIsTheDistrict) {
    auto a = Adoptions(
        "Опыт района пригодился соседям\n\nВ Котельничском районе третий год работает школа сельских старост. "
        "Глава Котельничского района рассказал, что занятия проходят раз в месяц. Опыт котельничан переняли "
        "соседи. В этом году такую школу старост открыли в Орловском районе.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a[0].adopter, "Орловский район");
    EXPECT_EQ(a[0].source, "Котельничский район");  // not the town Котельнич
}

}  // namespace

TEST(Adoption, OutletBoilerplateProposesNothing) {
    EXPECT_TRUE(Adoptions("В Тобольске открыли новый сквер\n\nРаботы завершили к Дню города. Читайте также: В "
                          "Ишиме переняли у Тюмени систему электронной записи в кружки.\n")
                    .empty());
}

TEST(Adoption, PracticeAtWorkAtHomeIsNoBorrowing) {
    EXPECT_TRUE(Adoptions("Калужскую модель представили на вебинаре\n\nКалужская модель сопровождения выпускников "
                          "детских домов работает с 2018 года. Трансляцию смотрели специалисты Тульской и Брянской "
                          "областей.\n")
                    .empty());
}

TEST(Adoption, WeInAnInterviewIsTheBodyTheArticleOpensWith) {
    auto a = Adoptions(
        "Директор школы искусств: «Детям нужна сцена»\n\nДетская школа искусств № 3 Ноябрьска отметила юбилей. Мы "
        "поговорили с её директором.\n\n— Откуда взялась студия анимации?\n\n— Мы её открыли по примеру детской "
        "школы искусств имени Алябьева в Тобольске: съездили к ним и взяли программу почти целиком.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Детская школа искусств № 3 города Ноябрьска");  // not Тобольск, where the source is
    EXPECT_NE(a[0].source.find("Алябьева"), std::string::npos);
    EXPECT_EQ(a[0].practice, "студия анимации");  // «её»: the practice the question named
}

TEST(Adoption, ALaterSentenceThatSpreadsThePracticeMakesItScaled) {
    auto a = Adoptions(
        "Орловская область переняла у Липецкой области модель школьного инициативного бюджетирования\n\nСначала "
        "модель в пилотном режиме опробовали в трёх школах. Теперь практику тиражируют на все муниципалитеты "
        "области.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Орловская область");
    EXPECT_EQ(a[0].source, "Липецкая область");
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kScaled);
}

TEST(Adoption, FromThereTakesThePlaceNamedBefore) {
    auto a = Adoptions(
        "В Кирове заработали дворовые тренеры\n\nВ соседней Казани дворовые тренеры работают уже пятый год. Именно "
        "оттуда идея и пришла в Киров.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Киров");
    EXPECT_EQ(a[0].source, "Казань");
}

TEST(Adoption, ATownNamedInTwoRegionsIsTheRegionalCapital) {
    // Благовещенск is a town of Bashkortostan (02) and the capital of the Amur region (28)
    auto r =
        ReferenceExtractor().Extract("Свободный перенял у Благовещенска сервис бронирования книг через чат-бот.\n");
    bool found = false;
    for (const auto& m : r.mentions)
        if (m.normal == "Благовещенск" && m.ref) {
            found = true;
            EXPECT_EQ(m.ref->region, "28");
        }
    EXPECT_TRUE(found);
}

// Session 8 (testdata/fresh18): constructions of the regional desks' style, each in words of our own.
TEST(Adoption, TheModelAProjectRestsOnNamesItsSource) {
    auto seen = Adoptions(
        "В Курганской области открыли сеть центров\n\nВ области заработали семь центров для "
        "молодых семей. В основу курганской сети легла модель семейных многофункциональных центров, "
        "которую с 2022 года отрабатывают в Тюменской области.\n");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].adopter, "Курганская область");
    EXPECT_EQ(seen[0].source, "Тюменская область");
}

TEST(Adoption, SimilarPracticesAlsoAtWorkElsewhereAreParallels) {
    EXPECT_TRUE(Adoptions("В Чите открыли молодёжный коворкинг\n\nКоворкинг работает при городской библиотеке. "
                          "Подобные пространства действуют также в Улан-Удэ и Иркутске.\n")
                    .empty());
}

TEST(Adoption, AHeadlinesAttributionIsNoParty) {
    auto seen = Adoptions(
        "Минздрав: вологодская система выездных бригад заработала в Кирове\n\nКировская область "
        "переняла у Вологодской области систему выездных медицинских бригад для сёл.\n");
    for (const auto& s : seen) EXPECT_NE(s.adopter.rfind("Минздрав", 0), 0u) << s.adopter;
    ASSERT_FALSE(seen.empty());
}

TEST(Adoption, ALaterSentenceOnOneAdopterGivesItsStage) {
    auto seen = Adoptions(
        "Три региона переняли модель школьных лиг\n\nУдмуртия и Кировская область переняли у "
        "Татарстана модель школьных спортивных лиг. Лиги объединяют более ста школ. Кировская "
        "область пока работает в тестовом режиме в двух городах.\n");
    ASSERT_EQ(seen.size(), 2u);
    for (const auto& s : seen)
        EXPECT_EQ(s.stage, s.adopter == "Кировская область" ? domain::AdoptionStage::kPilot
                                                            : domain::AdoptionStage::kImplemented)
            << s.adopter;
}

TEST(Adoption, ConsideringAnApplicationIsNoInterest) {
    EXPECT_TRUE(Adoptions("Омская практика вошла в рейтинг\n\nОмская практика «Гранты за неделю», при которой "
                          "заявку сельской НКО рассматривают не дольше семи дней, получила высший балл.\n")
                    .empty());
}

// Session 8 (testdata/fresh19).
TEST(Adoption, DoingItAsInAPlaceNamesTheExample) {
    auto seen = Adoptions("Новость\n\nВ Кургане решили внедрить школу активного горожанина, как в Чебоксарах.\n");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].adopter, "Курган");
    EXPECT_EQ(seen[0].source, "Чебоксары");
}

TEST(Adoption, AsAlsoInAPlaceIsAParallel) {
    EXPECT_TRUE(Adoptions("Новость\n\nПохожие программы, как и в Омской области, давно работают в Новосибирской и "
                          "Томской областях.\n")
                    .empty());
}

TEST(Adoption, NotWritingItFromScratchButAdaptingAnothersWork) {
    auto seen = Adoptions(
        "Цифровой помощник на Ставрополье\n\nВ Ставропольском крае не стали писать систему с нуля, "
        "а адаптировали под себя разработку правительства Нижегородской области, где цифровой "
        "помощник для обработки обращений работает с 2023 года.\n");
    ASSERT_FALSE(seen.empty());
    // the region's government stands for the region (session 12): an edge of the regions' network
    EXPECT_EQ(seen[0].source, "Нижегородская область");
}

TEST(Adoption, ARegionSpreadingItsCapitalsPracticeTookItFromTheCapital) {
    auto seen = Adoptions(
        "«Дворовый тренер» выходит за пределы Омска\n\nПроект «Дворовый тренер» появился в Омске "
        "в 2023 году. Теперь омскую практику тиражируют на всю область. Об этом сообщили в "
        "правительстве Омской области.\n");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].adopter, "Омская область");
    EXPECT_EQ(seen[0].source, "Омск");
    EXPECT_EQ(seen[0].stage, domain::AdoptionStage::kScaled);
}

TEST(Adoption, PlaceNamesWithAFleetingVowelAreFoundInEveryCase) {
    auto r = ReferenceExtractor().Extract(
        "Новость\n\nВ Череповце открыли центр, жители Череповца довольны, Череповец рад.\n");
    int found = 0;
    for (const auto& m : r.mentions)
        if (m.kind == MentionKind::kMunicipality && m.normal == "Череповец") ++found;
    EXPECT_EQ(found, 3);
}

TEST(Adoption, AnIdeaBroughtBackFromATripIsAnInterest) {
    auto seen = Adoptions(
        "Новость\n\nДелегация Архангельской области вернулась из Казани с идеей создать в регионе "
        "сеть соседских центров.\n");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].adopter, "Архангельская область");
    EXPECT_EQ(seen[0].source, "Казань");
    EXPECT_EQ(seen[0].stage, domain::AdoptionStage::kInterest);
    EXPECT_EQ(seen[0].practice, "сеть соседских центров");  // not «регион сеть …»: «в регионе» is where, «сеть» no verb
}

TEST(Adoption, APracticeSwitchedOffElsewhereInTheArticleIsDiscontinued) {
    auto seen = Adoptions(
        "Карелия перешла на федеральный дневник\n\nРегиональную систему электронных дневников "
        "«Школьный навигатор» отключат 31 декабря. Систему в 2019 году позаимствовали у "
        "Санкт-Петербурга. Родители, которые отказались от бумажных дневников, довольны.\n");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].stage, domain::AdoptionStage::kDiscontinued);
}

TEST(Adoption, ASimilarOneAtWorkElsewhereIsThePracticeTheArticleNamed) {
    auto seen = Adoptions(
        "На Колыме заработала система мониторинга беременных\n\nВ Магаданской области работает "
        "система дистанционного мониторинга беременных. Аналогичная платформа с 2022 года действует в "
        "Якутии, якутские специалисты помогли её настроить.\n");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].source, "Республика Саха (Якутия)");
    // the practice the article is about (its headline's words), not «аналогичная платформа»
    EXPECT_EQ(seen[0].practice.rfind("система", 0), 0u) << seen[0].practice;
    EXPECT_NE(seen[0].practice.find("мониторинга беременных"), std::string::npos) << seen[0].practice;
}

TEST(Adoption, ARegionSpreadingATownsPracticeTookItFromTheTown) {
    auto seen = Adoptions(
        "Пункты проката откроют по всей области\n\nПервый пункт проката колясок открыли в Рыбинске. "
        "Теперь рыбинскую модель пунктов проката тиражируют на всю область, сообщили в "
        "правительстве Ярославской области.\n");
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen[0].adopter, "Ярославская область");
    EXPECT_EQ(seen[0].source, "Рыбинск");
}

TEST(Adoption, APracticeLikeOneAtWorkElsewhereIsTakenUpByEachPlaceListed) {
    auto a = Adoptions(
        "Умные светофоры для Татарстана\n\nВ Казани адаптивная система светофоров работает уже на 180 объектах. "
        "Аналогичная система заработает и в Набережных Челнах и Нижнекамске.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].adopter, "Набережные Челны");
    EXPECT_EQ(a[1].adopter, "Нижнекамск");
    for (const auto& f : a) {
        EXPECT_EQ(f.source, "Казань");
        EXPECT_EQ(f.stage, domain::AdoptionStage::kInterest);  // «заработает»: not yet at work
    }
    // a sentence with a source of its own is no take-up of the practice at work before it
    auto b = Adoptions(
        "Выездные бригады врачей\n\nС 1 ноября в пилотном режиме в Батыревском муниципальном округе работают "
        "выездные бригады узких специалистов. Проект заимствован у Белгородской области, где такие бригады работают "
        "с 2022 года.\n");
    for (const auto& f : b) EXPECT_NE(f.adopter, "Белгородская область") << f.source;
}

TEST(Adoption, AnObjectPronounAfterATimeTakesThePracticeNamedBefore) {
    auto a = Adoptions(
        "Аварийное жильё: уральский механизм\n\nЭту схему расселения придумали в Башкортостане. В 2022 году её у "
        "башкирских коллег переняла Челябинская область.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Челябинская область");
    EXPECT_EQ(a[0].source, "Республика Башкортостан");
}

TEST(Adoption, AHeadlineThatAnnouncesATestMakesItAPilot) {
    auto a = Adoptions(
        "Нейросеть поможет отвечать на обращения: запускаем тест\n\nС 1 октября в регионе заработает ИИ-помощник "
        "для обработки обращений граждан. Год назад такую систему запустили в Курганской области, и курганские "
        "коллеги передали нам решение.\n\nДенис Ковригин, министр цифрового развития Омской области\n");
    ASSERT_FALSE(a.empty());
    for (const auto& f : a) EXPECT_EQ(f.stage, domain::AdoptionStage::kPilot) << f.adopter << " <- " << f.source;
}

// Session 12 (fresh27, fresh28): a headline in capitals, a masthead, a body named by its kind and «области».
TEST(Adoption, AHeadlineInCapitalsIsReadAsProse) {
    auto a = Adoptions(
        "В ЗЕЛЕНОДОЛЬСКОМ РАЙОНЕ ПЕРЕНЯЛИ У ЧУВАШСКИХ КОЛЛЕГ СИСТЕМУ «УМНЫЙ ДВОР»\n\nСистема заработала с "
        "понедельника.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Зеленодольский район");
    EXPECT_EQ(a[0].source, "Чувашская Республика");
}

// The newspaper's masthead names no one in the story, and the place in its name is not the story's place.
TEST(Adoption, AMastheadIsNotWhoWeAre) {
    auto a = Adoptions(
        "Газета «Слободская правда», 5 мая 2025 года\n\nИТОГИ ГОДА В СЛОБОДСКОМ РАЙОНЕ\n\nГлава Слободского района "
        "Иван Петров отчитался перед депутатами. «Волонтёрский штаб мы открыли, опираясь на опыт Галичской районной "
        "библиотеки», — сказал он.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Слободский район");
    EXPECT_EQ(a[0].source, "Галичская районная библиотека");
}

TEST(Adoption, TheGovernmentOfTheRegionIsTheRegion) {
    auto a = Adoptions(
        "Новосибирск, 3 марта. Министр строительства Новосибирской области Иван Петров выступил на сессии.\n\n"
        "Министр сообщил, что правительство области изучает возможность создания единого проектного офиса по КРТ "
        "по татарстанской модели.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Новосибирская область");
    EXPECT_EQ(a[0].source, "Республика Татарстан");
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kStudy);
}

TEST(Adoption, AMinistrysShortNameAndTheRegionWordIsTheRegion) {
    auto a = Adoptions(
        "Глава Чувашии выступил с посланием\n\nГлава Чувашской Республики Андрей Семенов выступил с посланием. "
        "Поэтому Минстрой республики сейчас изучает опыт Тюменской области по расселению аварийного жилья.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Чувашская Республика");
    EXPECT_EQ(a[0].source, "Тюменская область");
}

// A headline's quotation is what someone said, never the practice's name (a quoted name after its kind is).
TEST(Adoption, AQuotationInTheHeadlineIsNoPractice) {
    auto a = Adoptions(
        "«Мы обязаны работать на результат»: глава района отчитался перед депутатами\n\nГлава Буинского района "
        "Иван Петров выступил с отчётом. Опыт мы переняли у Чувашии.\n");
    ASSERT_FALSE(a.empty());
    for (const auto& f : a) EXPECT_EQ(f.practice.find("результат"), std::string::npos) << f.practice;
    auto b = Adoptions(
        "В Бийске залили первый школьный каток\n\nВ Бийске стартовал проект «Школьный каток»: стадион школы на "
        "зиму превратили в каток. Идею подсмотрели в Норильске.\n");
    ASSERT_EQ(b.size(), 1u);
    EXPECT_NE(b[0].practice.find("Школьный каток"), std::string::npos) << b[0].practice;
}

// «буйские медики … переняли у … Тотемской ЦРБ»: the town's people stand for its hospital the article names, and
// the abbreviation the article defines («центральной районной больнице (ЦРБ)») is written out.
TEST(Adoption, ATownsPeopleLearningFromABodyAreTheTownsBodyAndDefinedAbbreviationsAreWrittenOut) {
    auto a = Adoptions(
        "Как работает районная медицина\n\nУтро в Буйской центральной районной больнице (ЦРБ) начинается с "
        "планёрки. Схему доставки лекарств почтальонами буйские медики переняли у коллег из Тотемской ЦРБ.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Буйская центральная районная больница");
    EXPECT_EQ(a[0].source, "Тотемская центральная районная больница");
}

// «Решение край получил … от Нижегородской области»; «… заинтересовались соседи. Правительство Еврейской
// автономной области направило запрос …»: the neighbours are named by the next sentence.
TEST(Adoption, ReceivedFromAGiverAndNeighboursNamedInTheNextSentence) {
    auto a = Adoptions(
        "Голосовой помощник начал принимать обращения\n\nВ Хабаровском крае заработал голосовой помощник для "
        "обращений жителей. Решение край получил безвозмездно от Нижегородской области, где оно используется с 2023 "
        "года. Опытом Хабаровского края уже заинтересовались соседи. Правительство Еврейской автономной области "
        "направило запрос на передачу помощника.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].adopter, "Хабаровский край");
    EXPECT_EQ(a[0].source, "Нижегородская область");
    EXPECT_EQ(a[1].adopter, "Еврейская автономная область");
    EXPECT_EQ(a[1].source, "Хабаровский край");
    EXPECT_EQ(a[1].stage, domain::AdoptionStage::kInterest);
}

// «Вслед за Приамурьем … присматривается и Биробиджан»: the one followed is no adopter of this sentence.
TEST(Adoption, TheOneFollowedIsNotTheAdopter) {
    auto a = Adoptions(
        "Приамурье расселит аварийное жилье по ямальскому сценарию\n\nВслед за Приамурьем к ямальской модели "
        "присматривается и Биробиджан.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a.back().adopter, "Биробиджан");
    EXPECT_EQ(a.back().source, "Ямало-Ненецкий автономный округ");
    EXPECT_EQ(a.back().stage, domain::AdoptionStage::kInterest);
}

// «на берегах Белой и Курджипса»: a river named like a town is no adopter.
TEST(Adoption, ARiverIsNoAdopter) {
    auto a = Adoptions(
        "Волонтёры чистят реки\n\nВторой год волонтёры работают по кубанской модели акции «Чистые реки»: раз в "
        "месяц на берегах Белой собирают мусор.\n");
    for (const auto& f : a) EXPECT_EQ(f.adopter.find("Бел"), std::string::npos) << f.adopter;
    // fresh28's district report («первый договор — по кварталу на улице Володарского — подписан»)
    std::ifstream in(std::string(ORIENTIR_SOURCE_DIR) + "/src/extract/testdata/fresh28/07_nerekhta_otchet_glavy.txt");
    const std::string report((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(report.empty());
    for (const auto& f : Adoptions(report)) EXPECT_EQ(f.adopter.find("Володарск"), std::string::npos) << f.adopter;
}

// «по татарстанской модели открыли молодёжные пространства»: what was opened is the practice, not the model;
// «Марий Эл пока только примеряется к татарстанскому опыту» is an interest.
TEST(Adoption, ByARegionsModelTheObjectIsThePracticeAndTryingOnIsAnInterest) {
    auto a = Adoptions(
        "Форум молодёжи\n\nВ Чувашии по татарстанской модели открыли молодёжные пространства в пустующих домах "
        "культуры. Марий Эл пока только примеряется к татарстанскому опыту.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_NE(a[0].practice.find("пространств"), std::string::npos) << a[0].practice;
    EXPECT_EQ(a[1].adopter, "Республика Марий Эл");
    EXPECT_EQ(a[1].stage, domain::AdoptionStage::kInterest);
}

// A headline's own fact names only «опыт соседей»: the practice is what the lede after it says was launched.
TEST(Adoption, AHeadlinesExperienceOfNeighboursIsWhatTheLedeLaunched) {
    auto a = Adoptions(
        "В ЗЕЛЕНОДОЛЬСКОМ РАЙОНЕ ПЕРЕНЯЛИ ОПЫТ ЧУВАШСКИХ СОСЕДЕЙ\n\nВ районе заработал сервис «Умный двор» для "
        "заявок жителей.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_NE(a[0].practice.find("Умный двор"), std::string::npos) << a[0].practice;
}

// «изучает опыт Тюменской области по расселению аварийного жилья»: experience named by its owner alone is what
// «по …» says; a span of time («за последний год») ends a practice.
TEST(Adoption, ExperienceNamedByItsOwnerIsWhatPoSaysAndATimeSpanEndsIt) {
    auto a = Adoptions(
        "Послание\n\nМинстрой республики сейчас изучает опыт Тюменской области по расселению аварийного жилья.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].practice, "расселение аварийного жилья");
    auto b =
        Adoptions("Форум\n\nПо татарстанской модели в Чувашии за последний год открыли два молодёжных пространства.\n");
    for (const auto& f : b) EXPECT_EQ(f.practice.find("последний"), std::string::npos) << f.practice;
}

// «в столице региона», «в столицу республики»: the capital of the region named before, with its directory entry.
TEST(Adoption, TheCapitalOfTheRegionNamedByACommonNoun) {
    auto a = Adoptions(
        "Волонтёры Тывы\n\nВ Республике Тыва открыли курсы для пожилых. В столице региона программу переняли у "
        "Бурятии.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Кызыл");
    EXPECT_EQ(a[0].source, "Республика Бурятия");
}

// «В столице …» alone is the capital named before (the headline's «Казань»); «в северной столице» is not.
TEST(Adoption, InTheCapitalAloneIsTheCapitalNamedBefore) {
    const auto& ex = testing::ReferenceExtractor();
    auto r = ex.Extract(
        "Казань запустила сервис «Чистый двор»\n\nВ столице сервис уже принял тысячу заявок. Аналогичная система "
        "заработает и в Набережных Челнах.\n");
    bool capital = false;
    for (const auto& m : r.mentions) capital = capital || (m.text == "столице" && m.ref && m.ref->name == "Казань");
    EXPECT_TRUE(capital);
    r = ex.Extract("Казань и Москва\n\nВ северной столице открыли музей.\n");
    for (const auto& m : r.mentions) EXPECT_NE(m.text, "столице");
}

// «… открыла в прошлом году. Идею подсмотрели у …»: the idea is the quoted name of the sentence before, with its
// number kept, and a span of time is never the practice.
TEST(Adoption, AnIdeaIsTheQuotedNameBeforeAndATimeIsNoPractice) {
    auto a = Adoptions(
        "Библиотеки учат пенсионеров\n\n«Цифровые мастерские» для пенсионеров управление культуры Ишима "
        "открыло в прошлом году. Идею ишимцы подсмотрели у курганцев.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].practice.rfind("«Цифровые мастерские»", 0), 0u) << a[0].practice;  // plural kept
    a = Adoptions("Новости Кунгура\n\nВ Кунгуре запустили в марте 2025 года по примеру Суздаля аудиогиды.\n");
    for (const auto& f : a) {
        EXPECT_EQ(f.practice.find("марте"), std::string::npos) << f.practice;
        EXPECT_EQ(f.practice.find("2025"), std::string::npos) << f.practice;
    }
}
// «ишимцы», «сургутянами», «братчане»: a town's residents stand for the town; a borrowing only asked about is none.
TEST(Adoption, TownResidentsStandForTheTownAndAQuestionTakesNothingUp) {
    auto a = Adoptions("Ишим и Курган\n\nКнижные клубы ишимцы переняли у курганцев.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Ишим");
    EXPECT_EQ(a[0].source, "Курган");  // the town the headline names, as «курганцев» reads there
    EXPECT_TRUE(Adoptions("Новый министр\n\nНа вопрос, будет ли он переносить в Тверскую область ярославский опыт, "
                          "министр ответил, что не видит в этом смысла.\n")
                    .empty());
}

// «„Центр мы создавали по якутскому образцу“, — сообщил Верхотуров»: «мы» is the body of the post the quoted
// person holds, not the body the article opens with.
TEST(Adoption, WeInAQuoteIsTheBodyOfTheQuotedOfficial) {
    auto a = Adoptions(
        "Отчёт перед депутатами\n\nДепутаты Законодательного собрания выслушали отчёт. Губернатор Забайкальского "
        "края Андрей Верхотуров рассказал о санавиации.\n\n«Диспетчерский центр санавиации мы создавали по "
        "якутскому образцу», — сообщил Верхотуров.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Забайкальский край");
    EXPECT_EQ(a[0].source, "Республика Саха (Якутия)");
}

// «Проект «…» Нефтеюганск реализует»: a town in the nominative after the name is the subject, not its owner;
// «по нашей модели» in an interview: the speaker's town had it, and the practice is the one named.
TEST(Adoption, ANominativeAfterTheNameIsTheSubjectAndOurModelIsTheSpeakersTown) {
    auto a =
        Adoptions("Новости\n\nПроект «Дворовые лидеры» Нефтеюганск уже второй год реализует по примеру Сургута.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Нефтеюганск");
    EXPECT_EQ(a[0].source, "Сургут");
    a = Adoptions(
        "Интервью\n\nМы поговорили с руководителем отдела молодёжной политики администрации Сургута.\n\n— Наш "
        "проект «Дворовые лидеры» Нефтеюганск уже второй год реализует по нашей модели.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Нефтеюганск");
    EXPECT_EQ(a[0].source, "Сургут");
    EXPECT_EQ(a[0].practice, "проект «Дворовые лидеры»");
}

// «Арт-остановки, которые мы сделали по примеру Бердска, томичам понравились» in a district head's post: «мы»
// is the district, whoever else the sentence names.
TEST(Adoption, WeTheSubjectIsTheAuthorsDistrict) {
    auto a = Adoptions(
        "Глава Искитимского района\n\nВернулись из Томского района.\n\nАрт-остановки, которые мы в прошлом году "
        "сделали по примеру Бердска, томичам очень понравились.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Искитимский район");
    EXPECT_EQ(a[0].source, "Бердск");
}

// «у краевого центра» is the region's capital; «по той же модели, что и в Нальчике» names the example, and the
// quoted name before the verb is the practice.
TEST(Adoption, TheRegionalCentreAndTheSameModelAsThere) {
    auto a = Adoptions("Новости Кубани\n\nНовороссийск перенял эту схему у краевого центра ещё в прошлом году.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].source, "Краснодар");
    a = Adoptions("Новости\n\nВ Каменске-Уральском по примеру областного центра открыли коворкинг.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].source, "Екатеринбург");  // the capital of the town's own region
    a = Adoptions(
        "Новости\n\nС 1 ноября «Социальное такси» работает и в Прохладном, и в Баксане — по той же модели, что и в "
        "Нальчике.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].adopter, "Прохладный");
    EXPECT_EQ(a[1].adopter, "Баксан");
    EXPECT_EQ(a[0].source, "Нальчик");
    // the quoted name or the same words as a title
    EXPECT_TRUE(a[0].practice == "«Социальное такси»" || a[0].practice == "социальное такси") << a[0].practice;
}

// «Здесь придумали формат «…» … Формат уже переняли Копейск и Златоуст»: the owner is told two sentences before,
// by «здесь»; «Прототипом стала система Хабаровска» names the source; «интерес проявили» is an interest.
TEST(Adoption, HereInventedAPrototypeAndAnInterestShown) {
    auto a = Adoptions(
        "Новости\n\nЛидером стал Магнитогорск. Здесь придумали формат «Семейная суббота»: по выходным тренируются "
        "родители с детьми. «Приходят целыми подъездами», — рассказал Павел Зуев. Формат уже переняли Копейск и "
        "Златоуст.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].adopter, "Копейск");
    EXPECT_EQ(a[1].adopter, "Златоуст");
    EXPECT_EQ(a[0].source, "Магнитогорск");
    a = Adoptions(
        "Новости\n\nИскусственный интеллект осваивает и мэрия Владивостока. Прототипом стала аналогичная система "
        "администрации Хабаровска.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Владивосток");
    EXPECT_EQ(a[0].source, "Хабаровск");
    a = Adoptions("Новости\n\nИнтерес к владивостокскому проекту уже проявили в Уссурийске.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Уссурийск");
    EXPECT_EQ(a[0].source, "Владивосток");
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kInterest);
}

// A library's post: «Идею нам подарили коллеги из …» passes the practice on; «Делали его по образцу квеста «…»,
// который придумали в …» — «его» is the quest named two sentences before; «Наш «…» теперь появился и в Соколе».
TEST(Adoption, ALibrarysOwnPost) {
    auto a = Adoptions(
        "Библиотека «Семейная» | ЦБС г. Вологды\n\nДрузья, у нас новости.\n\nКвест «Вологда литературная» теперь "
        "проходит каждую субботу. Восемь точек в центре города связаны с писателями. Делали его по образцу квеста "
        "«Книжный Череповец», который придумали в Череповецкой центральной городской библиотеке.\n\nНаш «Семейный "
        "читальный зал» с игровой зоной для малышей теперь появился и в Соколе!\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].adopter, "Библиотека «Семейная»");
    EXPECT_EQ(a[0].source, "Череповецкая центральная городская библиотека");
    EXPECT_EQ(a[0].practice, "квест «Вологда литературная»");
    EXPECT_EQ(a[1].adopter, "Сокол");
    EXPECT_EQ(a[1].source, "Библиотека «Семейная»");
}

// «Практику смоленские специалисты переняли у Тульской области»: people named by a place adjective in the
// nominative are who borrows; «мы побывали в … . Решили сделать так же» in an interview takes the trip up for
// the official's district.
TEST(Adoption, PeopleInTheNominativeBorrowAndDoingTheSameTakesATripUp) {
    auto a = Adoptions(
        "Новости\n\nПрактику смоленские специалисты переняли у Тульской области, где мобильные бригады работают с 2019 "
        "года.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Смоленская область");
    EXPECT_EQ(a[0].source, "Тульская область");
    a = Adoptions(
        "«Молоко мы больше не теряем»\n\nГлава администрации Погарского района Николай Лазаренко — о "
        "кооперативе.\n\n— В прошлом году мы побывали в Красногвардейском районе Белгородской области — там задачу "
        "решили через кооператив. Посмотрели, посчитали и решили сделать так же.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Погарский район");
    EXPECT_EQ(a[0].source, "Красногвардейский район");
}

// An interview with a college's director: «Модель «…» мы взяли за основу у …» borrows; a college's name goes on
// over «и сервиса»; «выстроил наставничество … по нашей схеме» — a noun in «-ство» is no adverb; «В мэрии изучают
// опыт Казани» is the headline's town.
TEST(Adoption, ACollegeInterviewAndATownHall) {
    auto a = Adoptions(
        "Интервью\n\nДиректор Курского колледжа промышленных технологий и сервиса Галина Лунёва.\n\n— Модель "
        "«колледж — базовое предприятие» мы взяли за основу у Елабужского колледжа. Железногорский техникум "
        "транспорта и сервиса с этого учебного года выстроил наставничество с предприятиями по нашей схеме.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].adopter, "Курский колледж промышленных технологий и сервиса");
    EXPECT_EQ(a[1].adopter, "Железногорский техникум транспорта и сервиса");
    EXPECT_EQ(a[1].source, "Курский колледж промышленных технологий и сервиса");
    EXPECT_EQ(a[1].practice, "наставничество с предприятиями");
    a = Adoptions(
        "Томск ждёт пересадочный тариф\n\nВ Новосибирске тариф уже работает. В мэрии изучают опыт Казани, где "
        "пассажир платит один раз.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Томск");
    EXPECT_EQ(a[0].source, "Казань");
}

// «Его основой стало решение, которое обкатывали в Якутске», «за основу было взято решение, которое применяет
// администрация …»: a basis taken names who uses it in the relative clause.
TEST(Adoption, ABasisTakenNamesWhoUsesItInTheRelativeClause) {
    auto a = Adoptions(
        "Новости\n\nВладивосток тестирует помощника для обработки обращений граждан. Его основой стало решение, "
        "которое несколько лет обкатывали в Якутске.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Владивосток");
    EXPECT_EQ(a[0].source, "Якутск");
}

// «Саму идею пермяки подсмотрели у тюменцев — в Тюмени «старшие по двору» появились …»: residents in the nominative
// after «идею» are who borrows; the clause after the dash tells about the source.
TEST(Adoption, ResidentsInTheNominativeAfterIdeaBorrow) {
    auto a = Adoptions(
        "Новости\n\nСаму идею пермяки, к слову, когда-то подсмотрели у тюменцев — в Тюмени «старшие по двору» "
        "появились ещё в середине 2010-х.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Пермский край");
    EXPECT_EQ(a[0].source, "Тюмень");
}

// «весной в городе по примеру Тольятти были установлены контейнеры — … в Заусиновке и в центре»: «в городе» is the
// town named before; the places after it say where in the town.
TEST(Adoption, InTheTownIsTheTownNamedBefore) {
    auto a = Adoptions(
        "Дума Сызрани\n\nВыступил руководитель управления администрации городского округа Сызрань. По его словам, "
        "весной в городе по примеру Тольятти были установлены 46 сетчатых контейнеров для сбора пластиковых бутылок — "
        "во дворах на Монгоре, в Заусиновке и в центре.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Сызрань");
    EXPECT_EQ(a[0].source, "Тольятти");
}

// «мы съездили в Москву, посмотрели «…» изнутри и многое перенесли один в один» in a minister's interview: where «мы»
// went to take a practice up is its source.
TEST(Adoption, WhereWeWentToTakeItUpIsTheSource) {
    auto a = Adoptions(
        "Интервью\n\nМы встретились с министром труда и социального развития Ростовской области Татьяной "
        "Черноусовой.\n\n— Когда начинали, мы съездили в Москву, посмотрели «Московское долголетие» изнутри и многое "
        "перенесли один в один: принцип бесплатных занятий и запись через соцзащиту.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Ростовская область");
    EXPECT_EQ(a[0].source, "Москва");
}

// Session 14: coordinated districts, a place's common noun as the subject, a town's adjective for its district,
// a trip made to take a practice up.
TEST(Adoption, CoordinatedDistrictsAreOneAdopterEach) {
    auto a = Adoptions(
        "Чат-бот для жителей переняли соседи\n\nЧат-бот для обращений по вопросам ЖКХ у Тахтамукайского "
        "района переняли Гиагинский и Красногвардейский районы.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].adopter, "Гиагинский район");
    EXPECT_EQ(a[1].adopter, "Красногвардейский район");
    EXPECT_EQ(a[0].source, "Тахтамукайский район");
}

TEST(Adoption, ARegionsCommonNounBeforeTheVerbIsTheSubjectNotThePlacesOfTheTrial) {
    auto a = Adoptions(
        "Сельские коворкинги откроют во всех районах\n\nВ Белгородской области появятся сельские "
        "коворкинги. Практику регион перенял у Липецкой области и сначала опробовал её в Корочанском "
        "и Чернянском районах.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Белгородская область");
    EXPECT_EQ(a[0].source, "Липецкая область");
}

TEST(Adoption, ATownsAdjectiveStandsForTheDistrictTheArticleNames) {
    auto a = Adoptions(
        "Выездная поликлиника\n\nВыездная поликлиника три года назад заработала в Бийском районе. "
        "Бийским опытом заинтересовались соседи: делегация Новосибирской области побывала в районе, "
        "чтобы перенять организацию выездной работы.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Новосибирская область");
    EXPECT_EQ(a[0].source, "Бийский район");               // not the town of Бийск, which the article never names
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kStudy);  // a trip made to take it up
}

TEST(Adoption, WhereTheAdopterTriesItOutIsNoSource) {
    auto a = Adoptions(
        "БРАТСК, 14 января. Мэрия запустила в тестовом режиме чат-бот «Чистый двор». Пока сервис "
        "работает в Центральном и Падунском округах. Сам бот и регламент городу передали коллеги из "
        "администрации Иркутска.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Братск");
    EXPECT_EQ(a[0].source, "Иркутск");
}

TEST(Adoption, TheNextSentenceSaysWhereThePracticeWasMadeInTheActiveVoice) {
    auto a = Adoptions(
        "Семейные кураторы придут в каждый район\n\nТехнологию «семейного куратора» в Орловской "
        "области запустили в пилотном режиме в двух районах. Модель разработали и отладили в "
        "Тюменской области, где кураторы сопровождают семьи уже шестой год.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Орловская область");  // not the reverse
    EXPECT_EQ(a[0].source, "Тюменская область");
}

TEST(Adoption, AnAdjectiveAloneAfterTheVerbOfTakingAsABasisIsTheSource) {
    auto a = Adoptions(
        "Как в Перми? Что изменится в ижевских автобусах с 1 июля\n\nМодель за основу взяли пермскую: в краевой "
        "столице на брутто-контракты перешли ещё в 2019 году.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Ижевск");
    EXPECT_EQ(a[0].source, "Пермь");
    // not «модель за основу»: the practice chooser names what the model is about, the lede's «брутто-контракт»
    EXPECT_EQ(a[0].practice, "брутто-контракт");
}

TEST(Adoption, NeighboursInterestedAreTheOnesTheNextSentenceNames) {
    auto a = Adoptions(
        "Один билет на десять музеев\n\nЯрославская область ввела единый музейный пропуск. Интерес к "
        "ярославскому опыту уже проявили соседи. По словам министра, в Костромской области намерены "
        "запустить похожую карту к следующему летнему сезону.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Костромская область");  // not the body named before, nor «соседи» left unnamed
    EXPECT_EQ(a[0].source, "Ярославская область");
}

TEST(Adoption, TheRegionRightAfterASourceDistrictIsWhereItLiesAndADistrictKeepsItsFullestName) {
    auto a = Adoptions(
        "Опыт соседей внедрён в Беловском округе\n\nРаз в месяц в каждом селе Беловского "
        "муниципального округа теперь наступает «мусорный день». Практика «мусорного дня» была "
        "перенята у соседей из Искитимского района Новосибирской области.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Беловский муниципальный округ");  // «в Беловском округе»: the name the article gives
    EXPECT_EQ(a[0].source, "Искитимский район");  // not Новосибирская область as who borrows
}

TEST(Adoption, ABodyNamedShorterTakesItsFullerNameAndWhomToldAfterADash) {
    auto a = Adoptions(
        "Гериатрический кабинет открыли в Саяногорской межрайонной больнице\n\nВ Саяногорской "
        "межрайонной больнице открылся гериатрический кабинет. Формат кабинета с выездным приёмом "
        "наши специалисты переняли у соседей — в Минусинской межрайонной больнице (Красноярский край) "
        "так работают уже несколько лет. Врачи Саяногорской больницы провели там неделю.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Саяногорская межрайонная больница");
    EXPECT_EQ(a[0].source, "Минусинская межрайонная больница");  // not Красноярский край, where it lies
}

TEST(Adoption, ATownAdjectiveInInAndTheNeighboursListedInTheNextSentence) {
    auto a = Adoptions(
        "Умные контейнерные площадки\n\nВ Находке видеоаналитика следит за контейнерными площадками. "
        "Находкинским опытом заинтересовались соседи. В Артёме и Уссурийске рассматривают возможность "
        "установить такую же систему видеоаналитики.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].source, "Находка");  // «Находкинским»: «-ин-» before «-ск-»
    EXPECT_EQ(a[0].adopter, "Артем");
    EXPECT_EQ(a[1].adopter, "Уссурийск");
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kInterest);
}

TEST(Adoption, ANewspapersNameIsNoBodyOfItsTownsPeople) {
    auto a = Adoptions(
        "«Лаганский вестник», № 9, 6 марта 2025 г.\n\nШКОЛА ИСКУССТВ ОТКРЫЛА ОНЛАЙН-ОТДЕЛЕНИЕ\n\nС нового "
        "полугодия в Лаганской детской школе искусств работает дистанционное отделение. Лаганские "
        "педагоги планируют открыть класс национальных инструментов по примеру Элистинской детской "
        "музыкальной школы № 1.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_NE(a[0].adopter, "Лаганский вестник");
}

TEST(Adoption, ABodysGenitiveChainEndsBeforeAVerb) {
    auto r = ReferenceExtractor().Extract(
        "Краснодарский край создаст корпорацию развития\n\nВ департаменте рассматривают вариант создать краевую "
        "корпорацию по образцу Татарстана. В департаменте намерены внедрить карту многодетной семьи.\n");
    for (const auto& m : r.mentions) {
        EXPECT_EQ(m.text.find("рассматривают"), std::string::npos) << m.text;
        EXPECT_EQ(m.text.find("намерены"), std::string::npos) << m.text;
    }
    bool region = false;
    for (const auto& f : r.facts)
        if (f.kind == FactKind::kAdoption && f.adopter && f.source)
            region = region || (r.mentions[*f.adopter].normal == "Краснодарский край" &&
                                r.mentions[*f.source].normal == "Республика Татарстан");
    EXPECT_TRUE(region);  // the department's region, the headline's
}

TEST(Adoption, ItsPronounLaunchedTakesThePracticeOfTheFactBefore) {
    auto a = Adoptions(
        "Дворовые лидеры\n\nПроект «Дворовые лидеры» Нефтеюганск уже второй год реализует по "
        "сургутской модели. В Когалыме его запустили пока в двух микрорайонах.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[1].adopter, "Когалым");
    EXPECT_EQ(a[1].source, "Сургут");
}

TEST(Adoption, AlsoInAPlaceIsTheSamePracticeFromTheSameSource) {
    auto a = Adoptions(
        "«Умные» переходы — у каждой школы Тюмени\n\nТюменский опыт перенимают соседи: в Тобольске первые два таких "
        "перехода "
        "работают в тестовом режиме. Интерес к технологии проявили и в Ишиме.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[1].adopter, "Ишим");
    EXPECT_EQ(a[1].source, "Тюмень");
    EXPECT_EQ(a[1].stage, domain::AdoptionStage::kInterest);
}

TEST(Adoption, ReceivingTheCodeAndDocumentsFromColleaguesIsBorrowing) {
    auto a = Adoptions(
        "Единое окно для многодетных\n\nДальше всех продвинулась Омская область: там сервис запущен в "
        "январе. «Мы получили от тюменских коллег исходный код и документацию, доработка заняла около "
        "полугода», — рассказал министр цифрового развития и связи Омской области Антон Гурин.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a.back().adopter, "Омская область");
    EXPECT_EQ(a.back().source, "Тюменская область");
}

TEST(Adoption, NeighboursWhoAreInterestedAndTheOneTheNextSentenceNames) {
    auto a = Adoptions(
        "Фабрика предпринимательства\n\nВ Дагестане запустили акселератор «Фабрика предпринимательства». "
        "Дагестанским опытом уже интересуются соседи. Министр экономического развития "
        "Карачаево-Черкесской Республики сообщил, что в КЧР хотят открыть похожий акселератор.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a.back().adopter, "Карачаево-Черкесская Республика");
    EXPECT_EQ(a.back().source, "Республика Дагестан");
    EXPECT_EQ(a.back().stage, domain::AdoptionStage::kInterest);
}

TEST(Adoption, ABodyAndThePlaceItsNameHoldsAreOneParty) {
    auto a = Adoptions(
        "Сто дней мэра\n\nВ Йошкар-Оле подвели итоги. По примеру Йошкар-Олы в мэрии Йошкар-Олы открыли "
        "проектный офис по работе с обращениями.\n");
    for (const auto& f : a) EXPECT_FALSE(f.source == "Йошкар-Ола" && f.adopter.find("Йошкар-Ол") != std::string::npos);
}

TEST(Adoption, ACodeHandedOverNamesNoPracticeAndAnotherPlacesTrialIsNotTheStage) {
    auto a = Adoptions(
        "Тюменское «единое окно» для многодетных переходит к соседям\n\nДальше всех продвинулась Омская область: там "
        "сервис запущен в январе и работает по всему региону. «Мы получили от тюменских коллег исходный код и "
        "документацию, доработка под омские меры поддержки заняла около полугода», — рассказал министр цифрового "
        "развития и связи Омской области Антон Гурин. В Курганской области «единое окно» пока работает в тестовом "
        "режиме. «По итогам пилота примем решение», — пояснила заместитель губернатора.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a[0].adopter, "Омская область");
    EXPECT_EQ(a[0].practice.find("мера"), std::string::npos) << a[0].practice;  // the headline's, not «меры поддержки»
    EXPECT_NE(a[0].practice.find("окно"), std::string::npos) << a[0].practice;
    EXPECT_NE(a[0].stage, domain::AdoptionStage::kPilot);  // Kurgan's pilot, told after
}

TEST(Adoption, AMinistryNamedInFullIsTheOneThatBorrowsNotItsRegion) {
    auto a = Adoptions(
        "Запись к врачу станет проще\n\nВ министерстве здравоохранения Самарской области сообщили, что "
        "рассматривают создание единого колл-центра записи к врачу по примеру Республики Мордовия.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "министерство здравоохранения Самарской области");
    EXPECT_EQ(a[0].source, "Республика Мордовия");
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kInterest);
}

TEST(Adoption, ATownsAdministrationIsTheTownAndTheOpeningPhraseIsThePractice) {
    auto a = Adoptions(
        "Прокат велосипедов доехал до соседей\n\nПрокат велосипедов для пенсионеров, который в 2020 году первой в "
        "регионе организовала администрация Кургана, переняли Шадринск и Катайск.\n");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].adopter, "Шадринск");
    EXPECT_EQ(a[1].adopter, "Катайск");
    for (const auto& f : a) {
        EXPECT_EQ(f.source, "Курган");  // the town, not «администрация Кургана»
        EXPECT_NE(f.practice.find("прокат велосипедов"), std::string::npos) << f.practice;
    }
}

TEST(Adoption, WhatIsHeldInARegionsCapitalIsWhereItComesFromAndWhereItWentIsNoPractice) {
    auto a = Adoptions(
        "Зарядка в парках\n\nСубботние лекции в библиотеках, которые в столице Удмуртии проводят пятый год, "
        "подхватили в двух соседних городах.\n\nУфимцы за один сезон переняли формат у ижевских коллег.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a[0].source, "Ижевск");
    for (const auto& f : a) EXPECT_EQ(f.practice.find("соседних"), std::string::npos) << f.practice;
    bool ufa = false;
    for (const auto& f : a) ufa = ufa || f.adopter == "Уфа";  // «уфимцы», a demonym no regular shape gives
    EXPECT_TRUE(ufa);
}

TEST(Adoption, OtherTownsAreNamedNextAndATownThatGaveItUpIsDiscontinued) {
    auto a = Adoptions(
        "Пункты приёма вторсырья\n\nНижневартовцы переняли у Сургута пункты приёма вторсырья с начислением баллов. "
        "Сургутскую модель присматривают и в других городах Югры. В Когалыме два пункта работают в тестовом "
        "режиме.\n\nА вот в Ханты-Мансийске сургутский проект не прижился. Два павильона по образцу сургутских "
        "открыли в окружной столице ещё в 2022-м, но через год закрыли.\n");
    bool kogalym = false, khanty = false;
    for (const auto& f : a) {
        EXPECT_EQ(f.source, "Сургут");
        EXPECT_NE(f.adopter, "Ханты-Мансийский автономный округ — Югра");  // «в других городах Югры», the city
        kogalym = kogalym || f.adopter == "Когалым";
        if (f.adopter == "Ханты-Мансийск") {
            khanty = true;
            EXPECT_EQ(f.stage, domain::AdoptionStage::kDiscontinued);
            EXPECT_EQ(f.practice.find("столиц"), std::string::npos) << f.practice;
        }
    }
    EXPECT_TRUE(kogalym);
    EXPECT_TRUE(khanty);
}

TEST(Adoption, NeighboursWhoVisitToTakeItUpAndAnInterestInARepublicsWork) {
    auto a = Adoptions(
        "Школьные театры Чувашии\n\nПроект «Театр в каждой школе» в Чувашской Республике работает третий год. "
        "Теперь к чувашской разработке присматриваются сами ульяновцы.\n\nОпытом республики заинтересовались "
        "и соседи. На прошлой неделе в Чебоксарах побывала делегация Кировской области. Гости изучили документы "
        "проекта, чтобы внедрить его в кировских школах.\n\nПилотный проект стартовал в России ещё в 2018 году.\n");
    bool ulyanovsk = false, kirov = false;
    for (const auto& f : a) {
        EXPECT_NE(f.source, "Россия");
        EXPECT_NE(f.adopter, "Россия");
        ulyanovsk = ulyanovsk || (f.adopter == "Ульяновская область" && f.source == "Чувашская Республика");
        if (f.adopter == "Кировская область") {
            kirov = true;
            EXPECT_NE(f.source.find("Чебоксар") == std::string::npos && f.source.find("Чуваш") == std::string::npos,
                      true)
                << f.source;
        }
    }
    EXPECT_TRUE(ulyanovsk);
    EXPECT_TRUE(kirov);
}

TEST(Adoption, ATownsAdjectiveIsTheDistrictTheArticleNamedBefore) {
    auto a = Adoptions(
        "Салаватская модель у соседей\n\nПроект «Сосед в помощь» в 2021 году начинался в Салаватском районе. "
        "Его придумали в Салаватском районном центре добровольчества. Первыми практику переняли соседние "
        "Кигинский и Дуванский районы. Салаватским опытом интересуются и в Салавате.\n");
    ASSERT_FALSE(a.empty());
    int districts = 0;
    for (const auto& f : a) {
        if (f.adopter != "Кигинский район" && f.adopter != "Дуванский район") continue;
        ++districts;
        EXPECT_EQ(f.source, "Салаватский район");  // named before, not the town named after
    }
    EXPECT_EQ(districts, 2);
}

TEST(Adoption, AdoptersToldClauseByClauseEachWithItsStage) {
    auto a = Adoptions(
        "Казанская модель у соседей\n\nПрограмму школьных медиацентров, придуманную в Казани, переняли соседи. "
        "Пенза открыла такие центры в 12 школах, Саранск пилотирует программу в двух гимназиях, а Самара "
        "рассматривает её для следующего учебного года.\n");
    std::map<std::string, domain::AdoptionStage> by;
    for (const auto& f : a)
        if (f.source == "Казань") by[f.adopter] = f.stage;
    ASSERT_EQ(by.size(), 3u);
    EXPECT_EQ(by["Пенза"], domain::AdoptionStage::kImplemented);
    EXPECT_EQ(by["Саранск"], domain::AdoptionStage::kPilot);
    EXPECT_EQ(by["Самара"], domain::AdoptionStage::kInterest);
}

TEST(Adoption, NeighboursNamedByWhereOneLikeItIsHeldAndTheDistrictByItsCommonNoun) {
    auto a = Adoptions(
        "Творческая смена в Судиславском районе\n\nЛетом в Судиславском районе прошла первая творческая смена для "
        "учеников школ искусств. Формат в районе подсмотрели у соседей. В Вологодской области такие смены для "
        "воспитанников школ искусств проводят уже несколько лет.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a[0].adopter, "Судиславский район");
    EXPECT_EQ(a[0].source, "Вологодская область");
}

TEST(Adoption, TheHeadlineAndTheLeadTellOneFactAndARelativeClauseOfUseNamesTheSource) {
    auto a = Adoptions(
        "В Удмуртии распространят татарстанскую модель наставничества\n\nМодель наставничества молодых учителей, "
        "которую Удмуртия переняла у Татарстана, заработает во всех муниципалитетах республики.\n\nЕщё одну "
        "практику — электронное портфолио наставника, которое используют в Чувашии, — в министерстве пока "
        "изучают.\n");
    int tatarstan = 0;
    bool chuvashia = false;
    for (const auto& f : a) {
        tatarstan += f.source == "Республика Татарстан" ? 1 : 0;
        chuvashia = chuvashia || f.source == "Чувашская Республика";
    }
    EXPECT_EQ(tatarstan, 1);  // the headline's fact, not a second one from the lead
    EXPECT_TRUE(chuvashia);
}

TEST(Adoption, ThereIsThePlaceTheSentenceBeforeNamesAndATrialGivenUpIsDiscontinued) {
    auto a = Adoptions(
        "Школьный бюджет у соседей\n\nВ Пензенской области шестой год работает проект «Школьный бюджет». "
        "Дальше всех продвинулась Саратовская область. Там проект по пензенскому образцу запустили в трёх "
        "районах.\n\nЕсть и неудачный опыт. Ульяновская область попробовала пензенский формат, но через год от "
        "него отказалась.\n");
    std::map<std::string, domain::AdoptionStage> by;
    for (const auto& f : a)
        if (f.source == "Пензенская область") by[f.adopter] = f.stage;
    ASSERT_EQ(by.count("Саратовская область"), 1u);  // «там», not the source's own region
    ASSERT_EQ(by.count("Ульяновская область"), 1u);
    EXPECT_EQ(by["Ульяновская область"], domain::AdoptionStage::kDiscontinued);
}

TEST(Adoption, ATownNamedLikeAWordOnceTheArticleNamesItAndADelegationThatDecidedTheSame) {
    auto a = Adoptions(
        "Школьная лига\n\nЛигу придумали в Перми. Березники взяли пермскую модель целиком. В Березниках довольны."
        "\n\nВ сентябре в Сургут приезжала делегация из Ноябрьска. Гости побывали в молодёжном центре и решили: "
        "такой же центр должен появиться и у них.\n");
    bool berezniki = false, noyabrsk = false;
    for (const auto& f : a) {
        berezniki = berezniki || (f.adopter == "Березники" && f.source.find("Перм") != std::string::npos);
        noyabrsk = noyabrsk || (f.adopter == "Ноябрьск" && f.source == "Сургут");
    }
    EXPECT_TRUE(berezniki);
    EXPECT_TRUE(noyabrsk);
}

TEST(Adoption, AnIdeaTakenUpIsWhatTheDashNamesAndAnInterestInARegionsProgramme) {
    auto a = Adoptions(
        "Министр здравоохранения\n\nРязанский опыт министр перенёс в регион почти сразу. Ещё одна идея, которую "
        "переняли у рязанцев, — служебные квартиры для медиков в обмен на контракт.\n\nВ Тульской области о "
        "рязанской программе пока говорят как о варианте: в министерстве её рассматривают.\n");
    bool flats = false, tula = false;
    for (const auto& f : a) {
        flats = flats || f.practice.find("служебные квартиры") != std::string::npos;
        tula = tula || (f.adopter == "Тульская область" && f.source == "Рязанская область");
    }
    EXPECT_TRUE(flats);
    EXPECT_TRUE(tula);
}

}  // namespace orientir::extract

// Session 16: bodies named by an abbreviation the article spells elsewhere, a body learning from its own kind, the
// body a place names, every visitor of a list.
namespace orientir::extract {

TEST(Adoption, AnAbbreviationTheArticleSpellsOutIsTheBodysFullName) {
    auto a = Adoptions(
        "В Детской школе искусств № 2 Бийска открыли класс гитары\n\nКласс открыли в Детской школе искусств № 2 "
        "Бийска в сентябре. Опытом ДШИ № 2 уже заинтересовались в Рубцовске.\n");
    ASSERT_FALSE(a.empty());
    const auto& last = a.back();
    EXPECT_EQ(last.adopter, "Рубцовск");
    EXPECT_EQ(last.source, "Детская школа искусств № 2 города Бийска");  // not «ДШИ № 2», nor «Опыт ДШИ № 2»
}

TEST(Adoption, ABodyLearnsFromTheBodyOfItsKindInTheTownNamed) {
    auto a = Adoptions(
        "Центральная районная библиотека Сысерти открыла прокат настольных игр\n\nВ Центральной городской "
        "библиотеке Асбеста прокат работает третий год. Сысертская центральная районная библиотека переняла прокат "
        "у коллег из Асбеста.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Сысертская центральная районная библиотека");
    EXPECT_EQ(a[0].source, "Центральная городская библиотека города Асбеста");  // the library of Асбест, not the town
}

TEST(Adoption, ThePlaceABodyIsNamedWithStandsForTheBody) {
    auto a = Adoptions(
        "Инклюзивный театр для подростков\n\nВ Детской школе искусств № 4 Северодвинска с осени работает "
        "инклюзивная театральная студия. Идея пришла из Петрозаводска.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Детская школа искусств № 4 города Северодвинска");
    EXPECT_EQ(a[0].source, "Петрозаводск");
}

TEST(Adoption, EveryDelegationOfAListTakesItUp) {
    auto a = Adoptions(
        "На прошлой неделе в Новокуйбышевске побывали делегации из Татарстана и Башкирии. Гости приехали, чтобы "
        "перенять новокуйбышевскую систему раздельного сбора отходов.\n");
    std::set<std::string> adopters;
    for (const auto& x : a)
        if (x.source == "Новокуйбышевск") {
            adopters.insert(x.adopter);
            EXPECT_EQ(x.practice, "система раздельного сбора отходов");  // not «гости», who came
        }
    EXPECT_EQ(adopters, (std::set<std::string>{"Республика Татарстан", "Республика Башкортостан"}));
}

TEST(Adoption, WhereABodyWorksIsNotWhereThePracticeCameFrom) {
    auto a = Adoptions(
        "В Хакасии переняли красноярскую программу наставничества\n\nПрограмма появилась в Красноярском крае пять "
        "лет назад. Именно эту программу адаптировал Центр молодёжных инициатив «Сила», работающий в Абакане.\n");
    for (const auto& x : a) EXPECT_NE(x.source, "Абакан");  // where the centre is, not whom it learnt from
}

TEST(Adoption, TownsAddedAfterTheirRegionAreAdoptersOfTheirOwn) {
    auto a = Adoptions(
        "В Марий Эл переняли чувашскую модель школьных театров\n\nПервые театры открылись в сентябре. С января по "
        "чувашскому образцу театры заработали также в Волжске и Козьмодемьянске.\n");
    std::set<std::string> adopters;
    for (const auto& x : a)
        if (x.source == "Чувашская Республика") adopters.insert(x.adopter);
    EXPECT_EQ(adopters, (std::set<std::string>{"Республика Марий Эл", "Волжск", "Козьмодемьянск"}));
}

TEST(Adoption, ACentresQuotedNameIsABodyThatTakesItUp) {
    auto a =
        Adoptions("В планах центра «Доброе дело» — перенять у Пермского края формат семейных волонтёрских смен.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_NE(a[0].adopter.find("Доброе дело"), std::string::npos);
    EXPECT_EQ(a[0].source, "Пермский край");
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kInterest);  // «в планах»
}

TEST(Adoption, TheExperienceOfOneThatTookAPracticeUpIsThatPractice) {
    auto a = Adoptions(
        "Липецкая областная библиотека переняла у Воронежской областной библиотеки формат ночных читательских "
        "марафонов. Опытом Липецкой областной библиотеки уже заинтересовались в Ельце.\n");
    const Seen* x = ByAdopter(a, "Елец");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->practice, "формат ночных читательских марафонов");  // not «опыт Липецкой … библиотеки»
}

TEST(Adoption, ABodyLearnsFromItsKindNamedInTheSentenceBefore) {
    auto a = Adoptions(
        "В Шарьинском районе открыли пункт проката колясок\n\nПункт открыл Шарьинский комплексный центр "
        "социального обслуживания населения. Идею подсмотрели у коллег из Мантуровского комплексного центра "
        "социального обслуживания населения.\n");
    const Seen* x = BySource(a, "Мантуровский комплексный центр социального обслуживания населения");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Шарьинский комплексный центр социального обслуживания населения");
}

TEST(Adoption, ACreditAMovedHeadquartersAndPowerHandedOnAreNoBorrowing) {
    EXPECT_TRUE(Adoptions("Такое решение сегодня принял парламент Финляндии, передает ТАСС.\n").empty());
    EXPECT_TRUE(Adoptions("Как сообщила торговая палата, свои штаб-квартиры из Шотландии перенесли ещё 20 компаний.\n")
                    .empty());
    EXPECT_TRUE(Adoptions("Формально на престоле Бутана король оставался до 2006 года, однако фактически передал "
                          "власть наследнику — принцу из Непала.\n")
                    .empty());
}

TEST(Adoption, ThereInsideASentenceIsThePlaceTheSentenceBeforeNamed) {
    auto a = Adoptions(
        "Вологодская модель «Мобильный юрист» расходится по Северо-Западу. Первой её внедрила Архангельская "
        "область. А вот в Мурманской области история сложилась иначе. Вологодский опыт там переняли в 2022 году, но "
        "через год проект свернули.\n");
    const Seen* x = ByAdopter(a, "Мурманская область");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->source, "Вологодская область");
    EXPECT_EQ(x->practice.find("там"), std::string::npos) << x->practice;  // the practice told before
}

TEST(Adoption, ACentreAtABodyIsThePracticeNotAParty) {
    auto a = Adoptions(
        "В Кумертау открыли добровольческий центр «Книжный друг» при Кумертауской центральной городской библиотеке. "
        "Центр открыли по примеру Салаватской центральной городской библиотеки, где такой работает с 2020 года.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Кумертауская центральная городская библиотека");  // not «Книжный друг»
    EXPECT_EQ(a[0].source, "Салаватская центральная городская библиотека");
    EXPECT_EQ(a[0].practice, "добровольческий центр «Книжный друг»");
}

TEST(Adoption, ToTakeFromSomeoneIsToBorrow) {
    auto a = Adoptions(
        "Глава администрации Бирского района Рустем Ильдарович Хасанов рассказал о кооперативах.\n\n— Откуда "
        "идея?\n\n— Идея не наша. Мы её взяли у курян: ездил в Курскую область и смотрел, как устроены "
        "кооперативы.\n");
    const Seen* x = BySource(a, "Курская область");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Бирский район");  // «мы»: the body of the post of the one who answers
}

TEST(Adoption, TakenAsABasisAfterTheSentenceThatSaysWhereItWasMade) {
    auto a = Adoptions(
        "Сама модель была разработана в Удмуртии, где её применяют с 2018 года. Кировская область взяла её за основу "
        "в 2023 году и для начала опробовала в двух районах.\n");
    const Seen* x = ByAdopter(a, "Кировская область");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->source, "Удмуртская Республика");
}

TEST(Adoption, TheOneABodyLearntFromDoesNotLearnBack) {
    auto a = Adoptions(
        "В Кумертау открыли добровольческий центр «Книжный друг» при Кумертауской центральной городской библиотеке. "
        "Центр открыли по примеру Салаватской центральной городской библиотеки, где такой работает с 2020 года.\n\n"
        "Опытом Кумертауской центральной городской библиотеки заинтересовались в Мелеузе.\n");
    ASSERT_EQ(a.size(), 2u);            // (a library and a town of one region are two parties)
    EXPECT_EQ(a[1].adopter, "Мелеуз");  // not the Салават library, which the Кумертау one learnt from
    EXPECT_EQ(a[1].source, "Кумертауская центральная городская библиотека");  // no «заинтересовались» in the name
    EXPECT_EQ(a[1].practice, "добровольческий центр «Книжный друг»");
}

TEST(Adoption, ADistrictTheDirectoryDoesNotPlaceLiesInTheRegionNamedBefore) {
    auto a = Adoptions(
        "Смоленская область пошла своим путём. Проект по калужскому образцу здесь запустили в тестовом режиме в "
        "Кардымовском районе.\n");
    const Seen* x = ByAdopter(a, "Кардымовский район");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->source, "Калужская область");
    EXPECT_EQ(x->adopter_region, "67");  // Смоленская область, not the source's Калужская (40)
}

TEST(Adoption, TheSubjectOfTheSentenceBeforeBorrowsBeforeAnEarlierFactsAdopter) {
    auto a = Adoptions(
        "Пензенская область переняла у Самарской области школу серебряного волонтёра в 2020 году.\n\n"
        "Ульяновская область, напротив, от программы «Активное долголетие» отказалась. Её запустили в 2021 году по "
        "оренбургскому образцу, но через год свернули.\n");
    const Seen* x = BySource(a, "Оренбургская область");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Ульяновская область");  // not Пензенская, the adopter of the fact before
    EXPECT_EQ(x->stage, domain::AdoptionStage::kDiscontinued);
}

TEST(Adoption, ClausesAfterASourceToldInTheSentenceBeforeAdoptToo) {
    auto a = Adoptions(
        "Омская схема, в свою очередь, пригодилась соседям. Калачинск запустил социальное такси по её образцу в 2024 "
        "году, а Исилькуль сейчас тестирует его на одной машине.\n");
    const Seen* x = ByAdopter(a, "Калачинск");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->practice, "социальное такси");  // the first clause's object, not «его на одной машине»
    const Seen* y = ByAdopter(a, "Исилькуль");
    ASSERT_NE(y, nullptr);
    EXPECT_EQ(y->stage, domain::AdoptionStage::kPilot);
}

TEST(Adoption, AClauseThatGivesThePracticeUpEndsTheAdoptersStory) {
    auto a = Adoptions("В Тутаеве рыбинский проездной ввели ещё в 2022 году, но весной от него отказались.\n");
    const Seen* x = ByAdopter(a, "Тутаев");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->source, "Рыбинск");
    EXPECT_EQ(x->stage, domain::AdoptionStage::kDiscontinued);
    // …but another party's refusal is that party's
    auto b = Adoptions("Кострома внедрила ярославскую систему, но Иваново от неё отказалось.\n");
    const Seen* k = ByAdopter(b, "Кострома");
    ASSERT_NE(k, nullptr);
    EXPECT_EQ(k->stage, domain::AdoptionStage::kImplemented);
}

TEST(Adoption, AdoptersOneAfterAnother) {
    auto a = Adoptions("Калужскую практику первой переняла Тула, следом — Брянск, затем Орёл.\n");
    for (const char* town : {"Тула", "Брянск", "Орёл"}) {
        const Seen* x = ByAdopter(a, town);
        ASSERT_NE(x, nullptr) << town;
        EXPECT_EQ(x->source, "Калужская область") << town;
    }
}

TEST(Adoption, AnUnnamedAdopterIsTheOneOthersFollowedNotItsFollower) {
    auto a = Adoptions(
        "Идею социального такси Барнаул подсмотрел в Томске и перенял почти без изменений.\n\nБарнаульская схема "
        "пригодилась соседям. Бийск запустил социальное такси по её образцу.\n\nПункты «Забота рядом» в "
        "поликлиниках открыли по примеру Красноярска. Через год от них отказались.\n");
    const Seen* x = BySource(a, "Красноярск");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Барнаул");  // not Бийск, which followed Барнаул
}

TEST(Adoption, OtherTownsTakingItUpAreListedOneSentenceEach) {
    auto a = Adoptions(
        "Теперь тамбовскую схему перенимают другие города области. В Мичуринске площадки стоят с весны. «Изобретать "
        "ничего не пришлось», — пояснил глава города. В Моршанске их в тестовом режиме поставили на двух улицах. В "
        "Котовске пока рассматривают такую возможность.\n");
    const Seen* m = ByAdopter(a, "Мичуринск");
    const Seen* r = ByAdopter(a, "Моршанск");
    const Seen* k = ByAdopter(a, "Котовск");
    ASSERT_NE(m, nullptr);
    ASSERT_NE(r, nullptr);
    ASSERT_NE(k, nullptr);  // «не пришлось» (had to) takes nothing back
    EXPECT_EQ(m->source, "Тамбов");
    EXPECT_EQ(r->stage, domain::AdoptionStage::kPilot);
    EXPECT_EQ(k->stage, domain::AdoptionStage::kInterest);
    for (const Seen& x : a) EXPECT_NE(x.adopter, "Тамбовская область");  // «города области» are the others
}

TEST(Adoption, TheAdjectiveOfARegionAndItsCapitalIsTheCapitalBesideATownOfThatRegion) {
    auto a = Adoptions("В Рыбинске внедрили ярославскую систему вывоза отходов.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].source, "Ярославль");
    auto b = Adoptions("Костромская область внедрила ярославскую систему вывоза отходов.\n");
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].source, "Ярославская область");  // (no town of that region beside it)
}

TEST(Adoption, PlacesTheDirectoryDoesNotKnowAfterOurAreTheSignedOfficialsOwn) {
    auto a = Adoptions(
        "Вернулись из рабочей поездки\n\nДрузья, вернулись из Стерлитамака! Спасибо коллегам за тёплый приём.\n\n"
        "Кстати, кто не знает: уличные площадки ГТО по стерлитамакскому образцу у нас уже стоят в Тимофеевском и "
        "Подгорновском.\n\nИгорь Семёнов, глава Бугульминского муниципального района\n\n#Бугульма #ГТО\n");
    const Seen* x = BySource(a, "Стерлитамак");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Бугульминский муниципальный район");  // not «Тимофеевском», a part of it
}

TEST(Adoption, TheRegionsOwnBodyTakingUpWhatTheRegionTookUpIsNoSecondFact) {
    auto a = Adoptions(
        "С прошлого года в Омской области применяется система социального сопровождения, разработанная в Тюменской "
        "области. Методика была взята на вооружение по решению областного министерства труда.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Омская область");
    EXPECT_EQ(a[0].source, "Тюменская область");
}

TEST(Adoption, ExperiencePointedAtIsTheOneOfThePlaceNamedBeforeIt) {
    auto a = Adoptions(
        "Можно ли удержать молодого учителя в селе? В Курской области считают, что можно, — и теперь к этому опыту "
        "присматриваются в Орле.\n");
    const Seen* x = ByAdopter(a, "Орёл");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->source, "Курская область");
    EXPECT_EQ(x->stage, domain::AdoptionStage::kInterest);
}

TEST(Adoption, APronounForAPracticeNamedByNoPracticeNounIsTheOneTheSourcesAdjectiveNames) {
    auto a = Adoptions(
        "Дом для учителя\n\nДелегация изучила курскую программу строительства домов для сельских учителей.\n\n"
        "Орловцы — не первые, кого заинтересовал курский рецепт. Соседняя Брянская область переняла его ещё "
        "несколько лет назад.\n");
    const Seen* x = ByAdopter(a, "Брянская область");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->source, "Курская область");
    EXPECT_EQ(x->practice, "программа строительства домов для сельских учителей");
}

TEST(Adoption, WhoMadeItUpMadeItFirst) {
    auto a = Adoptions("Сырный маршрут, придуманный вологжанами, в Кирилловском районе запустили прошлым летом.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Кирилловский район");
    EXPECT_EQ(a[0].source, "Вологодская область");
    // …but whoever organised a contest is no source of anything
    EXPECT_TRUE(
        Adoptions("В 1959 году он победил на конкурсе, организованном Союзом композиторов, в Варшаве.\n").empty());
}

TEST(Adoption, WorkingAlsoInATownIsThatTownTakingItUp) {
    auto a = Adoptions(
        "Теперь «субботы» работают и в Братске: этой осенью там запустили аналогичный проект на базе местного "
        "колледжа, взяв за образец иркутский.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Братск");  // not the source: «и в» adds it to those that have it
    EXPECT_EQ(a[0].source, "Иркутск");
}

TEST(Adoption, TheTownsAdministrationByKindIsTheTownNamedLast) {
    auto a = Adoptions(
        "Кружки работают в Сургуте третий год.\n\nНа очереди — Нефтеюганск. В городской администрации "
        "рассматривают возможность открыть кружки по сургутскому образцу.\n");
    const Seen* x = BySource(a, "Сургут");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Нефтеюганск");
    EXPECT_EQ(x->stage, domain::AdoptionStage::kInterest);
}

TEST(Adoption, TheRegionalMinistryByKindIsTheRegionNamedLast) {
    auto a = Adoptions(
        "В Калининградской области работают центры долголетия. Параллельно в Черняховске и Гусеве стартовали курсы "
        "«Цифровой помощник», которые региональное министерство переняло у нижегородских коллег.\n");
    const Seen* x = BySource(a, "Нижегородская область");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Калининградская область");  // not «министерство переняло»
}

TEST(Adoption, ANameInTheNominativeAfterAnObliqueSourceIsTheSubject) {
    auto a = Adoptions(
        "В Кургане жители голосуют за дворы на городском портале. В 2023 году ту же модель перенял у областного "
        "центра и Шадринск.\n");
    ASSERT_EQ(a.size(), 1u);  // not also «Курган <- Шадринск»
    EXPECT_EQ(a[0].adopter, "Шадринск");
    EXPECT_EQ(a[0].source, "Курган");
}

TEST(Adoption, AnInterviewsObjectFirstThenWeAndTheVerb) {
    auto a = Adoptions(
        "Смоленская область развивает систему ухода.\n\n— Основу модели — типизацию, когда специалист по анкете "
        "определяет, сколько часов ухода нужно, — мы взяли у брянцев. Школы родственного ухода мы открываем по "
        "примеру Татарстана, где их организуют прямо при больницах. Сейчас такие школы работают при областной "
        "больнице в Смоленске.\n");
    const Seen* x = BySource(a, "Брянская область");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Смоленская область");
    const Seen* y = BySource(a, "Республика Татарстан");
    ASSERT_NE(y, nullptr);
    EXPECT_EQ(y->adopter, "Смоленская область");
    EXPECT_EQ(y->practice, "школа родственного ухода");
    // where the borrowed schools now work is no borrowing back
    EXPECT_EQ(BySource(a, "Смоленск"), nullptr);
}

TEST(Adoption, AnAdjectiveTwoRegionsShareIsTheOneTheArticleNames) {
    auto a = Adoptions(
        "Адыгея переняла алтайскую программу гостевых домов. В Республике Алтай такие дома работают давно.\n");
    const Seen* x = ByAdopter(a, "Республика Адыгея");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->source, "Республика Алтай");  // not Алтайский край, whose adjective it also is
}

TEST(Adoption, ABodySetBesideThePlaceIsTheSourceThere) {
    auto a = Adoptions(
        "Краеведческий музей Кирова открыл зал открытого хранения. «Идею мы подсмотрели в Перми, в музее „Пермская "
        "старина“, — там такой зал работает давно», — рассказала директор. Методику тактильных экскурсий "
        "позаимствовали у вологодского музейного центра «Кремль».\n");
    bool museum = false, kremlin = false;
    for (const Seen& x : a) {
        museum = museum || x.source.find("Пермская старина") != std::string::npos;
        kremlin = kremlin || x.source.find("Кремль") != std::string::npos;
        EXPECT_EQ(x.adopter.find("Кремль"), std::string::npos);  // the body after the adjective is the source
    }
    EXPECT_TRUE(museum);
    EXPECT_TRUE(kremlin);
}

TEST(Positions, APersonRunIntoABodysNameIsNotPartOfIt) {
    auto r = testing::ReferenceExtractor().Extract(
        "Среди гостей был и директор Димитровградского краеведческого музея О. В. Рябов.\n");
    for (const auto& m : r.mentions) {
        if (m.kind != MentionKind::kOrganisation) continue;
        EXPECT_EQ(m.text, "Димитровградского краеведческого музея");
    }
}

TEST(Adoption, PlacesEachHoldingOneBodyOfAKindStandForThoseBodies) {
    auto a = Adoptions(
        "В Вельской центральной районной библиотеке открыли семейные субботы. Идею подсмотрели у коллег из "
        "Котласской центральной районной библиотеки, где такие субботы проводят третий год. В Вельске взяли "
        "котласскую модель почти без изменений.\n");
    ASSERT_EQ(a.size(), 1u);  // the town's sentence tells the same borrowing
    EXPECT_EQ(a[0].adopter, "Вельская центральная районная библиотека");
    EXPECT_EQ(a[0].source, "Котласская центральная районная библиотека");
}

TEST(Adoption, ABodyInTheNominativeAfterThePracticeIsItsSubject) {
    auto a = Adoptions(
        "Систему Фонд капитального ремонта многоквартирных домов Псковской области позаимствовал у новгородских "
        "коллег — Фонда капитального ремонта многоквартирных домов Новгородской области.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a[0].adopter, "Фонд капитального ремонта многоквартирных домов Псковской области");
    EXPECT_NE(a[0].source.find("Новгородской"), std::string::npos);
}

TEST(Adoption, InterestInATownsResidentsExperience) {
    auto a = Adoptions(
        "Единый билет в Братске\n\nВ Братске ввели единый транспортный билет по иркутскому образцу. А вот в "
        "Усть-Илимске к опыту братчан пока только присматриваются.\n");
    const Seen* x = ByAdopter(a, "Усть-Илимск");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->source, "Братск");  // «братчан»: the residents in the genitive plural
    EXPECT_EQ(x->stage, domain::AdoptionStage::kInterest);
}

TEST(Adoption, TheColonsPartThatHoldsTheSourceHoldsTheAdopter) {
    auto a = Adoptions(
        "Братск — не первый город области, где появился такой билет: в Ангарске единый тариф по иркутскому образцу "
        "действует с прошлой осени.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a[0].adopter, "Ангарск");  // not Братск, told before the colon
}

TEST(Adoption, AnUnnamedAdopterIsTheOneThatBorrowedMostSoFar) {
    auto a = Adoptions(
        "Курганская область переняла у Тюменской области проект «Бережливая поликлиника». Курганская область "
        "также переняла у Свердловской области школы пациентов. Шадринская больница провела стажировку в "
        "Тюмени.\n\nСледующий шаг — единый колл-центр записи к врачу. Его планируют создать по примеру "
        "Челябинской области.\n");
    const Seen* x = BySource(a, "Челябинская область");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Курганская область");
}

TEST(Adoption, WhereThenceAPracticeWasBroughtIsTheSource) {
    auto a = Adoptions(
        "Первой площадкой стала поликлиника Ишимской городской больницы. Её сотрудники стажировались в Городской "
        "поликлинике № 5 города Тюмени и перенесли оттуда схему открытой регистратуры.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a[0].adopter, "Ишимская городская больница");
    EXPECT_EQ(a[0].source, "Городская поликлиника № 5 города Тюмени");
    EXPECT_EQ(a[0].practice, "схема открытой регистратуры");  // «Её сотрудники»: whose people, no pronoun object
}

TEST(Adoption, ATripMadeToTakeSomethingUpIsAStudyOfWhereItWent) {
    auto a = Adoptions(
        "В мае делегация правительства Курской области провела два дня в Белгороде, изучая, как устроена работа "
        "муниципальных проектных офисов, — с прицелом на внедрение у себя.\n");
    const Seen* x = ByAdopter(a, "Курская область");
    ASSERT_NE(x, nullptr);
    // the town the text names (its region's code goes with it: a reader expecting the region matches by it)
    EXPECT_EQ(x->source, "Белгород");
    EXPECT_EQ(x->stage, domain::AdoptionStage::kStudy);
}

TEST(Adoption, AnOkrugNamedByItsKindIsTheAutonomousOkrugNamedBefore) {
    auto a = Adoptions(
        "В Ямало-Ненецком автономном округе работают кадровые центры. Электронный «навигатор профессий» для "
        "старшеклассников создан в округе по образцу Тюменской области.\n");
    const Seen* x = BySource(a, "Тюменская область");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Ямало-Ненецкий автономный округ");
}

TEST(Adoption, ATownInTsksAdjectiveAndARegionScalingItsModel) {
    auto a = Adoptions(
        "В Башкортостане работают ФАПы. А в этом году по решению Правительства Республики Башкортостан белорецкая "
        "модель распространена на все 54 муниципальных района республики.\n");
    const Seen* x = BySource(a, "Белорецк");  // «белорецкая» from «Белорецк», a town in «-цк»
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Республика Башкортостан");
    EXPECT_EQ(x->practice, "модель");  // not «все», where it spread to
    EXPECT_EQ(x->stage, domain::AdoptionStage::kScaled);
    auto b = Adoptions("Новокузнецкую модель распространили на все районы Кузбасса.\n");
    ASSERT_FALSE(b.empty());
    EXPECT_EQ(b[0].source, "Новокузнецк");  // the adjective, not the town itself
}

// A bare noun names the practice by its head alone: the article's fullest phrase with that head is its title.
TEST(Adoption, ABareNounTakesTheArticlesFullestPhraseWithTheSameHead) {
    auto a = Adoptions(
        "Главная работа музея — школьный музейный абонемент. За три года через абонемент прошли 12 тысяч детей. "
        "В прошлом году Курганская область запустила у себя такой же абонемент, взяв за основу тюменскую модель.\n");
    const Seen* x = BySource(a, "Тюменская область");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->adopter, "Курганская область");
    EXPECT_EQ(x->practice, "школьный музейный абонемент");
}

// The practice chooser (practice_chooser.hpp): the rules' phrase «идея» only points at the practice, the headline
// and the lede name it; every phrase weighed is kept for the training tool, the rules' own first.
TEST(Adoption, ThePracticeChooserNamesWhatAPointerPointsAt) {
    const char* text =
        "Сетки для пластика появились в Канаше\n\nВ Канаше во дворах установили первые сетчатые контейнеры для "
        "пластиковых бутылок.\n\nИдею власти Канаша переняли у Чебоксар.\n";
    auto g = LoadReferenceGazetteer(ORIENTIR_SOURCE_DATA_DIR, /*include_demo=*/false);
    ASSERT_TRUE(g.ok());
    ExtractorOptions rules_only;
    rules_only.practice_chooser = false;
    rules_only.practice_options = true;
    auto weighed = Extractor(*g, rules_only).Extract(text);
    const Fact* rule = nullptr;
    for (const auto& f : weighed.facts)
        if (f.kind == FactKind::kAdoption) rule = &f;
    ASSERT_NE(rule, nullptr);
    EXPECT_EQ(rule->practice_text.rfind("идея", 0), 0u) << rule->practice_text;  // «идея», «идея власти»
    ASSERT_GE(rule->practice_options.size(), 2u);
    EXPECT_EQ(rule->practice_options[0].text, rule->practice_text);  // the rules' phrase is weighed first
    for (const auto& o : rule->practice_options) EXPECT_FALSE(o.features.empty()) << o.text;

    auto a = Adoptions(text);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Канаш");
    EXPECT_EQ(a[0].source, "Чебоксары");
    EXPECT_NE(a[0].practice, rule->practice_text);
    EXPECT_TRUE(a[0].practice.find("сетк") != std::string::npos || a[0].practice.find("контейнер") != std::string::npos)
        << a[0].practice;
    bool offered = false;
    for (const auto& o : rule->practice_options) offered = offered || o.text == a[0].practice;
    EXPECT_TRUE(offered) << "the chosen phrase is one of those weighed";
}

// Towns whose names are common nouns («калуга» is a fish, «курган» a mound) are places after a word that governs a
// place's genitive («Власти Калуги») or after a common word opening the sentence («Технологию Калуга переняла …»); a
// town in the nominative whose verb agrees with it is the subject, not whose practice it is.
TEST(Adoption, ATownNamedLikeACommonNounIsFoundAndItsNominativeIsTheSubject) {
    auto a = Adoptions("Новости\n\nТехнологию Калуга переняла у Тулы — там такие переходы работают давно.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Калуга");
    EXPECT_EQ(a[0].source, "Тула");
    a = Adoptions("Новости\n\nВласти Кургана переняли у Тюмени систему дворовых тренеров.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Курган");
    EXPECT_EQ(a[0].source, "Тюмень");
    // the same word in lower case is no town; «опыт Сочи переняли» is still whose
    EXPECT_TRUE(Adoptions("Новости\n\nРыба калуга водится в Амуре.\n").empty());
    a = Adoptions("Новости\n\nОпыт Сочи переняли в Туапсе.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].source, "Сочи");
}

// A verb of appearing with where it happened: its subject right before it is what was taken up («инженерные классы
// открылись в Вологде»); a masculine noun in «-ь» keeps its adjective masculine («дворовый лагерь»).
TEST(Adoption, WhatAppearedSomewhereByAnExampleIsThePractice) {
    auto a = Adoptions("Новости\n\nПо тюменскому образцу инженерные классы открылись в Вологде.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Вологда");
    EXPECT_EQ(a[0].source, "Тюменская область");
    EXPECT_EQ(a[0].practice, "инженерные классы");
    a = Adoptions("Новости\n\nПо примеру Казани дворовые лагеря заработали в Ульяновске.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Ульяновск");
    EXPECT_EQ(a[0].practice, "дворовый лагерь");
}

// A practice counted in the genitive plural («150 сетчатых контейнеров») is titled in the singular nominative, not
// half-converted («сетчатые контейнеров»).
TEST(Adoption, ACountedPracticeIsTitledInTheNominative) {
    auto a = Adoptions(
        "Новости\n\nПо примеру Чебоксар в Канаше установили 150 сетчатых контейнеров для пластиковых бутылок.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Канаш");
    EXPECT_EQ(a[0].practice, "сетчатый контейнер для пластиковых бутылок");
    a = Adoptions("Новости\n\nПо примеру Тюмени в Ишиме открыли десять дворовых клубов для подростков.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].practice, "дворовый клуб для подростков");
}

// The object told first, then the subject («Идею власти Канаша переняли …»): the subject is not part of the practice.
TEST(Adoption, TheSubjectAfterAnObjectToldFirstIsNoPartOfThePractice) {
    auto a = Adoptions("Новости\n\nПрактику администрация Ишима переняла у Тюмени.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Ишим");
    EXPECT_EQ(a[0].source, "Тюмень");
    EXPECT_EQ(a[0].practice.find("администрац"), std::string::npos) << a[0].practice;
}

// A district's adjective in lower case («по кадуйскому образцу») is the district the article names in full: the
// directory holds no districts, so no list gives their adjectives.
TEST(Adoption, ADistrictsAdjectiveIsTheDistrictTheArticleNames) {
    auto a = Adoptions(
        "В Кадуйском муниципальном округе выбрали старост\n\nПервых старост избрали в деревнях "
        "Кадуйского муниципального округа.\n\nВ Бабаевском округе намерены ввести старост по "
        "кадуйскому образцу.\n");
    const Seen* f = ByAdopter(a, "Бабаевский округ");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->source, "Кадуйский муниципальный округ");
    EXPECT_EQ(f->stage, domain::AdoptionStage::kInterest);
    // a word the dictionary knows is no district's adjective, whatever district the article names
    a = Adoptions(
        "Новости\n\nГлава Центрального района рассказал о проекте. В Кировском районе намерены ввести "
        "старост по центральному образцу.\n");
    EXPECT_EQ(BySource(a, "Центральный район"), nullptr);
}

// «в администрации округа не скрывают: … перенят у …»: the body of a place told by its common noun is that place,
// the district named last before.
TEST(Adoption, TheAdministrationOfADistrictToldByItsCommonNounIsThatDistrict) {
    auto a = Adoptions(
        "В Кадуйском муниципальном округе выбрали старост\n\nОткуда взялась идея, в администрации "
        "округа не скрывают: институт старост перенят у Ленинградской области.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Кадуйский муниципальный округ");
    EXPECT_EQ(a[0].source, "Ленинградская область");
}

// A town a trip went to stands for the body of its region the sentence before names at work there.
TEST(Adoption, ATownATripWentToStandsForTheBodyAtWorkThere) {
    auto a = Adoptions(
        "Интервью\n\nПредседатель Общественной палаты Курской области рассказал о работе.\n\n— "
        "Общественная палата Республики Татарстан уже несколько лет проверяет, как ремонтируют дороги. "
        "Прошлой осенью мы съездили в Казань, посмотрели, как это устроено, а с мая такой мониторинг "
        "работает и у нас.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Общественная палата Курской области");
    EXPECT_EQ(a[0].source, "Общественная палата Республики Татарстан");
}

// A body learns from a body of its kind: the article's own of that kind, named in the lede, even when the borrowing is
// told far below it.
TEST(Adoption, ABodyLearnsFromABodyOfItsKindNamedInTheLede) {
    auto a = Adoptions(
        "Книги едут на вахту\n\nКак сообщили в Ишимском центре занятости, книжные наборы для "
        "вахтовиков собирает Ишимская центральная городская библиотека.\n\nНаборы выдают на три месяца. Читатели сами "
        "выбирают жанры. "
        "Заявки принимают по телефону. Книги возвращают после вахты.\n\nАбонемент переняли у "
        "Новоуренгойской центральной городской библиотеки.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Ишимская центральная городская библиотека");
    EXPECT_EQ(a[0].source, "Новоуренгойская центральная городская библиотека");
}

// A government named by its kind alone is the region the lede names, not the region named last.
TEST(Adoption, AGovernmentNamedByItsKindIsTheLedesRegion) {
    auto a = Adoptions(
        "Уполномоченные появились во всех округах Оренбуржья\n\nИтоги подвели на заседании.\n\n"
        "Саму должность ввели по примеру Ульяновской области. Следующим шагом правительство намерено "
        "перенять у Татарстана рейтинг муниципальных образований.\n");
    const Seen* f = BySource(a, "Республика Татарстан");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->adopter, "Оренбургская область");
    EXPECT_EQ(f->stage, domain::AdoptionStage::kInterest);
}

// Those who came take the practice up from where they came to, whatever order the sentence names them in.
TEST(Adoption, VisitorsTakeUpFromWhereTheyCameTo) {
    auto a = Adoptions(
        "Новости\n\nНа прошлой неделе в Шадринский муниципальный округ приезжали специалисты "
        "Катайского муниципального округа — изучали работу системы, чтобы внедрить её у себя.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Катайский муниципальный округ");
    EXPECT_EQ(a[0].source, "Шадринский муниципальный округ");
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kStudy);
}

// «взяли на заметку» is an interest, and the trip told next names what is taken up: one fact, a study, with the
// practice the second sentence names.
TEST(Adoption, ExperienceNotedThenATripToTakeItUpIsOneStudy) {
    auto a = Adoptions(
        "Дворы Ишима\n\nВ Ишиме дворы ремонтируют по заявкам жителей. «Видеть три ремонта двора — "
        "и все три без нас», — говорит жительница.\n\nИшимский опыт взяли на заметку и в Тобольске. В "
        "сентябре в Ишим приезжали специалисты администрации Тобольска — чтобы перенять механизм "
        "отбора и приёмки дворов.\n");
    ASSERT_EQ(a.size(), 1u) << a.back().practice;
    EXPECT_EQ(a[0].adopter, "Тобольск");
    EXPECT_EQ(a[0].source, "Ишим");
    EXPECT_EQ(a[0].practice, "механизм отбора и приёмки дворов");
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kStudy);
    a = Adoptions("Новости\n\nОпыт Ишима по ремонту дворов взяли на заметку в Тобольске.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kInterest);
}

// Districts a trip went to («ездили в Лужский и Волховский районы» after «Ленинградский опыт») are where the source
// showed its practice, not adopters — even when the directory does not place them.
TEST(Adoption, DistrictsATripWentToAreTheSourcesNotAdopters) {
    auto a = Adoptions(
        "Старосты в Вельском районе\n\nВельский район стал пилотной площадкой. — Ленинградский опыт мы "
        "изучали больше года, ездили в Лужский и Волховский районы, — пояснил глава района.\n");
    for (const auto& f : a) {
        EXPECT_NE(f.adopter, "Лужский район");
        EXPECT_NE(f.adopter, "Волховский район");
    }
}

// Residents of a town whose name ends in «-а» stand for it («нерехтчане»), as «-ск» towns' do.
TEST(Adoption, ResidentsOfATownInAStandForIt) {
    auto a = Adoptions("Новости\n\nОпыт нерехтчан переняли в Галиче.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Галич");
    EXPECT_EQ(a[0].source, "Нерехта");
}

// A borrowing with no subject after a sentence that opens with a region and lists its towns: the region borrowed.
TEST(Adoption, TheRegionTheSentenceBeforeOpensWithBorrowedNotATownListedAfterIt) {
    auto a = Adoptions(
        "Новости\n\nВ Пензенской области открылись три молодёжных пространства — в Кузнецке, Никольске и "
        "Сердобске. Формат подсмотрели у Башкортостана.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Пензенская область");
    EXPECT_EQ(a[0].source, "Республика Башкортостан");
}

// Towns took a practice up from a town of their region, then it spread over the whole region: the region scaled it,
// from the same source.
TEST(Adoption, ASpreadOverTheWholeRegionAfterItsTownsIsTheRegionsScaling) {
    auto a = Adoptions(
        "Социальное такси для всей области\n\nСервис в Оренбургской области появился в Орске. В 2024 "
        "году опыт Орска переняли Бузулук и Бугуруслан, а теперь сервис распространён на всю область.\n");
    const Seen* region = ByAdopter(a, "Оренбургская область");
    ASSERT_NE(region, nullptr);
    EXPECT_EQ(region->source, "Орск");
    EXPECT_EQ(region->stage, domain::AdoptionStage::kScaled);
    EXPECT_NE(ByAdopter(a, "Бузулук"), nullptr);
    EXPECT_NE(ByAdopter(a, "Бугуруслан"), nullptr);
    // the region's fact does not stand as the last one told for the sentences after it: neighbours visiting Орск
    // still take the practice from Орск
    a = Adoptions(
        "Социальное такси для всей области\n\nСервис в Оренбургской области появился в Орске. В 2024 году "
        "опыт Орска переняли Бузулук и Бугуруслан, а теперь сервис распространён на всю область.\n\nТеперь "
        "опытом Орска заинтересовались соседи. На этой неделе делегации администраций Новотроицка и Гая "
        "побывали в Орске, чтобы изучить работу службы и внедрить такой же сервис у себя.\n");
    const Seen* visitor = ByAdopter(a, "Новотроицк");
    ASSERT_NE(visitor, nullptr);
    EXPECT_EQ(visitor->source, "Орск");
    EXPECT_EQ(ByAdopter(a, "Орск"), nullptr);
}

// A body named for several towns («делегации администраций Ессентуков и Железноводска») stands for each town.
TEST(Adoption, ABodyOfSeveralTownsIsEachTown) {
    auto a = Adoptions(
        "Чат-бот Пятигорска\n\nПятигорск запустил чат-бот для жалоб на ЖКХ. Теперь опытом Пятигорска "
        "заинтересовались соседи. На этой неделе делегации администраций Ессентуков и Железноводска "
        "побывали в городской диспетчерской службе, чтобы изучить работу бота и внедрить такой же "
        "сервис у себя.\n");
    const Seen* e = ByAdopter(a, "Ессентуки");
    const Seen* z = ByAdopter(a, "Железноводск");
    ASSERT_NE(e, nullptr);
    ASSERT_NE(z, nullptr);
    EXPECT_EQ(e->source, "Пятигорск");
    EXPECT_EQ(z->source, "Пятигорск");
    EXPECT_EQ(e->stage, domain::AdoptionStage::kStudy);
}

// What is done somewhere, told in the present («В Татарстане каждому жителю назначают куратора»), then «такую практику»
// another place wants to introduce: that place takes it up from the first, not the other way round.
TEST(Adoption, SuchAPracticeAnotherPlaceWantsIsTakenFromWhereItIsDone) {
    for (const char* text : {"Новости\n\nВ Татарстане каждому жителю назначают куратора. В Пермском крае такую "
                             "практику тоже хотят ввести.\n",
                             "Новости\n\nВ Татарстане каждому жителю назначают куратора. Такую практику в Пермском "
                             "крае тоже хотят ввести.\n"}) {
        auto a = Adoptions(text);
        ASSERT_EQ(a.size(), 1u) << text;
        EXPECT_EQ(a[0].adopter, "Пермский край");
        EXPECT_EQ(a[0].source, "Республика Татарстан");
        EXPECT_EQ(a[0].stage, domain::AdoptionStage::kInterest);
    }
}

TEST(Adoption, ABodyNamedByItsKindBeforeItsVerbIsTheSubjectNotTheSource) {
    auto a = Adoptions(
        "Новости\n\nВ Костроме появились первые пункты проката колясок. Идею мэрия подсмотрела в Ярославле, где такие "
        "пункты работают с 2021 года.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Кострома");
    EXPECT_EQ(a[0].source, "Ярославль");
}

TEST(Adoption, TheOneFollowedIsNoSourceWhenTheSentenceNamesWhoseExperienceItIs) {
    // «махачкалинский» is Махачкала's adjective (the name stems to «махачка»); Дербент took the practice up before
    auto a = Adoptions("Новости\n\nСледом за Дербентом махачкалинский опыт планируют перенять Каспийск и Хасавюрт.\n");
    ASSERT_EQ(a.size(), 2u);
    for (const auto& f : a) EXPECT_EQ(f.source, "Махачкала") << f.adopter;
    EXPECT_EQ(a[0].adopter, "Каспийск");
    EXPECT_EQ(a[1].adopter, "Хасавюрт");
    // with no other source, the one followed is where it came from
    auto b = Adoptions("Новости\n\nВслед за Белгородской областью систему внедрила Курская область.\n");
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].source, "Белгородская область");
}

TEST(Adoption, EachLinkOfAChainKeepsItsOwnStage) {
    // the later plans of other towns («Следом за Дербентом … планируют перенять Каспийск») are theirs, not Дербент's
    // or Махачкала's: a party after «за» or a place's adjective before «опыт» opens no clause of its own
    auto a = Adoptions(
        "Новости\n\nВ Дербенте запустили службу социального такси для пенсионеров. Проект переняли у Махачкалы. Сама "
        "махачкалинская служба в своё время создавалась по образцу Ставрополя.\n\nСледом за Дербентом махачкалинский "
        "опыт планируют перенять Каспийск и Буйнакск, сообщила министр Зарема Абдуллаева.\n");
    const Seen* derbent = ByAdopter(a, "Дербент");
    const Seen* makhachkala = ByAdopter(a, "Махачкала");
    const Seen* kaspiysk = ByAdopter(a, "Каспийск");
    ASSERT_NE(derbent, nullptr);
    ASSERT_NE(makhachkala, nullptr);
    ASSERT_NE(kaspiysk, nullptr);
    EXPECT_EQ(derbent->source, "Махачкала");
    EXPECT_EQ(derbent->stage, domain::AdoptionStage::kImplemented);
    EXPECT_EQ(makhachkala->source, "Ставрополь");
    EXPECT_EQ(makhachkala->stage, domain::AdoptionStage::kImplemented);
    EXPECT_EQ(makhachkala->practice.find("своё"), std::string::npos) << makhachkala->practice;
    EXPECT_EQ(kaspiysk->source, "Махачкала");
    EXPECT_EQ(kaspiysk->stage, domain::AdoptionStage::kInterest);
}

// Districts of the article's town named by their adjectives alone are that town: one fact, Новокузнецк ← Москва.
TEST(Adoption, DistrictsOfTheTownNamedByAdjectivesAreTheTown) {
    auto a = Adoptions(
        "В Новокузнецке свернули дворовые тренировки. Проект запускали как в Москве: по аналогии со столичной "
        "программой «Спорт в парках» в 18 дворах Центрального, Заводского и Кузнецкого районов летом работали "
        "инструкторы. В Новокузнецке решили, что это дорого.");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Новокузнецк");
    EXPECT_EQ(a[0].source, "Москва");
}

// «Вслед за X» with a plain verb of making names the source; each district of the list adopts.
TEST(Adoption, TheOneFollowedWithAVerbOfMakingIsTheSource) {
    auto a = Adoptions(
        "Клубы молодых фермеров появились в трёх районах\n\nВ Иволгинском районе Бурятии клубы молодых фермеров "
        "работают с 2021 года. Вслед за Иволгинским районом клубы молодых фермеров создали в Кабанском, Баргузинском "
        "и Тарбагатайском районах.");
    for (const char* district : {"Кабанский район", "Баргузинский район", "Тарбагатайский район"}) {
        const Seen* f = ByAdopter(a, district);
        ASSERT_NE(f, nullptr) << district;
        EXPECT_EQ(f->source, "Иволгинский район") << district;
    }
    // one followed in a visit is no source: nothing made
    EXPECT_TRUE(Adoptions("Вслед за Иволгинским районом делегация побывала в Кабанском районе.").empty());
}

// «посмотрели, как это устроено в Магадане, и сделали у себя»: where the way was seen is the source, the one who made
// it at home adopts; «: как в Елизовском районе работает …» in a headline asks how, it names no source.
TEST(Adoption, SeenHowItWorksThereAndMadeAtHome) {
    auto a = Adoptions(
        "«Сделали у себя»: как в Елизовском районе работает социальное такси\n\nВ Елизовском районе посмотрели, "
        "как это устроено в Магадане, и сделали у себя социальное такси для пожилых.");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Елизовский район");
    EXPECT_EQ(a[0].source, "Магадан");
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kImplemented);
    EXPECT_EQ(BySource(a, "Елизовский район"), nullptr);
}

// «изучила работу робота в Ханты-Мансийске, чтобы внедрить его»: where the studied practice works is the source;
// «рассматривают калужскую схему»: considering a place's scheme is an interest in it.
TEST(Adoption, StudiedWhereItWorksToTakeItUpAndConsideredAPlacesScheme) {
    auto a = Adoptions(
        "В июле делегация Курганской области изучила работу робота в Ханты-Мансийске, чтобы внедрить его в МФЦ "
        "региона.");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Курганская область");
    EXPECT_EQ(a[0].source, "Ханты-Мансийск");
    EXPECT_EQ(a[0].stage, domain::AdoptionStage::kStudy);
    auto b = Adoptions("В правительстве Ульяновской области рассматривают калужскую схему льготной аренды.");
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].adopter, "Ульяновская область");
    EXPECT_EQ(b[0].source, "Калужская область");
    EXPECT_EQ(b[0].stage, domain::AdoptionStage::kInterest);
}

// Session 26. A practice named only as the subject a participle of making places («Социальное такси для пожилых,
// созданное в Архангельской области, переняли соседи»), and the neighbours the next sentence lists clause by clause
// («В Вологодской области …, а в Республике Коми его запустили весной»).
TEST(Adoption, ASubjectPlacedByAParticipleIsThePracticeAndEachClauseNamesANeighbour) {
    auto a = Adoptions(
        "Архангельская модель социального такси выходит за пределы региона\n\nСоциальное такси для пожилых, "
        "созданное в Архангельской области в 2019 году, переняли соседи. В Вологодской области проект работает с "
        "прошлого года, а в Республике Коми его запустили весной.\n");
    for (const char* region : {"Вологодская область", "Республика Коми"}) {
        const Seen* f = ByAdopter(a, region);
        ASSERT_NE(f, nullptr) << region;
        EXPECT_EQ(f->source, "Архангельская область") << region;
        EXPECT_EQ(f->practice, "социальное такси для пожилых") << region;
    }
}

// «Теперь и у нас, как у соседей в Самаре: в двух офисах МФЦ Саратова открылись консультационные «окна» для НКО»:
// the neighbours' way done here; what opened after a verb of appearing is the practice, not where it opened.
TEST(Adoption, AsTheNeighboursInATownHaveItAndWhatOpenedAfterTheVerb) {
    auto a = Adoptions(
        "Новости\n\nТеперь и у нас, как у соседей в Ульяновске: в трёх библиотеках Пензы открылись семейные "
        "игротеки для дошкольников.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].source, "Ульяновск");
    EXPECT_NE(a[0].practice.find("семейн"), std::string::npos) << a[0].practice;
}

// A company's practice taken up by a town: the subject of the relative clause of making is the source, its town's
// adjective no adopter; a town that asks the adopter's people for materials («запросили у бердчан») means to take it.
TEST(Adoption, ACompanysPracticeInATownHallAndANeighbourAskingForItsMaterials) {
    auto a = Adoptions(
        "Мэрия учится у бизнеса\n\nСистема сбора предложений от сотрудников, которую новосибирская компания "
        "«Сибтранслайн» выстраивала семь лет, за полгода прижилась в администрации Бердска. Интерес к опыту проявили "
        "соседи. В администрации Искитима запросили у бердчан методические материалы и рассматривают возможность "
        "запустить аналогичную систему в 2025 году.\n");
    const Seen* berdsk = ByAdopter(a, "Бердск");
    ASSERT_NE(berdsk, nullptr);
    EXPECT_NE(berdsk->source.find("Сибтранслайн"), std::string::npos) << berdsk->source;
    const Seen* iskitim = ByAdopter(a, "Искитим");
    ASSERT_NE(iskitim, nullptr);
    EXPECT_EQ(iskitim->source, "Бердск");
    EXPECT_EQ(iskitim->stage, domain::AdoptionStage::kInterest);
    EXPECT_EQ(ByAdopter(a, "Новосибирск"), nullptr);
}

// «Районы работают по модели, которую с 2021 года применяет Новосибирская область»: who applies the model followed
// is the source; «Районы» the districts listed the sentence before; the practice what the headline says appeared.
// A practice a body runs in a relative clause of a sentence that takes nothing up («вошла в число победителей
// Всероссийского конкурса») is no borrowing, and «Всероссийского» no place that could take it.
TEST(Adoption, DistrictsWorkingByAModelAnotherRegionAppliesAndAnAwardIsNone) {
    auto a = Adoptions(
        "Выездные классы детских школ искусств открылись в сёлах трёх районов края\n\nС 1 сентября в Павловском, "
        "Тальменском и Ребрихинском районах начали работу выездные классы. Районы работают по модели, которую с 2021 "
        "года успешно применяет Новосибирская область.\n");
    for (const char* district : {"Павловский район", "Тальменский район", "Ребрихинский район"}) {
        const Seen* f = ByAdopter(a, district);
        ASSERT_NE(f, nullptr) << district;
        EXPECT_EQ(f->source, "Новосибирская область");
        EXPECT_NE(f->practice.find("выездные классы"), std::string::npos) << f->practice;
    }
    EXPECT_TRUE(Adoptions("Награда\n\nПрактика «Приёмная семья», которую с 2019 года реализует Комплексный центр "
                          "социального обслуживания населения Дновского района, вошла в число победителей "
                          "Всероссийского конкурса лучших практик.\n")
                    .empty());
}

// An article whose only borrowing is refused («не будет внедрять … по московскому образцу») proposes none: the
// learned reading adds nothing in its place.
TEST(Adoption, ARefusedBorrowingAfterAnExampleLeavesTheLearnedReadingSilent) {
    EXPECT_TRUE(Adoptions("ИИ-консультанта в калининградских МФЦ не будет\n\nМФЦ Калининградской области не будет "
                          "внедрять ИИ-консультанта для посетителей по московскому образцу. Об этом рассказал директор "
                          "МФЦ Калининградской области Алексей Петрович Воронин.\n")
                    .empty());
}

// «…подхватывают ещё два региона»: the regions told after it, each launching or meaning to introduce «проект»,
// take the practice of the fact told before from its source.
TEST(Adoption, RegionsAnnouncedAsTakingItUpAfterTheFirstTakeTheSameSource) {
    auto a = Adoptions(
        "Форум НКО\n\nРязанская область присоединилась к проекту «Добрый сосед», стартовавшему в Тульской области, "
        "ещё в 2023 году. На форуме стало известно, что «Доброго соседа» подхватывают ещё два региона. Калужская "
        "область с 1 сентября в пилотном режиме запустила проект в Людиновском районе. А в Орловской области "
        "намерены ввести проект у себя в будущем году.\n");
    for (const char* region : {"Рязанская область", "Калужская область", "Орловская область"}) {
        const Seen* f = ByAdopter(a, region);
        ASSERT_NE(f, nullptr) << region;
        EXPECT_EQ(f->source, "Тульская область") << region;
        EXPECT_NE(f->practice.find("Добрый сосед"), std::string::npos) << f->practice;
    }
    EXPECT_EQ(ByAdopter(a, "Орловская область")->stage, domain::AdoptionStage::kInterest);
}

// «Закон во многом повторяет ленинградскую модель»: repeating an example borrows it (the region the article is about);
// «чтобы повторить эту схему у себя» after a trip repeats what the trip saw, not a borrowing from the last place named.
TEST(Adoption, RepeatingAnotherRegionsModelBorrowsIt) {
    auto a = Adoptions(
        "Новости\n\nВ Новгородской области приняли закон о старостах. Закон во многом повторяет "
        "ленинградскую модель.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].adopter, "Новгородская область");
    EXPECT_EQ(a[0].source, "Ленинградская область");
}

// «Вдохновившись подмосковным опытом, рязанские педагоги разработали собственную программу» after a week at a
// Podolsk school: inspired, though the programme is their own; the region's experience is that of its town's school
// named before, and the town's teachers are those of the town's school.
TEST(Adoption, InspiredByARegionsExperienceIsTheSchoolOfItsTownVisited) {
    auto a = Adoptions(
        "Новости\n\nДетская школа искусств № 4 города Рязани открыла класс «Особые ноты» для детей с аутизмом. "
        "Прошлой весной преподаватели школы провели неделю в Детской музыкальной школе № 1 города Подольска, где "
        "подобный класс работает уже пятый год. Вдохновившись подмосковным опытом, рязанские педагоги разработали "
        "собственную программу: индивидуальные занятия и встречи с нейропсихологом.\n");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_NE(a[0].adopter.find("№ 4"), std::string::npos) << a[0].adopter;
    EXPECT_NE(a[0].source.find("Подольска"), std::string::npos) << a[0].source;
}

// «Сама ульяновская программа появилась не на пустом месте: в 2023 году Ульяновск позаимствовал идею у Чебоксар»:
// the practice's own place adjective gives way to the one it was taken from.
TEST(Adoption, ThePracticesOwnAdjectiveGivesWayToWhomItWasTakenFrom) {
    auto a = Adoptions(
        "Новости\n\nСама ульяновская программа появилась не на пустом месте: в 2023 году Ульяновск "
        "позаимствовал идею у Чебоксар, где экскурсионные сертификаты ввели ещё в 2021 году.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a[0].adopter, "Ульяновск");
    EXPECT_EQ(a[0].source, "Чебоксары");
}

// A post of a town's head («Алексей Тетерин | Нарьян-Мар»): «Зимой был в Мурманске и видел, как … Мурманчане
// говорят … Решили сделать так же» — been and seen is a trip, and the one taking it up is the headline's town, not the
// source's region its people name; «В Архангельске такие висят … Очень хотим сделать так же и у нас» — a practice at
// work there, taken up at home. A device that «подсказывает сотруднику» borrows nothing.
TEST(Adoption, BeenThereAndSeenItAndWantedAtHomeInATownHeadsPost) {
    auto a = Adoptions(
        "Алексей Тетерин | Нарьян-Мар\n\nВолонтёры-навигаторы. Зимой был в Мурманске и видел, как ребята в ярких "
        "жилетах встречают гостей у вокзала и подсказывают дорогу. Мурманчане говорят, что жалоб стало меньше. Решили "
        "сделать так же.\n\nQR-таблички на старых домах. В Архангельске такие висят чуть ли не на каждом "
        "историческом здании. Очень хотим сделать так же и у нас, в старой части города.\n");
    for (const char* source : {"Мурманск", "Архангельск"}) {
        const Seen* f = BySource(a, source);
        ASSERT_NE(f, nullptr) << source;
        EXPECT_EQ(f->adopter, "Нарьян-Мар") << source;
    }
    // (a sentence that says no one means to take it up at home takes nothing up)
    EXPECT_TRUE(Adoptions("Форум НКО\n\nПроект работает в Воронежской области с 2020 года. Однако о намерении "
                          "запустить что-то подобное у себя представители других регионов не заявляли.\n")
                    .empty());
}

// An interview: «Очень нравятся профориентационные субботы, которые проводят в Пермском крае … Со следующего
// учебного года хотим ввести такие субботы и у себя»: a practice a relative clause places, then taken up at home by
// the interviewee's school.
TEST(Adoption, APracticeARelativeClausePlacesTakenUpAtHomeInAnInterview) {
    auto a = Adoptions(
        "Директор школы № 67 Магнитогорска: «Школа — это люди»\n\nМы поговорили с директором Средней "
        "общеобразовательной школы № 67 города Магнитогорска Ириной Баженовой.\n\n— Очень нравятся "
        "профориентационные субботы, которые проводят в Пермском крае: там каждая школа раз в месяц отдаёт субботу "
        "под встречи с работодателями. Со следующего учебного года хотим ввести такие субботы и у себя.\n");
    const Seen* f = BySource(a, "Пермский край");
    ASSERT_NE(f, nullptr);
    EXPECT_NE(f->adopter.find("№ 67"), std::string::npos) << f->adopter;
    EXPECT_EQ(f->stage, domain::AdoptionStage::kInterest);
}

// «Систему переняли у коллег из ГБУЗ «Детская краевая клиническая больница» министерства здравоохранения
// Краснодарского края»: colleagues before a body's legal form and quoted name are that body's; the ministry it belongs
// to is no adopter. A school's post signed by the school at its end: «Идею подсмотрели у коллег из МБОУ «Гимназия № 1»
// г. Чебоксары» is the signing school's, and the source's town no adopter.
TEST(Adoption, ColleaguesOfABodyWithItsLegalFormAndTheSchoolThatSignsThePost) {
    auto a = Adoptions(
        "Новости\n\nОбластная детская клиническая больница Ростовской области запустила пилотный проект выездных "
        "консультативных бригад. Систему переняли у коллег из ГБУЗ «Детская краевая клиническая больница» "
        "министерства здравоохранения Краснодарского края, где такие бригады работают с 2020 года.\n");
    ASSERT_FALSE(a.empty());
    EXPECT_NE(a[0].source.find("Детская краевая клиническая больница"), std::string::npos) << a[0].source;
    EXPECT_NE(a[0].adopter.find("Областная детская клиническая больница"), std::string::npos) << a[0].adopter;
    auto school = Adoptions(
        "Играем на переменах!\n\nНа втором этаже работают игровые зоны. Идею подсмотрели у коллег из МБОУ "
        "«Гимназия № 1» г. Чебоксары: весной наша команда ездила к ним на методический день.\n\n#школа12\n\nМБОУ "
        "«СОШ № 12» г. Новочебоксарска\n");
    ASSERT_FALSE(school.empty());
    EXPECT_NE(school[0].source.find("Гимназия № 1"), std::string::npos) << school[0].source;
    EXPECT_NE(school[0].adopter.find("СОШ № 12"), std::string::npos) << school[0].adopter;
}

}  // namespace orientir::extract
