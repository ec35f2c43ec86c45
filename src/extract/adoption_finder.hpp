#pragma once
// The adoption rules' state for one document (internal to src/extract): adoption.cpp finds the parties,
// stage and channel of each sentence's borrowing, adoption_practice.cpp names the practice.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "extract/adoption_words.hpp"
#include "extract/doc.hpp"
#include "extract/lexicon.hpp"

namespace orientir::extract::detail::adoption {

// «идея», «схема», «региональная модель»: a generic head with adjectives only (adoption_reference.cpp).
bool GenericPhrase(const std::string& t);
// A phrase fit to stand as a title: words of a noun phrase only, two to `max_words` (adoption_reference.cpp).
bool TitleShaped(const std::string& named, std::size_t max_words = 6);
// A word that heads no practice: a time, a count, a place, a person or a role, a meeting (adoption_reference.cpp).
bool NoPracticeHead(const Tok& t);

// What a sentence's words say about a borrowing (Finder::ScanCues).
struct Cues {
    Trigger main = Trigger::kNone;             // the strongest trigger names the construction
    std::optional<std::size_t> verb;           // the last verb: the practice follows it
    std::optional<std::size_t> transfer_verb;  // «передали», «поделились»: giver before, receiver after
    bool example_cue = false;        // «по примеру», «по образцу», «вдохновившись»
    bool example_adjective = false;  // «по новосибирской схеме»
    bool take_up = false;            // a verb of borrowing, introducing, spreading or transferring
    bool denied = false;             // «не стал перенимать»: the sentence says it was not taken up
    std::optional<std::size_t> relative_borrow;  // «изучают модель, которую Татарстан перенял у Сингапура»
};

// Who had the practice and who takes it up; the evidence runs to `last_sentence`.
struct Parties {
    std::optional<std::size_t> source;
    std::vector<std::size_t> more_sources;  // coordinated with the source: «опыта Белгородской, Курской и Орловской»
    std::vector<std::size_t> adopters;
    std::size_t last_sentence = 0;
    bool neighbours = false;  // «соседи», «коллеги» took it up, named in no sentence yet: the next ones may
};

// What the practice chooser reads of the whole article once (practice_chooser.cpp).
struct ArticleView;

struct Finder {
    const Doc& d;
    std::vector<Fact>& out;
    bool personnel;
    const Lexicon& lex = Lexicon::Get();
    std::vector<int> cand_at;  // token → candidate mention (outermost organisation, else place), -1
    mutable std::optional<std::size_t> genitive_fix;  // a token to put from «-ии» into «-ия» (PracticeAt)
    mutable std::vector<std::optional<std::size_t>> practice_sources_;  // parallel to Practices()' result
    bool borrowing_ = false;    // the sentence has a verb of borrowing (SourceHint trusts «у», «от»)
    bool applying_ = false;     // the sentence has a verb of applying or spreading (weak cues count)
    bool introducing_ = false;  // the sentence's main trigger introduces or spreads a practice («создали»)
    bool similar_ = false;  // «такие же», «аналогичные»: a place adjective before a practice names the source
    bool interested_ = false;  // «заинтересовались», «изучают»: a place adjective before a practice names the source
    mutable std::vector<std::optional<std::string>> heads_;  // HeadOf per mention, filled on demand
    mutable std::vector<std::size_t> co_sources_;            // the sentence's sources after the first: never adopters
    // adopters listed one sentence each after «перенимают другие города»: the stage each one's sentence tells
    mutable std::map<std::string, domain::AdoptionStage> listed_stage_;

    Finder(const Doc& doc, std::vector<Fact>& facts, bool p);

    const Tok& T(std::size_t i) const { return d.toks[i]; }

    // Region code of a candidate: its own link, or a place inside or right before an organisation.
    std::string RegionOf(std::size_t m) const;

    std::string Key(std::size_t m) const;

