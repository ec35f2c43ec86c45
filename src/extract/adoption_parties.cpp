// The parties of a borrowing: who had the practice (the source) and who takes it up (the adopters),
// within a sentence or with the origin told in the next one (adoption.cpp finds the triggers).
#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "extract/adoption_finder.hpp"

namespace orientir::extract::detail::adoption {

// A practice noun among the few words before token c (a comma) that head the phrase a relative clause
// qualifies: «систему искусственного интеллекта для анализа снимков, которая …».
bool Finder::PracticeNounBefore(std::size_t c, std::size_t sb) const {
    for (std::size_t r = c; r-- > sb && r + 8 > c;) {
        if (!T(r).word) return false;
        if (IsPracticeNoun(T(r).folded)) return true;
        if (cand_at[r] >= 0 || TriggerOf(T(r), nullptr) != Trigger::kNone) return false;
    }
    return false;
}

// A place after «в / во / на» (token k - 1) is where the practice came from: after a participle of origin
// qualifying a practice, in «изучила в Карелии опыт», or in a relative clause at work there.
// Does an organisation's name end right before token k, or its quoted name after it («центр «Эрес»»)?
bool Finder::BodyEndsBefore(std::size_t k) const {
    for (std::size_t o = 0; o < d.mentions.size(); ++o) {
        const std::size_t e = d.spans[o].second;
        if (d.mentions[o].kind != MentionKind::kOrganisation || e > k || e + 5 < k) continue;
        bool name = true;  // only a quoted capitalised name between
        for (std::size_t i = e; i < k && name; ++i)
            name = T(i).text == "«" || T(i).text == "»" || (T(i).word && T(i).cap);
        if (name && (e == k || T(k - 1).text == "»")) return true;
    }
    return false;
}

bool Finder::PlaceOfOrigin(std::size_t k, std::size_t e, std::size_t sb) const {
    // «Проект …, стартовавший в Липецкой области»: the participle must qualify a practice
    // «Программа была разработана в Ульяновской области и затем внедрена в …»: a short participle of origin
    if (k >= 2 && (applying_ || borrowing_) &&
        Pre(T(k - 2).folded, {"разработан", "создан", "придуман", "запущен", "опробован", "апробирован"}) &&
        !IsParticipleOfOrigin(T(k - 2).folded))
        for (std::size_t r = sb; r + 2 < k; ++r)
            if (T(r).word && IsPracticeNoun(T(r).folded)) return true;
    for (std::size_t q = k - 1; q > sb && q + 4 > k - 1; --q)
        if (IsParticipleOfOrigin(T(q - 1).folded)) {
            std::size_t p = q - 1;
            // «Сырный маршрут, придуманный кубанцами, в Эльбрусском районе запустили»: a comma after the participle's
            // words closes its clause; the place after it is the main clause's
            bool closed = false;
            for (std::size_t r = p + 1; r + 1 < k; ++r) closed = closed || T(r).text == ",";
            if (closed) continue;
            // «Ресурсный центр добровольчества «Эрес», работающий в Кызыле»: the clause tells where a body named
            // right before it is, not where a practice comes from
            if (p > sb + 2 && T(p - 1).text == "," && BodyEndsBefore(p - 1)) continue;
            // «ИИ-помощник для врачей, созданный в Москве, …»: a participial clause set off by a comma
            bool practice = p > sb && T(p - 1).text == "," && (applying_ || borrowing_);
            for (std::size_t r = p > sb + 8 ? p - 8 : sb; r < p; ++r)
                practice = practice || (T(r).word && IsPracticeNoun(T(r).folded));
            for (std::size_t r = e; r < e + 3 && r < d.toks.size(); ++r)
                practice = practice || (T(r).word && IsPracticeNoun(T(r).folded));
            if (practice) return true;
        }
    // «идею подсмотрели в Белгороде»: one looks where the practice is
    if (k >= 2 && Pre(T(k - 2).folded, {"подсмотр", "подгляд"})) return true;
    // «изучила в Карелии опыт», «переняли в Казани практику»: the experience follows the place
    if (k >= 2 && Pre(T(k - 2).folded, {"изучи", "изуча", "переня", "позаимств", "почерпн", "перенима"}))
        for (std::size_t r = e; r < e + 2 && r < d.toks.size(); ++r)
            if (T(r).word && IsStrongCue(T(r).folded)) return true;
    // «проект «…», который уже два года работает в Удмуртии», «систему анализа снимков, которая работает в …» —
    // when the sentence takes something up outside that clause («Новшеством стал офис, который с февраля работает в
    // Зеленодольском районе» tells where it works, not where it came from)
    for (std::size_t q = k - 1; q > sb + 2 && q + 6 > k - 1; --q)
        if (Pre(T(q - 1).folded, {"котор"}) && T(q - 2).text == "," &&
            (T(q - 3).text == "»" || PracticeNounBefore(q - 2, sb)) && TakesUpOutside(sb, q - 2, e))
            for (std::size_t r = q; r + 1 < k; ++r)
                if (IsLaunchVerb(T(r).folded) || IsWorkingVerb(T(r).folded)) return true;
    // «которую в Приморском крае запустили», «тренировки, которые в столице Татарстана проводят уже четвёртый
    // сезон»
    for (std::size_t q = k - 1; q > sb && q + 3 > k - 1; --q)
        if (Pre(T(q - 1).folded, {"котор"})) {
            for (std::size_t r = e; r < e + 3 && r < d.toks.size(); ++r)
                if (IsLaunchVerb(T(r).folded) || IsWorkingVerb(T(r).folded) ||
                    In(T(r).folded, {"проводят", "проводится", "проводятся", "проводили"}))
                    return true;
        }
    return false;
}

// What something was modelled on, named before token k: «по образцу экспозиций Пермской галереи», «Прототипом
// стала система Хабаровска», «мы съездили в Москву … и перенесли», «по той же модели, что и в Нальчике», «за основу
// взято решение, которое применяет администрация Краснодара».
bool Finder::ModelledOnBefore(std::size_t k, std::size_t sb) const {
    const Tok& t = T(k - 1);
    const std::string& f = t.folded;
    // «по образцу тактильных экспозиций Пермской художественной галереи»: the owner after what was followed
    if (t.word && !t.cap && cand_at[k - 1] < 0)
        for (std::size_t q = k - 1; q > sb && q + 5 > k; --q) {
            const Tok& w = T(q - 1);
            if (!w.word || w.cap || cand_at[q - 1] >= 0) break;
            if (In(w.folded, {"образцу", "примеру", "опыту", "лекалам"}) && q >= 2 && T(q - 2).folded == "по")
                return true;
        }
    // «Прототипом стала аналогичная система администрации Хабаровска», «образцом послужил опыт Тюмени»
    for (std::size_t q = k; q > sb && q + 7 > k; --q)
        if (In(T(q - 1).folded, {"прототипом", "образцом", "примером", "ориентиром", "основой"}) &&
            ((q >= 2 && (Pre(T(q - 2).folded, {"стал", "послужил"}) || In(T(q - 2).folded, {"был", "была", "было"}))) ||
             (q < d.sents[T(q).sent].end_token &&
              (Pre(T(q).folded, {"стал", "послужил"}) || In(T(q).folded, {"был", "была", "было"})))))
            return true;
    // «мы съездили в Москву, посмотрели … и многое перенесли один в один»: where one went to take a practice up
    // (in the first person only: a delegation's visit in the third is told with its purpose, TakeUpPending)
    if (t.word && (f == "в" || f == "во") && k >= 2 &&
        Pre(T(k - 2).folded, {"съездил", "ездил", "побывал", "выезжал", "приезжал", "слетал"}) && applying_ &&
        SentenceHasWord(T(k - 1).sent, {"мы"}))
        return true;
    // «по той же модели, что и в Нальчике», «на тех же условиях, что и у соседей»: the same as there
    if (t.word && (f == "в" || f == "во" || f == "у") && k >= 3 && T(k - 2).folded == "и" && T(k - 3).folded == "что" &&
        (applying_ || interested_ || borrowing_))
        for (std::size_t q = k - 3; q > sb && q + 6 > k - 3; --q)
            if (T(q - 1).folded == "же") return true;
    // «за основу было взято решение, которое с 2023 года применяет администрация Краснодара», «его основой стало
    // решение, которое обкатывали в Якутске»: with a basis taken, who uses it in the relative clause had it
    if (BasisTaken(T(k - 1).sent))
        for (std::size_t q = k; q > sb && q + 8 > k; --q) {
            if (T(q - 1).text == "," || T(q - 1).text == "—") break;
            if (Pre(T(q - 1).folded, {"котор"}) && q >= 2 && T(q - 2).text == ",") {
                for (std::size_t v = q; v < k; ++v)
                    if (Pre(T(v).folded,
                            {"примен", "использ", "внедр", "запуст", "обкат", "разработ", "отработ", "созда"}))
                        return true;
                break;
            }
        }
    return false;
}

// Does the sentence opening at token sb take a practice up outside its tokens [from, to) — a trigger, or «по примеру»
// («Делали его по образцу квеста …, который придумали в …»)?
bool Finder::TakesUpOutside(std::size_t sb, std::size_t from, std::size_t to) const {
    for (std::size_t r = sb; r < d.toks.size() && T(r).sent == T(sb).sent; ++r)
        if ((r < from || r >= to) && T(r).word &&
            (TriggerOf(T(r), r > sb ? &T(r - 1) : nullptr) != Trigger::kNone ||
             (r > sb && T(r - 1).folded == "по" && In(T(r).folded, {"примеру", "образцу", "модели", "аналогии"}))))
            return true;
    return false;
}

// A relative clause holds token v: does its sentence take a practice up outside it, from «который» to the comma?
bool Finder::TakenUpOutsideClause(std::size_t v, std::size_t sb) const {
    std::size_t rel = v;
    while (rel > sb && !Pre(T(rel).folded, {"котор"})) --rel;
    std::size_t end = v;
    while (end < d.toks.size() && T(end).sent == T(v).sent && T(end).text != ",") ++end;
    return TakesUpOutside(sb, rel, end);
}

// The subject of a relative clause right before token k names the source: «по модели, которую … применяет
// Новосибирская область», «Система …, которую новосибирская компания «Сибтранслайн» выстраивала …, прижилась в …».
bool Finder::RelativeClauseSubject(std::size_t k, std::size_t e, std::size_t sb) const {
    const std::string& f = T(k - 1).folded;
    // «Районы работают по модели, которую с 2021 года успешно применяет Новосибирская область»: who applies the
    // example followed
    if (T(k - 1).word && IsApplyingVerb(f) && RelativeBefore(k - 1, sb))
        for (std::size_t q = k - 1; q > sb + 3 && q + 9 > k; --q)
            if (Pre(T(q - 1).folded, {"котор"}) && T(q - 2).text == ",")
                return In(T(q - 3).folded, {"модели", "образцу", "примеру", "схеме", "лекалам", "методике"}) &&
                       T(q - 4).folded == "по";
    // «Система …, которую новосибирская компания «Сибтранслайн» выстраивала семь лет, прижилась в …»: so too the
    // subject before the verb, with its kind and adjective between
    if (applying_ || borrowing_ || introducing_)
        for (std::size_t q = k; q > sb + 2 && q + 5 > k && (T(q - 1).word || T(q - 1).text == "«"); --q)
            if (Pre(T(q - 1).folded, {"котор"})) {
                if (T(q - 2).text != "," || !PracticeNounBefore(q - 2, sb)) break;
                // (not «…, который мэрия запустила по примеру Ярославля»: a clause with an example of its own)
                bool launched = false;
                for (std::size_t r = e; r < d.toks.size() && T(r).sent == T(k - 1).sent && T(r).text != ","; ++r) {
                    if (T(r).word && In(T(r).folded, {"примеру", "образцу", "модели", "аналогии", "лекалам"}))
                        return false;
                    launched = launched || (r < e + 3 && T(r).word && IsLaunchVerb(T(r).folded));
                }
                return launched;
            }
    return false;
}

// Whom «у» or «от» at token k - 1 names as the source: after a borrowing, a taking, a learning, a request («запросили
// у бердчан»), or the neighbours' way done here («как у соседей в Самаре»).
bool Finder::FromWhom(std::size_t k, std::size_t sb, bool borrowing, bool people) const {
    const std::string& f = T(k - 1).folded;
    return borrowing || TakenBefore(k - 1, sb) || (people && applying_) || (k >= 2 && IsLearnVerb(T(k - 2).folded)) ||
           // «запросили у бердчан методические материалы и рассматривают возможность запустить …»
           (f == "у" && k >= 2 && Pre(T(k - 2).folded, {"запросил", "запрашива", "попросил"}) &&
            (applying_ || interested_ || introducing_)) ||
           // «Теперь и у нас, как у соседей в Самаре: … открылись …»: the neighbours' way, done here
           (people && f == "у" && k >= 2 && T(k - 2).folded == "как" && (applying_ || interested_ || introducing_));
}

// The constructions that name the one before which they stand (token k - 1) as the source: «вторым регионом
// после X», «как в X», «вслед за X», the agent of a participle of origin, the subject of a relative clause of
// launching, «… из X», the owner after a practice's quoted name, «по аналогии с X».
bool Finder::CueBefore(std::size_t k, std::size_t m, std::size_t sb, bool adjacent, bool people) const {
    const Tok& t = T(k - 1);
    const std::string& f = t.folded;
    const Mention& mm = d.mentions[m];
    const std::size_t e = d.spans[m].second;
    // «вторым регионом после Татарстана, где внедрили …»
    if (t.word && f == "после" && k >= 3 && Pre(T(k - 2).folded, {"регион", "город", "субъект", "муниципалитет"}) &&
        Pre(T(k - 3).folded, {"втор", "трет", "четверт", "пят", "следующ"}))
        return true;
    // «…, как в Тюмени» (not «как в Москве, так и в регионах»)
    // «Как и в Татарстане, в Башкирии появятся …»
    // (not «тогда как в X», «в то время как», «так как»: whereas, because)
    // (nor «: как в Елизовском районе работает социальное такси» — how it works there, a clause of its own)
    const bool how = k >= 2 && T(k - 2).folded == "как" && (k - 2 == sb || !T(k - 3).word) &&
                     (k < 3 || T(k - 3).text != ",") && e < d.toks.size() && T(e).word && VerbForm(T(e));
    const bool as_in = k >= 2 &&
                       (T(k - 2).folded == "как" || (k >= 3 && T(k - 2).folded == "и" && T(k - 3).folded == "как")) &&
                       !(k >= 3 && In(T(k - 3).folded, {"тогда", "время", "так"})) && !how;
    // «Вологда намерена …, как в Череповце»: an intention to do the same names the example too
    if (t.word && (f == "в" || f == "во") && as_in && (applying_ || interested_)) {
        bool so_also = false;
        for (std::size_t r = e; r < e + 4 && r < d.toks.size(); ++r) so_also = so_also || T(r).folded == "так";
        if (!so_also) return true;
    }
    if (ModelledOnBefore(k, sb)) return true;
    // «вслед за Белгородской областью», «следом за Татарстаном»
    // (with a verb of making too: «Вслед за Иволгинским районом молодёжные советы создали в …»)
    if (t.word && FollowedAt(k)) return applying_ || borrowing_ || introducing_;
    // «подписали с правительством Тульской области соглашения о передаче опыта»: who passes it
    if (t.word && (f == "с" || f == "со") && k >= 2 && Pre(T(k - 2).folded, {"подписал", "заключил", "подпишут"}) &&
        SentenceHas(T(k - 1).sent, {"передач"}))
        return true;
    // «делегация … посетила Челябинский многопрофильный колледж, чтобы изучить … и внедрить её у себя»
    if (t.word && Pre(f, {"посетил", "посеща"}) && (applying_ || borrowing_ || interested_)) return true;
    // «Идею подсказали якутяне», «посоветовали коллеги из Вологды»: who suggested it had it
    if (t.word && Pre(f, {"подсказал", "подсказывал", "посоветовал", "надоумил"})) return true;
    // «изучаем, как вологжане выстроили обучение»: whose way of doing it is studied
    if (t.word && f == "как" && k >= 3 && T(k - 2).text == "," &&
        Pre(T(k - 3).folded, {"изуча", "посмотре", "смотре", "увидел", "узнал", "наблюда"}))
        return true;
    // «посмотрели, как это устроено в Магадане, и сделали у себя»: where the way of doing it was seen
    if (t.word && (f == "в" || f == "во" || f == "у") && k >= 4) {
        std::size_t q = k - 1;
        while (q > sb && q + 4 > k && T(q - 1).word && T(q - 1).folded != "как") --q;
        if (q > sb + 1 && T(q - 1).folded == "как" && T(q - 2).text == "," && q >= sb + 3 &&
            Pre(T(q - 3).folded, {"посмотре", "смотре", "увидел", "подсмотре", "изучи", "изуча", "узнал", "наблюда"}))
            return true;
    }
    // «делегация изучила работу робота в Ханты-Мансийске, чтобы внедрить его …»: where what was studied works, when
    // the sentence says it was studied to be taken up
    if (t.word && (f == "в" || f == "во") && k >= 3 && SentenceHas(T(k - 1).sent, {"чтобы", "прицел", "целью"}))
        for (std::size_t q = k - 1; q > sb && q + 5 > k; --q)
            if (T(q - 1).word && Pre(T(q - 1).folded, {"изучил", "изучит", "изучают", "изучает", "изучать"}))
                return true;
    // «присматриваемся к Саранску», «присмотрелись к нижегородскому опыту»
    if (t.word && f == "к" && k >= 2 && Pre(T(k - 2).folded, {"присматрива", "присмотре", "приглядыва", "пригляде"}))
        return true;
    // «схему повторили за Екатеринбургом»
    if (t.word && f == "за" && k >= 2 && Pre(T(k - 2).folded, {"повтори", "повторя"})) return true;
    // «его перенесли из школы искусств № 1 Ангарска», «привезли из Казани»: where it was carried from
    if (t.word && f == "из" && k >= 2 &&
        Pre(T(k - 2).folded, {"перенес", "перенос", "привез", "позаимств", "заимств", "скопир", "перенял", "переня"}))
        return true;
    // «проект, разработанный Российской государственной библиотекой»: the agent of a participle of origin
    // «…, разработанную специалистами Самарской области»: the people of a place as the agent
    if (t.word && ((adjacent && mm.kind == MentionKind::kOrganisation) || people) && IsParticipleOfOrigin(f) &&
        (applying_ || borrowing_) && k >= 2 && !In(T(k - 2).folded, {"в", "во", "на", "недавно", "при"}))
        return true;
    // «проект, который ранее реализовали воронежцы»: the subject of a relative clause of launching
    // (when the sentence takes it up outside the clause: not «Практика, которую с 2019 года реализует центр …, вошла
    // в число победителей конкурса»)
    if (t.word && IsLaunchVerb(f) && RelativeBefore(k - 1, sb) && TakenUpOutsideClause(k - 1, sb)) return true;
    if (RelativeClauseSubject(k, e, sb)) return true;
    // «проект «Киберзона» из Ижевска тиражируют в Перми»: where a practice named before «из» comes from
    if (t.word && f == "из" && k >= 2 && (applying_ || borrowing_) && PracticeEndsAt(k - 1)) return true;
    // «мода на семейные МФЦ пришла в Пермь из Екатеринбурга»: where a practice came from
    if (t.word && f == "из" && k >= 2 && ComesFrom(k - 1, sb)) return true;
    // «проект «Моя семья» Пензенской области внедрят в …»: the owner in the genitive after a practice's name
    // (not a name in the nominative, the subject after the object: «Проект «Дворовые лидеры» Нефтеюганск реализует»)
    if (t.text == "»" && adjacent && !mm.adjectival && (applying_ || borrowing_) && PracticeEndsAt(k) && !Nominative(m))
        return true;
    // «пошла по пути Татарстана»
    if (t.word && f == "пути" && k >= 3 && T(k - 2).folded == "по" && Pre(T(k - 3).folded, {"пош", "ид"})) return true;
    // «по аналогии с Томском», «берёт пример с Новосибирской области»
    if (t.word && (f == "с" || f == "со") && k >= 2 && In(T(k - 2).folded, {"аналогии", "пример"})) return true;
    return false;
}

// «Мы её взяли у белгородцев»: a verb of taking up to four tokens before «у» at token k — to take from someone is to
// borrow.
bool Finder::TakenBefore(std::size_t k, std::size_t sb) const {
    for (std::size_t q = k; q > sb && q + 4 > k; --q)
        if (T(q - 1).word && Pre(T(q - 1).folded, {"взял", "взяли", "взят", "берут", "брали", "возьм"})) return true;
    return false;
}

// «Сырный маршрут, придуманный кубанцами, в Эльбрусском районе запустили»: who made a practice up made it first —
// people in the instrumental after a participle of invention (not «конкурс, организованный Союзом …»).
bool Finder::MadeUpBy(std::size_t m, std::size_t sb) const {
    const auto [b, e] = d.spans[m];
    const Mention& mm = d.mentions[m];
    if (b <= sb || !T(b - 1).word || !Pre(T(b - 1).folded, {"придуманн", "разработанн", "изобретенн", "созданн"}) ||
        !(mm.demonym || AdopterPeopleAfter(m)))
        return false;
    const std::string who = text::Fold(mm.demonym || e >= d.toks.size() ? mm.text : T(e).text);
    return who.ends_with("ами") || who.ends_with("ями");
}

// «делегация … провела два дня в Белгороде, изучая, как устроена работа офисов, — с прицелом на внедрение»: where a
// trip made to take something up went (not a trip to study alone: «побывали в Казани, изучили опыт» is an exchange);
// «стажировались в Городской поликлинике № 5 Тюмени и перенесли оттуда схему»: where «оттуда» points. The place
// [b, e) follows the preposition at token k - 1.
bool Finder::WhereATripWent(std::size_t b, std::size_t e, std::size_t k, std::size_t sb) const {
    const std::size_t s = T(b).sent;
    if (T(k - 1).folded != "на" && k >= sb + 2) {
        bool trip = false;
        for (std::size_t q = sb; q + 1 < k && !trip; ++q)
            trip = Pre(T(q).folded, {"побывал", "съездил", "ездил", "посетил", "провел", "провела", "провели",
                                     "стажировал", "выезжал", "приезжал"});
        if (trip && (SentenceHas(s, {"прицел", "переня", "перенят"}) ||
                     (SentenceHasWord(s, {"чтобы"}) && SentenceHas(s, {"внедр", "запуст"}))))
            return true;
    }
    for (std::size_t q = e; q < d.sents[s].end_token && q < e + 8; ++q)
        if (T(q).folded == "оттуда") return true;
    return false;
}

// «Общественная палата Республики Татарстан уже несколько лет проверяет, как ремонтируют дороги … мы съездили в
// Казань, посмотрели, как это устроено изнутри, а с мая такой мониторинг работает и у нас»: the town a trip went to
// stands for the body of its region at work there, told before it in its sentence or the one before (same paragraph).
std::optional<std::size_t> Finder::BodyVisitedAt(std::size_t source) const {
    const auto [b, e] = d.spans[source];
    if (d.mentions[source].kind != MentionKind::kMunicipality || b < 2 || !In(T(b - 1).folded, {"в", "во"}) ||
        !IsTripVerb(T(b - 2).folded))
        return std::nullopt;
    const std::string region = RegionOf(source);
    if (region.empty()) return std::nullopt;
    const std::size_t s = T(b).sent;
    const std::size_t from = d.sents[s > 0 && ParagraphStart(s) != s ? s - 1 : s].first_token;
    std::optional<std::size_t> body;
    for (std::size_t o = 0; o < d.mentions.size(); ++o)
        if (d.mentions[o].kind == MentionKind::kOrganisation && d.spans[o].first >= from && d.spans[o].second <= b &&
            cand_at[d.spans[o].first] == static_cast<int>(o) && RegionOf(o) == region && !MediaOutlet(o))
            body = o;
    return body;
}

bool Finder::FollowedAt(std::size_t b) const {
    return b >= 2 && T(b - 1).folded == "за" && In(T(b - 2).folded, {"вслед", "следом"});
}

// Mention m stands where an owner would, but is the subject or a parallel: «Саму идею пермяки подсмотрели у
// тюменцев» (residents in the nominative, «-ане», «-цы», «-чи», «-ки»; «идею пермяков» would be whose), «Практику
// смоленские специалисты переняли у …» (people named by a place adjective in the nominative), «Похожие программы,
// как и в Омской области, работают в …» (a parallel, not where a practice came from).
bool Finder::SubjectNotOwner(std::size_t m, std::size_t sb) const {
    const auto [b, e] = d.spans[m];
    const Mention& mm = d.mentions[m];
    if (mm.demonym && b > sb && T(b - 1).word && IsSourceCue(T(b - 1).folded)) {
        const std::string f = text::Fold(mm.text);
        if ((f.ends_with("е") || f.ends_with("ы") || f.ends_with("и")) && !f.ends_with("ами")) return true;
    }
    if (mm.adjectival && AdopterPeopleAfter(m) &&
        (text::Fold(mm.text).ends_with("ие") || text::Fold(mm.text).ends_with("ые")))
        return true;
    return b >= 3 && In(T(b - 1).folded, {"в", "во", "у"}) && T(b - 2).folded == "и" && T(b - 3).folded == "как";
}

// A place in the nominative followed by a verb in the singular that agrees with it: the subject («Технологию Калуга
// переняла …»), not whose practice it is («опыт Сочи переняли …»: the plural verb is someone else's).
bool Finder::PlaceWithItsVerb(std::size_t m) const {
    const Mention& mm = d.mentions[m];
    const std::size_t e = d.spans[m].second;
    if (mm.normal.empty() || text::Fold(mm.text) != text::Fold(mm.normal) || !IsPlaceKind(mm.kind) || mm.adjectival ||
        e >= d.toks.size() || !T(e).word || T(e).cap)
        return false;
    const std::string& v = T(e).folded;
    return v.ends_with("ла") || v.ends_with("ло") || v.ends_with("ет") || v.ends_with("ит") || v.ends_with("ёт") ||
           (v.ends_with("л") && v.size() > 6);
}

bool Finder::SourceHint(std::size_t m, std::size_t sb, bool borrowing) const {
    auto [b, e] = d.spans[m];
    const Mention& mm = d.mentions[m];
    if (SubjectNotOwner(m, sb)) return false;
    if (MadeUpBy(m, sb)) return true;
    // «ездили к чебоксарским коллегам и привезли оттуда …»: whom one goes to learn from
    if (b > 0 && T(b - 1).folded == "к" && e < d.toks.size() && Pre(T(e).folded, {"коллег", "сосед"})) return true;
    // «у соседей-свердловчан», «опыт коллег из Новосибирска», «по примеру Чувашии»
    std::size_t k = b;
    int skipped = 0;
    bool quoted = false, people = false;
    // (people before a body's legal form and quoted name: «у коллег из ГБУЗ «Детская … больница»»)
    while (k > sb && (skipped < 4 || (people && skipped < 5))) {
        const Tok& t = T(k - 1);
        const std::string& f = t.folded;
        // «у Кубы появится …» is no borrowing; «как это сделано у коллег в Альметьевске, и решили запустить»
        if (f == "у" || f == "от") return FromWhom(k, sb, borrowing, people);
        // «проект «Библиотека — центр…»»: a name in quotes after a practice noun is the practice's own name;
        // after «опыт», «пример» it is whose experience it was («по примеру «Росатома»»)
        // «практику фонда «Старость в радость»»: the quoted name of a body whose kind stands before it
        if (t.word && quoted && (t.all_caps || Pre(f, {"фонд", "ассоциац", "союз", "обществ", "объединени"}))) {
            quoted = false;
            --k;
            ++skipped;
            continue;
        }
        if (t.word && quoted && !Pre(f, {"опыт", "пример", "образц", "наработк", "аналоги"})) return false;
        // «государственная программа Курганской области», «муниципальная программа района»: its own, official
        const bool official = k >= 2 && Pre(T(k - 2).folded, {"государствен", "муниципальн", "ведомствен"});
        // («Систему Фонд капремонта Тверской области позаимствовал у …»: a body in the nominative after the practice
        // is the subject, not whose practice it is)
        // («Технологию Калуга переняла у Тулы»: so is a place in the nominative whose verb agrees with it alone —
        // «опыт Сочи переняли …» is whose)
        if (t.word && (IsStrongCue(f) || (applying_ && IsSourceCue(f) && !official))) {
            const bool nominative = !mm.normal.empty() && text::Fold(mm.text) == text::Fold(mm.normal);
            if (skipped == 0 && PlaceWithItsVerb(m)) return false;
            // («Идею мэрия подсмотрела в Архангельске»: a body named by its kind, in the nominative, before its verb)
            if (skipped == 0 && mm.kind == MentionKind::kOrganisation && nominative && e == b + 1 && !T(b).cap &&
                e < d.toks.size() && T(e).word && !T(e).cap && VerbForm(T(e)))
                return false;
            return !(skipped == 0 && mm.kind == MentionKind::kOrganisation && nominative &&
                     mm.text.find(' ') != std::string::npos &&
                     !T(b).all_caps);  // («проект ДШИ № 1 Сургута»: an abbreviation does not decline)
        }
        // «опыт коллег из Новосибирска», «у соседей из Кирова» (what stands before them decides; «заинтересовал
        // коллег из Кургана» names the adopter)
        if (t.word && (f == "из" || f == "с" || f == "со" || f == "в" || f == "во") && k >= 2 &&
            Pre(T(k - 2).folded, {"коллег", "сосед"})) {
            k -= 2;
            skipped += 2;
            people = true;
            continue;
        }
        // «переняли у соседей — в Минусинской межрайонной больнице так работают …»: whom, told after a dash
        if (t.word && (f == "в" || f == "во") && k >= 3 && (T(k - 2).text == "—" || T(k - 2).text == ":") &&
            Pre(T(k - 3).folded, {"коллег", "сосед"})) {
            k -= 3;
            skipped += 3;
            people = true;
            continue;
        }
        if (CueBefore(k, m, sb, skipped == 0, people)) return true;
        if (t.word && Pre(f, {"сосед", "коллег", "партнер", "специалист", "эксперт", "учены", "сотрудник"})) {
            people = true;
            --k;
            ++skipped;
            continue;
        }
        // «в столице Татарстана»: where the capital stands, the region's name is
        if (t.word && skipped == 0 && In(f, {"столице", "столицы"})) {
            --k;
            ++skipped;
            continue;
        }
        if (!t.word && (t.text == "-" || t.text == "—" || t.text == "«")) {
            quoted = quoted || t.text == "«";
            --k;
            ++skipped;
            continue;
        }
        // «запущенная в Санкт-Петербурге», «разработанную в Новосибирской области»
        if ((f == "в" || f == "во" || f == "на") && k >= 2 && PlaceOfOrigin(k, e, sb)) return true;
        // «Аналогичный проект уже действует в Архангельске», «в Благовещенске такой чат-бот работает с 2023 года»
        if ((f == "в" || f == "во") && SimilarWorksIn(m)) return true;
        if ((f == "в" || f == "во" || f == "на") && skipped == 0 && WhereATripWent(b, e, k, sb)) return true;
        // «Из Гатчины он и привёз проект»: where it was brought from, told before the verb
        if (f == "из" && (k < 2 || T(k - 2).text != ",")) {
            bool brought = false;
            for (std::size_t q = e; q < e + 4 && q < d.toks.size() && T(q).sent == T(k).sent; ++q)
                brought = brought || Pre(T(q).folded, {"привез", "привёз", "перенес", "перевез"});
            if (brought) return true;
        }
        // «вернулась из Казани с идеей …»: where the idea was brought back from
        if (f == "из" && k >= 2 && Pre(T(k - 2).folded, {"вернул", "возвращ"}) && SentenceHas(T(k).sent, {"иде"}))
            return true;
        break;
    }
    return mm.adjectival && !mm.demonym && AdjectivalSource(m, sb);
}

// Does a practice's name end right before token k: a quoted name, or a practice noun and its lower-case genitive
// chain («методику подготовки хоккейных тренеров»)?
bool Finder::PracticeEndsAt(std::size_t k) const {
    if (T(k - 1).text == "»") {  // a quoted name right after a practice noun
        std::size_t q = k - 1;
        while (q > 0 && T(q).text != "«") --q;
        return q > 0 && T(q - 1).word && IsPracticeNoun(T(q - 1).folded);
    }
    for (std::size_t q = k; q-- > 0 && q + 5 > k;) {
        if (!T(q).word || T(q).cap || cand_at[q] >= 0) return false;
        if (IsPracticeNoun(T(q).folded)) return true;
    }
    return false;
}

// «краснодарскую систему», «по мурманскому образцу», «нижегородский опыт»: a place adjective before a practice.
bool Finder::AdjectivalSource(std::size_t m, std::size_t sb) const {
    auto [b, e] = d.spans[m];
    const bool after_po = b > sb && T(b - 1).folded == "по";  // «по новосибирской схеме»
    // «Модель за основу взяли пермскую: …»: the practice noun told before, the adjective alone after the verb
    if (e < d.toks.size() && !T(e).word && In(T(e).text, {":", ".", "—", ";"}) && b > sb &&
        (borrowing_ || SentenceHasWord(T(b).sent, {"основу", "образец"})) &&
        TriggerOf(T(b - 1), nullptr) != Trigger::kNone)
        return true;
    for (std::size_t q = e; q < e + 2 && q < d.toks.size(); ++q) {
        if (!T(q).word) break;
        // «татарстанский стандарт», «иркутская система»: with a verb of borrowing or applying any
        // practice noun will do, else only the nouns of experience
        // «стажировку в приморском центре …, а затем открыли такие же центры у себя»
        if (similar_ && SameAsSimilar(q)) return true;
        if (IsStrongCue(T(q).folded) ||
            ((applying_ || borrowing_ || interested_ || similar_ || after_po) &&
             (IsPracticeNoun(T(q).folded) || Pre(T(q).folded, {"разработк"}))))  // «к башкирской разработке»
            return !IsAdopterPeople(T(q).folded);
        if (IsAdopterPeople(T(q).folded)) return false;
    }
    return false;
}

// «Югорчане передали тюменским коллегам методику»: the giver before the verb, the receiver after.
Parties Finder::TransferParties(const std::vector<std::size_t>& cands, std::size_t verb) const {
    Parties p;
    // «Сам бот городу передали коллеги из администрации Иркутска»: the givers told after the verb, «из» or «от»
    // X, a few lower-case words before it; the receiver is then before the verb or the place named before
    for (std::size_t m : cands) {
        const std::size_t b = d.spans[m].first;
        if (b <= verb + 1) continue;
        std::size_t q = b - 1;
        while (q > verb + 1 && q + 3 > b && T(q).word && !T(q).cap && !In(T(q).folded, {"из", "от"})) --q;
        if (!In(T(q).folded, {"из", "от"}) || !Pre(T(q - 1).folded, {"коллег", "специалист", "сотрудник", "эксперт"}))
            continue;
        p.source = m;
        for (std::size_t a : cands)
            if (d.spans[a].second <= verb && Key(a) != Key(m)) p.adopters = {a};
        return p;
    }
    for (std::size_t m : cands)
        if (d.spans[m].second <= verb) p.source = m;
    for (std::size_t m : cands)
        if (d.spans[m].first > verb && (!p.source || Key(m) != Key(*p.source))) {
            p.adopters.push_back(m);
            break;
        }
    return p;
}

std::optional<std::size_t> Finder::SourceAmong(const std::vector<std::size_t>& cands, std::size_t sb,
                                               std::size_t se) const {
    // the first candidate hinted as the source; the one followed («Следом за Дербентом махачкалинский опыт
    // планируют перенять Каспийск») only when no other is hinted
    std::optional<std::size_t> source, followed;
    for (std::size_t m : cands) {
        if (!SourceHint(m, sb) || d.mentions[m].kind == MentionKind::kPerson) continue;
        if (!FollowedAt(d.spans[m].first)) {
            source = m;
            break;
        }
        if (!followed) followed = m;
    }
    if (!source) source = followed;
    // «Сама ульяновская программа появилась не на пустом месте: … Ульяновск позаимствовал идею у Чебоксар»: a place
    // adjective of the practice gives way to the one it was taken from («у», «от») later in the sentence
    if (source && d.mentions[*source].adjectival && !d.mentions[*source].demonym)
        for (std::size_t m : cands)
            if (d.spans[m].first > d.spans[*source].second && d.spans[m].first > sb + 1 &&
                In(T(d.spans[m].first - 1).folded, {"у", "от"}) && !d.mentions[m].adjectival &&
                // (taken: «позаимствовал идею у …», «переняли у …»; not «у школ № 9», near them)
                (IsPracticeNoun(T(d.spans[m].first - 2).folded) ||
                 TriggerOf(T(d.spans[m].first - 2), nullptr) == Trigger::kBorrow) &&
                d.mentions[m].kind != MentionKind::kPerson && Key(m) != Key(*source) && SourceHint(m, sb)) {
                source = m;
                break;
            }
    // «подсмотрели в Екатеринбурге, в музее „Уральская палата“»: a body set beside the place says which one there
    if (source && IsPlaceKind(d.mentions[*source].kind)) {
        std::size_t q = d.spans[*source].second;
        if (q + 2 < se && T(q).text == "," && In(T(q + 1).folded, {"в", "во", "на", "у"}))
            for (std::size_t r = q + 2; r < se && r < q + 6; ++r) {
                if (cand_at[r] >= 0) {
                    const auto body = static_cast<std::size_t>(cand_at[r]);
                    if (d.mentions[body].kind == MentionKind::kOrganisation) return body;
                    break;
                }
                if (T(r).text == "," || (T(r).word && T(r).cap)) break;
            }
    }
    // an adjectival place before an organisation or a town («из вологодской Тотьмы»): that one is the source
    // (not residents: «у всеволожцев Тосненский и Кировский районы»)
    if (source && d.mentions[*source].adjectival && !d.mentions[*source].demonym) {
        std::size_t e = d.spans[*source].second;
        // («у псковского музейного центра «Кром»»: the body's kind in lower case and its quoted name)
        for (std::size_t q = e; q < e + 5 && q < se; ++q) {
            int m = cand_at[q];
            if (m < 0 && (T(q).text == "«" || (T(q).word && !T(q).cap))) continue;
            if (m < 0) break;
            const MentionKind kind = d.mentions[static_cast<std::size_t>(m)].kind;
            if (kind == MentionKind::kOrganisation || (q == e && kind == MentionKind::kMunicipality))
                return static_cast<std::size_t>(m);
        }
    }
    return source;
}

// The first candidate that is not the source (people after a place adjective win: «тульские специалисты»),
// then those coordinated with it: «в Псковской и Новгородской областях», «Липецкая, Тамбовская и Курская».
std::vector<std::size_t> Finder::AdoptersAmong(const std::vector<std::size_t>& cands, std::optional<std::size_t> source,
                                               const Cues& c, std::size_t sb) const {
    std::string skey = source ? Key(*source) : std::string();
    // «распространить барнаульскую практику на Бийск и Рубцовск»: the places it spreads to adopt it
    std::optional<std::size_t> primary;
    if (c.main == Trigger::kSpread) primary = SpreadTarget(cands, c.verb, source);
    // «открыли такие же центры у себя в Комсомольске-на-Амуре и Амурске»
    for (std::size_t m : cands) {
        std::size_t b = d.spans[m].first;
        if (primary || b < 3 || (source && m == *source) || !IsPlaceKind(d.mentions[m].kind)) continue;
        if (In(T(b - 1).folded, {"в", "во"}) && T(b - 2).folded == "себя" && T(b - 3).folded == "у") primary = m;
    }
    std::vector<std::size_t> eligible;
    for (std::size_t m : primary ? std::vector<std::size_t>{} : cands) {
        if (source && (m == *source || Key(m) == skey)) continue;
        if (std::find(co_sources_.begin(), co_sources_.end(), m) != co_sources_.end()) continue;
        if (source && d.spans[m].first >= d.spans[*source].first && d.spans[m].second <= d.spans[*source].second)
            continue;
        if (d.mentions[m].kind == MentionKind::kCountry || SourceHint(m, sb)) continue;
        if ((source && (PlaceOfSource(m, *source) || AboutSource(m, *source) || VisitedAtSource(m, *source))) ||
            Reporter(m))
            continue;
        // «присматривают и в других городах Югры»: the container of the others is not one of them
        if (OthersOf(m)) continue;
        // «Вслед за Приамурьем к ямальской модели присматривается и Биробиджан»: the one followed took it up before
        if (FollowedAt(d.spans[m].first)) continue;
        // «ГБУЗ «Детская краевая клиническая больница» министерства здравоохранения Краснодарского края»: the body the
        // source belongs to, named right after it
        // (or the town it is in: «у коллег из МБОУ «Гимназия № 1» г. Чебоксары»)
        if (source && d.spans[m].first >= d.spans[*source].second && d.spans[m].first <= d.spans[*source].second + 3 &&
            d.mentions[*source].kind == MentionKind::kOrganisation) {
            bool right_after = true;
            for (std::size_t q = d.spans[*source].second; q < d.spans[m].first && right_after; ++q)
                right_after = In(T(q).text, {"»", ".", "г"}) || T(q).folded == "города" || T(q).folded == "г";
            if (right_after && (d.mentions[m].kind == MentionKind::kOrganisation ||
                                (IsPlaceKind(d.mentions[m].kind) && !d.mentions[m].adjectival)))
                continue;
        }
        // «новосибирская компания «Сибтранслайн»» when the company is the source: the source's own place
        if (source && d.mentions[m].adjectival)
            if (auto body = NamedBodyAfter(m); body && Key(*body) == skey) continue;
        eligible.push_back(m);
    }
    if (!primary) {
        std::size_t clause = ReportedClause(sb, c.verb);
        primary = PrimaryAdopter(eligible, clause, clause > sb);
    }
    std::vector<std::size_t> adopters;
    if (!primary) return adopters;
    // «Астраханский волонтёрский центр «Доброе сердце»»: the named body the place adjective belongs to
    if (d.mentions[*primary].adjectival)
        if (auto body = NamedBodyAfter(*primary)) primary = body;
    adopters.push_back(*primary);
    for (std::size_t m : Coordinated(*primary, cands, true, false))
        if (d.mentions[m].kind != MentionKind::kCountry && !(source && m == *source)) adopters.push_back(m);
    return adopters;
}

// An organisation named right after a place adjective, across lower-case words and an opening quote.
std::optional<std::size_t> Finder::NamedBodyAfter(std::size_t m) const {
    std::size_t e = d.spans[m].second;
    for (std::size_t q = 0; q < d.mentions.size(); ++q) {
        std::size_t b = d.spans[q].first;
        if (d.mentions[q].kind != MentionKind::kOrganisation || b < e || b > e + 4) continue;
        bool plain = true;
        for (std::size_t i = e; i < b; ++i)  // not across a verb: «пермских муниципалитетов применяют проект …»
            plain = plain && (T(i).word ? !T(i).cap && TriggerOf(T(i), nullptr) == Trigger::kNone : T(i).text == "«");
        if (plain) return q;
    }
    return std::nullopt;
}

// The source and the adopters of a sentence's borrowing (the source may be told in the next sentence).
// «площадки по альметьевскому образцу у нас уже стоят в Фокинском, Ольховском и Марковском»: places the directory
// does not know after «у нас» are where in the speaker's own territory; the speaker's body borrows.
void Finder::OursInsteadOfUnknownPlaces(std::size_t s, Parties& p) const {
    if (!p.source || p.adopters.empty() || !SentenceHasPair(s, "у", "нас") ||
        !std::all_of(p.adopters.begin(), p.adopters.end(), [&](std::size_t a) {
            return d.mentions[a].kind == MentionKind::kMunicipality && !d.mentions[a].ref;
        }))
        return;
    auto we = BodyOfQuoted(s, *p.source);
    if (!we) we = Speaker(*p.source);
    if (we && Key(*we) != Key(*p.source)) p.adopters = {*we};
}

// «Сургут — не первый город округа, где появился такой билет: в Нефтеюганске единый тариф по тюменскому образцу
// действует …»: the part after a colon that holds the source holds the one that borrows.
void Finder::AdopterAfterColon(const std::vector<std::size_t>& cands, Parties& p) const {
    if (!p.source || p.adopters.empty() || d.spans[p.adopters[0]].first >= d.spans[*p.source].first) return;
    std::optional<std::size_t> colon;
    for (std::size_t i = d.spans[p.adopters[0]].second; i < d.spans[*p.source].first; ++i)
        if (T(i).text == ":") colon = i;
    if (!colon) return;
    for (std::size_t m : cands)
        if (d.spans[m].first > *colon && d.spans[m].first < d.spans[*p.source].first &&
            IsPlaceKind(d.mentions[m].kind) && d.mentions[m].kind != MentionKind::kCountry &&
            Key(m) != Key(*p.source) && !d.mentions[m].adjectival) {
            p.adopters = {m};
            return;
        }
}

// «В Белгородской области считают, что можно, — и теперь к этому опыту присматриваются в Тамбове»: experience
// pointed at is the place's named last before it in the sentence (not the adopter's region).
std::optional<std::size_t> Finder::ExperiencePointedAt(std::size_t s, std::size_t adopter) const {
    const std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    for (std::size_t i = sb + 1; i + 1 < se; ++i)
        if (In(T(i).folded, {"этому", "этот", "этим", "этого", "эту", "этой", "этих", "эти"}) &&
            IsStrongCue(T(i + 1).folded))
            if (auto place = RecentPlace(i, Key(adopter), false);
                place && d.spans[*place].first >= sb && RegionOf(*place) != RegionOf(adopter))
                return place;
    return std::nullopt;
}

Parties Finder::FindParties(std::size_t s, const Cues& c) const {
    std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    auto cands = Candidates(s);
    Parties p;
    listed_stage_.clear();
    if (c.transfer_verb) {
        p = TransferParties(cands, *c.transfer_verb);
    } else {
        p.source = SourceAmong(cands, sb, se);
        if (!p.source) p.source = OwnerOfJoinedPractice(s);
        if (p.source)
            if (auto body = BodyVisitedAt(*p.source)) p.source = body;
        co_sources_.clear();
        if (p.source) co_sources_ = Coordinated(*p.source, cands, false, true);
        p.more_sources = co_sources_;
        p.adopters = AdoptersAmong(cands, p.source, c, sb);
        // «весной в городе по примеру Тольятти были установлены контейнеры — … в Заусиновке»: «в городе» before
        // the verb is the town named before; the places after it say where in the town
        // (up to the source when it follows the verb: «создан в округе по образцу Тюменской области»)
        if (p.source)
            if (auto here = PlaceByLocativeNoun(
                    sb, c.verb ? std::max(*c.verb, d.spans[*p.source].first) : d.spans[*p.source].first, *p.source))
                p.adopters = {*here};
        if (p.source)
            if (auto subject = PlaceBySubjectNoun(s, *p.source)) p.adopters = {*subject};
        AddClauseSubjects(s, p);
        AdopterAfterColon(cands, p);
        // «Арт-остановки, которые мы сделали по примеру Бердска, томичам понравились»: «мы» the subject of the
        // verb is the one that borrows, whoever else the sentence names
        OursInsteadOfUnknownPlaces(s, p);
        if (p.source && c.verb && WeDo(*c.verb, sb, se)) {
            auto we = BodyOfQuoted(s, *p.source);
            if (!we) we = Speaker(*p.source);
            if (we && Key(*we) != Key(*p.source)) p.adopters = {*we};
        }
        VisitorsTakeUp(s, p);
    }
    p.last_sentence = s;
    const bool source_before_sentence = !p.source;  // (if one is found below, it is told outside the clauses)
    // «Опытом республики заинтересовались и соседи»: experience of a region named by its common noun is the region
    // named last before
    for (std::size_t i = sb; !p.source && i + 1 < se; ++i)
        if (T(i).word && IsStrongCue(T(i).folded) &&
            In(T(i + 1).folded, {"республики", "области", "края", "региона"}) &&
            (i + 2 >= se || !T(i + 2).cap || !T(i + 2).word))
            p.source = RegionOfKindBefore(i, T(i + 1).folded);
    if (!p.source) NeighboursSource(s, c, p);
    if (!p.source && !p.adopters.empty()) p.source = ExperiencePointedAt(s, p.adopters[0]);
    // «Нефтеюганск реализует по нашей модели», «нашу ярмарку коллеги хотят провести у себя»: the speaker's body had it
    if (!p.source && !p.adopters.empty() && OurPractice(s)) {
        auto we = BodyOfQuoted(s, p.adopters[0]);
        if (!we) we = Speaker(p.adopters[0]);
        if (we && Key(*we) != Key(p.adopters[0])) p.source = we;
    }
    // «Именно оттуда идея и пришла в столицу Марий Эл»: from the place named last before
    if (!p.source && SentenceHasWord(s, {"оттуда"}))
        p.source = RecentPlace(sb, p.adopters.empty() ? "" : Key(p.adopters[0]), false);
    // «…запустил проект «Бережливая поликлиника». Модель разработана в Татарстане, …»
    if (!p.source && (c.main == Trigger::kIntroduce || c.main == Trigger::kSpread) && !p.adopters.empty())
        if (std::size_t n = s + 1; auto o = OriginInNextSentence(s, &n)) {
            p.source = o;
            p.last_sentence = n;
        }
    // «Ленинградская область представила проект «…». … проект уже переняли в Псковской области»
    // (and «Сама модель была разработана в Татарстане. Нижегородская область взяла её за основу …»)
    if (!p.source && (c.main == Trigger::kBorrow || c.example_cue) && !p.adopters.empty())
        p.source = OwnerInSentenceBefore(s, p.adopters, false);
    if (!p.source && (c.main == Trigger::kIntroduce || c.main == Trigger::kSpread) && !p.adopters.empty())
        p.source = HomeOfTheProjectJoined(s, p.adopters);
    if (!p.source && !p.adopters.empty()) p.source = SourceOfFactJustTold(s, c, p.adopters[0]);
    if (p.source && p.adopters.empty()) AdopterLeftOut(s, c, p);
    // «Новосибирская схема пригодилась соседям. Бердск запустил соцтакси по её образцу, а Искитим тестирует его»:
    // a source told before the sentence has its clause subjects as adopters too
    if (!c.transfer_verb && source_before_sentence) AddClauseSubjects(s, p);
    return p;
}

// «Первым к проекту присоединился Сарапул» after «Проект «…», стартовавший в Ижевске, …»: a sentence that introduces a
// practice named by its bare noun, with adopters and no source, takes it from where an earlier sentence (the one
// before, or the headline and lede) says it was made.
std::optional<std::size_t> Finder::HomeOfTheProjectJoined(std::size_t s,
                                                          const std::vector<std::size_t>& adopters) const {
    // (not after a trip: «делегация провела два дня в Новосибирске, изучая, как …, — чтобы повторить эту схему у
    // себя» has its source where the trip went)
    if (VisitIn(s) || SentenceHas(s, {"делегац", "изуча", "побывал", "посетил", "стажировк"})) return std::nullopt;
    auto home = OwnerInSentenceBefore(s, adopters, true);
    // (a practice the adopter's region took from there, told already: the sentence goes on about that take-up —
    // «Сначала работали только в Ростове и Таганроге, а потом распространили проект …»)
    for (const Fact& f : out)
        if (home && f.kind == FactKind::kAdoption && f.source &&
            (Key(*f.source) == Key(*home) || (!f.source_region.empty() && f.source_region == RegionOf(*home))) &&
            f.adopter && d.mentions[*f.adopter].kind == MentionKind::kRegion &&
            f.adopter_region == RegionOf(adopters[0]))
            home.reset();
    return home;
}

// «переняли у соседей», «у коллег»: the source named before (the last fact's, a place the next sentence says one
// like it is held in, else the place named last in this paragraph or the one before).
void Finder::NeighboursSource(std::size_t s, const Cues& c, Parties& p) const {
    const std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    // (not «пришли из соседних республик и привезли опыт»: where from, not whom)
    bool whom = false;
    for (std::size_t i = sb; i < se && !whom; ++i)
        whom = Pre(T(i).folded, {"сосед", "коллег"}) && !(i > sb && In(T(i - 1).folded, {"из", "в", "во", "на"}));
    if (!whom || !(c.main == Trigger::kBorrow || c.example_cue)) return;
    for (auto it = out.rbegin(); it != out.rend() && !p.source; ++it)
        if (it->kind == FactKind::kAdoption && it->source) p.source = it->source;
    // «Формат подсмотрели у соседей. В Ярославской области такие смены проводят уже несколько лет»: the
    // neighbours are where the next sentence says one like it is held
    if (!p.source && s + 1 < d.sents.size()) {
        const std::size_t nb = d.sents[s + 1].first_token, ne = d.sents[s + 1].end_token;
        if (nb + 1 < ne && In(T(nb).folded, {"в", "во", "у"}) && cand_at[nb + 1] >= 0 &&
            IsPlaceKind(d.mentions[static_cast<std::size_t>(cand_at[nb + 1])].kind) &&
            // («перенять практику соседей. В Вологодской области с 2021 года работают мобильные бригады»: the
            // neighbours' practice told right after, by «такие» or by a verb of working)
            (SentenceHas(s + 1, {"такие", "такой", "такая", "такое", "подобн", "аналогичн"}) ||
             (c.main == Trigger::kBorrow && !p.adopters.empty() &&
              Key(static_cast<std::size_t>(cand_at[nb + 1])) != Key(p.adopters[0]))) &&
            SentenceHasWord(s + 1, {"проводят", "работают", "работает", "действуют", "действует", "есть", "существует",
                                    "существуют"}))
            p.source = static_cast<std::size_t>(cand_at[nb + 1]);
        if (p.source && c.verb)
            if (auto here = PlaceByLocativeNoun(sb, *c.verb, *p.source)) p.adopters = {*here};
    }
    // …from this paragraph or the one before only: a digest's earlier item is another story
    if (!p.source) p.source = RecentPlace(sb, p.adopters.empty() ? "" : Key(p.adopters[0]), false);
    std::size_t para = ParagraphStart(s);
    if (para > 0) para = ParagraphStart(para - 1);
    if (p.source && d.spans[*p.source].first < d.sents[para].first_token) p.source.reset();
}

// «По примеру Казани Пенза открыла такие центры, Саранск пилотирует формат, а Самара рассматривает его»: the
// subjects of the further clauses adopt too.
// «В Шадринском округе побывали специалисты Катайского округа — изучали работу системы, чтобы внедрить её у себя»,
// «делегации администраций Новотроицка и Гая побывали в Орске, чтобы … внедрить такой же сервис у себя»: those who
// came take it up from where they came to, whatever order the sentence names them in.
void Finder::VisitorsTakeUp(std::size_t s, Parties& p) const {
    if (auto v = VisitIn(s); v && v->place_first && !v->visitors.empty() && SentenceHasWord(s, {"чтобы"})) {
        p.source = v->place;
        p.adopters = v->visitors;
    }
}

void Finder::AddClauseSubjects(std::size_t s, Parties& p) const {
    if (!p.source || p.adopters.empty() || !Nominative(p.adopters[0])) return;
    for (std::size_t more : ClauseSubjects(s))
        if (Key(more) != Key(*p.source) &&
            std::none_of(p.adopters.begin(), p.adopters.end(), [&](std::size_t a) { return Key(a) == Key(more); }))
            p.adopters.push_back(more);
}

// The source of the fact the sentence before told, when this sentence goes on with it: «… и в Ишиме», «В Когалыме
// его запустили …».
std::optional<std::size_t> Finder::SourceOfFactJustTold(std::size_t s, const Cues& c, std::size_t adopter) const {
    const std::size_t sb = d.sents[s].first_token;
    // «Тюменский опыт перенимают и соседи: в Тобольске …. Интерес к технологии проявили и в Ишиме»: «и», «тоже»,
    // «также» before the one who takes it up say it is the same practice as the fact just told, from the same source
    if (c.main != Trigger::kNone && !out.empty() && out.back().kind == FactKind::kAdoption && out.back().source &&
        s > 0 && out.back().evidence.start >= d.sents[s - 1].start && Key(*out.back().source) != Key(adopter)) {
        const std::size_t a = d.spans[adopter].first;
        const bool also =
            (a >= sb + 2 && In(T(a - 1).folded, {"в", "во"}) && In(T(a - 2).folded, {"и", "тоже", "также"})) ||
            (a >= sb + 1 && In(T(a - 1).folded, {"и", "тоже", "также"}));
        if (also) return out.back().source;
        // «Первым к проекту присоединился Липецк. Затем программу запустили в Курске и Белгороде»: the next in a
        // sequence takes it from the same source
        const std::size_t w = FirstWord(s);
        bool again = c.main != Trigger::kInterest && w < d.sents[s].end_token &&
                     (In(T(w).folded, {"затем", "потом", "следом", "позже", "далее", "позднее", "впоследствии"}) ||
                      (T(w).folded == "вслед" && w + 1 < d.sents[s].end_token && T(w + 1).folded == "за"));
        // (not the last adopter's own districts or towns: «Пилот стартовал в отделениях Приморского и Невского
        // районов» goes on about the city's pilot)
        if (again && !out.back().adopter_region.empty() && RegionOf(adopter) != out.back().adopter_region)
            return out.back().source;
    }
    // «На форуме стало известно, что «Доброго соседа» подхватывают ещё два региона. Калужская область … запустила
    // проект …»: the regions announced, each told after, take the practice of the fact told before from its source
    if (c.main != Trigger::kNone && c.main != Trigger::kShare && !out.empty() &&
        out.back().kind == FactKind::kAdoption && out.back().source && Key(*out.back().source) != Key(adopter) &&
        (out.back().source_region.empty() || RegionOf(adopter) != out.back().source_region))
        for (std::size_t back = 1; back <= 3 && back <= s; ++back) {
            const std::size_t ps = s - back;
            if (out.back().evidence.start >= d.sents[s].start ||
                (s > 8 && out.back().evidence.start < d.sents[s - 8].start))
                break;
            if (!SentenceHasWord(ps, {"ещё", "еще"}) || !SentenceHas(ps, {"регион", "город", "район", "муниципалитет"}))
                continue;
            const Trigger announced = ScanCues(ps).main;
            bool bare = false;
            for (std::size_t i = sb; i < d.sents[s].end_token && !bare; ++i) bare = BarePracticeNoun(i);
            if (bare && announced != Trigger::kNone && announced != Trigger::kShare) return out.back().source;
        }
    // «… Нефтеюганск реализует по нашей модели. В Когалыме его запустили пока в двух микрорайонах»: the practice
    // of the fact the sentence before told, launched by its pronoun
    if ((c.main == Trigger::kIntroduce || c.main == Trigger::kSpread) && c.verb && *c.verb > sb &&
        In(T(*c.verb - 1).folded, {"его", "ее", "её"})) {
        // whose practice the last fact, told in the sentence before, was
        if (!out.empty() && out.back().kind == FactKind::kAdoption && out.back().source && s > 0 &&
            out.back().evidence.start >= d.sents[s - 1].start && Key(*out.back().source) != Key(adopter))
            return out.back().source;
    }
    // «В 2025 году социальное такси планируется запустить также в Спасске-Дальнем и Арсеньеве» paragraphs after
    // «социальное такси заработало в Находке …»: «также» before the place and the practice named again — that
    // fact's source, however far back it was told
    if (c.main != Trigger::kNone) {
        const std::size_t a = d.spans[adopter].first;
        const bool also = (a >= sb + 2 && In(T(a - 1).folded, {"в", "во"}) && In(T(a - 2).folded, {"также", "тоже"}));
        const std::string sentence = also ? d.SliceCp(d.sents[s].start, d.sents[s].end) : std::string();
        for (auto it = out.rbegin(); also && it != out.rend(); ++it)
            if (it->kind == FactKind::kAdoption && it->source && Key(*it->source) != Key(adopter) &&
                it->practice_text.find(' ') != std::string::npos && SharesWord(it->practice_text, sentence))
                return it->source;
    }
    return std::nullopt;
}

// Token i is a plural place noun in the locative: «городах», «районах», «муниципалитетах».
bool Finder::OthersNoun(std::size_t i) const {
    return Pre(T(i).folded, {"город", "район", "регион", "муниципалитет", "территори", "округ", "поселк", "посел",
                             "сел", "субъект"}) &&
           !In(T(i).folded, {"город", "район", "регион", "муниципалитет", "округ", "поселок", "село"});  // (plural)
}

// «других», «другие», «соседним»: the word before the others' noun.
static bool OthersWord(const std::string& f) { return Pre(f, {"други", "соседни", "соседн"}); }

// Mention m names the place that holds the others the sentence means: «в других городах Югры», «другие города
// республики».
bool Finder::OthersOf(std::size_t m) const {
    const std::size_t b = d.spans[m].first;
    return b >= 2 && OthersNoun(b - 1) && OthersWord(T(b - 2).folded);
}

// The region named last before token i whose name has the kind the common noun `kind` names («республики» →
// «Республика Башкортостан», «Чувашская Республика»; «области» → «… область»; «региона» → any region).
std::optional<std::size_t> Finder::RegionOfKindBefore(std::size_t i, const std::string& kind) const {
    const std::string want = kind == "республики" ? "республик"
                             : kind == "области"  ? "област"
                             : kind == "края"     ? "край"
                                                  : "";
    std::optional<std::size_t> best;
    for (std::size_t m = 0; m < d.mentions.size() && d.spans[m].second <= i; ++m)
        if (d.mentions[m].kind == MentionKind::kRegion && d.mentions[m].ref &&
            (want.empty() || text::Fold(d.mentions[m].ref->name).find(want) != std::string::npos))
            best = m;
    return best;
}

// A source with no one who borrows in the sentence: «в регионе», neighbours named later, «мы» in an interview, «Город
// намерен …», the adopter of the facts before.
void Finder::AdopterLeftOut(std::size_t s, const Cues& c, Parties& p) const {
    const std::size_t sb = d.sents[s].first_token;
    // «в регионе», a subject left out: the last region named before that is not the source
    bool scaled_nowhere = c.main == Trigger::kSpread || SentenceHas(s, {"регионах", "субъектах"});
    // «Калужская модель работает с 2018 года»: a practice at work at home is no borrowing
    if (c.main == Trigger::kIntroduce && !c.example_cue && !c.example_adjective && d.mentions[*p.source].adjectival) {
        p.source.reset();
        return;
    }
    std::optional<std::size_t> r;
    // «Дальше всех продвинулась Калужская область. Там проект по тульскому образцу запустили …»: «там» is the place
    // the sentence before names (its last, not the source)
    // (and «Оренбургский опыт там переняли …», not «там, где …»)
    if (std::size_t w = sb; s > 0) {
        while (w < d.sents[s].end_token && !(T(w).folded == "там" && w + 1 < d.sents[s].end_token &&
                                             T(w + 1).text != "," && T(w + 1).folded != "где"))
            ++w;
        if (w < d.sents[s].end_token)
            for (std::size_t m : Candidates(s - 1))
                if (IsPlaceKind(d.mentions[m].kind) && d.mentions[m].kind != MentionKind::kCountry &&
                    !d.mentions[m].adjectival && Key(m) != Key(*p.source) && RegionOf(m) != RegionOf(*p.source))
                    r = m;
        if (r) {
            p.adopters.insert(p.adopters.begin(), *r);
            return;
        }
    }
    // «Опытом Хабаровского края уже заинтересовались соседи. Правительство Еврейской автономной области
    // направило запрос …»: the neighbours are the ones the next sentence opens with
    bool others = false;  // «в других городах Югры», «в соседних районах»
    for (std::size_t i = sb; i + 1 < d.sents[s].end_token && !others; ++i)
        others = OthersWord(T(i).folded) && OthersNoun(i + 1);
    // («уже интересует соседей»: the object of a verb of interest)
    if (!scaled_nowhere && (SentenceHasWord(s, {"соседи", "коллеги"}) || others ||
                            (c.main == Trigger::kInterest && SentenceHasWord(s, {"соседей", "коллег"})))) {
        r = NamedNext(s, *p.source);
        // «… заинтересовались соседи. В Артёме и Уссурийске рассматривают …»: those listed with the first too
        if (r) {
            ListedAfter(s + 1, *p.source, p);
            const auto next = Candidates(s + 1);
            for (std::size_t more : Coordinated(*r, next, true, false))
                if (Key(more) != Key(*p.source)) p.adopters.push_back(more);
            // «Пенза открыла такие центры …, Саранск пилотирует формат …, а Самара рассматривает его»: each clause's
            // subject
            std::vector<std::size_t> clauses = ClauseSubjects(s + 1);
            for (std::size_t more : ClauseLocatives(s + 1)) clauses.push_back(more);
            for (std::size_t more : clauses)
                if (Key(more) != Key(*p.source) && Key(more) != Key(*r) &&
                    std::none_of(p.adopters.begin(), p.adopters.end(),
                                 [&](std::size_t a) { return Key(a) == Key(more); }))
                    p.adopters.push_back(more);
        }
        // «Интерес к ярославскому опыту уже проявили соседи. По словам Масловой, в Костромской области намерены
        // запустить похожую карту …»: the neighbours are told later, if at all
        // (not «передали коллеги из администрации Иркутска»: the givers)
        if (!r && !c.transfer_verb) {
            p.neighbours = true;
            return;
        }
    }
    // «— Мы его открыли по примеру …» in an interview: «мы» is the body the article is about
    if (!r && !scaled_nowhere && (SentenceHasWord(s, {"мы", "нас", "нам", "нами"}) || SentenceHasOur(s))) {
        // «„Центр мы создавали по якутскому образцу …“, — сообщил Верхотуров»: the body of the post of
        // the one the quote is attributed to, before the body the article opens with
        r = BodyOfQuoted(s, *p.source);
        if (!r) r = Speaker(*p.source);
    }
    // «…подготовил и Майкоп. Город намерен перенять у Краснодара …»: a place's common noun opening the sentence
    // is the place of that kind named last, before any earlier fact's adopter
    if (!r && !scaled_nowhere) r = PlaceByCommonNoun(s, *p.source);
    if (!r && !scaled_nowhere)
        if (auto many = PlacesByPluralNoun(s, *p.source); !many.empty()) {
            p.adopters.insert(p.adopters.begin(), many.begin(), many.end());
            return;
        }
    if (!scaled_nowhere && !r) r = ImplicitAdopter(sb, *p.source);
    if (r) p.adopters.insert(p.adopters.begin(), *r);
}

// «Новшеством стал проектный офис, который с февраля работает в Зеленодольском районе. Его создали по модели …
// в Перми»: a sentence opening with a pronoun for the practice is about the place the sentence before says it
// works or was launched in
std::optional<std::size_t> Finder::WhereThePronounsPracticeWorks(std::size_t sb, std::size_t source) const {
    const std::size_t s = T(sb).sent;
    if (s == 0 || OpenerOf(s) != Opener::kPronounObject) return std::nullopt;
    std::optional<std::size_t> where;
    for (std::size_t m : Candidates(s - 1)) {
        const std::size_t b = d.spans[m].first;
        if (!IsPlaceKind(d.mentions[m].kind) || d.mentions[m].kind == MentionKind::kCountry ||
            d.mentions[m].adjectival || b < 2 || !In(T(b - 1).folded, {"в", "во"}) || Key(m) == Key(source))
            continue;
        for (std::size_t v = b - 1; v > d.sents[s - 1].first_token && v + 5 > b; --v)
            if (IsWorkingVerb(T(v - 1).folded) || IsLaunchVerb(T(v - 1).folded)) {
                where = m;
                break;
            }
    }
    return where;
}

// «Сейчас мы внедряем модель, разработанную в Хакасии … Хотим перенять у Новосибирской области опыт …»: the
// one who goes on borrowing is the last fact's adopter, not the place the last practice came from.
std::optional<std::size_t> Finder::ImplicitAdopter(std::size_t sb, std::size_t source) const {
    // «Краеведческий музей открывает «музейные субботы». Формат подсмотрели у коллег из Усть-Канского районного
    // краеведческого музея»: a body learns from a body of its kind, the one the two sentences before name
    if (d.mentions[source].kind == MentionKind::kOrganisation && T(sb).sent > 0) {
        const std::string head = OrganisationHead(Key(source));
        const std::size_t from = d.sents[T(sb).sent > 1 ? T(sb).sent - 2 : 0].first_token;  // two sentences back
        std::optional<std::size_t> kin, first;
        for (std::size_t o = 0; !head.empty() && o < d.mentions.size() && d.spans[o].first < sb; ++o)
            // (not a body an earlier fact took the practice from: the one it learnt from does not learn back)
            if (d.mentions[o].kind == MentionKind::kOrganisation && Key(o) != Key(source) &&
                OrganisationHead(Key(o)) == head && !MediaOutlet(o) &&
                std::none_of(out.begin(), out.end(),
                             [&](const Fact& f) { return f.source && Key(*f.source) == Key(o); })) {
                if (d.spans[o].first >= from) kin = o;
                if (!first && d.spans[o].second > d.spans[o].first + 1) first = o;  // (named, not «парламент»)
            }
        if (kin) return kin;
        // «председатель Молодёжного парламента при Государственном Совете Чувашской Республики …» in the lede, later
        // «Эту практику переняли у Молодёжного парламента Ульяновской области»: the article's body of that kind,
        // named first
        if (first && d.spans[*first].first < (d.sents.size() > 2 ? d.sents[2].end_token : d.toks.size())) return first;
    }
    // «Орловская область, напротив, от проектных офисов отказалась. Их создали … по белгородскому образцу»: the place
    // the sentence before opens with, in the same paragraph, before an earlier fact's adopter
    if (const std::size_t s = T(sb).sent; s > 0 && ParagraphStart(s) != s)
        if (auto topic = OpeningPlace(s - 1);
            topic && Key(*topic) != Key(source) && (RegionOf(source).empty() || RegionOf(*topic) != RegionOf(source)))
            return topic;
    // «В Ульяновской области открылись первые три молодёжных пространства … — в Инзе, Сурском и Большом Нагаткине.
    // Формат подсмотрели у Башкортостана»: the region the sentence before opens with, not a town listed after it
    if (const std::size_t s = T(sb).sent; s > 0 && ParagraphStart(s) != s) {
        bool where = false;
        if (auto m = PlaceOpening(s - 1, &where); m && where && d.mentions[*m].kind == MentionKind::kRegion &&
                                                  !d.mentions[*m].adjectival && Key(*m) != Key(source) &&
                                                  RegionOf(*m) != RegionOf(source))
            return m;
    }
    auto other_region = [&](std::size_t m) {
        return Key(m) != Key(source) && (RegionOf(source).empty() || RegionOf(m) != RegionOf(source));
    };
    if (auto where = WhereThePronounsPracticeWorks(sb, source)) return where;
    // the one that borrowed most often so far, the article's own («Курганская область переняла … Следующий шаг — …
    // Его планируют создать по примеру Челябинской области»), when it borrowed twice at least
    {
        std::map<std::string, std::pair<int, std::size_t>> counts;
        for (const Fact& f : out)
            if (f.kind == FactKind::kAdoption && f.adopter && other_region(*f.adopter)) {
                auto& [n, m] = counts[Key(*f.adopter)];
                ++n;
                m = *f.adopter;
            }
        std::optional<std::size_t> most;
        int best = 1;
        for (const auto& [key, nm] : counts)
            if (nm.first > best) {
                best = nm.first;
                most = nm.second;
            }
        if (most) return most;
    }
    for (auto it = out.rbegin(); it != out.rend(); ++it) {
        if (it->kind != FactKind::kAdoption || !it->adopter) continue;
        // «Новосибирск перенял соцтакси у Томска. … Бердск запустил его по новосибирскому образцу. Пункты открыли по
        // примеру Красноярска»: the one whose practice others then followed is the article's own, not its follower
        if (it->source && other_region(*it->source) && std::any_of(out.begin(), it.base() - 1, [&](const Fact& f) {
                return f.kind == FactKind::kAdoption && f.adopter && Key(*f.adopter) == Key(*it->source);
            }))
            return it->source;
        if (other_region(*it->adopter)) return it->adopter;
    }
    // «Его перенесли из детской школы искусств № 1 Ангарска»: an organisation learns from an organisation —
    // the one the article opens with
    if (d.mentions[source].kind == MentionKind::kOrganisation)
        if (auto body = Speaker(source)) return body;
    auto place = RecentPlace(sb, Key(source), false);
    // «В кабинете Детской школы искусств № 5 Махачкалы … Идея пришла из Ставрополя»: the place named last as where
    // a body is («… № 5 Махачкалы») stands for that body
    if (place)
        for (std::size_t o = 0; o < d.mentions.size() && d.spans[o].first <= d.spans[*place].first; ++o)
            if (d.spans[o].first < d.spans[*place].first && d.spans[o].second >= d.spans[*place].second &&
                cand_at[d.spans[o].first] == static_cast<int>(o) && Institution(o) && Key(o) != Key(source) &&
                !MediaOutlet(o))
                return o;
    return place;
}

// A place in the nominative that opens sentence s, its subject: «Орловская область, напротив, …».
std::optional<std::size_t> Finder::OpeningPlace(std::size_t s) const {
    const std::size_t w = FirstWord(s);
    if (w >= d.sents[s].end_token || cand_at[w] < 0) return std::nullopt;
    const auto m = static_cast<std::size_t>(cand_at[w]);
    if (d.mentions[m].kind == MentionKind::kCountry || d.mentions[m].adjectival || !Nominative(m)) return std::nullopt;
    return m;
}

// «по примеру детской школы искусств имени Шостаковича в Тюмени», «школы № 3 Казани»: the place right after
// an organisation that is the source says where the source is; it is not the one that borrows.
bool Finder::PlaceOfSource(std::size_t m, std::size_t source) const {
    std::size_t e = d.spans[source].second, b = d.spans[m].first;
    // «у соседей из Искитимского района Новосибирской области»: the region right after a town or district that is
    // the source is where that one lies
    if (d.mentions[source].kind == MentionKind::kMunicipality && d.mentions[m].kind == MentionKind::kRegion && b == e &&
        !d.mentions[m].adjectival)
        return true;
    if (d.mentions[source].kind != MentionKind::kOrganisation || !IsPlaceKind(d.mentions[m].kind)) return false;
    // («в Минусинской межрайонной больнице (Красноярский край)»: in brackets too)
    return b == e || (b == e + 1 && (In(T(e).folded, {"в", "во", "из"}) || T(e).text == "("));
}

// The first sentence of sentence s's paragraph: a line break stands between paragraphs.
std::size_t Finder::ParagraphStart(std::size_t s) const { return d.ParagraphStart(s); }

// «Аналогичный проект уже несколько лет действует в Архангельске, откуда и пришла идея», «в Благовещенске такой
// чат-бот работает с 2023 года»: a practice like this one at work in a place names where it comes from —
// «такой / аналогичный / подобный» before a practice noun, a verb of working, and the place in the same clause.
bool Finder::SimilarWorksIn(std::size_t m) const {
    std::size_t b = d.spans[m].first, e = d.spans[m].second;
    std::size_t s = T(b).sent, sb = d.sents[s].first_token, se = d.sents[s].end_token;
    // «…, откуда и пришла идея»
    if (e + 2 < se && T(e).text == "," && T(e + 1).folded == "откуда") return true;
    std::size_t from = b, to = e;  // the clause around the place: no comma, dash or colon across
    auto bound = [&](std::size_t i) { return In(T(i).text, {",", "—", ":", ";"}); };
    while (from > sb && !bound(from - 1)) --from;
    while (to < se && !bound(to)) ++to;
    // «Теперь «субботы» работают и в Нижневартовске»: «и в» adds a place to those that have it
    if (b >= 2 && In(T(b - 1).folded, {"в", "во"}) && T(b - 2).folded == "и") return false;
    bool similar = false, works = false;
    for (std::size_t i = from; i + 1 < to; ++i) {
        if (Pre(T(i).folded, {"аналогичн", "подобн"}) || In(T(i).folded, {"такой", "такая", "такое", "такие"}))
            for (std::size_t j = i + 1; j < to && j < i + 3; ++j)  // «такой чат-бот», «аналогичный проект»
                similar = similar || (T(j).word && cand_at[j] < 0 && !T(j).cap &&
                                      (IsPracticeNoun(T(j).folded) || !AdjectiveShaped(T(j).folded)));
        works = works || In(T(i).folded, {"действует", "действуют", "работает", "работают", "существует", "есть",
                                          "реализуется", "применяется", "используется", "функционирует"});
        // «Подобные сети действуют также в Хабаровском крае»: a parallel, not where the practice came from
        if (In(T(i).folded, {"также", "тоже"})) return false;
    }
    return similar && works;
}

// «подход позаимствовали у Дагестана: … наши специалисты ездили в Махачкалу смотреть»: a town of the source's
// region that someone travelled to is where the source was seen, not one that borrows.
bool Finder::VisitedAtSource(std::size_t m, std::size_t source) const {
    // (a district the directory does not place: «ездили в Лужский и Волховский районы» after «Ленинградский опыт»)
    if (d.mentions[m].kind != MentionKind::kMunicipality || d.mentions[source].kind != MentionKind::kRegion ||
        (!RegionOf(m).empty() && RegionOf(m) != RegionOf(source)) || (RegionOf(m).empty() && !District(m)))
        return false;
    std::size_t b = d.spans[m].first;
    // the first of a list after «в»
    while (b >= 2 && (T(b - 1).folded == "и" || T(b - 1).text == ",") && cand_at[b - 2] >= 0 &&
           d.mentions[static_cast<std::size_t>(cand_at[b - 2])].kind == MentionKind::kMunicipality)
        b = d.spans[static_cast<std::size_t>(cand_at[b - 2])].first;
    if (b < 2 || !In(T(b - 1).folded, {"в", "во"})) return false;
    return IsTripVerb(T(b - 2).folded);
}

// «наш», «наши специалисты», «в нашем регионе»: the author speaks for the one that borrows.
bool Finder::SentenceHasOur(std::size_t s) const {
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
        if (T(i).word && Pre(T(i).folded, {"наш"}) && T(i).folded.size() <= 12) return true;
    return false;
}

// «…из детской школы искусств № 1 Ангарска, где педагоги первыми в Приангарье начали …»: a relative clause
// right after the source tells about the source; what it names does not borrow.
bool Finder::AboutSource(std::size_t m, std::size_t source) const {
    std::size_t e = d.spans[source].second, b = d.spans[m].first;
    if (b <= e + 1 || T(e).text != "," ||
        !(In(T(e + 1).folded, {"где", "куда", "откуда"}) || Pre(T(e + 1).folded, {"котор"})))
        return false;
    for (std::size_t i = e + 2; i < b; ++i)
        if (T(i).text == "," || T(i).text == "—" || T(i).text == ";") return false;
    return true;
}

// «…, уточнили в пресс-службе мэрии», «по данным министерства»: the body that reports, not one that borrows.
bool Finder::Reporter(std::size_t m) const {
    std::size_t k = d.spans[m].first;
    // «Минспорт: нижегородская модель заработала ещё в трёх регионах»: a headline's attribution
    if (k == d.sents[T(k).sent].first_token && d.spans[m].second < d.toks.size() && T(d.spans[m].second).text == ":")
        return true;
    if (k >= 2 && In(T(k - 1).folded, {"данным", "информации", "словам"}) && T(k - 2).folded == "по") return true;
    if (k >= 1 && Pre(T(k - 1).folded, {"пресс-служб"})) --k;
    // «как сообщили в региональном министерстве»: the body's lower-case adjectives
    auto adjective = [](const std::string& f) {
        return AdjectiveShaped(f) || f.ends_with("ном") || f.ends_with("ском");
    };
    for (int n = 0; n < 2 && k >= 2 && T(k - 1).word && !T(k - 1).cap && adjective(T(k - 1).folded); ++n) --k;
    if (k >= 3 && Pre(T(k - 1).folded, {"служб"}) && T(k - 2).text == "-" && T(k - 3).folded == "пресс") k -= 3;
    if (k < 2 || !In(T(k - 1).folded, {"в", "во"})) return false;
    return Pre(T(k - 2).folded, {"сообщ", "уточн", "рассказ", "поясн", "отмет", "подчеркн", "заяв", "добав", "сказ",
                                 "информир", "пресс-служб"});
}

// «Газета «Нерехтская неделя», 8 марта», «телеканал «Вести-Приволжье»»: the outlet that prints the story (its
// masthead or credit) speaks for no one in it.
bool Finder::MediaOutlet(std::size_t m) const {
    std::size_t b = d.spans[m].first;
    auto media = [](const std::string& f) {
        return Pre(f, {"газет", "журнал", "телеканал", "радиостанц", "информагентств", "агентств", "издани", "портал",
                       "телеграм-канал", "еженедельник"}) ||
               In(f, {"ия", "радио", "тк"});
    };
    if (T(b).word && media(T(b).folded)) return true;
    // «Лаганский вестник», «Слободская правда», «Вечерние ведомости»: the words papers are named by
    for (std::size_t q = b; q < d.spans[m].second; ++q)
        if (T(q).word && Pre(T(q).folded, {"вестник", "правд", "известия", "ведомост", "курьер"})) return true;
    std::size_t k = b;
    while (k > 0 && !T(k - 1).word && (T(k - 1).text == "«" || T(k - 1).text == "\"")) --k;
    return k > 0 && T(k - 1).word && media(T(k - 1).folded);
}

// The place or body the sentence after s opens with (its first three words), if it is not the source.
std::optional<std::size_t> Finder::NamedNext(std::size_t s, std::size_t source) const {
    if (s + 1 >= d.sents.size()) return std::nullopt;
    std::size_t b = d.sents[s + 1].first_token, e = std::min(d.sents[s + 1].end_token, b + 3);
    for (std::size_t i = b; i < e; ++i) {
        if (cand_at[i] < 0) continue;
        auto m = static_cast<std::size_t>(cand_at[i]);
        const MentionKind k = d.mentions[m].kind;
        if (Key(m) == Key(source) || k == MentionKind::kCountry || k == MentionKind::kPerson) return std::nullopt;
        if (IsPlaceKind(k) || k == MentionKind::kOrganisation) return m;
    }
    return std::nullopt;
}

// «Чебоксарскую схему перенимают другие города республики. В Новочебоксарске сетки стоят с весны. «…», — пояснил
// глава. В Канаше их в тестовом режиме установили на двух улицах. В Алатыре пока рассматривают …»: after the first
// one named (sentence n), each sentence that opens with another place adds it, with the stage it tells; quotes
// between do not end the list, any other sentence does.
void Finder::ListedAfter(std::size_t n, std::size_t source, Parties& p) const {
    for (std::size_t k = n + 1; k < d.sents.size() && k <= n + 5; ++k) {
        std::size_t w = d.sents[k].first_token;
        const std::size_t e = d.sents[k].end_token;
        while (w < e && !T(w).word && T(w).text != "«") ++w;
        if (w < e && T(w).text == "«") continue;  // a quote of someone named
        if (w + 1 >= e || !In(T(w).folded, {"в", "во"}) || cand_at[w + 1] < 0) return;
        const auto m = static_cast<std::size_t>(cand_at[w + 1]);
        if (!IsPlaceKind(d.mentions[m].kind) || d.mentions[m].kind == MentionKind::kCountry ||
            d.mentions[m].adjectival || Key(m) == Key(source) ||
            std::any_of(p.adopters.begin(), p.adopters.end(), [&](std::size_t a) { return Key(a) == Key(m); }))
            return;
        p.adopters.push_back(m);
        listed_stage_[Key(m)] = StageOf(k, ScanCues(k).main);
    }
}

// The places that open the clauses of sentence n after its first as «, а в X …» whose clause says the practice
// works or was launched there («В Вологодской области проект работает с прошлого года, а в Республике Коми его
// запустили весной»).
std::vector<std::size_t> Finder::ClauseLocatives(std::size_t n) const {
    std::vector<std::size_t> places;
    if (n >= d.sents.size()) return places;
    const std::size_t sb = d.sents[n].first_token, se = d.sents[n].end_token;
    for (std::size_t i = sb + 1; i + 3 < se; ++i) {
        if (T(i).text != "," || !In(T(i + 1).folded, {"а", "и"}) || !In(T(i + 2).folded, {"в", "во"}) ||
            cand_at[i + 3] < 0)
            continue;
        const auto m = static_cast<std::size_t>(cand_at[i + 3]);
        if (d.spans[m].first != i + 3 || !IsPlaceKind(d.mentions[m].kind) ||
            d.mentions[m].kind == MentionKind::kCountry || d.mentions[m].adjectival)
            continue;
        for (std::size_t v = d.spans[m].second; v < se && T(v).text != ","; ++v)
            if (IsLaunchVerb(T(v).folded) || IsWorkingVerb(T(v).folded) || TriggerOf(T(v), nullptr) != Trigger::kNone) {
                places.push_back(m);
                break;
            }
    }
    return places;
}

// The places that open the clauses of sentence n after its first, each in the nominative and followed by a word
// («…, Саранск пилотирует …, а Самара рассматривает …»).
std::vector<std::size_t> Finder::ClauseSubjects(std::size_t n) const {
    std::vector<std::size_t> subjects;
    if (n >= d.sents.size()) return subjects;
    const std::size_t sb = d.sents[n].first_token, se = d.sents[n].end_token;
    for (std::size_t i = sb + 1; i + 1 < se; ++i) {
        if (T(i).text != ",") continue;
        std::size_t k = i + 1;
        if (k < se && In(T(k).folded, {"а", "и", "но"})) ++k;
        if (k >= se || cand_at[k] < 0) continue;
        const auto m = static_cast<std::size_t>(cand_at[k]);
        if (d.spans[m].first != k || !IsPlaceKind(d.mentions[m].kind) || d.mentions[m].kind == MentionKind::kCountry ||
            !Nominative(m))
            continue;
        const std::size_t after = d.spans[m].second;
        if (after < se && T(after).word && !T(after).cap) subjects.push_back(m);
    }
    return subjects;
}

// A mention inside the name of an outlet («Слободская» in «Слободская правда»).
bool Finder::InsideMediaOutlet(std::size_t m) const {
    for (std::size_t o = 0; o < d.mentions.size(); ++o)
        if (o != m && d.mentions[o].kind == MentionKind::kOrganisation && d.spans[o].first <= d.spans[m].first &&
            d.spans[m].second <= d.spans[o].second && MediaOutlet(o))
            return true;
    return false;
}

// «по нашей модели», «наш проект», «нашу «Искитимскую ярмарку»»: a practice the speaker's body owns.
bool Finder::OurPractice(std::size_t s) const {
    for (std::size_t i = d.sents[s].first_token; i + 1 < d.sents[s].end_token; ++i) {
        if (!In(T(i).folded, {"наш", "наша", "нашу", "нашей", "нашего", "нашим", "нашему", "наши", "наших"})) continue;
        // «адаптировать схему под нашу сеть дорог»: what it is fitted to is not what was borrowed («по нашей
        // модели» is)
        if (i > d.sents[s].first_token && T(i - 1).word && T(i - 1).folded != "по" &&
            (lex.stop_words.count(T(i - 1).folded) || In(T(i - 1).folded, {"под", "через", "над", "перед"})))
            continue;
        for (std::size_t k = i + 1; k < d.sents[s].end_token && k < i + 3; ++k)
            if (T(k).text == "«" || (T(k).word && (IsPracticeNoun(T(k).folded) || IsStrongCue(T(k).folded))))
                return true;
    }
    return false;
}

// «за основу взято», «по образцу», «прототипом»: the sentence names a basis taken (cached per sentence: CueBefore
// asks it for every candidate).
bool Finder::BasisTaken(std::size_t s) const {
    if (basis_.size() != d.sents.size()) basis_.assign(d.sents.size(), -1);
    if (basis_[s] < 0) basis_[s] = SentenceHas(s, {"основ", "образц", "прототип"}) ? 1 : 0;
    return basis_[s] == 1;
}

// «мы переняли», «которые мы в прошлом году сделали», «переняли мы»: «мы» in the clause of the verb at token v.
bool Finder::WeDo(std::size_t v, std::size_t sb, std::size_t se) const {
    for (std::size_t q = v; q > sb && q + 8 > v;) {
        --q;
        if (!T(q).word && (T(q).text == "," || T(q).text == "—" || T(q).text == ":" || T(q).text == "«")) break;
        if (T(q).folded == "мы") return true;
    }
    return v + 1 < se && T(v + 1).folded == "мы";
}

// The person a quote in sentence s is attributed to: «„…“, — сообщил Верхотуров», «по словам Верхотурова»,
// looked for in s and the sentences after it in the same paragraph (a quote may run over several sentences).
std::optional<std::size_t> Finder::QuotedPerson(std::size_t s) const {
    const std::size_t para = ParagraphStart(s);
    for (std::size_t n = s; n < d.sents.size() && n < s + 4; ++n) {
        if (n > s && ParagraphStart(n) != para) break;
        for (std::size_t i = d.sents[n].first_token; i < d.sents[n].end_token; ++i) {
            const bool speech =
                T(i).word && (Pre(T(i).folded, {"сообщил", "сказал", "рассказал", "отметил", "подчеркнул", "пояснил",
                                                "заявил", "добавил", "уточнил", "признал", "говорит", "рассказывает",
                                                "отмечает", "считает"}) ||
                              (T(i).folded == "словам" && i > 0 && T(i - 1).folded == "по"));
            if (!speech) continue;
            for (std::size_t k = i + 1; k < d.sents[n].end_token && k < i + 12; ++k) {
                const int m = d.MentionAt(k, {MentionKind::kPerson});
                if (m >= 0) return static_cast<std::size_t>(m);
                // «— сказал он»: the person named last before the quote
                if (In(T(k).folded, {"он", "она"}) && k == i + 1) {
                    std::optional<std::size_t> last;
                    for (std::size_t p = 0; p < d.mentions.size() && d.spans[p].second <= d.sents[s].first_token; ++p)
                        if (d.mentions[p].kind == MentionKind::kPerson) last = p;
                    return last;
                }
                if (T(k).text == "«" || T(k).text == ".") break;
            }
        }
    }
    return std::nullopt;
}

// The body of the post that the person a quote is attributed to holds, as a party: the place or organisation of
// a current position fact of that person (the same surname), if it is not the source.
std::optional<std::size_t> Finder::BodyOfQuoted(std::size_t s, std::size_t source) const {
    const auto person = QuotedPerson(s);
    if (!person) return std::nullopt;
    for (const auto& f : out) {
        if (f.kind != FactKind::kPosition || f.past || !f.person ||
            !SamePerson(d.mentions[*f.person], d.mentions[*person]))
            continue;
        for (const auto& body : {f.place, f.organisation})
            if (body && Key(*body) != Key(source) &&
                (RegionOf(source).empty() || RegionOf(*body) != RegionOf(source)) &&
                (d.mentions[*body].kind == MentionKind::kRegion ||
                 d.mentions[*body].kind == MentionKind::kMunicipality ||
                 d.mentions[*body].kind == MentionKind::kOrganisation))
                return body;
    }
    return std::nullopt;
}

// A place named in the nominative: its text is its directory name, which ends as a declined name would not
// («Нефтеюганск», «Тюмень», «Пермский край»; «Сочи», «Марий Эл» read the same in every case and are not counted).
bool Finder::Nominative(std::size_t m) const {
    const Mention& mm = d.mentions[m];
    if (!IsPlaceKind(mm.kind) || !mm.ref || text::Fold(mm.text) != text::Fold(mm.ref->name)) return false;
    const std::string f = text::Fold(mm.text);
    for (const char* v : {"и", "о", "е", "у", "ю", "ы", "э"})
        if (f.ends_with(v)) return false;
    return true;
}

// The town (or region) named before token `before` that is not `not_this` — a linked mention, no street or
// river, no outlet's name: the headline's first when `headline_first` (the town whose story it is), else the last.
std::optional<std::size_t> Finder::PlaceNamedBefore(std::size_t before, bool town, bool region,
                                                    std::optional<std::size_t> not_this, bool headline_first) const {
    std::optional<std::size_t> last, headline;
    for (std::size_t m = 0; m < d.mentions.size() && d.spans[m].second <= before; ++m) {
        const MentionKind k = d.mentions[m].kind;
        if (!((town && k == MentionKind::kMunicipality) || (region && k == MentionKind::kRegion))) continue;
        if (!d.mentions[m].ref || StreetOrRiver(m) || InsideMediaOutlet(m) || (not_this && Key(m) == Key(*not_this)))
            continue;
        last = m;
        if (!headline && !d.sents.empty() && d.spans[m].second <= d.sents[0].end_token) headline = m;
    }
    return headline_first && headline ? headline : last;
}

// «в городе», «в регионе» before token v with no name after it: the town or region named last before (the
// headline's town first), if it is not the source.
std::optional<std::size_t> Finder::PlaceByLocativeNoun(std::size_t sb, std::size_t v, std::size_t source) const {
    for (std::size_t i = sb; i + 1 < v; ++i) {
        if (!In(T(i).folded, {"в", "во"})) continue;
        // «в администрации округа не скрывают: институт старост перенят у …»: the body of a place told by its
        // common noun in the genitive is that place
        std::size_t n = i + 1;
        const bool body =
            In(T(n).folded, {"администрации", "мэрии", "правительстве"}) && n + 1 < v &&
            In(T(n + 1).folded, {"района", "округа", "города", "региона", "области", "края", "республики"});
        if (body) ++n;
        const std::string f = !body                     ? T(n).folded
                              : T(n).folded == "района" ? std::string("районе")
                              : T(n).folded == "округа" ? std::string("округе")
                              : T(n).folded == "города" ? std::string("городе")
                                                        : std::string("регионе");
        const bool town = f == "городе";
        const bool region = In(f, {"регионе", "области", "крае", "республике"});
        // «Формат в районе подсмотрели у соседей»: the district named last before
        if (In(f, {"районе", "округе"}) && !(n + 1 < d.toks.size() && T(n + 1).word && T(n + 1).cap)) {
            std::optional<std::size_t> district;
            for (std::size_t m = 0; m < d.mentions.size() && d.spans[m].second <= i; ++m)
                if (District(m) && Key(m) != Key(source) &&
                    !(d.mentions[source].ref && DistrictNamedFor(m, TownStem(d.mentions[source].ref->name))))
                    district = m;
            if (district) return district;
            // «создан в округе по образцу Тюменской области»: an autonomous okrug is a region
            if (f == "округе")
                for (std::size_t m = 0; m < d.mentions.size() && d.spans[m].second <= i; ++m)
                    if (d.mentions[m].kind == MentionKind::kRegion && d.mentions[m].ref && Key(m) != Key(source) &&
                        text::Fold(d.mentions[m].ref->name).find("округ") != std::string::npos)
                        district = m;
            if (district) return district;
            continue;
        }
        if (!town && !region) continue;
        // «в городе Сызрани», «в области культуры»: a name or a genitive after it is no common noun alone
        if (n + 1 < d.toks.size() && T(n + 1).word && (T(n + 1).cap || (!body && region))) continue;
        // «появился первым в области»: where it was first, said of the source
        if (i > sb && Pre(T(i - 1).folded, {"первы", "первой", "единственн"})) continue;
        if (auto place = PlaceNamedBefore(i, town, region, source, true)) return place;
    }
    return std::nullopt;
}

// «Город намерен …», «Регион планирует …»: the sentence opens with a place's common noun; the place of that kind
// named last before it, if it is not the source.
std::optional<std::size_t> Finder::PlaceByCommonNoun(std::size_t s, std::size_t source) const {
    const std::size_t w = FirstWord(s);
    if (w >= d.sents[s].end_token || cand_at[w] >= 0) return std::nullopt;
    const std::string& f = T(w).folded;
    const bool town = In(f, {"город", "муниципалитет", "райцентр"});
    const bool region = In(f, {"регион", "республика", "область", "край", "субъект"});
    if (!town && !region) return std::nullopt;
    return PlaceNamedBefore(w, town, region, source, false);
}

// «С 1 сентября в Павловском, Тальменском и Ребрихинском районах начали работу … Районы работают по модели …»: a
// plural common noun opening the sentence stands for the places of that kind listed together in the three sentences
// before (none when no such list).
std::vector<std::size_t> Finder::PlacesByPluralNoun(std::size_t s, std::size_t source) const {
    const std::size_t w = FirstWord(s);
    if (w >= d.sents[s].end_token || cand_at[w] >= 0) return {};
    const std::string& f = T(w).folded;
    const bool districts = In(f, {"районы", "округа"}), towns = In(f, {"города", "муниципалитеты"}),
               regions = In(f, {"регионы", "области", "республики"});
    if (!districts && !towns && !regions) return {};
    auto kind_of = [&](std::size_t m) {
        if (d.mentions[m].adjectival || Key(m) == Key(source)) return false;
        if (regions) return d.mentions[m].kind == MentionKind::kRegion;
        if (districts) return District(m);
        return d.mentions[m].kind == MentionKind::kMunicipality && !District(m);
    };
    for (std::size_t back = 1; back <= 3 && back <= s; ++back) {
        const auto cands = Candidates(s - back);
        for (std::size_t m : cands) {
            if (!kind_of(m)) continue;
            std::vector<std::size_t> list{m};
            for (std::size_t more : Coordinated(m, cands, true, false))
                if (kind_of(more)) list.push_back(more);
            if (list.size() >= 2) return list;
        }
    }
    return {};
}

// «Практику регион перенял у Липецкой области … и опробовал в Корочанском и Чернянском районах», «эту схему
// республика позаимствовала у Белгородской области»: a place's common noun right before the verb of borrowing is
// its subject, the place of that kind named last before it; the places named after the verb say where it was
// tried. «Соседняя республика» is another one.
std::optional<std::size_t> Finder::PlaceBySubjectNoun(std::size_t s, std::size_t source) const {
    const std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    for (std::size_t v = sb + 1; v < se; ++v) {
        const Trigger t = TriggerOf(T(v), &T(v - 1));
        if (t == Trigger::kNone || t == Trigger::kTransfer || t == Trigger::kShare) continue;
        std::size_t n = v - 1;
        while (n > sb && In(T(n).folded, {"уже", "тоже", "также", "сначала", "ещё", "еще", "успешно", "первым"})) --n;
        if (!T(n).word || cand_at[n] >= 0) return std::nullopt;
        const bool town = In(T(n).folded, {"город", "муниципалитет", "райцентр"});
        const bool region = In(T(n).folded, {"регион", "республика", "область", "край", "субъект"});
        if (!town && !region) return std::nullopt;
        if (n > sb && T(n - 1).word && AdjectiveShaped(T(n - 1).folded)) return std::nullopt;
        return PlaceNamedBefore(n, town, region, source, false);
    }
    return std::nullopt;
}

// A municipal district or okrug named in full, linked or not: «Искитимский район», «Стародубский муниципальный округ».
bool Finder::District(std::size_t m) const {
    if (d.mentions[m].kind != MentionKind::kMunicipality) return false;
    const std::string n = text::Fold(d.mentions[m].normal.empty() ? d.mentions[m].text : d.mentions[m].normal);
    return n.ends_with(" район") || n.ends_with(" округ");
}

// Who «мы» is when a sentence names no one that borrows: the organisation the article opens with in its
// headline or first paragraph — an interview's or a press release's own body — if it is not the source. (A
// place is found by ImplicitAdopter.)
std::optional<std::size_t> Finder::Speaker(std::size_t source) const {
    // the first paragraph's full name before the headline's short one («братская ДШИ № 4»)
    std::size_t lead_end = d.sents.size() > 1 ? d.sents[1].end_token : d.toks.size();
    std::size_t body = d.sents.size() > 1 ? d.sents[1].first_token : 0;
    // «Губернатор Забайкалья отчитался перед депутатами»: an official the headline opens with speaks for the
    // body of the post, whatever bodies the lead names after
    if (!d.sents.empty())
        for (std::size_t m = 0; m < d.mentions.size() && d.spans[m].first < d.sents[0].end_token; ++m)
            if (d.mentions[m].kind == MentionKind::kPosition) {
                if (auto official = BodyOfPost(m, source)) return official;
                break;
            }
    std::optional<std::size_t> headline;
    for (std::size_t m = 0; m < d.mentions.size() && d.spans[m].second <= lead_end; ++m) {
        if (d.mentions[m].kind != MentionKind::kOrganisation || m == source || Key(m) == Key(source) || MediaOutlet(m))
            continue;
        std::optional<std::size_t> party;
        if (cand_at[d.spans[m].first] == static_cast<int>(m)) party = m;
        // «возглавляет отдел … Администрации города Сургута»: a town's body stands for the town, the candidate
        // inside it
        for (std::size_t i = d.spans[m].first; !party && i < d.spans[m].second; ++i)
            if (const int c = cand_at[i]; c >= 0 && IsPlaceKind(d.mentions[static_cast<std::size_t>(c)].kind) &&
                                          d.mentions[static_cast<std::size_t>(c)].kind != MentionKind::kCountry &&
                                          Key(static_cast<std::size_t>(c)) != Key(source))
                party = static_cast<std::size_t>(c);
        if (!party) continue;
        if (d.spans[m].first >= body) {
            // «Вице-губернатор Приморского края … курирует социальный блок краевого правительства»: the post the
            // lead opens with names the body before any body named after it
            for (std::size_t q = 0; q < d.mentions.size() && d.spans[q].first < d.spans[m].first; ++q)
                if (d.mentions[q].kind == MentionKind::kPosition && d.spans[q].first >= body)
                    if (auto official = BodyOfPost(q, source)) return official;
            return party;
        }
        if (!headline) headline = party;
    }
    if (headline) return headline;
    // «Министр курортов и туризма Кабардино-Балкарской Республики Артур Бжеников подвёл итоги …»: an interview
    // with an official speaks for the body of the official's post — the place named right after the first post
    // of the headline or the lead
    for (std::size_t m = 0; m + 1 < d.mentions.size() && d.spans[m].second <= lead_end; ++m)
        if (d.mentions[m].kind == MentionKind::kPosition) return BodyOfPost(m, source);
    // «Алексей Горбунов, глава Чайковского городского округа» signing an official's post at its end: the body of
    // the signature's post (a short last paragraph with a person, then a post)
    if (d.sents.empty()) return std::nullopt;
    std::size_t last = ParagraphStart(d.sents.size() - 1);
    while (last > 0 && T(d.sents[last].first_token).text.starts_with("#"))
        last = ParagraphStart(last - 1);  // (hashtags after it)
    const std::size_t sb = d.sents[last].first_token, se = d.sents.back().end_token;
    if (se - sb > 16) return std::nullopt;
    bool person = false;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        if (d.spans[m].first < sb || d.spans[m].first >= se) continue;
        if (d.mentions[m].kind == MentionKind::kPerson) person = true;
        if (person && d.mentions[m].kind == MentionKind::kPosition) return BodyOfPost(m, source);
    }
    // «МБОУ «СОШ № 12» г. Новочебоксарска» alone at the end of a school's post: the body that signs it
    // (its legal form and quote before the name; not a press service, which speaks for its government)
    std::size_t w = sb;
    while (w < se && (!T(w).word || (T(w).all_caps && cand_at[w] < 0))) ++w;
    if (w < se && cand_at[w] >= 0) {
        const auto m = static_cast<std::size_t>(cand_at[w]);
        if (d.mentions[m].kind == MentionKind::kOrganisation && Key(m) != Key(source) && !MediaOutlet(m) &&
            d.sents.size() - 1 == last && !Pre(text::Fold(d.mentions[m].text), {"пресс-служб", "пресс"}))
            return m;
    }
    return std::nullopt;
}

