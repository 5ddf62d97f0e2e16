// Rng: a small deterministic generator (splitmix64) for demo data. The same
// seed gives the same sequence on every machine and compiler, which the
// standard library's distributions do not promise. One per thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace jiceng {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform integer in [lo, hi].
  int Uniform(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1)); }
  // True with probability `p`.
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Next() % items.size()];
  }
  // Index chosen with the given (integer) weights.
  size_t Weighted(const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int r = Uniform(0, total - 1);
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  // An independent generator for a sub-task, so that adding draws in one place
  // does not shift every later one.
  Rng Fork(uint64_t salt) { return Rng(Next() ^ (salt * 0xD6E8FEB86659FD93ULL)); }

 private:
  uint64_t state_;
};

}  // namespace jiceng