    // Word position before token b, skipping «соседей-», «коллег из» and one adjective.
    bool SourceHint(std::size_t m, std::size_t sb) const { return SourceHint(m, sb, borrowing_); }
    bool BodyEndsBefore(std::size_t k) const;
    bool AlsoBefore(std::size_t k) const;
    bool BodyNoun(std::size_t k) const;
    bool Institution(std::size_t m) const;
    bool TakenBefore(std::size_t k, std::size_t sb) const;
    bool SourceHint(std::size_t m, std::size_t sb, bool borrowing) const;
    bool WhereATripWent(std::size_t b, std::size_t e, std::size_t k, std::size_t sb) const;
    std::optional<std::size_t> SentenceAt(std::int32_t start) const;
    bool NextSentence(std::int32_t first, std::int32_t second) const;
    bool ExperienceOnly(std::int32_t start) const;
    std::optional<std::size_t> BodyVisitedAt(std::size_t source) const;
    bool MadeUpBy(std::size_t m, std::size_t sb) const;
    bool SubjectNotOwner(std::size_t m, std::size_t sb) const;
    // «вслед за X», «следом за X»: the words before token b name one followed, who took the practice up before.
    bool FollowedAt(std::size_t b) const;
    void OursInsteadOfUnknownPlaces(std::size_t s, Parties& p) const;
    bool PlaceOfOrigin(std::size_t k, std::size_t e, std::size_t sb) const;
    bool AdjectivalSource(std::size_t m, std::size_t sb) const;
    bool ModelledOnBefore(std::size_t k, std::size_t sb) const;
    bool CueBefore(std::size_t k, std::size_t m, std::size_t sb, bool adjacent, bool people) const;
    bool PracticeEndsAt(std::size_t k) const;
    bool PracticeNounBefore(std::size_t c, std::size_t sb) const;
    bool RelativeBefore(std::size_t v, std::size_t sb) const;
    bool TakesUpOutside(std::size_t sb, std::size_t from, std::size_t to) const;
    bool TakenUpOutsideClause(std::size_t v, std::size_t sb) const;
    bool RelativeClauseSubject(std::size_t k, std::size_t e, std::size_t sb) const;
    bool FromWhom(std::size_t k, std::size_t sb, bool borrowing, bool people) const;
    bool AtHome(std::size_t s, std::size_t from) const;
    bool ComesFrom(std::size_t k, std::size_t sb) const;
    std::size_t ReportedClause(std::size_t sb, std::optional<std::size_t> verb) const;
    bool EventPlace(std::size_t m) const;
    std::optional<std::size_t> PrimaryAdopter(const std::vector<std::size_t>& eligible, std::size_t clause,
                                              bool reported) const;