// The place named right after a post («Министр курортов и туризма Кабардино-Балкарской Республики», «Глава
// Искитимского района»), if it is not the source.
std::optional<std::size_t> Finder::BodyOfPost(std::size_t m, std::size_t source) const {
    // the body may follow the words the post leaves out: «Министр курортов [и туризма] Кабардино-Балкарской …»
    std::size_t reach = d.spans[m].second;
    while (reach < d.toks.size() && reach < d.spans[m].second + 3 && T(reach).word && !T(reach).cap) ++reach;
    // «Директор Курского колледжа промышленных технологий и сервиса»: the organisation the post names, not the
    // place inside its name
    for (std::size_t i = d.spans[m].second; i <= reach && i < d.toks.size(); ++i)
        if (const int c = cand_at[i];
            c >= 0 && d.mentions[static_cast<std::size_t>(c)].kind == MentionKind::kOrganisation &&
            d.spans[static_cast<std::size_t>(c)].first == i && Key(static_cast<std::size_t>(c)) != Key(source))
            return static_cast<std::size_t>(c);
    for (std::size_t q = 0; q < d.mentions.size() && d.spans[q].first <= reach; ++q)
        // (a district the directory lacks names its body as well: «Глава Искитимского района»)
        if (d.spans[q].first >= d.spans[m].first && IsPlaceKind(d.mentions[q].kind) &&
            (d.mentions[q].ref || District(q)) && d.mentions[q].kind != MentionKind::kCountry && Key(q) != Key(source))
            return q;
    return std::nullopt;
}

