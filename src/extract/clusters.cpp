#include "extract/clusters.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

#include "text/normalize.hpp"

namespace orientir::extract::detail {

namespace {

constexpr std::size_t kContextWords = 800;  // the most frequent tokens serve as contexts
constexpr int kIterations = 12;

using Sparse = std::vector<std::pair<std::uint32_t, float>>;  // dimension, weight (unit length)

// Spherical k-means of `rows` (indices into `vecs`) into at most k clusters; returns a cluster per row.
std::vector<int> KMeans(const std::vector<Sparse>& vecs, const std::vector<std::size_t>& rows, int k, std::size_t dim,
                        std::uint32_t seed) {
    std::vector<int> assign(rows.size(), 0);
    k = std::min<int>(k, static_cast<int>(rows.size()));
    if (k <= 1) return assign;
    std::mt19937 rng(seed);
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<float> cent(static_cast<std::size_t>(k) * dim, 0.0f);
    for (int c = 0; c < k; ++c)
        for (auto [d, w] : vecs[rows[order[static_cast<std::size_t>(c)]]])
            cent[static_cast<std::size_t>(c) * dim + d] = w;
    for (int it = 0; it < kIterations; ++it) {
        for (std::size_t r = 0; r < rows.size(); ++r) {
            float best = -1;
            for (int c = 0; c < k; ++c) {
                const float* cc = &cent[static_cast<std::size_t>(c) * dim];
                float s = 0;
                for (auto [d, w] : vecs[rows[r]]) s += w * cc[d];
                if (s > best) best = s, assign[r] = c;
            }
        }
        std::vector<float> sum(cent.size(), 0.0f);
        std::vector<int> n(static_cast<std::size_t>(k), 0);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            auto c = static_cast<std::size_t>(assign[r]);
            ++n[c];
            for (auto [d, w] : vecs[rows[r]]) sum[c * dim + d] += w;
        }
        for (std::size_t c = 0; c < static_cast<std::size_t>(k); ++c) {
            if (!n[c]) continue;  // an empty cluster keeps its centroid
            double norm = 0;
            for (std::size_t d = 0; d < dim; ++d) norm += double(sum[c * dim + d]) * sum[c * dim + d];
            auto inv = static_cast<float>(1.0 / std::sqrt(std::max(norm, 1e-12)));
            for (std::size_t d = 0; d < dim; ++d) cent[c * dim + d] = sum[c * dim + d] * inv;
        }
    }
    return assign;
}

}  // namespace

WordClusters WordClusters::Learn(const std::vector<std::string>& texts, int min_count) {
    std::unordered_map<std::string, std::uint32_t> vocab;
    std::vector<std::string> words;
    std::vector<long> counts;
    std::vector<std::vector<std::uint32_t>> seqs;
    for (const auto& t : texts) {
        auto& seq = seqs.emplace_back();
        for (auto& tok : text::Tokenize(t)) {
            auto [it, fresh] = vocab.emplace(tok.folded, static_cast<std::uint32_t>(words.size()));
            if (fresh) {
                words.push_back(tok.folded);
                counts.push_back(0);
            }
            ++counts[it->second];
            seq.push_back(it->second);
        }
    }
    std::vector<std::uint32_t> by_freq(words.size());
    for (std::uint32_t i = 0; i < by_freq.size(); ++i) by_freq[i] = i;
    std::stable_sort(by_freq.begin(), by_freq.end(), [&](auto a, auto b) { return counts[a] > counts[b]; });
    std::vector<int> ctx(words.size(), -1);
    for (std::size_t r = 0; r < std::min(kContextWords, by_freq.size()); ++r) ctx[by_freq[r]] = static_cast<int>(r);
    const std::size_t dim = 2 * kContextWords;
    // left and right neighbours of every occurrence
    std::vector<std::unordered_map<std::uint32_t, float>> raw(words.size());
    for (const auto& seq : seqs)
        for (std::size_t i = 0; i < seq.size(); ++i) {
            if (counts[seq[i]] < min_count) continue;
            if (i > 0 && ctx[seq[i - 1]] >= 0) raw[seq[i]][static_cast<std::uint32_t>(ctx[seq[i - 1]])] += 1;
            if (i + 1 < seq.size() && ctx[seq[i + 1]] >= 0)
                raw[seq[i]][static_cast<std::uint32_t>(kContextWords) + static_cast<std::uint32_t>(ctx[seq[i + 1]])] +=
                    1;
        }
    std::vector<Sparse> vecs(words.size());
    std::vector<std::size_t> rows;
    for (auto w : by_freq) {
        if (counts[w] < min_count || raw[w].empty() || words[w].size() > 255) continue;
        double norm = 0;
        for (auto& [d, c] : raw[w]) vecs[w].emplace_back(d, std::sqrt(c)), norm += c;
        std::sort(vecs[w].begin(), vecs[w].end());
        for (auto& [d, v] : vecs[w]) v = static_cast<float>(v / std::sqrt(norm));
        rows.push_back(w);
    }
    WordClusters out;
    auto coarse = KMeans(vecs, rows, kCoarse, dim, 17);
    for (int c = 0; c < kCoarse; ++c) {
        std::vector<std::size_t> members;
        for (std::size_t r = 0; r < rows.size(); ++r)
            if (coarse[r] == c) members.push_back(rows[r]);
        auto fine = KMeans(vecs, members, kFinePerCoarse, dim, 100 + static_cast<std::uint32_t>(c));
        for (std::size_t m = 0; m < members.size(); ++m)
            out.ids_[words[members[m]]] = static_cast<std::uint16_t>(c * kFinePerCoarse + fine[m]);
    }
    return out;
}

void WordClusters::AppendTo(std::string& out) const {
    std::vector<std::pair<std::string, std::uint16_t>> sorted(ids_.begin(), ids_.end());
    std::sort(sorted.begin(), sorted.end());
    auto n = static_cast<std::uint32_t>(sorted.size());
    out.append(reinterpret_cast<const char*>(&n), sizeof n);
    for (const auto& [w, id] : sorted) {
        out.push_back(static_cast<char>(w.size()));
        out += w;
        out.append(reinterpret_cast<const char*>(&id), sizeof id);
    }
}

bool WordClusters::Read(std::string_view in) {
    ids_.clear();
    std::uint32_t n = 0;
    if (in.size() < sizeof n) return false;
    std::memcpy(&n, in.data(), sizeof n);
    in.remove_prefix(sizeof n);
    ids_.reserve(n);
    for (std::uint32_t k = 0; k < n; ++k) {
        if (in.empty()) return false;
        auto len = static_cast<unsigned char>(in[0]);
        if (in.size() < 1 + len + sizeof(std::uint16_t)) return false;
        std::uint16_t id = 0;
        std::memcpy(&id, in.data() + 1 + len, sizeof id);
        ids_.emplace(std::string(in.substr(1, len)), id);
        in.remove_prefix(1 + len + sizeof id);
    }
    return in.empty();
}

}  // namespace orientir::extract::detail
