// Borrowings told over several sentences: a trip or an interest waiting for the sentence that takes it up,
// and a later sentence that moves a fact on to scaled (adoption.cpp reads one sentence at a time).
#include <algorithm>
#include <string>
#include <vector>

#include "extract/adoption_finder.hpp"
#include "text/normalize.hpp"

namespace orientir::extract::detail::adoption {

// «Очень хотим сделать так же и у нас»: sentence s takes a practice up at home, the speaker's place — in the author's
// own words since sentence `from` (not a quotation), and not saying no one means to.
bool Finder::AtHome(std::size_t s, std::size_t from) const {
    // (the author's own words, not a quotation: «Хотим сделать у себя то же самое», — сказал глава … is his body's)
    // (nor a sentence that says no one means to: «о намерении запустить что-то подобное у себя … не заявляли»)
    bool at_home = false;
    for (std::size_t i = d.sents[s].first_token; i + 1 < d.sents[s].end_token && !at_home; ++i)
        at_home = T(i).folded == "у" && In(T(i + 1).folded, {"нас", "себя"});
    if (SentenceHasWord(s, {"не", "ни"})) at_home = false;
    for (std::size_t i = d.sents[from].first_token; i < d.sents[s].end_token && at_home; ++i)
        at_home = T(i).text != "«" && T(i).text != "»";
    return at_home;
}

// «По итогам поездки мурманчане решили запустить такие маршруты у себя», «решило открыть такой центр»:
// within two sentences of the pending experience, a verb of introducing with «такой / подобный / у себя»
// is its take-up; the fact's evidence spans both sentences.
void Finder::TakeUpPending(std::size_t s, const Cues& c) {
    const Trigger main = c.main;
    if (!pending_ || s > pending_->sentence + 2) return;
    if (main != Trigger::kIntroduce && main != Trigger::kInterest && main != Trigger::kBorrow) return;
    bool anaphor =
        SentenceHas(s, {"такой", "такие", "такую", "такое", "таких", "подобн", "аналогичн", "похож"}) ||
        ((pending_->visit || pending_->neighbours) && main != Trigger::kInterest && SentenceHasWord(s, {"чтобы"}));
    for (std::size_t i = d.sents[s].first_token; i + 1 < d.sents[s].end_token && !anaphor; ++i)
        anaphor = (T(i).folded == "у" && T(i + 1).folded == "себя") ||
                  (T(i).folded == "так" && T(i + 1).folded == "же");  // «решили сделать так же»
    if (!anaphor) return;
    // «Проект заимствован у Белгородской области, где такие бригады работают»: a sentence with a source of its
    // own, or one that does not put the practice «в» new places, is no take-up of a practice at work
    // («Аналогичная платформа действует в Якутии» tells where a like one is at work: SimilarWorksIn)
    // («Такую практику в Пермском крае тоже хотят ввести»: an intention to introduce it takes it up too)
    const bool at_home = AtHome(s, pending_->sentence);
    if (pending_->works && ((main != Trigger::kIntroduce && !(main == Trigger::kInterest && Intends(s))) ||
                            (!PlacesIntroducedByIn(s) && !at_home) || WorkingVerbIn(s)))
        return;
    Pending p = *pending_;
    pending_.reset();
    std::vector<std::size_t> adopters = p.adopters;
    // «Такая же система заработает в Набережных Челнах и Нижнекамске»: the first place and those listed with it
    if (adopters.empty()) {
        const std::vector<std::size_t> cands = Candidates(s);
        // (not the source's own people: «посмотрели, как это устроено у новосибирцев, — и сделали у себя»)
        for (std::size_t m : cands)
            if (Key(m) != Key(p.source) && d.mentions[m].kind != MentionKind::kCountry &&
                !NoPair(CityForAdjective(PlaceOfBody(m, p.source), p.source), p.source)) {
                adopters.push_back(m);
                for (std::size_t more : Coordinated(m, cands, true, false))
                    if (Key(more) != Key(p.source)) adopters.push_back(more);
                break;
            }
    }
    // «Сейчас присматриваемся к Саранску. … Хотим ввести у себя такую систему»: the practice the take-up names
    bool named = std::any_of(p.practices.begin(), p.practices.end(), [](const auto& t) { return !t.empty(); });
    if (!named) p.practices = Practices(s, c.verb, std::nullopt);
    // «…там такую задачу решили через кооператив, который собирает молоко … Решили сделать так же»: what the
    // trip saw, when the take-up names nothing
    named = std::any_of(p.practices.begin(), p.practices.end(), [](const auto& t) { return !t.empty(); });
    if (!named)
        if (auto start = FirstPracticeNoun(d.sents[p.sentence].first_token, d.sents[p.sentence].end_token))
            p.practices = {PracticeText(PracticeAt(*start, d.sents[p.sentence].end_token, std::nullopt))};
    // «В прошлом году мы побывали в …»: «мы», the one the article speaks for
    if (adopters.empty() && (SentenceHasWord(p.sentence, {"мы", "нас", "нам"}) || SentenceHasOur(p.sentence)))
        if (auto we = Speaker(p.source)) adopters.push_back(*we);
    bool implicit = false;
    if (adopters.empty())
        if (auto r = ImplicitAdopter(d.sents[s].first_token, p.source)) {
            adopters.push_back(*r);
            implicit = true;
        }
    // (a source some fact already has: the take-up is that fact told again)
    if (implicit && std::any_of(out.begin(), out.end(), [&](const Fact& f) {
            return f.kind == FactKind::kAdoption && f.source && Key(*f.source) == Key(p.source);
        }))
        return;
    // («Зимой был в Мурманске … Мурманчане говорят … Решили сделать так же» in a post headed «Алексей Тетерин |
    // Нарьян-Мар»: not the source's own region, named by its people, but the place the headline gives)
    if (implicit && d.mentions[adopters[0]].kind == MentionKind::kRegion && !RegionOf(p.source).empty() &&
        RegionOf(adopters[0]) == RegionOf(p.source)) {
        adopters.clear();
        for (std::size_t m : Candidates(0))
            if (IsPlaceKind(d.mentions[m].kind) && d.mentions[m].kind != MentionKind::kCountry &&
                !RegionOf(m).empty() && RegionOf(m) != RegionOf(p.source)) {
                adopters.push_back(m);
                break;
            }
    }
    if (p.practices.empty()) p.practices.emplace_back();
    auto from = d.sents[p.sentence].start;
    auto to = d.sents[s].end;
    for (std::size_t a : JointBodiesExpanded(adopters)) {
        a = CityForAdjective(PlaceOfBody(a, p.source), p.source);
        if (NoPair(a, p.source)) continue;
        // «…побывали в Вологде. В Вологодской области такие школы работают …»: the source's own region
        const bool region =
            d.mentions[a].kind == MentionKind::kRegion || d.mentions[p.source].kind == MentionKind::kRegion;
        if (region && !RegionOf(a).empty() && RegionOf(a) == RegionOf(p.source)) continue;
        for (const auto& practice : p.practices) {
            Fact f;
            f.kind = FactKind::kAdoption;
            f.adopter = a;
            f.source = p.source;
            f.adopter_region = RegionOf(a);
            f.source_region = RegionOf(p.source);
            f.practice_text = practice;
            f.stage = StageFor(s, main, a, p.source, practice);
            f.channel = ChannelOf(p.sentence);
            f.evidence = Evidence{from, to, d.SliceCp(from, to)};
            f.confidence = 0.6;
            if (!Duplicate(f, false)) out.push_back(std::move(f));
        }
    }
}

// A trip sentence s tells: where it went and who went (none when no trip). «На прошлой неделе в Уфе побывала
// делегация Челябинской области»: the place before the verb, who went after; «Каменские специалисты уже побывали в
// Алейске»: who went before the verb, the place after.
std::optional<Finder::Visit> Finder::VisitIn(std::size_t s) const {
    std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    for (std::size_t i = sb; i + 2 < se; ++i) {
        // («наши специалисты провели три дня в Казани»: days spent somewhere are a trip there)
        const bool spent = Pre(T(i).folded, {"провел", "провели", "провела"}) &&
                           Pre(T(i + 2).folded, {"дня", "дней", "недел", "месяц", "сутк", "день"});
        // («Зимой был в Мурманске и видел, как …»: been there and seen it)
        const bool seen = In(T(i).folded, {"был", "была", "были"}) && In(T(i + 1).folded, {"в", "во"}) &&
                          SentenceHas(s, {"видел", "увидел", "посмотрел", "смотрел"});
        if (!IsTripVerb(T(i).folded) && !spent && !seen) continue;
        // (the place in as many words as it has: «в Шадринский муниципальный округ приезжали»)
        const int before = i > sb ? cand_at[i - 1] : -1;
        const std::size_t at = before >= 0 ? d.spans[static_cast<std::size_t>(before)].first : i;
        if (before >= 0 && at >= sb + 1 && In(T(at - 1).folded, {"в", "во"})) {
            const auto m = static_cast<std::size_t>(before);
            if (IsPlaceKind(d.mentions[m].kind) && d.mentions[m].kind != MentionKind::kCountry) {
                Visit v{m, {}, true};
                const auto cands = Candidates(s);
                for (std::size_t w : cands)
                    if (d.spans[w].first > i && Key(w) != Key(m)) {
                        v.visitors.push_back(w);
                        // «делегации из Чувашии и Мордовии»: each one listed
                        for (std::size_t more : Coordinated(w, cands, true, false))
                            if (Key(more) != Key(m) && Key(more) != Key(w)) v.visitors.push_back(more);
                        break;
                    }
                return v;
            }
        }
        for (std::size_t j = i + 1; j + 1 < se && j < i + 4; ++j) {
            int m = In(T(j).folded, {"в", "во"}) ? cand_at[j + 1] : (Pre(T(i).folded, {"посетил"}) ? cand_at[j] : -1);
            // (a place, or a school, library, hospital visited: «наша команда побывала в челябинском лицее № 11»)
            if (m < 0 ||
                !(IsPlaceKind(d.mentions[static_cast<std::size_t>(m)].kind) ||
                  Institution(static_cast<std::size_t>(m))) ||
                d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kCountry)
                continue;
            Visit v{static_cast<std::size_t>(m), {}, false};
            for (std::size_t w : Candidates(s))
                if (d.spans[w].second <= i && Key(w) != Key(static_cast<std::size_t>(m))) {
                    v.visitors.push_back(w);
                    break;
                }
            return v;
        }
    }
    return std::nullopt;
}

// «Делегация мурманской мэрии … побывала в Вологде.»: a trip with no verb of borrowing waits for the next
// sentences to say what it was for («Цель поездки — изучить систему …, чтобы затем перенести её на мурманские
// дворы»).
void Finder::VisitPending(std::size_t s) {
    if (auto v = VisitIn(s)) pending_ = Pending{s, v->place, v->visitors, {}, true};
}

bool Finder::WorkingVerbIn(std::size_t s) const {
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
        if (IsWorkingVerb(T(i).folded)) return true;
    return false;
}

// Every place the sentence names follows «в / во» (or a list after one): «заработает и в Набережных Челнах и
// Нижнекамске», not «заимствован у Белгородской области».
bool Finder::PlacesIntroducedByIn(std::size_t s) const {
    bool any = false;
    for (std::size_t m : Candidates(s)) {
        if (!IsPlaceKind(d.mentions[m].kind)) continue;
        std::size_t k = d.spans[m].first;
        if (k == d.sents[s].first_token) return false;
        const std::string& before = T(k - 1).folded;
        if (!In(before, {"в", "во", "и"}) && T(k - 1).text != ",") return false;
        any = true;
    }
    return any;
}

// «В Казани адаптивная система работает уже на 180 объектах. Такая же система заработает в Набережных Челнах»: a
// practice at work in a place («в» + the place, a verb of working, a practice noun) waits for a sentence that
// introduces one like it elsewhere (TakeUpPending).
void Finder::WorksPending(std::size_t s) {
    if (pending_ && s <= pending_->sentence + 2) return;  // an earlier trip or interest still waits
    // («В Татарстане каждому жителю расселяемого дома назначают персонального куратора»: a sentence that opens with
    // where, told in the present plural, says what is done there as well)
    // (or after a colon: «Особое внимание пермяки уделили работе с собственниками: в Татарстане …»)
    std::size_t w = d.sents[s].first_token;
    for (std::size_t i = w; i + 1 < d.sents[s].end_token; ++i)
        if (T(i).text == ":") {
            w = i + 1;
            break;
        }
    while (w < d.sents[s].end_token && !T(w).word) ++w;
    bool done_there = w + 1 < d.sents[s].end_token && In(T(w).folded, {"в", "во"}) && cand_at[w + 1] >= 0;
    if (done_there) {
        bool present = false;
        for (std::size_t i = w + 2; i < d.sents[s].end_token && !present; ++i)
            present = T(i).word && !T(i).cap && T(i).folded.size() > 8 &&
                      (T(i).folded.ends_with("ают") || T(i).folded.ends_with("яют") || T(i).folded.ends_with("уют") ||
                       // («В Архангельске такие висят на каждом историческом здании»: any verb in the present plural)
                       ((T(i).folded.ends_with("ят") || T(i).folded.ends_with("ат") || T(i).folded.ends_with("ут") ||
                         T(i).folded.ends_with("ют")) &&
                        VerbForm(T(i))));
        done_there = present;
    }
    // «Очень нравятся профориентационные субботы, которые проводят в Пермском крае: …»: a practice a relative clause
    // says is at work in a place
    if (!done_there)
        for (std::size_t i = d.sents[s].first_token + 2; i + 3 < d.sents[s].end_token; ++i) {
            if (T(i - 1).text != "," || !Pre(T(i).folded, {"котор"})) continue;
            std::size_t v = i + 1;
            if (!In(T(v).folded, {"проводят", "проводятся", "проводится", "работают", "работает", "действуют",
                                  "действует", "применяют", "используют", "организуют"}))
                continue;
            if (!In(T(v + 1).folded, {"в", "во"}) || cand_at[v + 2] < 0) continue;
            const auto m = static_cast<std::size_t>(cand_at[v + 2]);
            if (!IsPlaceKind(d.mentions[m].kind) || d.mentions[m].kind == MentionKind::kCountry) continue;
            const auto start = PhraseStart(i - 2, d.sents[s].first_token);
            if (!start) continue;
            const std::string practice = PracticeText(PracticeAt(*start, i - 1, m));
            if (practice.find(' ') == std::string::npos) continue;
            pending_ = Pending{s, m, {}, {practice}, false, true};
            return;
        }
    if (!done_there &&
        !SentenceHasWord(s, {"работает", "работают", "действует", "действуют", "функционирует", "функционируют",
                             "применяется", "применяются", "используется", "используются"}))
        return;
    // «Пока сервис работает в Центральном и Падунском округах», «в пилотном режиме работает в …»: where the
    // adopter tries it out so far, no source
    if (SentenceHasWord(s, {"пока"}) || SentenceHas(s, {"пилотн", "тестов"})) return;
    std::size_t sb = d.sents[s].first_token, se = d.sents[s].end_token;
    if (!done_there && !FirstPracticeNoun(sb, se)) return;
    for (std::size_t i = sb; i + 1 < se; ++i) {
        if (!In(T(i).folded, {"в", "во"})) continue;
        const int m = cand_at[i + 1];
        if (m < 0 || !IsPlaceKind(d.mentions[static_cast<std::size_t>(m)].kind) ||
            d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kCountry)
            continue;
        auto practices = Practices(s, std::nullopt, static_cast<std::size_t>(m));
        pending_ = Pending{s, static_cast<std::size_t>(m), {}, practices, false, true};
        return;
    }
}

// «Оренбургская область взяла сургутскую модель … в пилотном режиме опробовала … Теперь практику тиражируют на
// все муниципалитеты области»: a later sentence that spreads the same practice, naming no source, moves the
// article's last fact on to scaled; its evidence runs to that sentence.
void Finder::ScaledLater(std::size_t s, const Cues& c) {
    if (out.empty() || out.back().kind != FactKind::kAdoption) return;
    Fact& last = out.back();
    if (last.stage == domain::AdoptionStage::kScaled || last.stage == domain::AdoptionStage::kDiscontinued) return;
    if (!(c.main == Trigger::kSpread || SentenceHas(s, {"тиражир", "масштабир"})) || SentenceHasWord(s, {"если"}))
        return;
    if (StageOf(s, c.main) != domain::AdoptionStage::kScaled) return;
    std::string head = text::Fold(last.practice_text.substr(0, last.practice_text.find(' ')));
    bool same = SentenceHasWord(s, {"практику", "модель", "проект", "опыт", "систему", "формат", "методику"});
    for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token && !same && head.size() >= 10; ++i)
        same = T(i).word && T(i).folded.compare(0, 10, head, 0, 10) == 0;
    if (!same) return;
    last.stage = domain::AdoptionStage::kScaled;
    last.evidence = Evidence{last.evidence.start, d.sents[s].end, d.SliceCp(last.evidence.start, d.sents[s].end)};
}