// Token i names a practice by its bare noun, as one told before: «к проекту присоединился», «программу
// запустили в Курске», «этот проект» (not «проект по ремонту дворов», «новую программу»: a practice of its own).
bool Finder::BarePracticeNoun(std::size_t i) const {
    const std::size_t sb = d.sents[T(i).sent].first_token, se = d.sents[T(i).sent].end_token;
    // (nouns that stand for a whole practice, not «благоустройство», «учёт», «помощник»: a part of one)
    if (!T(i).word || cand_at[i] >= 0 ||
        !Pre(T(i).folded, {"проект", "программ", "практик", "модел", "формат", "инициатив", "методик", "технолог",
                           "механизм", "акци", "конкурс", "фестивал", "марафон", "схем", "подход"}))
        return false;
    if (i > sb && T(i - 1).word && AdjectiveShaped(T(i - 1).folded) &&
        !In(T(i - 1).folded, {"этого", "этому", "этой", "такого", "такому", "такой", "данного", "данной"}))
        return false;
    if (i + 1 >= se || !T(i + 1).word) return i + 1 >= se || In(T(i + 1).text, {".", "—", ":"});
    return In(T(i + 1).folded, {"в", "во", "на", "к", "у", "и", "до", "уже", "также", "тоже", "теперь", "сейчас"}) ||
           cand_at[i + 1] >= 0 || TriggerOf(T(i + 1), &T(i)) != Trigger::kNone ||
           Pre(T(i + 1).folded, {"присоедин", "подключ"}) || IsLaunchVerb(T(i + 1).folded) ||
           // «О намерении присоединиться к проекту заявил глава …»: the joined noun ends its phrase at a verb
           (i > sb + 1 && T(i - 1).folded == "к" && Pre(T(i - 2).folded, {"присоедин", "подключ"}) &&
            VerbForm(T(i + 1)));
}

