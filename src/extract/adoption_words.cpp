#include "extract/adoption_words.hpp"

#include <unordered_set>

#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail::adoption {

bool Pre(const std::string& s, std::initializer_list<const char*> prefixes) {
    for (const char* p : prefixes)
        if (s.rfind(p, 0) == 0) return true;
    return false;
}
bool In(const std::string& s, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (s == w) return true;
    return false;
}

bool IsPlaceKind(MentionKind k) {
    return k == MentionKind::kRegion || k == MentionKind::kMunicipality || k == MentionKind::kCountry;
}

// Nouns that name a practice («модель ресурсных центров», «систему наставничества»).
bool IsPracticeNoun(const std::string& f) {
    return Pre(
        f, {"опыт",        "практик",        "модел",       "систем",         "проект",     "программ",   "методик",
            "подход",      "платформ",       "сервис",      "центр",          "формат",     "механизм",   "стандарт",
            "реестр",      "технолог",       "инициатив",   "проездн",        "бюджет",     "контракт",   "карт",
            "приложени",   "портал",         "навигатор",   "фестивал",       "акци",       "грант",      "лаборатор",
            "офис",        "штаб",           "площадк",     "дневник",        "абонемент",  "сертификат", "кластер",
            "наработк",    "решени",         "меры",        "клуб",           "конкурс",    "сеть",       "маршрут",
            "услуг",       "порядок",        "схем",        "регламент",      "идею",       "иде",        "концепц",
            "политик",     "лесничеств",     "отряд",       "движени",        "служб",      "бригад",     "мастерск",
            "студи",       "курс",           "обучени",     "создани",        "организаци", "развити",    "поддержк",
            "цифровизац",  "благоустройств", "переселени",  "сбор",           "учет",       "запис",      "помощник",
            "ассистент",   "консультант",    "чат-бот",     "робот",          "алгоритм",   "нейросет",   "отделени",
            "факультатив", "кабинет",        "марафон",     "форм",           "квест",      "экспозици",  "аудиогид",
            "экскурси",    "наставничеств",  "волонтерств", "добровольчеств", "шефств",     "портфолио"});
}

// Nouns that introduce the one who had the practice in the genitive: «опыт Югры», «по примеру Чувашии».
bool IsSourceCue(const std::string& f) {
    return Pre(f, {"опыт", "пример", "образц", "практик", "модел", "наработк", "проект", "методик", "систем",
                   "программ", "подход", "технолог", "аналоги", "инициатив", "иде", "разработк"});
}

// Cues that name borrowed experience whatever the verb; «проект X», «программа X», «система X» are a
// source only with a verb of applying or spreading («применяют проект сургутской ДШИ»).
bool IsTripVerb(const std::string& f) {
    return Pre(f, {"побывал", "съездил", "ездил", "выезжа", "приезжа", "приехал", "посетил", "слетал", "летал",
                   "прибыл", "отправил"});
}

bool IsStrongCue(const std::string& f) {
    return Pre(f, {"опыт", "пример", "образц", "практик", "модел", "наработк", "методик", "технолог", "подход",
                   "аналоги"}) ||
           f == "образец";  // «взяв за образец сургутский»
}

bool IsApplyingVerb(const std::string& f) {
    return Pre(
        f, {"примен",    "использ",   "внедр",     "тиражир",     "масштабир", "распростран", "перенес",  "перенос",
            "адаптир",   "заимств",   "позаимств", "переня",      "перенима",  "перейм",      "работает", "работают",
            "действует", "действуют", "заработа",  "реализу",     "появ",      "запуст",      "ввод",     "введ",
            "ввел",      "ввест",     "работать",  "действовать", "подхват",   "попробова"});
}

