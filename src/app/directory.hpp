#pragma once
// Directory: the reference tables every request needs (regions, federal districts, domains,
// municipality → region), cached in memory and reloaded after they change. Also the store-backed
// implementation of domain::References used by validation.
//
// Thread safety: safe for concurrent use; readers get immutable snapshots.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/types.hpp"
#include "domain/validation.hpp"
#include "storage/store.hpp"

namespace orientir::app {

struct DirectoryData {
    std::vector<domain::Region> regions;  // ordered by name
    std::vector<domain::FederalDistrict> districts;
    std::vector<domain::Domain> domains;
    std::map<std::string, std::size_t> by_code, by_iso, by_okato, by_oktmo;  // → index in regions
    std::map<std::string, std::size_t> by_name;  // folded name, short, full and English names, aliases

    const domain::Region* Region(const std::string& code) const;
    const domain::FederalDistrict* District(const std::string& code) const;
    const domain::Domain* DomainByCode(const std::string& code) const;
};

class Directory {
public:
    explicit Directory(storage::Store& store);
    std::shared_ptr<const DirectoryData> Get();
    void Invalidate();

private:
    storage::Store& store_;
    std::mutex mu_;
    std::shared_ptr<const DirectoryData> data_;
};

// domain::References answered inside a write transaction (so records created earlier in the same
// transaction count) with the directory for region/domain codes.
class TxReferences final : public domain::References {
public:
    TxReferences(storage::WriteTx& tx) : tx_(tx) {}
    bool RegionExists(const std::string& code) const override;
    bool DomainExists(const std::string& code) const override;
    bool IndicatorExists(const std::string& code) const override;
    bool EffectTemplateExists(const std::string& code) const override;
    std::optional<std::string> MunicipalityRegion(domain::Id id) const override;
    bool OrganisationExists(domain::Id id) const override;
    bool PersonExists(domain::Id id) const override;
    bool PracticeExists(domain::Id id) const override;
    std::optional<std::string> PracticeOriginRegion(domain::Id id) const override;
    std::optional<domain::Id> AdoptionPractice(domain::Id id) const override;

private:
    storage::WriteTx& tx_;
};

}  // namespace orientir::app
