#include "app/articles.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "app/audit.hpp"
#include "app/entities.hpp"
#include "app/permissions.hpp"
#include "app/store_access.hpp"
#include "common/strings.hpp"
#include "domain/codec.hpp"
#include "domain/validation.hpp"
#include "extract/gazetteer.hpp"
#include "text/normalize.hpp"

namespace orientir::app {

namespace {

using domain::Article;

const std::set<std::string> kStatuses = {"proposed", "accepted", "merged", "rejected"};
const std::set<std::string> kFactKinds = {"adoption", "position", "located_in"};
// Kinds the gazetteer is built from: a change of one of them rebuilds the extractor.
bool GazetteerKind(const std::string& k) {
    return k == "region" || k == "municipality" || k == "organisation" || k == "person";
}

std::string Login(const Actor& a) { return a.login.empty() ? std::string(RoleCode(a.role)) : a.login; }

ProposedFact FactFromDoc(const storage::Doc& doc) {
    ProposedFact f;
    auto j = OrderedJson::parse(doc.body);
    f.id = doc.id;
    f.version = doc.version;
    f.created_at = doc.created_at;
    f.updated_at = doc.updated_at;
    f.article_id = j.value("article_id", Id(0));
    f.kind = j.value("kind", "");
    if (j.contains("feed_id") && j["feed_id"].is_number_integer()) f.feed_id = j["feed_id"].get<Id>();
    if (j.contains("regions") && j["regions"].is_array())
        for (const auto& r : j["regions"])
            if (r.is_string()) f.regions.push_back(r.get<std::string>());
    f.fact = j.contains("fact") ? j["fact"] : OrderedJson::object();
    f.confidence = j.value("confidence", 0.0);
    f.status = j.value("status", "proposed");
    if (j.contains("resolved") && j["resolved"].is_object()) {
        f.resolved_kind = j["resolved"].value("kind", "");
        f.resolved_id = j["resolved"].value("id", Id(0));
        f.resolved_action = j["resolved"].value("action", "");
    }
    if (j.contains("reviewer") && j["reviewer"].is_string()) f.reviewer = j["reviewer"];
    if (j.contains("reviewed_at") && j["reviewed_at"].is_string()) f.reviewed_at = j["reviewed_at"];
    f.reason = j.value("reason", "");
    f.edits = j.contains("edits") ? j["edits"] : OrderedJson();
    if (j.contains("outcome") && j["outcome"].is_array()) f.outcome = j["outcome"];
    return f;
}

OrderedJson FactBodyJson(const ProposedFact& f) {
    OrderedJson j;
    j["article_id"] = f.article_id;
    j["kind"] = f.kind;
    j["feed_id"] = f.feed_id ? OrderedJson(*f.feed_id) : OrderedJson();
    j["regions"] = f.regions;
    j["fact"] = f.fact;
    j["confidence"] = f.confidence;
    j["status"] = f.status;
    if (f.resolved_kind && f.resolved_id) {
        j["resolved"] = {{"kind", *f.resolved_kind}, {"id", *f.resolved_id}, {"action", f.resolved_action}};
    } else {
        j["resolved"] = nullptr;
    }
    j["reviewer"] = f.reviewer.empty() ? OrderedJson() : OrderedJson(f.reviewer);
    j["reviewed_at"] = f.reviewed_at.empty() ? OrderedJson() : OrderedJson(f.reviewed_at);
    j["reason"] = f.reason;
    j["edits"] = f.edits;
    j["outcome"] = f.outcome;
    return j;
}

// Confidence as a sortable index value ("0.85").
std::string ConfidenceKey(double c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", std::clamp(c, 0.0, 1.0));
    return buf;
}

storage::IndexEntries FactIndexOf(const ProposedFact& f) {
    storage::IndexEntries idx{{"status", f.status, false},
                              {"article", std::to_string(f.article_id), false},
                              {"kind", f.kind, false},
                              {"confidence", ConfidenceKey(f.confidence), false}};
    if (f.feed_id) idx.push_back({"feed", std::to_string(*f.feed_id), false});
    for (const auto& r : f.regions) idx.push_back({"region", r, false});
    return idx;
}

// Where a mention points: region code, municipality or organisation id (from its directory ref).
struct PlaceRef {
    std::string region;
    std::optional<Id> municipality_id, organisation_id, person_id;
    std::string ref_kind;
};

PlaceRef RefOf(const OrderedJson& mention) {
    PlaceRef p;
    if (!mention.is_object() || !mention.contains("ref") || !mention["ref"].is_object()) return p;
    const auto& ref = mention["ref"];
    p.ref_kind = ref.value("kind", "");
    Id id = ref.contains("id") && ref["id"].is_number_integer() ? ref["id"].get<Id>() : 0;
    if (p.ref_kind == "region") {
        p.region = ref.value("code", "");
    } else if (p.ref_kind == "municipality") {
        p.region = ref.value("region", "");
        if (id) p.municipality_id = id;
    } else if (p.ref_kind == "organisation") {
        p.region = ref.value("region", "");
        if (id) p.organisation_id = id;
    } else if (p.ref_kind == "person") {
        if (id) p.person_id = id;
    }
    return p;
}

std::string SideRegion(const OrderedJson& fact, const char* side);

// Region codes a fact names (adopter, source, place of a post, organisation), for the queue's filter.
std::vector<std::string> FactRegions(const OrderedJson& fact) {
    std::set<std::string> out;
    for (const char* key : {"adopter", "source", "region", "municipality", "organisation"}) {
        if (!fact.is_object() || !fact.contains(key)) continue;
        auto r = RefOf(fact[key]).region;
        if (!r.empty()) out.insert(r);
    }
    for (const char* side : {"adopter", "source"})
        if (auto r = SideRegion(fact, side); !r.empty()) out.insert(r);
    return {out.begin(), out.end()};
}

std::string MentionText(const OrderedJson& mention) {
    if (!mention.is_object()) return "";
    if (mention.contains("normal") && mention["normal"].is_string()) return mention["normal"];
    return mention.value("text", "");
}

// Whether an adoption's adopter may be the same as another: the same region, and the same town and the same body
// wherever both name one (a region-level record may be any of its towns; Канаш's record is not
// Новочебоксарск's). The review offers such records as the place for an article's evidence, and accepting a
// fact never creates a record beside one of them without the curator's word.
bool MayBeSameAdopter(const domain::Place& a, const domain::Place& b) {
    auto same = [](const std::optional<Id>& x, const std::optional<Id>& y) { return !x || !y || x == y; };
    return a.region == b.region && same(a.municipality_id, b.municipality_id) &&
           same(a.organisation_id, b.organisation_id);
}

// The region code of one side ("adopter", "source") of an adoption fact: the extractor's
// adopter_region / source_region (issue 12; also for municipalities, organisations and demonyms), else
// the region of the side's directory link.
std::string SideRegion(const OrderedJson& fact, const char* side) {
    if (!fact.is_object()) return "";
    std::string key = std::string(side) + "_region";
    if (fact.contains(key) && fact[key].is_string() && !fact[key].get<std::string>().empty())
        return fact[key].get<std::string>();
    return fact.contains(side) ? RefOf(fact[side]).region : std::string();
}

}  // namespace

domain::Place FactSide(const OrderedJson& fact, const char* side) {
    domain::Place place;
    place.region = SideRegion(fact, side);
    if (!fact.is_object() || !fact.contains(side)) return place;
    PlaceRef ref = RefOf(fact[side]);
    if (ref.region.empty() || ref.region == place.region) {
        place.municipality_id = ref.municipality_id;
        place.organisation_id = ref.organisation_id;
    }
    return place;
}

namespace {

// The practice as the article names it (a title-like phrase in the nominative).
std::string PracticeTextOf(const OrderedJson& fact) {
    if (!fact.is_object() || !fact.contains("practice") || !fact["practice"].is_object()) return "";
    return fact["practice"].value("text", "");
}

// The date a position fact gives ("2025-09-01"), only when it is a whole date: "2024-03" or "2024" are
// shown to the curator, never stretched into a day.
std::optional<std::string> FactDate(const OrderedJson& fact) {
    if (!fact.is_object() || !fact.contains("date") || !fact["date"].is_string()) return std::nullopt;
    std::string d = fact["date"].get<std::string>();
    if (!IsValidDate(d)) return std::nullopt;
    return d;
}

// Lower-cases the first letter of a post written at the start of a sentence («Губернатор» → «губернатор»),
// but not abbreviations («ВРИО», «ДШИ»).
std::string LowerFirst(std::string s) {
    if (s.size() < 4) return s;
    auto b0 = static_cast<unsigned char>(s[0]), b1 = static_cast<unsigned char>(s[1]);
    auto n0 = static_cast<unsigned char>(s[2]), n1 = static_cast<unsigned char>(s[3]);
    bool next_upper = (n0 == 0xD0 && n1 >= 0x90 && n1 <= 0xAF) || (n0 == 0xD0 && n1 == 0x81);
    if (next_upper) return s;
    if (b0 == 0xD0 && b1 >= 0x90 && b1 <= 0x9F) {
        s[1] = static_cast<char>(b1 + 0x20);  // А-П → а-п
    } else if (b0 == 0xD0 && b1 >= 0xA0 && b1 <= 0xAF) {
        s[0] = static_cast<char>(0xD1);  // Р-Я → р-я
        s[1] = static_cast<char>(b1 - 0x20);
    } else if (b0 == 0xD0 && b1 == 0x81) {
        s[0] = static_cast<char>(0xD1);  // Ё → ё
        s[1] = static_cast<char>(0x91);
    }
    return s;
}

bool IsPatronymic(const std::string& w) {
    std::string f = text::Fold(w);
    for (const char* suf : {"вич", "вна", "ична", "ич"}) {
        std::string s = suf;
        if (f.size() > s.size() + 2 && f.compare(f.size() - s.size(), s.size(), s) == 0) return true;
    }
    return false;
}

// Person name parts from a mention as written: «Игорь Коваленко», «Коваленко Игорь Геннадьевич»,
// «Игорь Геннадьевич Коваленко», «Коваленко».
domain::Person PersonFromName(const std::string& name) {
    std::vector<std::string> w;
    for (const auto& part : Split(name, ' '))
        if (auto t = Trim(part); !t.empty()) w.emplace_back(t);
    domain::Person p;
    if (w.size() == 1) {
        p.last_name = w[0];
    } else if (w.size() == 2) {
        bool initial = w[0].size() <= 4 && w[0].back() == '.';
        p.first_name = w[0];
        p.last_name = w[1];
        if (!initial && w[1].back() == '.') std::swap(p.first_name, p.last_name);
    } else if (w.size() >= 3) {
        if (IsPatronymic(w[2]) && !IsPatronymic(w[1])) {
            p.last_name = w[0];
            p.first_name = w[1];
            p.patronymic = w[2];
        } else {
            p.first_name = w[0];
            p.patronymic = w[1];
            p.last_name = w[2];
        }
    }
    return p;
}

std::string FirstLine(const std::string& text) {
    for (const auto& line : Split(text, '\n')) {
        auto t = Trim(line);
        if (t.empty()) continue;
        std::string s(t);
        if (text::CodePointLength(s) > 200) s = text::SubstrCodePoints(s, 0, 200) + "…";
        return s;
    }
    return "";
}

std::vector<std::string> Stems(const std::string& s, std::int32_t prefix = 5) {
    std::vector<std::string> out;
    for (const auto& t : text::Tokenize(s)) {
        if (!t.is_word || text::CodePointLength(t.folded) < 4) continue;
        out.push_back(text::SubstrCodePoints(t.folded, 0, prefix));
    }
    return out;
}

Result<std::string> RegionCode(App& app, const std::string& field, const std::string& key) {
    auto r = app.FindRegion(key);
    if (!r.ok()) return Error::Invalid(field, "unknown_region", r.error().message);
    return r->code;
}

// Names for the outcome and the match notice: the adopter's organisation, municipality or region.
template <class Reader>
std::string PlaceLabel(App& app, Reader& r, const domain::Place& p) {
    if (p.organisation_id)
        if (auto d = r.Get("organisation", *p.organisation_id); d.ok())
            return FromDoc<domain::Organisation>(d.value()).name;
    if (p.municipality_id)
        if (auto d = r.Get("municipality", *p.municipality_id); d.ok())
            return FromDoc<domain::Municipality>(d.value()).name;
    auto region = app.FindRegion(p.region);
    return region.ok() ? region->name : p.region;
}

// «внедрение № 101: Ишим, Прямой контакт, Изучение»
template <class Reader>
std::string AdoptionLabelOf(App& app, Reader& r, Id id, const domain::Adoption& a) {
    return "внедрение № " + std::to_string(id) + ": " + PlaceLabel(app, r, a.adopter) + ", " +
           std::string(domain::LabelOf(a.channel).ru) + ", " + std::string(domain::LabelOf(a.stage()).ru);
}

}  // namespace

OrderedJson ToJson(const ProposedFact& f) {
    OrderedJson j;
    j["id"] = f.id;
    j["version"] = f.version;
    auto body = FactBodyJson(f);
    for (auto it = body.begin(); it != body.end(); ++it) j[it.key()] = it.value();
    j["created_at"] = f.created_at;
    j["updated_at"] = f.updated_at;
    return j;
}

storage::IndexEntries FactIndex(const std::string& body) {
    storage::Doc d;
    d.body = body;
    return FactIndexOf(FactFromDoc(d));
}

Result<FactEdits> ParseFactEdits(const Json& body) {
    FactEdits e;
    std::optional<std::string> channel, stage, org_kind, period;
    std::optional<std::int64_t> practice_id, am, ao, sm, so, sa, pid, mid, oid, match_id;
    auto st = ReadJsonObject(body, [&](JsonReader& r) {
        r.OptInt("practice_id", practice_id);
        r.OptStr("new_practice_title", e.new_practice_title, 500);
        r.OptStr("new_practice_domain", e.new_practice_domain, 60);
        r.OptStr("on_match", e.on_match, 20);
        r.OptInt("match_id", match_id);
        r.OptStr("adopter_region", e.adopter_region, 20);
        r.OptInt("adopter_municipality_id", am);
        r.OptInt("adopter_organisation_id", ao);
        r.OptStr("source_region", e.source_region, 20);
        r.OptInt("source_municipality_id", sm);
        r.OptInt("source_organisation_id", so);
        r.OptInt("source_adoption_id", sa);
        r.OptStr("channel", channel, 40);
        r.OptStr("stage", stage, 40);
        r.OptDate("stage_at", e.stage_at);
        r.OptInt("person_id", pid);
        r.OptStr("last_name", e.last_name, 100);
        r.OptStr("first_name", e.first_name, 100);
        r.OptStr("patronymic", e.patronymic, 100);
        r.OptStr("title", e.title, 300);
        r.OptStr("region", e.region, 20);
        r.OptInt("municipality_id", mid);
        r.OptInt("organisation_id", oid);
        r.OptStr("period", period, 10);
        r.OptDate("from", e.from);
        r.OptDate("to", e.to);
        r.OptStr("name", e.name, 500);
        r.OptStr("organisation_kind", org_kind, 40);
        r.Str("note", e.note, false, 2000);
        if (channel)
            e.channel =
                domain::ParseEnumCode(r, "channel", *channel, domain::ParseChannel, domain::AllowedCodesChannel());
        if (stage)
            e.stage = domain::ParseEnumCode(r, "stage", *stage, domain::ParseAdoptionStage,
                                            domain::AllowedCodesAdoptionStage());
        if (org_kind)
            e.organisation_kind =
                domain::ParseEnumCode(r, "organisation_kind", *org_kind, domain::ParseOrganisationKind,
                                      domain::AllowedCodesOrganisationKind());
        if (period && *period != "current" && *period != "past")
            r.AddIssue("period", "enum", "period must be current or past");
        if (e.on_match && *e.on_match != "new" && *e.on_match != "evidence")
            r.AddIssue("on_match", "enum", "on_match must be new or evidence");
    });
    if (!st.ok()) return st.error();
    e.practice_id = practice_id;
    e.match_id = match_id;
    e.adopter_municipality_id = am;
    e.adopter_organisation_id = ao;
    e.source_municipality_id = sm;
    e.source_organisation_id = so;
    e.source_adoption_id = sa;
    e.person_id = pid;
    e.municipality_id = mid;
    e.organisation_id = oid;
    e.period = period;
    return e;
}

OrderedJson ToJson(const FactEdits& e) {
    OrderedJson j = OrderedJson::object();
    auto put = [&](const char* k, const auto& v) {
        if (v) j[k] = *v;
    };
    put("practice_id", e.practice_id);
    put("new_practice_title", e.new_practice_title);
    put("new_practice_domain", e.new_practice_domain);
    put("on_match", e.on_match);
    put("match_id", e.match_id);
    put("adopter_region", e.adopter_region);
    put("adopter_municipality_id", e.adopter_municipality_id);
    put("adopter_organisation_id", e.adopter_organisation_id);
    put("source_region", e.source_region);
    put("source_municipality_id", e.source_municipality_id);
    put("source_organisation_id", e.source_organisation_id);
    put("source_adoption_id", e.source_adoption_id);
    if (e.channel) j["channel"] = domain::Code(*e.channel);
    if (e.stage) j["stage"] = domain::Code(*e.stage);
    put("stage_at", e.stage_at);
    put("person_id", e.person_id);
    put("last_name", e.last_name);
    put("first_name", e.first_name);
    put("patronymic", e.patronymic);
    put("title", e.title);
    put("region", e.region);
    put("municipality_id", e.municipality_id);
    put("organisation_id", e.organisation_id);
    put("period", e.period);
    put("from", e.from);
    put("to", e.to);
    put("name", e.name);
    if (e.organisation_kind) j["organisation_kind"] = domain::Code(*e.organisation_kind);
    if (!e.note.empty()) j["note"] = e.note;
    return j;
}

// ---------------------------------------------------------------------------------------------------
// The decisions, inside one write transaction.

struct ArticleService::Impl {
    App& app;
    storage::WriteTx& tx;
    const Actor& actor;
    const Article& article;
    ProposedFact& f;

