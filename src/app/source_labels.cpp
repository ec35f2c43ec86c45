#include "app/source_labels.hpp"

#include <algorithm>

#include "analytics/attribution.hpp"
#include "app/audit.hpp"
#include "app/entities.hpp"
#include "app/permissions.hpp"
#include "app/store_access.hpp"
#include "common/strings.hpp"

namespace orientir::app {

namespace {

constexpr const char* kKind = "source_label";

bool HasRecordedSource(const domain::Adoption& a) {
    return a.source_adoption_id.has_value() || a.channel != domain::Channel::kOther;
}

Error SignIn() {
    return Error{
        ErrorCode::kUnauthenticated, "Войдите, чтобы решать о вероятных источниках", {}, "unauthenticated", {}};
}

// The candidates of an adoption ranked again from the current snapshot and the App's inferred network.
struct Ranked {
    std::vector<SourceLabelCandidate> candidates;  // best first, all of them
    std::int64_t total = 0;
};

Result<Ranked> RankCandidates(App& app, Id adoption) {
    auto s = app.analytics().Get();
    if (!s) return Error::Conflict("Аналитика ещё не загружена; повторите позже", "analytics_not_ready");
    auto net = app.inference().Get(s);
    auto l = analytics::LikelySourcesFor(*s, net.get(), adoption, s->regions.size(), SignalWeights(app, s)->weights);
    if (!l.ok())
        return Error::Conflict("Внедрение " + std::to_string(adoption) + " ещё не вошло в аналитику; повторите позже",
                               "analytics_not_ready");
    Ranked r;
    r.total = static_cast<std::int64_t>(l->candidates_total);
    int rank = 0;
    for (const auto& c : l->candidates)
        r.candidates.push_back({s->regions[static_cast<std::size_t>(c.region)].code, c.organisation, c.adoption,
                                c.origin, ++rank, c.score, c.probability});
    return r;
}

// The adoption as the actor may see it, when the actor may decide on its sources and it has none recorded.
Result<domain::Adoption> Decidable(App& app, const Actor& actor, Id adoption) {
    if (actor.role == Role::kAnonymous) return SignIn();
    ORIENTIR_ASSIGN(auto a, app.Get<domain::Adoption>(actor, adoption));
    if (!app.CanWrite(actor, a))
        return Error::Forbidden("Решать об источниках внедрения могут кураторы и те, кто может его редактировать");
    if (HasRecordedSource(a))
        return Error::Conflict("У внедрения " + std::to_string(adoption) +
                                   " источник уже записан (исходное внедрение или канал); исправьте его в форме "
                                   "внедрения",
                               "source_recorded");
    return a;
}

SourceLabel NewLabel(App& app, const Actor& actor, const domain::Adoption& a, const char* decision, std::int64_t total,
                     const std::string& note) {
    SourceLabel l;
    l.adoption = a.meta.id;
    l.practice = a.practice_id;
    l.adopter_region = a.adopter.region;
    l.decision = decision;
    l.candidates_total = total;
    l.note = note;
    l.by_user = actor.user_id;
    l.by_login = actor.login.empty() ? std::string(RoleCode(actor.role)) : actor.login;
    l.by_role = RoleCode(actor.role);
    l.at = app.clock().NowTimestamp();
    return l;
}

Status InsertLabel(storage::WriteTx& tx, SourceLabel& l) {
    ORIENTIR_ASSIGN(auto doc,
                    tx.Insert(kKind, ToJson(l).dump(),
                              {{"adoption", std::to_string(l.adoption), false}, {"decision", l.decision, false}}));
    l.id = doc.id;
    return Status::Ok();
}

SourceLabel LabelFromDoc(const storage::Doc& doc) {
    SourceLabel l;
    l.id = doc.id;
    Json j = Json::parse(doc.body, nullptr, false);
    if (!j.is_object()) return l;
    auto str = [](const Json& o, const char* k) {
        return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
    };
    l.adoption = j.value("adoption", std::int64_t{0});
    l.practice = j.value("practice", std::int64_t{0});
    l.adopter_region = str(j, "adopter_region");
    l.decision = str(j, "decision");
    l.channel = str(j, "channel");
    l.candidates_total = j.value("candidates_total", std::int64_t{0});
    l.note = str(j, "note");
    l.at = str(j, "at");
    if (j.contains("by") && j["by"].is_object()) {
        const auto& b = j["by"];
        if (b.contains("user_id") && b["user_id"].is_number_integer()) l.by_user = b["user_id"].get<std::int64_t>();
        l.by_login = str(b, "login");
        l.by_role = str(b, "role");
    }
    if (j.contains("candidates") && j["candidates"].is_array())
        for (const auto& c : j["candidates"])
            l.candidates.push_back({str(c, "region"),
                                    c.contains("organisation") && c["organisation"].is_number_integer()
                                        ? c["organisation"].get<std::int64_t>()
                                        : 0,
                                    c.value("adoption", std::int64_t{0}), c.value("origin", false), c.value("rank", 0),
                                    c.value("score", 0.0), c.value("probability", 0.0)});
    return l;
}

}  // namespace

Result<SourceLabel> ConfirmLikelySource(App& app, const Actor& actor, Id adoption, const SourceChoice& choice) {
    ORIENTIR_ASSIGN(auto a, Decidable(app, actor, adoption));
    auto channel = domain::ParseChannel(choice.channel);
    if (!channel)
        return Error::Invalid("channel", "enum",
                              "Канал «" + choice.channel + "» неизвестен; допустимы: " + domain::AllowedCodesChannel());
    if (*channel == domain::Channel::kOther)
        return Error::Invalid("channel", "not_other",
                              "Выберите канал, по которому узнали о практике: «другое» оставит источник невыясненным");
    if (choice.candidate.empty()) return Error::Invalid("candidate", "required", "Укажите регион-источник");
    auto region = app.FindRegion(choice.candidate);
    if (!region.ok()) return Error::Invalid("candidate", "unknown_region", region.error().message);
    std::int64_t org = 0;
    if (!choice.organisation.empty()) {
        auto parsed = ParseInt(choice.organisation);
        if (!parsed || *parsed <= 0)
            return Error::Invalid("organisation", "format", "Организация указывается числовым идентификатором");
        org = *parsed;
    }
    ORIENTIR_ASSIGN(auto ranked, RankCandidates(app, adoption));
    auto it = std::find_if(ranked.candidates.begin(), ranked.candidates.end(), [&](const SourceLabelCandidate& c) {
        return c.region == region->code && c.organisation == org;
    });
    if (it == ranked.candidates.end() && org == 0)  // the region's best-ranked candidate when all are organisations
        it = std::find_if(ranked.candidates.begin(), ranked.candidates.end(),
                          [&](const SourceLabelCandidate& c) { return c.region == region->code; });
    if (it == ranked.candidates.end() && org != 0)
        return Error::Invalid("organisation", "not_a_candidate",
                              "Организация " + choice.organisation + " из региона «" + region->name +
                                  "» не внедряла практику раньше внедрения " + std::to_string(adoption) +
                                  " и не может быть его источником");
    if (it == ranked.candidates.end())
        return Error::Invalid("candidate", "not_a_candidate",
                              "Регион «" + region->name + "» не внедрял практику раньше внедрения " +
                                  std::to_string(adoption) + " и не может быть его источником");
    SourceLabel label = NewLabel(app, actor, a, "confirmed", ranked.total, choice.note);
    label.channel = std::string(domain::Code(*channel));
    label.candidates = {*it};
    Status st = StoreAccess::Of(app).Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(auto doc, tx.Get("adoption", adoption));
        auto now = FromDoc<domain::Adoption>(doc);
        if (HasRecordedSource(now))
            return Error::Conflict("У внедрения " + std::to_string(adoption) + " источник уже записан",
                                   "source_recorded");
        now.channel = *channel;
        now.source_adoption_id = it->origin ? std::nullopt : std::optional<Id>(it->adoption);
        ORIENTIR_TRY(StoreAccess::UpdateIn(app, tx, actor, adoption, now, choice.expected_version));
        return InsertLabel(tx, label);
    });
    if (!st.ok()) return st.error();
    app.AfterWrite("adoption");
    app.source_weights().Invalidate();
    return label;
}

