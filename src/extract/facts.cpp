// Relation patterns: positions and career moves, adoptions (borrowing, scaling, introducing, applying),
// organisations located in places. Each fact carries its sentence as evidence.

#include <algorithm>
#include <unordered_set>

#include "extract/doc.hpp"
#include "extract/lexicon.hpp"
#include "text/stem.hpp"

namespace orientir::extract::detail {

namespace {

bool IsLoc(MentionKind k) {
    return k == MentionKind::kRegion || k == MentionKind::kMunicipality || k == MentionKind::kCountry;
}

bool StartsWithAny(const std::string& s, std::initializer_list<const char*> prefixes) {
    for (const char* p : prefixes)
        if (s.rfind(p, 0) == 0) return true;
    return false;
}

struct FactFinder {
    const Doc& d;
    std::vector<Fact>& out;
    std::vector<int> tok_mention;  // token → innermost location/person/org mention, -1

    FactFinder(const Doc& doc, std::vector<Fact>& facts) : d(doc), out(facts), tok_mention(doc.toks.size(), -1) {
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            if (d.mentions[m].kind == MentionKind::kPosition) continue;
            for (std::size_t i = d.spans[m].first; i < d.spans[m].second; ++i) {
                int cur = tok_mention[i];
                // the innermost mention wins (locations inside organisations)
                if (cur < 0 ||
                    d.spans[static_cast<std::size_t>(cur)].second - d.spans[static_cast<std::size_t>(cur)].first >
                        d.spans[m].second - d.spans[m].first)
                    tok_mention[i] = static_cast<int>(m);
            }
        }
    }

    Evidence EvidenceOf(std::size_t s) const {
        const auto& sent = d.sents[s];
        return Evidence{sent.start, sent.end, d.SliceCp(sent.start, sent.end)};
    }

    std::vector<std::size_t> MentionsIn(std::size_t s) const {
        std::vector<std::size_t> ms;
        for (std::size_t m = 0; m < d.mentions.size(); ++m)
            if (d.spans[m].first >= d.sents[s].first_token && d.spans[m].first < d.sents[s].end_token) ms.push_back(m);
        return ms;
    }

    bool SentenceHas(std::size_t s, std::initializer_list<const char*> prefixes) const {
        for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
            if (d.toks[i].word && StartsWithAny(d.toks[i].folded, prefixes)) return true;
        return false;
    }

    // The most recent region mentioned before token i (for «в крае», «в регионе»).
    std::optional<std::size_t> RecentRegion(std::size_t i, bool municipality_ok = false) const {
        std::optional<std::size_t> best;
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            if (d.spans[m].second > i) break;
            auto k = d.mentions[m].kind;
            if (k == MentionKind::kRegion || (municipality_ok && k == MentionKind::kMunicipality)) best = m;
        }
        return best;
    }

    std::optional<std::size_t> RecentPerson(std::size_t i) const {
        std::optional<std::size_t> best;
        for (std::size_t m = 0; m < d.mentions.size(); ++m) {
            if (d.spans[m].second > i) break;
            if (d.mentions[m].kind == MentionKind::kPerson) best = m;
        }
        return best;
    }

    bool IsPastMarker(const std::string& f) const {
        return StartsWithAny(f, {"бывш", "экс", "ранее", "работал", "занимал", "возглавлял", "руководил", "трудил",
                                 "прежде", "служил"}) ||
               f == "был" || f == "была";
    }

