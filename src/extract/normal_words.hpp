#pragma once
// Word-level rules of the normal forms (internal to src/extract, normal.cpp): UTF-32 helpers, endings,
// adjectives into the nominative, noun lemmas, first names, patronymics and surnames.

#include <string>
#include <string_view>

namespace orientir::extract::detail::words {

enum class Gender { kMasc, kFem, kNeut, kPlural };

std::u32string U32(std::string_view s);
std::string U8(const std::u32string& s);
char32_t Lower(char32_t c);
char32_t Upper(char32_t c);
bool SameLetter(char32_t a, char32_t b);
// The lemma written as the original is (capitals kept).
std::string LikeOriginal(std::string_view original, std::string_view lemma);
bool Ends(std::string_view s, std::string_view suf);
// Replaces the ending `suf` of folded `f` by `rep` (caller checked Ends).
std::string Swap(std::string_view f, std::string_view suf, std::string_view rep);
// An adjective (or participle) by the dictionary; without the dictionary, by the ending.
bool IsAdjectiveWord(const std::string& f);
// A job that is a post only with a rank word before it («главный врач», «ведущий специалист»), by token key.
bool IsChiefJobNoun(const std::string& key);
bool IsAdjectiveForm(std::string_view f);
// The nominative of an adjective (folded) agreeing with a head of `g`.
std::string AdjectiveNominative(std::string_view f, Gender g);
Gender GenderOfNoun(std::string_view lemma);
// The gender of an organisation's abbreviation (folded) by the noun it stands for: «МФЦ» (центр) masculine,
// «ГБУ» (учреждение) neuter, «ДШИ» (школа) feminine — the last also for one not listed.
Gender GenderOfAbbreviation(std::string_view folded);
// A town's name in the genitive, as «… города Томска» writes it («Томск» → «Томска», «Нижний Тагил» →
// «Нижнего Тагила», «Казань» → «Казани», «Ростов-на-Дону» → «Ростова-на-Дону»); empty for a name these rules
// cannot decline with confidence (plurals such as «Набережные Челны»).
std::string TownGenitive(std::string_view name);
bool IsPluralForm(std::string_view f);
// Noun lemma by hunspell, preferring a lemma that shares the word's first letters.
// `after_genitive_adjective`: a masculine genitive adjective («муниципального») stands before the word.
std::string NounLemma(const std::string& word, bool after_genitive_adjective = false);
bool PossessiveSurnameForm(const std::string& f);
bool IsFemaleFirstName(const std::string& lemma);
std::string PatronymicNominative(const std::string& f);
// Surname in the nominative. `female`: the first name is feminine; `oblique`: the first name was not in the
// nominative, so the surname is not either.
std::string SurnameNominative(const std::string& f, bool female, bool oblique, bool known_gender);

}  // namespace orientir::extract::detail::words