    bool AdopterPeopleAfter(std::size_t m) const;
    std::optional<std::size_t> NamedBodyAfter(std::size_t m) const;
    // Candidates after `first` joined to it only by commas and «и» (and, with `places`, «в»); with `agree`,
    // a list must close with «и» and its members agree in case with `first` («опыта Белгородской, Курской и
    // Орловской областей», not «По примеру Чувашии, Мордовия …»).
    std::vector<std::size_t> Coordinated(std::size_t first, const std::vector<std::size_t>& cands, bool places,
                                         bool agree) const;
    // «по опыту X», «на базе опыта X», «с учётом опыта X»: token i names the example, not the practice.
    bool InExampleFrame(std::size_t i) const;
    // «Он создан на базе опыта …», «Сервис создан по образцу …»: a sentence opening with a pronoun or a bare
    // practice noun names its practice in the one before.
    enum class Opener { kNone, kPronoun, kPronounObject, kBareNoun };
    Opener OpenerOf(std::size_t s) const;
    std::string PracticeBefore(std::size_t s) const;
    std::size_t TimeSpanEnd(std::size_t i, std::size_t se) const;
    std::optional<std::size_t> SkipToNoun(std::size_t i, std::size_t se, std::optional<std::size_t> source) const;
    std::optional<std::size_t> FirstPracticeNoun(std::size_t b, std::size_t e) const;
    // The adopter a sentence leaves out: the last fact's adopter, else the last place named before.
    std::optional<std::size_t> ImplicitAdopter(std::size_t sb, std::size_t source) const;
    std::optional<std::size_t> WhereThePronounsPracticeWorks(std::size_t sb, std::size_t source) const;
    const std::string& HeadOf(std::size_t m) const;
    bool PlaceWithItsVerb(std::size_t m) const;
    void Counterparts(std::size_t from);
    void KindredBodies(std::size_t from);
    void RegionsFromContext(std::size_t from);
    // An adopter that is a district of the article's own town named by its adjective alone, which the directory
    // lacks («в Центральном, Заводском и Кузнецком районах») is the place the article names most; facts that then
    // repeat one pair are one. (Left: a locality named by a noun, «в Хибинах», since a town the directory lacks,
    // «в Кимрах», is a party of its own; a namesake town of another region named once, «микрорайон Заозёрный» of
    // Курган, since read so «Чебоксары», «Самара» named once were lost.)
    void LocalPlacesAsTheirTown(std::size_t from);
    // A practice named by one bare noun («лигу», «квест») becomes the article's fullest phrase with the same head
    // («школьная спортивная лига», «семейный квест») (adoption_reference.cpp).
    void CompletePractices(std::size_t from);
    // «Опыт уржумцев переняли соседи» in a story of «Уржумский район»: a town's adjective or demonym, in any fact
    // whichever rule found it, stands for the district of its name the article tells of (DistrictForAdjective).
    void TownAdjectivesAsDistricts(std::size_t from);
    // «— Посмотрели, как это устроено в Магадане, и сделали у себя» in an interview with the director of «Елизовский
    // комплексный центр …»: a place taking a practice up in an answer (or with «мы», «наш») is the interviewee's
    // body when that body lies in the place.
    std::optional<std::size_t> Interviewee() const;
    void IntervieweesBody(std::size_t from);
    // «Идею мы привезли со стажировки в Национальной библиотеке Удмуртской Республики: посмотрели, как это устроено в
    // Ижевске» for a library that borrows: a body learns from a body — a place as the source of a body's borrowing is
    // the body its sentence names in that place (its name holds the place, or it lies in the place's region).
    void SourceBodiesOfTheirPlaces(std::size_t from);
    // The same adopter, source and practice told twice (a sentence of study, then one of the take-up): the first.
    void OnePerPractice(std::size_t from);
    // The practice title of each fact from[…]: the phrase `model` scores best among the rules' phrase and the noun
    // phrases of the evidence sentence, the one before it, the headline and the lede; `collect` keeps them on the
    // fact (practice_chooser.cpp).
    void ChoosePractices(std::size_t from, const RankModel* model, bool collect);
    std::vector<PracticeOption> PracticeOptions(const Fact& f) const;
    mutable std::shared_ptr<const ArticleView> view_;  // what PracticeOptions reads of the whole article, once
    std::string SameHeadPhrase(const std::string& bare) const;
    std::string HeadPhrase(std::size_t head) const;
    std::optional<std::size_t> PhraseStart(std::size_t head, std::size_t b) const;
    std::string RegionBefore(std::size_t m, std::optional<std::size_t> other) const;
    std::optional<std::size_t> OpeningPlace(std::size_t s) const;
    bool PlaceOfSource(std::size_t m, std::size_t source) const;
    bool Reporter(std::size_t m) const;
    bool MediaOutlet(std::size_t m) const;
    bool StreetOrRiver(std::size_t m) const;
    bool OwnerOnly(const std::vector<std::pair<std::size_t, std::size_t>>& parts) const;
    std::optional<std::size_t> NamedNext(std::size_t s, std::size_t source) const;
    void ListedAfter(std::size_t n, std::size_t source, Parties& p) const;
    bool Speech(std::size_t quote) const;
    bool VisitedAtSource(std::size_t m, std::size_t source) const;
    bool SentenceHasOur(std::size_t s) const;
    bool InsideMediaOutlet(std::size_t m) const;
    bool SimilarWorksIn(std::size_t m) const;
    bool AboutSource(std::size_t m, std::size_t source) const;
    std::optional<std::size_t> Speaker(std::size_t source) const;
    std::optional<std::size_t> QuotedPerson(std::size_t s) const;
    bool WeDo(std::size_t v, std::size_t sb, std::size_t se) const;
    bool BasisTaken(std::size_t s) const;
    mutable std::vector<signed char> basis_;  // BasisTaken per sentence: -1 not asked yet
    bool OurPractice(std::size_t s) const;
    bool District(std::size_t m) const;
    std::optional<std::size_t> PlaceByCommonNoun(std::size_t s, std::size_t source) const;
    std::vector<std::size_t> PlacesByPluralNoun(std::size_t s, std::size_t source) const;
    std::optional<std::size_t> PlaceBySubjectNoun(std::size_t s, std::size_t source) const;
    std::size_t FirstWord(std::size_t n) const;
    std::optional<std::size_t> PlaceOpening(std::size_t n, bool* where = nullptr) const;
    bool OpensWithPlace(std::size_t n) const;
    std::optional<std::size_t> SourceOfFactJustTold(std::size_t s, const Cues& c, std::size_t adopter) const;
    void AdopterLeftOut(std::size_t s, const Cues& c, Parties& p) const;
    bool NamesAPlace(std::size_t body) const;
    bool BodyOfPlace(std::size_t body, std::size_t place) const;
    std::optional<std::size_t> RegionOfKindBefore(std::size_t i, const std::string& kind) const;
    bool NoPair(std::optional<std::size_t> a, std::size_t src) const;
    bool HomeCountry(std::size_t m) const;
    std::vector<std::size_t> ClauseSubjects(std::size_t n) const;
    std::vector<std::size_t> ClauseLocatives(std::size_t n) const;
    void AddClauseSubjects(std::size_t s, Parties& p) const;
    void AdopterAfterColon(const std::vector<std::size_t>& cands, Parties& p) const;
    std::optional<std::size_t> ExperiencePointedAt(std::size_t s, std::size_t adopter) const;
    std::optional<domain::AdoptionStage> ClauseStage(std::size_t n, std::size_t adopter) const;
    std::optional<std::size_t> ObjectStart(std::size_t s, std::optional<std::size_t> verb,
                                           std::optional<std::size_t> source, std::size_t w,
                                           std::optional<std::size_t>& fallback) const;
    bool OthersNoun(std::size_t i) const;
    bool OthersOf(std::size_t m) const;
    static std::string TownStem(const std::string& name);
    bool DistrictNamedFor(std::size_t m, const std::string& town) const;
    std::optional<std::size_t> DistrictForAdjective(std::size_t party) const;
    std::optional<std::size_t> PlaceNamedBefore(std::size_t before, bool town, bool region,
                                                std::optional<std::size_t> not_this, bool headline_first) const;
    std::optional<std::size_t> PlaceByLocativeNoun(std::size_t sb, std::size_t v, std::size_t source) const;
    std::optional<std::size_t> BodyOfPost(std::size_t m, std::size_t source) const;
    bool Nominative(std::size_t m) const;
    std::optional<std::size_t> BodyOfQuoted(std::size_t s, std::size_t source) const;
    bool SameAsSimilar(std::size_t q) const;
    bool AdjectivalSourceBeforePractice(std::size_t s) const;
    bool GenericPlural(std::size_t b, std::size_t e) const;
    std::optional<std::size_t> SpreadTarget(const std::vector<std::size_t>& cands, std::optional<std::size_t> verb,
                                            std::optional<std::size_t> source) const;
    std::size_t CityForAdjective(std::size_t party, std::optional<std::size_t> other) const;
    std::size_t PlaceOfBody(std::size_t party, std::optional<std::size_t> other) const;
    std::size_t BodyOfPeople(std::size_t party, std::size_t source) const;
    std::pair<std::optional<std::size_t>, std::optional<std::size_t>> RegionAndCapitalNamed(
        const std::string& code) const;
    std::optional<std::pair<std::size_t, std::size_t>> WholeRegionFromCapital(std::size_t s, std::size_t source) const;
    std::optional<std::size_t> OriginInNextSentence(std::size_t s, std::size_t* found_in = nullptr) const;
    std::optional<std::size_t> OriginIn(std::size_t n) const;
    std::optional<std::size_t> OwnerInSentenceBefore(std::size_t s, const std::vector<std::size_t>& adopters,
                                                     bool introduced) const;
    bool BarePracticeNoun(std::size_t i) const;
    void NeighboursSource(std::size_t s, const Cues& c, Parties& p) const;
    std::optional<std::size_t> HomeOfTheProjectJoined(std::size_t s, const std::vector<std::size_t>& adopters) const;
    std::optional<std::size_t> OwnerOfJoinedPractice(std::size_t s) const;
    // the noun of the practice OwnerInSentenceBefore found told earlier (its phrase names the sentence's practice)
    mutable std::optional<std::size_t> told_practice_;

