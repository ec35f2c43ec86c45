// extract_train: trains the person/organisation/place tagger on NEREL (BRAT) documents of the train split
// (IsDevDocument() == false) and writes the quantised model (docs/extraction.md has the commands).
//   extract_train --data DIR --nerel DIR [--nerel DIR ...] --out FILE [--epochs N] [--all] [--inner]
// --all also trains on the documents IsDevDocument() reserves (use it when another set, e.g. NEREL's
// own dev split, is the held-out measure). --inner trains the model of nested names (the spans that
// hold no other span). --factru DIR also trains on factRuEval documents. --dev DIR scores the tagger
// alone (its own spans, before the extractor's rules merge them) and the whole extractor on DIR after
// training: exact-span F1 per type against NEREL's outermost PERSON / ORGANIZATION / place spans (with
// --inner, the innermost). --unlabelled DIR (repeatable): plain texts (*.txt) the word clusters are
// learnt from (clusters.hpp). --runs N trains N times over different document orders (seeds seed ..
// seed+N-1) and averages the weights (parameter mixing: less variance).
#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <unordered_map>

#include "common/strings.hpp"
#include "extract/corpus_files.hpp"
#include "extract/doc.hpp"
#include "extract/tagger.hpp"

namespace fs = std::filesystem;
using namespace orientir;
using namespace orientir::extract;

namespace {

struct Example {
    std::string text;
    detail::Doc doc;
    std::vector<detail::RuleInfo> info;
    std::vector<std::uint8_t> gold;
    std::vector<std::tuple<std::size_t, std::size_t, int>> names;  // every gold span as tokens [b, e), type
    int fold = 0;
};

using GoldSpans = std::vector<std::tuple<int, int, int>>;  // start, end (code points), 0 PER / 1 ORG / 2 place

std::unique_ptr<Example> Prepare(const Gazetteer& g, const fs::path& f) {
    auto ex = std::make_unique<Example>();
    ex->text = ReadAll(f);
    detail::Analyse(g, ex->text, ex->doc, nullptr);
    ex->info = detail::CollectRuleInfo(ex->doc);
    return ex;
}

// NEREL (BRAT): PERSON, ORGANIZATION, CITY / STATE_OR_PROVINCE / COUNTRY.
GoldSpans NerelSpans(const fs::path& f) {
    GoldSpans spans;
    for (const auto& e : ReadBratEntities(ReadAll(fs::path(f).replace_extension(".ann")))) {
        int type = e.type == "PERSON"                                                           ? 0
                   : e.type == "ORGANIZATION"                                                   ? 1
                   : (e.type == "CITY" || e.type == "STATE_OR_PROVINCE" || e.type == "COUNTRY") ? 2
                                                                                                : -1;
        if (type >= 0 && e.contiguous) spans.emplace_back(e.start, e.end, type);
    }
    return spans;
}

// factRuEval-2016 (.spans, .objects): Person, Org, LocOrg («России» as a state) as NEREL reads them;
// a Location only where the gazetteers know a region, municipality or country at its first token
// (NEREL's three place types leave streets, rivers and squares out).
GoldSpans FactRuSpans(const fs::path& f, const Example& ex) {
    auto by_id = ReadFactRuSpans(f);
    std::string line;
    GoldSpans spans;
    std::istringstream ob(ReadAll(fs::path(f).replace_extension(".objects")));
    while (std::getline(ob, line)) {
        std::istringstream ls(line);
        std::string id, type, ref;
        if (!(ls >> id >> type)) continue;
        int b = INT_MAX, e = -1;
        while (ls >> ref && ref != "#")
            if (auto it = by_id.find(ref); it != by_id.end())
                b = std::min(b, it->second.first), e = std::max(e, it->second.second);
        int kind = type == "Person" ? 0 : type == "Org" ? 1 : (type == "LocOrg" || type == "Location") ? 2 : -1;
        if (kind < 0 || e < 0) continue;
        if (type == "Location") {
            bool known = false;
            for (std::size_t i = 0; i < ex.doc.toks.size() && !known; ++i)
                known = ex.doc.toks[i].start == b && ex.info[i].loc >= 1 && ex.info[i].loc <= 3;
            if (!known) continue;
        }
        spans.emplace_back(b, e, kind);
    }
    return spans;
}

// Spans that hold no other span (the names nested deepest; a name with nothing inside is one too).
GoldSpans Leaves(const GoldSpans& spans) {
    GoldSpans out;
    for (const auto& s : spans) {
        bool parent = false;
        for (const auto& o : spans)
            parent = parent || (o != s && std::get<0>(s) <= std::get<0>(o) && std::get<1>(o) <= std::get<1>(s));
        if (!parent) out.push_back(s);
    }
    return out;
}

// Gold BIO labels: the outermost span over each token. With `inner`, only the spans that hold no other
// span, the rest O (the model of nested names: «МВД» and «России» in «Главное управление МВД России»,
// whose other words are O).
std::unique_ptr<Example> LoadExample(const Gazetteer& g, const fs::path& f, bool factru = false, bool inner = false) {
    auto ex = Prepare(g, f);
    GoldSpans spans = factru ? FactRuSpans(f, *ex) : NerelSpans(f);
    for (const auto& [b, e, type] : spans) {
        std::size_t tb = SIZE_MAX, te = 0;
        for (std::size_t i = 0; i < ex->doc.toks.size(); ++i)
            if (ex->doc.toks[i].start >= b && ex->doc.toks[i].end <= e) tb = std::min(tb, i), te = i + 1;
        if (te > tb) ex->names.emplace_back(tb, te, type);
    }
    if (inner) spans = Leaves(spans);
    const auto& toks = ex->doc.toks;
    ex->gold.assign(toks.size(), detail::kTagO);
    std::vector<int> owner(toks.size(), -1);
    auto length = [&](int s) { return std::get<1>(spans[std::size_t(s)]) - std::get<0>(spans[std::size_t(s)]); };
    for (std::size_t s = 0; s < spans.size(); ++s) {
        auto [b, e, type] = spans[s];
        for (std::size_t i = 0; i < toks.size(); ++i) {
            if (toks[i].start < b || toks[i].end > e) continue;
            if (owner[i] >= 0 && length(owner[i]) >= e - b) continue;
            owner[i] = static_cast<int>(s);
        }
    }
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (owner[i] < 0) continue;
        int type = std::get<2>(spans[static_cast<std::size_t>(owner[i])]);
        bool begin = i == 0 || owner[i - 1] != owner[i];
        static const std::uint8_t kB[] = {detail::kTagBPer, detail::kTagBOrg, detail::kTagBLoc};
        static const std::uint8_t kI[] = {detail::kTagIPer, detail::kTagIOrg, detail::kTagILoc};
        ex->gold[i] = begin ? kB[type] : kI[type];
    }
    return ex;
}

