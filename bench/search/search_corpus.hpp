#pragma once
// The search benchmark's corpus and fixed sets (bench/search/search_bench.cpp only): passages of
// RuREBus texts and generated practices, the queries, and the morphology / lemma / synonym sets with
// their injected documents.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "common/strings.hpp"
#include "search/analysis.hpp"
#include "text/stem.hpp"

namespace orientir::search_bench {

namespace fs = std::filesystem;

struct BenchDoc {
    std::string title, body, domain, region;
    int year = 2020;
};

struct BenchQuery {
    std::string q;       // our syntax (words, "phrase")
    std::string domain;  // filter + facets when set
    std::string year;    // filter only, no facets (recall runs); never set together with domain
};

// The year of every injected morphology/lemma/synonym document and of no other (generated years are
// 2015..2024): a query filtered on it sees only injected documents, so "recall" counts every match
// of the query instead of a ranking lottery among thousands of documents with the same words.
constexpr int kInjectedYear = 1999;

// Morphology set: the query in one form, the documents hold other forms only.
struct MorphItem {
    std::string query;
    std::vector<std::string> doc_forms;
};

// Forms with the same Snowball stems as the query: any stemming engine should find these.
const std::vector<MorphItem> kMorph = {
    {"добровольческая деятельность", {"добровольческой деятельности", "добровольческую деятельность"}},
    {"художественное образование", {"художественному образованию", "художественного образования"}},
    {"волонтерский корпус", {"волонтерского корпуса", "волонтерским корпусом"}},
    {"школа искусств", {"школы искусств", "школе искусств"}},
    {"аварийное жилье", {"аварийного жилья", "аварийным жильем"}},
    {"расселение граждан", {"расселения граждан", "расселению граждан"}},
    {"молодежный центр", {"молодежного центра", "молодежном центре"}},
    {"цифровая платформа", {"цифровой платформы", "цифровую платформу"}},
    {"социальное обслуживание", {"социального обслуживания", "социальному обслуживанию"}},
    {"экологическое просвещение", {"экологического просвещения", "экологическим просвещением"}},
    {"туристический маршрут", {"туристического маршрута", "туристических маршрутах"}},
    {"музыкальная школа", {"музыкальной школы", "музыкальных школах"}},
    {"ресурсный центр", {"ресурсного центра", "ресурсными центрами"}},
    {"гуманитарная миссия", {"гуманитарной миссии", "гуманитарные миссии"}},
    {"сельская библиотека", {"сельской библиотеки", "сельских библиотеках"}},
    {"детский лагерь", {"детского лагеря", "детских лагерях"}},
    {"предиктивная аналитика", {"предиктивной аналитики", "предиктивную аналитику"}},
    {"чат-бот", {"чат-бота", "чат-ботом"}},
    {"наставничество", {"наставничества", "наставничеству"}},
    {"благоустройство дворов", {"благоустройства дворов", "благоустройству двора"}},
};
// Stem-failure set: fleeting vowels and other stem alternations where Snowball gives the document
// form a different stem than the query form (посёлок → поселок, посёлка → поселк; день → ден,
// дня → дня) and only a dictionary lemma (hunspell-ru: посёлок) joins them. Every form here was
// checked: Snowball stems differ, hunspell-ru lemmas agree (ReportSets prints both at start).
const std::vector<MorphItem> kLemma = {
    {"посёлок городского типа", {"посёлка городского типа", "посёлке городского типа"}},
    {"живой уголок", {"живого уголка", "живом уголке"}},
    {"день открытых дверей", {"дня открытых дверей", "дней открытых дверей"}},
    {"театральный кружок", {"театральных кружков", "театрального кружка"}},
    {"ледовый каток", {"ледового катка", "ледовом катке"}},
    {"военный городок", {"военного городка", "военном городке"}},
};
// Synonym / alias set: only an engine with a thesaurus can find these.
const std::vector<MorphItem> kSynonyms = {
    {"волонтерство", {"добровольчество", "добровольчества"}},
    {"ХМАО", {"Ханты-Мансийском автономном округе", "Ханты-Мансийского автономного округа"}},
    {"КРТ", {"комплексного развития территорий", "комплексное развитие территорий"}},
    {"ДШИ", {"детской школы искусств", "детская школа искусств"}},
    {"НКО", {"некоммерческих организаций", "некоммерческой организации"}},
};

const std::vector<BenchQuery> kQueries = {
    // frequent single words
    {"бюджет", ""},
    {"программа", ""},
    {"развитие", ""},
    {"организация", ""},
    {"средства", ""},
    {"область", ""},
    {"предприятие", ""},
    {"финансирование", ""},
    {"проект", ""},
    {"услуги", ""},
    // rarer single words
    {"волонтеры", ""},
    {"школьников", ""},
    {"туризма", ""},
    {"экологии", ""},
    {"инвестиций", ""},
    {"субсидии", ""},
    {"культуры", ""},
    {"молодежи", ""},
    {"здравоохранения", ""},
    {"цифровизации", ""},
    // two words
    {"развитие туризма", ""},
    {"поддержка предпринимательства", ""},
    {"бюджетные средства", ""},
    {"государственная программа", ""},
    {"социальная поддержка", ""},
    {"муниципальные образования", ""},
    {"малого бизнеса", ""},
    {"дорожного хозяйства", ""},
    {"сельского хозяйства", ""},
    {"жилищного строительства", ""},
    {"добровольческой деятельности", ""},
    {"художественное образование", ""},
    {"аварийного жилья", ""},
    {"молодежная политика", ""},
    {"энергетической эффективности", ""},
    // phrases
    {"\"государственной программы\"", ""},
    {"\"субъектов малого и среднего предпринимательства\"", ""},
    {"\"бюджетного прогноза\"", ""},
    {"\"органов местного самоуправления\"", ""},
    {"\"социально ориентированных\"", ""},
    // with facets (filter by domain + facet counts)
    {"развитие", "volunteering"},
    {"программа", "culture_art_education"},
    {"поддержка", "ngo_support"},
    {"бюджет", "krt_housing"},
    {"проект", "digitalisation"},
    {"услуги", "social_services"},
    {"развитие туризма", "tourism"},
    {"образование", "education"},
    {"средства", "ecology"},
    {"организация", "health"},
    {"инвестиции", "krt_housing"},
    {"молодежь", "youth_policy"},
};

const std::vector<std::string> kDomains = {"volunteering",    "ngo_support",     "culture_art_education",
                                           "youth_policy",    "krt_housing",     "digitalisation",
                                           "ai_public_admin", "social_services", "education",
                                           "health",          "tourism",         "ecology"};
const std::vector<std::string> kRegions = {"86", "72", "66", "74", "77", "78", "50", "16", "02", "23",
                                           "54", "24", "38", "61", "63", "52", "59", "55", "89", "25"};

inline std::vector<std::string> ReadPassages(const std::string& dir, std::size_t want) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string line, cur;
        while (std::getline(in, line)) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
            if (line.empty()) continue;
            if (!cur.empty()) cur += ' ';
            cur += line;
            if (cur.size() > 900) {
                if (IsValidUtf8(cur)) out.push_back(cur);
                cur.clear();
            }
        }
        if (cur.size() > 200 && IsValidUtf8(cur)) out.push_back(cur);
        if (out.size() >= want * 2) break;
    }
    return out;
}

