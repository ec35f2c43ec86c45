// extract_eval: scores the Extractor against annotated corpora and measures its speed.
//   extract_eval --data DIR [--nerel DIR] [--factru DIR] [--golden DIR] [--json FILE] (ParseArgs: all options)
// NEREL (BRAT): PERSON→person, ORGANIZATION→organisation, CITY→municipality (and federal cities),
// STATE_OR_PROVINCE→region, COUNTRY→country; exact span match. Adjectival place mentions
// («российских», «московского») are scored, as NEREL annotates them as locations too; --no-adjectives
// leaves them out. factRuEval Occupation: (who, position) pairs, where a predicted person matches when it
// contains the gold surname and a predicted position when its head word has the gold head's stem; "where"
// is scored separately on matched pairs. Facts are per document, as in factRuEval: a prediction repeating
// an already matched pair is not counted.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "common/progress.hpp"
#include "common/strings.hpp"
#include "extract/corpus_files.hpp"
#include "extract/eval_positions.hpp"
#include "extract/extractor.hpp"
#include "extract/golden.hpp"
#include "extract/input.hpp"
#include "extract/tagger.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace fs = std::filesystem;
using namespace orientir;
using namespace orientir::extract;

namespace {

struct Prf {
    long tp = 0, fp = 0, fn = 0;
    void Print(const std::string& name) const {
        double p = tp + fp ? double(tp) / double(tp + fp) : 0, r = tp + fn ? double(tp) / double(tp + fn) : 0;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
        std::printf("%-14s P=%.3f R=%.3f F1=%.3f  (tp=%ld fp=%ld fn=%ld)\n", name.c_str(), p, r, f, tp, fp, fn);
    }
};

std::string EvalType(const Mention& m) {
    switch (m.kind) {
        case MentionKind::kPerson:
            return "PER";
        case MentionKind::kOrganisation:
            return "ORG";
        case MentionKind::kCountry:
            return "COUNTRY";
        case MentionKind::kRegion:
            return m.ref && m.ref->federal_city ? "CITY" : "STATE";
        case MentionKind::kMunicipality:
            return "CITY";
        default:
            return "";
    }
}

// CPU time of this thread: the per-core cost even when the machine is shared with other jobs.
double ThreadSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

constexpr bool g_normal_skip_patronymic = true;

// Figures against the targets, gathered by the evaluations and printed last.
struct Target {
    std::string name, where;
    double value = -1, goal = 0;
    bool at_most = false;
};
std::vector<Target> g_targets;
void Record(const std::string& name, const std::string& where, double value, double goal, bool at_most = false) {
    g_targets.push_back(Target{name, where, value, goal, at_most});
}
double F1Of(const Prf& p) {
    double pr = p.tp + p.fp ? double(p.tp) / double(p.tp + p.fp) : 0,
           r = p.tp + p.fn ? double(p.tp) / double(p.tp + p.fn) : 0;
    return pr + r > 0 ? 2 * pr * r / (pr + r) : 0;
}
std::string g_split = "all";  // all | dev | train (see detail::IsDevDocument)

bool InSplit(const fs::path& p) {
    if (g_split == "all") return true;
    bool dev = detail::IsDevDocument(p.filename().string());
    return g_split == "dev" ? dev : !dev;
}

void EvalNerel(const Extractor& ex, const fs::path& dir, bool errors, bool with_adjectives) {
    std::map<std::string, std::string> map = {{"PERSON", "PER"},
                                              {"ORGANIZATION", "ORG"},
                                              {"CITY", "CITY"},
                                              {"STATE_OR_PROVINCE", "STATE"},
                                              {"COUNTRY", "COUNTRY"}};
    std::map<std::string, Prf> prf;
    Prf loc;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".txt" && InSplit(e.path())) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    long chars = 0;
    double seconds = 0, cpu = 0;
    Progress progress("NEREL documents", files.size());  // stderr; the report is stdout
    NerelPositions positions;
    for (const auto& f : files) {
        progress.Add();
        std::string txt = ReadAll(f);
        std::set<std::tuple<int, int, std::string>> gold, pred;
        std::set<std::pair<int, int>> gold_loc, pred_loc;
        std::string ann_text = ReadAll(fs::path(f).replace_extension(".ann"));
        for (const auto& e : ReadBratEntities(ann_text)) {
            auto type = map.find(e.type);
            if (!e.contiguous || type == map.end()) continue;
            gold.emplace(e.start, e.end, type->second);
            if (type->second != "PER" && type->second != "ORG") gold_loc.emplace(e.start, e.end);
        }
        auto t0 = std::chrono::steady_clock::now();
        double c0 = ThreadSeconds();
        auto r = ex.Extract(txt);
        cpu += ThreadSeconds() - c0;
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        chars += text::CodePointLength(txt);
        positions.Add(f.filename().string(), txt, ann_text, r, errors);
        for (const auto& m : r.mentions) {
            if (m.adjectival && !with_adjectives) continue;
            std::string t = EvalType(m);
            if (t.empty()) continue;
            pred.emplace(m.start, m.end, t);
            if (t != "PER" && t != "ORG") pred_loc.emplace(m.start, m.end);
        }
        for (const auto& g : gold) {
            if (pred.count(g))
                prf[std::get<2>(g)].tp++;
            else {
                prf[std::get<2>(g)].fn++;
                if (errors)
                    std::printf("FN %s %s [%s]\n", f.filename().c_str(), std::get<2>(g).c_str(),
                                text::SubstrCodePoints(txt, std::get<0>(g), std::get<1>(g)).c_str());
            }
        }
        for (const auto& p : pred)
            if (!gold.count(p)) {
                prf[std::get<2>(p)].fp++;
                if (errors)
                    std::printf("FP %s %s [%s]\n", f.filename().c_str(), std::get<2>(p).c_str(),
                                text::SubstrCodePoints(txt, std::get<0>(p), std::get<1>(p)).c_str());
            }
        for (const auto& g : gold_loc) (pred_loc.count(g) ? loc.tp : loc.fn)++;
        for (const auto& p : pred_loc)
            if (!gold_loc.count(p)) loc.fp++;
    }
    progress.Finish();
    std::printf("NEREL %s (split %s): %zu documents, %ld characters\n", dir.c_str(), g_split.c_str(), files.size(),
                chars);
    for (auto& [k, v] : prf) v.Print(k);
    loc.Print("LOC(any)");
    positions.Print();
    std::string where = fs::path(dir).filename().string() + (g_split == "all" ? "" : " " + g_split);
    Record("PER exact-span F1", where, F1Of(prf["PER"]), 0.94);
    Record("LOC exact-span F1", where, F1Of(loc), 0.88);
    Record("ORG exact-span F1", where, F1Of(prf["ORG"]), 0.75);
    Record("position F1 (person+post)", where, positions.F1(), 0.80);
    Record("articles/s per core (NEREL)", where, double(files.size()) / cpu, 250);
    std::printf(
        "speed: %.1f articles/s per CPU-second (%.0f chars/s), %.1f articles/s wall clock (one thread, facts on)\n",
        double(files.size()) / cpu, double(chars) / cpu, double(files.size()) / seconds);
}