// «к ижевскому проекту присоединилась Можга»: the place whose adjective names the practice joined had it.
std::optional<std::size_t> Finder::OwnerOfJoinedPractice(std::size_t s) const {
    const std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    for (std::size_t i = sb; i + 3 < se; ++i)
        if (T(i).folded == "к" && cand_at[i + 1] >= 0 && T(i + 2).word && IsPracticeNoun(T(i + 2).folded)) {
            const auto m = static_cast<std::size_t>(cand_at[i + 1]);
            if (d.spans[m].second != i + 2 || !d.mentions[m].adjectival || !IsPlaceKind(d.mentions[m].kind)) continue;
            for (std::size_t v = i > sb + 3 ? i - 3 : sb; v < se && v < i + 6; ++v)
                if (Pre(T(v).folded, {"присоедин", "подключ"})) return m;
        }
    return std::nullopt;
}

// A borrowed practice named by the same noun in the sentence before: its owner is the party nearest before that
// noun there, if it is none of the adopters. With `introduced` (a sentence that only introduces the practice,
// «Первым к проекту присоединился Липецк»), the noun must stand bare and its owner is where the earlier sentence
// says it was made: «Проект «…», стартовавший в Воронеже, …», «Воронежский проект …».
std::optional<std::size_t> Finder::OwnerInSentenceBefore(std::size_t s, const std::vector<std::size_t>& adopters,
                                                         bool introduced) const {
    // the sentence before, or the one before that in the same paragraph («Здесь придумали формат «…»: …. «…», —
    // рассказал …. Формат уже переняли Копейск и Златоуст»)
    // («Формат «…» придумали в Белгородской области … . «…», — объясняет министр. Первыми формат переняли в
    // Курской области»: a quotation between, in a paragraph of its own)
    // (a practice the headline or the lede places, from anywhere in the article: «Первым к проекту присоединился
    // Сарапул» ten sentences after «Проект «…», стартовавший в Ижевске, …»)
    for (std::size_t back = 1; back <= s; ++back) {
        const std::size_t ps = s - back;
        if (back > 4 && ps >= 3) continue;
        // (further back, or in another paragraph, only a sentence that says where the practice was made)
        const bool far = introduced || back > 2 || (back == 2 && ParagraphStart(ps) != ParagraphStart(s));
        std::size_t pb = d.sents[ps].first_token, pe = d.sents[ps].end_token;
        for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i) {
            // «Теперь мичуринская схема работает и в соседних территориях. В прошлом году её переняли …»: «её»,
            // «его» stand for the practice the sentence before names
            // («С 1 апреля к нему присоединилась Можга»: «к нему», «к ней» joining the practice told before)
            const bool pronoun = back == 1 && (introduced ? In(T(i).folded, {"нему", "ней"}) &&
                                                                i > d.sents[s].first_token && T(i - 1).folded == "к"
                                                          : In(T(i).folded, {"ее", "её", "его"}));
            if (introduced ? !pronoun && !BarePracticeNoun(i)
                           : !T(i).word || (!pronoun && (!IsPracticeNoun(T(i).folded) || T(i).folded.size() < 8)) ||
                                 cand_at[i] >= 0)
                continue;
            for (std::size_t j = pb; j < pe; ++j) {
                if (!T(j).word ||
                    (pronoun ? !IsPracticeNoun(T(j).folded)
                             : T(j).key != T(i).key && T(j).folded.compare(0, 10, T(i).folded, 0, 10) != 0))
                    continue;
                std::optional<std::size_t> owner;
                for (std::size_t m : Candidates(ps))
                    if (!far && d.spans[m].second <= j && d.mentions[m].kind != MentionKind::kCountry) owner = m;
                // «Воронежский проект»: a place's adjective right before the noun
                if (!owner && j > pb && cand_at[j - 1] >= 0 &&
                    IsPlaceKind(d.mentions[static_cast<std::size_t>(cand_at[j - 1])].kind) &&
                    d.mentions[static_cast<std::size_t>(cand_at[j - 1])].adjectival)
                    owner = static_cast<std::size_t>(cand_at[j - 1]);
                // «Формат «…» придумали в Белгородской области», «Проект «…», стартовавший в Воронеже»: made where
                // the verb after the noun says
                for (std::size_t q = j + 1; !owner && q + 2 < pe && q < j + 8; ++q)
                    if (T(q).word && (IsLaunchVerb(T(q).folded) || IsParticipleOfOrigin(T(q).folded)) &&
                        In(T(q + 1).folded, {"в", "во"}) && cand_at[q + 2] >= 0 &&
                        IsPlaceKind(d.mentions[static_cast<std::size_t>(cand_at[q + 2])].kind))
                        owner = static_cast<std::size_t>(cand_at[q + 2]);
                // «Здесь придумали формат …»: «здесь» is the place named last before
                if (!owner && !far)
                    for (std::size_t q = pb; q < j; ++q)
                        if (In(T(q).folded, {"здесь", "тут"}) && j <= q + 4)
                            owner = RecentPlace(pb, adopters.empty() ? "" : Key(adopters[0]), false);
                for (std::size_t a : adopters)
                    if (owner && Key(a) == Key(*owner)) owner.reset();
                if (owner && introduced) told_practice_ = j;
                if (owner || !introduced) return owner;
            }
        }
    }
    return std::nullopt;
}