    std::string Today() const { return app.clock().Today(); }
    std::string Now() const { return app.clock().NowTimestamp(); }
    std::string ArticleDate() const {
        std::string d = article.published_at.value_or(Today());
        return d > Today() ? Today() : d;
    }

    void Outcome(const char* action, const char* kind, Id id, const std::string& label, const std::string& from = "",
                 const std::string& to = "") {
        OrderedJson o{{"action", action}, {"kind", kind}, {"id", id}, {"label", label}};
        if (!from.empty()) o["from"] = from;
        if (!to.empty()) o["to"] = to;
        f.outcome.push_back(std::move(o));
    }

    std::string PlaceName(const domain::Place& p) { return PlaceLabel(app, tx, p); }
    std::string AdoptionLabel(Id id, const domain::Adoption& a) { return AdoptionLabelOf(app, tx, id, a); }
    std::string PositionLabel(const domain::Position& p) {
        std::string s = "должность № " + std::to_string(p.meta.id) + ": " + p.title;
        if (p.region) s += ", " + PlaceLabel(app, tx, domain::Place{*p.region, p.municipality_id, std::nullopt});
        if (p.from || p.to) s += ", " + p.from.value_or("…") + " — " + p.to.value_or("по н. в.");
        return s;
    }

    void Resolve(const char* status, const std::string& kind, Id id, const char* action) {
        f.status = status;
        f.resolved_kind = kind;
        f.resolved_id = id;
        f.resolved_action = action;
    }