struct FactRuGold {
    std::string surname, pos_stem, where;
    std::set<std::string> name_words;  // the annotators' normal form of the person («лужков юрий»)
};

// The Occupation facts of one factRuEval document (its .spans and .facts files).
std::vector<FactRuGold> ReadFactRuGold(const fs::path& f, const std::string& txt) {
    std::map<std::string, std::pair<int, int>> spans;  // keyed as the .facts file names them: «span12»
    for (const auto& [id, range] : ReadFactRuSpans(f)) spans["span" + id] = range;
    std::string line;
    std::vector<FactRuGold> gold;
    std::istringstream fa(ReadAll(fs::path(f).replace_extension(".facts")));
    std::vector<std::string> block;
    auto flush = [&] {
        if (block.empty() || block[0].find("Occupation") == std::string::npos) {
            block.clear();
            return;
        }
        FactRuGold g;
        for (const auto& l : block) {
            std::istringstream ls(l);
            std::string role, id;
            ls >> role >> id;
            std::string rest;
            std::getline(ls, rest);
            rest = std::string(Trim(rest));
            if (role == "Who") {
                g.surname = text::Fold(Split(Split(rest, '|')[0], ' ')[0]);
                for (const auto& t : text::Tokenize(Split(rest, '|')[0]))
                    if (t.is_word) g.name_words.insert(t.folded);
            }
            if (role == "Position" && spans.count(id)) {
                auto [b, e] = spans[id];
                auto toks = text::Tokenize(text::SubstrCodePoints(txt, b, e));
                std::string head;
                for (const auto& t : toks)
                    if (t.is_word) {
                        head = text::Stem(t.text);
                        if (head.size() > 6) break;
                    }
                g.pos_stem = head;
            }
            if (role == "Where") g.where = text::Fold(rest);
        }
        if (!g.surname.empty() && !g.pos_stem.empty()) gold.push_back(g);
        block.clear();
    };
    while (std::getline(fa, line)) {
        if (Trim(line).empty())
            flush();
        else
            block.push_back(line);
    }
    flush();
    return gold;
}