// The sentence after an introduction says where the practice comes from: it opens with the practice or a
// pronoun and places its origin («Модель разработана в Татарстане», «Впервые такие центры появились в Перми»).
std::optional<std::size_t> Finder::OriginInNextSentence(std::size_t s, std::size_t* found_in) const {
    for (std::size_t n = s + 1; n < d.sents.size() && n <= s + 2; ++n)
        if (auto m = OriginIn(n)) {
            if (found_in) *found_in = n;
            return m;
        }
    return std::nullopt;
}

// A sentence that opens with the practice or a pronoun and says where it was made or who presented it:
// «Модель разработана в Татарстане», «Модель придумали в Сургуте», «Модель разработали и отладили в Тюменской
// области», «Систему представили нижегородцы».
std::optional<std::size_t> Finder::OriginIn(std::size_t n) const {
    std::size_t w = d.sents[n].first_token, ne = d.sents[n].end_token;
    while (w < ne && !T(w).word) ++w;
    if (w >= ne) return std::nullopt;
    const std::string& f0 = T(w).folded;
    if (!IsPracticeNoun(f0) &&
        !In(f0, {"он", "она", "оно", "они", "эта", "этот", "такая", "такой", "такие", "впервые"}))
        return std::nullopt;
    for (std::size_t i = w; i + 2 < ne; ++i) {
        const bool presented = Pre(T(i).folded, {"представил", "представля", "презентова"});
        if (!presented && !Pre(T(i).folded, {"разработан", "разработал", "создан", "придуман", "придумал", "запущен",
                                             "появил", "отладил", "отлажен", "изобрел", "изобретен", "зародил", "родил",
                                             "опробован", "апробирован", "впервые"}))
            continue;
        for (std::size_t j = i + 1; j < i + 4 && j + 1 < ne; ++j) {
            // «представили нижегородцы»: who presented it, right after the verb
            int m = presented && cand_at[j] >= 0 ? cand_at[j] : (In(T(j).folded, {"в", "во"}) ? cand_at[j + 1] : -1);
            if (m < 0) continue;
            auto mm = static_cast<std::size_t>(m);
            const bool at = d.spans[mm].first == j + 1 || (presented && d.spans[mm].first == j);
            if (IsPlaceKind(d.mentions[mm].kind) && d.mentions[mm].kind != MentionKind::kCountry && at) return mm;
        }
    }
    return std::nullopt;
}