Result<SourceLabel> RejectLikelySources(App& app, const Actor& actor, Id adoption, const std::string& note) {
    ORIENTIR_ASSIGN(auto a, Decidable(app, actor, adoption));
    ORIENTIR_ASSIGN(auto ranked, RankCandidates(app, adoption));
    SourceLabel label = NewLabel(app, actor, a, "rejected", ranked.total, note);
    for (const auto& c : ranked.candidates)
        if (label.candidates.size() < kShownCandidates) label.candidates.push_back(c);
    Status st = StoreAccess::Of(app).Write([&](storage::WriteTx& tx) -> Status { return InsertLabel(tx, label); });
    if (!st.ok()) return st.error();
    app.source_weights().Invalidate();
    return label;
}

Result<std::vector<SourceLabel>> SourceLabelsOf(App& app, const Actor& actor, Id adoption) {
    if (actor.role == Role::kAnonymous) return SignIn();
    if (adoption == 0 && !actor.IsStaff()) return Error::Forbidden("Все решения об источниках видят только кураторы");
    if (adoption != 0) {
        ORIENTIR_ASSIGN(auto a, app.Get<domain::Adoption>(actor, adoption));
        if (!actor.IsStaff() && !app.CanWrite(actor, a))
            return Error::Forbidden("Решения об источниках видят кураторы и те, кто может редактировать внедрение");
    }
    std::vector<SourceLabel> out;
    ORIENTIR_TRY(StoreAccess::Of(app).Scan(kKind, [&](const storage::Doc& d) {
        auto l = LabelFromDoc(d);
        if (adoption == 0 || l.adoption == adoption) out.push_back(std::move(l));
        return true;
    }));
    std::sort(out.begin(), out.end(), [](const SourceLabel& x, const SourceLabel& y) { return x.id > y.id; });
    return out;
}