    void Positions(std::size_t s) {
        auto ms = MentionsIn(s);
        bool past_sentence = false;
        for (std::size_t i = d.sents[s].first_token; i < d.sents[s].end_token; ++i)
            past_sentence = past_sentence || IsPastMarker(d.toks[i].folded);
        for (std::size_t p : ms) {
            if (d.mentions[p].kind != MentionKind::kPosition) continue;
            auto [pb, pe] = d.spans[p];
            std::optional<std::size_t> person, where;
            // «губернатор [Тюменской области] Александр Моор»
            for (std::size_t j = pe; j < d.sents[s].end_token && j < pe + 10; ++j) {
                int m = tok_mention[j];
                if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson) {
                    person = static_cast<std::size_t>(m);
                    break;
                }
                if (m >= 0) {
                    // the outermost organisation or the place right after the post
                    std::size_t mm = static_cast<std::size_t>(m);
                    for (std::size_t o : ms)
                        if (d.mentions[o].kind == MentionKind::kOrganisation && d.spans[o].first <= j &&
                            j < d.spans[o].second)
                            mm = o;
                    if (!where) where = mm;
                    j = d.spans[mm].second - 1;
                    continue;
                }
                const auto& t = d.toks[j];
                if (!t.word && t.text != "-" && t.text != "—" && t.text != "«" && t.text != "»" && t.text != "\"")
                    break;
                if (t.word && t.cap) break;
            }
            // «Александр Моор, губернатор Тюменской области» / «Моор — губернатор»
            if (!person && pb >= 2) {
                std::size_t j = pb;
                while (j > d.sents[s].first_token && !d.toks[j - 1].word &&
                       (d.toks[j - 1].text == "," || d.toks[j - 1].text == "-" || d.toks[j - 1].text == "—"))
                    --j;
                if (j < pb && j > 0) {
                    int m = tok_mention[j - 1];
                    if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson)
                        person = static_cast<std::size_t>(m);
                }
            }
            // «Иванов назначен министром», «Петров стал мэром», «занимал пост губернатора»
            if (!person) {
                for (std::size_t j = pb; j > d.sents[s].first_token && j + 6 > pb; --j) {
                    const auto& f = d.toks[j - 1].folded;
                    if (StartsWithAny(f, {"назнач", "стал", "избран", "занимал", "занима", "работал", "возглав", "пост",
                                          "должност", "утвержд", "являет", "был"})) {
                        for (std::size_t k = j; k > d.sents[s].first_token; --k) {
                            int m = tok_mention[k - 1];
                            if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson) {
                                person = static_cast<std::size_t>(m);
                                break;
                            }
                        }
                        break;
                    }
                }
            }
            if (!person) continue;
            if (!where) {
                // a place or organisation right after the post when the person came first
                std::size_t j = pe;
                if (j < d.sents[s].end_token && tok_mention[j] >= 0 &&
                    d.mentions[static_cast<std::size_t>(tok_mention[j])].kind != MentionKind::kPerson) {
                    std::size_t mm = static_cast<std::size_t>(tok_mention[j]);
                    for (std::size_t o : ms)
                        if (d.mentions[o].kind == MentionKind::kOrganisation && d.spans[o].first <= j &&
                            j < d.spans[o].second)
                            mm = o;
                    where = mm;
                }
            }
            Fact f;
            f.kind = FactKind::kPosition;
            f.person = person;
            f.position = p;
            if (where) {
                if (d.mentions[*where].kind == MentionKind::kOrganisation)
                    f.organisation = where;
                else
                    f.place = where;
            }
            bool before_mod = pb > 0 && StartsWithAny(d.toks[pb - 1].folded, {"бывш", "экс"});
            f.past = before_mod || past_sentence;
            f.evidence = EvidenceOf(s);
            f.confidence = 0.6 + (where ? 0.15 : 0.0) + (d.spans[*person].first >= pe ? 0.1 : 0.0);
            out.push_back(std::move(f));
        }
    }

    // Career links: «много лет работал в Перми», «назначен на высокий пост в крае».
    void Careers(std::size_t s) {
        const auto& sent = d.sents[s];
        for (std::size_t i = sent.first_token; i < sent.end_token; ++i) {
            const auto& f = d.toks[i].folded;
            bool worked = StartsWithAny(f, {"работал", "трудил", "служил", "возглавлял", "руководил", "проработал"});
            bool appointed = StartsWithAny(f, {"назначен", "избран", "переведен", "перешел", "переехал"});
            if (!worked && !appointed) continue;
            // already covered by a position fact with a place in this sentence?
            std::optional<std::size_t> place;
            std::optional<std::size_t> position;
            for (std::size_t j = i + 1; j < sent.end_token && j < i + 10; ++j) {
                int m = tok_mention[j];
                if (m >= 0 && IsLoc(d.mentions[static_cast<std::size_t>(m)].kind) && j > 0 &&
                    (d.toks[j - 1].folded == "в" || d.toks[j - 1].folded == "во" || d.toks[j - 1].folded == "на" ||
                     d.mentions[static_cast<std::size_t>(m)].adjectival)) {
                    place = static_cast<std::size_t>(m);
                    break;
                }
                if (d.toks[j].word && (d.toks[j - 1].folded == "в" || d.toks[j - 1].folded == "на") &&
                    Lexicon::Get().region_nouns.count(d.toks[j].key)) {
                    place = RecentRegion(i, d.toks[j].key == text::Stem("городе"));
                    break;
                }
                if (!d.toks[j].word && d.toks[j].text != "-") break;
            }
            if (!place) continue;
            for (std::size_t m = 0; m < d.mentions.size(); ++m)
                if (d.mentions[m].kind == MentionKind::kPosition && d.spans[m].first > i &&
                    d.spans[m].first < d.spans[*place].first)
                    position = m;
            // the person: the nearest before the verb in this sentence, else the last one mentioned
            std::optional<std::size_t> person;
            for (std::size_t k = i; k > sent.first_token; --k) {
                int m = tok_mention[k - 1];
                if (m >= 0 && d.mentions[static_cast<std::size_t>(m)].kind == MentionKind::kPerson) {
                    person = static_cast<std::size_t>(m);
                    break;
                }
            }
            double conf = 0.7;
            if (!person) {
                person = RecentPerson(sent.first_token);
                conf = 0.5;
            }
            bool dup = false;
            for (const auto& e : out)
                if (e.kind == FactKind::kPosition && e.person == person && e.place == place &&
                    e.evidence.start == sent.start)
                    dup = true;
            if (dup) continue;
            Fact fact;
            fact.kind = FactKind::kPosition;
            fact.person = person;
            fact.position = position;
            fact.place = place;
            fact.past = worked;
            fact.evidence = EvidenceOf(s);
            fact.confidence = conf;
            out.push_back(std::move(fact));
        }
    }

    void Adoptions(std::size_t s, bool personnel_link) {
        const auto& sent = d.sents[s];
        std::optional<std::size_t> trigger;
        for (std::size_t i = sent.first_token; i < sent.end_token && !trigger; ++i) {
            const auto& f = d.toks[i].folded;
            if (StartsWithAny(f, {"заимств", "позаимств", "переня", "перенима", "внедр", "тиражир", "масштабир",
                                  "примен", "распростран", "адаптир", "копир", "скопир"}))
                trigger = i;
            if (f == "примеру" || f == "образцу" || (f == "вооружение" && i > 0 && d.toks[i - 1].folded == "на"))
                trigger = i;
            if (StartsWithAny(f, {"использ", "изуча", "перенес", "перенос"}) &&
                SentenceHas(s, {"опыт", "практик", "модел", "пример"}))
                trigger = i;
        }
        if (!trigger) return;
        auto ms = MentionsIn(s);
        std::optional<std::size_t> source, adopter;
        // the source: a place or organisation after «у», «из», «опыт», «пример», «практик», or an adjective
        // before «опыт» («югорский опыт»)
        for (std::size_t m : ms) {
            if (!IsLoc(d.mentions[m].kind) && d.mentions[m].kind != MentionKind::kOrganisation) continue;
            auto [b, e] = d.spans[m];
            bool src = false;
            for (std::size_t k = b; k > sent.first_token && k + 4 > b; --k) {
                const auto& f = d.toks[k - 1].folded;
                if (f == "у" || f == "из" || f == "от" ||
                    StartsWithAny(f,
                                  {"опыт", "пример", "образц", "практик", "модел", "коллег", "наработк", "проект"})) {
                    src = true;
                    break;
                }
                if (!d.toks[k - 1].word) break;
            }
            if (d.mentions[m].adjectival && e < sent.end_token &&
                StartsWithAny(d.toks[e].folded, {"опыт", "практик", "модел", "коллег", "проект", "школ"}))
                src = src || StartsWithAny(d.toks[e].folded, {"опыт", "практик", "модел", "коллег"});
            if (src && !source) source = m;
        }
        for (std::size_t m : ms) {
            if (source && (m == *source || (d.spans[m].first >= d.spans[*source].first &&
                                            d.spans[m].second <= d.spans[*source].second)))
                continue;
            auto k = d.mentions[m].kind;
            if (k == MentionKind::kRegion || k == MentionKind::kMunicipality || k == MentionKind::kOrganisation) {
                if (source && d.mentions[m].ref && d.mentions[*source].ref &&
                    d.mentions[m].ref->name == d.mentions[*source].ref->name)
                    continue;
                adopter = m;
                break;
            }
        }
        double conf = 0.4;
        if (!adopter) {
            // «регион», «мы», no subject: the last region named before this sentence
            auto r = RecentRegion(sent.first_token, true);
            if (r && (!source || d.mentions[*r].ref->name != d.mentions[*source].ref.value_or(EntityRef{}).name))
                adopter = r;
        } else {
            conf += 0.15;
        }
        if (source) conf += 0.25;
        // the practice: the words after the trigger up to the end of the clause, around the source
        // («перенимает опыт Югры в организации волонтёрской деятельности» → «организации волонтёрской
        // деятельности»)
        auto clause_end = [&](std::size_t from) {
            std::size_t e = from;
            while (e < sent.end_token) {
                const auto& t = d.toks[e];
                if (!t.word && (t.text == "," || t.text == "." || t.text == ";" || t.text == ":" || t.text == "!" ||
                                t.text == "?"))
                    break;
                if (source && e == d.spans[*source].first) break;
                ++e;
                if (e - from >= 15) break;
            }
            while (e > from && !d.toks[e - 1].word) --e;
            return e;
        };
        auto filler = [&](const std::string& f) {
            return StartsWithAny(f, {"опыт", "практик", "пример", "наработк", "модел", "коллег"}) || f == "у" ||
                   f == "из" || f == "от" || f == "по" || f == "на" || f == "вооружение";
        };
        std::size_t pb = *trigger + 1;
        while (pb < sent.end_token && (!d.toks[pb].word || filler(d.toks[pb].folded)) && d.toks[pb].text != "," &&
               d.toks[pb].text != ".")
            ++pb;
        std::size_t pe = clause_end(pb);
        if (source && pe == d.spans[*source].first) {
            std::size_t b2 = d.spans[*source].second;
            if (b2 < sent.end_token && (d.toks[b2].folded == "в" || d.toks[b2].folded == "по" ||
                                        d.toks[b2].text == "-" || d.toks[b2].text == "—"))
                ++b2;
            std::size_t e2 = clause_end(b2);
            if (e2 > b2 && (pe == pb || d.toks[d.spans[*source].second].folded == "в" ||
                            d.toks[d.spans[*source].second].folded == "по")) {
                pb = b2;
                pe = e2;
            }
        }
        Fact f;
        f.kind = FactKind::kAdoption;
        f.adopter = adopter;
        f.source = source;
        f.practice_text = pe > pb ? d.Slice(pb, pe) : std::string();
        if (!f.practice_text.empty()) conf += 0.1;
        // stage from the verb and its modal
        auto has = [&](std::initializer_list<const char*> p) { return SentenceHas(s, p); };
        const auto& tf = d.toks[*trigger].folded;
        if (has({"планир", "намер", "хотят", "хочет", "собира", "готов", "рассматрива", "интерес"}))
            f.stage = domain::AdoptionStage::kInterest;
        else if (has({"изуча", "знаком", "изучени"}))
            f.stage = domain::AdoptionStage::kStudy;
        else if (has({"пилот", "апробир", "апробац", "эксперимент", "тестир"}))
            f.stage = domain::AdoptionStage::kPilot;
        else if (StartsWithAny(tf, {"масштабир", "тиражир", "распростран"}))
            f.stage = domain::AdoptionStage::kScaled;
        else if (tf.ends_with("ят") || tf.ends_with("ут") || has({"будет", "будут", "станет"}))
            f.stage = domain::AdoptionStage::kInterest;
        else
            f.stage = domain::AdoptionStage::kImplemented;
        // channel
        if (has({"форум", "конференц", "семинар", "съезд", "слет", "сесси", "круглом", "круглый"}))
            f.channel = domain::Channel::kConference;
        else if (has({"конкурс", "грант"}))
            f.channel = domain::Channel::kContest;
        else if (has({"компетенц", "ресурсн"}))
            f.channel = domain::Channel::kCompetenceCentre;
        else if (personnel_link)
            f.channel = domain::Channel::kPersonnel;
        else if (has({"нацпроект", "национальн", "федеральн", "госпрограмм"}))
            f.channel = domain::Channel::kFederalProgramme;
        else if (has({"визит", "делегац", "обмен", "стажировк", "встреч", "приезжал", "посетил"}))
            f.channel = domain::Channel::kDirectContact;
        else
            f.channel = domain::Channel::kOther;
        f.evidence = EvidenceOf(s);
        f.confidence = std::min(conf, 0.95);
        out.push_back(std::move(f));
    }

    void LocatedIn() {
        for (std::size_t o = 0; o < d.mentions.size(); ++o) {
            if (d.mentions[o].kind != MentionKind::kOrganisation) continue;
            auto [b, e] = d.spans[o];
            std::optional<std::size_t> place;
            for (std::size_t m = 0; m < d.mentions.size() && !place; ++m)
                if (IsLoc(d.mentions[m].kind) && d.mentions[m].kind != MentionKind::kCountry && d.spans[m].first >= b &&
                    d.spans[m].second <= e && m != o)
                    place = m;
            if (!place && e + 1 < d.toks.size() && (d.toks[e].folded == "в" || d.toks[e].folded == "во") &&
                tok_mention[e + 1] >= 0 && IsLoc(d.mentions[static_cast<std::size_t>(tok_mention[e + 1])].kind))
                place = static_cast<std::size_t>(tok_mention[e + 1]);
            if (!place) continue;
            Fact f;
            f.kind = FactKind::kLocatedIn;
            f.organisation = o;
            f.place = place;
            f.evidence = EvidenceOf(d.toks[b].sent);
            f.confidence = d.mentions[*place].adjectival ? 0.7 : 0.85;
            out.push_back(std::move(f));
        }
    }
};

}  // namespace

void FindFacts(const Doc& d, std::vector<Fact>& facts) {
    if (d.sents.empty()) return;
    FactFinder ff(d, facts);
    for (std::size_t s = 0; s < d.sents.size(); ++s) {
        ff.Positions(s);
        ff.Careers(s);
    }
    bool personnel = false;
    for (const auto& f : facts)
        if (f.kind == FactKind::kPosition && f.past && f.place) personnel = true;
    for (std::size_t s = 0; s < d.sents.size(); ++s) ff.Adoptions(s, personnel);
    ff.LocatedIn();
}

}  // namespace orientir::extract::detail
