#include "storage/store_conformance.hpp"

#include <atomic>
#include <thread>

namespace orientir::storage {

namespace {
Doc MustInsert(Store& s, const std::string& kind, const std::string& body, const IndexEntries& idx = {}) {
    Doc out;
    auto st = s.Write([&](WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(out, tx.Insert(kind, body, idx));
        return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    return out;
}
}  // namespace

TEST_P(StoreConformance, InsertAssignsIdsAndVersionOne) {
    Doc a = MustInsert(*store_, "practice", R"({"title":"a"})");
    Doc b = MustInsert(*store_, "practice", R"({"title":"b"})");
    Doc c = MustInsert(*store_, "adoption", R"({})");
    EXPECT_EQ(a.version, 1);
    EXPECT_GT(b.id, a.id);
    EXPECT_EQ(c.id, 1);  // ids are per kind
    auto got = store_->Get("practice", b.id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->body, R"({"title":"b"})");
    EXPECT_FALSE(store_->Get("practice", 999).ok());
    EXPECT_EQ(store_->Get("practice", 999).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreConformance, UpdateChecksExpectedVersion) {
    Doc a = MustInsert(*store_, "practice", R"({"v":1})");
    auto st = store_->Write([&](WriteTx& tx) -> Status {
        return tx.Update("practice", a.id, 1, R"({"v":2})", {}).ok() ? Status::Ok() : Status(Error::Conflict("x"));
    });
    ASSERT_TRUE(st.ok());
    auto stale = store_->Write([&](WriteTx& tx) -> Status {
        auto r = tx.Update("practice", a.id, 1, R"({"v":3})", {});
        if (!r.ok()) return r.error();
        return Status::Ok();
    });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
    auto got = store_->Get("practice", a.id);
    EXPECT_EQ(got->version, 2);
    EXPECT_EQ(got->body, R"({"v":2})");
}

TEST_P(StoreConformance, FailedWriteLeavesNothingBehind) {
    auto before = store_->LastChangeSeq();
    auto st = store_->Write([&](WriteTx& tx) -> Status {
        auto r = tx.Insert("practice", R"({"x":1})", {{"region", "86", false}});
        EXPECT_TRUE(r.ok());
        return Error::Invalid("x", "rule", "second record was bad");
    });
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(store_->Count("practice", {}).value(), 0);
    EXPECT_EQ(store_->LastChangeSeq(), before);
    EXPECT_THROW(store_->Write([&](WriteTx& tx) -> Status {
        (void)tx.Insert("practice", "{}", {});
        throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    EXPECT_EQ(store_->Count("practice", {}).value(), 0);
}

TEST_P(StoreConformance, ListFiltersAndPagesWithCursor) {
    for (int i = 0; i < 7; ++i) {
        MustInsert(*store_, "adoption", "{}",
                   {{"region", i % 2 ? "72" : "86", false}, {"date", "2020-0" + std::to_string(i + 1) + "-01", false}});
    }
    ListQuery q{"adoption", {Filter::Eq("region", "86")}, 0, 2, false};
    auto p1 = store_->List(q);
    ASSERT_TRUE(p1.ok());
    ASSERT_EQ(p1->docs.size(), 2u);
    ASSERT_TRUE(p1->next_after.has_value());
    q.after_id = *p1->next_after;
    auto p2 = store_->List(q);
    ASSERT_EQ(p2->docs.size(), 2u);
    EXPECT_FALSE(p2->next_after.has_value());
    EXPECT_GT(p2->docs[0].id, p1->docs[1].id);
    EXPECT_EQ(store_->Count("adoption", {Filter::Eq("region", "86")}).value(), 4);
    EXPECT_EQ(store_->Count("adoption", {Filter::Ge("date", "2020-03-01"), Filter::Le("date", "2020-05-01")}).value(),
              3);
    EXPECT_EQ(store_->Count("adoption", {Filter::In("region", {"72", "86"})}).value(), 7);
    auto desc = store_->List({"adoption", {}, 0, 3, true});
    EXPECT_EQ(desc->docs[0].id, 7);
}

TEST_P(StoreConformance, CountUpToStopsAtTheCap) {
    for (int i = 0; i < 7; ++i) MustInsert(*store_, "adoption", "{}", {{"region", i % 2 ? "72" : "86", false}});
    const std::vector<Filter> region86{Filter::Eq("region", "86")};  // driven by its index entries
    EXPECT_EQ(store_->CountUpTo("adoption", region86, 2).value(), 2);
    EXPECT_EQ(store_->CountUpTo("adoption", region86, 4).value(), 4);
    EXPECT_EQ(store_->CountUpTo("adoption", region86, 100).value(), 4);
    EXPECT_EQ(store_->CountUpTo("adoption", {}, 5).value(), 5);  // walks the kind
    EXPECT_EQ(store_->CountUpTo("adoption", {}, 100).value(), 7);
    EXPECT_EQ(store_->CountUpTo("adoption", {Filter::In("region", {"72"})}, 100).value(), 3);
    EXPECT_EQ(store_->CountUpTo("adoption", region86, 0).value(), 0);
}

TEST_P(StoreConformance, FilterValuesAreDataNotSql) {
    MustInsert(*store_, "organisation", "{}", {{"name", "x' OR '1'='1", false}});
    EXPECT_EQ(store_->Count("organisation", {Filter::Eq("name", "' OR '1'='1")}).value(), 0);
    EXPECT_EQ(store_->Count("organisation", {Filter::Eq("name", "x' OR '1'='1")}).value(), 1);
    EXPECT_EQ(store_->Count("organisation", {Filter::Prefix("name", "x'")}).value(), 1);
}

TEST_P(StoreConformance, UniqueIndexRejectsDuplicates) {
    MustInsert(*store_, "region", "{}", {{"code", "86", true}});
    auto st = store_->Write([&](WriteTx& tx) -> Status {
        auto r = tx.Insert("region", "{}", {{"code", "86", true}});
        if (!r.ok()) return r.error();
        return Status::Ok();
    });
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::kConflict);
    EXPECT_EQ(st.error().field, "code");
    EXPECT_TRUE(store_->FindOne("region", "code", "86").has_value());
}

TEST_P(StoreConformance, ChangeLogRecordsEveryWriteInOrder) {
    auto start = store_->LastChangeSeq();
    Doc a = MustInsert(*store_, "person", "{}");
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                        ORIENTIR_TRY(tx.Update("person", a.id, std::nullopt, R"({"a":1})", {}));
                        return tx.Delete("person", a.id, std::nullopt);
                    })
                    .ok());
    auto ch = store_->ChangesSince(start, 10);
    ASSERT_EQ(ch.size(), 3u);
    EXPECT_EQ(ch[0].op, "insert");
    EXPECT_EQ(ch[1].op, "update");
    EXPECT_EQ(ch[2].op, "delete");
    EXPECT_EQ(ch[2].id, a.id);
    EXPECT_LT(ch[0].seq, ch[1].seq);
    EXPECT_FALSE(store_->Get("person", a.id).ok());
}

TEST_P(StoreConformance, ConcurrentWritersLoseNothing) {
    constexpr int kThreads = 4, kEach = 25;
    std::vector<std::thread> ts;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        ts.emplace_back([&] {
            for (int i = 0; i < kEach; ++i) {
                auto st = store_->Write([&](WriteTx& tx) -> Status {
                    return tx.Insert("request", "{}", {}).ok() ? Status::Ok() : Status(Error::Conflict("x"));
                });
                if (!st.ok()) ++failures;
                (void)store_->List({"request", {}, 0, 5, true});
            }
        });
    }
    for (auto& t : ts) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(store_->Count("request", {}).value(), kThreads * kEach);
}

TEST_P(StoreConformance, ScanVisitsAllInIdOrder) {
    for (int i = 0; i < 5; ++i) MustInsert(*store_, "indicator_value", "{}");
    std::int64_t last = 0;
    int n = 0;
    ASSERT_TRUE(store_
                    ->Scan("indicator_value",
                           [&](const Doc& d) {
                               EXPECT_GT(d.id, last);
                               last = d.id;
                               ++n;
                               return true;
                           })
                    .ok());
    EXPECT_EQ(n, 5);
    EXPECT_GE(store_->SchemaVersion(), 1);
    EXPECT_TRUE(store_->Ping().ok());
}

TEST_P(StoreConformance, InsertWithExplicitIdAdvancesSequence) {
    auto st = store_->Write([&](WriteTx& tx) -> Status {
        ORIENTIR_TRY(tx.Insert("practice", "{}", {}, 40));
        return Status::Ok();
    });
    ASSERT_TRUE(st.ok());
    Doc next = MustInsert(*store_, "practice", "{}");
    EXPECT_EQ(next.id, 41);
}

}  // namespace orientir::storage

namespace orientir::storage {

namespace {
// A projector for the tests: "practice" items are "<body>#<version>" (so a stale item shows), other
// kinds have none.
ItemProjector TestProjector(int format) {
    return {format, [](const std::string& kind, const Doc& d) -> std::optional<std::string> {
                if (kind != "practice") return std::nullopt;
                return d.body + "#" + std::to_string(d.version);
            }};
}
std::vector<std::string> Items(const ItemPage& p) {
    std::vector<std::string> out;
    for (const auto& r : p.rows) out.push_back(r.item.value_or("doc:" + r.doc.body));
    return out;
}
}  // namespace

TEST_P(StoreConformance, ListItemsFollowEveryWriteInItsTransaction) {
    store_->SetItemProjector(TestProjector(7));
    Doc a = MustInsert(*store_, "practice", R"({"t":"a"})", {{"region", "86", false}});
    Doc b = MustInsert(*store_, "practice", R"({"t":"b"})", {{"region", "72", false}});
    MustInsert(*store_, "practice", R"({"t":"c"})", {{"region", "86", false}});
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                        auto r = tx.Update("practice", a.id, std::nullopt, R"({"t":"a2"})", {{"region", "86", false}});
                        return r.ok() ? Status::Ok() : Status(r.error());
                    })
                    .ok());
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.Delete("practice", b.id, std::nullopt); }).ok());
    // A write that fails leaves no item either.
    (void)store_->Write([&](WriteTx& tx) -> Status {
        EXPECT_TRUE(tx.Insert("practice", R"({"t":"gone"})", {{"region", "86", false}}).ok());
        return Error::Invalid("x", "rule", "refused");
    });
    auto page = store_->ListItems({"practice", {Filter::Eq("region", "86")}, 0, 1, false});
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(Items(*page), (std::vector<std::string>{R"({"t":"a2"}#2)"}));
    EXPECT_EQ(page->total, 2);  // the filters' total, not the page's
    ASSERT_TRUE(page->next_after.has_value());
    auto next = store_->ListItems({"practice", {Filter::Eq("region", "86")}, *page->next_after, 1, false});
    EXPECT_EQ(Items(*next), (std::vector<std::string>{R"({"t":"c"}#1)"}));
    EXPECT_EQ(next->total, 2);
    EXPECT_FALSE(next->next_after.has_value());
    auto all = store_->ListItems({"practice", {}, 0, 10, true});
    EXPECT_EQ(Items(*all), (std::vector<std::string>{R"({"t":"c"}#1)", R"({"t":"a2"}#2)"}));
    EXPECT_EQ(all->total, 2);
    // Kinds without a projection come back as documents.
    MustInsert(*store_, "adoption", R"({"x":1})");
    EXPECT_EQ(Items(*store_->ListItems({"adoption", {}, 0, 10, false})), (std::vector<std::string>{R"(doc:{"x":1})"}));
}

