#pragma once
// Feature names interned as dense ids, for the training tools (extract_rank, extract_practice): a model's weights are
// a vector indexed by id while training and «name TAB weight» lines when written.
#include <string>
#include <unordered_map>
#include <vector>

namespace orientir::extract {

struct FeatureIds {
    std::unordered_map<std::string, int> ids;
    std::vector<std::string> names;  // by id

    int Id(const std::string& name) {
        auto [it, fresh] = ids.emplace(name, static_cast<int>(names.size()));
        if (fresh) names.push_back(name);
        return it->second;
    }
};

}  // namespace orientir::extract