inline std::string FirstWords(const std::string& s, int n) {
    std::istringstream in(s);
    std::string w, out;
    for (int i = 0; i < n && in >> w; ++i) out += (out.empty() ? "" : " ") + w;
    return out;
}

inline std::vector<BenchDoc> MakeCorpus(const std::string& rurebus, std::size_t n, std::mt19937& rng) {
    auto passages = ReadPassages(rurebus, n);
    if (passages.empty()) throw std::runtime_error("no passages in " + rurebus);
    static const char* kGenTitles[] = {"Организация добровольческой деятельности",
                                       "Интерес школьников к художественному образованию",
                                       "Расселение аварийного жилья с привлечением инвесторов",
                                       "Цифровая платформа муниципальных услуг",
                                       "Ресурсный центр поддержки НКО",
                                       "Молодежный центр в каждом районе",
                                       "Экологическое просвещение школьников",
                                       "Событийный туризм в малых городах"};
    std::vector<BenchDoc> docs;
    docs.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        BenchDoc d;
        const auto& p = passages[i % passages.size()];
        if (i >= passages.size()) {
            // Past the real texts: splice two passages so documents stay distinct.
            const auto& q = passages[(i * 7 + 3) % passages.size()];
            auto half = [](const std::string& s, bool first) {
                std::size_t cut = s.size() / 2;
                while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
                return first ? s.substr(0, cut) : s.substr(cut);
            };
            d.body = half(p, true) + " " + half(q, false);
        } else {
            d.body = p;
        }
        // A few source lines are very long: keep every passage within the passport's 5,000-byte summary
        // limit, so our index (which validates records) and the other engines index the same documents.
        if (d.body.size() > 4800) {
            std::size_t cut = 4800;
            while (cut > 0 && (static_cast<unsigned char>(d.body[cut]) & 0xC0) == 0x80) --cut;
            d.body.resize(cut);
        }
        if (i % 5 == 0) {
            d.title = kGenTitles[(i / 5) % std::size(kGenTitles)];
        } else {
            d.title = FirstWords(d.body, 10);
        }
        d.domain = kDomains[rng() % kDomains.size()];
        d.region = kRegions[rng() % kRegions.size()];
        d.year = 2015 + static_cast<int>(rng() % 10);
        docs.push_back(std::move(d));
    }
    // Morphology, synonym and lemma documents: one doc form inserted into a passage each (replacing
    // the title), in the year no other document has. kLemma comes last so the earlier sets keep the
    // positions they had before it existed.
    std::size_t slot = 1;
    for (const auto* set : {&kMorph, &kSynonyms, &kLemma})
        for (const auto& m : *set)
            for (const auto& form : m.doc_forms) {
                auto& d = docs[(slot * 97) % docs.size()];
                slot += 1;
                d.title = "Опыт " + form;
                d.body = "В рамках практики " + form + " обсуждались. " + d.body;
                d.year = kInjectedYear;
            }
    return docs;
}

