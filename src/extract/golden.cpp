#include "extract/golden.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "extract/input.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace orientir::extract {

namespace {

std::string Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return std::string(s);
}

std::vector<std::string> SplitOn(std::string_view s, std::string_view sep) {
    std::vector<std::string> out;
    std::size_t p = 0;
    for (;;) {
        std::size_t q = s.find(sep, p);
        out.push_back(Trim(s.substr(p, q == std::string_view::npos ? std::string_view::npos : q - p)));
        if (q == std::string_view::npos) break;
        p = q + sep.size();
    }
    return out;
}

std::set<std::string> ContentStems(std::string_view phrase) {
    static const std::set<std::string> kStop = {"и",  "в", "во", "на", "по", "для", "с",   "со", "к",
                                                "из", "у", "о",  "об", "от", "до",  "при", "за", "№"};
    std::set<std::string> out;
    for (const auto& t : text::Tokenize(phrase)) {
        if (!t.is_word || kStop.count(t.folded)) continue;
        out.insert(text::Stem(t.text));
    }
    return out;
}

// A post's content stems with the town written any way: «директор школы № 56 Ижевска», «… г. Ижевска» and
// «… города Ижевска» are one post.
std::set<std::string> PostStems(std::string_view phrase) {
    auto out = ContentStems(phrase);
    out.erase(text::Stem("города"));
    out.erase("г");
    return out;
}

std::set<std::string> Words(std::string_view phrase) {
    std::set<std::string> out;
    for (const auto& t : text::Tokenize(phrase))
        if (t.is_word) out.insert(t.folded);
    return out;
}

struct Expected {
    std::string kind;  // adoption, position, normal
    std::string a, b, c, d;
};

std::string RegionCodeByName(const Gazetteer& g, const std::string& folded_name) {
    for (const auto& e : g.entries()) {
        if (e.kind != EntityKind::kRegion) continue;
        const std::string f = text::Fold(e.name);
        if (f == folded_name) return e.code;
        // the official name without its second part: «Кемеровская область» for «Кемеровская область — Кузбасс»,
        // «Ханты-Мансийский автономный округ» for «… — Югра», «Республика Саха» for «Республика Саха (Якутия)»
        for (const char* cut : {" — ", " ("})
            if (auto at = f.find(cut); at != std::string::npos && f.substr(0, at) == folded_name) return e.code;
    }
    return {};
}

// An organisation's name with the town written any way: «… г. Галича», «… города Галича» and «… Галича» are one.
std::string OrganisationKey(std::string folded) {
    for (const char* w : {" города ", " г. ", " г "})
        for (std::size_t at; (at = folded.find(w)) != std::string::npos;) folded.replace(at, std::strlen(w), " ");
    return folded;
}

// Does mention `i` (with the fact's region code for it) stand for the expected name?
bool NameMatches(const Gazetteer& g, const ExtractionResult& r, const std::optional<std::size_t>& i,
                 const std::string& region, const std::string& expected) {
    if (expected == "?") return true;
    if (expected == "-") return !i;
    if (!i || *i >= r.mentions.size()) return false;
    const Mention& m = r.mentions[*i];
    // «Всеволожский муниципальный район» and «Всеволожский район» name one district
    auto district = [](std::string f) {
        for (const char* w : {" муниципальный район", " муниципальный округ"})
            if (f.ends_with(w))
                f = f.substr(0, f.size() - std::string_view(w).size()) +
                    (std::string_view(w).ends_with("район") ? " район" : " округ");
        return f;
    };
    std::string e = text::Fold(expected);
    for (const std::string& cand : {m.normal, m.text, m.ref ? m.ref->name : std::string()}) {
        if (cand.empty()) continue;
        std::string f = text::Fold(cand);
        if (f == e || (m.kind == MentionKind::kMunicipality && district(f) == district(e))) return true;
        if (m.kind == MentionKind::kOrganisation && e.size() >= 6 &&
            (f.find(e) != std::string::npos || OrganisationKey(f) == OrganisationKey(e)))
            return true;
        // the expected name with more of the body's legal form or place: «МБОУ «СОШ № 12»» for «МБОУ «СОШ № 12»
        // г. Новочебоксарска» (the mention names it by two words or more, not by «ГБУ» or «колледж»)
        if (m.kind == MentionKind::kOrganisation && text::CodePointLength(f) >= 10 && Words(f).size() >= 2 &&
            e.find(f) != std::string::npos)
            return true;
    }
    std::string code = RegionCodeByName(g, e);
    return !code.empty() && code == region;
}

