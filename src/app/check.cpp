#include "app/check.hpp"

#include "app/audit.hpp"
#include "app/directory.hpp"
#include "app/entities.hpp"
#include "app/store_access.hpp"
#include "domain/fields.hpp"

namespace orientir::app {

namespace {

template <class T>
Status CheckKind(App& app, storage::WriteTx& tx, bool fix, CheckReport& report) {
    TxReferences refs(tx);
    storage::ListQuery q{Entity<T>::kKind, {}, 0, 500, false};
    for (;;) {
        ORIENTIR_ASSIGN(auto page, tx.List(q));
        for (const auto& doc : page.docs) {
            ++report.records;
            std::vector<FieldIssue> decode;
            T v = DecodeDoc<T>(doc, &decode);
            auto issues = ValidateRecord(v, refs);
            if (decode.empty() && issues.empty()) continue;
            RecordProblem problem{Entity<T>::kKind, doc.id, decode, false};
            problem.issues.insert(problem.issues.end(), issues.begin(), issues.end());
            if (fix) {
                bool changed = !domain::RepairFields(v).empty() || !decode.empty();
                auto left = ValidateRecord(v, refs);
                if (changed && left.empty()) {
                    std::string body = ToBody(v);
                    ORIENTIR_TRY(tx.Update(Entity<T>::kKind, doc.id, doc.version, body, Entity<T>::Index(v)));
                    ORIENTIR_TRY(WriteAudit(tx, Actor::System(), "repair", Entity<T>::kKind, doc.id, doc.body, body,
                                            app.clock().NowTimestamp()));
                    problem.repaired = true;
                    ++report.repaired;
                } else if (changed) {
                    problem.issues = left;
                }
            }
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
