#pragma once
// The state the per-sentence fact patterns share (internal to src/extract): facts.cpp holds dates,
// periods, careers and located_in, positions.cpp the position patterns.

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "extract/doc.hpp"

namespace orientir::extract::detail {

bool IsLoc(MentionKind k);
// A dash between a name and its post: hyphen, em dash or en dash («Ким Ён Чжин – вице-премьер»).
inline bool Dash(const std::string& t) { return t == "-" || t == "—" || t == "–"; }
bool StartsWithAny(const std::string& s, std::initializer_list<const char*> prefixes);

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

    Evidence EvidenceOf(std::size_t s) const;
    std::vector<std::size_t> MentionsIn(std::size_t s) const;
    bool SentenceHas(std::size_t s, std::initializer_list<const char*> prefixes) const;
    // The most recent region mentioned before token i (for «в крае», «в регионе»).
    std::optional<std::size_t> RecentRegion(std::size_t i, bool municipality_ok = false) const;
    std::optional<std::size_t> RecentPerson(std::size_t i) const;
    // A post held before: «бывший мэр», «экс-губернатор», «работал директором», «ранее занимал пост»,
    // «сложил полномочия главы»; a new post in the same sentence («стал советником») stays current.
    bool PastPost(std::size_t s, std::size_t pb) const;
    // The date a sentence gives for taking or leaving a post («с 1 сентября 2025 года назначен», «в марте
    // 2024 года избран», «в 2020 году возглавил»): "2025-09-01", "2024-03", "2024"; empty otherwise.
    std::string DateOf(std::size_t s) const;
    // «руководители соседних регионов», «представителями»: a post in the plural names a group, not one
    // person's post. The normal form is singular, so the written form decides: «-ами/-ями/-ах/-ях/-ов» are
    // plural; «-ы/-и» are plural when the lemma does not end in «-а/-я» («главы», «судьи» may be one person).
    bool PluralPost(std::size_t p) const;
    // The first token of the words before a post that leave its holder unchanged: «бывший», «ныне»
    // («Андрей Санников — бывший заместитель министра»).
    std::size_t SkipPostLead(std::size_t pb, std::size_t s) const;
    // A person right before a post («Александр Моор, губернатор», «Моор — губернатор», «Скотт Хоровитц
    // (Scott Horowitz), бывший астронавт»).
    std::optional<std::size_t> PersonRightBefore(std::size_t pb, std::size_t s) const;
    // The post ending at pe is someone's aide: «помощник», «советник», «заместитель», «пресс-секретарь».
    bool AidePost(std::size_t pe, std::size_t s) const;
    // Tokens [pe, j) are a capitalised name, hyphens glued in («лидера Аль-Каиды Усамы бин Ладена»).
    bool BodyNameSoFar(std::size_t pe, std::size_t j) const;
    // Token j is one of up to two capitalised words after «в / на» that follow the post's end pe.
    bool PlacePhrase(std::size_t j, std::size_t pe) const;
    // A post that is not the next person's: a relative's («супруге первого президента — Наине Иосифовне»,
    // «вдова губернатора Анна …») or one sought («кандидатом на выборы главы государства стала …»).
    bool OthersPost(std::size_t pb, std::size_t s) const;
    // A post q at token j after a comma, «и» or a mention that follows the post ending at pe: the same
    // person's second post («министр по делам разведки, глава государственной Комиссии … Дан Меридор»);
    // not a post right after a post («Указом Президента временно исполняющим обязанности …»).
    bool ChainedPost(std::size_t j, std::size_t pe, std::size_t q) const;
    // The outermost organisation covering token j among the sentence's mentions, else the mention m.
    std::size_t OutermostAt(std::size_t j, std::size_t m, const std::vector<std::size_t>& ms) const;
    // The body inside the post [pb, pe): the outermost organisation, else a place.
    std::optional<std::size_t> BodyInside(std::size_t p, std::size_t pb, std::size_t pe,
                                          const std::vector<std::size_t>& ms) const;
    // «губернатор [Тюменской области] Александр Моор»: the person after the post ending at pe; the body met on
    // the way goes to `where` when none is set.
    std::optional<std::size_t> PersonAfter(std::size_t s, std::size_t pb, std::size_t pe,
                                           const std::vector<std::size_t>& ms, std::optional<std::size_t>& where) const;
    // Token j holds a one-word person that is the capitalised adjective of a body named after it.
    bool BodyAdjective(std::size_t j) const;
    // After a kin word («сына депутата … Валерия Селезнёва») the person in the genitive holds the post.
    bool KinsGenitive(std::size_t person) const;
    // The post mention starting at pb is in the nominative.
    bool NominativePost(std::size_t pb) const;
    // The holder of the post [pb, pe) when the person m is named right after it (not the one an advocate or
    // a representative acts for: «Адвокат Сантоса Фернандо Осуна»).
    std::optional<std::size_t> HolderAfter(std::size_t m, std::size_t pb, std::size_t pe, std::size_t s) const;
    // «Президент России, Владимир Путин, …»: a person set off by commas after a post; j is the comma.
    std::optional<std::size_t> PersonAfterComma(std::size_t j, std::size_t pb, std::size_t s) const;
    // «(МОК)», «(ПНА)»: an abbreviation in brackets inside a post's body; the token after «)», else j.
    std::size_t AfterBracketedName(std::size_t j, std::size_t s) const;
    // A word that makes the person after the post starting at pb its holder: «стал», «назначен»; after a post
    // in the instrumental also «был», «будет», «станет».
    bool CopulaAfterPost(const std::string& folded, std::size_t pb) const;
    // The word at token i ends as an instrumental does («главным», «советником», «главой»).
    bool InstrumentalAt(std::size_t i) const;
    // «назначил Петра Петрова министром», «назвал Йенса Лемана первым вратарём»: a person right before a post
    // in the instrumental is its holder.
    std::optional<std::size_t> ObjectBefore(std::size_t pb, std::size_t s) const;
    // «консерваторию имени Л. В. Собинова»: a person a body is named after holds none of the posts around it.
    bool NamesABody(std::size_t m) const;
    // «Иванов назначен министром», «Петров стал мэром», «занимал пост губернатора»; «Он также назначен …»:
    // a pronoun continues the person of the previous sentences.
    std::optional<std::size_t> PersonOfVerbBefore(std::size_t pb, std::size_t s) const;
    // A post no one in its sentence holds that repeats, shorter, the post of a person named before
    // («Премьер-министр Японии Синдзо Абэ …» → «Как отметил премьер, …»): the index of that position fact,
    // none when two persons held such a post before.
    std::optional<std::size_t> EarlierHolder(std::size_t p, std::size_t s) const;
    // The fact such a post gives: that person, the whole post named before, this sentence as evidence —
    // only when the sentence says more (the post left, a date); a mere repeat proposes nothing again.
    void PostOfEarlierHolder(std::size_t p, std::size_t s);
    // A career line of a biography («В 2016–2021 годах — заместитель министра …», «…, с 2019 года — директор …»):
    // a time with a year, a dash, the post; its holder is the person the biography is of (named in full in the
    // sentences just before, no one else named since); `past` is false for an open «с 2021 года». None otherwise.
    std::optional<std::size_t> BiographyHolder(std::size_t pb, std::size_t s, bool& past) const;
    void Positions(std::size_t s);
    // «47-летнего журналиста» with no name after it: the post of the person named last (this sentence or the
    // two before); false when there is none.
    bool AgedPostOfLastPerson(std::size_t p, std::size_t s, std::size_t pe);
    // The fact of the post p (whole post up to pe) held by `person`, with its body `where`.
    void AddPosition(std::size_t s, std::size_t p, std::size_t pe, std::size_t person,
                     std::optional<std::size_t> where);
    // «российские космонавты Алексей Овчинин и Олег Скрипочка»: a plural post before a list of persons.
    bool PluralPostOfList(std::size_t p, std::size_t s);
    // «актрисы», «главы»: a written form that is a plural or a genitive singular.
    bool PluralLooking(std::size_t p) const;
    // The longest organisation starting right after token i (a date may stand between: «возглавлял с 2018 года»).
    std::optional<std::size_t> OrganisationAfter(std::size_t i) const;
    // The place an organisation names («администрации Дзержинска»), or the region its «региона / области»
    // refers to.
    std::optional<std::size_t> PlaceInside(std::size_t org, std::size_t before) const;
    // Career links: «много лет работал в Перми», «назначен на высокий пост в крае».
    void Careers(std::size_t s);
    // «Х возглавляет министерство культуры …», «Дом культуры возглавляет Х», «…, который возглавляет Х»: the post
    // of one who heads a body (positions_headed.cpp).
    void HeadedBodies(std::size_t s);
    void RanBody(std::size_t s, std::size_t v);
    std::optional<std::size_t> SubjectOfHeading(std::size_t s, std::size_t v) const;
    void AddHeadedPost(std::size_t s, std::size_t person, const std::string& post, bool past);
    void LocatedIn();
};

}  // namespace orientir::extract::detail