// «по примеру иркутских школ», «псковские власти» read as the region; the region's capital instead when
// the article names that capital («в Иркутске такая система действует», «глава Пскова») and either the
// other party is a city or the region itself is never named.
// A region's government body stands for the region as a party: «правительство области изучает …», «власти края
// решили …» (its kind and «области», «края», «региона»: the last region named before it that is not `other`), and
// «правительства Новосибирской области» (the region named inside it); a town's administration is the town
// («администрация Тюмени»). Another body named in full stays the body: «В министерстве здравоохранения Кировской
// области рассматривают …» is the ministry.
std::size_t Finder::PlaceOfBody(std::size_t party, std::optional<std::size_t> other) const {
    if (d.mentions[party].kind != MentionKind::kOrganisation) return party;
    std::size_t b = d.spans[party].first, e = d.spans[party].second;
    if (!T(b).word) return party;
    const std::string other_key = other ? Key(*other) : std::string();
    // the body's kind, then «области» (inside the mention or right after it): «правительство области»,
    // «Минстрой республики», «Минздрав края»
    const bool short_ministry =
        T(b).cap && Pre(T(b).folded, {"минстро", "минздрав", "минсоц", "минкульт", "минобр", "минэконом", "минтруд",
                                      "минспорт", "минприрод", "минцифр", "минсельхоз", "минтранс", "минмолод"});
    const bool body_kind =
        short_ministry ||
        (!T(b).cap && In(T(b).folded, {"правительство", "правительства", "правительству", "правительством",
                                       "администрация", "администрации", "министерство", "министерства", "власти",
                                       "властям", "руководство", "мэрия", "мэрии"}));
    const std::size_t where = e == b + 2 ? b + 1 : e;
    if (body_kind && (e == b + 1 || e == b + 2) && where < d.toks.size() &&
        In(T(where).folded, {"области", "края", "республики", "региона", "округа"})) {
        if (auto r = RecentPlace(b, other_key, true)) return *r;
        return party;
    }
    // «региональное министерство переняло», «областное правительство»: the region named last
    if (b > 0 && e == b + 1 && body_kind && Pre(T(b - 1).folded, {"регионал", "областн", "краев", "республиканск"}))
        if (auto r = RecentPlace(b, other_key, true)) return *r;
    // «Следующим шагом правительство намерено перенять у Татарстана …»: a government named by its kind alone is the
    // region the headline or the lede names (the article's own), else the region named last
    // («министерство приняло решение распространить модель на весь регион» in a ministry's press release too)
    if (e == b + 1 && !T(b).cap && Pre(T(b).folded, {"правительств", "министерств", "ведомств"}) &&
        !(b > 0 && Pre(T(b - 1).folded, {"федеральн", "российск", "нов", "прежн"}))) {
        const std::size_t lede = d.sents.size() > 1 ? d.sents[1].end_token : d.toks.size();
        for (std::size_t q = 0; q < d.mentions.size() && d.spans[q].second <= std::min(lede, b); ++q)
            if (d.mentions[q].kind == MentionKind::kRegion && d.mentions[q].ref && Key(q) != other_key &&
                !InsideMediaOutlet(q))
                return q;
        if (auto r = RecentPlace(b, other_key, true)) return *r;
    }
    // «В мэрии изучают опыт Казани», «администрация решила»: a town's body named by its kind alone is the town
    // named last before it
    // (and «В городской администрации рассматривают …», «районная администрация»)
    const bool local_kind =
        e == b + 2 && Pre(T(b).folded, {"городск", "районн"}) && Pre(T(b + 1).folded, {"администрац"});
    if ((e == b + 1 && In(T(b).folded, {"мэрия", "мэрии", "мэрию", "горадминистрация", "горадминистрации"})) ||
        local_kind) {
        // (the town the headline names, whose story it is, before the one named last)
        // («На очереди — Нефтеюганск. В городской администрации …»: the town named last)
        return PlaceNamedBefore(b, true, false, other, !local_kind).value_or(party);
    }
    // a region's government is the region: «правительства Новосибирской области»; a town's administration is the
    // town: «организовала администрация Тюмени»
    const bool government = Pre(T(b).folded, {"правительств"});
    const bool administration = Pre(T(b).folded, {"администрац", "мэри"});
    if (!government && !administration) return party;
    for (std::size_t q = 0; q < d.mentions.size(); ++q)
        if (q != party && d.mentions[q].kind == (government ? MentionKind::kRegion : MentionKind::kMunicipality) &&
            (d.mentions[q].ref || (administration && District(q))) && !d.mentions[q].adjectival &&
            d.spans[q].first > b && d.spans[q].second <= e && Key(q) != other_key)
            return q;
    return party;
}

