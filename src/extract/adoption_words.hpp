#pragma once
// Word lists and cues of the adoption rules (internal to src/extract; adoption*.cpp): borrowing,
// applying and launching verbs, practice nouns, source cues, people who stand for an adopter.

#include <initializer_list>
#include <string>

#include "extract/doc.hpp"

namespace orientir::extract::detail::adoption {

enum class Trigger { kNone, kBorrow, kTransfer, kShare, kIntroduce, kSpread, kInterest };

bool Pre(const std::string& s, std::initializer_list<const char*> prefixes);  // starts with one of them
bool In(const std::string& s, std::initializer_list<const char*> words);      // equals one of them
// Two practice phrases share a content word (by stem, five letters at least).
bool SharesWord(const std::string& a, const std::string& b);
bool IsPlaceKind(MentionKind k);
bool IsPracticeNoun(const std::string& f);
// Nouns that introduce the one who had the practice in the genitive: «опыт Югры», «по примеру Чувашии».
bool IsSourceCue(const std::string& f);
bool IsStrongCue(const std::string& f);
// A verb of going somewhere: «побывали», «съездили», «ездил», «приезжали», «посетили», «слетали».
bool IsTripVerb(const std::string& f);
bool IsApplyingVerb(const std::string& f);
bool IsParticipleOfOrigin(const std::string& f);
bool IsWorkingVerb(const std::string& f);
bool IsLaunchVerb(const std::string& f);
bool IsAdopterPeople(const std::string& f);
bool AdjectiveShaped(const std::string& f);
// «учимся», «поучиться»: with «у» + a party, learning from its practice
bool IsLearnVerb(const std::string& f);
// «отказались», «свернули», «упразднили»: a practice given up
bool IsGivenUpWord(const std::string& f);
// «пилотный», «в тестовом режиме», «апробируют», «эксперимент»: a practice on trial
bool IsTrialWord(const std::string& f);
// What a word does in the sentence (a verb of borrowing, transferring, introducing, spreading, interest).
Trigger TriggerOf(const Tok& t, const Tok* prev);

}  // namespace orientir::extract::detail::adoption