    bool SentenceHas(std::size_t s, std::initializer_list<const char*> p) const;

    std::vector<std::size_t> Candidates(std::size_t s) const;

    std::optional<std::size_t> RecentPlace(std::size_t before_token, const std::string& not_key,
                                           bool regions_only) const;

    // Is token i a place or organisation mention start, a time word or a verb: where a practice ends.
    bool EndsPractice(std::size_t i) const;
    bool EndsAfterName(std::size_t i) const;
    std::string LikeOneNamedBefore(std::size_t s) const;

    // The practice noun phrase starting at token b: the head, its adjectives and genitive/prepositional
    // chain; the source named right after «опыт» is skipped («опыт Югры в организации …» → «опыт
    // организации …»). Returns token ranges.
    std::vector<std::pair<std::size_t, std::size_t>> PracticeAt(std::size_t b, std::size_t se,
                                                                std::optional<std::size_t> source) const;

    std::size_t PracticeEnd(std::size_t start, std::size_t i) const;
    std::string PracticeText(const std::vector<std::pair<std::size_t, std::size_t>>& parts) const;
    std::string NamedEarlier(std::size_t noun, const std::string& bare) const;
    std::string LeadPractice(std::size_t s, const std::string& bare) const;
    std::string AfterColon(std::size_t s, const std::string& bare) const;
    std::string SpokenAbout(std::size_t s, const std::string& experience) const;

