#pragma once
// Lines written in capitals («В СЕРНУРСКОМ РАЙОНЕ ПЕРЕНЯЛИ ОПЫТ УДМУРТСКИХ СОСЕДЕЙ», a report's section
// heading «ДОРОГИ, АВАРИЙНОЕ ЖИЛЬЕ…», a ministry's letterhead) carry no case information, and the extractor
// reads case: an all-capitals word is an abbreviation, a capital starts a name. RecaseCapitalLines gives such
// a line the case ordinary prose would have — names of places and bodies the gazetteer knows, and words the
// dictionary does not know, with a capital; common words in lower case; short unknown words (СХПК, МФЦ) left
// as abbreviations — and leaves every other line as it is. Only letters change case, and Cyrillic and Latin
// letters keep their byte length in UTF-8, so offsets into the result are offsets into the input.
#include <string>
#include <string_view>

namespace orientir::extract {
class Gazetteer;
namespace detail {

std::string RecaseCapitalLines(std::string_view text, const Gazetteer& gazetteer);

}  // namespace detail
}  // namespace orientir::extract
