#include "analytics/generator.hpp"  // bench/analytics/generator.hpp

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "common/json.hpp"
#include "domain/codec.hpp"

namespace orientir::analytics::bench {

namespace {

const char* const kDomains[] = {"volunteering",    "ngo_support",     "culture_art_education",
                                "youth_policy",    "krt_housing",     "digitalisation",
                                "ai_public_admin", "social_services", "education",
                                "health",          "tourism",         "ecology"};
constexpr int kDomainCount = 12;

const char* const kWords[] = {"организация",
                              "добровольческой",
                              "деятельности",
                              "муниципалитетах",
                              "школа",
                              "искусств",
                              "проектная",
                              "программа",
                              "волонтёрский",
                              "центр",
                              "поддержки",
                              "молодёжи",
                              "цифровая",
                              "платформа",
                              "обращений",
                              "граждан",
                              "комплексное",
                              "развитие",
                              "территорий",
                              "расселение",
                              "аварийного",
                              "жилья",
                              "инвестора",
                              "ресурсный",
                              "наставничество",
                              "детей",
                              "подростков",
                              "старшего",
                              "поколения",
                              "сельских",
                              "поселений",
                              "туристический",
                              "маршрут",
                              "экологический",
                              "отряд",
                              "раздельный",
                              "сбор",
                              "отходов",
                              "библиотека",
                              "музей",
                              "театр",
                              "фестиваль",
                              "конкурс",
                              "грантов",
                              "некоммерческих",
                              "организаций",
                              "социальных",
                              "услуг",
                              "долговременный",
                              "уход",
                              "здоровья",
                              "профилактика",
                              "диспансеризация",
                              "образование",
                              "кружков",
                              "технопарк",
                              "искусственный",
                              "интеллект",
                              "управлении",
                              "чат-бот",
                              "госуслуги",
                              "портал",
                              "открытых",
                              "данных",
                              "бюджет",
                              "инициативного",
                              "бюджетирования",
                              "двор",
                              "благоустройство",
                              "парк",
                              "набережная",
                              "спорт",
                              "физкультура",
                              "патриотическое",
                              "воспитание",
                              "юнармия",
                              "поисковый",
                              "мемориал",
                              "серебряные",
                              "волонтёры",
                              "медицинские",
                              "событийные",
                              "штаб",
                              "гуманитарная",
                              "миссия",
                              "корпус",
                              "форум",
                              "акселератор",
                              "проектов",
                              "креативные",
                              "индустрии",
                              "ремесло",
                              "народные",
                              "промыслы",
                              "коренных",
                              "малочисленных",
                              "народов",
                              "севера",
                              "арктика",
                              "вахта",
                              "моногород",
                              "занятость",
                              "инвалидов",
                              "доступная",
                              "среда",
                              "семьи",
                              "многодетных",
                              "приёмных",
                              "опека",
                              "школьный",
                              "театр",
                              "хор",
                              "оркестр",
                              "художественная",
                              "мастерская"};
constexpr int kWordCount = static_cast<int>(sizeof(kWords) / sizeof(kWords[0]));

std::string Date(int year, int day_of_year) { return DateOf(DayOf(std::to_string(year) + "-01-01") + day_of_year); }

}  // namespace

std::vector<domain::Region> ReadRegionsJson(const std::string& path) {
    std::vector<domain::Region> out;
    if (path.empty()) return out;
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = ParseJson(ss.str());
    if (!j.ok() || !j->is_array()) return out;
    domain::Id id = 1;
    for (const auto& item : *j) {
        domain::Region r;
        if (!domain::FromJson(item, r).ok()) continue;
        r.meta.id = id++;
        out.push_back(std::move(r));
    }
    return out;
}

namespace {

std::vector<domain::Region> LoadRegions(const GeneratorOptions& o, std::mt19937_64& rng) {
    std::vector<domain::Region> out = ReadRegionsJson(o.regions_json);
    if (!out.empty()) return out;
    std::uniform_real_distribution<double> u(0, 1);
    for (int k = 1; k <= o.regions; ++k) {
        domain::Region r;
        r.meta.id = k;
        r.code = (k < 10 ? "0" : "") + std::to_string(k);
        r.name = "Регион " + r.code;
        r.short_name = r.name;
        r.population = static_cast<std::int64_t>(std::pow(10.0, 5.0 + 2.0 * u(rng)));
        r.area_km2 = std::pow(10.0, 3.0 + 3.0 * u(rng));
        r.urban_share = 0.4 + 0.55 * u(rng);
        r.north = u(rng) < 0.15;
        out.push_back(std::move(r));
    }
    return out;
}

std::string Phrase(std::mt19937_64& rng, int words) {
    std::uniform_int_distribution<int> w(0, kWordCount - 1);
    std::string s;
    for (int k = 0; k < words; ++k) {
        if (k) s += ' ';
        s += kWords[w(rng)];
    }
    return s;
}

}  // namespace

namespace {

// What the parts of the generator share: options, the one random stream (the order of draws is the data),
// the regions and the counts.
struct Gen {
    const GeneratorOptions& o;
    std::mt19937_64& rng;
    const std::vector<domain::Region>& regions;
    GeneratedCounts& c;
    int R = 0;
    int munis_per_region = 1;
    double U() { return std::uniform_real_distribution<double>(0, 1)(rng); }
    domain::Id MuniOf(int region) {
        return static_cast<domain::Id>(region) * 1000 + 1 +
               static_cast<domain::Id>(rng() % static_cast<std::uint64_t>(munis_per_region));
    }
};

// Indicators and values: each region has a latent quality per domain, values follow it with noise and a trend.
template <class Sink>
void GenerateIndicators(Gen& g, Sink& b) {
    std::vector<double> quality(static_cast<std::size_t>(g.R * kDomainCount));
    for (auto& q : quality) q = g.U();
    domain::Id vid = 1;
    for (int i = 0; i < g.o.indicators; ++i) {
        domain::Indicator ind;
        ind.meta.id = i + 1;
        ind.code = "ind_" + std::to_string(100 + i);
        ind.name = "Показатель " + std::to_string(i + 1);
        ind.unit = "%";
        ind.domain = kDomains[i % kDomainCount];
        ind.direction =
            i % 4 == 3 ? domain::IndicatorDirection::kLowerBetter : domain::IndicatorDirection::kHigherBetter;
        b.Upsert(ind);
        ++g.c.indicators;
        for (int r = 0; r < g.R; ++r) {
            double q = quality[static_cast<std::size_t>(r * kDomainCount + i % kDomainCount)];
            double base = 10 + 80 * (ind.direction == domain::IndicatorDirection::kLowerBetter ? 1 - q : q);
            for (int y = 0; y < g.o.years; ++y) {
                if (g.U() < 0.03) continue;  // gaps, as in real statistics
                domain::IndicatorValue v;
                v.meta.id = vid++;
                v.indicator = ind.code;
                v.region = g.regions[static_cast<std::size_t>(r)].code;
                v.year = g.o.first_year + y;
                v.value = std::round((base + 0.8 * y + 5 * (g.U() - 0.5)) * 100) / 100;
                b.Upsert(v);
                ++g.c.values;
            }
        }
    }
}

// Practices; returns each one's origin region, and its origin day in `origin_day`.
template <class Sink>
std::vector<int> GeneratePractices(Gen& g, Sink& b, std::vector<int>& origin_day) {
    auto& rng = g.rng;
    std::vector<int> origin(static_cast<std::size_t>(g.o.practices));
    origin_day.assign(static_cast<std::size_t>(g.o.practices), 0);
    for (int p = 0; p < g.o.practices; ++p) {
        domain::Practice pr;
        pr.meta.id = p + 1;
        pr.title = Phrase(rng, 3 + static_cast<int>(rng() % 4));
        pr.summary = Phrase(rng, 12 + static_cast<int>(rng() % 10));
        int region = static_cast<int>(std::pow(g.U(), 1.5) * g.R);  // some regions originate more
        origin[static_cast<std::size_t>(p)] = region;
        pr.origin.region = g.regions[static_cast<std::size_t>(region)].code;
        pr.origin.municipality_id = g.MuniOf(region);
        pr.origin.organisation_id = 1 + static_cast<domain::Id>(rng() % 20000);
        int d1 = static_cast<int>(rng() % kDomainCount);
        pr.domains = {kDomains[d1]};
        if (g.U() < 0.3)
            pr.domains.emplace_back(kDomains[(d1 + 1 + static_cast<int>(rng() % (kDomainCount - 1))) % kDomainCount]);
        int year = 2012 + static_cast<int>(rng() % 12);
        pr.period.from = Date(year, static_cast<int>(rng() % 365));
        origin_day[static_cast<std::size_t>(p)] = DayOf(*pr.period.from);
        pr.state = g.U() < 0.9 ? domain::ModerationState::kPublished : domain::ModerationState::kOnReview;
        if (g.U() < 0.3) pr.results.push_back(domain::Kpi{"Охват", "чел.", 100.0, 250.0, {}, {}, {}});
        pr.last_confirmed_at = Date(2021 + static_cast<int>(rng() % 4), static_cast<int>(rng() % 365));
        b.Upsert(pr);
        ++g.c.practices;
    }
    return origin;
}

// Adoptions: popularity is heavy-tailed; a third borrow from an earlier adopter (lineage).
template <class Sink>
void GenerateAdoptions(Gen& g, Sink& b, const std::vector<int>& origin, const std::vector<int>& origin_day) {
    static const domain::Channel kChannels[] = {domain::Channel::kPersonnel,
                                                domain::Channel::kCompetenceCentre,
                                                domain::Channel::kCompetenceCentre,
                                                domain::Channel::kConference,
                                                domain::Channel::kConference,
                                                domain::Channel::kContest,
                                                domain::Channel::kPress,
                                                domain::Channel::kDirectContact,
                                                domain::Channel::kDirectContact,
                                                domain::Channel::kFederalProgramme,
                                                domain::Channel::kOther};
    static const domain::AdoptionStage kStages[] = {
        domain::AdoptionStage::kInterest,    domain::AdoptionStage::kStudy,       domain::AdoptionStage::kPilot,
        domain::AdoptionStage::kPilot,       domain::AdoptionStage::kImplemented, domain::AdoptionStage::kImplemented,
        domain::AdoptionStage::kImplemented, domain::AdoptionStage::kScaled,      domain::AdoptionStage::kDiscontinued};
    auto& rng = g.rng;
    std::vector<domain::Id> last_adoption(static_cast<std::size_t>(g.o.practices), 0);
    for (int a = 0; a < g.o.adoptions; ++a) {
        int p = static_cast<int>(std::pow(g.U(), 2.5) * g.o.practices);
        auto pp = static_cast<std::size_t>(p);
        domain::Adoption ad;
        ad.meta.id = a + 1;
        ad.practice_id = p + 1;
        int region = g.U() < 0.2 ? origin[pp] : static_cast<int>(rng() % static_cast<std::uint64_t>(g.R));
        ad.adopter.region = g.regions[static_cast<std::size_t>(region)].code;
        ad.adopter.municipality_id = g.MuniOf(region);
        if (last_adoption[pp] && g.U() < 0.33) ad.source_adoption_id = last_adoption[pp];
        ad.channel = kChannels[rng() % (sizeof(kChannels) / sizeof(kChannels[0]))];
        int start = origin_day[pp] + 30 + static_cast<int>(rng() % 2500);
        ad.stage_history.push_back({domain::AdoptionStage::kInterest, DateOf(start), ""});
        auto stage = kStages[rng() % (sizeof(kStages) / sizeof(kStages[0]))];
        if (stage != domain::AdoptionStage::kInterest)
            ad.stage_history.push_back({stage, DateOf(start + 60 + static_cast<int>(rng() % 700)), ""});
        if (g.U() < 0.1) ad.results.push_back(domain::Kpi{"Охват", "чел.", 50.0, 90.0, {}, {}, {}});
        b.Upsert(ad);
        last_adoption[pp] = ad.meta.id;
        ++g.c.adoptions;
    }
}

// Officials: 2-4 positions in different regions, consecutive in time.
template <class Sink>
void GeneratePersons(Gen& g, Sink& b) {
    auto& rng = g.rng;
    domain::Id pos_id = 1;
    for (int k = 0; k < g.o.persons; ++k) {
        domain::Person person;
        person.meta.id = k + 1;
        person.last_name = "Чиновник";
        person.first_name = std::to_string(k + 1);
        b.Upsert(person);
        ++g.c.persons;
        int n = 2 + static_cast<int>(rng() % 3);
        int year = 2005 + static_cast<int>(rng() % 10);
        for (int j = 0; j < n; ++j) {
            domain::Position pos;
            pos.meta.id = pos_id++;
            pos.person_id = person.meta.id;
            pos.title = "заместитель губернатора";
            pos.region = g.regions[rng() % static_cast<std::uint64_t>(g.R)].code;
            pos.from = Date(year, static_cast<int>(rng() % 365));
            year += 2 + static_cast<int>(rng() % 5);
            b.Upsert(pos);
            ++g.c.positions;
        }
    }
}

}  // namespace

template <class Sink>
GeneratedCounts GenerateInto(const GeneratorOptions& o, Sink& b) {  // Sink: SnapshotBuilder or EntitySink
    std::mt19937_64 rng(o.seed);
    GeneratedCounts c;
    auto regions = LoadRegions(o, rng);
    const int R = static_cast<int>(regions.size());
    for (const auto& r : regions) b.Upsert(r);
    c.regions = regions.size();
    c.municipalities = static_cast<std::size_t>(o.municipalities);
    Gen g{o, rng, regions, c, R, std::max(1, o.municipalities / std::max(1, R))};
    for (int d = 0; d < kDomainCount; ++d) {
        domain::Domain dom;
        dom.meta.id = d + 1;
        dom.code = kDomains[d];
        b.Upsert(dom);
    }
    GenerateIndicators(g, b);
    std::vector<int> origin_day;
    const auto origin = GeneratePractices(g, b, origin_day);
    GenerateAdoptions(g, b, origin, origin_day);
    GeneratePersons(g, b);
    return c;
}

GeneratedCounts Generate(const GeneratorOptions& o, SnapshotBuilder& b) { return GenerateInto(o, b); }

GeneratedCounts Generate(const GeneratorOptions& o, EntitySink& sink) { return GenerateInto(o, sink); }

}  // namespace orientir::analytics::bench
