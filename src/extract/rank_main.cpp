// extract_rank: trains the adoption ranker (adoption_ranker.hpp) on the hand-checked batches and writes its
// model, or measures it by leaving one batch out at a time.
//   extract_rank --data DIR --golden DIR [--negatives DIR ...] [--out FILE] [--cv] [--check DIR ...]
//                [--epochs N] [--l2 X] [--threshold T] [--beside B] [--max-negatives N]
// --golden: every NAME.txt with a NAME.facts under DIR; each folder is one batch (written by one author at one
// time), the unit the cross-validation leaves out. --negatives: plain texts (*.txt) that report no borrowing
// (general news: NEREL's train split); every candidate of theirs is a negative. --cv: for each batch, trains on
// the others and scores the rules alone, the rules with the ranker as their fallback, and the ranker alone on
// it, at every threshold. --check: counts the proposals the final model adds on texts that report no
// borrowing (held out from training: NEREL dev, factRuEval dev). The threshold written into the model is
// --threshold (default: the one the cross-validation finds best for rules + ranker). --beside: the probability
// above which the model's best pair joins facts the rules found (RankedBeside; default: never). The
// cross-validation prints that policy («fallback@0.3, beside @B») for every B.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <unordered_map>

#include "extract/adoption_ranker.hpp"
#include "extract/corpus_files.hpp"
#include "extract/doc.hpp"
#include "extract/feature_ids.hpp"
#include "extract/golden.hpp"
#include "extract/input.hpp"
#include "extract/tagger.hpp"

namespace fs = std::filesystem;
using namespace orientir;
using namespace orientir::extract;

namespace {

struct Candidate {
    std::vector<int> features;  // ids
    bool positive = false;
    double p = 0;
};

struct Document {
    std::string name, batch, expectations;  // expectations empty: a negative text
    ExtractionResult rules;                 // mentions and the rules' facts
    std::vector<detail::RankCandidate> raw;
    std::vector<Candidate> cands;
    bool rules_found = false;
};

struct Options {
    std::string data = "data", out;
    std::vector<std::string> golden, negatives, check;
    bool cv = false, show = false, choice = false;  // show: each held-out document's best pair
    int epochs = 30;
    double l2 = 1e-3;
    std::optional<double> threshold;
    double beside = 1.1;
    std::size_t max_negatives = 800;
};

FeatureIds g_features;
const std::vector<std::string>& g_names = g_features.names;

int Id(const std::string& f) { return g_features.Id(f); }

Document Load(const Gazetteer& g, const fs::path& txt, const std::string& batch, const std::string& expectations) {
    Document doc;
    doc.name = txt.stem().string();
    doc.batch = batch;
    doc.expectations = expectations;
    auto text = PrepareText(ReadAll(txt));
    if (!text.ok()) return doc;
    detail::Doc d;
    detail::Analyse(g, *text, d, detail::Tagger::Embedded(), detail::Tagger::EmbeddedInner());
    if (d.toks.empty()) return doc;
    detail::FindFacts(d, doc.rules.facts, nullptr);
    for (const auto& f : doc.rules.facts) doc.rules_found = doc.rules_found || f.kind == FactKind::kAdoption;
    doc.raw = detail::AdoptionCandidates(d);
    doc.rules.mentions = d.mentions;
    return doc;
}

// The fact a candidate proposes, with the regions the scorer matches expected regions by.
Fact FactOf(const detail::RankCandidate& c) {
    Fact f;
    f.kind = FactKind::kAdoption;
    f.adopter = c.adopter;
    f.source = c.source;
    f.adopter_region = c.adopter_region;
    f.source_region = c.source_region;
    return f;
}

void Label(const Gazetteer& g, Document& doc) {
    ExtractionResult one;
    one.mentions = doc.rules.mentions;
    for (const auto& c : doc.raw) {
        Candidate k;
        for (const auto& f : c.features) k.features.push_back(Id(f));
        if (!doc.expectations.empty()) {
            one.facts = {FactOf(c)};
            GoldenScore s;
            ScoreGolden(g, one, doc.expectations, doc.name, s);
            k.positive = s.adoption_tp > 0;
        }
        doc.cands.push_back(std::move(k));
    }
}

std::vector<Document> LoadGolden(const Gazetteer& g, const std::string& dir) {
    std::vector<Document> docs;
    for (const auto& p : GoldenFiles(dir)) {
        auto d = Load(g, fs::path(p).replace_extension(".txt"), p.parent_path().filename().string(), ReadAll(p));
        Label(g, d);
        docs.push_back(std::move(d));
    }
    return docs;
}

std::vector<Document> LoadTexts(const Gazetteer& g, const std::string& dir, std::size_t max, const std::string& batch) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.size() > max) files.resize(max);
    std::vector<Document> docs;
    for (const auto& p : files) {
        auto d = Load(g, p, batch, "");
        Label(g, d);
        docs.push_back(std::move(d));
    }
    return docs;
}