    domain::Evidence AdoptionEvidence() const {
        domain::Evidence ev;
        ev.url = article.url;
        ev.title = article.title;
        ev.quote = f.fact.contains("evidence") ? f.fact["evidence"].value("text", "") : "";
        ev.article_id = article.meta.id;
        return ev;
    }

    template <class T>
    Status Save(const storage::Doc& before, T& v, const char* action) {
        if (!MayWrite(actor, v))
            return Error::Forbidden(std::string("your role does not allow you to change this ") + Entity<T>::kKind);
        TxReferences refs(tx);
        if constexpr (std::is_same_v<T, domain::Person>) {
            ORIENTIR_TRY(domain::ToStatus(domain::Validate(v)));
        } else {
            ORIENTIR_TRY(domain::ToStatus(domain::Validate(v, refs)));
        }
        std::string body = ToBody(v);
        ORIENTIR_ASSIGN(auto saved, tx.Update(Entity<T>::kKind, v.meta.id, before.version, body, Entity<T>::Index(v)));
        return WriteAudit(tx, actor, action, Entity<T>::kKind, v.meta.id, before.body, body, saved.updated_at);
    }

    // Adds the article as evidence to an adoption (once per article). With the curator's edits (or the
    // fact) reporting a later stage the adoption moves forward; an unknown channel («Другое») takes the
    // curator's. Everything it changes is listed in the fact's outcome.
    Status AddAdoptionEvidence(Id adoption_id, const FactEdits* e = nullptr) {
        ORIENTIR_ASSIGN(auto doc, tx.Get("adoption", adoption_id));
        auto a = FromDoc<domain::Adoption>(doc);
        auto ev = AdoptionEvidence();
        bool dup = false;
        for (const auto& x : a.evidence)
            dup |= (x.article_id && *x.article_id == article.meta.id) ||
                   (!ev.url.empty() && x.url == ev.url && x.quote == ev.quote);
        if (!dup) a.evidence.push_back(ev);
        auto stage = e && e->stage ? e->stage : domain::ParseAdoptionStage(f.fact.value("stage", ""));
        std::string at = e && e->stage_at ? *e->stage_at : ArticleDate();
        std::optional<domain::AdoptionStage> moved_from;
        if (stage && *stage != domain::AdoptionStage::kDiscontinued && !a.stage_history.empty() &&
            domain::StageRank(*stage) > domain::StageRank(a.stage()) && domain::IsAllowedStageMove(a.stage(), *stage) &&
            at >= a.stage_history.back().at) {
            moved_from = a.stage();
            a.stage_history.push_back({*stage, at, "по публикации: " + article.title});
        }
        std::optional<domain::Channel> channel_from;
        bool channel_kept = false;
        if (e && e->channel && *e->channel != a.channel) {
            if (a.channel == domain::Channel::kOther) {
                channel_from = a.channel;
                a.channel = *e->channel;
            } else {
                channel_kept = true;
            }
        }
        a.last_confirmed_at = Today();
        ORIENTIR_TRY(Save(doc, a, "evidence"));
        std::string label = AdoptionLabel(adoption_id, a);
        Outcome("evidence_added", "adoption", adoption_id, label);
        if (moved_from)
            Outcome("stage_moved", "adoption", adoption_id, label, std::string(domain::LabelOf(*moved_from).ru),
                    std::string(domain::LabelOf(a.stage()).ru));
        if (channel_from)
            Outcome("channel_set", "adoption", adoption_id, label, std::string(domain::LabelOf(*channel_from).ru),
                    std::string(domain::LabelOf(a.channel).ru));
        if (channel_kept)
            Outcome("channel_kept", "adoption", adoption_id, label, std::string(domain::LabelOf(a.channel).ru),
                    std::string(domain::LabelOf(*e->channel).ru));
        return Status::Ok();
    }

    // Adds the article's URL to a position's evidence; dates the curator gave fill those the position lacks.
    Status AddPositionEvidence(Id position_id, const FactEdits& e = {}) {
        ORIENTIR_ASSIGN(auto doc, tx.Get("position", position_id));
        auto p = FromDoc<domain::Position>(doc);
        std::string url = article.url.empty() ? "/articles/" + std::to_string(article.meta.id) : article.url;
        if (std::find(p.evidence_urls.begin(), p.evidence_urls.end(), url) == p.evidence_urls.end())
            p.evidence_urls.push_back(url);
        bool from_set = false, to_set = false;
        if (e.from && !p.from) {
            p.from = e.from;
            from_set = true;
        }
        if (e.to && !p.to && e.period == std::optional<std::string>("past")) {
            p.to = e.to;
            to_set = true;
        }
        ORIENTIR_TRY(Save(doc, p, "evidence"));
        std::string label = PositionLabel(p);
        Outcome("evidence_added", "position", position_id, label);
        if (from_set) Outcome("from_set", "position", position_id, label, "", *p.from);
        if (to_set) Outcome("to_set", "position", position_id, label, "", *p.to);
        return Status::Ok();
    }

    // Links a located_in fact to an existing organisation, filling its municipality when unknown.
    Status LinkOrganisation(Id org_id, const PlaceRef& place) {
        ORIENTIR_ASSIGN(auto doc, tx.Get("organisation", org_id));
        auto o = FromDoc<domain::Organisation>(doc);
        if (place.municipality_id && !o.municipality_id && o.region == place.region) {
            o.municipality_id = place.municipality_id;
            ORIENTIR_TRY(Save(doc, o, "update"));
        }
        return Status::Ok();
    }

    // «culture» for a new practice's domain: refused naming the codes there are, so an API client can correct it.
    Error UnknownDomain(const std::string& code) {
        std::string codes;
        if (auto page = tx.List({"domain", {}, 0, 200, false}); page.ok())
            for (const auto& doc : page->docs) {
                const auto j = OrderedJson::parse(doc.body, nullptr, false);
                if (j.is_object() && j.contains("code") && j["code"].is_string())
                    codes += (codes.empty() ? "" : ", ") + j["code"].get<std::string>();
            }
        return Error::Invalid("new_practice_domain", "unknown_domain",
                              "unknown domain \"" + code + "\"; one of: " + codes);
    }

    // An error of the new draft practice told on the form's fields: «domains[0]» → «new_practice_domain», «title» →
    // «new_practice_title».
    static Error OnNewPracticeFields(Error err) {
        auto rename = [](std::string& field) {
            if (field.starts_with("domains"))
                field = "new_practice_domain";
            else if (field == "title")
                field = "new_practice_title";
        };
        rename(err.field);
        for (auto& issue : err.issues) rename(issue.field);
        return err;
    }

