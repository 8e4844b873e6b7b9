// Wall-clock timing shared by the benchmark programs.
#pragma once

#include <chrono>

namespace moneytrail::bench {

/// Seconds that f() takes.
template <typename F>
double seconds(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace moneytrail::bench
