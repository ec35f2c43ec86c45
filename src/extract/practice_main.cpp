// extract_practice: trains the practice chooser (practice_chooser.hpp) on the golden batches' practice titles and
// writes its model, or measures it by leaving one batch out at a time.
//   extract_practice --data DIR --golden DIR [--golden DIR ...] [--out FILE] [--cv] [--epochs N] [--l2 X]
// --golden: every NAME.txt with a NAME.facts under DIR; each first-level subfolder is one batch (written by one
// author at one time), the unit the cross-validation leaves out (files at DIR's top are one batch). For every
// adoption fact the extractor proposes that matches an expected one (as the golden scoring matches them), each
// phrase the chooser weighs is right when it holds most of the expected title's content words (PracticeRight).
// The model is a choice among a fact's phrases (a softmax; every right phrase counts), trained by stochastic
// gradient descent in a fixed order, so a run is reproducible. --cv prints, per batch and in all, how often the
// rules' phrase, the chooser trained on the other batches and the best phrase weighed (the ceiling) are right.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>

#include "extract/corpus_files.hpp"
#include "extract/extractor.hpp"
#include "extract/feature_ids.hpp"
#include "extract/golden.hpp"
#include "extract/input.hpp"

namespace fs = std::filesystem;
using namespace orientir;
using namespace orientir::extract;

namespace {

struct Option {
    std::vector<int> features;
    bool right = false;
    bool rule = false;  // the rules' own phrase
};

struct Example {  // one matched adoption fact
    std::string batch;
    std::vector<Option> options;
};

struct Options {
    std::string data = "data", out;
    std::vector<std::string> golden;
    bool cv = false;
    int epochs = 20;
    double l2 = 1e-4;
};

FeatureIds g_features;
const std::vector<std::string>& g_names = g_features.names;

int Id(const std::string& f) { return g_features.Id(f); }

// The examples of one golden folder; returns the number of documents read.
std::size_t Load(const Extractor& ex, const std::string& dir, std::vector<Example>& out) {
    std::size_t docs = 0;
    for (const auto& p : GoldenFiles(dir)) {
        fs::path txt = p;
        txt.replace_extension(".txt");
        auto text = PrepareText(ReadAll(txt));
        if (!text.ok()) continue;
        ++docs;
        const std::string expectations = ReadAll(p);
        auto r = ex.Extract(*text);
        auto expected = ExpectedPractices(ex.gazetteer(), r, expectations);
        const fs::path rel = fs::relative(p, dir);
        const std::string batch = dir + "/" + (rel.has_parent_path() ? rel.begin()->string() : std::string("."));
        for (std::size_t k = 0; k < r.facts.size(); ++k) {
            if (expected[k].empty() || r.facts[k].practice_options.empty()) continue;
            Example e;
            e.batch = batch;
            for (const auto& o : r.facts[k].practice_options) {
                Option opt;
                for (const auto& f : o.features) opt.features.push_back(Id(f));
                opt.right = PracticeRight(expected[k], o.text);
                opt.rule = o.text == r.facts[k].practice_text;
                e.options.push_back(std::move(opt));
            }
            out.push_back(std::move(e));
        }
    }
    return docs;
}

double Score(const std::vector<double>& w, const Option& o) {
    double z = 0;
    for (int f : o.features) z += w[static_cast<std::size_t>(f)];
    return z;
}

// Softmax over a fact's phrases; the loss is −log of the probability of its right ones together.
std::vector<double> Train(const std::vector<const Example*>& train, const Options& opt) {
    std::vector<double> w(g_names.size(), 0.0);
    const double rate = 0.05;
    for (int epoch = 0; epoch < opt.epochs; ++epoch)
        for (const Example* e : train) {
            bool any = false;
            for (const auto& o : e->options) any = any || o.right;
            if (!any) continue;
            std::vector<double> z(e->options.size());
            double top = -1e300;
            for (std::size_t i = 0; i < z.size(); ++i) top = std::max(top, z[i] = Score(w, e->options[i]));
            double all = 0, right = 0;
            for (std::size_t i = 0; i < z.size(); ++i) {
                z[i] = std::exp(z[i] - top);
                all += z[i];
                if (e->options[i].right) right += z[i];
            }
            for (std::size_t i = 0; i < z.size(); ++i) {
                const double p = z[i] / all, q = e->options[i].right ? z[i] / right : 0.0;
                const double g = rate * (q - p);
                for (int f : e->options[i].features) {
                    auto& wf = w[static_cast<std::size_t>(f)];
                    wf += g - rate * opt.l2 * wf;
                }
            }
        }
    return w;
}

double g_margin = 0;  // another phrase replaces the rules' only when it scores this much higher

std::size_t Chosen(const std::vector<double>& w, const Example& e) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < e.options.size(); ++i)
        if (Score(w, e.options[i]) > Score(w, e.options[best])) best = i;
    for (std::size_t i = 0; i < e.options.size(); ++i)
        if (e.options[i].rule && i != best && Score(w, e.options[best]) < Score(w, e.options[i]) + g_margin) return i;
    return best;
}

