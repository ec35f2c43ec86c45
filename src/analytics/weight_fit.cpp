#include "analytics/weight_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace orientir::analytics {

const std::array<std::string_view, kSignalCount> kSignalNames = {"timing",   "network", "career", "peers",
                                                                 "district", "origin",  "text",   "org_career"};

SignalVector AsVector(const AttributionWeights& w) {
    return {w.timing, w.network, w.career, w.peers, w.district, w.origin, w.text, w.org_career};
}

AttributionWeights FromVector(const SignalVector& v) { return {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]}; }

SignalVector SignalsOf(const SourceCandidate& c) {
    return {c.timing_term,      c.inferred_edge ? 1.0 : 0.0, c.move ? 1.0 : 0.0,
            c.peer ? 1.0 : 0.0, c.same_district ? 1.0 : 0.0, c.origin ? 1.0 : 0.0,
            c.text_similarity,  c.org_move ? 1.0 : 0.0};
}

std::optional<LabelledChoice> ChoiceFor(const Snapshot& s, const RegionalInference* net, int index, int true_region,
                                        Id true_organisation) {
    // Every weight non-zero, so that every signal is computed.
    const AttributionWeights all{1, 1, 1, 1, 1, 1, 1, 1};
    auto ls = LikelySourcesAt(s, net, index, std::numeric_limits<std::size_t>::max(), all);
    if (ls.candidates.size() < 2) return std::nullopt;
    const int chosen = FindCandidate(ls.candidates, true_region, true_organisation);
    if (chosen < 0) return std::nullopt;
    LabelledChoice out;
    out.chosen = static_cast<std::size_t>(chosen);
    for (const auto& c : ls.candidates) out.candidates.push_back(SignalsOf(c));
    return out;
}

std::optional<LabelledChoice> RejectionFor(const Snapshot& s, const RegionalInference* net, int index,
                                           const std::vector<std::pair<int, Id>>& rejected) {
    const AttributionWeights all{1, 1, 1, 1, 1, 1, 1, 1};
    auto ls = LikelySourcesAt(s, net, index, std::numeric_limits<std::size_t>::max(), all);
    LabelledChoice out;
    for (const auto& [region, org] : rejected) {
        // Exact (region, organisation) only: a rejection names what was shown, not a region's other holders.
        for (std::size_t i = 0; i < ls.candidates.size(); ++i)
            if (ls.candidates[i].region == region && ls.candidates[i].organisation == org &&
                std::find(out.rejected.begin(), out.rejected.end(), i) == out.rejected.end())
                out.rejected.push_back(i);
    }
    if (out.rejected.empty() || out.rejected.size() >= ls.candidates.size()) return std::nullopt;
    for (const auto& c : ls.candidates) out.candidates.push_back(SignalsOf(c));
    return out;
}

namespace {

double Dot(const SignalVector& a, const SignalVector& b) {
    double v = 0;
    for (std::size_t k = 0; k < kSignalCount; ++k) v += a[k] * b[k];
    return v;
}

using Matrix = std::array<SignalVector, kSignalCount>;

// The penalised log-likelihood; with `grad` and `hess`, its gradient and the negated Hessian.
double Objective(const std::vector<LabelledChoice>& choices, const SignalVector& w, const SignalVector& prior,
                 double l2, SignalVector* grad, Matrix* neg_hess, double* log_lik) {
    double ll = 0;
    if (grad) grad->fill(0);
    if (neg_hess)
        for (auto& row : *neg_hess) row.fill(0);
    std::vector<double> p;
    for (const auto& ch : choices) {
        p.resize(ch.candidates.size());
        double mx = -std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < p.size(); ++i) mx = std::max(mx, p[i] = Dot(w, ch.candidates[i]));
        double z = 0;
        for (auto& v : p) z += (v = std::exp(v - mx));
        for (auto& v : p) v /= z;
        // The observed event's candidates: the one confirmed, or every candidate not rejected.
        std::vector<double> q(p.size(), 0.0);
        if (ch.rejected.empty()) {
            q[ch.chosen] = p[ch.chosen];
        } else {
            q = p;
            for (std::size_t i : ch.rejected) q[i] = 0;
        }
        double pq = 0;
        for (double v : q) pq += v;
        ll += std::log(std::max(pq, 1e-300));
        if (!grad) continue;
        SignalVector mean{}, mean_q{};
        for (std::size_t i = 0; i < p.size(); ++i)
            for (std::size_t k = 0; k < kSignalCount; ++k) {
                mean[k] += p[i] * ch.candidates[i][k];
                if (pq > 0) mean_q[k] += q[i] / pq * ch.candidates[i][k];
            }
        for (std::size_t k = 0; k < kSignalCount; ++k) (*grad)[k] += mean_q[k] - mean[k];
        // Cov_p(f): the exact curvature for a confirmation; for a rejection it leaves out −Cov_q(f) (see header).
        for (std::size_t i = 0; i < p.size(); ++i)
            for (std::size_t k = 0; k < kSignalCount; ++k)
                for (std::size_t m = 0; m < kSignalCount; ++m)
                    (*neg_hess)[k][m] += p[i] * (ch.candidates[i][k] - mean[k]) * (ch.candidates[i][m] - mean[m]);
    }
    double penalty = 0;
    for (std::size_t k = 0; k < kSignalCount; ++k) {
        penalty += (w[k] - prior[k]) * (w[k] - prior[k]);
        if (grad) (*grad)[k] -= l2 * (w[k] - prior[k]);
        if (neg_hess) (*neg_hess)[k][k] += l2;
    }
    if (log_lik) *log_lik = ll;
    return ll - 0.5 * l2 * penalty;
}