// Logistic regression by AdaGrad with L2; features seen in fewer than two documents are left out.
detail::RankModel Train(const std::vector<const Document*>& docs, const Options& o) {
    std::vector<int> doc_count(g_names.size(), 0);
    for (const auto* d : docs) {
        std::vector<char> seen(g_names.size(), 0);
        for (const auto& c : d->cands)
            for (int f : c.features) seen[static_cast<std::size_t>(f)] = 1;
        for (std::size_t f = 0; f < seen.size(); ++f) doc_count[f] += seen[f];
    }
    std::vector<const Candidate*> all;
    for (const auto* d : docs)
        for (const auto& c : d->cands) all.push_back(&c);
    std::vector<double> w(g_names.size() + 1, 0), g2(g_names.size() + 1, 1e-8);
    const std::size_t bias = g_names.size();
    std::mt19937 rng(7);
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        std::shuffle(all.begin(), all.end(), rng);
        for (const auto* c : all) {
            double z = w[bias];
            for (int f : c->features)
                if (doc_count[static_cast<std::size_t>(f)] >= 2) z += w[static_cast<std::size_t>(f)];
            double grad = 1.0 / (1.0 + std::exp(-z)) - (c->positive ? 1.0 : 0.0);
            auto step = [&](std::size_t i, double gi) {
                g2[i] += gi * gi;
                w[i] -= 0.1 * gi / std::sqrt(g2[i]);
            };
            step(bias, grad);
            for (int f : c->features)
                if (doc_count[static_cast<std::size_t>(f)] >= 2)
                    step(static_cast<std::size_t>(f), grad + o.l2 * w[static_cast<std::size_t>(f)]);
        }
    }
    detail::RankModel m;
    m.bias_ = w[bias];
    for (std::size_t f = 0; f < g_names.size(); ++f)
        if (std::abs(w[f]) > 1e-4) m.weights_[g_names[f]] = w[f];
    return m;
}

// The same features, trained as a choice among a document's candidates and «none of them» (a conditional
// logit): the probability of a candidate is exp(s) / (1 + Σ exp(s_j)) over the document's candidates.
detail::RankModel TrainChoice(const std::vector<const Document*>& docs, const Options& o) {
    std::vector<int> doc_count(g_names.size(), 0);
    for (const auto* d : docs) {
        std::vector<char> seen(g_names.size(), 0);
        for (const auto& c : d->cands)
            for (int f : c.features) seen[static_cast<std::size_t>(f)] = 1;
        for (std::size_t f = 0; f < seen.size(); ++f) doc_count[f] += seen[f];
    }
    std::vector<const Document*> order;
    for (const auto* d : docs)
        if (!d->cands.empty()) order.push_back(d);
    std::vector<double> w(g_names.size() + 1, 0), g2(g_names.size() + 1, 1e-8);
    const std::size_t bias = g_names.size();
    std::mt19937 rng(7);
    std::unordered_map<std::size_t, double> grad;
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        for (const auto* d : order) {
            std::vector<double> sc;
            double top = 0;  // «none» scores 0
            bool any_positive = false;
            for (const auto& c : d->cands) {
                double z = w[bias];
                for (int f : c.features)
                    if (doc_count[static_cast<std::size_t>(f)] >= 2) z += w[static_cast<std::size_t>(f)];
                sc.push_back(z);
                top = std::max(top, z);
                any_positive = any_positive || c.positive;
            }
            double all = std::exp(-top), pos = 0;
            for (std::size_t j = 0; j < sc.size(); ++j) {
                all += std::exp(sc[j] - top);
                if (d->cands[j].positive) pos += std::exp(sc[j] - top);
            }
            grad.clear();
            for (std::size_t j = 0; j < sc.size(); ++j) {
                double e = std::exp(sc[j] - top);
                double gj = e / all - (any_positive && d->cands[j].positive ? e / pos : 0.0);
                grad[bias] += gj;
                for (int f : d->cands[j].features)
                    if (doc_count[static_cast<std::size_t>(f)] >= 2) grad[static_cast<std::size_t>(f)] += gj;
            }
            for (auto [i, gi] : grad) {
                if (i != bias) gi += o.l2 * w[i];
                g2[i] += gi * gi;
                w[i] -= 0.1 * gi / std::sqrt(g2[i]);
            }
        }
    }
    detail::RankModel m;
    m.bias_ = w[bias];
    m.choice_ = true;
    for (std::size_t f = 0; f < g_names.size(); ++f)
        if (std::abs(w[f]) > 1e-4) m.weights_[g_names[f]] = w[f];
    return m;
}

