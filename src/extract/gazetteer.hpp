#pragma once
// Gazetteer: the directory entities an article can mention (regions with their aliases, adjectives and
// capitals; municipalities; countries; organisations; known persons), compiled into stem sequences so
// that inflected and adjectival forms match («в Югре», «Ханты-Мансийского автономного округа — Югры»,
// «тюменских муниципалитетах», «нижневартовской школы»).
//
// Built by the caller from plain domain records (from the store, or from the reference files with
// LoadReferenceGazetteer), so a new organisation or person is recognised without code changes: rebuild
// the Gazetteer and swap the shared_ptr. A built Gazetteer is immutable and safe for concurrent use
// from any number of threads.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "domain/types.hpp"

namespace orientir::extract {

enum class EntityKind { kRegion, kMunicipality, kCountry, kOrganisation, kPerson };
std::string_view EntityKindCode(EntityKind k);  // "region", "municipality", ...

// A link from a mention to a directory entity.
struct EntityRef {
    EntityKind kind = EntityKind::kRegion;
    std::string code;    // region: subject code "86"; municipality: OKTMO when known
    std::string iso;     // region: "RU-KHM"; country: "RU"
    std::string name;    // canonical name
    std::string region;  // region code the entity lies in (municipality, organisation), may be empty
    domain::Id id = 0;   // store id when the record came from the store
    std::string key;     // stable external key (organisations, persons), may be empty
    bool federal_city = false;  // a region that is a city (Москва, Санкт-Петербург, Севастополь)
    bool capital = false;  // a municipality that is its region's capital
};

namespace detail {
// One compiled name: a sequence of token keys (stems; exact folded text for ALL-CAPS abbreviations).
struct Pattern {
    std::vector<std::string> keys;
    std::uint32_t entry = 0;
    bool needs_capital = false;  // the first word must be written with a capital letter
    bool adjectival = false;     // «тюменский», «сургутской»: an adjective derived from the name
    bool needs_cue = false;  // a common word too («Белый», «Король»): only after «в», «г.», «город»
    bool lemma_check = false;  // short stem: confirm with the dictionary that the word is a form of the name
    std::string lemma;         // folded name for lemma_check
    bool demonym = false;      // «свердловчане», «омичи»: the people of a region standing for it
    // a land named in «-ье» («Ставрополье», «Приморье»): its forms keep the soft sign and an ending after it
    // («Ставрополья», «на Ставрополье»), which the town's («Ставрополя», «Ставрополь») do not; folded, without «е»
    std::string soft_stem;
};
}  // namespace detail

class Gazetteer {
public:
    class Builder {
    public:
        Builder();
        Builder& AddRegion(const domain::Region& r);
        // `region_capital`: set when this municipality is the capital of its region.
        Builder& AddMunicipality(const domain::Municipality& m);
        Builder& AddOrganisation(const domain::Organisation& o);
        Builder& AddPerson(const domain::Person& p);
        // Countries are built in (about 120, with common short forms: РФ, США, КНР, ФРГ, ...); this adds
        // more or alternative names.
        Builder& AddCountry(const std::string& name, const std::string& iso, const std::vector<std::string>& aliases);
        std::shared_ptr<const Gazetteer> Build();

    private:
        std::shared_ptr<Gazetteer> g_;
    };

    struct Match {
        std::size_t end_token = 0;  // exclusive
        std::uint32_t entry = 0;
        bool adjectival = false;
        bool demonym = false;  // «свердловчан», «кубанцы»: residents standing for their region
    };

    const std::vector<EntityRef>& entries() const { return entries_; }
    std::size_t size() const { return entries_.size(); }

    // Longest match starting at token `i`. `keys[i]` is the key of token i (see TokenKey), `capital[i]`
    // whether it starts with a capital letter, `words[i]` its text (for dictionary checks).
    // `capital`: 1 for a word written with a capital, 2 when it also opens a sentence (0 otherwise).
    bool MatchAt(const std::vector<std::string>& keys, const std::vector<char>& capital,
                 const std::vector<std::string>& words, std::size_t i, Match& out) const;

    // The key of one token for matching: exact folded text for ALL-CAPS abbreviations («ХМАО»), else
    // the Snowball stem.
    static std::string TokenKey(std::string_view token_text);

private:
    void AddPattern(std::string_view name, std::uint32_t entry, bool adjectival, bool allow_lowercase,
                    bool demonym = false);
    std::uint32_t AddEntry(EntityRef ref);

    std::vector<EntityRef> entries_;
    std::unordered_map<std::string, std::vector<detail::Pattern>> by_first_;
    std::unordered_map<std::string, std::uint32_t> region_by_code_;
};

// Loads data/reference/regions.json and data/reference/municipalities.csv (and data/demo/
// organisations.json, persons.json when present and `include_demo`) from `data_dir`. For `orientir
// extract` without a store and for tests; the app should build the Gazetteer from its store instead.
Result<std::shared_ptr<const Gazetteer>> LoadReferenceGazetteer(const std::string& data_dir, bool include_demo = true);

}  // namespace orientir::extract
