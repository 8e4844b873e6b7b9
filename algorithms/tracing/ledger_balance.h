// The balance rules every trace applies to an account, written once: the running balance a
// ledger keeps (never below zero, a debit of about all of it empties it, the rest unfunded), the
// smallest opening balance that keeps an account's balance from going negative, and the replay
// of an account's own transactions in processing order that both are computed over.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "graph/transaction_graph.h"

namespace moneytrail {

/// Two amounts closer than this, relative, are equal: a debit of a whole lot or balance takes all
/// of it instead of leaving a rounding residue behind.
inline constexpr double kLedgerRelativeEpsilon = 1e-12;

/// True when taking `wanted` from `held` takes all of it (up to rounding).
inline bool takes_all(Amount wanted, Amount held) {
  return wanted >= held * (1 - kLedgerRelativeEpsilon);
}

/// A balance as a trace's ledger keeps it. A debit beyond the balance is unfunded: the account's
/// stated opening balance was too small, and the shortfall is not a debt later credits repay.
struct LedgerBalance {
  Amount value = 0;

  explicit LedgerBalance(Amount opening = 0) : value(std::max<Amount>(opening, 0)) {}
  /// Returns the unfunded part of the debit.
  Amount debit(Amount paid) {
    if (takes_all(paid, value)) {
      const Amount unfunded = std::max<Amount>(paid - value, 0);
      value = 0;
      return unfunded;
    }
    value = std::max<Amount>(value - paid, 0);
    return 0;
  }
  void credit(Amount received) { value += received; }
};

/// The opening balance an account needs when the data states none: minus the lowest point its
/// running balance reaches from zero.
struct LowestBalance {
  Amount running = 0;
  Amount lowest = 0;

  void debit(Amount paid) {
    running -= paid;
    lowest = std::min(lowest, running);
  }
  void credit(Amount received) { running += received; }
  Amount opening() const { return -lowest; }
};

/// Calls on_debit(t) and on_credit(t) for the account's transactions from positions out_pos and
/// in_pos of its outgoing and incoming lists up to (not including) transaction `end`, in
/// processing order, and advances the positions. A self-transfer is in both lists: its debit
/// comes first.
template <class OnDebit, class OnCredit>
void replay_account(const TransactionGraph& graph, VertexId account, std::uint32_t& out_pos,
                    std::uint32_t& in_pos, TxIndex end, OnDebit&& on_debit, OnCredit&& on_credit) {
  constexpr TxIndex kNone = std::numeric_limits<TxIndex>::max();
  const auto out = graph.out_transactions(account);
  const auto in = graph.in_transactions(account);
  while (true) {
    const TxIndex next_out = out_pos < out.size() && out[out_pos] < end ? out[out_pos] : kNone;
    const TxIndex next_in = in_pos < in.size() && in[in_pos] < end ? in[in_pos] : kNone;
    if (next_out == kNone && next_in == kNone) return;
    if (next_out <= next_in) {
      ++out_pos;
      on_debit(next_out);
    } else {
      ++in_pos;
      on_credit(next_in);
    }
  }
}

}  // namespace moneytrail