bool PersonMatches(const ExtractionResult& r, const std::optional<std::size_t>& i, const std::string& expected) {
    if (!i || *i >= r.mentions.size()) return false;
    // the surname (last word) by stem among the mention's words
    // («Кара-Сал»: the last piece of a hyphenated surname, as the tokenizer splits it)
    std::string surname;
    for (const auto& t : text::Tokenize(expected))
        if (t.is_word) surname = text::Stem(t.text);
    for (const auto& t : text::Tokenize(r.mentions[*i].normal.empty() ? r.mentions[*i].text : r.mentions[*i].normal))
        if (t.is_word && text::Stem(t.text) == surname) return true;
    for (const auto& t : text::Tokenize(r.mentions[*i].text))
        if (t.is_word && text::Stem(t.text) == surname) return true;
    return false;
}

}  // namespace

double GoldenScore::F1(long tp, long fp, long fn) {
    double p = tp + fp ? double(tp) / double(tp + fp) : 0, rc = tp + fn ? double(tp) / double(tp + fn) : 0;
    return p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
}

namespace {

// One expected fact a line: «adoption: A <- B | practice | stage», «position: PERSON | post | period»,
// «normal: text => normal»; comments, blank lines and «no-adoption» give none.
std::vector<Expected> ParseExpectations(std::string_view expectations) {
    std::vector<Expected> exp;
    std::istringstream in{std::string(expectations)};
    std::string line;
    while (std::getline(in, line)) {
        line = Trim(line);
        if (line.empty() || line[0] == '#' || line == "no-adoption") continue;
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        Expected e;
        e.kind = Trim(line.substr(0, colon));
        std::string rest = line.substr(colon + 1);
        if (e.kind == "adoption") {
            auto parts = SplitOn(rest, "|");
            auto ends = SplitOn(parts[0], "<-");
            e.a = ends[0];
            e.b = ends.size() > 1 ? ends[1] : "?";
            e.c = parts.size() > 1 ? parts[1] : "";
            e.d = parts.size() > 2 ? parts[2] : "";
        } else if (e.kind == "position") {
            auto parts = SplitOn(rest, "|");
            e.a = parts[0];
            e.b = parts.size() > 1 ? parts[1] : "-";
            e.c = parts.size() > 2 ? parts[2] : "";
        } else if (e.kind == "normal") {
            auto parts = SplitOn(rest, "=>");
            e.a = parts[0];
            e.b = parts.size() > 1 ? parts[1] : "";
        }
        exp.push_back(std::move(e));
    }
    return exp;
}

// Matches one document's expectations to its proposed facts, each fact used once.
struct DocScorer {
    const Gazetteer& g;
    const ExtractionResult& r;
    const std::string& name;
    GoldenScore& score;
    std::vector<bool> used;
    std::vector<std::string>* matched = nullptr;  // the expected practice of each matched fact

    DocScorer(const Gazetteer& gz, const ExtractionResult& res, const std::string& n, GoldenScore& sc)
        : g(gz), r(res), name(n), score(sc), used(res.facts.size(), false) {}

    // Does the practice of another unused adoption q > k of the same parties fit the expected one better?
    bool OtherFits(std::size_t k, const Expected& e, const std::set<std::string>& want) const {
        for (std::size_t q = k + 1; q < r.facts.size(); ++q) {
            const Fact& o = r.facts[q];
            if (used[q] || o.kind != FactKind::kAdoption) continue;
            auto og = ContentStems(o.practice_text);
            std::size_t oh = 0;
            for (const auto& w : want) oh += og.count(w);
            if (oh * 10 >= want.size() * 6 && NameMatches(g, r, o.adopter, o.adopter_region, e.a) &&
                NameMatches(g, r, o.source, o.source_region, e.b))
                return true;
        }
        return false;
    }

    // A matched adoption: is its practice and its stage right?
    void Judge(const Fact& f, const Expected& e, bool practice) {
        ++score.adoption_tp;
        if (practice)
            ++score.practice_ok;
        else
            score.errors.push_back(name + ": practice «" + f.practice_text + "», expected «" + e.c + "»");
        bool stage = std::string(domain::Code(f.stage)) == e.d;
        if (practice && stage) ++score.adoption_exact;
        if (stage)
            ++score.stage_ok;
        else
            score.errors.push_back(name + ": stage " + std::string(domain::Code(f.stage)) + ", expected " + e.d + " (" +
                                   e.c + ")");
    }

    void Adoption(const Expected& e) {
        for (std::size_t k = 0; k < r.facts.size(); ++k) {
            const Fact& f = r.facts[k];
            if (used[k] || f.kind != FactKind::kAdoption) continue;
            if (!NameMatches(g, r, f.adopter, f.adopter_region, e.a) ||
                !NameMatches(g, r, f.source, f.source_region, e.b))
                continue;
            // two practices between the same places: the practice decides which fact is which
            auto want = ContentStems(e.c);
            bool practice = PracticeRight(e.c, f.practice_text);
            if (!practice && OtherFits(k, e, want)) continue;
            used[k] = true;
            if (matched) (*matched)[k] = e.c;
            Judge(f, e, practice);
            return;
        }
        ++score.adoption_fn;
        score.errors.push_back(name + ": missed adoption " + e.a + " <- " + e.b + " (" + e.c + ")");
    }

