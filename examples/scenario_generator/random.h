// Reproducible randomness for the scenario generator.
//
// The files must be byte-identical for the same options on any machine, so nothing here uses
// std::*_distribution (their algorithms are implementation-defined) or libm's log/exp/pow (their
// last bit may differ between C libraries). Everything is built from 64-bit integer mixing and
// the basic IEEE operations (+ - * /), which are exactly rounded everywhere as long as the
// compiler does not fuse multiply-adds; the CMake target turns contraction off for that reason.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

namespace moneytrail::scenario {

/// splitmix64 finaliser: a bijective 64-bit mix, used both to seed generators and to hash
/// (seed, index) pairs into stable per-item keys.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

constexpr std::uint64_t hash_pair(std::uint64_t a, std::uint64_t b) {
  return mix64(mix64(a) ^ (b * 0xD6E8FEB86659FD93ULL));
}

inline constexpr double kLn2 = 0.6931471805599453094;

/// Natural logarithm of a positive, normal, finite x. Range-reduced to [sqrt(1/2), sqrt(2))
/// and evaluated as 2*atanh((m-1)/(m+1)); accurate to a few ulp, and identical everywhere.
inline double det_log(double x) {
  std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
  int exponent = static_cast<int>((bits >> 52) & 0x7FF) - 1023;
  bits = (bits & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL;
  double m = std::bit_cast<double>(bits);
  if (m > 1.4142135623730951) {
    m *= 0.5;
    ++exponent;
  }
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  // |s| <= 0.172, so terms up to s^23 reach double precision.
  double sum = 1.0 / 23.0;
  for (int k = 21; k >= 1; k -= 2) sum = sum * s2 + 1.0 / k;
  return 2.0 * s * sum + exponent * kLn2;
}

/// e^x for |x| < 700, by x = k*ln2 + r with |r| <= ln2/2 and a Taylor polynomial in r.
inline double det_exp(double x) {
  const double scaled = x / kLn2;
  const auto k = static_cast<int>(scaled >= 0 ? scaled + 0.5 : scaled - 0.5);
  const double r = x - k * kLn2;
  double sum = 1.0;
  for (int n = 14; n >= 1; --n) sum = 1.0 + sum * r / n;
  return std::ldexp(sum, k);  // scaling by a power of two is exact
}

/// x^y for x > 0.
inline double det_pow(double x, double y) { return det_exp(y * det_log(x)); }

/// xoshiro256** seeded through splitmix64. Each generator phase owns a stream so that, for
/// example, asking for more background rows does not change the laundering chains.
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t s = hash_pair(seed, stream);
    for (auto& word : state_) {
      s += 0x9E3779B97F4A7C15ULL;
      word = mix64(s);
    }
  }

  std::uint64_t next() {
    const std::uint64_t result = std::rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = std::rotl(state_[3], 45);
    return result;
  }

  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// Uniform integer in [0, n), n > 0 (multiply-shift; the bias is below 2^-40 for our n).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }

  /// Uniform integer in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  bool chance(double p) { return uniform() < p; }

  /// Exponential with the given median (median = mean * ln 2).
  double exponential_median(double median) {
    return -(median / kLn2) * det_log(1.0 - uniform());  // 1-u lies in (0, 1]
  }

 private:
  std::uint64_t state_[4];
};

/// Pareto restricted to [lo, hi] by inverting its CDF: the heavy-tailed amounts of payments.
class BoundedPareto {
 public:
  BoundedPareto(double lo, double hi, double alpha)
      : lo_(lo), span_(1.0 - det_pow(lo / hi, alpha)), inverse_alpha_(-1.0 / alpha), hi_(hi) {}

  double operator()(Rng& rng) const {
    const double x = lo_ * det_pow(1.0 - rng.uniform() * span_, inverse_alpha_);
    return x > hi_ ? hi_ : x;
  }

 private:
  double lo_, span_, inverse_alpha_, hi_;
};

/// Ranks 0..n-1 with P(i) roughly proportional to 1/(i + c), sampled in O(1) by inverting the
/// continuous CDF. Small c gives a few hugely popular ranks (merchants), large c a milder skew
/// (how active people are); both give the heavy-tailed degrees of real payment graphs.
class ZipfRank {
 public:
  ZipfRank(std::uint64_t n, double c)
      : n_(n), c_(c), log_range_(det_log((static_cast<double>(n) + c) / c)) {}

  std::uint64_t operator()(Rng& rng) const {
    const double x = c_ * (det_exp(rng.uniform() * log_range_) - 1.0);
    const auto rank = static_cast<std::uint64_t>(x);
    return rank < n_ ? rank : n_ - 1;
  }

 private:
  std::uint64_t n_;
  double c_;
  double log_range_;
};

}  // namespace moneytrail::scenario
