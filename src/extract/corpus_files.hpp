#pragma once
// Files of the annotated corpora the evaluation and training tools read (NEREL, factRuEval-2016).

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>

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

}  // namespace orientir::extract
