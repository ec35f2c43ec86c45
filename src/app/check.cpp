#include "app/check.hpp"

#include <algorithm>
#include <iterator>

#include "app/audit.hpp"
#include "app/directory.hpp"
#include "app/entities.hpp"
#include "app/store_access.hpp"
#include "domain/fields.hpp"

namespace orientir::app {

namespace {

std::vector<std::pair<std::string, std::string>> Entries(const storage::IndexEntries& idx) {
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(idx.size());
    for (const auto& e : idx) out.emplace_back(e.field, e.value);
    std::sort(out.begin(), out.end());
    return out;
}

// How the stored index entries of a record differ from the ones today's Entity<T>::Index derives (entries
// written before a field was indexed, such as `confirmed`); empty when they agree. The unique flag is not
// compared (the store does not report it).
std::string IndexDifference(const storage::IndexEntries& stored, const storage::IndexEntries& derived) {
    auto have = Entries(stored);
    auto want = Entries(derived);
    if (have == want) return {};
    std::vector<std::pair<std::string, std::string>> missing, extra;
    std::set_difference(want.begin(), want.end(), have.begin(), have.end(), std::back_inserter(missing));
    std::set_difference(have.begin(), have.end(), want.begin(), want.end(), std::back_inserter(extra));
    auto list = [](const std::vector<std::pair<std::string, std::string>>& v) {
        std::string s;
        for (const auto& [f, val] : v) s += (s.empty() ? "" : ", ") + f + "=\"" + val + "\"";
        return s;
    };
    std::string out = "the stored index entries differ from what this version derives";
    if (!missing.empty()) out += "; missing: " + list(missing);
    if (!extra.empty()) out += "; not derived: " + list(extra);
    return out;
}

constexpr const char* kIndexStale = "index_stale";

// The repairs of one record under --fix: field limits trimmed (the record rewritten with its index, audited)
// when that leaves nothing wrong; otherwise stale index entries (`derived`, from the record as stored) are
// written with the stored body kept byte for byte (nothing of the record changes, so no audit entry).
template <class T>
Status RepairRecord(App& app, storage::WriteTx& tx, TxReferences& refs, const storage::Doc& doc, T& v, bool decoded,
                    const storage::IndexEntries* stale_index, RecordProblem& problem, CheckReport& report) {
    bool changed = !domain::RepairFields(v).empty() || !decoded;
    auto left = ValidateRecord(v, refs);
    if (changed && left.empty()) {
        std::string body = ToBody(v);
        ORIENTIR_TRY(tx.Update(Entity<T>::kKind, doc.id, doc.version, body, Entity<T>::Index(v)));
        ORIENTIR_TRY(WriteAudit(tx, Actor::System(), "repair", Entity<T>::kKind, doc.id, doc.body, body,
                                app.clock().NowTimestamp()));
        problem.repaired = true;
        ++report.repaired;
        return Status::Ok();
    }
    if (stale_index) {
        ORIENTIR_TRY(tx.Update(Entity<T>::kKind, doc.id, doc.version, doc.body, *stale_index));
        problem.repaired = !changed && left.empty();
        if (problem.repaired) ++report.repaired;
    }
    if (changed || stale_index) problem.issues = left;  // what is left for a person
    return Status::Ok();
}

template <class T>
Status CheckKind(App& app, storage::WriteTx& tx, bool fix, CheckReport& report) {
    TxReferences refs(tx);
    auto& store = StoreAccess::Of(app);
    storage::ListQuery q{Entity<T>::kKind, {}, 0, 500, false};
    for (;;) {
        ORIENTIR_ASSIGN(auto page, tx.List(q));
        for (const auto& doc : page.docs) {
            ++report.records;
            std::vector<FieldIssue> decode;
            T v = DecodeDoc<T>(doc, &decode);
            auto issues = ValidateRecord(v, refs);
            // A record that does not decode gets its index from the repair; its entries are not compared.
            auto derived = Entity<T>::Index(v);
            std::string stale = decode.empty() ? IndexDifference(store.IndexOf(Entity<T>::kKind, doc.id), derived) : "";
            if (decode.empty() && issues.empty() && stale.empty()) continue;
            RecordProblem problem{Entity<T>::kKind, doc.id, decode, false};
            problem.issues.insert(problem.issues.end(), issues.begin(), issues.end());
            if (!stale.empty()) problem.issues.push_back({"index", kIndexStale, stale});
            if (fix)
                ORIENTIR_TRY(RepairRecord(app, tx, refs, doc, v, decode.empty(), stale.empty() ? nullptr : &derived,
                                          problem, report));
            report.problems.push_back(std::move(problem));
        }
        if (!page.next_after) break;
        q.after_id = *page.next_after;
    }
    return Status::Ok();
}

}  // namespace

Result<CheckReport> CheckRecords(App& app, bool fix) {
    CheckReport report;
    Status st = StoreAccess::Of(app).Write([&](storage::WriteTx& tx) -> Status {
        report = CheckReport{};  // the store may run this again
        Status kinds = Status::Ok();
        ForEachEditableEntity([&]<class T>() {
            if (kinds.ok()) kinds = CheckKind<T>(app, tx, fix, report);
        });
        if (!kinds.ok()) return kinds;
        // Only a repair writes; a plain check leaves nothing behind either way.
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    if (report.repaired > 0) app.directory().Invalidate();
    return report;
}

std::vector<FieldIssue> FieldIssuesOfBody(const std::string& kind, const std::string& body) {
    std::vector<FieldIssue> out;
    ForEachEditableEntity([&]<class T>() {
        if (kind != Entity<T>::kKind) return;
        storage::Doc doc;
        doc.body = body;
        T v = DecodeDoc<T>(doc, &out);
        auto issues = domain::CheckFields(v);
        out.insert(out.end(), issues.begin(), issues.end());
    });
    return out;
}

}  // namespace orientir::app