// The candidate a model proposes for a document: its index and probability.
std::pair<int, double> Best(const detail::RankModel& m, const Document& d) {
    auto [i, p] = m.Choose(d.raw);
    return {i ? static_cast<int>(*i) : -1, p};
}

const std::vector<double> kThresholds = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
constexpr double kFallbackThreshold = 0.3;  // the shipped model's, for the «beside» rows

// Does the rules' result already hold a fact between the parties of candidate `c`?
bool RulesHold(const Document& d, const detail::RankCandidate& c) {
    return std::any_of(d.rules.facts.begin(), d.rules.facts.end(), [&](const Fact& f) {
        return f.kind == FactKind::kAdoption && detail::SameParties(d.rules.mentions, f, c);
    });
}

struct Tally {
    GoldenScore rules, fallback[8], alone[8], combo[8], repair[8], repair_any[8];
};

const std::vector<double> kMargins = {0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0};

// The rules' facts with a party the model ranks better replaced: for each fact with both parties, the candidates
// that keep one party and change the other; the best replaces the rules' pair when it scores `margin` above it
// (the rules' pair among the candidates), or — `any` — above «none» (score 0) by the margin when it is not.
ExtractionResult Repaired(const detail::RankModel& m, const Document& d, double margin, bool any) {
    ExtractionResult out = d.rules;
    auto key = [&](std::size_t i) { return d.rules.mentions[i].normal; };
    for (auto& f : out.facts) {
        if (f.kind != FactKind::kAdoption || !f.adopter || !f.source) continue;
        std::optional<double> rule_score;
        const detail::RankCandidate* best = nullptr;
        double best_score = 0;
        for (const auto& c : d.raw) {
            const bool same_a = key(c.adopter) == key(*f.adopter), same_s = key(c.source) == key(*f.source);
            const double z = m.Score(c.features);
            if (same_a && same_s)
                rule_score = std::max(rule_score.value_or(-1e300), z);
            else if ((same_a || same_s) && (!best || z > best_score))
                best = &c, best_score = z;
        }
        if (!best) continue;
        if (rule_score ? best_score < *rule_score + margin : (!any || best_score < margin)) continue;
        f.adopter = best->adopter;
        f.source = best->source;
        f.adopter_region = best->adopter_region;
        f.source_region = best->source_region;
    }
    return out;
}

// The shipped policy (fallback where the rules find nothing, the confident pair beside theirs) on `base`.
ExtractionResult WithRanker(const Document& d, ExtractionResult base, std::pair<int, double> best, double beside) {
    if (best.first < 0) return base;
    const auto& c = d.raw[static_cast<std::size_t>(best.first)];
    if (!d.rules_found ? best.second >= kFallbackThreshold : best.second >= beside && !RulesHold(d, c))
        base.facts.push_back(FactOf(c));
    return base;
}

void ScoreRepairs(const Gazetteer& g, const detail::RankModel& m, const Document& d, Tally& t, double beside) {
    const auto best = Best(m, d);
    for (std::size_t k = 0; k < kMargins.size(); ++k) {
        ScoreGolden(g, WithRanker(d, Repaired(m, d, kMargins[k], false), best, beside), d.expectations, d.name,
                    t.repair[k]);
        ScoreGolden(g, WithRanker(d, Repaired(m, d, kMargins[k], true), best, beside), d.expectations, d.name,
                    t.repair_any[k]);
    }
}