using SpanSet = std::set<std::tuple<std::size_t, std::size_t, int>>;

// Spans (begin token, end token, type 0..2) of a BIO label sequence.
SpanSet SpansOf(const std::vector<std::uint8_t>& y) {
    SpanSet out;
    for (std::size_t i = 0; i < y.size();) {
        if (y[i] == detail::kTagO || y[i] % 2 == 0) {  // O, or an I- without its B- (greedy output)
            ++i;
            continue;
        }
        std::size_t e = i + 1;
        while (e < y.size() && y[e] == y[i] + 1) ++e;
        out.emplace(i, e, (y[i] - 1) / 2);
        i = e;
    }
    return out;
}

void PrintPrf(const char* what, const long* tp, const long* fp, const long* fn) {
    const char* names[] = {"PER", "ORG", "LOC"};
    for (int t = 0; t < 3; ++t) {
        double p = tp[t] + fp[t] ? double(tp[t]) / double(tp[t] + fp[t]) : 0;
        double r = tp[t] + fn[t] ? double(tp[t]) / double(tp[t] + fn[t]) : 0;
        std::printf("%s %s P=%.3f R=%.3f F1=%.3f (tp=%ld fp=%ld fn=%ld)\n", what, names[t], p, r,
                    p + r > 0 ? 2 * p * r / (p + r) : 0, tp[t], fp[t], fn[t]);
    }
}