// «В 2024 году опыт Орска переняли Бузулук и Бугуруслан, а теперь сервис распространён на всю область»: after towns
// took a practice up from a town of their region, its spread over the whole region is the region's scaling of it,
// from the same source (told in the borrowing's sentence or the next).
void Finder::RegionScaledToo(std::size_t s) {
    if (out.empty() || out.back().kind != FactKind::kAdoption || !out.back().source || !out.back().adopter) return;
    const Fact last = out.back();
    const Mention& am = d.mentions[*last.adopter];
    if (am.kind != MentionKind::kMunicipality || last.adopter_region.empty() ||
        RegionOf(*last.source) != last.adopter_region || d.mentions[*last.source].kind != MentionKind::kMunicipality)
        return;
    const auto told = SentenceAt(last.evidence.start);
    if (!told || *told + 1 < s || *told > s) return;
    if (!OverTheWholeRegion(s) || !SentenceHas(s, {"распростран", "тиражир", "масштабир"}) ||
        SentenceHasWord(s, {"если"}))
        return;
    const auto [region, capital] = RegionAndCapitalNamed(last.adopter_region);
    if (!region) return;
    for (const auto* facts : {&out, &scaled_regions_})
        for (const Fact& f : *facts)
            if (f.kind == FactKind::kAdoption && f.adopter &&
                (Key(*f.adopter) == Key(*region) ||
                 (f.stage == domain::AdoptionStage::kScaled && f.adopter_region == last.adopter_region)))
                return;  // (the region's scaling told already, by its ministry too)
    Fact f = last;
    f.adopter = *region;
    f.stage = domain::AdoptionStage::kScaled;
    f.evidence = Evidence{d.sents[s].start, d.sents[s].end, d.SliceCp(d.sents[s].start, d.sents[s].end)};
    // (kept aside until the article is read: the sentences after read the towns' fact as the last one told)
    scaled_regions_.push_back(std::move(f));
}

void Finder::AddScaledRegions() {
    for (Fact& f : scaled_regions_) out.push_back(std::move(f));
    scaled_regions_.clear();
}

}  // namespace orientir::extract::detail::adoption
