// JSON edge and the codec of every entity: ParseJson on arbitrary bytes, then each type's strict reader
// and, when it accepts, its writer and the reader again (the round trip must be accepted too).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/json.hpp"
#include "domain/codec.hpp"

namespace {
template <class T>
void RoundTrip(const orientir::Json& j) {
    T v;
    if (!orientir::domain::FromJson(j, v).ok()) return;
    auto back = orientir::Json::parse(orientir::domain::ToJson(v).dump());
    T again;
    if (!orientir::domain::FromJson(back, again).ok()) __builtin_trap();  // our own output must read back
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace orientir::domain;
    auto j = orientir::ParseJson(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!j.ok()) return 0;
    RoundTrip<FederalDistrict>(*j);
    RoundTrip<Region>(*j);
    RoundTrip<Municipality>(*j);
    RoundTrip<Domain>(*j);
    RoundTrip<Organisation>(*j);
    RoundTrip<Person>(*j);
    RoundTrip<Position>(*j);
    RoundTrip<Practice>(*j);
    RoundTrip<Adoption>(*j);
    RoundTrip<Indicator>(*j);
    RoundTrip<IndicatorValue>(*j);
    RoundTrip<AdoptionRequest>(*j);
    RoundTrip<Article>(*j);
    return 0;
}