void ScoreDoc(const Gazetteer& g, const Document& d, std::pair<int, double> best, Tally& t) {
    ScoreGolden(g, d.rules, d.expectations, d.name, t.rules);
    for (std::size_t k = 0; k < kThresholds.size(); ++k) {
        const bool take = best.first >= 0 && best.second >= kThresholds[k];
        ExtractionResult with = d.rules, alone;
        alone.mentions = d.rules.mentions;
        if (take) alone.facts.push_back(FactOf(d.raw[static_cast<std::size_t>(best.first)]));
        if (take && !d.rules_found) with.facts.push_back(alone.facts.back());
        ScoreGolden(g, with, d.expectations, d.name, t.fallback[k]);
        ScoreGolden(g, alone, d.expectations, d.name, t.alone[k]);
        // the rules' fallback where they find nothing, the ranker's confident pair beside theirs at k
        ExtractionResult combo = d.rules;
        if (best.first >= 0) {
            const auto& c = d.raw[static_cast<std::size_t>(best.first)];
            if (!d.rules_found ? best.second >= kFallbackThreshold : best.second >= kThresholds[k] && !RulesHold(d, c))
                combo.facts.push_back(FactOf(c));
        }
        ScoreGolden(g, combo, d.expectations, d.name, t.combo[k]);
    }
}

double CrossValidate(const Gazetteer& g, const std::vector<Document>& golden, const std::vector<Document>& negatives,
                     const Options& o) {
    std::vector<std::string> batches;
    for (const auto& d : golden)
        if (std::find(batches.begin(), batches.end(), d.batch) == batches.end()) batches.push_back(d.batch);
    Tally total;
    for (const auto& b : batches) {
        std::vector<const Document*> train;
        for (const auto& d : golden)
            if (d.batch != b) train.push_back(&d);
        for (const auto& d : negatives) train.push_back(&d);
        auto m = o.choice ? TrainChoice(train, o) : Train(train, o);
        Tally t;
        for (const auto& d : golden)
            if (d.batch == b) {
                if (o.show) {
                    auto [i, p] = Best(m, d);
                    auto name = [&](std::size_t k) { return d.rules.mentions[k].normal; };
                    std::printf("  %s/%s: %s <- %s p=%.2f %s\n", b.c_str(), d.name.c_str(),
                                i < 0 ? "-" : name(d.raw[static_cast<std::size_t>(i)].adopter).c_str(),
                                i < 0 ? "-" : name(d.raw[static_cast<std::size_t>(i)].source).c_str(), p,
                                i >= 0 && d.cands[static_cast<std::size_t>(i)].positive ? "RIGHT" : "");
                }
                auto best = Best(m, d);
                ScoreDoc(g, d, best, t);
                ScoreDoc(g, d, best, total);
                ScoreRepairs(g, m, d, total, o.beside);
                ScoreRepairs(g, m, d, t, o.beside);
            }
        std::printf("%-12s rules %.3f  +ranker@0.5 %.3f  ranker alone@0.5 %.3f  repair@2 %.3f @4 %.3f @6 %.3f\n",
                    b.c_str(), t.rules.AdoptionF1(), t.fallback[3].AdoptionF1(), t.alone[3].AdoptionF1(),
                    t.repair[4].AdoptionF1(), t.repair[6].AdoptionF1(), t.repair[7].AdoptionF1());
    }
    auto show = [](const char* what, const GoldenScore& s) {
        std::printf("  %-22s F1 %.3f (tp %ld fp %ld fn %ld)\n", what, s.AdoptionF1(), s.adoption_tp, s.adoption_fp,
                    s.adoption_fn);
    };
    std::printf("\nall batches, each scored by a model trained without it:\n");
    show("rules", total.rules);
    double best_f1 = -1, best_t = 0.5;
    for (std::size_t k = 0; k < kThresholds.size(); ++k) {
        char label[64];
        std::snprintf(label, sizeof label, "rules + ranker @%.1f", kThresholds[k]);
        show(label, total.fallback[k]);
        std::snprintf(label, sizeof label, "ranker alone @%.1f", kThresholds[k]);
        show(label, total.alone[k]);
        std::snprintf(label, sizeof label, "fallback@0.3, beside @%.1f", kThresholds[k]);
        show(label, total.combo[k]);
        std::snprintf(label, sizeof label, "repair +%.1f, beside", kMargins[k]);
        show(label, total.repair[k]);
        std::snprintf(label, sizeof label, "repair any +%.1f, beside", kMargins[k]);
        show(label, total.repair_any[k]);
        if (total.fallback[k].AdoptionF1() > best_f1) best_f1 = total.fallback[k].AdoptionF1(), best_t = kThresholds[k];
    }
    return best_t;
}