bool IsParticipleOfOrigin(const std::string& f) {
    return Pre(
        f, {"запущенн",   "созданн",      "разработанн", "придуманн", "внедренн",     "опробованн",      "апробированн",
            "стартовавш", "возникш",      "изобретенн",  "рожденн",   "опробовавш",   "появивш",         "родивш",
            "зародивш",   "реализованн",  "действующ",   "работающ",  "успешн",       "зарекомендовавш", "придуман",
            "начат",      "начинавш",     "начавш",      "появлявш",  "зарождавш",    "запускавш",       "внедрявш",
            "основанн",   "организованн", "применявш",   "применяем", "использовавш", "опробуем",        "действовавш",
            "отработанн", "сложивш"});
}

// «работает», «действуют», «применяют»: a practice at work somewhere
bool IsWorkingVerb(const std::string& f) {
    return In(f, {"работает", "работают", "действует", "действуют", "применяют", "применяется", "используют",
                  "используется", "работал", "работала", "работало", "действовал", "действовала"});
}

bool IsLaunchVerb(const std::string& f) {
    return Pre(f, {"запуст",     "разработа", "придума",    "созда",      "внедри",   "появил",  "начал",    "родил",
                   "зародил",    "реализ",    "опробова",   "апробирова", "ввели",    "открыл",  "отработа", "обката",
                   "отрабатыва", "обкатыва",  "организова", "выстраива",  "выстроил", "выстроен"});
}

// People who stand for the adopter after a place adjective: «тульские специалисты», «кировские
// чиновники», «тюменским коллегам».
bool IsAdopterPeople(const std::string& f) {
    return Pre(f, {"специалист",   "чиновник",    "власт",         "коллег",   "педагог",      "врач",
                   "волонтер",     "школ",        "муниципалитет", "учрежден", "организац",    "район",
                   "город",        "министерств", "ведомств",      "депутат",  "медик",        "администрац",
                   "правительств", "библиотек",   "музе",          "центр",    "общественник", "активист"});
}

bool IsLearnVerb(const std::string& f) {
    return In(f, {"учимся", "учатся", "учились", "училась", "учился", "учиться", "поучиться"});
}

bool IsGivenUpWord(const std::string& f) {
    return Pre(f, {"отказал", "отказыва", "прекратил", "свернул", "сворачива", "упразднил"});
}

bool IsTrialWord(const std::string& f) {
    return Pre(f, {"пилот", "апробир", "апробац", "эксперимент", "тестов", "тестир", "опытн"});
}

bool AdjectiveShaped(const std::string& f) {
    for (const char* suf : {"ых", "ых", "ый", "ий", "ая", "ую", "ое", "ого", "ому", "ой", "ые", "ие", "ыми", "ими"})
        if (f.size() > 8 && f.ends_with(suf)) return true;
    return false;
}