    // The practice an adoption fact is about: the curator's choice, a new draft practice of the source
    // region (title and domain from the form, the evidence sentence as its summary), or the fact's link.
    Result<domain::Practice> PracticeFor(const FactEdits& e) {
        std::optional<Id> practice_id = e.practice_id;
        std::string practice_text = PracticeTextOf(f.fact);
        if (!practice_id && e.new_practice_title) {
            std::string title(Trim(*e.new_practice_title));
            if (title.empty()) return Error::Invalid("new_practice_title", "required", "give the new practice a title");
            if (!e.new_practice_domain || e.new_practice_domain->empty())
                return Error::Invalid("new_practice_domain", "required", "choose the new practice's domain");
            if (!tx.FindOne("domain", "code", *e.new_practice_domain)) return UnknownDomain(*e.new_practice_domain);
            ORIENTIR_ASSIGN(domain::Place source, SourceOf(e));
            if (source.region.empty())
                return Error::Invalid("source_region", "required",
                                      "the fact names no source region; give source_region for the new practice");
            domain::Practice p;
            p.title = title;
            p.summary = f.fact.contains("evidence") ? f.fact["evidence"].value("text", "") : "";
            p.domains = {*e.new_practice_domain};
            p.origin = source;  // the source's town and body too: Чебоксары, not only Чувашия
            p.state = domain::ModerationState::kDraft;
            p.moderation_comment = "Черновик по публикации: " + article.title;
            auto made = StoreAccess::CreateIn(app, tx, actor, std::move(p));
            // the draft's rules name the form's fields, not the practice record's («domains[0]»)
            if (!made.ok()) return OnNewPracticeFields(made.error());
            auto created = std::move(made).value();
            Outcome("created", "practice", created.meta.id,
                    "практика № " + std::to_string(created.meta.id) + ": «" + created.title + "» (черновик)");
            return created;
        }
        if (!practice_id && f.fact.contains("practice") && f.fact["practice"].is_object()) {
            const auto& ref = f.fact["practice"]["ref"];
            if (ref.is_object() && ref.contains("id") && ref["id"].is_number_integer())
                practice_id = ref["id"].get<Id>();
        }
        if (!practice_id) {
            return Error::Invalid("practice_id", "required",
                                  "say which practice the article means (practice_id or new_practice_title)" +
                                      (practice_text.empty() ? std::string() : ": «" + practice_text + "»"));
        }
        auto pdoc = tx.Get("practice", *practice_id);
        if (!pdoc.ok())
            return Error::Invalid("practice_id", "unknown_practice",
                                  "no practice with id " + std::to_string(*practice_id));
        return FromDoc<domain::Practice>(pdoc.value());
    }

    // One side ("adopter", "source") of an accepted adoption fact: the curator's edits over what the
    // extractor found. The fact's town and body stay while the region is the fact's; the form sends the
    // municipality and organisation it shows (0 = none), the API sends them only to change them. The region
    // may come back empty (the fact names none the directory knows).
    Result<domain::Place> SideOf(const char* side, const std::optional<std::string>& region_edit,
                                 const std::optional<Id>& municipality_edit,
                                 const std::optional<Id>& organisation_edit) {
        domain::Place from_fact = FactSide(f.fact, side);
        domain::Place place = from_fact;
        if (region_edit) {
            ORIENTIR_ASSIGN(place.region, RegionCode(app, std::string(side) + "_region", *region_edit));
            if (place.region != from_fact.region) place.municipality_id = place.organisation_id = std::nullopt;
        }
        if (municipality_edit) place.municipality_id = *municipality_edit > 0 ? municipality_edit : std::nullopt;
        if (organisation_edit) place.organisation_id = *organisation_edit > 0 ? organisation_edit : std::nullopt;
        // the curator's town must lie in the side's region: said on the field the curator filled, not on the record
        // it would have made («origin.municipality_id»)
        if (municipality_edit && place.municipality_id) {
            const std::string field = std::string(side) + "_municipality_id";
            auto doc = tx.Get("municipality", *place.municipality_id);
            if (!doc.ok())
                return Error::Invalid(field, "unknown_municipality",
                                      "no municipality with id " + std::to_string(*place.municipality_id));
            const auto town = FromDoc<domain::Municipality>(doc.value());
            if (town.region != place.region)
                return Error::Invalid(field, "municipality_in_other_region",
                                      "municipality " + std::to_string(*place.municipality_id) + " (" + town.name +
                                          ") belongs to region " + town.region + ", not to the " + side + " region " +
                                          place.region);
        }
        return place;
    }

    // The adopter of an accepted adoption fact.
    Result<domain::Place> AdopterOf(const FactEdits& e, const domain::Practice& practice) {
        ORIENTIR_ASSIGN(domain::Place adopter,
                        SideOf("adopter", e.adopter_region, e.adopter_municipality_id, e.adopter_organisation_id));
        if (adopter.region.empty()) {
            return Error::Invalid("adopter_region", "required",
                                  "the fact names no adopter region the directory knows; give adopter_region");
        }
        if (adopter.region == practice.origin.region && !adopter.municipality_id && !adopter.organisation_id) {
            return Error::Invalid(
                "adopter_region", "same_as_origin",
                "the adopter is the practice's own region; give another adopter_region or a municipality");
        }
        return adopter;
    }

    Result<domain::Place> SourceOf(const FactEdits& e) {
        return SideOf("source", e.source_region, e.source_municipality_id, e.source_organisation_id);
    }

    // The adoption an accepted one borrowed from: the curator's choice, else the adoption of the practice
    // by the source (the curator's or the extractor's) when the source is not the practice's origin — another
    // region, or another town or body of the origin region.
    Result<std::optional<Id>> SourceAdoptionOf(const FactEdits& e, const domain::Practice& practice) {
        if (e.source_adoption_id) return e.source_adoption_id;
        ORIENTIR_ASSIGN(domain::Place source, SourceOf(e));
        if (source.region.empty()) return std::optional<Id>();
        const auto& origin = practice.origin;
        const bool same_town = source.municipality_id == origin.municipality_id || !source.municipality_id;
        const bool same_body = source.organisation_id == origin.organisation_id || !source.organisation_id;
        if (source.region == origin.region && same_town && same_body) return std::optional<Id>();
        storage::ListQuery sq{"adoption",
                              {storage::Filter::Eq("practice", std::to_string(practice.meta.id)),
                               storage::Filter::Eq("region", source.region)},
                              0,
                              200,
                              false};
        ORIENTIR_ASSIGN(auto sp, tx.List(sq));
        // The adoption of the source's own body, else of its town, else (another region) the region's first.
        std::optional<Id> by_body, by_town, first;
        for (const auto& d : sp.docs) {
            auto a = FromDoc<domain::Adoption>(d);
            if (!first) first = d.id;
            if (source.organisation_id && a.adopter.organisation_id == source.organisation_id && !by_body)
                by_body = d.id;
            if (source.municipality_id && a.adopter.municipality_id == source.municipality_id && !by_town)
                by_town = d.id;
        }
        if (by_body) return by_body;
        if (by_town) return by_town;
        if (source.region != origin.region) return first;
        return std::optional<Id>();
    }

