// Search benchmark: one corpus, one fixed query set, five engines in one run.
//   ours        — search::SearchIndex (Xapian + our analysis, synonyms, facets, snippets)
//   xapian      — bare Xapian, matching only: TermGenerator/QueryParser with the Russian stemmer
//   xapian_full — Xapian alone doing our job: the same QueryParser, plus for every hit the passage
//                 from the document data and MSet::snippet, plus 4 ValueCountMatchSpy facets
//   fts5        — SQLite FTS5 over text pre-stemmed with the same Snowball stemmer, bm25 ranking
//   pg          — PostgreSQL FTS (russian configuration, GIN, ts_rank) when ORIENTIR_BENCH_PG_DSN is set
// Corpus: ../shared/data/rurebus texts cut into practice-sized passages, plus generated practices, plus
// injected morphology/lemma/synonym documents (year 1999, a year no other document has).
// Usage: search_bench --docs 10000 --rurebus DIR --data DIR --work DIR [--reps 5] [--reuse 1]
//                     [--engines ours,xapian,xapian_full,fts5,pg]
#ifdef ORIENTIR_BENCH_WITH_PG
#include <libpq-fe.h>
#endif
#include <sqlite3.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/strings.hpp"
#include "domain/codec.hpp"
#include "search/analysis.hpp"
#include "search/search.hpp"
#include "search_corpus.hpp"
#include "storage/store.hpp"
#include "text/stem.hpp"

namespace fs = std::filesystem;
using namespace orientir;
using Clock = std::chrono::steady_clock;
using namespace orientir::search_bench;

namespace {

struct Stats {
    std::vector<double> ms;
    double Pct(double p) const {
        if (ms.empty()) return 0;
        auto v = ms;
        std::sort(v.begin(), v.end());
        auto idx = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
        return v[std::min(idx, v.size() - 1)];
    }
};

std::uintmax_t DirSize(const fs::path& p) {
    std::uintmax_t total = 0;
    if (fs::is_regular_file(p)) return fs::file_size(p);
    for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file()) total += e.file_size();
    return total;
}

// An engine: build from docs, run a query returning (ids of up to `limit` hits).
struct Engine {
    std::string key;   // --engines key
    std::string name;  // table label
    double build_s = 0;
    std::uintmax_t size = 0;
    std::function<std::vector<std::int64_t>(const BenchQuery&, int limit)> run;
    // Answers the engine itself flags as not matching the query as typed (ours: relaxed or
    // auto-corrected); recall does not count their hits. Null for engines without such answers.
    const std::size_t* inexact = nullptr;
    bool reused = false;  // --reuse 1 found the index: build s and docs/s are not measured
};

std::string PreStem(const std::string& text) {
    std::string out;
    for (auto& w : search::detail::Analyze(text)) {
        if (!out.empty()) out += ' ';
        out += w.stem;
    }
    return out;
}

// At most `max` bytes of `s`, cut at a UTF-8 character boundary.
std::string Utf8Prefix(const std::string& s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut);
}

// Value slots of the "Xapian doing our job" database (bare Xapian has slot 0 only).
constexpr Xapian::valueno kXSlotDomain = 0, kXSlotRegion = 1, kXSlotYear = 2, kXSlotKind = 3;
constexpr std::size_t kXPassageBytes = 1200;  // body text kept in the document data, as ours keeps

