// The planted-ground-truth world (bench/diffusion/planted_world.hpp).
#include "diffusion/planted_world.hpp"  // bench/diffusion/planted_world.hpp

#include <algorithm>
#include <cmath>
#include <map>
#include <queue>
#include <random>
#include <set>

#include "analytics/generator.hpp"

namespace orientir::analytics::bench {

namespace {

std::string DateAt(double years) { return DateOf(static_cast<std::int32_t>(std::floor(years * 365.25))); }

std::vector<domain::Region> Regions(const std::string& path) {
    std::vector<domain::Region> out = analytics::bench::ReadRegionsJson(path);
    if (!out.empty()) return out;
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> u(0, 1);
    for (int k = 1; k <= 89; ++k) {
        domain::Region r;
        r.meta.id = k;
        r.code = (k < 10 ? "0" : "") + std::to_string(k);
        r.name = "Регион " + r.code;
        r.short_name = r.name;
        r.district = "D" + std::to_string(k % 8);
        r.population = static_cast<std::int64_t>(std::pow(10.0, 5.0 + 2.0 * u(rng)));
        r.area_km2 = std::pow(10.0, 3.0 + 3.0 * u(rng));
        r.urban_share = 0.4 + 0.55 * u(rng);
        out.push_back(std::move(r));
    }
    return out;
}

// `n` made-up Russian-looking words (consonant-vowel syllables), distinct in their first five letters so
// the text index's crude stems keep them apart.
std::vector<std::string> WordPool(std::mt19937_64& rng, std::size_t n) {
    static const char* kC[] = {"б", "в", "г", "д", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ш"};
    static const char* kV[] = {"а", "о", "у", "и", "е"};
    std::set<std::string> stems;
    std::vector<std::string> out;
    while (out.size() < n) {
        std::string w, stem;
        for (int k = 0; k < 4; ++k) {
            w += kC[rng() % 16];
            if (k < 3) stem = w;
            w += kV[rng() % 5];
        }
        if (stems.insert(stem).second) out.push_back(w);
    }
    return out;
}

// The hidden network: out-edges of each region (kind 0 network, 1 career, 2 background).
struct HiddenEdge {
    int to;
    double prob, mean, from_time;
    int kind;
    Id org = 0;  // a career channel opened by someone from this organisation: carries only what it holds
};
using HiddenNetwork = std::vector<std::vector<HiddenEdge>>;

// Each region learns from 2 regions of its federal district and 1 other (p = 0.25, mean delay 1 year).
void PlantNetwork(const std::vector<domain::Region>& regions, std::mt19937_64& rng, HiddenNetwork& net,
                  PlantedData& out) {
    const int R = static_cast<int>(regions.size());
    std::map<std::string, std::vector<int>> by_district;
    for (int r = 0; r < R; ++r) by_district[regions[static_cast<std::size_t>(r)].district].push_back(r);
    for (int v = 0; v < R; ++v) {
        const auto& same = by_district[regions[static_cast<std::size_t>(v)].district];
        std::vector<int> teachers;
        for (int k = 0; k < 4 && teachers.size() < 2 && same.size() > 1; ++k) {
            int t = same[rng() % same.size()];
            if (t != v && std::find(teachers.begin(), teachers.end(), t) == teachers.end()) teachers.push_back(t);
        }
        while (teachers.size() < 3) {
            int t = static_cast<int>(rng() % static_cast<std::uint64_t>(R));
            if (t != v && std::find(teachers.begin(), teachers.end(), t) == teachers.end()) teachers.push_back(t);
        }
        for (int t : teachers) net[static_cast<std::size_t>(t)].push_back({v, 0.25, 1.0, -1e9, 0, 0});
        out.true_edges += teachers.size();
    }
}

// Planted organisations (PlantedOptions::organisations): region index r has r % 4 of them (a quarter of the
// regions none); a holder of a practice in a region with organisations is one of them, uniformly, with
// probability 0.5. Drawn from their own random stream, so switching them off gives the world of session 6.
struct Organisations {
    bool on = false;
    std::vector<std::vector<Id>> of_region;
    std::mt19937_64 rng;
    Id Pick(int region, double p) {
        if (!on) return 0;
        const auto& list = of_region[static_cast<std::size_t>(region)];
        if (list.empty() || std::uniform_real_distribution<double>(0, 1)(rng) >= p) return 0;
        return list[rng() % list.size()];
    }
};

Organisations PlantOrganisations(const std::vector<domain::Region>& regions, bool on, std::uint64_t seed,
                                 SnapshotBuilder& b) {
    Organisations o{on, std::vector<std::vector<Id>>(regions.size()), std::mt19937_64(seed + 100)};
    if (!on) return o;
    for (std::size_t r = 0; r < regions.size(); ++r)
        for (std::size_t k = 0; k < r % 4; ++k) {
            domain::Organisation org;
            org.meta.id = static_cast<Id>(100000 + r * 10 + k);
            org.region = regions[r].code;
            org.name = "Организация " + std::to_string(k + 1) + " региона " + regions[r].code;
            org.short_name = "Орг. " + std::to_string(k + 1) + "/" + regions[r].code;
            b.Upsert(org);
            o.of_region[r].push_back(org.meta.id);
        }
    return o;
}

// Officials: 600 moves; one in four opens a channel from the move on (p = 0.4, mean delay 0.7 years).
// With organisations, 7 in 10 worked in an organisation of the region they left (when it has one), and the
// channel their move opens carries only that organisation's practices.
void PlantOfficials(const std::vector<domain::Region>& regions, std::mt19937_64& rng, Organisations& orgs,
                    SnapshotBuilder& b, HiddenNetwork& net) {
    std::uniform_real_distribution<double> u(0, 1);
    const auto R = static_cast<std::uint64_t>(regions.size());
    domain::Id pos_id = 1;
    for (int k = 0; k < 600; ++k) {
        int from = static_cast<int>(rng() % R);
        int to = static_cast<int>(rng() % R);
        if (from == to) continue;
        double when = 2008 - 1970 + 14 * u(rng);  // years since 1970
        domain::Person person;
        person.meta.id = k + 1;
        person.last_name = "Чиновник";
        person.first_name = std::to_string(k + 1);
        b.Upsert(person);
        domain::Position p1;
        p1.meta.id = pos_id++;
        p1.person_id = person.meta.id;
        p1.title = "министр";
        p1.region = regions[static_cast<std::size_t>(from)].code;
        p1.from = DateAt(when - 3);
        const Id org = orgs.Pick(from, 0.7);
        if (org) p1.organisation_id = org;
        b.Upsert(p1);
        domain::Position p2 = p1;
        p2.organisation_id.reset();
        p2.meta.id = pos_id++;
        p2.title = "заместитель губернатора";
        p2.region = regions[static_cast<std::size_t>(to)].code;
        p2.from = DateAt(when);
        b.Upsert(p2);
        if (k % 4 == 0) net[static_cast<std::size_t>(from)].push_back({to, 0.4, 0.7, when, 1, org});
    }
}

// What the practices' cascades share: the regions, the hidden network, the word pool and each region's
// current words, and the next adoption id.
struct World {
    const std::vector<domain::Region>& regions;
    const HiddenNetwork& net;
    Organisations& orgs;
    std::vector<std::string> pool;
    std::vector<std::vector<int>> words;
    domain::Id adoption_id = 1;
    std::string Write(const std::vector<int>& ws) const {
        std::string text;
        for (int w : ws) text += (text.empty() ? "" : " ") + pool[static_cast<std::size_t>(w)];
        return text;
    }
};

// The state of one practice's cascade (per region: time reached, parent, kind of edge, adoption id, the
// organisation holding it or 0).
struct Cascading {
    std::vector<double> t;
    std::vector<int> parent, kind;
    std::vector<domain::Id> adoption_of, holder;
    std::vector<bool> done;
};

// Region `uu` adopts practice `pr` at time `tu` from its parent; 60 % lose their source.
void PlantAdoption(World& w, Cascading& c, const domain::Practice& pr, int origin, int uu, double tu,
                   std::mt19937_64& rng, SnapshotBuilder& b, PlantedData& out) {
    static const domain::Channel kNetworkChannels[] = {domain::Channel::kConference, domain::Channel::kDirectContact,
                                                       domain::Channel::kCompetenceCentre};
    std::uniform_real_distribution<double> u(0, 1);
    const auto us = static_cast<std::size_t>(uu);
    domain::Adoption ad;
    ad.meta.id = w.adoption_id++;
    ad.practice_id = pr.meta.id;
    ad.adopter.region = w.regions[us].code;
    ad.adopter.municipality_id = static_cast<domain::Id>(uu) * 1000 + 1;
    c.holder[us] = w.orgs.Pick(uu, 0.5);
    if (c.holder[us]) ad.adopter.organisation_id = c.holder[us];
    int src = c.parent[us];
    w.words[us] = w.words[static_cast<std::size_t>(src)];
    for (auto& x : w.words[us])
        if (u(rng) < 0.4) x = static_cast<int>(rng() % w.pool.size());
    if (u(rng) < 0.5) ad.adaptation_notes = w.Write(w.words[us]);
    bool hide = u(rng) < 0.6;
    if (!hide) {
        if (src != origin) ad.source_adoption_id = c.adoption_of[static_cast<std::size_t>(src)];
        ad.channel = c.kind[us] == 1   ? domain::Channel::kPersonnel
                     : c.kind[us] == 2 ? domain::Channel::kFederalProgramme
                                       : kNetworkChannels[rng() % 3];
    } else {
        ad.channel = domain::Channel::kOther;
        out.truth[ad.meta.id] = src;
        out.truth_organisation[ad.meta.id] = c.holder[static_cast<std::size_t>(src)];
        ++out.hidden;
        if (c.kind[us] == 1 && c.holder[static_cast<std::size_t>(src)]) ++out.via_organisation_career;
        (c.kind[us] == 1 ? out.via_career : c.kind[us] == 2 ? out.via_background : out.via_network)++;
    }
    ad.stage_history.push_back({domain::AdoptionStage::kImplemented, DateAt(tu), ""});
    c.adoption_of[us] = ad.meta.id;
    b.Upsert(ad);
    ++out.adoptions;
}

// One practice: its origin and passport, then the cascade over the hidden network (earliest arrival first)
// until 10 years or 2026; the origin also reaches any region directly (p = 0.03, mean 3 years).
void PlantPractice(World& w, Cascading& c, int p, std::mt19937_64& rng, SnapshotBuilder& b, PlantedData& out) {
    std::uniform_real_distribution<double> u(0, 1);
    auto exp_draw = [&](double mean) { return -mean * std::log(1 - u(rng)); };
    const int R = static_cast<int>(w.regions.size());
    int origin = static_cast<int>(std::pow(u(rng), 1.5) * R);
    auto& own = w.words[static_cast<std::size_t>(origin)];
    own.clear();
    for (int k = 0; k < 8; ++k) own.push_back(static_cast<int>(rng() % w.pool.size()));
    double t0 = 2010 - 1970 + 11 * u(rng);
    double horizon = std::min(t0 + 10, 2026.0 - 1970);
    domain::Practice pr;
    pr.meta.id = p + 1;
    pr.title = "Практика " + std::to_string(p + 1);
    pr.summary = "Описание практики: " + w.Write(own);
    pr.origin.region = w.regions[static_cast<std::size_t>(origin)].code;
    c.holder[static_cast<std::size_t>(origin)] = w.orgs.Pick(origin, 0.5);
    if (c.holder[static_cast<std::size_t>(origin)])
        pr.origin.organisation_id = c.holder[static_cast<std::size_t>(origin)];
    pr.domains = {"volunteering"};
    pr.period.from = DateAt(t0);
    pr.state = domain::ModerationState::kPublished;
    b.Upsert(pr);
    std::fill(c.t.begin(), c.t.end(), 1e18);
    std::fill(c.done.begin(), c.done.end(), false);
    std::fill(c.parent.begin(), c.parent.end(), -1);
    using Item = std::pair<double, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
    c.t[static_cast<std::size_t>(origin)] = t0;
    pq.push({t0, origin});
    auto relax = [&](int from, int to, double at, int k) {
        const auto ts = static_cast<std::size_t>(to);
        if (at < c.t[ts]) {
            c.t[ts] = at;
            c.parent[ts] = from;
            c.kind[ts] = k;
            pq.push({at, to});
        }
    };
    while (!pq.empty()) {
        auto [tu, uu] = pq.top();
        pq.pop();
        auto us = static_cast<std::size_t>(uu);
        if (c.done[us] || tu > c.t[us]) continue;
        c.done[us] = true;
        if (tu > horizon) break;
        if (uu != origin) PlantAdoption(w, c, pr, origin, uu, tu, rng, b, out);
        for (const auto& e : w.net[us]) {
            if (c.done[static_cast<std::size_t>(e.to)]) continue;
            if (u(rng) >= e.prob) continue;
            if (e.org && c.holder[us] != e.org) continue;  // the official's organisation does not hold it
            relax(uu, e.to, std::max(tu, e.from_time) + exp_draw(e.mean), e.kind);
        }
        if (uu == origin)
            for (int v = 0; v < R; ++v)
                if (v != origin && u(rng) < 0.03) relax(uu, v, tu + exp_draw(3.0), 2);
    }
}

}  // namespace

// Diffusion over a hidden network (PlantNetwork), officials' moves (PlantOfficials) and practices
// (PlantPractice). Texts: the origin's passport has 8 words of a pool of 400 made-up words; an adopter's own
// version copies its source's words, each replaced by a random pool word with probability 0.4, and half of the
// adopters write it down as their notes (the others leave them empty).
PlantedData Plant(const PlantedOptions& a, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    SnapshotBuilder b;
    auto regions = Regions(a.regions);
    std::sort(regions.begin(), regions.end(), [](auto& x, auto& y) { return x.code < y.code; });
    const auto R = regions.size();
    for (auto& r : regions) b.Upsert(r);
    domain::Domain dom;
    dom.meta.id = 1;
    dom.code = "volunteering";
    dom.name = "Добровольчество";
    b.Upsert(dom);
    PlantedData out;
    HiddenNetwork net(R);
    PlantNetwork(regions, rng, net, out);
    Organisations orgs = PlantOrganisations(regions, a.organisations, seed, b);
    PlantOfficials(regions, rng, orgs, b, net);
    World w{regions, net, orgs, WordPool(rng, 400), std::vector<std::vector<int>>(R)};
    Cascading c{std::vector<double>(R),     std::vector<int>(R),        std::vector<int>(R),
                std::vector<domain::Id>(R), std::vector<domain::Id>(R), std::vector<bool>(R)};
    for (int p = 0; p < a.practices; ++p) PlantPractice(w, c, p, rng, b, out);
    out.snapshot = b.Build();
    return out;
}

}  // namespace orientir::analytics::bench
