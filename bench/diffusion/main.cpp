// Standalone diffusion benchmark: the same as `orientir bench diffusion`.
#include <iostream>
#include <string>
#include <vector>

#include "diffusion/diffusion_bench.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    bool has_regions = false;
    for (auto& a : args) has_regions = has_regions || a == "--regions";
    if (!has_regions) {
        args.emplace_back("--regions");
        args.emplace_back(ORIENTIR_SOURCE_DATA_DIR "/reference/regions.json");
    }
    return orientir::analytics::bench::RunDiffusionBench(args, std::cout);
}