struct Tally {
    long facts = 0, rule = 0, chooser = 0, ceiling = 0;
    long gained = 0, lost = 0;  // the chooser right where the rules' phrase is wrong, and the reverse
};

void Count(Tally& t, const Example& e, const std::vector<double>* w) {
    ++t.facts;
    bool rule = false, any = false;
    for (const auto& o : e.options) {
        rule = rule || (o.rule && o.right);
        any = any || o.right;
    }
    t.rule += rule ? 1 : 0;
    t.ceiling += any ? 1 : 0;
    if (!w) return;
    const bool chosen = e.options[Chosen(*w, e)].right;
    t.chooser += chosen ? 1 : 0;
    t.gained += chosen && !rule ? 1 : 0;
    t.lost += rule && !chosen ? 1 : 0;
}

int Run(const Options& opt) {
    auto g = LoadReferenceGazetteer(opt.data);
    if (!g.ok()) {
        std::fprintf(stderr, "extract_practice: %s\n", g.error().message.c_str());
        return 1;
    }
    ExtractorOptions eo;
    eo.practice_chooser = false;  // the rules' phrase, and every phrase weighed
    eo.practice_options = true;
    Extractor ex(*g, eo);
    std::vector<Example> examples;
    std::size_t docs = 0;
    for (const auto& dir : opt.golden) docs += Load(ex, dir, examples);
    Tally all;
    for (const auto& e : examples) Count(all, e, nullptr);
    std::printf(
        "%zu golden documents, %ld matched adoptions: the rules' phrase right on %ld, some phrase weighed on %ld\n",
        docs, all.facts, all.rule, all.ceiling);
    if (opt.cv) {
        std::map<std::string, std::vector<const Example*>> by_batch;
        for (const auto& e : examples) by_batch[e.batch].push_back(&e);
        Tally held;
        for (const auto& [batch, test] : by_batch) {
            std::vector<const Example*> train;
            for (const auto& e : examples)
                if (e.batch != batch) train.push_back(&e);
            auto w = Train(train, opt);
            Tally t;
            for (const Example* e : test) Count(t, *e, &w);
            std::printf("  %-60s %4ld facts: rules %4ld, chooser %4ld, ceiling %4ld\n", batch.c_str(), t.facts, t.rule,
                        t.chooser, t.ceiling);
            held.facts += t.facts;
            held.rule += t.rule;
            held.chooser += t.chooser;
            held.ceiling += t.ceiling;
            held.gained += t.gained;
            held.lost += t.lost;
        }
        std::printf("held out by batch: %ld facts: rules %ld, chooser %ld (%ld gained, %ld lost), ceiling %ld\n",
                    held.facts, held.rule, held.chooser, held.gained, held.lost, held.ceiling);
    }
    std::vector<const Example*> every;
    for (const auto& e : examples) every.push_back(&e);
    auto w = Train(every, opt);
    if (!opt.out.empty()) {
        std::ofstream out(opt.out, std::ios::binary);
        out << "@choice\t1\n";
        if (g_margin > 0) out << "@margin\t" << g_margin << "\n";
        std::vector<std::size_t> order(w.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [](std::size_t a, std::size_t b) { return g_names[a] < g_names[b]; });
        std::size_t written = 0;
        for (std::size_t i : order)
            if (std::fabs(w[i]) >= 1e-6) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.6f", w[i]);
                out << g_names[i] << '\t' << buf << '\n';
                ++written;
            }
        if (!out) {
            std::fprintf(stderr, "extract_practice: cannot write %s\n", opt.out.c_str());
            return 1;
        }
        std::printf("model: %zu weights written to %s\n", written, opt.out.c_str());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "extract_practice: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--data")
            opt.data = next();
        else if (a == "--golden")
            opt.golden.push_back(next());
        else if (a == "--out")
            opt.out = next();
        else if (a == "--cv")
            opt.cv = true;
        else if (a == "--epochs")
            opt.epochs = std::atoi(next().c_str());
        else if (a == "--margin")
            g_margin = std::atof(next().c_str());
        else if (a == "--l2")
            opt.l2 = std::atof(next().c_str());
        else {
            std::fprintf(stderr, "extract_practice: unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    if (opt.golden.empty()) {
        std::fprintf(stderr,
                     "usage: extract_practice --data DIR --golden DIR [--golden DIR ...] [--out FILE] [--cv] "
                     "[--epochs N] [--l2 X]\n");
        return 2;
    }
    return Run(opt);
}