std::optional<Options> ParseArgs(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--data")
            o.data = next();
        else if (a == "--golden")
            o.golden.push_back(next());
        else if (a == "--negatives")
            o.negatives.push_back(next());
        else if (a == "--check")
            o.check.push_back(next());
        else if (a == "--out")
            o.out = next();
        else if (a == "--cv")
            o.cv = true;
        else if (a == "--show")
            o.show = true;
        else if (a == "--choice")
            o.choice = true;
        else if (a == "--epochs")
            o.epochs = std::stoi(next());
        else if (a == "--l2")
            o.l2 = std::stod(next());
        else if (a == "--threshold")
            o.threshold = std::stod(next());
        else if (a == "--beside")
            o.beside = std::stod(next());
        else if (a == "--max-negatives")
            o.max_negatives = std::stoul(next());
        else {
            std::fprintf(
                stderr,
                "usage: extract_rank --data DIR --golden DIR [--negatives DIR ...] [--out FILE] [--cv] [--show] "
                "[--check DIR ...] [--epochs N] [--l2 X] [--threshold T] [--beside B] [--max-negatives N]\n");
            return std::nullopt;
        }
    }
    if (o.golden.empty()) {
        std::fprintf(stderr, "extract_rank: --golden DIR is required\n");
        return std::nullopt;
    }
    return o;
}

void Write(const detail::RankModel& m, const std::string& out) {
    std::vector<std::pair<std::string, double>> ws(m.weights_.begin(), m.weights_.end());
    std::sort(ws.begin(), ws.end());
    std::ofstream f(out, std::ios::binary);
    f << "@bias\t" << m.bias_ << "\n@threshold\t" << m.threshold_ << "\n";
    if (m.beside_ <= 1) f << "@beside\t" << m.beside_ << "\n";
    if (m.choice_) f << "@choice\t1\n";
    for (const auto& [name, w] : ws) f << name << '\t' << w << '\n';
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
    std::vector<Document> golden, negatives;
    for (const auto& dir : o->golden)
        for (auto& d : LoadGolden(**g, dir)) golden.push_back(std::move(d));
    for (const auto& dir : o->negatives)
        for (auto& d : LoadTexts(**g, dir, o->max_negatives, "negative")) negatives.push_back(std::move(d));
    long expected = 0, covered = 0;
    for (const auto& d : golden) {
        GoldenScore none;
        ScoreGolden(**g, ExtractionResult{}, d.expectations, d.name, none);
        expected += none.adoption_fn;
        for (const auto& c : d.cands) covered += c.positive;
    }
    std::printf(
        "%zu golden documents (%ld expected adoptions, %ld candidates match one), %zu negative texts, "
        "%zu features\n",
        golden.size(), expected, covered, negatives.size(), g_names.size());
    double threshold = o->threshold.value_or(0.5);
    if (o->cv) threshold = o->threshold.value_or(CrossValidate(**g, golden, negatives, *o));
    std::vector<const Document*> all;
    for (const auto& d : golden) all.push_back(&d);
    for (const auto& d : negatives) all.push_back(&d);
    auto model = o->choice ? TrainChoice(all, *o) : Train(all, *o);
    model.threshold_ = threshold;
    model.beside_ = o->beside;
    for (const auto& dir : o->check) {
        long texts = 0, proposed = 0;
        for (const auto& d : LoadTexts(**g, dir, 100000, "check")) {
            ++texts;
            auto best = Best(model, d);
            if (best.first < 0) continue;
            const auto& c = d.raw[static_cast<std::size_t>(best.first)];
            if (!d.rules_found ? best.second >= threshold : best.second >= model.beside_ && !RulesHold(d, c))
                ++proposed;
        }
        std::printf("check %s: %ld texts, the ranker proposes %ld (threshold %.2f)\n", dir.c_str(), texts, proposed,
                    threshold);
    }
    if (!o->out.empty()) {
        Write(model, o->out);
        std::printf("model: %zu weights, threshold %.2f → %s\n", model.weights_.size(), threshold, o->out.c_str());
    }
    return 0;
}