TEST_P(StoreConformance, ItemsOfAnotherFormatAreNotUsedUntilRenderedAgain) {
    MustInsert(*store_, "practice", R"({"t":"before"})");  // no projector yet: no item
    store_->SetItemProjector(TestProjector(1));
    MustInsert(*store_, "practice", R"({"t":"one"})");
    store_->SetItemProjector(TestProjector(2));  // a new build renders differently
    EXPECT_EQ(Items(*store_->ListItems({"practice", {}, 0, 10, false})),
              (std::vector<std::string>{R"(doc:{"t":"before"})", R"(doc:{"t":"one"})"}));
    EXPECT_EQ(store_->ProjectStale("practice", 1).value(), 1);
    EXPECT_EQ(store_->ProjectStale("practice", 10).value(), 1);
    EXPECT_EQ(store_->ProjectStale("practice", 10).value(), 0);
    EXPECT_EQ(Items(*store_->ListItems({"practice", {}, 0, 10, false})),
              (std::vector<std::string>{R"({"t":"before"}#1)", R"({"t":"one"}#1)"}));
    EXPECT_EQ(store_->ProjectStale("adoption", 10).value(), 0);
}

TEST_P(StoreConformance, GetItemReadsOneRecordWithItsIndexValues) {
    store_->SetItemProjector(TestProjector(3));
    Doc p = MustInsert(*store_, "practice", R"({"t":"p"})",
                       {{"state", "published", false}, {"tag", "b", false}, {"tag", "a", false}, {"note", "", false}});
    auto rec = store_->GetItem("practice", p.id, {"state", "tag", "missing", "note"});
    ASSERT_TRUE(rec.ok()) << rec.error().message;
    EXPECT_EQ(rec->doc.id, p.id);
    EXPECT_EQ(rec->doc.version, 1);
    EXPECT_EQ(rec->doc.updated_at, p.updated_at);
    EXPECT_EQ(rec->item, std::optional<std::string>(R"({"t":"p"}#1)"));
    // In the order asked; the smallest of several values; nullopt for none; an empty value is a value.
    EXPECT_EQ(rec->index, (std::vector<std::optional<std::string>>{"published", "a", std::nullopt, ""}));
    // The item follows an update in its transaction, the index values too.
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                        auto r = tx.Update("practice", p.id, 1, R"({"t":"p2"})", {{"state", "draft", false}});
                        return r.ok() ? Status::Ok() : Status(r.error());
                    })
                    .ok());
    rec = store_->GetItem("practice", p.id, {"state", "tag"});
    ASSERT_TRUE(rec.ok());
    EXPECT_EQ(rec->item, std::optional<std::string>(R"({"t":"p2"}#2)"));
    EXPECT_EQ(rec->index, (std::vector<std::optional<std::string>>{"draft", std::nullopt}));
    // An item of another format is not used: the document comes instead.
    store_->SetItemProjector(TestProjector(4));
    rec = store_->GetItem("practice", p.id, {});
    ASSERT_TRUE(rec.ok());
    EXPECT_FALSE(rec->item.has_value());
    EXPECT_EQ(rec->doc.body, R"({"t":"p2"})");
    EXPECT_TRUE(rec->index.empty());
    // Missing records and kinds answer as Get does.
    auto none = store_->GetItem("practice", p.id + 100, {"state"});
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(none.error().message, store_->Get("practice", p.id + 100).error().message);
    EXPECT_EQ(store_->GetItem("adoption", p.id, {}).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreConformance, ListItemsCarryTheAskedIndexValues) {
    store_->SetItemProjector(TestProjector(5));
    Doc a = MustInsert(*store_, "practice", R"({"t":"a"})", {{"region", "86", false}, {"state", "published", false}});
    MustInsert(*store_, "practice", R"({"t":"b"})",
               {{"region", "86", false}, {"tag", "z", false}, {"tag", "y", false}});
    MustInsert(*store_, "practice", R"({"t":"c"})", {{"region", "59", false}, {"state", "draft", false}});
    ListQuery q{"practice", {Filter::Eq("region", "86")}, 0, 10, false};
    q.fields = {"state", "tag"};
    auto page = store_->ListItems(q);
    ASSERT_TRUE(page.ok()) << page.error().message;
    ASSERT_EQ(page->rows.size(), 2u);
    EXPECT_EQ(page->rows[0].doc.id, a.id);
    EXPECT_EQ(page->rows[0].index, (std::vector<std::optional<std::string>>{"published", std::nullopt}));
    EXPECT_EQ(page->rows[1].index, (std::vector<std::optional<std::string>>{std::nullopt, "y"}));
    // With a cursor and descending, the values stay with their rows; no fields, no values.
    q.descending = true;
    q.limit = 1;
    page = store_->ListItems(q);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->rows.size(), 1u);
    EXPECT_EQ(page->rows[0].index, (std::vector<std::optional<std::string>>{std::nullopt, "y"}));
    EXPECT_EQ(page->total, 2);
    q.after_id = *page->next_after;
    page = store_->ListItems(q);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->rows.at(0).index, (std::vector<std::optional<std::string>>{"published", std::nullopt}));
    EXPECT_TRUE(store_->ListItems({"practice", {}, 0, 10, false})->rows.at(0).index.empty());
}

