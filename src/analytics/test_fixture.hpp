#pragma once
// A small, hand-computed data set shared by the analytics tests. The expected figures in the tests
// are worked out by hand from these numbers (see the comments there).

#include <memory>
#include <optional>
#include <string>

#include "analytics/snapshot.hpp"

namespace orientir::analytics::testing {

inline domain::Region MakeRegion(domain::Id id, std::string code, std::string name, std::string short_name, double pop,
                                 double area, double urban, bool north) {
    domain::Region r;
    r.meta.id = id;
    r.code = std::move(code);
    r.name = std::move(name);
    r.short_name = std::move(short_name);
    r.population = static_cast<std::int64_t>(pop);
    r.area_km2 = area;
    r.urban_share = urban;
    r.north = north;
    r.district = "ural";
    return r;
}

inline domain::Practice MakePractice(domain::Id id, std::string title, std::string domain_code, std::string region,
                                     std::string from, bool results = false,
                                     domain::ModerationState state = domain::ModerationState::kPublished) {
    domain::Practice p;
    p.meta.id = id;
    p.title = std::move(title);
    p.domains = {std::move(domain_code)};
    p.origin.region = std::move(region);
    p.period.from = std::move(from);
    p.state = state;
    if (results) p.results.push_back(domain::Kpi{"волонтёров на 1000 жителей", "чел.", 10.0, 25.0, {}, {}, {}});
    return p;
}

inline domain::Adoption MakeAdoption(domain::Id id, domain::Id practice, std::string region, domain::Id muni,
                                     domain::Channel channel, domain::AdoptionStage stage, std::string started,
                                     domain::Id source = 0) {
    domain::Adoption a;
    a.meta.id = id;
    a.practice_id = practice;
    a.adopter.region = std::move(region);
    if (muni) a.adopter.municipality_id = muni;
    if (source) a.source_adoption_id = source;
    a.channel = channel;
    a.stage_history.push_back({domain::AdoptionStage::kInterest, started, ""});
    if (stage != domain::AdoptionStage::kInterest) a.stage_history.push_back({stage, started, ""});
    return a;
}

inline domain::IndicatorValue Val(domain::Id id, std::string ind, std::string region, int year, double v) {
    domain::IndicatorValue x;
    x.meta.id = id;
    x.indicator = std::move(ind);
    x.region = std::move(region);
    x.year = year;
    x.value = v;
    return x;
}

// Regions 45, 66, 72, 86, 89; volunteering indicators vol_share (higher better) and wait_days (lower
// better); culture indicator art_share with a tie, and their values.
inline void AddFixtureRegionsAndIndicators(SnapshotBuilder& b) {
    b.Upsert(MakeRegion(1, "45", "Курганская область", "Зауралье", 800000, 71500, 0.63, false));
    b.Upsert(MakeRegion(2, "66", "Свердловская область", "Свердловская", 4300000, 194300, 0.85, false));
    b.Upsert(MakeRegion(3, "72", "Тюменская область", "Тюменская", 1600000, 160100, 0.68, false));
    b.Upsert(MakeRegion(4, "86", "Ханты-Мансийский автономный округ — Югра", "Югра", 1700000, 534800, 0.93, true));
    b.Upsert(MakeRegion(5, "89", "Ямало-Ненецкий автономный округ", "Ямал", 510000, 769250, 0.84, true));

    domain::Indicator vol;
    vol.meta.id = 1;
    vol.code = "vol_share";
    vol.name = "Доля граждан, вовлечённых в добровольчество";
    vol.unit = "%";
    vol.domain = "volunteering";
    b.Upsert(vol);
    domain::Indicator wait = vol;
    wait.meta.id = 2;
    wait.code = "wait_days";
    wait.name = "Срок рассмотрения заявки волонтёра";
    wait.unit = "дн.";
    wait.direction = domain::IndicatorDirection::kLowerBetter;
    b.Upsert(wait);
    domain::Indicator art = vol;
    art.meta.id = 3;
    art.code = "art_share";
    art.domain = "culture";
    b.Upsert(art);
    domain::Id id = 1;
    for (auto& [r, v] :
         std::vector<std::pair<std::string, double>>{{"72", 10}, {"86", 20}, {"89", 15}, {"66", 12}, {"45", 8}})
        b.Upsert(Val(id++, "vol_share", r, 2023, v));
    b.Upsert(Val(id++, "vol_share", "72", 2022, 8));
    b.Upsert(Val(id++, "vol_share", "86", 2022, 18));
    for (auto& [r, v] : std::vector<std::pair<std::string, double>>{{"72", 30}, {"86", 10}, {"89", 20}, {"66", 40}})
        b.Upsert(Val(id++, "wait_days", r, 2023, v));
    for (auto& [r, v] : std::vector<std::pair<std::string, double>>{{"72", 5}, {"86", 5}, {"89", 3}})
        b.Upsert(Val(id++, "art_share", r, 2023, v));
}

// Practices P1..P6 (P5 a draft) and adoptions A10..A17.
inline void AddFixturePracticesAndAdoptions(SnapshotBuilder& b) {
    using domain::AdoptionStage;
    using domain::Channel;
    auto p1 = MakePractice(1, "Организация добровольческой деятельности в муниципалитетах", "volunteering", "86",
                           "2019-01-01", true);
    p1.summary = "Ресурсный центр координирует волонтёров и обучает организаторов в каждом муниципалитете";
    p1.last_confirmed_at = "2024-03-01";
    b.Upsert(p1);
    auto p2 = MakePractice(2, "Проектная программа детской школы искусств", "culture", "86", "2018-09-01");
    p2.origin.municipality_id = 100;
    b.Upsert(p2);
    b.Upsert(MakePractice(3, "Волонтёрский штаб Ямала", "volunteering", "89", "2021-01-01"));
    b.Upsert(MakePractice(4, "Тюменский добровольческий марафон", "volunteering", "72", "2020-01-01"));
    b.Upsert(MakePractice(5, "Черновик практики", "volunteering", "66", "2020-01-01", false,
                          domain::ModerationState::kDraft));
    b.Upsert(MakePractice(6, "Организация добровольческой деятельности в сельских муниципалитетах", "volunteering",
                          "45", "2022-01-01"));

    b.Upsert(MakeAdoption(10, 1, "89", 0, Channel::kCompetenceCentre, AdoptionStage::kImplemented, "2020-03-01"));
    b.Upsert(MakeAdoption(11, 1, "66", 0, Channel::kConference, AdoptionStage::kPilot, "2021-06-01", 10));
    b.Upsert(MakeAdoption(12, 3, "86", 0, Channel::kPersonnel, AdoptionStage::kStudy, "2022-01-10"));
    b.Upsert(MakeAdoption(13, 2, "89", 200, Channel::kDirectContact, AdoptionStage::kImplemented, "2021-01-01"));
    b.Upsert(MakeAdoption(14, 2, "72", 300, Channel::kPress, AdoptionStage::kDiscontinued, "2022-02-01"));
    b.Upsert(MakeAdoption(15, 1, "45", 400, Channel::kPersonnel, AdoptionStage::kInterest, "2023-01-01"));
    b.Upsert(MakeAdoption(16, 4, "72", 301, Channel::kOther, AdoptionStage::kImplemented, "2021-09-01"));
    b.Upsert(MakeAdoption(17, 4, "86", 0, Channel::kPersonnel, AdoptionStage::kPilot, "2020-05-01"));
}

// One post of a career move (positions are numbered by the caller).
struct Post {
    Id id = 0;
    std::string title, region;
    std::optional<Id> organisation;
    std::string from, to;
};

// A person and the two posts of a move: `before` (its region or organisation is where they came from), then
// `after`.
inline void AddCareerMove(SnapshotBuilder& b, Id person_id, const std::string& last_name, const std::string& first_name,
                          const Post& before, const Post& after) {
    domain::Person person;
    person.meta.id = person_id;
    person.last_name = last_name;
    person.first_name = first_name;
    b.Upsert(person);
    for (const Post* post : {&before, &after}) {
        domain::Position pos;
        pos.meta.id = post->id;
        pos.person_id = person_id;
        pos.title = post->title;
        pos.region = post->region;
        pos.organisation_id = post->organisation;
        pos.from = post->from;
        if (!post->to.empty()) pos.to = post->to;
        b.Upsert(pos);
    }
}

// One person who moved from 72 to 86 on 2019-06-01.
inline void AddFixturePerson(SnapshotBuilder& b) {
    AddCareerMove(b, 1, "Иванов", "Иван",
                  {1, "заместитель губернатора", "72", std::nullopt, "2010-01-01", "2019-05-31"},
                  {2, "губернатор", "86", std::nullopt, "2019-06-01", ""});
}

// The whole data set: regions and indicators, practices and adoptions, the person.
inline SnapshotBuilder FixtureBuilder() {
    SnapshotBuilder b;
    AddFixtureRegionsAndIndicators(b);
    AddFixturePracticesAndAdoptions(b);
    AddFixturePerson(b);
    return b;
}

inline std::shared_ptr<const Snapshot> Fixture() { return FixtureBuilder().Build(); }

}  // namespace orientir::analytics::testing