    Status AcceptAdoption(const FactEdits& e) {
        ORIENTIR_ASSIGN(auto practice, PracticeFor(e));
        const Id practice_id = practice.meta.id;
        std::string practice_text = PracticeTextOf(f.fact);

        ORIENTIR_ASSIGN(domain::Place adopter, AdopterOf(e, practice));
        std::string at = e.stage_at.value_or(ArticleDate());
        if (at > Today())
            return Error::Invalid("stage_at", "future_date", "the stage date " + at + " is in the future");

        // Adoptions of the practice that may be the adopter's own (the same region, and the same town and body
        // where both name one): the curator decides between a new record and evidence on one of them — nothing
        // is merged silently. Another town's record of the region (Канаш's when Новочебоксарск borrows) is not.
        storage::ListQuery q{"adoption",
                             {storage::Filter::Eq("practice", std::to_string(practice_id)),
                              storage::Filter::Eq("region", adopter.region)},
                             0,
                             200,
                             false};
        ORIENTIR_ASSIGN(auto page, tx.List(q));
        std::vector<std::pair<Id, std::string>> matches;
        for (const auto& d : page.docs) {
            auto other = FromDoc<domain::Adoption>(d);
            if (MayBeSameAdopter(other.adopter, adopter)) matches.emplace_back(d.id, AdoptionLabel(d.id, other));
        }
        if (e.on_match == std::optional<std::string>("evidence")) {
            std::optional<Id> target = e.match_id;
            if (!target && matches.size() == 1) target = matches[0].first;
            if (!target)
                return Error::Invalid("match_id", "required", "say which adoption gets the article as evidence");
            auto tdoc = tx.Get("adoption", *target);
            if (!tdoc.ok() || FromDoc<domain::Adoption>(tdoc.value()).practice_id != practice_id)
                return Error::Invalid(
                    "match_id", "unknown_adoption",
                    "no adoption " + std::to_string(*target) + " of practice " + std::to_string(practice_id));
            ORIENTIR_TRY(AddAdoptionEvidence(*target, &e));
            Resolve("merged", "adoption", *target, "evidence_added");
            return Status::Ok();
        }
        if (!matches.empty() && !e.on_match) {
            std::string which;
            for (const auto& [id, label] : matches) which += (which.empty() ? "" : "; ") + label;
            return Error{
                ErrorCode::kConflict,
                "Уже есть " + which + ". Выберите: новая запись или публикация как подтверждение к существующей.",
                "on_match",
                "existing_record",
                {}};
        }
        if (!e.channel) {
            std::string hint = f.fact.value("channel", "");
            return Error::Invalid("channel", "required",
                                  "choose the diffusion channel" +
                                      (hint.empty() ? std::string() : " (the article suggests \"" + hint + "\")"));
        }

        domain::Adoption a;
        a.practice_id = practice_id;
        a.adopter = adopter;
        a.channel = *e.channel;
        ORIENTIR_ASSIGN(a.source_adoption_id, SourceAdoptionOf(e, practice));
        auto stage = e.stage ? e.stage : domain::ParseAdoptionStage(f.fact.value("stage", ""));
        a.stage_history.push_back(
            {stage.value_or(domain::AdoptionStage::kImplemented), at, "по публикации: " + article.title});
        if (!practice_text.empty()) a.adaptation_notes = "В публикации: «" + practice_text + "»";
        a.evidence.push_back(AdoptionEvidence());
        ORIENTIR_ASSIGN(auto created, StoreAccess::CreateIn(app, tx, actor, std::move(a)));
        Outcome("created", "adoption", created.meta.id, AdoptionLabel(created.meta.id, created));
        Resolve("accepted", "adoption", created.meta.id, "created");
        return Status::Ok();
    }

    // Persons with the same name (last and first names folded; patronymics equal when both are known).
    Result<std::vector<domain::Person>> Namesakes(const domain::Person& want) {
        std::vector<domain::Person> out;
        storage::ListQuery q{"person", {storage::Filter::Prefix("name", text::Fold(want.last_name))}, 0, 1000, false};
        for (;;) {
            ORIENTIR_ASSIGN(auto page, tx.List(q));
            for (const auto& d : page.docs) {
                auto p = FromDoc<domain::Person>(d);
                if (text::Fold(p.last_name) != text::Fold(want.last_name)) continue;
                if (!want.first_name.empty() && !p.first_name.empty() &&
                    text::Fold(p.first_name) != text::Fold(want.first_name))
                    continue;
                if (!want.patronymic.empty() && !p.patronymic.empty() &&
                    text::Fold(p.patronymic) != text::Fold(want.patronymic))
                    continue;
                out.push_back(std::move(p));
            }
            if (!page.next_after) break;
            q.after_id = *page.next_after;
        }
        return out;
    }

    // The person of a position fact: named by the curator, linked by the extractor, matched by name
    // and region (a namesake with a post in the fact's region; a sole namesake with the same full name),
    // or created.
    Result<Id> PersonFor(const FactEdits& e, const std::optional<std::string>& region) {
        if (e.person_id) {
            if (!tx.Get("person", *e.person_id).ok())
                return Error::Invalid("person_id", "unknown_person",
                                      "no person with id " + std::to_string(*e.person_id));
            return *e.person_id;
        }
        if (auto ref = RefOf(f.fact.value("person", OrderedJson()));
            ref.person_id && !e.last_name && !e.first_name && !e.patronymic)
            return *ref.person_id;
        domain::Person p = PersonFromName(MentionText(f.fact.value("person", OrderedJson())));
        if (e.last_name) p.last_name = std::string(Trim(*e.last_name));
        if (e.first_name) p.first_name = std::string(Trim(*e.first_name));
        if (e.patronymic) p.patronymic = std::string(Trim(*e.patronymic));
        if (p.last_name.empty())
            return Error::Invalid("last_name", "required", "the fact names no person; give person_id or last_name");
        ORIENTIR_ASSIGN(auto same, Namesakes(p));
        const domain::Person* pick = nullptr;
        if (region) {
            for (const auto& c : same) {
                ORIENTIR_ASSIGN(auto pos, tx.List({"position",
                                                   {storage::Filter::Eq("person", std::to_string(c.meta.id)),
                                                    storage::Filter::Eq("region", *region)},
                                                   0,
                                                   1,
                                                   false}));
                if (!pos.docs.empty()) {
                    pick = &c;
                    break;
                }
            }
        }
        if (!pick && same.size() == 1 && text::Fold(same[0].FullName()) == text::Fold(p.FullName())) pick = &same[0];
        if (pick) {
            Outcome("linked", "person", pick->meta.id, pick->FullName());
            return pick->meta.id;
        }
        p.bio = "Добавлен по публикации: " + article.title;
        ORIENTIR_ASSIGN(auto created, StoreAccess::CreateIn(app, tx, actor, std::move(p)));
        Outcome("created", "person", created.meta.id, created.FullName());
        return created.meta.id;
    }

    // «губернатор» and «Губернатор Югры» name the same post in Yugra: one title's words start the other.
    static bool SameTitle(const std::string& a, const std::string& b) {
        std::string x = text::Fold(a), y = text::Fold(b);
        if (x.size() > y.size()) std::swap(x, y);
        return !x.empty() && (x == y || (y.compare(0, x.size(), x) == 0 && y[x.size()] == ' '));
    }

    // The same person, post and region: the position to gather evidence on (and fill dates the record
    // lacks). A career link without a post matches the person's position in that region (the latest one).
    Result<std::optional<Id>> ExistingPosition(Id person_id, const std::optional<std::string>& region,
                                               const std::string& title) {
        storage::ListQuery q{"position", {storage::Filter::Eq("person", std::to_string(person_id))}, 0, 1000, false};
        ORIENTIR_ASSIGN(auto page, tx.List(q));
        std::optional<Id> match;
        std::string match_from;
        for (const auto& d : page.docs) {
            auto p = FromDoc<domain::Position>(d);
            if (p.region != region) continue;
            if (!title.empty()) {
                if (SameTitle(p.title, title)) return std::optional<Id>(d.id);
            } else if (!match || p.from.value_or("") >= match_from) {
                match = d.id;
                match_from = p.from.value_or("");
            }
        }
        return match;
    }

    Status AcceptPosition(const FactEdits& given) {
        FactEdits e = given;
        // The post as a reader sees it, with its body («первый заместитель губернатора Тюменской
        // области»); without one, the position mention.
        std::string post =
            f.fact.contains("post") && f.fact["post"].is_string() ? f.fact["post"].get<std::string>() : std::string();
        if (Trim(post).empty()) post = MentionText(f.fact.value("position", OrderedJson()));
        std::string title = e.title.value_or(LowerFirst(post));
        title = std::string(Trim(title));
        PlaceRef where = RefOf(f.fact.value("region", OrderedJson()));
        PlaceRef org = RefOf(f.fact.value("organisation", OrderedJson()));
        std::optional<std::string> region;
        std::optional<Id> municipality_id;
        if (e.region) {
            ORIENTIR_ASSIGN(auto code, RegionCode(app, "region", *e.region));
            region = code;
        } else if (!where.region.empty()) {
            region = where.region;
            municipality_id = where.municipality_id;
        } else if (!org.region.empty()) {
            region = org.region;
        }
        if (e.municipality_id) municipality_id = e.municipality_id;
        std::optional<Id> organisation_id = e.organisation_id ? e.organisation_id : org.organisation_id;
        bool past = e.period ? *e.period == "past" : f.fact.value("period", "current") == "past";
        // The date the article gives: when a current post was taken, when a past one was left. The
        // curator's dates win; an absent field takes the fact's.
        if (auto d = FactDate(f.fact); d && *d <= Today()) {
            if (!past && !e.from && !e.to) e.from = d;
            if (past && !e.to) {
                e.to = d;
                if (!e.period) e.period = "past";
            }
        }
        if (!past && e.to)
            return Error::Invalid("to", "current_has_end",
                                  "a current position has no end date; choose «прошлая» or clear the end date");
        if (e.to && *e.to > Today()) return Error::Invalid("to", "future_date", "the end date is in the future");
        if (e.from && *e.from > Today())
            return Error::Invalid("from", "future_date", "the start date is in the future");
        if (e.from && e.to && *e.from > *e.to)
            return Error::Invalid("to", "dates_order", "the end date is before the start date");

        ORIENTIR_ASSIGN(Id person_id, PersonFor(e, region));

        ORIENTIR_ASSIGN(std::optional<Id> match, ExistingPosition(person_id, region, title));
        if (match) {
            ORIENTIR_TRY(AddPositionEvidence(*match, e));
            Resolve("merged", "position", *match, "evidence_added");
            return Status::Ok();
        }
        if (title.empty()) {
            return Error::Invalid("title", "required",
                                  "the article names no post for this person there; give the title of the position");
        }
        domain::Position p;
        p.person_id = person_id;
        p.title = title;
        p.region = region;
        p.municipality_id = municipality_id;
        p.organisation_id = organisation_id;
        p.from = e.from;
        p.to = e.to;
        bool bound = false;
        if (past && !p.to) {
            p.to = ArticleDate();  // held before the article, end unknown: the article's date as an upper bound
            bound = true;
        }
        p.evidence_urls.push_back(article.url.empty() ? "/articles/" + std::to_string(article.meta.id) : article.url);
        ORIENTIR_ASSIGN(auto created, StoreAccess::CreateIn(app, tx, actor, std::move(p)));
        Outcome("created", "position", created.meta.id, PositionLabel(created));
        if (bound) Outcome("end_bound", "position", created.meta.id, PositionLabel(created), "", *created.to);
        Resolve("accepted", "position", created.meta.id, "created");
        return Status::Ok();
    }