// Bare Xapian index: title (weight 3) + body with the Russian stemmer, boolean terms XD<domain> and
// XY<year>, value 0 = domain, data = id. With `full` (Xapian doing our job) also values for region,
// year and kind, and data = id + '\n' + the first kXPassageBytes of the body (the snippet source).
// Built aside and renamed into place, so an interrupted build is never reused by --reuse 1.
void BuildXapian(const std::string& dir, const std::vector<BenchDoc>& docs, bool full) {
    const std::string building = dir + ".building";
    fs::remove_all(building);
    Xapian::WritableDatabase db(building, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("russian"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        Xapian::Document d;
        tg.set_document(d);
        tg.index_text(docs[i].title, 3);
        tg.increase_termpos();
        tg.index_text(docs[i].body);
        d.add_boolean_term("XD" + docs[i].domain);
        d.add_boolean_term("XY" + std::to_string(docs[i].year));
        d.add_value(kXSlotDomain, docs[i].domain);
        if (full) {
            d.add_value(kXSlotRegion, docs[i].region);
            d.add_value(kXSlotYear, std::to_string(docs[i].year));
            d.add_value(kXSlotKind, "practice");
            d.set_data(std::to_string(i + 1) + "\n" + Utf8Prefix(docs[i].body, kXPassageBytes));
        } else {
            d.set_data(std::to_string(i + 1));
        }
        db.add_document(d);
    }
    db.commit();
    db.close();
    fs::remove_all(dir);
    fs::rename(building, dir);
}

// The bare QueryParser query (Russian stemmer, AND, phrases) with the domain and year filters.
Xapian::Query XapianQuery(const Xapian::Database& db, const BenchQuery& bq) {
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("russian"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.set_database(db);
    Xapian::Query q = qp.parse_query(bq.q, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE);
    if (!bq.domain.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query("XD" + bq.domain));
    if (!bq.year.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query("XY" + bq.year));
    return q;
}

// FTS5 query: stems ANDed, "phrases" kept as FTS5 phrases.
std::string Fts5Query(const std::string& q) {
    std::string out;
    bool in_phrase = false;
    std::string cur;
    auto flush = [&](bool phrase) {
        auto stems = PreStem(cur);
        cur.clear();
        if (stems.empty()) return;
        if (!out.empty()) out += " AND ";
        if (phrase) {
            out += "\"" + stems + "\"";
        } else {
            std::istringstream in(stems);
            std::string s;
            bool first = true;
            while (in >> s) {
                if (!first) out += " AND ";
                out += "\"" + s + "\"";
                first = false;
            }
        }
    };
    for (char c : q) {
        if (c == '"') {
            flush(in_phrase);
            in_phrase = !in_phrase;
        } else {
            cur += c;
        }
    }
    flush(in_phrase);
    return out;
}

struct Args {
    std::size_t n = 10000;
    int reps = 5;
    bool reuse = false;  // keep the work dir of an earlier run over the same corpus
    std::string only;    // comma-separated engine keys: ours,xapian,xapian_full,fts5,pg (empty: all)
    std::string rurebus = "../shared/data/rurebus", data = "data", work = "/tmp/orientir-search-bench";
    bool Wanted(const char* key) const {
        return only.empty() || ("," + only + ",").find("," + std::string(key) + ",") != std::string::npos;
    }
};

Args ParseArgs(int argc, char** argv) {
    Args a;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i];
        if (k == "--docs") a.n = std::stoul(argv[i + 1]);
        if (k == "--rurebus") a.rurebus = argv[i + 1];
        if (k == "--data") a.data = argv[i + 1];
        if (k == "--work") a.work = argv[i + 1];
        if (k == "--reps") a.reps = std::stoi(argv[i + 1]);
        if (k == "--reuse") a.reuse = std::string(argv[i + 1]) == "1";
        if (k == "--engines") a.only = argv[i + 1];
    }
    return a;
}

// The stamp of the corpus in the work directory: --reuse 1 keeps the store and the engine directories
// only when they hold this very corpus. It names the corpus version (bump it when MakeCorpus or the sets
// change) and its inputs.
std::string Stamp(const Args& a) {
    return "corpus v3 (passages within 4,800 bytes, injected sets in year " + std::to_string(kInjectedYear) +
           ", lemma set) docs=" + std::to_string(a.n) + " rurebus=" + a.rurebus;
}

// Makes the work directory; true when --reuse 1 may keep what is there.
bool PrepareWork(const Args& a) {
    auto stored_stamp = [&] {
        std::ifstream in(a.work + "/corpus-stamp");
        std::string line;
        std::getline(in, line);
        return line;
    };
    bool reusing = a.reuse && fs::exists(a.work + "/store.db") && stored_stamp() == Stamp(a);
    if (a.reuse && !reusing)
        std::cerr << "--reuse 1: " << a.work << " holds no store of this corpus; building everything\n";
    if (!reusing) fs::remove_all(a.work);
    fs::create_directories(a.work);
    return reusing;
}