std::shared_ptr<const analytics::LearnedWeights> SignalWeights(App& app,
                                                               const std::shared_ptr<const analytics::Snapshot>& s) {
    auto net = app.inference().Get(s);
    return app.source_weights().Get(s, net.get(), [&] {
        std::vector<analytics::ConfirmedSource> confirmed;
        std::vector<analytics::RejectedSources> rejected;
        auto st = StoreAccess::Of(app).Scan(kKind, [&](const storage::Doc& d) {
            auto l = LabelFromDoc(d);
            if (l.decision == "confirmed" && !l.candidates.empty())
                confirmed.push_back(
                    {l.adoption, s->RegionIndex(l.candidates.front().region), l.candidates.front().organisation});
            if (l.decision == "rejected" && !l.candidates.empty()) {
                analytics::RejectedSources r{l.adoption, {}};
                for (const auto& c : l.candidates) r.candidates.emplace_back(s->RegionIndex(c.region), c.organisation);
                rejected.push_back(std::move(r));
            }
            return true;
        });
        if (!st.ok()) confirmed.clear(), rejected.clear();  // the defaults, rather than weights fitted on part
        return std::make_pair(std::move(confirmed), std::move(rejected));
    });
}

Result<SourceLabelReport> SourceLabelAccuracy(App& app, const Actor& actor) {
    ORIENTIR_ASSIGN(auto labels, SourceLabelsOf(app, actor, 0));
    SourceLabelReport r;
    double psum = 0;
    for (const auto& l : labels) {
        if (l.decision == "rejected") {
            ++r.rejected;
            continue;
        }
        if (l.decision != "confirmed" || l.candidates.empty()) continue;
        ++r.confirmed;
        const auto& c = l.candidates.front();
        if (c.rank == 1) ++r.top1;
        if (c.rank >= 1 && c.rank <= 3) ++r.top3;
        psum += c.probability;
    }
    const auto n = r.confirmed + r.rejected;
    if (n > 0) {
        r.top1_rate = static_cast<double>(r.top1) / static_cast<double>(n);
        r.top3_rate = static_cast<double>(r.top3) / static_cast<double>(n);
    }
    if (r.confirmed > 0) r.mean_probability_confirmed = psum / static_cast<double>(r.confirmed);
    return r;
}

OrderedJson ToJson(const SourceLabel& l) {
    OrderedJson cands = OrderedJson::array();
    for (const auto& c : l.candidates)
        cands.push_back({{"region", c.region},
                         {"organisation", c.organisation ? OrderedJson(c.organisation) : OrderedJson(nullptr)},
                         {"adoption", c.adoption},
                         {"origin", c.origin},
                         {"rank", c.rank},
                         {"score", c.score},
                         {"probability", c.probability}});
    OrderedJson j{{"adoption", l.adoption},
                  {"practice", l.practice},
                  {"adopter_region", l.adopter_region},
                  {"decision", l.decision},
                  {"channel", l.channel},
                  {"candidates", cands},
                  {"candidates_total", l.candidates_total},
                  {"note", l.note},
                  {"by",
                   {{"user_id", l.by_user ? OrderedJson(*l.by_user) : OrderedJson(nullptr)},
                    {"login", l.by_login},
                    {"role", l.by_role}}},
                  {"at", l.at}};
    if (l.id != 0) j["id"] = l.id;
    return j;
}

OrderedJson ToJson(const SourceLabelReport& r) {
    return OrderedJson{{"confirmed", r.confirmed},
                       {"rejected", r.rejected},
                       {"top1", r.top1},
                       {"top3", r.top3},
                       {"top1_rate", r.top1_rate},
                       {"top3_rate", r.top3_rate},
                       {"mean_probability_confirmed", r.mean_probability_confirmed}};
}

}  // namespace orientir::app