// The extractor's outermost person / organisation / place mentions as token spans.
SpanSet PipelineSpans(const Gazetteer& g, const detail::Tagger& tagger, const Example& ex) {
    detail::Doc d;
    detail::Analyse(g, ex.text, d, &tagger);
    SpanSet all;
    for (std::size_t m = 0; m < d.mentions.size(); ++m) {
        auto k = d.mentions[m].kind;
        if (d.mentions[m].start < 0 || k == MentionKind::kPosition) continue;
        int type = k == MentionKind::kPerson ? 0 : k == MentionKind::kOrganisation ? 1 : 2;
        all.emplace(d.spans[m].first, d.spans[m].second, type);
    }
    SpanSet out;
    for (const auto& s : all) {
        bool inner = false;
        for (const auto& o : all)
            inner = inner || (o != s && std::get<0>(o) <= std::get<0>(s) && std::get<1>(s) <= std::get<1>(o));
        if (!inner) out.insert(s);
    }
    return out;
}

// Against the outermost gold spans (the tagger's training labels): the tagger alone, and the whole
// extractor (tagger + rules + filters), to see what the rules after the tagger gain or lose.
void ScoreOnDev(const Gazetteer& g, const detail::Tagger& tagger, const std::vector<std::unique_ptr<Example>>& dev) {
    long tp[2][3] = {}, fp[2][3] = {}, fn[2][3] = {};
    for (const auto& ex : dev) {
        auto gold = SpansOf(ex->gold);
        SpanSet preds[2] = {SpansOf(tagger.Tag(ex->doc, ex->info)), PipelineSpans(g, tagger, *ex)};
        if (getenv("ORIENTIR_TRAIN_DIFF"))  // gold spans the tagger finds and the extractor loses, and back
            for (const auto& s : gold)
                if (preds[0].count(s) != preds[1].count(s))
                    std::printf("%s %d [%s]\n", preds[0].count(s) ? "LOST" : "GAINED", std::get<2>(s),
                                ex->doc.Slice(std::get<0>(s), std::get<1>(s)).c_str());
        if (getenv("ORIENTIR_TRAIN_DIFF"))
            for (const auto& s : preds[1])
                if (!gold.count(s) && !preds[0].count(s))
                    std::printf("EXTRA %d [%s]\n", std::get<2>(s),
                                ex->doc.Slice(std::get<0>(s), std::get<1>(s)).c_str());
        for (int k = 0; k < 2; ++k) {
            for (const auto& s : gold) (preds[k].count(s) ? tp[k] : fn[k])[std::get<2>(s)]++;
            for (const auto& s : preds[k])
                if (!gold.count(s)) fp[k][std::get<2>(s)]++;
        }
    }
    PrintPrf("tagger alone", tp[0], fp[0], fn[0]);
    PrintPrf("extractor   ", tp[1], fp[1], fn[1]);
}

// The names of the training documents (tagger.hpp NameList): all of them, and for each of kFolds folds
// the list without that fold's documents (what a document of the fold is trained with).
constexpr int kFolds = 5;
void BuildNames(std::vector<std::unique_ptr<Example>>& examples, detail::Tagger::NameList& all,
                std::vector<detail::Tagger::NameList>& folds) {
    std::unordered_map<std::string, std::pair<std::uint8_t, unsigned>> seen;  // key → type bits, folds
    for (std::size_t k = 0; k < examples.size(); ++k) {
        auto& ex = *examples[k];
        ex.fold = static_cast<int>(k % kFolds);
        for (const auto& [b, e, type] : ex.names) {
            if (!ex.doc.toks[b].cap || e - b > detail::Tagger::kMaxNameWords) continue;
            auto& [bits, mask] = seen[detail::Tagger::NameKey(ex.doc, b, e)];
            bits = static_cast<std::uint8_t>(bits | (1u << type));
            mask |= 1u << ex.fold;
        }
    }
    folds.assign(kFolds, {});
    for (const auto& [key, v] : seen) {
        all.emplace(key, v.first);
        for (int f = 0; f < kFolds; ++f)
            if (v.second & ~(1u << f)) folds[static_cast<std::size_t>(f)].emplace(key, v.first);
    }
}