    // Practices of the sentence: after the last borrowing/introducing verb, else the first practice noun
    // (a subject: «Система электронной записи…, запущенная…»). Two practices joined by «и» are two.
    std::string PracticeOfPronoun(std::size_t s, std::optional<std::size_t> source) const;
    std::optional<std::size_t> NounAfterSource(std::size_t s, std::optional<std::size_t> source) const;
    std::optional<std::size_t> PracticeStart(std::size_t s, std::optional<std::size_t> start,
                                             std::optional<std::size_t> fallback, std::optional<std::size_t> verb,
                                             std::optional<std::size_t> source) const;
    std::vector<std::string> Practices(std::size_t s, std::optional<std::size_t> verb,
                                       std::optional<std::size_t> source) const;
    std::string PracticeReferred(std::size_t s, const std::vector<std::pair<std::size_t, std::size_t>>& p,
                                 std::string t, std::optional<std::size_t> source) const;

    domain::AdoptionStage StageOf(std::size_t s, Trigger main) const;
    // The stage of one fact told in sentence s (StageOf, then what the article says around it of the source's
    // own state, of the adopter's later trial or end, of a practice given up or not yet started): the rules'
    // facts and the ranker's use the same.
    domain::AdoptionStage StageFor(std::size_t s, Trigger main, std::optional<std::size_t> adopter, std::size_t source,
                                   const std::string& practice) const;
    bool Intends(std::size_t s) const;
    bool InManyTerritories(std::size_t s) const;
    bool GivenUpElsewhere(std::size_t s, const std::string& practice) const;
    std::optional<domain::AdoptionStage> LaterStageOf(std::size_t s, std::size_t adopter) const;
    std::vector<std::size_t> JointBodiesExpanded(const std::vector<std::size_t>& adopters) const;
    std::vector<std::size_t> TownsOfJointBody(std::size_t body) const;
    void RegionScaledToo(std::size_t s);
    bool OverTheWholeRegion(std::size_t s) const;
    void AddScaledRegions();
    void ScaledLater(std::size_t s, const Cues& c);
    bool SentenceAny(std::size_t s, bool (*word)(const std::string&)) const;
    bool SentenceHasWord(std::size_t s, std::initializer_list<const char*> w) const;
    bool SentenceHasPair(std::size_t s, std::string_view a, std::string_view b) const;
    bool LaterFuture(std::size_t s, const std::string& practice, std::size_t source) const;
    bool OpensInFuture(std::size_t s) const;

    domain::Channel ChannelOf(std::size_t s) const;