// The projector's fields are kept beside each item (ItemProjector::fields) and answer as the index does; a list
// whose first filter is an equality walks that filter's index entries (a join) and answers as the id list does.
TEST_P(StoreConformance, ItemFieldsAndAnEqualityFirstAnswerAsTheIndexDoes) {
    ItemProjector kept = TestProjector(8);
    kept.fields = {"state", "tag", "confirmed"};
    store_->SetItemProjector(kept);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 9; ++i) {
        IndexEntries e{{"region", i % 3 ? "86" : "72", false}, {"state", i % 2 ? "published" : "draft", false}};
        if (i % 4 == 0) e.push_back({"tag", "b", false}), e.push_back({"tag", "a", false});
        if (i % 3 == 1) e.push_back({"confirmed", "2026-0" + std::to_string(i % 9 + 1) + "-01", false});
        if (i == 5) e.push_back({"confirmed", "", false});  // an empty value is a value
        ids.push_back(MustInsert(*store_, "practice", "{\"i\":" + std::to_string(i) + "}", e).id);
    }
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {  // an update changes the kept values in its transaction
                        auto r = tx.Update("practice", ids[4], std::nullopt, R"({"i":4})",
                                           {{"region", "86", false}, {"state", "archived", false}});
                        return r.ok() ? Status::Ok() : Status(r.error());
                    })
                    .ok());
    ItemProjector looked_up = TestProjector(8);  // the same items, the values read from the index
    auto page = [&](const ItemProjector& p, std::vector<Filter> filters, std::int64_t after, bool descending) {
        store_->SetItemProjector(p);
        ListQuery q{"practice", std::move(filters), after, 2, descending};
        q.fields = {"confirmed", "region", "tag", "state"};
        auto r = store_->ListItems(q);
        EXPECT_TRUE(r.ok()) << r.error().message;
        std::vector<std::string> out;
        for (const auto& row : r->rows) {
            std::string line = std::to_string(row.doc.id) + " " + row.item.value_or("-");
            for (const auto& v : row.index) line += " " + (v ? "[" + *v + "]" : std::string("null"));
            out.push_back(line);
        }
        out.push_back("total " + std::to_string(r->total) + " next " + std::to_string(r->next_after.value_or(0)));
        return out;
    };
    const std::vector<std::vector<Filter>> lists = {
        {Filter::Eq("region", "86")},
        {Filter::Eq("region", "86"), Filter::In("state", {"published", "archived"})},
        {Filter::Eq("state", "draft"), Filter::Eq("region", "72")},
        {Filter::Eq("region", "99")},
        {}};
    int rows = 0;
    for (const auto& filters : lists) {
        for (bool descending : {false, true}) {
            for (std::int64_t after : {std::int64_t{0}, ids[3]}) {
                auto kept_page = page(kept, filters, after, descending);
                EXPECT_EQ(kept_page, page(looked_up, filters, after, descending));
                // The equality as a one-value IN is not a join: the same rows, total and cursor.
                auto as_in = filters;
                if (!as_in.empty() && as_in[0].op == Filter::Op::kEq)
                    as_in[0] = Filter::In(as_in[0].field, {as_in[0].values.at(0)});
                EXPECT_EQ(kept_page, page(kept, as_in, after, descending));
                rows += static_cast<int>(kept_page.size()) - 1;
            }
        }
    }
    EXPECT_GT(rows, 20);
    store_->SetItemProjector(kept);
    auto one = store_->GetItem("practice", ids[4], {"state", "tag", "confirmed"});
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one->index, (std::vector<std::optional<std::string>>{"archived", std::nullopt, std::nullopt}));
    one = store_->GetItem("practice", ids[0], {"tag", "state", "region"});
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one->index, (std::vector<std::optional<std::string>>{"a", "draft", "72"}));
    one = store_->GetItem("practice", ids[5], {"confirmed"});
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one->index, (std::vector<std::optional<std::string>>{""}));
}

