#include "analytics/weight_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace orientir::analytics {

const std::array<std::string_view, kSignalCount> kSignalNames = {"timing",   "network", "career", "peers",
                                                                 "district", "origin",  "text"};

SignalVector AsVector(const AttributionWeights& w) {
    return {w.timing, w.network, w.career, w.peers, w.district, w.origin, w.text};
}

AttributionWeights FromVector(const SignalVector& v) { return {v[0], v[1], v[2], v[3], v[4], v[5], v[6]}; }

SignalVector SignalsOf(const SourceCandidate& c) {
    return {c.timing_term,      c.inferred_edge ? 1.0 : 0.0, c.move ? 1.0 : 0.0,
            c.peer ? 1.0 : 0.0, c.same_district ? 1.0 : 0.0, c.origin ? 1.0 : 0.0,
            c.text_similarity};
}

std::optional<LabelledChoice> ChoiceFor(const Snapshot& s, const RegionalInference* net, int index, int true_region) {
    // Every weight non-zero, so that every signal is computed.
    const AttributionWeights all{1, 1, 1, 1, 1, 1, 1};
    auto ls = LikelySourcesAt(s, net, index, std::numeric_limits<std::size_t>::max(), all);
    if (ls.candidates.size() < 2) return std::nullopt;
    LabelledChoice out;
    bool found = false;
    for (const auto& c : ls.candidates) {
        if (c.region == true_region) {
            out.chosen = out.candidates.size();
            found = true;
        }
        out.candidates.push_back(SignalsOf(c));
    }
    if (!found) return std::nullopt;
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
        ll += std::log(std::max(p[ch.chosen], 1e-300));
        if (!grad) continue;
        SignalVector mean{};
        for (std::size_t i = 0; i < p.size(); ++i)
            for (std::size_t k = 0; k < kSignalCount; ++k) mean[k] += p[i] * ch.candidates[i][k];
        for (std::size_t k = 0; k < kSignalCount; ++k) (*grad)[k] += ch.candidates[ch.chosen][k] - mean[k];
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

LearnedWeights LearnWeights(const Snapshot& s, const RegionalInference* net,
                            const std::vector<ConfirmedSource>& labels) {
    LearnedWeights out;
    out.confirmations = labels.size();
    std::vector<LabelledChoice> choices;
    for (const auto& l : labels) {
        auto it = s.adoption_by_id.find(l.adoption);
        if (it == s.adoption_by_id.end()) continue;
        if (auto c = ChoiceFor(s, net, it->second, l.region)) choices.push_back(std::move(*c));
    }
    out.usable = choices.size();
    if (out.usable < out.threshold) return out;
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
    static const std::array<std::string_view, kSignalCount> kRu = {
        "время", "выведенная связь", "кадры", "похожий регион", "округ", "регион-автор", "сходство описания"};
    OrderedJson values = OrderedJson::object();
    const SignalVector v = AsVector(w.weights);
    std::string ru, en;
    for (std::size_t k = 0; k < kSignalCount; ++k) {
        values[std::string(kSignalNames[k])] = std::round(v[k] * 1000) / 1000;
        ru += (k ? "; " : "") + std::string(kRu[k]) + " " + Decimal(v[k], true);
        en += (k ? "; " : "") + std::string(kSignalNames[k]) + " " + Decimal(v[k], false);
    }
    const std::string n = std::to_string(w.usable), need = std::to_string(w.threshold);
    OrderedJson j = {{"source", w.learned ? "learned" : "default"},
                     {"threshold", w.threshold},
                     {"confirmations", w.confirmations},
                     {"usable", w.usable},
                     {"l2", kWeightL2},
                     {"weights", values}};
    if (w.learned) {
        j["iterations"] = w.fit.iterations;
        j["converged"] = w.fit.converged;
    }
    j["summary"] = "веса сигналов: " + ru +
                   (w.learned ? " (подобраны по " + n + " подтверждениям кураторов)"
                              : " (по умолчанию: подтверждений кураторов " + n + ", нужно " + need + ")");
    j["summary_en"] = "signal weights: " + en +
                      (w.learned ? " (fitted on " + n + " curators' confirmations)"
                                 : " (defaults: " + n + " curators' confirmations, " + need + " needed)");
    return j;
}

}  // namespace orientir::analytics
