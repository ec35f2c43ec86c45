#include "app/freshness.hpp"
#include "app/store_access.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "app/audit.hpp"
#include "app/entities.hpp"
#include "app/permissions.hpp"
#include "app/visibility.hpp"

namespace orientir::app {

namespace {

std::mutex g_policy_mu;
std::map<const App*, FreshnessPolicy>& Policies() {
    static std::map<const App*, FreshnessPolicy> p;
    return p;
}

// "YYYY-MM-DD" plus `months` calendar months (the day clamped to the month's length).
std::string AddMonths(const std::string& date, int months) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return date;
    int total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    d = std::min(d, kDays[m - 1] + (m == 2 && leap ? 1 : 0));
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

template <class T>
Result<T> Confirm(App& app, const Actor& actor, domain::Id id) {
    const char* kind = Entity<T>::kKind;
    T out;
    Status st = StoreAccess::Of(app).Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(auto doc, tx.Get(kind, id));
        T v = FromDoc<T>(doc);
        bool visible = app.CanRead(actor, v);
        if constexpr (std::is_same_v<T, domain::Adoption>)
            visible = visible && PracticeVisibility(StoreAccess::Of(app), actor).Sees(v);
        if (!visible) return Error::NotFound("no " + std::string(kind) + " with id " + std::to_string(id));
        if (actor.role == Role::kAnonymous)
            return Error{ErrorCode::kUnauthenticated, "sign in to confirm this record", {}, "unauthenticated", {}};
        if (!app.CanWrite(actor, v)) return Error::Forbidden("only its owners or a curator may confirm this record");
        if (v.external)
            return Error::Forbidden("an external record is confirmed at its origin (" + v.external->uri + ")");
        v.last_confirmed_at = app.clock().Today();
        std::string body = ToBody(v);
        ORIENTIR_ASSIGN(auto saved, tx.Update(kind, id, doc.version, body, Entity<T>::Index(v)));
        ORIENTIR_TRY(WriteAudit(tx, actor, "confirm", kind, id, doc.body, body, saved.updated_at));
        out = v;
        out.meta.version = saved.version;
        out.meta.updated_at = saved.updated_at;
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    app.AfterWrite(kind);
    return out;
}

// Notifies the owners of one stale record once per confirmation date (a "freshness_notice" marks it).
Status NotifyOnce(storage::WriteTx& tx, const std::string& kind, domain::Id id, const std::string& confirmed,
                  const Audience& audience, const std::string& text, const std::string& at, bool& sent) {
    sent = false;
    const std::string key = kind + "|" + std::to_string(id) + "|" + confirmed;
    if (tx.FindOne("freshness_notice", "key", key)) return Status::Ok();
    OrderedJson j{{"kind", kind}, {"id", id}, {"confirmed", confirmed}, {"at", at}};
    ORIENTIR_ASSIGN(auto d, tx.Insert("freshness_notice", j.dump(), {{"key", key, true}}));
    (void)d;
    sent = true;
    return Notify(tx, audience, "freshness", text, "/" + kind + "s/" + std::to_string(id), at);
}

void Count(std::map<std::string, StaleShare>& m, const std::string& key, Freshness f) {
    auto& s = m[key];
    s.key = key;
    ++s.total;
    if (f != Freshness::kFresh) ++s.stale;
    if (f == Freshness::kMaybeDiscontinued) ++s.maybe_discontinued;
}

std::vector<StaleShare> Values(const std::map<std::string, StaleShare>& m) {
    std::vector<StaleShare> out;
    for (const auto& [k, v] : m) out.push_back(v);
    return out;
}

}  // namespace

void SetFreshnessPolicy(const App& app, FreshnessPolicy policy) {
    std::lock_guard<std::mutex> l(g_policy_mu);
    Policies()[&app] = policy;
}

FreshnessPolicy FreshnessPolicyOf(const App& app) {
    std::lock_guard<std::mutex> l(g_policy_mu);
    auto it = Policies().find(&app);
    return it == Policies().end() ? FreshnessPolicy{} : it->second;
}

const char* Code(Freshness f) {
    switch (f) {
        case Freshness::kFresh:
            return "fresh";
        case Freshness::kNeedsConfirmation:
            return "needs_confirmation";
        case Freshness::kMaybeDiscontinued:
            return "maybe_discontinued";
    }
    return "fresh";
}

std::string ConfirmedOn(const std::optional<std::string>& last_confirmed_at, const domain::Meta& meta) {
    if (last_confirmed_at && !last_confirmed_at->empty()) return *last_confirmed_at;
    return meta.updated_at.substr(0, 10);
}

Freshness FreshnessAt(const std::string& confirmed, const std::string& today, const FreshnessPolicy& policy,
                      bool may_be_discontinued) {
    if (confirmed.size() < 10) return Freshness::kFresh;  // nothing to go by
    if (may_be_discontinued && today >= AddMonths(confirmed, policy.discontinue_after_months))
        return Freshness::kMaybeDiscontinued;
    if (today >= AddMonths(confirmed, policy.stale_after_months)) return Freshness::kNeedsConfirmation;
    return Freshness::kFresh;
}

Freshness FreshnessOf(const App& app, const domain::Practice& p) { return FreshnessInfoOf(app, p).state; }

Freshness FreshnessOf(const App& app, const domain::Adoption& a) { return FreshnessInfoOf(app, a).state; }

namespace {
// FreshnessInfoOn for a given day and policy: depends on nothing else.
FreshnessInfo InfoAt(const std::string& confirmed, const std::string& today, const FreshnessPolicy& policy,
                     bool adoption) {
    FreshnessInfo f;
    f.confirmed_at = confirmed;
    if (confirmed.size() < 10) return f;
    f.state = FreshnessAt(confirmed, today, policy, adoption);
    f.due = AddMonths(confirmed, policy.stale_after_months);
    if (adoption) f.discontinued_on = AddMonths(confirmed, policy.discontinue_after_months);
    return f;
}

// A discontinued adoption has nothing to confirm.
FreshnessInfo AdoptionInfoAt(const std::string& confirmed, const std::string& today, const FreshnessPolicy& policy,
                             bool discontinued) {
    FreshnessInfo f = InfoAt(confirmed, today, policy, true);
    if (discontinued) {
        f.state = Freshness::kFresh;
        f.due.clear();
        f.discontinued_on.clear();
    }
    return f;
}

FreshnessInfo AdoptionFreshness(const App& app, const std::string& confirmed, bool discontinued) {
    return AdoptionInfoAt(confirmed, app.clock().Today(), FreshnessPolicyOf(app), discontinued);
}
}  // namespace

FreshnessInfo FreshnessInfoOn(const App& app, const std::string& confirmed, bool adoption) {
    return InfoAt(confirmed, app.clock().Today(), FreshnessPolicyOf(app), adoption);
}

std::string FreshnessJsonOn(const App& app, const std::string& confirmed, bool adoption, bool discontinued) {
    // One memo per thread (no lock), valid for one day and one policy; the key is the rule and the date.
    struct Memo {
        std::int64_t day = std::numeric_limits<std::int64_t>::min();  // UTC days since the epoch
        std::string today;                                            // that day as Clock::Today writes it
        FreshnessPolicy policy;
        std::unordered_map<std::string, std::string> json;
    };
    constexpr std::size_t kMemoLimit = 4096;  // distinct confirmation dates kept before starting over
    constexpr std::int64_t kDayMillis = 24LL * 3600 * 1000;
    thread_local Memo memo;
    const std::int64_t now = app.clock().NowMillis();
    const std::int64_t day = now / kDayMillis - (now % kDayMillis < 0 ? 1 : 0);  // floor: Today's UTC day
    const FreshnessPolicy policy = FreshnessPolicyOf(app);
    if (day != memo.day || policy.stale_after_months != memo.policy.stale_after_months ||
        policy.discontinue_after_months != memo.policy.discontinue_after_months || memo.json.size() >= kMemoLimit) {
        memo.json.clear();
        memo.day = day;
        memo.today = FormatDate(now);
        memo.policy = policy;
    }
    std::string key(1, adoption ? (discontinued ? 'd' : 'a') : 'p');
    key += confirmed;
    auto it = memo.json.find(key);
    if (it != memo.json.end()) return it->second;
    const FreshnessInfo f = adoption ? AdoptionInfoAt(confirmed, memo.today, policy, discontinued)
                                     : InfoAt(confirmed, memo.today, policy, false);
    return memo.json.emplace(std::move(key), ToJson(f).dump()).first->second;
}

FreshnessInfo FreshnessInfoOf(const App& app, const domain::Practice& p) {
    return FreshnessInfoOn(app, ConfirmedOn(p.last_confirmed_at, p.meta), false);
}

FreshnessInfo FreshnessInfoOf(const App& app, const domain::Adoption& a) {
    return AdoptionFreshness(app, ConfirmedOn(a.last_confirmed_at, a.meta),
                             a.stage() == domain::AdoptionStage::kDiscontinued);
}

FreshnessInfo FreshnessInfoOfItem(const App& app, const Json& item, bool adoption) {
    auto text = [&item](const char* key) {  // absent, null or not a string: empty
        auto it = item.find(key);
        return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::string confirmed = text("last_confirmed_at");
    if (confirmed.empty()) confirmed = text("updated_at").substr(0, 10);
    if (!adoption) return FreshnessInfoOn(app, confirmed, false);
    return AdoptionFreshness(app, confirmed, text("stage") == "discontinued");
}

std::optional<FreshnessInfo> FreshnessInfoOfItem(const App& app, const RenderedItem& item, bool adoption) {
    if (item.confirmed_on) {
        if (!adoption) return FreshnessInfoOn(app, *item.confirmed_on, false);
        return AdoptionFreshness(app, *item.confirmed_on, item.discontinued);
    }
    Json j = Json::parse(item.json, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    return FreshnessInfoOfItem(app, j, adoption);
}

OrderedJson ToJson(const FreshnessInfo& f) {
    auto date = [](const std::string& d) { return d.empty() ? OrderedJson(nullptr) : OrderedJson(d); };
    OrderedJson j{{"state", Code(f.state)}, {"confirmed_at", date(f.confirmed_at)}, {"due", date(f.due)}};
    if (!f.discontinued_on.empty()) j["discontinued_on"] = f.discontinued_on;
    return j;
}

Result<domain::Practice> ConfirmPractice(App& app, const Actor& actor, domain::Id id) {
    return Confirm<domain::Practice>(app, actor, id);
}

Result<domain::Adoption> ConfirmAdoption(App& app, const Actor& actor, domain::Id id) {
    return Confirm<domain::Adoption>(app, actor, id);
}

Result<int> NotifyStale(App& app) {
    std::vector<std::pair<std::string, domain::Id>> stale;
    ORIENTIR_TRY(StoreAccess::Of(app).Scan("practice", [&](const storage::Doc& d) {
        auto p = FromDoc<domain::Practice>(d);
        if (!p.external && IsListedState(p.state) && FreshnessOf(app, p) != Freshness::kFresh)
            stale.emplace_back("practice", d.id);
        return true;
    }));
    ORIENTIR_TRY(StoreAccess::Of(app).Scan("adoption", [&](const storage::Doc& d) {
        auto a = FromDoc<domain::Adoption>(d);
        if (!a.external && FreshnessOf(app, a) != Freshness::kFresh) stale.emplace_back("adoption", d.id);
        return true;
    }));
    int sent_total = 0;
    const std::string at = app.clock().NowTimestamp();
    for (const auto& item : stale) {
        const std::string& kind = item.first;
        const domain::Id id = item.second;
        bool sent = false;
        ORIENTIR_TRY(StoreAccess::Of(app).Write([&](storage::WriteTx& tx) -> Status {
            ORIENTIR_ASSIGN(auto doc, tx.Get(kind, id));
            if (kind == "practice") {
                auto p = FromDoc<domain::Practice>(doc);
                Audience who{false, p.origin.region, p.origin.organisation_id, std::nullopt};
                return NotifyOnce(tx, kind, id, ConfirmedOn(p.last_confirmed_at, p.meta), who,
                                  "Практика «" + p.title + "» требует подтверждения: актуальна ли она?", at, sent);
            }
            auto a = FromDoc<domain::Adoption>(doc);
            Audience who{false, a.adopter.region, a.adopter.organisation_id, std::nullopt};
            return NotifyOnce(tx, kind, id, ConfirmedOn(a.last_confirmed_at, a.meta), who,
                              "Внедрение № " + std::to_string(id) + " требует подтверждения: идёт ли оно?", at, sent);
        }));
        sent_total += sent ? 1 : 0;
    }
    return sent_total;
}

Result<StaleReport> StaleShares(App& app, const Actor& actor) {
    if (!actor.IsStaff()) return Error::Forbidden("only curators see the share of stale records");
    std::map<std::string, StaleShare> regions, domains;
    std::map<domain::Id, std::vector<std::string>> practice_domains;
    StaleReport r;
    ORIENTIR_TRY(StoreAccess::Of(app).Scan("practice", [&](const storage::Doc& d) {
        auto p = FromDoc<domain::Practice>(d);
        if (!IsListedState(p.state)) return true;
        practice_domains[d.id] = p.domains;
        Freshness f = FreshnessOf(app, p);
        Count(regions, p.origin.region, f);
        for (const auto& dom : p.domains) Count(domains, dom, f);
        ++r.total;
        r.stale += f != Freshness::kFresh;
        return true;
    }));
    ORIENTIR_TRY(StoreAccess::Of(app).Scan("adoption", [&](const storage::Doc& d) {
        auto a = FromDoc<domain::Adoption>(d);
        auto it = practice_domains.find(a.practice_id);
        if (it == practice_domains.end() || a.stage() == domain::AdoptionStage::kDiscontinued) return true;
        Freshness f = FreshnessOf(app, a);
        Count(regions, a.adopter.region, f);
        for (const auto& dom : it->second) Count(domains, dom, f);
        ++r.total;
        r.stale += f != Freshness::kFresh;
        return true;
    }));
    r.by_region = Values(regions);
    r.by_domain = Values(domains);
    return r;
}

OrderedJson ToJson(const StaleReport& r) {
    auto list = [](const std::vector<StaleShare>& v) {
        OrderedJson a = OrderedJson::array();
        for (const auto& s : v)
            a.push_back({{"key", s.key},
                         {"total", s.total},
                         {"stale", s.stale},
                         {"maybe_discontinued", s.maybe_discontinued},
                         {"share", s.total ? double(s.stale) / s.total : 0.0}});
        return a;
    };
    return {{"total", r.total},
            {"stale", r.stale},
            {"share", r.total ? double(r.stale) / r.total : 0.0},
            {"by_region", list(r.by_region)},
            {"by_domain", list(r.by_domain)}};
}

}  // namespace orientir::app