    // The same adopter and source again: the same fact (another sentence about it), unless this sentence
    // borrows explicitly and names another practice.
    bool Duplicate(const Fact& f, bool explicit_borrow);
    bool Boilerplate(std::size_t s) const;
    void Retract(std::size_t s);
    std::size_t retracted_ = 0;  // facts a refusal took back (the learned reading then adds none of its own)
    std::size_t denied_ = 0;  // sentences that refuse a borrowing after an example («по образцу», «опыт»)
    std::size_t ParagraphStart(std::size_t s) const;
    bool EventBefore(std::size_t quote) const;
    bool Refine(const Fact& f);

    // A visit, a study or a shared experience (source, adopters, practices) waiting for a sentence that
    // takes it up (TakeUpPending).
    struct Pending {
        std::size_t sentence;
        std::size_t source;
        std::vector<std::size_t> adopters;
        std::vector<std::string> practices;
        bool visit = false;  // only a trip to the source: a purpose («чтобы перенести её …») takes it up
        bool works = false;  // a practice at work in the source: only «такой же … заработает в X» takes it up
        bool neighbours = false;  // neighbours interested, named later: a purpose takes it up too
    };
    std::vector<Fact> scaled_regions_;  // RegionScaledToo's facts, added when the article is read
    std::optional<Pending> pending_;
    // a trip a sentence tells: where it went, who went, whether the place is told before the verb
    struct Visit {
        std::size_t place;
        std::vector<std::size_t> visitors;
        bool place_first;
    };
    void VisitorsTakeUp(std::size_t s, Parties& p) const;
    std::optional<Visit> VisitIn(std::size_t s) const;
    void VisitPending(std::size_t s);
    void WorksPending(std::size_t s);
    bool PlacesIntroducedByIn(std::size_t s) const;
    bool WorkingVerbIn(std::size_t s) const;
    void TakeUpPending(std::size_t s, const Cues& c);

    // «переняла сразу две практики: систему … и программу …»: a count of practices announcing a list
    // after a colon — the practices are the list. Returns the token after the colon, else `i`.
    std::size_t ListAfterCount(std::size_t i, std::size_t se) const;

    Cues ScanCues(std::size_t s) const;
    Trigger TriggerInContext(std::size_t i, std::size_t sb, std::size_t se, Cues& c) const;
    Trigger RaisedTrigger(std::size_t i, std::size_t sb, std::size_t se) const;
    Trigger DeniedOrAsked(Trigger t, std::size_t i, std::size_t sb, Cues& c) const;
    bool TakenFrom(std::size_t i, std::size_t sb, std::size_t se) const;
    void ExampleCues(std::size_t i, std::size_t sb, Cues& c) const;
    void SetSentenceFlags(std::size_t s, Trigger main);
    // A transfer with no practice as its object, an interest with no practice named.
    bool NoBorrowing(std::size_t s, const Cues& c) const;
    Parties FindParties(std::size_t s, const Cues& c) const;
    Parties TransferParties(const std::vector<std::size_t>& cands, std::size_t verb) const;
    std::optional<std::size_t> SourceAmong(const std::vector<std::size_t>& cands, std::size_t sb, std::size_t se) const;
    std::vector<std::size_t> AdoptersAmong(const std::vector<std::size_t>& cands, std::optional<std::size_t> source,
                                           const Cues& c, std::size_t sb) const;
    // «…, а власти Нефтеюганска — у Нижневартовска систему освещения», «…, от ярославцев — формат коворкинга»: a
    // clause whose verb a dash stands for repeats the borrowing with its own source, practice and maybe adopter.
    struct Gap {
        std::optional<std::size_t> adopter;
        std::size_t source = 0;
        std::string practice;
    };
    std::vector<Gap> Gaps(std::size_t s, std::size_t verb) const;
    void Emit(std::size_t s, const Cues& c, const Parties& p, const std::vector<std::string>& practices,
              const std::vector<Gap>& gaps);
    void EmitOne(std::size_t s, const Cues& c, const Parties& p, std::optional<std::size_t> adopter, std::size_t source,
                 const std::string& practice);

    void Sentence(std::size_t s);
    // The borrowing told in a relative clause after the sentence's own verb: its subject took the practice
    // the clause qualifies from the party after «у / от».
    void RelativeBorrowing(std::size_t s, std::size_t verb);
};

}  // namespace orientir::extract::detail::adoption