// On a matched pair: is the person's normal form the annotators' name? Every name word (initials and
// patronymics aside, which the annotators leave out) is one of theirs; they sometimes leave the first name
// out, so the smaller set must lie in the other.
bool NormalMatches(const Mention& pm, const FactRuGold& g) {
    std::set<std::string> mine;
    for (const auto& t : text::Tokenize(pm.normal.empty() ? pm.text : pm.normal)) {
        if (!t.is_word || text::CodePointLength(t.text) <= 1) continue;
        if (g_normal_skip_patronymic && t.folded.size() > 8 &&
            (t.folded.ends_with("вич") || t.folded.ends_with("вна") || t.folded.ends_with("ична")) &&
            !g.name_words.count(t.folded))
            continue;
        mine.insert(t.folded);
    }
    std::size_t common = 0;
    for (const auto& w : mine) common += g.name_words.count(w);
    return !mine.empty() && common == std::min(mine.size(), g.name_words.size());
}

// factRuEval: spans file maps span id → (start, len); facts file lists Occupation with Who/Position.
void EvalFactRu(const Extractor& ex, const fs::path& dir, bool errors) {
    Prf pairs, where;
    long normal_ok = 0, normal_total = 0;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    double seconds = 0;
    Progress progress("factRuEval documents", files.size());  // stderr; the report is stdout
    for (const auto& f : files) {
        progress.Add();
        std::string txt = ReadAll(f);
        auto gold = ReadFactRuGold(f, txt);
        double c0 = ThreadSeconds();
        auto r = ex.Extract(txt);
        seconds += ThreadSeconds() - c0;
        std::vector<bool> used(gold.size());
        for (const auto& fact : r.facts) {
            if (fact.kind != FactKind::kPosition || !fact.person || !fact.position) continue;
            std::string person = text::Fold(r.mentions[*fact.person].text);
            std::string pos_text = r.mentions[*fact.position].text;
            std::set<std::string> stems;
            for (const auto& t : text::Tokenize(pos_text))
                if (t.is_word) stems.insert(text::Stem(t.text));
            bool hit = false, repeat = false;
            for (std::size_t g = 0; g < gold.size() && !hit; ++g) {
                if (used[g]) {
                    // factRuEval facts are per document: a repeated pair is neither right nor wrong again
                    repeat = repeat || (person.find(text::Stem(gold[g].surname)) != std::string::npos &&
                                        stems.count(gold[g].pos_stem));
                    continue;
                }
                if (person.find(text::Stem(gold[g].surname)) == std::string::npos) continue;
                if (!stems.count(gold[g].pos_stem)) continue;
                used[g] = hit = true;
                ++normal_total;
                if (NormalMatches(r.mentions[*fact.person], gold[g]))
                    ++normal_ok;
                else if (errors)
                    std::printf("NORMAL %s [%s] gold [%s]\n", f.filename().c_str(),
                                r.mentions[*fact.person].normal.c_str(), gold[g].surname.c_str());
                std::optional<std::size_t> w = fact.organisation ? fact.organisation : fact.place;
                if (w && !gold[g].where.empty()) {
                    std::string ws = text::Stem(Split(text::Fold(r.mentions[*w].text), ' ').back());
                    (gold[g].where.find(ws.substr(0, std::min<std::size_t>(ws.size(), 8))) != std::string::npos
                         ? where.tp
                         : where.fp)++;
                } else if (!gold[g].where.empty()) {
                    where.fn++;
                }
            }
            if (hit)
                pairs.tp++;
            else if (repeat)
                continue;
            else {
                pairs.fp++;
                if (errors) std::printf("FP %s [%s] [%s]\n", f.filename().c_str(), person.c_str(), pos_text.c_str());
            }
        }
        for (std::size_t g = 0; g < gold.size(); ++g)
            if (!used[g]) {
                pairs.fn++;
                if (errors)
                    std::printf("FN %s [%s] [%s]\n", f.filename().c_str(), gold[g].surname.c_str(),
                                gold[g].pos_stem.c_str());
            }
    }
    progress.Finish();
    std::printf("factRuEval %s: %zu documents\n", dir.c_str(), files.size());
    pairs.Print("Occupation");
    where.Print("  +where");
    std::printf("%-14s %.3f  (%ld of %ld matched persons: normal form = the annotators' name)\n", "person normal",
                normal_total ? double(normal_ok) / double(normal_total) : 0, normal_ok, normal_total);
    Record("Occupation (person, post) F1", "factru-dev", F1Of(pairs), 0.80);
    Record("person normal = annotators' name", "factru-dev",
           normal_total ? double(normal_ok) / double(normal_total) : 0, 0.90);
    std::printf("speed: %.1f articles/s per CPU-second (one thread, facts on)\n", double(files.size()) / seconds);
}

