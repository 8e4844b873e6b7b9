// Restitution: for each victim, where its traced money is now (held, cashed out, gone out of the
// data, or lost to fees), and across victims, the accounts many victims' money reached: the
// convergence points that tie cases together and that a freeze request is built from. Each
// victim is one forward trace of its own (docs/tracing.md's rules), independent of the others.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "algorithms/tracing/trace_context.h"
#include "algorithms/tracing/trace_types.h"
#include "graph/progress.h"

namespace moneytrail {

struct RestitutionOptions {
  /// The rules of every victim's trace. Poison is refused: it gives reach, not amounts. Endpoints
  /// below `trace.dust_below` (default half the currency's smallest unit) are summed in each
  /// victim's `dust` and not listed in its holdings; they still count in the four totals.
  TraceOptions trace;
  /// Threads for the traces (0: all cores). Results do not depend on it.
  int threads = 0;
  /// Victims traced per batch: bounds the traces held in memory at once.
  std::size_t batch = 256;
  /// Convergence points listed in the summary.
  std::size_t top_accounts = 10;
};

/// One account holding part of one victim's money at the end of its trace.
struct VictimHolding {
  VertexId account = 0;
  EndpointStatus status = EndpointStatus::held;  // held, cashed_out or left_data
  Amount amount = 0;                             // trace currency
  Timestamp last_seen = kNoTime;  // the last traced credit that brought the victim's money in
};

struct VictimRestitution {
  std::vector<TxIndex> seeds;  // sorted, distinct
  VertexId victim = 0;         // the sender of the first seed: the victim's own account
  Amount amount = 0;           // what the seeds brought in (the trace's seed_amount)
  /// held + cashed_out + left_data + fees = amount, to float rounding.
  Amount held = 0;
  Amount cashed_out = 0;
  Amount left_data = 0;
  Amount fees = 0;
  Amount dust = 0;      // part of the three above, in endpoints below the dust threshold
  Amount unfunded = 0;  // debits beyond what accounts could have held (the trace's, untraced)
  std::vector<VictimHolding> holdings;  // by amount, largest first; dust left out
};

/// One victim's share in a convergence point.
struct VictimShare {
  std::uint32_t victim = 0;  // index into RestitutionResult::victims
  Amount received = 0;
  Amount held = 0;  // what it holds or cashed out of that victim's money at the end
};

/// An account that some victim's traced money reached.
struct ConvergencePoint {
  VertexId account = 0;
  /// Where money stops here: held, cashed_out or left_data; nullopt when it passed everything on.
  std::optional<EndpointStatus> status = std::nullopt;
  std::uint32_t victims = 0;          // victims whose traced money reached it
  std::uint32_t holding_victims = 0;  // victims whose money it still holds (above dust)
  Amount received = 0;
  Amount held = 0;
  Timestamp last_seen = kNoTime;            // the latest last_seen of its holdings
  std::vector<VictimShare> by_victim = {};  // in victim order
};

struct RestitutionSummary {
  std::uint64_t victims = 0;
  Amount amount = 0;
  Amount held = 0;
  Amount cashed_out = 0;
  Amount left_data = 0;
  Amount fees = 0;
  std::uint64_t accounts_reached = 0;
  std::uint64_t shared_accounts = 0;          // reached by two or more victims
  std::uint64_t shared_holding_accounts = 0;  // holding money of two or more victims
  std::vector<std::uint32_t> top;             // indices into accounts: the first top_accounts
};

struct RestitutionResult {
  TracePolicy policy = TracePolicy::fifo;
  std::string currency;
  std::vector<VictimRestitution> victims;  // in the order given
  /// Sorted by victims reached, then held, then received (largest first), then account.
  std::vector<ConvergencePoint> accounts;
  RestitutionSummary summary;
};

/// Traces every victim's seed set and gathers where the money is. Throws TraceError for an empty
/// seed set, bad trace options, poison, or victims whose payments are in different currencies
/// (with no rates to value them in one).
RestitutionResult restitution(const TraceContext& context,
                              const std::vector<std::vector<TxIndex>>& victims,
                              const RestitutionOptions& options, ProgressSink* progress = nullptr);

/// One seed set per account carrying `label_bits` (AccountLabel): all its debits at or after
/// `since` and before or at `until` (kNoTime: no bound), in account order. Accounts with no such
/// debit are left out.
std::vector<std::vector<TxIndex>> victim_seed_sets(const TraceContext& context,
                                                   std::uint8_t label_bits, Timestamp since,
                                                   Timestamp until);

}  // namespace moneytrail