// Solves A x = b for a symmetric positive definite A (Gaussian elimination with partial pivoting).
SignalVector Solve(Matrix a, SignalVector b) {
    constexpr std::size_t n = kSignalCount;
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t piv = c;
        for (std::size_t r = c + 1; r < n; ++r)
            if (std::fabs(a[r][c]) > std::fabs(a[piv][c])) piv = r;
        std::swap(a[c], a[piv]);
        std::swap(b[c], b[piv]);
        for (std::size_t r = c + 1; r < n; ++r) {
            double f = a[r][c] / a[c][c];
            for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
            b[r] -= f * b[c];
        }
    }
    SignalVector x{};
    for (std::size_t c = n; c-- > 0;) {
        double v = b[c];
        for (std::size_t k = c + 1; k < n; ++k) v -= a[c][k] * x[k];
        x[c] = v / a[c][c];
    }
    return x;
}

}  // namespace

WeightFit FitWeights(const std::vector<LabelledChoice>& choices, const AttributionWeights& prior_weights, double l2) {
    WeightFit out;
    out.choices = choices.size();
    const SignalVector prior = AsVector(prior_weights);
    SignalVector w = prior, grad{};
    Matrix neg_hess{};
    double f = Objective(choices, w, prior, l2, &grad, &neg_hess, nullptr);
    for (out.iterations = 0; out.iterations < 100; ++out.iterations) {
        double gmax = 0;
        for (double g : grad) gmax = std::max(gmax, std::fabs(g));
        if (gmax < 1e-7 * std::max<double>(1, static_cast<double>(choices.size()))) {
            out.converged = true;
            break;
        }
        const SignalVector step = Solve(neg_hess, grad);
        double t = 1;
        SignalVector next{};
        double fn = 0;
        for (int halvings = 0; halvings < 40; ++halvings, t /= 2) {
            for (std::size_t k = 0; k < kSignalCount; ++k) next[k] = w[k] + t * step[k];
            fn = Objective(choices, next, prior, l2, nullptr, nullptr, nullptr);
            if (fn >= f) break;
        }
        if (fn < f) break;  // no ascent along the Newton direction: at the optimum up to rounding
        w = next;
        f = Objective(choices, w, prior, l2, &grad, &neg_hess, nullptr);
    }
    Objective(choices, w, prior, l2, nullptr, nullptr, &out.log_likelihood);
    out.weights = FromVector(w);
    return out;
}

LearnedWeights LearnWeights(const Snapshot& s, const RegionalInference* net, const std::vector<ConfirmedSource>& labels,
                            const std::vector<RejectedSources>& rejections) {
    LearnedWeights out;
    out.confirmations = labels.size();
    out.rejections = rejections.size();
    std::vector<LabelledChoice> choices;
    for (const auto& l : labels) {
        auto it = s.adoption_by_id.find(l.adoption);
        if (it == s.adoption_by_id.end()) continue;
        if (auto c = ChoiceFor(s, net, it->second, l.region, l.organisation)) choices.push_back(std::move(*c));
    }
    out.usable = choices.size();
    for (const auto& r : rejections) {
        auto it = s.adoption_by_id.find(r.adoption);
        if (it == s.adoption_by_id.end()) continue;
        if (auto c = RejectionFor(s, net, it->second, r.candidates)) choices.push_back(std::move(*c));
    }
    out.usable_rejections = choices.size() - out.usable;
    if (choices.size() < out.threshold) return out;
    out.fit = FitWeights(choices);
    out.weights = out.fit.weights;
    out.learned = true;
    return out;
}

namespace {
std::string Decimal(double v, bool comma) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s(buf);
    if (comma)
        for (auto& c : s)
            if (c == '.') c = ',';
    return s;
}
}  // namespace

OrderedJson LearnedWeightsJson(const LearnedWeights& w) {
    static const std::array<std::string_view, kSignalCount> kRu = {"время",
                                                                   "выведенная связь",
                                                                   "кадры",
                                                                   "похожий регион",
                                                                   "округ",
                                                                   "регион-автор",
                                                                   "сходство описания",
                                                                   "кадры организации"};
    OrderedJson values = OrderedJson::object();
    const SignalVector v = AsVector(w.weights);
    std::string ru, en;
    for (std::size_t k = 0; k < kSignalCount; ++k) {
        values[std::string(kSignalNames[k])] = std::round(v[k] * 1000) / 1000;
        ru += (k ? "; " : "") + std::string(kRu[k]) + " " + Decimal(v[k], true);
        en += (k ? "; " : "") + std::string(kSignalNames[k]) + " " + Decimal(v[k], false);
    }
    const std::string n = std::to_string(w.usable), need = std::to_string(w.threshold),
                      nr = std::to_string(w.usable_rejections);
    OrderedJson j = {{"source", w.learned ? "learned" : "default"},
                     {"threshold", w.threshold},
                     {"confirmations", w.confirmations},
                     {"usable", w.usable},
                     {"rejections", w.rejections},
                     {"usable_rejections", w.usable_rejections},
                     {"l2", kWeightL2},
                     {"weights", values}};
    if (w.learned) {
        j["iterations"] = w.fit.iterations;
        j["converged"] = w.fit.converged;
    }
    j["summary"] = "веса сигналов: " + ru +
                   (w.learned ? " (подобраны по решениям кураторов: подтверждений " + n + ", отклонений " + nr + ")"
                              : " (по умолчанию: решений кураторов " + std::to_string(w.usable + w.usable_rejections) +
                                    ", нужно " + need + ")");
    j["summary_en"] = "signal weights: " + en +
                      (w.learned ? " (fitted on curators' decisions: " + n + " confirmations, " + nr + " rejections)"
                                 : " (defaults: " + std::to_string(w.usable + w.usable_rejections) +
                                       " curators' decisions, " + need + " needed)");
    return j;
}

}  // namespace orientir::analytics