// Every adoption fact proposed on the .txt files of `dir`, one line each, for reading (precision on
// news that reports no borrowing, such as NEREL, should be near zero facts).
void DumpAdoptions(const Extractor& ex, const std::string& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    long facts = 0;
    for (const auto& f : files) {
        auto t = PrepareText(ReadAll(f));
        if (!t.ok()) continue;
        auto r = ex.Extract(*t);
        auto name = [&](const std::optional<std::size_t>& i) {
            return i ? (r.mentions[*i].normal.empty() ? r.mentions[*i].text : r.mentions[*i].normal) : std::string("-");
        };
        for (const auto& fact : r.facts) {
            if (fact.kind != FactKind::kAdoption) continue;
            ++facts;
            std::printf("%s | %s <- %s | %s | %s || %s\n", f.filename().c_str(), name(fact.adopter).c_str(),
                        name(fact.source).c_str(), fact.practice_text.c_str(),
                        std::string(domain::Code(fact.stage)).c_str(), fact.evidence.text.c_str());
        }
    }
    std::printf("adoption facts: %ld in %zu documents\n", facts, files.size());
}

// The project's own regional-news golden set (src/extract/testdata): adoption, position, period, normal.
void EvalGolden(const Extractor& ex, const std::string& dir, bool errors) {
    GoldenScore s = ScoreGoldenDir(ex, dir);
    if (errors)
        for (const auto& e : s.errors) std::printf("  %s\n", e.c_str());
    std::printf("golden set %s: %ld documents (written for this project; rules were developed on it)\n", dir.c_str(),
                s.documents);
    std::printf("%-14s P=%.3f R=%.3f F1=%.3f  (tp=%ld fp=%ld fn=%ld)  practice right %ld/%ld, stage right %ld/%ld\n",
                "Adoption",
                s.adoption_tp + s.adoption_fp ? double(s.adoption_tp) / double(s.adoption_tp + s.adoption_fp) : 0,
                s.adoption_tp + s.adoption_fn ? double(s.adoption_tp) / double(s.adoption_tp + s.adoption_fn) : 0,
                s.AdoptionF1(), s.adoption_tp, s.adoption_fp, s.adoption_fn, s.practice_ok, s.adoption_tp, s.stage_ok,
                s.adoption_tp);
    std::printf("%-14s P=%.3f R=%.3f F1=%.3f  (tp=%ld fp=%ld fn=%ld)  period right %ld/%ld\n", "Position",
                s.position_tp + s.position_fp ? double(s.position_tp) / double(s.position_tp + s.position_fp) : 0,
                s.position_tp + s.position_fn ? double(s.position_tp) / double(s.position_tp + s.position_fn) : 0,
                s.PositionF1(), s.position_tp, s.position_fp, s.position_fn, s.period_ok, s.position_tp);
    std::printf("%-14s %ld/%ld\n", "Normal forms", s.normal_ok, s.normal_total);
    auto a = s.CuratorView();
    auto share = [](long n, long d) { return d ? 100.0 * double(n) / double(d) : 0.0; };
    std::printf(
        "%-14s of %ld proposed: accepted as proposed %ld (%.0f %%), corrected %ld (%.0f %%), rejected %ld "
        "(%.0f %%); of %ld expected: never proposed %ld (%.0f %%)\n",
        "Curator", a.proposed, a.unchanged, share(a.unchanged, a.proposed), a.corrected, share(a.corrected, a.proposed),
        a.rejected, share(a.rejected, a.proposed), a.expected, a.never_proposed, share(a.never_proposed, a.expected));
    Record("adoption F1 (adopter+source)", "golden", s.AdoptionF1(), 0.60);
    Record("position F1 (person+post)", "golden", s.PositionF1(), 0.80);
    Record("period right on matched", "golden", s.position_tp ? double(s.period_ok) / double(s.position_tp) : 0, 0.95);
}

struct Options {
    std::string data = "data", nerel, factru, json, golden, dump, model, inner_model;
    bool errors = false, no_adjectives = false, no_tagger = false, no_ranker = false;
};