// «буйские медики … переняли у вологодских коллег из Тотемской ЦРБ»: people named by a town's adjective who
// learn from an organisation stand for the organisation of that town the article names («Буйской центральной
// районной больнице»), the first with its full name.
std::size_t Finder::BodyOfPeople(std::size_t party, std::size_t source) const {
    if (!d.mentions[party].adjectival || d.mentions[source].kind != MentionKind::kOrganisation) return party;
    const std::size_t e = d.spans[party].second;
    if (e >= d.toks.size() || !T(e).word || !IsAdopterPeople(T(e).folded)) return party;
    std::optional<std::size_t> best;
    for (std::size_t q = 0; q < d.mentions.size(); ++q) {
        if (d.mentions[q].kind != MentionKind::kOrganisation || q == source || MediaOutlet(q)) continue;
        for (std::size_t m = 0; m < d.mentions.size(); ++m)
            if (m != party && IsPlaceKind(d.mentions[m].kind) && Key(m) == Key(party) &&
                d.spans[m].first == d.spans[q].first && d.spans[m].second < d.spans[q].second) {
                if (!best || d.spans[q].second - d.spans[q].first > d.spans[*best].second - d.spans[*best].first)
                    best = q;
                break;
            }
        if (best) break;
    }
    return best ? *best : party;
}

