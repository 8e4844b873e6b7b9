#include "algorithms/scoring/victim_money.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "graph/option_error.h"

namespace moneytrail {
namespace {

// The 16 smallest hashes of the victims whose money reached an account (a bottom-k sketch,
// Cohen and Kaplan, "Summarizing data using bottom-k sketches", PODC 2007): exact up to 16
// victims, an unbiased estimate of the distinct count above.
constexpr std::size_t kSketch = 16;
struct BottomK {
  std::array<std::uint64_t, kSketch> hash{};
  std::uint8_t size = 0;

  void insert(std::uint64_t h) {
    auto end = hash.begin() + size;
    auto at = std::lower_bound(hash.begin(), end, h);
    if (at != end && *at == h) return;
    if (size < kSketch) {
      std::copy_backward(at, end, end + 1);
      *at = h;
      ++size;
    } else if (at != end) {
      std::copy_backward(at, end - 1, end);
      *at = h;
    }
  }
  std::uint32_t estimate() const {
    if (size < kSketch) return size;
    const double largest = static_cast<double>(hash[kSketch - 1]) / 18446744073709551616.0;
    return static_cast<std::uint32_t>(std::lround((kSketch - 1) / std::max(largest, 1e-18)));
  }
};

std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

VictimMoney trace_victim_money(const TransactionGraph& graph, const std::vector<double>& base,
                               const std::vector<float>& scam_weight,
                               const VictimMoneyOptions& options) {
  const std::uint32_t m = graph.num_transactions(), n = graph.num_accounts();
  if (base.size() != m || scam_weight.size() != m)
    throw std::invalid_argument("victim money: one base value and one weight per transaction");
  if (!(options.reach_share > 0 && options.reach_share <= 1))
    throw OptionError("reach_share", "must be in (0, 1]");
  for (float w : scam_weight)
    if (!(w >= 0 && w <= 1)) throw std::invalid_argument("victim money: weights must be in [0, 1]");
  const TransactionTable& tx = graph.transactions();
  const AccountTable& accounts = graph.accounts();
  VictimMoney r;
  r.received.assign(n, 0.0);
  r.passed_on.assign(n, 0.0);
  r.victims_reached.assign(n, 0);
  r.tainted_share.assign(m, 0.0f);
  std::vector<double> balance(n), tainted(n, 0.0);
  for (VertexId v = 0; v < n; ++v)
    balance[v] = accounts.has_opening_balance(v) ? std::max(0.0, accounts.opening_balance[v]) : 0.0;
  // Sketches only for accounts victims' money reaches: most never get one.
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> sketch_of(n, kNone);
  std::vector<BottomK> sketches;
  auto sketch = [&](VertexId v) -> BottomK& {
    if (sketch_of[v] == kNone) {
      sketch_of[v] = static_cast<std::uint32_t>(sketches.size());
      sketches.emplace_back();
    }
    return sketches[sketch_of[v]];
  };

  for (TxIndex t = 0; t < m; ++t) {
    const VertexId u = tx.from[t], w = tx.to[t];
    if (u == w) continue;
    const double amount = base[t];
    if (!(amount > 0)) continue;
    double moved = 0;
    if (scam_weight[t] > 0) {
      moved = amount * scam_weight[t];  // the victim's own money, as far as it is the scam
    } else if (tainted[u] > 0) {
      moved = balance[u] >= amount ? tainted[u] * (amount / balance[u]) : tainted[u];
    }
    moved = std::min(moved, amount);
    if (scam_weight[t] == 0) tainted[u] -= std::min(moved, tainted[u]);
    balance[u] = std::max(0.0, balance[u] - amount);
    tainted[u] = std::min(tainted[u], balance[u]);
    balance[w] += amount;
    tainted[w] += moved;
    r.received[w] += moved;
    r.passed_on[u] += moved;
    r.tainted_share[t] = static_cast<float>(moved / amount);
    if (moved < options.reach_share * amount) continue;
    if (scam_weight[t] > 0) {
      sketch(w).insert(mix(u));
    } else if (sketch_of[u] != kNone) {
      const BottomK from = sketches[sketch_of[u]];  // a copy: sketch(w) may reallocate
      BottomK& to = sketch(w);
      for (std::size_t i = 0; i < from.size; ++i) to.insert(from.hash[i]);
    }
  }
  for (VertexId v = 0; v < n; ++v)
    if (sketch_of[v] != kNone) r.victims_reached[v] = sketches[sketch_of[v]].estimate();
  return r;
}

}  // namespace moneytrail