// The corpus as published practices (the input of our layer).
Status FillStore(storage::Store& store, const std::vector<BenchDoc>& docs) {
    for (std::size_t i = 0; i < docs.size(); i += 1000) {
        auto st = store.Write([&](storage::WriteTx& tx) -> Status {
            for (std::size_t j = i; j < std::min(docs.size(), i + 1000); ++j) {
                domain::Practice p;
                p.title = docs[j].title;
                p.summary = docs[j].body;
                p.domains = {docs[j].domain};
                p.origin.region = docs[j].region;
                p.state = domain::ModerationState::kPublished;
                p.period.from = std::to_string(docs[j].year) + "-01-01";
                auto r = tx.Insert("practice", domain::ToJson(p).dump(), {}, static_cast<std::int64_t>(j + 1));
                if (!r.ok()) return r.error();
            }
            return Status::Ok();
        });
        if (!st.ok()) return st;
    }
    return Status::Ok();
}

constexpr Xapian::doccount kFacetBound = 5000;  // = search::Options::exact_count_bound

// Everything the engines' run functions refer to; not movable (they hold pointers into it).
struct Bench {
    Args args;
    bool reusing = false;
    std::vector<BenchDoc> docs;
    std::unique_ptr<storage::Store> store;
    std::vector<Engine> engines;
    std::unique_ptr<search::SearchIndex> ours;
    std::size_t ours_inexact = 0;  // answers ours flags as not matching the query as typed
    std::optional<Xapian::Database> xdb, xfdb;
    sqlite3* fdb = nullptr;
    sqlite3_stmt* fq = nullptr;
    sqlite3_stmt* ffacet = nullptr;
    sqlite3_stmt* fyear = nullptr;
    sqlite3_stmt* fcount = nullptr;
#ifdef ORIENTIR_BENCH_WITH_PG
    PGconn* pg = nullptr;
#endif

    Bench() = default;
    Bench(const Bench&) = delete;
    Bench& operator=(const Bench&) = delete;
    ~Bench() {
#ifdef ORIENTIR_BENCH_WITH_PG
        if (pg) PQfinish(pg);
#endif
        sqlite3_finalize(fq);
        sqlite3_finalize(ffacet);
        sqlite3_finalize(fyear);
        sqlite3_finalize(fcount);
        sqlite3_close(fdb);
    }
};

double Since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

bool AddOurs(Bench& b) {
    search::Options so;
    so.dir = b.args.work + "/ours";
    so.data_dir = b.args.data;
    auto t0 = Clock::now();
    bool reused = b.reusing && fs::exists(so.dir);
    auto ours_r = search::SearchIndex::Open(so, *b.store);
    if (!ours_r.ok()) {
        std::cerr << ours_r.error().message << "\n";
        return false;
    }
    b.ours = std::move(ours_r).value();
    Engine e_ours{"ours",         "ours (Xapian + layer, facets + snippets)", Since(t0), DirSize(so.dir), nullptr,
                  &b.ours_inexact};
    e_ours.reused = reused;
    e_ours.run = [&b](const BenchQuery& bq, int limit) {
        search::SearchQuery q;
        q.q = bq.q;
        q.limit = limit;
        q.facets = !bq.domain.empty();
        if (!bq.domain.empty()) q.domains = {bq.domain};
        if (!bq.year.empty()) q.years = {bq.year};
        std::vector<std::int64_t> ids;
        auto r = b.ours->Search(q);
        if (!r.ok()) return ids;
        // A relaxed answer (documents holding only some of the words) or one for an auto-corrected
        // query does not match the query as typed: the other engines AND every word and return
        // nothing there, so recall counts neither as found.
        if (r->relaxed || (r->suggestion && r->suggestion->applied)) {
            ++b.ours_inexact;
            return ids;
        }
        for (const auto& h : r->hits) ids.push_back(h.id);
        return ids;
    };
    b.engines.push_back(e_ours);
    return true;
}