std::size_t Finder::CityForAdjective(std::size_t party, std::optional<std::size_t> other) const {
    const Mention& sm = d.mentions[party];
    if (auto district = DistrictForAdjective(party)) return *district;
    // «в столице Коми»: the capital the article names elsewhere
    const std::size_t b = d.spans[party].first;
    const bool capital_of = b > 0 && Pre(T(b - 1).folded, {"столиц"});
    if ((!sm.adjectival && !capital_of) || sm.kind != MentionKind::kRegion || !sm.ref || sm.ref->federal_city)
        return party;
    auto [region, capital] = RegionAndCapitalNamed(sm.ref->code);
    const bool city_pair = other && d.mentions[*other].kind == MentionKind::kMunicipality;
    return capital && (capital_of || city_pair || !region) ? *capital : party;
}

// A town's name without its last vowels or soft sign, four letters at least («Бийск» → «бийск», «Уфа» → none):
// what the adjective of a district named for it starts with.
std::string Finder::TownStem(const std::string& name) {
    std::string town = text::Fold(name);
    while (!town.empty() && (town.ends_with("а") || town.ends_with("о") || town.ends_with("ь") || town.ends_with("я") ||
                             town.ends_with("е") || town.ends_with("ы")))
        town.resize(town.size() - 2);  // one Cyrillic letter
    return text::CodePointLength(town) < 4 ? std::string() : town;
}

// Mention m is a district named for the town of stem `town` («Балтийский городской округ» for «Балтийск»).
bool Finder::DistrictNamedFor(std::size_t m, const std::string& town) const {
    if (town.empty() || !District(m)) return false;
    const std::string n = text::Fold(d.mentions[m].normal.empty() ? d.mentions[m].text : d.mentions[m].normal);
    const std::string first = n.substr(0, n.find(' '));
    return first.starts_with(town) && (first.ends_with("ский") || first.ends_with("цкий"));
}

// «опыт Бийского района … бийскую модель изучают соседи»: a town's adjective or demonym stands for the district of
// the same name when the article names that district and never the town itself («Мичуринский муниципальный округ»
// … «мичуринский порядок», «искитимцы» after «Искитимский район»).
std::optional<std::size_t> Finder::DistrictForAdjective(std::size_t party) const {
    const Mention& pm = d.mentions[party];
    // («Белорецкая модель»: a town in «-ск» shares its key with its adjective, which the ending tells)
    auto adjective = [&](const Mention& mm) {
        const std::string f = text::Fold(mm.text);
        return mm.adjectival || mm.demonym ||
               (f.find(' ') == std::string::npos && (AdjectiveShaped(f) || f.ends_with("ым") || f.ends_with("им")));
    };
    if (pm.kind != MentionKind::kMunicipality || !pm.ref || !adjective(pm)) return std::nullopt;
    const std::string town = TownStem(pm.ref->name);
    if (town.empty()) return std::nullopt;
    std::optional<std::size_t> district;
    // the town itself named as often as the district (before the adjective, else in all the article): the
    // adjective is the town's
    int towns = 0, districts = 0, towns_before = 0, districts_before = 0;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const Mention& mm = d.mentions[m];
        if (mm.start < 0) continue;
        const bool before = mm.start < pm.start;
        if (mm.ref && mm.kind == MentionKind::kMunicipality && !adjective(mm) && mm.ref->name == pm.ref->name) {
            ++towns;
            towns_before += before ? 1 : 0;
        }
        if (DistrictNamedFor(m, town)) {
            ++districts;
            districts_before += before ? 1 : 0;
            if (!district) district = m;
        }
    }
    if (towns_before + districts_before > 0) return districts_before > towns_before ? district : std::nullopt;
    return districts > towns ? district : std::nullopt;
}

// The first mention of region `code` by its name (not an adjective), and the first of its capital.
std::pair<std::optional<std::size_t>, std::optional<std::size_t>> Finder::RegionAndCapitalNamed(
    const std::string& code) const {
    std::optional<std::size_t> region, capital;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        const Mention& mm = d.mentions[m];
        if (!mm.ref) continue;
        if (!region && mm.kind == MentionKind::kRegion && !mm.adjectival && mm.ref->code == code) region = m;
        if (!capital && mm.kind == MentionKind::kMunicipality && mm.ref->capital && mm.ref->region == code) capital = m;
    }
    return {region, capital};
}

// «на всю область», «во все районы», «каждый муниципалитет»: sentence s tells a spread over the whole region.
bool Finder::OverTheWholeRegion(std::size_t s) const {
    for (std::size_t i = d.sents[s].first_token; i + 1 < d.sents[s].end_token; ++i)
        if (In(T(i).folded, {"всю", "весь", "все", "каждый"}) &&
            Pre(T(i + 1).folded, {"област", "кра", "республик", "регион", "район", "муниципалитет"}))
            return true;
    return false;
}

// «Теперь омскую практику тиражируют на всю область»: a region spreading its own practice over itself took it
// from its capital — the region named in the article adopts, the capital it names is the source; a town's
// practice spread over the whole region comes from that town.
std::optional<std::pair<std::size_t, std::size_t>> Finder::WholeRegionFromCapital(std::size_t s,
                                                                                  std::size_t source) const {
    const Mention& sm = d.mentions[source];
    // «рыбинскую практику распространяют на все муниципалитеты области»: a town's own, its region adopts
    const bool town = sm.kind == MentionKind::kMunicipality && sm.ref && !sm.ref->region.empty();
    if ((sm.kind != MentionKind::kRegion && !town) || !sm.ref || sm.ref->federal_city) return std::nullopt;
    const std::string& code = town ? sm.ref->region : sm.ref->code;
    if (!OverTheWholeRegion(s)) return std::nullopt;
    auto [region, capital] = RegionAndCapitalNamed(code);
    if (town && region) return std::make_pair(*region, source);
    if (!region || !capital) return std::nullopt;
    return std::make_pair(*region, *capital);
}

std::optional<std::size_t> Finder::SpreadTarget(const std::vector<std::size_t>& cands, std::optional<std::size_t> verb,
                                                std::optional<std::size_t> source) const {
    if (!verb) return std::nullopt;
    for (std::size_t m : cands) {
        std::size_t b = d.spans[m].first;
        if (b <= *verb + 1 || (source && m == *source) || d.mentions[m].adjectival) continue;
        if (T(b - 1).folded == "на" && IsPlaceKind(d.mentions[m].kind) && d.mentions[m].kind != MentionKind::kCountry)
            return m;
    }
    return std::nullopt;
}

}  // namespace orientir::extract::detail::adoption
