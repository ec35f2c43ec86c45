#pragma once
// Files of the annotated corpora the evaluation and training tools read (NEREL, factRuEval-2016).

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "common/strings.hpp"

namespace orientir::extract {

inline std::string ReadAll(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A factRuEval document's `.spans` file beside `doc`: span id → [start, end) in code points.
inline std::map<std::string, std::pair<int, int>> ReadFactRuSpans(const std::filesystem::path& doc) {
    std::map<std::string, std::pair<int, int>> out;
    std::istringstream sp(ReadAll(std::filesystem::path(doc).replace_extension(".spans")));
    std::string line;
    while (std::getline(sp, line)) {
        std::istringstream ls(line);
        std::string id, type;
        int start = 0, len = 0;
        if (ls >> id >> type >> start >> len) out[id] = {start, start + len};
    }
    return out;
}

// An entity line («T…») of a NEREL (BRAT) .ann file: [start, end) in code points; a discontinuous span
// («564 569;576 589») runs from its first start to its last end and is not `contiguous`.
struct BratEntity {
    std::string id, type, text;
    int start = 0, end = 0;
    bool contiguous = true;
};

// Calls fn(fields, parts) for each line of a BRAT .ann file that opens with `kind` ('T' entities, 'R'
// relations): its tab-separated fields and the second field's space-separated parts (at least three).
template <class Fn>
void ForEachBratLine(const std::string& ann, char kind, Fn&& fn) {
    std::istringstream in(ann);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] != kind) continue;
        auto tab = Split(line, '\t');
        if (tab.size() < 2) continue;
        auto parts = Split(tab[1], ' ');
        if (parts.size() >= 3) fn(tab, parts);
    }
}

inline std::vector<BratEntity> ReadBratEntities(const std::string& ann) {
    std::vector<BratEntity> out;
    ForEachBratLine(ann, 'T', [&](const std::vector<std::string>& tab, const std::vector<std::string>& parts) {
        BratEntity e;
        e.id = tab[0];
        e.type = parts[0];
        e.text = tab.size() > 2 ? tab[2] : "";
        e.start = std::stoi(parts[1]);
        e.end = std::stoi(parts.back());
        e.contiguous = tab[1].find(';') == std::string::npos;
        out.push_back(std::move(e));
    });
    return out;
}

}  // namespace orientir::extract
