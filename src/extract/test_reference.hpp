// Tests only: the extractor over the reference directory (regions, municipalities), as extract_eval runs it.
#pragma once

#include <stdexcept>

#include "extract/extractor.hpp"

namespace orientir::extract::testing {

// Reference files only: demo records (another module's data) must not move the expected output.
inline const Extractor& ReferenceExtractor() {
    static const Extractor* ex = [] {
        auto g = LoadReferenceGazetteer(ORIENTIR_SOURCE_DATA_DIR, /*include_demo=*/false);
        if (!g.ok()) throw std::runtime_error(g.error().message);
        return new Extractor(*g);
    }();
    return *ex;
}

}  // namespace orientir::extract::testing
