// Extraction speed benchmark: how many news articles one core reads with everything on (rules,
// gazetteers, the embedded tagger, facts, normal forms), and how long the model and the reference
// gazetteer take to load.
//   extract_bench --data DIR --corpus DIR [--corpus DIR ...] [--reps N] [--threads N]
// Articles are the .txt files of each corpus (NEREL, factRuEval and the golden set are plain news
// texts). Speed is reported as articles per CPU-second of the extracting thread, which does not move
// with other processes on a shared machine, and as wall-clock throughput with N threads.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "extract/extractor.hpp"
#include "extract/input.hpp"
#include "extract/tagger.hpp"
#include "text/stem.hpp"

namespace fs = std::filesystem;
using namespace orientir;
using namespace orientir::extract;

namespace {

double ThreadSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

double Since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string ReadAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The prepared texts of a corpus's .txt files, in name order, and their total size.
std::vector<std::string> ReadCorpus(const std::string& dir, long& chars) {
    std::vector<std::string> texts;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    chars = 0;
    for (const auto& f : files) {
        auto t = PrepareText(ReadAll(f));
        if (!t.ok()) continue;
        chars += static_cast<long>(t->size());
        texts.push_back(std::move(*t));
    }
    return texts;
}

// Articles per second of wall clock with N threads sharing the one Extractor.
double WallRate(const Extractor& ex, const std::vector<std::string>& texts, int reps, int threads) {
    std::atomic<std::size_t> next{0};
    auto w0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int k = 0; k < threads; ++k)
        pool.emplace_back([&] {
            for (std::size_t i; (i = next.fetch_add(1)) < texts.size() * static_cast<std::size_t>(reps);)
                (void)ex.Extract(texts[i % texts.size()]);
        });
    for (auto& th : pool) th.join();
    return double(texts.size()) * reps / Since(w0);
}

// One corpus: CPU time per core over `reps` passes, then wall clock with `threads`; one line of output.
void BenchCorpus(const Extractor& ex, const std::string& dir, int reps, int threads) {
    long chars = 0;
    std::vector<std::string> texts = ReadCorpus(dir, chars);
    if (texts.empty()) return;
    for (const auto& t : texts) (void)ex.Extract(t);  // warm the caches (hunspell, stems)
    double cpu = 0;
    long facts = 0, mentions = 0;
    for (int r = 0; r < reps; ++r) {
        double c0 = ThreadSeconds();
        for (const auto& t : texts) {
            auto res = ex.Extract(t);
            facts += static_cast<long>(res.facts.size());
            mentions += static_cast<long>(res.mentions.size());
        }
        cpu += ThreadSeconds() - c0;
    }
    double per_core = double(texts.size()) * reps / cpu;
    double wall_rate = WallRate(ex, texts, reps, threads);
    std::printf(
        "%s: %zu articles, mean %ld bytes; %.0f articles/s per core (CPU time, %d reps), %.0f KB/s; "
        "%.0f articles/s wall clock with %d threads; %.1f mentions and %.2f facts per article\n",
        fs::path(dir).filename().c_str(), texts.size(), chars / static_cast<long>(texts.size()), per_core, reps,
        double(chars) * reps / cpu / 1024, wall_rate, threads,
        double(mentions) / double(texts.size() * static_cast<std::size_t>(reps)),
        double(facts) / double(texts.size() * static_cast<std::size_t>(reps)));
}

}  // namespace

int main(int argc, char** argv) {
    std::string data = "data";
    std::vector<std::string> corpora;
    int reps = 3, threads = 2;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--data")
            data = next();
        else if (a == "--corpus")
            corpora.push_back(next());
        else if (a == "--reps")
            reps = std::max(1, std::stoi(next()));
        else if (a == "--threads")
            threads = std::max(1, std::stoi(next()));
        else {
            std::fprintf(stderr,
                         "usage: extract_bench --data DIR --corpus DIR [--corpus DIR] [--reps N] [--threads N]\n");
            return 2;
        }
    }
    auto t0 = std::chrono::steady_clock::now();
    const auto* tagger = detail::Tagger::Embedded();
    (void)detail::Tagger::EmbeddedInner();  // the model of nested names, loaded with it
    double model_s = Since(t0);
    t0 = std::chrono::steady_clock::now();
    auto g = LoadReferenceGazetteer(data);
    if (!g.ok()) {
        std::fprintf(stderr, "gazetteer: %s\n", g.error().message.c_str());
        return 1;
    }
    double gaz_s = Since(t0);
    t0 = std::chrono::steady_clock::now();
    (void)text::Lemmatizer::Default().Known("проверка");
    double dict_s = Since(t0);
    std::printf("load: tagger model %.3f s (%s), reference gazetteer %.3f s (%zu entries), hunspell-ru %.3f s (%s)\n",
                model_s, tagger ? "embedded" : "absent", gaz_s, (*g)->size(), dict_s,
                text::Lemmatizer::Default().has_dictionary() ? "found" : "missing");
    Extractor ex(*g);
    for (const auto& dir : corpora) BenchCorpus(ex, dir, reps, threads);
    return 0;
}
