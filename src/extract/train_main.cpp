// extract_train: trains the person/organisation tagger on NEREL (BRAT) documents of the train split
// (IsDevDocument() == false) and writes the quantised model.
//   extract_train --data DIR --nerel DIR [--nerel DIR ...] --out FILE [--epochs N] [--all]
// --all also trains on the documents IsDevDocument() reserves (use it when another set, e.g. NEREL's
// own dev split, is the held-out measure).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "common/strings.hpp"
#include "extract/doc.hpp"
#include "extract/tagger.hpp"

namespace fs = std::filesystem;
using namespace orientir;
using namespace orientir::extract;

namespace {

std::string ReadAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Example {
    std::string text;
    detail::Doc doc;
    std::vector<detail::RuleInfo> info;
    std::vector<std::uint8_t> gold;
};

}  // namespace

int main(int argc, char** argv) {
    std::string data = "data", out;
    std::vector<std::string> nerel;
    int epochs = 8;
    bool all = false;
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
    }
    if (nerel.empty() || out.empty()) {
        std::fprintf(stderr,
                     "usage: extract_train --data DIR --nerel DIR [--nerel DIR] --out FILE [--epochs N] [--all]\n");
        return 2;
    }
    auto g = LoadReferenceGazetteer(data);
    if (!g.ok()) {
        std::fprintf(stderr, "%s\n", g.error().message.c_str());
        return 1;
    }
    std::vector<fs::path> files;
    for (const auto& dir : nerel)
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".txt" && (all || !detail::IsDevDocument(e.path().filename().string())))
                files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::unique_ptr<Example>> examples;
    for (const auto& f : files) {
        auto ex = std::make_unique<Example>();
        ex->text = ReadAll(f);
        detail::Analyse(**g, ex->text, ex->doc, nullptr);
        ex->info = detail::CollectRuleInfo(ex->doc);
        // gold: outermost PERSON / ORGANIZATION span over each token
        std::vector<std::tuple<int, int, int>> spans;  // start, end, 0 person / 1 organisation / 2 place
        std::istringstream ann(ReadAll(fs::path(f).replace_extension(".ann")));
        std::string line;
        while (std::getline(ann, line)) {
            if (line.empty() || line[0] != 'T') continue;
            auto tab = Split(line, '\t');
            if (tab.size() < 2) continue;
            auto parts = Split(tab[1], ' ');
            if (parts.size() < 3 || parts[2].find(';') != std::string::npos) continue;
            int type = parts[0] == "PERSON"                                                               ? 0
                       : parts[0] == "ORGANIZATION"                                                       ? 1
                       : (parts[0] == "CITY" || parts[0] == "STATE_OR_PROVINCE" || parts[0] == "COUNTRY") ? 2
                                                                                                          : -1;
            if (type < 0) continue;
            spans.emplace_back(std::stoi(parts[1]), std::stoi(parts[2]), type);
        }
        const auto& toks = ex->doc.toks;
        ex->gold.assign(toks.size(), detail::kTagO);
        std::vector<int> owner(toks.size(), -1);
        for (std::size_t s = 0; s < spans.size(); ++s) {
            auto [b, e, per] = spans[s];
            for (std::size_t i = 0; i < toks.size(); ++i) {
                if (toks[i].start < b || toks[i].end > e) continue;
                int cur = owner[i];
                if (cur >= 0 && std::get<1>(spans[static_cast<std::size_t>(cur)]) -
                                        std::get<0>(spans[static_cast<std::size_t>(cur)]) >=
                                    e - b)
                    continue;
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
        examples.push_back(std::move(ex));
    }
    std::fprintf(stderr, "training on %zu documents, %d epochs\n", examples.size(), epochs);
    detail::Tagger tagger;
    std::mt19937 rng(12345);
    for (int ep = 0; ep < epochs; ++ep) {
        std::shuffle(examples.begin(), examples.end(), rng);
        for (const auto& ex : examples) tagger.TrainDocument(ex->doc, ex->info, ex->gold);
        std::fprintf(stderr, "epoch %d done\n", ep + 1);
    }
    tagger.Average();
    std::ofstream(out, std::ios::binary) << tagger.Serialize();
    std::fprintf(stderr, "wrote %s\n", out.c_str());
    return 0;
}
