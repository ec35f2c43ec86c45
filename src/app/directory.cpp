#include "app/directory.hpp"

#include <algorithm>

#include "app/entities.hpp"
#include "text/normalize.hpp"

namespace orientir::app {

const domain::Region* DirectoryData::Region(const std::string& code) const {
    auto it = by_code.find(code);
    return it == by_code.end() ? nullptr : &regions[it->second];
}
const domain::FederalDistrict* DirectoryData::District(const std::string& code) const {
    for (const auto& d : districts)
        if (d.code == code) return &d;
    return nullptr;
}
const domain::Domain* DirectoryData::DomainByCode(const std::string& code) const {
    for (const auto& d : domains)
        if (d.code == code) return &d;
    return nullptr;
}

Directory::Directory(storage::Store& store) : store_(store) {}

void Directory::Invalidate() {
    std::lock_guard lock(mu_);
    data_.reset();
}

std::shared_ptr<const DirectoryData> Directory::Get() {
    std::lock_guard lock(mu_);
    if (data_) return data_;
    auto d = std::make_shared<DirectoryData>();
    (void)store_.Scan("region", [&](const storage::Doc& doc) {
        d->regions.push_back(FromDoc<domain::Region>(doc));
        return true;
    });
    std::sort(d->regions.begin(), d->regions.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    for (std::size_t i = 0; i < d->regions.size(); ++i) {
        const auto& r = d->regions[i];
        d->by_code[r.code] = i;
        if (r.iso) d->by_iso[*r.iso] = i;
        if (r.okato) d->by_okato[*r.okato] = i;
        if (r.oktmo) d->by_oktmo[*r.oktmo] = i;
        for (const auto* name : {&r.name, &r.short_name, &r.full_name, &r.name_en})
            if (!name->empty()) d->by_name.emplace(text::Fold(*name), i);
        for (const auto& alias : r.aliases) d->by_name.emplace(text::Fold(alias), i);
    }
    (void)store_.Scan("federal_district", [&](const storage::Doc& doc) {
        d->districts.push_back(FromDoc<domain::FederalDistrict>(doc));
        return true;
    });
    (void)store_.Scan("domain", [&](const storage::Doc& doc) {
        d->domains.push_back(FromDoc<domain::Domain>(doc));
        return true;
    });
    data_ = d;
    return data_;
}

bool TxReferences::RegionExists(const std::string& code) const {
    return tx_.FindOne("region", "code", code).has_value();
}
bool TxReferences::DomainExists(const std::string& code) const {
    return tx_.FindOne("domain", "code", code).has_value();
}
bool TxReferences::IndicatorExists(const std::string& code) const {
    return tx_.FindOne("indicator", "code", code).has_value();
}
bool TxReferences::EffectTemplateExists(const std::string& code) const {
    auto page = tx_.List({"domain", {}, 0, 200, false});
    if (!page.ok()) return false;
    for (const auto& d : page->docs) {
        for (const auto& t : FromDoc<domain::Domain>(d).effect_templates)
            if (t.code == code) return true;
    }
    return false;
}
std::optional<std::string> TxReferences::MunicipalityRegion(domain::Id id) const {
    auto d = tx_.Get("municipality", id);
    if (!d.ok()) return std::nullopt;
    return FromDoc<domain::Municipality>(d.value()).region;
}
bool TxReferences::OrganisationExists(domain::Id id) const { return tx_.Get("organisation", id).ok(); }
bool TxReferences::PersonExists(domain::Id id) const { return tx_.Get("person", id).ok(); }
bool TxReferences::PracticeExists(domain::Id id) const { return tx_.Get("practice", id).ok(); }
std::optional<std::string> TxReferences::PracticeOriginRegion(domain::Id id) const {
    auto d = tx_.Get("practice", id);
    if (!d.ok()) return std::nullopt;
    return FromDoc<domain::Practice>(d.value()).origin.region;
}
std::optional<domain::Id> TxReferences::AdoptionPractice(domain::Id id) const {
    auto d = tx_.Get("adoption", id);
    if (!d.ok()) return std::nullopt;
    return FromDoc<domain::Adoption>(d.value()).practice_id;
}

}  // namespace orientir::app