// `runs` averaged perceptrons over different document orders (seeds seed .. seed + runs - 1), their
// weights averaged; the names of the training documents stored with it.
detail::Tagger Train(std::vector<std::unique_ptr<Example>>& examples, const detail::WordClusters& clusters, int epochs,
                     int runs, unsigned seed) {
    detail::Tagger::NameList names;
    std::vector<detail::Tagger::NameList> fold_names;
    BuildNames(examples, names, fold_names);
    std::fprintf(stderr, "%zu names from the training documents\n", names.size());
    detail::Tagger tagger;
    for (int run = 0; run < runs; ++run) {
        detail::Tagger one;
        one.SetClusters(clusters);
        std::mt19937 rng(seed + static_cast<unsigned>(run));
        for (int ep = 0; ep < epochs; ++ep) {
            std::shuffle(examples.begin(), examples.end(), rng);
            for (const auto& ex : examples) {
                one.UseNamesForTraining(&fold_names[static_cast<std::size_t>(ex->fold)]);
                one.TrainDocument(ex->doc, ex->info, ex->gold);
            }
        }
        one.Average();
        std::fprintf(stderr, "run %d of %d done\n", run + 1, runs);
        if (run == 0)
            tagger = std::move(one);
        else
            tagger.MixWith(one, 1.0f / static_cast<float>(run + 1));
    }
    tagger.UseNamesForTraining(nullptr);
    tagger.SetNames(std::move(names));
    return tagger;
}

}  // namespace

int main(int argc, char** argv) {
    std::string data = "data", out, dev_dir;
    std::vector<std::string> nerel, unlabelled, factru;
    int epochs = 8;
    unsigned seed = 12345;  // document order of the epochs
    int runs = 1;
    bool all = false, inner = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--data")
            data = next();
        else if (a == "--nerel")
            nerel.push_back(next());
        else if (a == "--all")
            all = true;
        else if (a == "--out")
            out = next();
        else if (a == "--epochs")
            epochs = std::stoi(next());
        else if (a == "--dev")
            dev_dir = next();
        else if (a == "--runs")
            runs = std::stoi(next());
        else if (a == "--seed")
            seed = static_cast<unsigned>(std::stoul(next()));
        else if (a == "--inner")
            inner = true;
        else if (a == "--factru")
            factru.push_back(next());
        else if (a == "--unlabelled")
            unlabelled.push_back(next());
    }
    if (nerel.empty() || out.empty()) {
        std::fprintf(stderr,
                     "usage: extract_train --data DIR --nerel DIR [--nerel DIR] [--factru DIR] [--inner] --out FILE "
                     "[--epochs N] [--all] "
                     "[--dev DIR] [--unlabelled DIR ...] [--seed N] [--runs N]\n");
        return 2;
    }
    auto g = LoadReferenceGazetteer(data);
    if (!g.ok()) {
        std::fprintf(stderr, "%s\n", g.error().message.c_str());
        return 1;
    }
    auto list = [](const std::string& dir, bool every) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".txt" && (every || !detail::IsDevDocument(e.path().filename().string())))
                files.push_back(e.path());
        std::sort(files.begin(), files.end());
        return files;
    };
    std::vector<std::unique_ptr<Example>> examples, dev;
    for (const auto& dir : nerel)
        for (const auto& f : list(dir, all)) examples.push_back(LoadExample(**g, f, false, inner));
    for (const auto& dir : factru)
        for (const auto& f : list(dir, true)) examples.push_back(LoadExample(**g, f, true, inner));
    if (!dev_dir.empty())
        for (const auto& f : list(dev_dir, true)) dev.push_back(LoadExample(**g, f, false, inner));
    std::fprintf(stderr, "training on %zu documents, %d epochs\n", examples.size(), epochs);
    detail::WordClusters clusters;
    if (!unlabelled.empty()) {
        std::vector<std::string> texts;
        for (const auto& dir : unlabelled)
            for (const auto& f : list(dir, true)) texts.push_back(ReadAll(f));
        clusters = detail::WordClusters::Learn(texts, 3);
        std::fprintf(stderr, "word clusters: %zu words from %zu unlabelled texts\n", clusters.size(), texts.size());
    }
    detail::Tagger tagger = Train(examples, clusters, epochs, runs, seed);
    std::ofstream(out, std::ios::binary) << tagger.Serialize();
    std::fprintf(stderr, "wrote %s\n", out.c_str());
    if (!dev.empty()) ScoreOnDev(**g, tagger, dev);
    return 0;
}