Trigger TriggerOf(const Tok& t, const Tok* prev) {
    const std::string& f = t.folded;
    // «стала пилотной площадкой проекта …»
    if (Pre(f, {"площадк"}) && prev && Pre(prev->folded, {"пилотн"})) return Trigger::kIntroduce;
    // «белгородская практика получила продолжение в Воронежской области»
    if (f == "продолжение" && prev && Pre(prev->folded, {"получил", "получа", "получит"})) return Trigger::kIntroduce;
    // «проект, позаимствованный у Архангельска»: a participle of borrowing borrows
    if (Pre(f, {"позаимствованн", "заимствованн", "перенят", "скопированн"})) return Trigger::kBorrow;
    // gerunds in «-ая» look like adjectives: «провела два дня в Белгороде, изучая, как …»
    if (In(f, {"изучая", "перенимая", "заимствуя"})) return f == "изучая" ? Trigger::kInterest : Trigger::kBorrow;
    // participles and adjectives («открытых», «внедрённой») are not the verb of the sentence
    if (AdjectiveShaped(f) && !(f == "вооружение")) return Trigger::kNone;
    // deverbal nouns («опыт создания», «после внедрения») name an action, they are not the sentence's verb
    const bool deverbal = f.size() > 10 && (f.ends_with("ния") || f.ends_with("ние") || f.ends_with("нию") ||
                                            f.ends_with("нием") || f.ends_with("нии"));
    if (deverbal && !(f == "вооружение" && prev && prev->folded == "на")) return Trigger::kNone;
    if (Pre(f, {"заимств", "позаимств", "переня", "перенима", "перейм", "скопир", "копиру", "переним", "подхват",
                "привез", "подсмотр", "подгляд", "воспольз", "подсказал", "подсказывал",
                "надоумил"}))  // «привезла с собой пензенскую систему»
        return Trigger::kBorrow;
    if (f == "вооружение" && prev && prev->folded == "на") return Trigger::kBorrow;
    // «Идею нам подарили коллеги из Петрозаводска»: a gift of a practice passes it on
    // (not «…, передает Reuters»: a news agency's credit)
    if (Pre(f, {"передал", "передае", "передаю", "передади", "подарил", "подарят"}))
        return prev && prev->text == "," && Pre(f, {"переда"}) ? Trigger::kNone : Trigger::kTransfer;
    // «поделились с коллегами опытом»: the parties of a transfer, but nothing is taken up yet
    if (Pre(f, {"поделил", "поделят", "поделит", "делятся", "делится", "делились"})) return Trigger::kShare;
    if (Pre(f, {"тиражир", "масштабир", "распростран"})) return Trigger::kSpread;
    // «казанская «Зарядка» прижилась у соседей», «сургутский проект не прижился»: took root (or did not)
    if (Pre(f, {"прижил"})) return Trigger::kIntroduce;
    if (Pre(f, {"внедр",    "ввод",       "ввест",   "введ",       "ввел",     "запуст",    "запуска",   "откры",
                "откро",    "примен",     "использ", "адаптир",    "реализ",   "перенес",   "перенос",   "стартова",
                "заработа", "организова", "созда",   "появил",     "появят",   "появит",    "действует", "действуют",
                "работает", "работают",   "переход", "перешл",     "перейд",   "взял",      "взяли",     "возьм",
                "повтор",   "взят",       "берут",   "берет",      "брать",    "организу",  "апробир",   "опробова",
                "тестиру",  "развернул",  "наладил", "перекочева", "выстроил", "выстроили", "попробова"}) ||
        In(f, {"работать", "работаем", "работу"}) ||
        // «идея пришла из Казани» (not «ничего не пришлось изобретать»: had to)
        In(f, {"пришла", "пришли", "пришло", "пришел", "пришедшая", "пришедший"}) ||
        // «по бурятскому образцу занятия начались также в Шагонаре»: something begins (not «начали изучать»)
        In(f, {"начались", "начался", "началась", "началось", "начнутся", "начнется", "начинаются", "начинается"}))
        return Trigger::kIntroduce;
    if (Pre(f, {"заинтересова", "изуча", "изучи", "планиру", "намерен", "рассматрива", "присматрива", "примеря"}) ||
        In(f, {"хотят", "хочет", "хотели", "хотел", "хотела", "мечтаем", "мечтают", "мечтает", "интересуются",
               "интересуется", "интересовались", "интересует", "интересуют", "заинтересует"}))
        return Trigger::kInterest;
    return Trigger::kNone;
}

// Two practice phrases share a content word (by stem, five letters at least): «модель наставничества» and
// «наставничество молодых учителей».
bool SharesWord(const std::string& a, const std::string& b) {
    std::unordered_set<std::string> stems;
    for (const auto& t : text::Tokenize(a))
        if (t.is_word && text::CodePointLength(t.text) >= 5) stems.insert(text::Stem(t.text));
    for (const auto& t : text::Tokenize(b))
        if (t.is_word && text::CodePointLength(t.text) >= 5 && stems.count(text::Stem(t.text))) return true;
    return false;
}

}  // namespace orientir::extract::detail::adoption