    Status AcceptLocatedIn(const FactEdits& e) {
        const OrderedJson& place_m =
            f.fact.contains("municipality") ? f.fact["municipality"] : f.fact.value("region", OrderedJson());
        PlaceRef place = RefOf(place_m);
        if (e.region) {
            ORIENTIR_ASSIGN(place.region, RegionCode(app, "region", *e.region));
        }
        if (e.municipality_id) place.municipality_id = e.municipality_id;
        PlaceRef org = RefOf(f.fact.value("organisation", OrderedJson()));
        std::optional<Id> org_id = e.organisation_id ? e.organisation_id : org.organisation_id;
        std::string name = e.name.value_or(MentionText(f.fact.value("organisation", OrderedJson())));
        if (!org_id && !name.empty() && !place.region.empty()) {
            ORIENTIR_ASSIGN(auto same,
                            tx.List({"organisation", {storage::Filter::Eq("name", text::Fold(name))}, 0, 50, false}));
            for (const auto& d : same.docs)
                if (FromDoc<domain::Organisation>(d).region == place.region) org_id = d.id;
        }
        if (org_id) {
            if (!tx.Get("organisation", *org_id).ok())
                return Error::Invalid("organisation_id", "unknown_organisation",
                                      "no organisation with id " + std::to_string(*org_id));
            ORIENTIR_TRY(LinkOrganisation(*org_id, place));
            Resolve("merged", "organisation", *org_id, "linked");
            return Status::Ok();
        }
        if (name.empty()) return Error::Invalid("name", "required", "the fact names no organisation; give its name");
        if (place.region.empty())
            return Error::Invalid("region", "required", "give the region the organisation lies in");
        domain::Organisation o;
        o.name = name;
        o.kind = e.organisation_kind.value_or(domain::OrganisationKind::kOther);
        o.region = place.region;
        o.municipality_id = place.municipality_id;
        o.description = "Добавлена по публикации: " + article.title;
        ORIENTIR_ASSIGN(auto created, StoreAccess::CreateIn(app, tx, actor, std::move(o)));
        Resolve("accepted", "organisation", created.meta.id, "created");
        return Status::Ok();
    }
};

// ---------------------------------------------------------------------------------------------------

ArticleService::ArticleService(App& app) : app_(app) {}
ArticleService::~ArticleService() = default;

std::shared_ptr<const extract::Extractor> ArticleService::GetExtractor() {
    auto& store = StoreAccess::Of(app_);
    std::int64_t seq = store.LastChangeSeq();
    auto current = extractor_.load();
    if (current && seq == built_seq_.load()) return current;
    std::unique_lock<std::mutex> lock(build_mu_, std::defer_lock);
    if (current) {
        // Someone else is rebuilding: the previous extractor serves meanwhile.
        if (!lock.try_lock()) return current;
    } else {
        lock.lock();
    }
    current = extractor_.load();
    std::int64_t from = built_seq_.load();
    if (current && seq == from) return current;
    if (current) {
        // Only a change of a directory kind needs a new gazetteer.
        bool relevant = false;
        std::int64_t last = from;
        for (int pages = 0; pages < 50 && !relevant; ++pages) {
            auto changes = store.ChangesSince(last, 1000);
            if (changes.empty()) break;
            if (changes.front().seq > last + 1 && pages == 0 && last > 0) relevant = true;  // a gap: be safe
            for (const auto& c : changes) {
                if (GazetteerKind(c.kind)) relevant = true;
                last = c.seq;
            }
            if (changes.size() < 1000) break;
        }
        if (!relevant && last >= seq) {
            built_seq_ = last;
            return current;
        }
    }
    std::int64_t build_seq = store.LastChangeSeq();
    extract::Gazetteer::Builder b;
    auto scan = [&](const char* kind, auto add) {
        auto st = store.Scan(kind, [&](const storage::Doc& d) {
            add(d);
            return true;
        });
        (void)st;
    };
    scan("region", [&](const storage::Doc& d) { b.AddRegion(FromDoc<domain::Region>(d)); });
    scan("municipality", [&](const storage::Doc& d) { b.AddMunicipality(FromDoc<domain::Municipality>(d)); });
    scan("organisation", [&](const storage::Doc& d) { b.AddOrganisation(FromDoc<domain::Organisation>(d)); });
    scan("person", [&](const storage::Doc& d) { b.AddPerson(FromDoc<domain::Person>(d)); });
    auto built = std::make_shared<const extract::Extractor>(b.Build());
    extractor_.store(built);
    built_seq_ = build_seq;
    return built;
}

Status ArticleService::CheckCurator(const Actor& actor) {
    return RequireStaff(actor, "work with articles and the review queue");
}

Result<ArticleView> ArticleService::Submit(const Actor& actor, const ArticleInput& in) {
    ORIENTIR_TRY(RequireStaff(actor, "submit articles"));
    std::vector<FieldIssue> issues;
    if (in.published_at && !IsValidDate(*in.published_at))
        issues.push_back({"published_at", "date", "published_at must be a date YYYY-MM-DD"});
    if (in.published_at && IsValidDate(*in.published_at) && *in.published_at > app_.clock().Today())
        issues.push_back({"published_at", "future_date", "published_at " + *in.published_at + " is in the future"});
    if (!in.url.empty() && in.url.rfind("http://", 0) != 0 && in.url.rfind("https://", 0) != 0)
        issues.push_back({"url", "url", "url must start with http:// or https://"});
    if (in.url.size() > 2000) issues.push_back({"url", "max_length", "url is longer than 2000 characters"});
    if (in.title.size() > 1000) issues.push_back({"title", "max_length", "title is longer than 1000 bytes"});
    if (in.source.size() > 500) issues.push_back({"source", "max_length", "source is longer than 500 bytes"});
    for (const auto* s : {&in.title, &in.source, &in.url})
        if (!IsValidUtf8(*s))
            issues.push_back({s == &in.title    ? "title"
                              : s == &in.source ? "source"
                                                : "url",
                              "encoding", "not valid UTF-8"});
    if (!issues.empty()) return IssuesToError(std::move(issues));

    ORIENTIR_ASSIGN(std::string text, extract::PrepareText(in.body, in.format));
    // The headline is read with the text, as the extractor is measured («Сыктывкар отказывается от …», a dateline's
    // adopter, «мы» of an interview): the stored text opens with it, so evidence offsets point into what is shown.
    if (std::string title(Trim(in.title)); !title.empty() && text.rfind(title, 0) != 0) text = title + "\n\n" + text;
    auto extractor = GetExtractor();
    auto result = extractor->Extract(text);
    OrderedJson extraction = extract::ToJson(result);

    Article a;
    a.title = std::string(Trim(in.title));
    if (a.title.empty()) a.title = FirstLine(text);
    a.text = text;
    a.source = std::string(Trim(in.source));
    a.url = std::string(Trim(in.url));
    a.published_at = in.published_at;
    a.extraction_json = extraction.dump();

    ArticleView out;
    Status st = StoreAccess::Of(app_).Write([&](storage::WriteTx& tx) -> Status {
        out = ArticleView{};
        if (!a.url.empty()) {
            if (auto dup = tx.FindOne("article", "url", a.url)) {
                return Error{ErrorCode::kConflict,
                             "article " + std::to_string(dup->id) + " already has this url",
                             "url",
                             "duplicate_url",
                             {}};
            }
        }
        ORIENTIR_ASSIGN(out.article, StoreAccess::CreateIn(app_, tx, actor, a));
        for (const auto& fj : extraction["facts"]) {
            ProposedFact f;
            f.article_id = out.article.meta.id;
            f.kind = fj.value("kind", "");
            f.fact = fj;
            f.confidence = fj.value("confidence", 0.0);
            f.feed_id = in.feed_id;
            f.regions = FactRegions(fj);
            ORIENTIR_ASSIGN(auto doc, tx.Insert("fact", FactBodyJson(f).dump(), FactIndexOf(f)));
            f.id = doc.id;
            f.version = doc.version;
            f.created_at = doc.created_at;
            f.updated_at = doc.updated_at;
            out.facts.push_back(std::move(f));
        }
        // Curators hear about facts waiting for them (the one who submitted knows already).
        if (!out.facts.empty()) {
            std::string note = "Статья «" + out.article.title + "»: предложено фактов на проверку — " +
                               std::to_string(out.facts.size()) + ".";
            ORIENTIR_TRY(Notify(tx, Audience{true, std::nullopt, std::nullopt, actor.user_id}, "facts_proposed", note,
                                "/review", out.article.meta.created_at));
        }
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    out.extraction = std::move(extraction);
    if (auto* s = app_.search()) s->Notify();
    return out;
}

Result<ArticleView> ArticleService::GetArticle(const Actor& actor, Id id) {
    ORIENTIR_TRY(RequireStaff(actor, "read submitted articles"));
    auto doc = StoreAccess::Of(app_).Get("article", id);
    if (!doc.ok()) return Error::NotFound("no article with id " + std::to_string(id));
    ArticleView v;
    v.article = FromDoc<Article>(doc.value());
    auto body = OrderedJson::parse(doc->body);
    v.extraction = body.contains("extraction") ? body["extraction"] : OrderedJson();
    v.article.extraction_json = v.extraction.is_null() ? "" : v.extraction.dump();
    storage::ListQuery q{"fact", {storage::Filter::Eq("article", std::to_string(id))}, 0, 1000, false};
    for (;;) {
        ORIENTIR_ASSIGN(auto page, StoreAccess::Of(app_).List(q));
        for (const auto& d : page.docs) v.facts.push_back(FactFromDoc(d));
        if (!page.next_after) break;
        q.after_id = *page.next_after;
    }
    return v;
}

namespace {

std::vector<PracticeSuggestion> Suggest(App& app, const ProposedFact& f) {
    auto& store = StoreAccess::Of(app);
    std::vector<PracticeSuggestion> out;
    if (f.kind != "adoption") return out;
    std::string source = SideRegion(f.fact, "source");
    const domain::Place adopter_place = FactSide(f.fact, "adopter");
    const std::string& adopter = adopter_place.region;
    if (source.empty()) return out;
    // Ranked by the practice phrase first, then by the rest of the sentence: a sentence that names two
    // practices gives two facts, and each ranks the catalogue by its own phrase. Words are compared by
    // their first four letters («учёта» / «учёт»).
    // Words that only say «a practice» («опыт», «идея», «модель», «схема», «практика», «формат», «проект»)
    // match any passport: a phrase of them alone ranks by the sentence, and preselects nothing it does not share.
    static const std::set<std::string> kGeneric = {"опыт", "идея", "идею", "идеи", "моде", "схем",
                                                   "прак", "форм", "прое", "реше", "нара"};
    // …and so do the parties' own names («опыт Югры» against every practice of Югра)
    std::set<std::string> parties;
    for (const char* side : {"source", "adopter"})
        if (f.fact.contains(side) && f.fact[side].is_object())
            for (const char* key : {"text", "normal"})
                for (auto& w : Stems(f.fact[side].value(key, ""), 4)) parties.insert(std::move(w));
    auto phrase = Stems(PracticeTextOf(f.fact), 4);
    std::set<std::string> phrase_set;
    for (auto& w : phrase)
        if (!kGeneric.count(w) && !parties.count(w)) phrase_set.insert(std::move(w));
    std::set<std::string> rest_set;
    std::string evidence =
        f.fact.contains("evidence") && f.fact["evidence"].is_object() ? f.fact["evidence"].value("text", "") : "";
    for (auto& w : Stems(evidence, 4))
        if (!phrase_set.count(w) && !kGeneric.count(w) && !parties.count(w)) rest_set.insert(std::move(w));
    std::vector<std::pair<double, double>> keys;  // (phrase share, rest share) per suggestion
    storage::ListQuery q{"practice", {storage::Filter::Eq("region", source)}, 0, 500, false};
    auto page = store.List(q);
    if (!page.ok()) return out;
    for (const auto& d : page->docs) {
        auto p = FromDoc<domain::Practice>(d);
        if (p.state != domain::ModerationState::kPublished) continue;
        auto have = Stems(p.title + " " + p.summary + " " + Join(p.tags, " "), 4);
        std::set<std::string> have_set(have.begin(), have.end());
        auto share = [&](const std::set<std::string>& words) {
            std::size_t hit = 0;
            for (const auto& w : words) hit += have_set.count(w);
            return words.empty() ? 0.0 : static_cast<double>(hit) / static_cast<double>(words.size());
        };
        double by_phrase = share(phrase_set), by_rest = share(rest_set);
        // (a sentence of one or two other words — «переняли» — is no full match of a passport)
        if (rest_set.size() < 4) by_rest = by_rest * static_cast<double>(rest_set.size()) / 4.0;
        double score = phrase_set.empty() ? by_rest : by_phrase;
        PracticeSuggestion s;
        s.practice_id = p.meta.id;
        s.title = p.title;
        s.score = static_cast<double>(std::lround(score * 100)) / 100.0;
        out.push_back(std::move(s));
        keys.emplace_back(by_phrase, by_rest);
    }
    std::vector<std::size_t> order(out.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] > keys[b]; });
    std::vector<PracticeSuggestion> ranked;
    ranked.reserve(order.size());
    for (auto i : order) ranked.push_back(std::move(out[i]));
    out = std::move(ranked);
    if (out.size() > 5) out.resize(5);
    for (auto& s : out) {
        if (adopter.empty()) continue;
        storage::ListQuery aq{
            "adoption",
            {storage::Filter::Eq("practice", std::to_string(s.practice_id)), storage::Filter::Eq("region", adopter)},
            0,
            20,
            false};
        auto ap = store.List(aq);
        if (!ap.ok()) continue;
        for (const auto& d : ap->docs) {
            auto other = FromDoc<domain::Adoption>(d);
            if (MayBeSameAdopter(other.adopter, adopter_place))
                s.existing.push_back({d.id, AdoptionLabelOf(app, store, d.id, other)});
        }
        if (!s.existing.empty()) s.existing_adoption_id = s.existing.front().id;
    }
    return out;
}

}  // namespace

Result<std::vector<PracticeSuggestion>> ArticleService::FindPractices(const Actor& actor, const std::string& query,
                                                                      int limit) {
    ORIENTIR_TRY(RequireStaff(actor, "review proposed facts"));
    std::vector<PracticeSuggestion> out;
    std::string q(Trim(query));
    if (q.empty()) return out;
    if (auto n = ParseInt(q)) {
        auto d = StoreAccess::Of(app_).Get("practice", *n);
        if (d.ok()) out.push_back({d->id, FromDoc<domain::Practice>(d.value()).title, 1.0, std::nullopt, {}});
        return out;
    }
    std::vector<std::string> words;
    for (const auto& t : text::Tokenize(q))
        if (t.is_word)
            words.push_back(text::CodePointLength(t.folded) > 5 ? text::SubstrCodePoints(t.folded, 0, 5) : t.folded);
    if (words.empty()) return out;
    ORIENTIR_TRY(StoreAccess::Of(app_).Scan("practice", [&](const storage::Doc& d) {
        auto p = FromDoc<domain::Practice>(d);
        if (p.state == domain::ModerationState::kArchived) return true;
        std::string folded = text::Fold(p.title);
        for (const auto& w : words)
            if (folded.find(w) == std::string::npos) return true;
        out.push_back({p.meta.id, p.title, 1.0, std::nullopt, {}});
        return static_cast<int>(out.size()) < limit;
    }));
    return out;
}

Result<ReviewPage> ArticleService::ListFacts(const Actor& actor, const FactQuery& fq) {
    ORIENTIR_TRY(RequireStaff(actor, "review proposed facts"));
    storage::ListQuery q;
    q.kind = "fact";
    q.after_id = fq.after_id;
    q.limit = std::clamp(fq.limit, 1, 200);
    q.descending = fq.newest_first;
    if (fq.status) {
        if (!kStatuses.count(*fq.status))
            return Error::Invalid("status", "enum", "status must be proposed, accepted, merged or rejected");
        q.filters.push_back(storage::Filter::Eq("status", *fq.status));
    }
    if (fq.kind) {
        if (!kFactKinds.count(*fq.kind))
            return Error::Invalid("kind", "enum", "kind must be adoption, position or located_in");
        q.filters.push_back(storage::Filter::Eq("kind", *fq.kind));
    }
    if (fq.article_id) q.filters.push_back(storage::Filter::Eq("article", std::to_string(*fq.article_id)));
    if (fq.feed_id) q.filters.push_back(storage::Filter::Eq("feed", std::to_string(*fq.feed_id)));
    if (fq.region) {
        auto r = app_.FindRegion(*fq.region);
        if (!r.ok()) return Error::Invalid("region", "unknown_region", "unknown region \"" + *fq.region + "\"");
        q.filters.push_back(storage::Filter::Eq("region", r->code));
    }
    if (fq.min_confidence) {
        if (*fq.min_confidence < 0 || *fq.min_confidence > 1)
            return Error::Invalid("min_confidence", "range", "min_confidence must be from 0 to 1");
        q.filters.push_back(storage::Filter::Ge("confidence", ConfidenceKey(*fq.min_confidence)));
    }
    ReviewPage out;
    std::vector<storage::Doc> docs;
    if (fq.by_confidence) {
        // Sorted by confidence (highest first, then id): the matching facts are read (at most 5,000 —
        // a queue is worked through, not archived) and sorted; the cursor is the position in that order.
        storage::ListQuery all = q;
        all.after_id = 0;
        all.limit = 1000;
        all.descending = false;
        for (int pages = 0; pages < 5; ++pages) {
            ORIENTIR_ASSIGN(auto page, StoreAccess::Of(app_).List(all));
            for (auto& d : page.docs) docs.push_back(std::move(d));
            if (!page.next_after) break;
            all.after_id = *page.next_after;
        }
        std::vector<std::pair<double, std::size_t>> order;
        for (std::size_t i = 0; i < docs.size(); ++i)
            order.emplace_back(OrderedJson::parse(docs[i].body).value("confidence", 0.0), i);
        std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) { return a.first > b.first; });
        std::vector<storage::Doc> sorted;
        auto from = static_cast<std::size_t>(std::max<std::int64_t>(0, fq.after_id));
        for (std::size_t k = from; k < order.size() && sorted.size() < static_cast<std::size_t>(q.limit); ++k)
            sorted.push_back(docs[order[k].second]);
        if (from + sorted.size() < order.size()) out.next_after = static_cast<std::int64_t>(from + sorted.size());
        docs = std::move(sorted);
    } else {
        ORIENTIR_ASSIGN(auto page, StoreAccess::Of(app_).List(q));
        docs = std::move(page.docs);
        out.next_after = page.next_after;
    }
    for (const auto& d : docs) {
        ReviewItem item{FactFromDoc(d), {}};
        if (item.fact.status == "proposed") item.suggestions = Suggest(app_, item.fact);
        if (!out.articles.count(item.fact.article_id)) {
            auto a = StoreAccess::Of(app_).Get("article", item.fact.article_id);
            if (a.ok()) out.articles.emplace(item.fact.article_id, FromDoc<Article>(a.value()));
        }
        out.items.push_back(std::move(item));
    }
    ORIENTIR_ASSIGN(out.total, StoreAccess::Of(app_).Count("fact", q.filters));
    return out;
}