// Bare Xapian: matching only (plus the domain counts bare Xapian always had).
void AddXapian(Bench& b) {
    std::string xdir = b.args.work + "/xapian";
    auto t0 = Clock::now();
    bool reused = b.reusing && fs::exists(xdir);
    if (!reused) BuildXapian(xdir, b.docs, false);
    b.xdb.emplace(xdir);
    Engine e_x{"xapian", "bare Xapian (matching only)", Since(t0), DirSize(xdir), nullptr};
    e_x.reused = reused;
    e_x.run = [db = &*b.xdb](const BenchQuery& bq, int limit) {
        Xapian::Enquire enq(*db);
        Xapian::ValueCountMatchSpy spy(kXSlotDomain);
        if (!bq.domain.empty()) enq.add_matchspy(&spy);
        enq.set_query(XapianQuery(*db, bq));
        auto ms = enq.get_mset(0, static_cast<Xapian::doccount>(limit), bq.domain.empty() ? 0 : kFacetBound);
        std::vector<std::int64_t> ids;
        for (auto it = ms.begin(); it != ms.end(); ++it) ids.push_back(std::stoll(it.get_document().get_data()));
        return ids;
    };
    b.engines.push_back(e_x);
}

// One query of Xapian alone doing our job: the same matching, plus snippets and 4 facets.
std::vector<std::int64_t> RunXapianFull(Xapian::Database& db, const Xapian::Stem& stem, const BenchQuery& bq,
                                        int limit) {
    Xapian::Enquire enq(db);
    enq.set_query(XapianQuery(db, bq));
    // Facet queries: every match up to the bound ours uses, counted per value slot.
    Xapian::ValueCountMatchSpy domain_spy(kXSlotDomain), region_spy(kXSlotRegion), year_spy(kXSlotYear),
        kind_spy(kXSlotKind);
    Xapian::ValueCountMatchSpy* spies[] = {&domain_spy, &region_spy, &year_spy, &kind_spy};
    bool facets = !bq.domain.empty();
    if (facets)
        for (auto* spy : spies) enq.add_matchspy(spy);
    auto ms = enq.get_mset(0, static_cast<Xapian::doccount>(limit), facets ? kFacetBound : 0);
    // Every hit: the stored passage and Xapian's own highlighted snippet of it.
    std::vector<std::int64_t> ids;
    std::vector<std::string> snippets;
    for (auto it = ms.begin(); it != ms.end(); ++it) {
        std::string doc_data = it.get_document().get_data();
        auto nl = doc_data.find('\n');
        ids.push_back(std::stoll(doc_data.substr(0, nl)));
        std::string passage = nl == std::string::npos ? std::string() : doc_data.substr(nl + 1);
        snippets.push_back(ms.snippet(passage, 240, stem,
                                      Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                      "<mark>", "</mark>", "…"));
    }
    // Facet lists as ours returns them: up to 100 values per facet, most frequent first.
    std::vector<std::pair<std::string, Xapian::doccount>> facet_values;
    if (facets)
        for (auto* spy : spies)
            for (auto v = spy->top_values_begin(100); v != spy->top_values_end(100); ++v)
                facet_values.emplace_back(*v, v.get_termfreq());
    return ids;
}

void AddXapianFull(Bench& b) {
    std::string xfdir = b.args.work + "/xapian_full";
    auto t0 = Clock::now();
    bool reused = b.reusing && fs::exists(xfdir);
    if (!reused) BuildXapian(xfdir, b.docs, true);
    b.xfdb.emplace(xfdir);
    Engine e_xf{"xapian_full", "Xapian alone doing our job (snippets + 4 facet spies)", Since(t0), DirSize(xfdir),
                nullptr};
    e_xf.reused = reused;
    e_xf.run = [db = &*b.xfdb, stem = Xapian::Stem("russian")](const BenchQuery& bq, int limit) {
        return RunXapianFull(*db, stem, bq, limit);
    };
    b.engines.push_back(e_xf);
}

