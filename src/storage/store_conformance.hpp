#pragma once
// The Store conformance suite: one set of tests every backend must pass. A backend's test file
// instantiates it: INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance, ::testing::Values(factory));

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "storage/store.hpp"

namespace orientir::storage {

struct StoreFactory {
    std::string name;
    // Creates an empty, migrated store.
    std::function<std::unique_ptr<Store>()> make;
};

inline std::ostream& operator<<(std::ostream& os, const StoreFactory& f) { return os << f.name; }

class StoreConformance : public ::testing::TestWithParam<StoreFactory> {
protected:
    void SetUp() override { store_ = GetParam().make(); }
    std::unique_ptr<Store> store_;
};

}  // namespace orientir::storage