Result<ReviewItem> ArticleService::GetFact(const Actor& actor, Id id) {
    ORIENTIR_TRY(RequireStaff(actor, "review proposed facts"));
    auto doc = StoreAccess::Of(app_).Get("fact", id);
    if (!doc.ok()) return Error::NotFound("no proposed fact with id " + std::to_string(id));
    ReviewItem item{FactFromDoc(doc.value()), {}};
    if (item.fact.status == "proposed") item.suggestions = Suggest(app_, item.fact);
    return item;
}

// One decision: the fact and whatever it creates or changes, in one transaction with the audit entries.
static Result<ProposedFact> Decide(App& app, const Actor& actor, Id id, std::optional<std::int64_t> expected,
                                   const char* action, const std::function<Status(ArticleService::Impl&)>& fn) {
    ORIENTIR_TRY(RequireStaff(actor, "review proposed facts"));
    ProposedFact out;
    Status st = StoreAccess::Of(app).Write([&](storage::WriteTx& tx) -> Status {
        auto doc = tx.Get("fact", id);
        if (!doc.ok()) return Error::NotFound("no proposed fact with id " + std::to_string(id));
        ProposedFact f = FactFromDoc(doc.value());
        if (expected && *expected != f.version) {
            return Error::Stale("fact " + std::to_string(id) + " is at version " + std::to_string(f.version) +
                                "; reload it and decide again");
        }
        if (f.status != "proposed") {
            return Error::Conflict("fact " + std::to_string(id) + " was already " + f.status +
                                       (f.reviewer.empty() ? "" : " by " + f.reviewer),
                                   "fact_decided");
        }
        auto adoc = tx.Get("article", f.article_id);
        if (!adoc.ok()) return Error::NotFound("the article of fact " + std::to_string(id) + " is gone");
        Article article = FromDoc<Article>(adoc.value());
        ArticleService::Impl impl{app, tx, actor, article, f};
        ORIENTIR_TRY(fn(impl));
        f.reviewer = Login(actor);
        f.reviewed_at = app.clock().NowTimestamp();
        std::string body = FactBodyJson(f).dump();
        ORIENTIR_ASSIGN(auto saved, tx.Update("fact", id, f.version, body, FactIndexOf(f)));
        ORIENTIR_TRY(WriteAudit(tx, actor, action, "fact", id, doc->body, body, saved.updated_at));
        f.version = saved.version;
        f.updated_at = saved.updated_at;
        out = f;
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    // Search and analytics follow the change log; wake them now so the accepted record shows on the
    // region page, the spread and the network at once rather than at their next poll.
    app.AfterWrite(out.resolved_kind ? out.resolved_kind->c_str() : "fact");
    return out;
}

Result<ProposedFact> ArticleService::Accept(const Actor& actor, Id id, const FactEdits& edits,
                                            std::optional<std::int64_t> expected) {
    return Decide(app_, actor, id, expected, "accept", [&](Impl& impl) -> Status {
        const std::string& k = impl.f.kind;
        Status st = k == "adoption"   ? impl.AcceptAdoption(edits)
                    : k == "position" ? impl.AcceptPosition(edits)
                    : k == "located_in"
                        ? impl.AcceptLocatedIn(edits)
                        : Status(Error::Conflict("a fact of kind \"" + k + "\" cannot be accepted", "fact_kind"));
        if (!st.ok()) return st;
        OrderedJson ej = ToJson(edits);
        impl.f.edits = ej.empty() ? OrderedJson() : ej;
        impl.f.reason = edits.note;
        return Status::Ok();
    });
}

Result<ProposedFact> ArticleService::Merge(const Actor& actor, Id id, const std::string& target_kind, Id target_id,
                                           std::optional<std::int64_t> expected) {
    return Decide(app_, actor, id, expected, "merge", [&](Impl& impl) -> Status {
        const std::string& k = impl.f.kind;
        std::string want = k == "adoption" ? "adoption" : k == "position" ? "position" : "organisation";
        if (target_kind != want) {
            return Error::Invalid("target_kind", "unsupported",
                                  "a " + k + " fact merges into a " + want + ", not a \"" + target_kind + "\"");
        }
        if (!impl.tx.Get(target_kind, target_id).ok()) {
            return Error::Invalid("target_id", "not_found",
                                  "no " + target_kind + " with id " + std::to_string(target_id));
        }
        if (k == "adoption") {
            ORIENTIR_TRY(impl.AddAdoptionEvidence(target_id));
            impl.Resolve("merged", "adoption", target_id, "evidence_added");
        } else if (k == "position") {
            ORIENTIR_TRY(impl.AddPositionEvidence(target_id));
            impl.Resolve("merged", "position", target_id, "evidence_added");
        } else {
            const OrderedJson& pm = impl.f.fact.contains("municipality") ? impl.f.fact["municipality"]
                                                                         : impl.f.fact.value("region", OrderedJson());
            ORIENTIR_TRY(impl.LinkOrganisation(target_id, RefOf(pm)));
            impl.Resolve("merged", "organisation", target_id, "linked");
        }
        return Status::Ok();
    });
}

Result<ProposedFact> ArticleService::Reject(const Actor& actor, Id id, const std::string& reason,
                                            std::optional<std::int64_t> expected) {
    if (reason.size() > 2000) return Error::Invalid("reason", "max_length", "reason is longer than 2000 bytes");
    return Decide(app_, actor, id, expected, "reject", [&](Impl& impl) -> Status {
        impl.f.status = "rejected";
        impl.f.reason = reason;
        return Status::Ok();
    });
}

}  // namespace orientir::app
