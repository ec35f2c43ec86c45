#pragma once
// Internal state of one extraction: tokens with their keys and flags, sentences, mentions found so far.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/extractor.hpp"
#include "text/normalize.hpp"
#include "text/sentences.hpp"

namespace orientir::extract::detail {

struct Tok {
    std::string text, folded, key;  // key: Gazetteer::TokenKey (stem or exact ALL-CAPS form)
    std::int32_t start = 0, end = 0;
    bool word = false;
    bool cap = false;       // starts with an upper-case letter
    bool all_caps = false;  // ALL-CAPS abbreviation
    bool sent_start = false;
    std::size_t sent = 0;
};

struct Doc {
    std::string_view text;
    std::vector<Tok> toks;
    std::vector<text::Sentence> sents;
    std::vector<Mention> mentions;
    // Token ranges of mentions (parallel to `mentions`).
    std::vector<std::pair<std::size_t, std::size_t>> spans;

    std::vector<std::uint32_t> cp_to_byte;  // byte offset of every code point, plus the end
    // Position mention start token → end of the whole post with its body («министр культуры» →
    // «министр культуры Пермского края»).
    std::unordered_map<std::size_t, std::size_t> post_end;

    std::string Slice(std::size_t b, std::size_t e) const;            // original text of tokens [b, e)
    std::string SliceCp(std::int32_t start, std::int32_t end) const;  // by code point offsets
    // The first sentence of the paragraph that holds sentence s (paragraphs end at a line break).
    std::size_t ParagraphStart(std::size_t s) const;
    // Index of the mention of one of `kinds` that covers token i, or -1.
    int MentionAt(std::size_t i, std::initializer_list<MentionKind> kinds) const;
    // Index of a mention of one of `kinds` starting exactly at token i, or -1.
    int MentionStartingAt(std::size_t i, std::initializer_list<MentionKind> kinds) const;
};

class RankModel;
// How the practice title of an adoption fact is chosen: by `model` (a choice among the article's noun phrases,
// practice_chooser.hpp) when given, else the rules' phrase; `collect` keeps the phrases weighed on the fact.
struct PracticeChoice {
    const RankModel* model = nullptr;
    bool collect = false;
};
void FindFacts(const Doc& doc, std::vector<Fact>& facts, const RankModel* ranker, PracticeChoice choice = {});
// A lower-case word every dictionary reading of which is a verb («создадут», «приехали»).
bool VerbForm(const Tok& t);
// At least two letters and no lower-case one: «МВД», «ХМАО», «ДШИ».
bool IsAllCaps(std::string_view s);
// «Республиканский», «областной», «межрайонной»: the adjectives an official body's name opens with.
bool OfficialAdjective(const std::string& folded);
// «Мариной», «Иваном» (folded): a first name's instrumental ending, not a genitive's («Марины», «Ивана»).
bool InstrumentalNameForm(const std::string& f);
// «назначен», «избрана», «переизбран», «утверждена»: a short participle of appointing, which ends a post or a body's
// name («…больницы назначен Артём …»).
bool AppointedForm(const std::string& folded);

// Sets `normal` of every mention (nominative forms; directory names for linked mentions).
void Normalise(Doc& doc);
// Tokens [b, e) with their leading adjectives and head noun in the nominative («первым заместителем
// губернатора» → «первый заместитель губернатора»); `lower` folds the result to lower case.
std::string NominativePhrase(const Doc& d, std::size_t b, std::size_t e, bool lower);
// A post naming its body by kind alone («главный врач больницы») gets the body the article names in full
// (positions_bodies.cpp).
void ExpandBareBodies(const Doc& d, std::vector<Fact>& facts);
// The words of a person's name in the nominative, folded (facts.cpp).
std::vector<std::string> NameWords(const Mention& m);
// «Андрей Лаптев», «Андрей Викторович Лаптев», «Лаптев»: one person in one article — the same surname and, where
// both give one, the same first name (an initial agrees with the name it begins).
bool SamePerson(const Mention& a, const Mention& b);
// Adoption facts of the whole text (adoption.cpp); `personnel`: the text links an official to another
// region (the channel is then «personnel» unless the sentence names another one).
// `ranker`: the learned fallback when no rule finds one (adoption_ranker.hpp); nullptr = rules only.
void FindAdoptions(const Doc& d, std::vector<Fact>& facts, bool personnel, const RankModel* ranker,
                   PracticeChoice choice = {});

// The stem of a body's head noun, the first that is not an adjective nor a legal form: «ГБУЗ «Городская клиническая
// больница № 1»» → «больниц»; empty when there is none.
std::string OrganisationHead(const std::string& name);

class Tagger;
// Tokens, sentences and mentions of one text (rules and gazetteers; then the tagger when given),
// mentions sorted by start. Used by Extractor::Extract and by the tagger's training tool.
void Analyse(const Gazetteer& g, std::string_view utf8_text, Doc& d, const Tagger* tagger,
             const Tagger* inner = nullptr);

}  // namespace orientir::extract::detail