    void Position(const Expected& e) {
        auto want = PostStems(e.b);
        for (std::size_t k = 0; k < r.facts.size(); ++k) {
            const Fact& f = r.facts[k];
            if (used[k] || f.kind != FactKind::kPosition || !PersonMatches(r, f.person, e.a)) continue;
            if (e.b != "-") {
                // the whole post, else the position mention (a post told by a verb, «возглавляет отдел …», has no
                // position mention)
                if (f.post.empty() && !f.position) continue;
                const Mention* pm = f.position ? &r.mentions[*f.position] : nullptr;
                if (PostStems(!f.post.empty() ? f.post : pm->normal.empty() ? pm->text : pm->normal) != want) continue;
            }
            used[k] = true;
            ++score.position_tp;
            if ((f.past ? "past" : "current") == e.c)
                ++score.period_ok;
            else
                score.errors.push_back(name + ": period of " + e.a + " " + e.b + " is " +
                                       (f.past ? "past" : "current"));
            return;
        }
        ++score.position_fn;
        score.errors.push_back(name + ": missed position " + e.a + " | " + e.b);
    }

    void Normal(const Expected& e) {
        ++score.normal_total;
        std::string got = "(no mention)";
        for (const auto& m : r.mentions)
            if (text::Fold(m.text) == text::Fold(e.a) && m.kind != MentionKind::kPosition) {
                got = m.normal.empty() ? m.text : m.normal;
                break;
            }
        if (Words(got) == Words(e.b))
            ++score.normal_ok;
        else
            score.errors.push_back(name + ": normal of «" + e.a + "» is «" + got + "», expected «" + e.b + "»");
    }

    // The facts no expectation used: proposals a curator rejects.
    void Extras() {
        auto show = [&](const std::optional<std::size_t>& i) {
            return i && *i < r.mentions.size() ? r.mentions[*i].text : std::string("-");
        };
        for (std::size_t k = 0; k < r.facts.size(); ++k) {
            if (used[k]) continue;
            const Fact& f = r.facts[k];
            if (f.kind == FactKind::kAdoption) {
                ++score.adoption_fp;
                score.errors.push_back(name + ": extra adoption " + show(f.adopter) + " <- " + show(f.source) + " (" +
                                       f.practice_text + ")");
            } else if (f.kind == FactKind::kPosition) {
                ++score.position_fp;
                score.errors.push_back(name + ": extra position " + show(f.person) + " | " +
                                       (f.post.empty() ? show(f.position) : f.post));
            }
        }
    }
};

}  // namespace

void ScoreGolden(const Gazetteer& g, const ExtractionResult& r, std::string_view expectations, const std::string& name,
                 GoldenScore& score) {
    ++score.documents;
    DocScorer doc(g, r, name, score);
    for (const auto& e : ParseExpectations(expectations)) {
        if (e.kind == "adoption")
            doc.Adoption(e);
        else if (e.kind == "position")
            doc.Position(e);
        else if (e.kind == "normal")
            doc.Normal(e);
    }
    doc.Extras();
}

std::vector<std::string> ExpectedPractices(const Gazetteer& g, const ExtractionResult& r,
                                           std::string_view expectations) {
    GoldenScore ignored;
    const std::string name;
    std::vector<std::string> out(r.facts.size());
    DocScorer doc(g, r, name, ignored);
    doc.matched = &out;
    for (const auto& e : ParseExpectations(expectations))
        if (e.kind == "adoption") doc.Adoption(e);
    return out;
}

bool PracticeRight(std::string_view expected, std::string_view proposed) {
    auto want = ContentStems(expected), got = ContentStems(proposed);
    std::size_t hit = 0;
    for (const auto& w : want) hit += got.count(w);
    return !want.empty() && hit * 10 >= want.size() * 6;
}

GoldenScore::Acceptance GoldenScore::CuratorView() const {
    Acceptance a;
    a.proposed = adoption_tp + adoption_fp + position_tp + position_fp;
    a.unchanged = adoption_exact + period_ok;
    a.corrected = adoption_tp + position_tp - a.unchanged;
    a.rejected = adoption_fp + position_fp;
    a.expected = adoption_tp + adoption_fn + position_tp + position_fn;
    a.never_proposed = adoption_fn + position_fn;
    return a;
}

std::vector<std::filesystem::path> GoldenFiles(const std::string& dir) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().extension() == ".facts" && fs::exists(fs::path(e.path()).replace_extension(".txt")))
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

GoldenScore ScoreGoldenDir(const Extractor& ex, const std::string& dir) {
    namespace fs = std::filesystem;
    GoldenScore score;
    auto read = [](const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
    for (const auto& p : GoldenFiles(dir)) {
        fs::path txt = p;
        txt.replace_extension(".txt");
        auto text = PrepareText(read(txt));
        if (!text.ok()) continue;
        ScoreGolden(ex.gazetteer(), ex.Extract(*text), read(p), p.stem().string(), score);
    }
    return score;
}

}  // namespace orientir::extract