// The command line; nothing when an argument is unknown (the usage is printed).
std::optional<Options> ParseArgs(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        const std::pair<const char*, std::string*> kValues[] = {
            {"--data", &o.data},   {"--nerel", &o.nerel},   {"--factru", &o.factru},
            {"--json", &o.json},   {"--golden", &o.golden}, {"--dump-adoptions", &o.dump},
            {"--split", &g_split}, {"--model", &o.model},   {"--inner-model", &o.inner_model}};
        const std::pair<const char*, bool*> kFlags[] = {{"--errors", &o.errors},
                                                        {"--no-adjectives", &o.no_adjectives},
                                                        {"--no-tagger", &o.no_tagger},
                                                        {"--no-ranker", &o.no_ranker}};
        bool known = false;
        for (const auto& [flag, value] : kValues)
            if (a == flag) {
                *value = next();
                known = true;
            }
        for (const auto& [flag, value] : kFlags)
            if (a == flag) {
                *value = true;
                known = true;
            }
        if (!known) {
            std::fprintf(stderr,
                         "usage: extract_eval --data DIR [--nerel DIR] [--factru DIR] [--golden DIR] "
                         "[--dump-adoptions DIR] [--json FILE] [--errors] [--split all|dev|train] "
                         "[--no-tagger] [--no-ranker] [--no-adjectives] [--model FILE] [--inner-model FILE]\n");
            return std::nullopt;
        }
    }
    return o;
}

// Model files instead of the embedded ones (trying out extract_train output); false when one is no model.
bool UseModelFiles(const Options& o) {
    for (const auto& [file, inner] : {std::pair{o.model, false}, std::pair{o.inner_model, true}}) {
        if (file.empty()) continue;
        bool exists = std::filesystem::is_regular_file(file);
        auto t = exists ? detail::Tagger::FromBytes(ReadAll(file)) : nullptr;
        if (!t) {
            std::fprintf(stderr, "%s: %s\n", file.c_str(), exists ? "not a tagger model" : "no such model file");
            return false;
        }
        detail::Tagger::ReplaceEmbeddedForTools(std::move(t), inner);
    }
    return true;
}

// Loads both models and records the time it took.
void MeasureModelLoad(const Options& o) {
    double c0 = ThreadSeconds();
    auto t0 = std::chrono::steady_clock::now();
    (void)detail::Tagger::Embedded();
    (void)detail::Tagger::EmbeddedInner();
    double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!o.nerel.empty() || !o.factru.empty() || !o.golden.empty())
        Record("model load, s", "embedded", std::max(load, ThreadSeconds() - c0), 1.0, true);
}

// The extraction of one file («-»: standard input) as JSON; false when the text cannot be prepared.
bool PrintJson(const Extractor& ex, const std::string& json) {
    auto t = PrepareText(json == "-" ? std::string(std::istreambuf_iterator<char>(std::cin), {}) : ReadAll(json));
    if (!t.ok()) {
        std::fprintf(stderr, "%s\n", t.error().message.c_str());
        return false;
    }
    std::cout << ToJson(ex.Extract(*t)).dump(2) << "\n";
    return true;
}

void PrintTargets() {
    if (g_targets.empty()) return;
    std::printf("\ntargets (issue 12)                  data          value   goal\n");
    for (const auto& t : g_targets)
        std::printf("  %-34s %-12s %7.3f  %s %.2f  %s\n", t.name.c_str(), t.where.c_str(), t.value,
                    t.at_most ? "<=" : ">=", t.goal,
                    (t.at_most ? t.value <= t.goal : t.value >= t.goal) ? "met" : "NOT met");
}

}  // namespace

int main(int argc, char** argv) {
    auto o = ParseArgs(argc, argv);
    if (!o) return 2;
    auto g = LoadReferenceGazetteer(o->data);
    if (!g.ok()) {
        std::fprintf(stderr, "gazetteer: %s\n", g.error().message.c_str());
        return 1;
    }
    if (!text::Lemmatizer::Default().has_dictionary())
        std::fprintf(stderr, "note: %s\n", text::Lemmatizer::Default().status().c_str());
    if (!UseModelFiles(*o)) return 1;
    MeasureModelLoad(*o);
    ExtractorOptions options;
    options.tagger = !o->no_tagger;
    options.ranker = !o->no_ranker;
    if (options.tagger && !detail::Tagger::Embedded()) std::fprintf(stderr, "note: no tagger model in this build\n");
    Extractor ex(*g, options);
    if (!o->json.empty() && !PrintJson(ex, o->json)) return 1;
    if (!o->nerel.empty()) EvalNerel(ex, o->nerel, o->errors, !o->no_adjectives);
    if (!o->factru.empty()) EvalFactRu(ex, o->factru, o->errors);
    if (!o->golden.empty()) EvalGolden(ex, o->golden, o->errors);
    if (!o->dump.empty()) DumpAdoptions(ex, o->dump);
    PrintTargets();
    return 0;
}