// Count reads an equality first from its index entries: the same number as the filter written as a one-value IN
// (which walks the records), for a field with several values per record too.
TEST_P(StoreConformance, CountOfAnEqualityFirstAgreesWithTheWalkedCount) {
    for (int i = 0; i < 9; ++i) {
        IndexEntries e{{"region", i % 3 ? "86" : "72", false}, {"state", i % 2 ? "published" : "draft", false}};
        if (i % 4 == 0) e.push_back({"tag", "b", false}), e.push_back({"tag", "a", false});
        MustInsert(*store_, "practice", "{\"i\":" + std::to_string(i) + "}", e);
    }
    const std::vector<std::vector<Filter>> lists = {
        {Filter::Eq("region", "86")},
        {Filter::Eq("region", "86"), Filter::In("state", {"published", "archived"})},
        {Filter::Eq("state", "draft"), Filter::Eq("region", "72")},
        {Filter::Eq("region", "99")},
        {Filter::Eq("tag", "a")},
        {Filter::Eq("tag", "b"), Filter::Eq("region", "72")},
        {}};
    for (const auto& filters : lists) {
        auto as_in = filters;
        if (!as_in.empty()) as_in[0] = Filter::In(as_in[0].field, as_in[0].values);
        auto driven = store_->Count("practice", filters), walked = store_->Count("practice", as_in);
        ASSERT_TRUE(driven.ok() && walked.ok());
        EXPECT_EQ(*driven, *walked) << (filters.empty() ? "all" : filters[0].field);
        for (bool descending : {false, true}) {  // and List's pages, driven or walked, hold the same records
            auto ids = [&](const std::vector<Filter>& f) {
                std::vector<std::int64_t> out;
                for (std::int64_t after = 0;;) {
                    auto page = store_->List({"practice", f, after, 2, descending});
                    EXPECT_TRUE(page.ok());
                    for (const auto& d : page->docs) out.push_back(d.id);
                    if (!page->next_after) return out;
                    after = *page->next_after;
                }
            };
            EXPECT_EQ(ids(filters), ids(as_in));
            EXPECT_EQ(static_cast<std::int64_t>(ids(filters).size()), *driven);
        }
    }
    EXPECT_EQ(store_->Count("practice", {Filter::Eq("tag", "a")}).value(), 3);  // records 0, 4 and 8
    EXPECT_EQ(store_->Count("practice", {Filter::Eq("region", "86")}).value(), 6);
}

TEST(ItemFields, EncodeAndDecodeKeepValuesAbsencesAndEmptyStrings) {
    std::vector<std::optional<std::string>> values = {"2026-11-30", std::nullopt, "", "a:b 12:x",
                                                      std::string(300, 'z')};
    EXPECT_EQ(DecodeItemFields(EncodeItemFields(values)), values);
    EXPECT_TRUE(DecodeItemFields(EncodeItemFields({})).empty());
    EXPECT_EQ(DecodeItemFields("5:abc"), (std::vector<std::optional<std::string>>{}));  // truncated: nothing kept
}

}  // namespace orientir::storage