// Snowball stems of a text, as ours and FTS5 analyse it (ICU words, case and ё folded).
inline std::vector<std::string> Stems(const std::string& text) {
    std::vector<std::string> out;
    for (auto& w : search::detail::Analyze(text)) out.push_back(w.stem);
    return out;
}

// True when some document form of the item has other Snowball stems than its query.
inline bool StemFailure(const MorphItem& m) {
    auto q = Stems(m.query);
    return std::any_of(m.doc_forms.begin(), m.doc_forms.end(), [&](const std::string& f) { return Stems(f) != q; });
}

// True when every document form has, word by word, a hunspell-ru lemma in common with the query.
inline bool LemmasAgree(const MorphItem& m, const text::Lemmatizer& lem) {
    auto words = [](const std::string& text) {
        std::vector<std::string> out;
        for (auto& w : search::detail::Analyze(text)) out.push_back(w.folded);
        return out;
    };
    auto q = words(m.query);
    for (const auto& f : m.doc_forms) {
        auto d = words(f);
        if (d.size() != q.size()) return false;
        for (std::size_t i = 0; i < q.size(); ++i) {
            auto ql = lem.Lemmas(q[i]), dl = lem.Lemmas(d[i]);
            if (std::none_of(ql.begin(), ql.end(),
                             [&](const std::string& l) { return std::count(dl.begin(), dl.end(), l) > 0; }))
                return false;
        }
    }
    return true;
}

// Once at start, to stderr: how many items of each set are stem-failure items (kMorph should have
// none, kLemma only those) and, for kLemma, how many hunspell-ru can join.
inline void ReportSets() {
    auto count = [](const std::vector<MorphItem>& set, const std::function<bool(const MorphItem&)>& pred) {
        return std::count_if(set.begin(), set.end(), pred);
    };
    const auto& lem = text::Lemmatizer::Default();
    std::cerr << "stem-failure items (a document form's Snowball stems differ from the query's): morphology "
              << count(kMorph, StemFailure) << " of " << kMorph.size() << ", lemma " << count(kLemma, StemFailure)
              << " of " << kLemma.size() << "; hunspell-ru lemmas agree for "
              << count(kLemma, [&](const MorphItem& m) { return LemmasAgree(m, lem); }) << " of " << kLemma.size()
              << " lemma items" << (lem.has_dictionary() ? "" : " (no dictionary: " + lem.status() + ")") << "\n";
    std::size_t injected = 0;
    for (const auto* set : {&kMorph, &kSynonyms, &kLemma})
        for (const auto& m : *set) injected += m.doc_forms.size();
    if (injected >= 100)  // the filtered recall runs ask for 100 hits to see every match
        std::cerr << "  " << injected << " injected documents: raise the recall limit above it\n";
    for (const auto* set : {&kMorph, &kLemma})
        for (const auto& m : *set)
            if (StemFailure(m) != (set == &kLemma))
                std::cerr << "  misplaced item «" << m.query
                          << "»: " << (set == &kLemma ? "stems agree" : "stems differ") << "\n";
}

}  // namespace orientir::search_bench
