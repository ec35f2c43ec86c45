#pragma once
// Distributional word clusters for the tagger (internal to src/extract): words that occur between the
// same neighbours in unlabelled text share a cluster («министерства», «департамента», «управления»;
// «Пермского», «Курганского»), so the tagger generalises from a word it was trained on to one it never
// saw labelled. Learnt by extract_train --unlabelled (spherical k-means over each word's left and right
// neighbours, two levels: 32 coarse clusters, each split into 16 fine ones) and stored in the model.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace orientir::extract::detail {

class WordClusters {
public:
    static constexpr int kCoarse = 32, kFinePerCoarse = 16;
    static constexpr std::uint16_t kNone = 0xFFFF;

    // Clusters of the folded word forms seen at least `min_count` times in `texts` (deterministic).
    static WordClusters Learn(const std::vector<std::string>& texts, int min_count);

    // Fine cluster id of a folded word (coarse = fine / kFinePerCoarse), or kNone.
    std::uint16_t Of(std::string_view folded) const {
        auto it = ids_.find(folded);
        return it == ids_.end() ? kNone : it->second;
    }
    std::size_t size() const { return ids_.size(); }

    void AppendTo(std::string& out) const;
    // Reads what AppendTo wrote at the start of `in`; false when malformed.
    bool Read(std::string_view in);

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::uint16_t, Hash, std::equal_to<>> ids_;
};

}  // namespace orientir::extract::detail