// SQLite FTS5 over pre-stemmed text: the table and the statements the queries use.
void BuildFts5(Bench& b) {
    sqlite3* fdb = b.fdb;
    sqlite3_exec(fdb,
                 "PRAGMA journal_mode=WAL; CREATE VIRTUAL TABLE fts USING fts5(title, body, domain UNINDEXED, year "
                 "UNINDEXED);"
                 "BEGIN;",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(fdb, "INSERT INTO fts(rowid, title, body, domain, year) VALUES (?,?,?,?,?)", -1, &ins, nullptr);
    for (std::size_t i = 0; i < b.docs.size(); ++i) {
        auto t = PreStem(b.docs[i].title), body = PreStem(b.docs[i].body);
        sqlite3_bind_int64(ins, 1, static_cast<sqlite3_int64>(i + 1));
        sqlite3_bind_text(ins, 2, t.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, body.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 4, b.docs[i].domain.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 5, b.docs[i].year);
        sqlite3_step(ins);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    sqlite3_exec(fdb, "COMMIT; INSERT INTO fts(fts) VALUES('optimize');", nullptr, nullptr, nullptr);
}

void PrepareFts5(Bench& b) {
    sqlite3* fdb = b.fdb;
    sqlite3_prepare_v2(fdb, "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 3.0, 1.0) LIMIT ?", -1, &b.fq,
                       nullptr);
    sqlite3_prepare_v2(fdb,
                       "SELECT rowid FROM fts WHERE fts MATCH ? AND domain = ? ORDER BY bm25(fts, 3.0, 1.0) LIMIT ?",
                       -1, &b.ffacet, nullptr);
    sqlite3_prepare_v2(fdb, "SELECT rowid FROM fts WHERE fts MATCH ? AND year = ? ORDER BY bm25(fts, 3.0, 1.0) LIMIT ?",
                       -1, &b.fyear, nullptr);
    sqlite3_prepare_v2(fdb, "SELECT domain, count(*) FROM fts WHERE fts MATCH ? AND domain = ? GROUP BY domain", -1,
                       &b.fcount, nullptr);
}

std::vector<std::int64_t> RunFts5(Bench& b, const BenchQuery& bq, int limit) {
    if (!bq.domain.empty() && !bq.year.empty())
        throw std::logic_error("fts5: no statement for domain and year together");
    std::vector<std::int64_t> ids;
    auto m = Fts5Query(bq.q);
    sqlite3_stmt* s = !bq.domain.empty() ? b.ffacet : !bq.year.empty() ? b.fyear : b.fq;
    sqlite3_bind_text(s, 1, m.c_str(), -1, SQLITE_TRANSIENT);
    int pi = 2;
    if (!bq.domain.empty()) sqlite3_bind_text(s, pi++, bq.domain.c_str(), -1, SQLITE_TRANSIENT);
    if (!bq.year.empty()) sqlite3_bind_int(s, pi++, std::stoi(bq.year));
    sqlite3_bind_int(s, pi, limit);
    while (sqlite3_step(s) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(s, 0));
    sqlite3_reset(s);
    if (!bq.domain.empty()) {  // facet counts, as ours computes them
        sqlite3_bind_text(b.fcount, 1, m.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(b.fcount, 2, bq.domain.c_str(), -1, SQLITE_TRANSIENT);
        while (sqlite3_step(b.fcount) == SQLITE_ROW) {
        }
        sqlite3_reset(b.fcount);
    }
    return ids;
}

void AddFts5(Bench& b) {
    std::string fpath = b.args.work + "/fts5.db";
    fs::remove(fpath);
    sqlite3_open(fpath.c_str(), &b.fdb);
    auto t0 = Clock::now();
    BuildFts5(b);
    Engine e_f{"fts5", "SQLite FTS5 (pre-stemmed, bm25)", Since(t0), 0, nullptr};
    sqlite3_exec(b.fdb, "PRAGMA wal_checkpoint(TRUNCATE);", nullptr, nullptr, nullptr);
    e_f.size = DirSize(fpath);
    PrepareFts5(b);
    e_f.run = [&b](const BenchQuery& bq, int limit) { return RunFts5(b, bq, limit); };
    b.engines.push_back(e_f);
}

#ifdef ORIENTIR_BENCH_WITH_PG
void PgExec(PGconn* pg, const std::string& sql) {
    PGresult* r = PQexec(pg, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        std::cerr << "pg: " << PQerrorMessage(pg);
    PQclear(r);
}

std::vector<std::int64_t> RunPg(PGconn* pg, const BenchQuery& bq, int limit) {
    // websearch_to_tsquery: words ANDed, "phrases" as phrases — the same semantics as ours.
    std::string lim = std::to_string(limit);
    std::vector<std::int64_t> ids;
    PGresult* r;
    if (!bq.domain.empty()) {
        const char* params[3] = {bq.q.c_str(), bq.domain.c_str(), lim.c_str()};
        r = PQexecParams(
            pg,
            "SELECT id FROM bench_docs, websearch_to_tsquery('russian', $1) q WHERE tsv @@ q AND domain = $2 "
            "ORDER BY ts_rank(tsv, q) DESC LIMIT $3::int",
            3, nullptr, params, nullptr, nullptr, 0);
        PGresult* c = PQexecParams(pg,
                                   "SELECT domain, count(*) FROM bench_docs, websearch_to_tsquery('russian', $1) q "
                                   "WHERE tsv @@ q AND domain = $2 GROUP BY domain",
                                   2, nullptr, params, nullptr, nullptr, 0);
        PQclear(c);
    } else if (!bq.year.empty()) {
        const char* params[3] = {bq.q.c_str(), bq.year.c_str(), lim.c_str()};
        r = PQexecParams(pg,
                         "SELECT id FROM bench_docs, websearch_to_tsquery('russian', $1) q WHERE tsv @@ q AND "
                         "year = $2::int "
                         "ORDER BY ts_rank(tsv, q) DESC LIMIT $3::int",
                         3, nullptr, params, nullptr, nullptr, 0);
    } else {
        const char* params[2] = {bq.q.c_str(), lim.c_str()};
        r = PQexecParams(pg,
                         "SELECT id FROM bench_docs, websearch_to_tsquery('russian', $1) q WHERE tsv @@ q "
                         "ORDER BY ts_rank(tsv, q) DESC LIMIT $2::int",
                         2, nullptr, params, nullptr, nullptr, 0);
    }
    for (int i = 0; i < PQntuples(r); ++i) ids.push_back(std::stoll(PQgetvalue(r, i, 0)));
    PQclear(r);
    return ids;
}

// PostgreSQL FTS, when ORIENTIR_BENCH_PG_DSN names a server.
void AddPg(Bench& b) {
    const char* dsn = std::getenv("ORIENTIR_BENCH_PG_DSN");
    if (!dsn || !*dsn || !b.args.Wanted("pg")) return;
    b.pg = PQconnectdb(dsn);
    if (PQstatus(b.pg) != CONNECTION_OK) {
        std::cerr << "pg: " << PQerrorMessage(b.pg);
        PQfinish(b.pg);
        b.pg = nullptr;
        return;
    }
    PGconn* pg = b.pg;
    PgExec(pg, "DROP TABLE IF EXISTS bench_docs");
    PgExec(pg,
           "CREATE TABLE bench_docs (id bigint primary key, title text, body text, domain text, year int, tsv "
           "tsvector)");
    auto t0 = Clock::now();
    PgExec(pg, "BEGIN");
    for (std::size_t i = 0; i < b.docs.size(); ++i) {
        const auto& d = b.docs[i];
        std::string id = std::to_string(i + 1), year = std::to_string(d.year);
        const char* params[5] = {id.c_str(), d.title.c_str(), d.body.c_str(), d.domain.c_str(), year.c_str()};
        PGresult* r = PQexecParams(pg,
                                   "INSERT INTO bench_docs VALUES ($1::bigint, $2, $3, $4, $5::int, "
                                   "setweight(to_tsvector('russian', $2), 'A') || to_tsvector('russian', $3))",
                                   5, nullptr, params, nullptr, nullptr, 0);
        PQclear(r);
    }
    PgExec(pg, "COMMIT");
    PgExec(pg, "CREATE INDEX bench_docs_tsv ON bench_docs USING gin(tsv)");
    PgExec(pg, "CREATE INDEX bench_docs_domain ON bench_docs(domain)");
    PgExec(pg, "ANALYZE bench_docs");
    Engine e_p{"pg", "PostgreSQL FTS (russian, GIN, ts_rank)", Since(t0), 0, nullptr};
    PGresult* sz = PQexec(pg, "SELECT pg_total_relation_size('bench_docs')");
    if (PQresultStatus(sz) == PGRES_TUPLES_OK) e_p.size = std::stoull(PQgetvalue(sz, 0, 0));
    PQclear(sz);
    e_p.run = [pg](const BenchQuery& bq, int limit) { return RunPg(pg, bq, limit); };
    b.engines.push_back(e_p);
}
#endif

// Latency, interleaved: every query runs on every engine in turn, so a slow spell of a shared, noisy
// machine falls on all engines alike and the ratios between them hold. Per engine: all queries, and
// those with facets.
void MeasureLatency(Bench& b, std::vector<Stats>& all_of, std::vector<Stats>& facets_of) {
    all_of.assign(b.engines.size(), {});
    facets_of.assign(b.engines.size(), {});
    for (auto& e : b.engines)
        for (const auto& q : kQueries) e.run(q, 20);  // warm-up
    for (int r = 0; r < b.args.reps; ++r)
        for (const auto& q : kQueries)
            for (std::size_t ei = 0; ei < b.engines.size(); ++ei) {
                auto s = Clock::now();
                b.engines[ei].run(q, 20);
                double ms = std::chrono::duration<double, std::milli>(Clock::now() - s).count();
                all_of[ei].ms.push_back(ms);
                if (!q.domain.empty()) facets_of[ei].ms.push_back(ms);
            }
}

// Median per query, to see which ones cost (ORIENTIR_BENCH_PER_QUERY).
void PrintPerQuery(const Engine& e, const Stats& all, int reps) {
    for (std::size_t qi = 0; qi < kQueries.size(); ++qi) {
        Stats one;
        for (int r = 0; r < reps; ++r) one.ms.push_back(all.ms[static_cast<std::size_t>(r) * kQueries.size() + qi]);
        std::fprintf(stderr, "%-40s %-22s %7.2f ms\n", e.name.substr(0, 40).c_str(),
                     (kQueries[qi].q + (kQueries[qi].domain.empty() ? "" : " [" + kQueries[qi].domain + "]")).c_str(),
                     one.Pct(0.5));
    }
}

// Relevant documents of an item: those whose title holds one of its doc forms.
//   filtered (“recall”): the query restricted to kInjectedYear, limit 100 — more than all injected
//     documents together, so every match is seen: did the analysis match the forms at all;
//   unfiltered (“recall@100”): the query over the whole corpus, among the first 100 hits — ranking counts.
double Recall(Engine& e, const std::vector<BenchDoc>& docs, const std::vector<MorphItem>& set, bool filtered,
              bool per_query) {
    std::size_t found = 0, total = 0;
    for (const auto& m : set) {
        std::set<std::int64_t> relevant;
        for (std::size_t i = 0; i < docs.size(); ++i)
            for (const auto& f : m.doc_forms)
                if (docs[i].title == "Опыт " + f) relevant.insert(static_cast<std::int64_t>(i + 1));
        std::size_t inexact_before = e.inexact ? *e.inexact : 0;
        auto ids = e.run(BenchQuery{m.query, "", filtered ? std::to_string(kInjectedYear) : ""}, 100);
        if (e.inexact && *e.inexact != inexact_before)
            std::cerr << e.key << ": «" << m.query << "»" << (filtered ? " (year filter)" : "")
                      << ": relaxed or auto-corrected answer, not counted as found\n";
        std::size_t item_found = 0;
        for (auto id : relevant) item_found += std::count(ids.begin(), ids.end(), id) > 0;
        if (per_query)
            std::fprintf(stderr, "%-12s %-10s %zu/%zu  %s\n", e.key.c_str(), filtered ? "recall" : "recall@100",
                         item_found, relevant.size(), m.query.c_str());
        found += item_found;
        total += relevant.size();
    }
    return total ? static_cast<double>(found) / static_cast<double>(total) : 0.0;
}

void PrintEngineRow(Bench& b, Engine& e, const Stats& all, const Stats& facets) {
    bool per_query = std::getenv("ORIENTIR_BENCH_PER_QUERY") != nullptr;
    if (per_query) PrintPerQuery(e, all, b.args.reps);
    double mr = Recall(e, b.docs, kMorph, true, per_query), mr100 = Recall(e, b.docs, kMorph, false, per_query);
    double sr = Recall(e, b.docs, kSynonyms, true, per_query), sr100 = Recall(e, b.docs, kSynonyms, false, per_query);
    double lr = Recall(e, b.docs, kLemma, true, per_query), lr100 = Recall(e, b.docs, kLemma, false, per_query);
    char build[64] = "reused | —";
    if (!e.reused)
        std::snprintf(build, sizeof build, "%.1f | %.0f", e.build_s, static_cast<double>(b.docs.size()) / e.build_s);
    std::printf("| %s | %s | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n",
                e.name.c_str(), build, static_cast<double>(e.size) / 1e6, all.Pct(0.5), all.Pct(0.95), all.Pct(0.99),
                facets.Pct(0.95), mr, mr100, sr, sr100, lr, lr100);
    std::fflush(stdout);
}

// Ratios of ours to each other engine, from the same interleaved run.
void PrintRatios(const std::vector<Engine>& engines, const std::vector<Stats>& all_of,
                 const std::vector<Stats>& facets_of) {
    std::size_t ours_i = engines.size();
    for (std::size_t ei = 0; ei < engines.size(); ++ei)
        if (engines[ei].key == "ours") ours_i = ei;
    if (ours_i == engines.size()) return;
    std::printf("\n| ours ÷ engine | p50 | p95 | p99 | p95 with facets |\n|---|---|---|---|---|\n");
    auto ratio = [](const Stats& a, const Stats& b, double p) { return b.Pct(p) > 0 ? a.Pct(p) / b.Pct(p) : 0.0; };
    for (std::size_t ei = 0; ei < engines.size(); ++ei) {
        if (ei == ours_i) continue;
        std::printf("| %s | %.2f | %.2f | %.2f | %.2f |\n", engines[ei].name.c_str(),
                    ratio(all_of[ours_i], all_of[ei], 0.5), ratio(all_of[ours_i], all_of[ei], 0.95),
                    ratio(all_of[ours_i], all_of[ei], 0.99), ratio(facets_of[ours_i], facets_of[ei], 0.95));
    }
}

}  // namespace

int main(int argc, char** argv) {
    Bench b;
    b.args = ParseArgs(argc, argv);
    b.reusing = PrepareWork(b.args);
    ReportSets();
    std::mt19937 rng(42);
    b.docs = MakeCorpus(b.args.rurebus, b.args.n, rng);
    std::cerr << "corpus: " << b.docs.size() << " documents\n";

    storage::SqliteOptions so;
    so.path = b.args.work + "/store.db";
    so.synchronous_full = false;
    auto store_r = storage::OpenSqliteStore(so);
    if (!store_r.ok()) return 1;
    b.store = std::move(store_r).value();
    if (!b.reusing)
        if (auto st = FillStore(*b.store, b.docs); !st.ok()) {
            std::cerr << st.error().message << "\n";
            return 1;
        }
    if (!b.reusing) std::ofstream(b.args.work + "/corpus-stamp") << Stamp(b.args) << "\n";

    if (b.args.Wanted("ours") && !AddOurs(b)) return 1;
    if (b.args.Wanted("xapian")) AddXapian(b);
    if (b.args.Wanted("xapian_full")) AddXapianFull(b);
    if (b.args.Wanted("fts5")) AddFts5(b);
#ifdef ORIENTIR_BENCH_WITH_PG
    AddPg(b);
#endif

    std::printf("\n## Search benchmark: %zu documents, %zu queries x %d repetitions\n\n", b.docs.size(),
                kQueries.size(), b.args.reps);
    std::printf(
        "| engine | build s | docs/s | index size MB | p50 ms | p95 ms | p99 ms | p95 with facets ms "
        "| morphology recall | morphology recall@100 | synonym recall | synonym recall@100 "
        "| lemma recall | lemma recall@100 |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    std::vector<Stats> all_of, facets_of;
    MeasureLatency(b, all_of, facets_of);
    for (std::size_t ei = 0; ei < b.engines.size(); ++ei) PrintEngineRow(b, b.engines[ei], all_of[ei], facets_of[ei]);
    PrintRatios(b.engines, all_of, facets_of);
    return 0;
}
