// The stage and channel of a borrowing: tense and modality of the sentence and of the next two (adoption.cpp).
#include <cctype>
#include <string>

#include "extract/adoption_finder.hpp"
#include "text/normalize.hpp"

namespace orientir::extract::detail::adoption {

domain::AdoptionStage Finder::StageOf(std::size_t s, Trigger main) const {
    auto has = [&](std::initializer_list<const char*> p) { return SentenceHas(s, p); };
    // «отказалась от программы, которую переняла у …», «свернули проект»: a practice given up
    if (SentenceAny(s, IsGivenUpWord)) return domain::AdoptionStage::kDiscontinued;
    // «сургутский проект не прижился», «открыли в 2022-м, но через год закрыли»: taken up and given up
    for (std::size_t i = d.sents[s].first_token + 1; i < d.sents[s].end_token; ++i)
        if ((T(i - 1).folded == "не" && Pre(T(i).folded, {"прижил"})) ||
            (Pre(T(i).folded, {"закрыл"}) && has({"открыл"}) && SentenceHasWord(s, {"но"})))
            return domain::AdoptionStage::kDiscontinued;
    // «Шадринский опыт взяли на заметку и в областном центре»: noted, an interest; «В сентябре в Шадринск приезжали
    // специалисты …, чтобы перенять …» told next: a study
    if (SentenceHasWord(s, {"заметку"}))
        return s + 1 < d.sents.size() && SentenceHasWord(s + 1, {"чтобы"}) && SentenceAny(s + 1, IsTripVerb)
                   ? domain::AdoptionStage::kStudy
                   : domain::AdoptionStage::kInterest;
    // «изучив опыт …, запустил»: a gerund of study before the main verb is a step already taken
    bool study = false;
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
        study = study || (i + 1 < d.sents[s].end_token && T(i + 1).folded == "у" && IsLearnVerb(T(i).folded)) ||
                (T(i).word && Pre(T(i).folded, {"изуча", "изучи", "изучени", "знакомят", "знакомил", "знакомл"}) &&
                 !(main == Trigger::kIntroduce && In(T(i).folded, {"изучив", "изучивши"})));
    // «делегации побывали в Бийском районе, чтобы перенять организацию выездной работы»: a trip made to take the
    // practice up is a study of it
    study = study || (SentenceAny(s, IsTripVerb) && SentenceHasWord(s, {"чтобы"}) && !SentenceHasWord(s, {"если"}));
    if (study) return domain::AdoptionStage::kStudy;
    if (SentenceAny(s, IsTrialWord)) return domain::AdoptionStage::kPilot;
    // «Если опыт окажется удачным, …»: on trial
    for (std::size_t n = s; n < d.sents.size() && n <= s + 1; ++n)
        if (SentenceHasWord(n, {"окажется", "окажутся", "оправдает", "оправдают", "приживется", "приживутся"}) &&
            SentenceHasWord(n, {"если"}))
            return domain::AdoptionStage::kPilot;
    // «…в порядке апробации стартовал проект … . Схему подсмотрели в Норильске»: the trial told with the practice
    // «Искусственный интеллект проверит тетради: в Марий Эл стартует эксперимент»: the headline says it is a trial
    // «Нейросеть поможет отвечать на обращения: запускаем тест»
    if (s > 0 && (SentenceHas(0, {"пилот", "апробац", "эксперимент", "тестов", "тестир"}) ||
                  SentenceHasWord(0, {"тест", "теста", "тесте", "тестом"})))
        return domain::AdoptionStage::kPilot;
    for (std::size_t n = s; n > 0 && n + 2 > s && OpenerOf(s) != Opener::kNone; --n)
        if (SentenceHas(n - 1, {"пилот", "апробац", "эксперимент"})) return domain::AdoptionStage::kPilot;
    // «распространят на все муниципалитеты», «все школы перейдут на модель»: scaled, whatever the tense
    // «теперь применяется во всех районах Курской области»
    // (not «Если результаты будут сопоставимы, мы распространим систему на все органы»: a condition)
    if (SentenceHasWord(s, {"все", "всех", "всем"}) && !SentenceHasWord(s, {"если"}) &&
        (has({"распростран", "перейд", "переход", "перешл", "охват"}) ||
         (applying_ && has({"районах", "муниципалитетах", "городах", "округах", "поселениях", "регионах"}))))
        return domain::AdoptionStage::kScaled;
    // «Теперь практику тиражируют на все муниципалитеты»: said in the sentence, before any trial told after it
    if (has({"тиражир", "масштабир"}) && !Intends(s)) return domain::AdoptionStage::kScaled;
    // the sentences after a borrowing often say it is a trial: «если эксперимент окажется удачным»
    // (up to a sentence that opens with another place: «В Курганской области … пока работает в тестовом режиме» is
    // that place's trial)
    for (std::size_t n = s + 1; n < d.sents.size() && n <= s + 2; ++n) {
        if (OpensWithPlace(n)) break;
        if (SentenceHas(n, {"пилот", "апробац", "эксперимент"})) return domain::AdoptionStage::kPilot;
    }
    // «…и решили запустить у себя … Вернулись и за полгода всё запустили»: a decision carried out later
    if (SentenceHasWord(s, {"решили", "решил", "решила", "решило", "решено"}))
        for (std::size_t n = s + 1; n < d.sents.size() && n <= s + 3; ++n)
            if (SentenceHasWord(n, {"запустили", "внедрили", "открыли", "ввели", "запустил", "внедрил", "открыл",
                                    "ввел", "заработал", "заработала", "заработали", "сделали"}))
                return domain::AdoptionStage::kImplemented;
    // «Хотим ввести … Пока изучаем, как это устроено»: an intention already being studied
    if (Intends(s))
        return s + 1 < d.sents.size() && SentenceHas(s + 1, {"изучаем", "изучают", "изучает", "прорабатыва"})
                   ? domain::AdoptionStage::kStudy
                   : domain::AdoptionStage::kInterest;
    if (main == Trigger::kSpread || has({"тиражир", "масштабир"}) || InManyTerritories(s))
        return domain::AdoptionStage::kScaled;
    // «Интерес к проекту проявили в Уссурийске», «присматриваются»: no more than an interest
    if (main == Trigger::kInterest) return domain::AdoptionStage::kInterest;
    return domain::AdoptionStage::kImplemented;
}

// The first word of sentence n (after opening quotes and dashes); its end token when it has none.
std::size_t Finder::FirstWord(std::size_t n) const {
    std::size_t w = d.sents[n].first_token;
    while (w < d.sents[n].end_token && !T(w).word) ++w;
    return w;
}

// The place sentence n opens with, told where («В Курганской области …», then `*where` is set) or as the subject
// («Курганская область …»); none when the sentence opens otherwise.
std::optional<std::size_t> Finder::PlaceOpening(std::size_t n, bool* where) const {
    std::size_t w = FirstWord(n);
    const std::size_t e = d.sents[n].end_token;
    const bool in = w < e && In(T(w).folded, {"в", "во"});
    if (in) ++w;
    if (w >= e || cand_at[w] < 0 || !IsPlaceKind(d.mentions[static_cast<std::size_t>(cand_at[w])].kind))
        return std::nullopt;
    if (where) *where = in;
    return static_cast<std::size_t>(cand_at[w]);
}

// Sentence n opens with a place: «В Курганской области …», «Курганская область …».
bool Finder::OpensWithPlace(std::size_t n) const { return PlaceOpening(n).has_value(); }

domain::AdoptionStage Finder::StageFor(std::size_t s, Trigger main, std::optional<std::size_t> adopter,
                                       std::size_t source, const std::string& practice) const {
    domain::AdoptionStage stage = StageOf(s, main);
    if (adopter)
        if (auto listed = listed_stage_.find(Key(*adopter)); listed != listed_stage_.end()) return listed->second;
    // «В Вологодской области такие школы работают …»: the sentence tells the source's stage, not the adopter's —
    // the nearest sentence before with a verb of taking up does
    if (SimilarWorksIn(source)) {
        stage = domain::AdoptionStage::kImplemented;
        for (std::size_t n = s; n-- > 0 && n + 3 >= s;)
            if (Cues cn = ScanCues(n); cn.main != Trigger::kNone) {
                stage = StageOf(n, cn.main);
                break;
            }
    }
    if (adopter)
        if (auto later = LaterStageOf(s, *adopter)) stage = *later;
    if (GivenUpElsewhere(s, practice)) stage = domain::AdoptionStage::kDiscontinued;
    if (stage == domain::AdoptionStage::kImplemented &&
        ((main == Trigger::kBorrow && LaterFuture(s, practice, source)) ||
         (main == Trigger::kIntroduce && OpensInFuture(s))))
        stage = domain::AdoptionStage::kInterest;
    // «…, Саранск пилотирует формат в двух гимназиях, а Самара рассматривает его»: the adopter's own clause in the
    // next sentences
    if (adopter)
        for (std::size_t n = s; n < d.sents.size() && n <= s + 2; ++n)
            if (auto own = ClauseStage(n, *adopter)) {
                stage = *own;
                break;
            }
    return stage;
}

// «центры открыты уже в девяти муниципалитетах», «работает в 12 районах»: at work in several territories
bool Finder::InManyTerritories(std::size_t s) const {
    for (std::size_t i = d.sents[s].first_token; i + 1 < d.sents[s].end_token; ++i) {
        const std::string& f = T(i).folded;
        bool many = In(f, {"трех", "четырех", "пяти", "шести", "семи", "восьми", "девяти", "десяти", "нескольких",
                           "многих", "двенадцати", "пятнадцати", "двадцати", "тридцати"});
        if (!many && !f.empty() && std::isdigit(static_cast<unsigned char>(f[0]))) many = f.size() > 1 || f[0] >= '3';
        std::size_t n = i + 1;
        if (n + 1 < d.sents[s].end_token && In(T(n).folded, {"других", "муниципальных", "сельских"})) ++n;
        if (many && In(T(n).folded, {"районах", "муниципалитетах", "городах", "округах", "поселениях", "регионах",
                                     "субъектах", "муниципальных"}))
            return true;
    }
    return false;
}

// «Сыктывкар отказывается от городского велопроката» over an article that tells how the bike hire was
// borrowed, or a later paragraph that switches it off: the article gives the practice's fate now.
bool Finder::GivenUpElsewhere(std::size_t s, const std::string& practice) const {
    // the head noun: the first word that is not adjective-shaped («цифровой помощник учителя» → «помощник»)
    std::string head;
    for (std::size_t from = 0; head.empty() && from < practice.size();) {
        std::size_t to = practice.find(' ', from);
        std::string w = text::Fold(practice.substr(from, to == std::string::npos ? std::string::npos : to - from));
        if (!AdjectiveShaped(w) && w.size() >= 10) head = w;
        from = to == std::string::npos ? practice.size() : to + 1;
    }
    if (head.empty()) return false;  // 5 Cyrillic letters of stem at least
    // «Региональную систему «Школьный навигатор» отключат 31 декабря»: another sentence that gives the practice
    // up — a strong verb, not negated, within a few words of the practice's head; the headline with its own
    // weaker ones («закрывают»)
    for (std::size_t n = 0; n < d.sents.size(); ++n) {
        // «От идеи перенять … отказались»: an intention given up takes the proposal back (adoption.cpp)
        if (n == s || SentenceHasWord(n, {"идеи", "планов", "намерения"})) continue;
        std::vector<std::size_t> verbs, heads;
        for (std::size_t i = d.sents[n].first_token; i < d.sents[n].end_token; ++i) {
            if (!T(i).word) continue;
            const bool negated = i > d.sents[n].first_token && T(i - 1).folded == "не";
            if (!negated && (Pre(T(i).folded, {"отказал", "отключ", "свернул", "упразднил"}) ||
                             (n == 0 && Pre(T(i).folded, {"отказ", "прекращ", "прекрат", "сворачива", "закрыва"}))))
                verbs.push_back(i);
            if (T(i).folded.compare(0, 10, head, 0, 10) == 0) heads.push_back(i);
        }
        for (std::size_t v : verbs)
            for (std::size_t h : heads)
                if ((v > h ? v - h : h - v) <= 8) return true;
    }
    return false;
}

// «Чувашия, Марий Эл и Пензенская область переняли … Пензенская область пока работает в тестовом режиме»: a later
// sentence that opens with one adopter and tells its trial or its end gives that adopter's stage.
std::optional<domain::AdoptionStage> Finder::LaterStageOf(std::size_t s, std::size_t adopter) const {
    for (std::size_t n = s + 1; n < d.sents.size(); ++n) {
        const int m = cand_at[d.sents[n].first_token];
        if (m < 0 || Key(static_cast<std::size_t>(m)) != Key(adopter)) continue;
        if (SentenceAny(n, IsGivenUpWord)) return domain::AdoptionStage::kDiscontinued;
        if (SentenceAny(n, IsTrialWord)) return domain::AdoptionStage::kPilot;
    }
    return std::nullopt;
}

// The stage the clause of sentence n that adopter opens tells (from it to the next comma), if it tells one.
std::optional<domain::AdoptionStage> Finder::ClauseStage(std::size_t n, std::size_t adopter) const {
    const std::size_t sb = d.sents[n].first_token, se = d.sents[n].end_token;
    std::optional<std::size_t> at;
    for (std::size_t i = sb; i < se && !at; ++i)
        if (cand_at[i] >= 0 && d.spans[static_cast<std::size_t>(cand_at[i])].first == i &&
            Key(static_cast<std::size_t>(cand_at[i])) == Key(adopter))
            at = i;
    if (!at) return std::nullopt;
    // «Следом за Дербентом … планируют перенять Каспийск»: a party after a preposition (but the place of «в Дербенте
    // …») opens no clause of its own
    if (*at > sb && In(T(*at - 1).folded, {"за", "у", "от", "из", "по", "с", "со", "к", "после", "для", "вслед"}))
        return std::nullopt;
    // («махачкалинский опыт планируют перенять …»: a place's adjective before whose experience it is names the source)
    if (const std::size_t e = d.spans[static_cast<std::size_t>(cand_at[*at])].second;
        d.mentions[static_cast<std::size_t>(cand_at[*at])].adjectival && e < se && T(e).word &&
        (IsStrongCue(T(e).folded) || IsSourceCue(T(e).folded)))
        return std::nullopt;
    // the clause opens with the adopter: at the sentence's start or after «,», «, а», «, и»
    std::size_t k = *at;
    if (k > sb && In(T(k - 1).folded, {"а", "и", "но"})) --k;
    bool first_clause = true;  // «По примеру Казани Пенза открыла …, Саранск …»: the first clause, no comma before
    for (std::size_t i = sb; i < k; ++i) first_clause = first_clause && T(i).text != ",";
    if (k > sb && T(k - 1).text != "," && !first_clause) return std::nullopt;
    // (a sentence of one clause tells one stage: StageOf reads it whole)
    bool commas = false;
    for (std::size_t i = *at; i < se; ++i) commas = commas || T(i).text == ",";
    if (first_clause && !commas) return std::nullopt;
    // «В Воткинске проездной ввели ещё в позапрошлом году, но в марте от него отказались»: a clause with no party of
    // its own that gives the practice up ends the adopter's story
    std::size_t end = *at;
    while (end < se && T(end).text != ",") ++end;
    if (end + 1 < se && In(T(end + 1).folded, {"но", "однако"}))
        for (std::size_t i = end + 1;
             i < se && (cand_at[i] < 0 || !IsPlaceKind(d.mentions[static_cast<std::size_t>(cand_at[i])].kind)); ++i)
            if (T(i).word && (IsGivenUpWord(T(i).folded) || Pre(T(i).folded, {"закрыл"})))
                return domain::AdoptionStage::kDiscontinued;
    for (std::size_t i = *at; i < end; ++i) {
        const std::string& f = T(i).folded;
        if (!T(i).word) continue;
        if (IsGivenUpWord(f) || Pre(f, {"закрыл"})) return domain::AdoptionStage::kDiscontinued;
        if (IsTrialWord(f)) return domain::AdoptionStage::kPilot;
        if (Pre(f, {"тиражир", "масштабир", "распростран"})) return domain::AdoptionStage::kScaled;
        if (Pre(f, {"изуча"})) return domain::AdoptionStage::kStudy;
        if (Pre(f, {"рассматрива", "планиру", "намерен", "собира", "присматрива", "хотят", "думает", "думают"}))
            return domain::AdoptionStage::kInterest;
        if (Pre(f, {"открыл", "запустил", "внедрил", "ввел", "ввели", "работает", "перенял", "переняли"}))
            return domain::AdoptionStage::kImplemented;
    }
    return std::nullopt;
}

// «хотят ввести», «планируют», future forms («введут», «начнут внедрять»): the interest stage
bool Finder::Intends(std::size_t s) const {
    // («вокруг предложения депутата ввести в Иркутске программу …»: a proposal, its noun too)
    return SentenceHas(s, {"планир", "намер", "собира", "рассматрива", "заинтересова", "предлага", "предложил",
                           "рассчитыва", "присматрива", "примеря"}) ||
           SentenceHasWord(s, {"предложение", "предложения", "предложению", "предложением"}) ||
           SentenceHasWord(
               s, {"хотим",         "хочу",      "будем",     "планируем", "собираемся", "намерены",   "хотят",
                   "хочет",         "хотели",    "хотел",     "хотела",    "решили",     "решил",      "решила",
                   "готов",         "готовы",    "будет",     "будут",     "станет",     "введет",     "введут",
                   "внедрит",       "внедрят",   "запустит",  "запустят",  "откроет",    "откроют",    "переймет",
                   "переймут",      "применит",  "применят",  "появится",  "появятся",   "заработает", "заработают",
                   "перейдут",      "перейдет",  "возьмут",   "может",     "могут",      "создадут",   "создаст",
                   "откроют",       "внедрим",   "введем",    "начнут",    "начнет",     "решило",     "решено",
                   "намерены",      "планирует", "перенесет", "перенесут", "создаст",    "организует", "организуют",
                   "откроется",     "откроются", "начнется",  "начнутся",  "стартует",   "стартуют",   "присоединится",
                   "присоединятся", "идеей",    // «вернулась с идеей создать»
                   "планах",        "планы"});  // «В планах центра — перенять …»
}

bool Finder::SentenceAny(std::size_t s, bool (*word)(const std::string&)) const {
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
        if (T(i).word && word(T(i).folded)) return true;
    return false;
}

bool Finder::SentenceHasWord(std::size_t s, std::initializer_list<const char*> w) const {
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
        if (In(T(i).folded, w)) return true;
    return false;
}

// Sentence s has word a right before word b: «у нас».
bool Finder::SentenceHasPair(std::size_t s, std::string_view a, std::string_view b) const {
    for (std::size_t i = d.sents[s].first_token; i + 1 < d.sents[s].end_token; ++i)
        if (T(i).folded == a && T(i + 1).folded == b) return true;
    return false;
}

// «взяла на вооружение систему … Систему начнут внедрять с января», «… первые проекты по липецкой модели будут
// отобраны весной»: a borrowing whose practice (its head noun, or «по» + the source) is put in the future by
// one of the next two sentences has not started yet.
bool Finder::LaterFuture(std::size_t s, const std::string& practice, std::size_t source) const {
    std::string head = text::Fold(practice.substr(0, practice.find(' ')));
    if (head.size() < 10) return false;  // 5 Cyrillic letters of stem
    head.resize(10);
    if (OpensInFuture(s)) return true;
    for (std::size_t n = s + 1; n < d.sents.size() && n <= s + 2; ++n) {
        if (!Intends(n)) continue;
        for (std::size_t i = d.sents[n].first_token; i < d.sents[n].end_token; ++i) {
            if (T(i).word && T(i).folded.starts_with(head)) return true;
            int m = cand_at[i];
            if (m >= 0 && i > 0 && T(i - 1).folded == "по" && Key(static_cast<std::size_t>(m)) == Key(source))
                return true;
        }
    }
    return false;
}

// «…при создании центра «Мой бизнес»: от владимирцев взяли систему наставников … Центр откроется в марте.»: the
// next sentence opens with a practice noun of this one and puts it in the future — what is being built is not
// at work yet.
bool Finder::OpensInFuture(std::size_t s) const {
    if (s + 1 >= d.sents.size() ||
        !SentenceHasWord(s + 1, {"откроется", "откроются", "откроют", "откроет", "заработает", "заработают", "появится",
                                 "появятся", "стартует", "стартуют", "запустят", "запустится"}))
        return false;
    std::size_t w = d.sents[s + 1].first_token;
    while (w < d.sents[s + 1].end_token && !T(w).word) ++w;
    if (w >= d.sents[s + 1].end_token || !IsPracticeNoun(T(w).folded) || T(w).folded.size() < 8) return false;
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
        if (T(i).word && T(i).folded.compare(0, 8, T(w).folded, 0, 8) == 0) return true;
    return false;
}

domain::Channel Finder::ChannelOf(std::size_t s) const {
    auto has = [&](std::initializer_list<const char*> p) { return SentenceHas(s, p); };
    if (has({"форум", "конференц", "семинар", "съезд", "слет", "сесси", "круглом", "круглый"}))
        return domain::Channel::kConference;
    if (has({"конкурс", "грант"})) return domain::Channel::kContest;
    if (has({"компетенц", "ресурсн"})) return domain::Channel::kCompetenceCentre;
    if (personnel || has({"переехал", "переехав", "перешел", "перешедш", "работавш"}))
        return domain::Channel::kPersonnel;
    if (has({"нацпроект", "национальн", "федеральн", "госпрограмм"})) return domain::Channel::kFederalProgramme;
    if (has({"визит", "делегац", "обмен", "стажировк", "встреч", "приезжал", "посетил", "поездк"}))
        return domain::Channel::kDirectContact;
    return domain::Channel::kOther;
}

}  // namespace orientir::extract::detail::adoption
