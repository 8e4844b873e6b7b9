// Vocabulary of fund tracing: the attribution policies, the options every trace takes and the
// result object that the CLI prints and export code turns into a subgraph.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "graph/types.h"

namespace moneytrail {

/// How a debit decides which of the money an account holds leaves first (docs/tracing.md).
enum class TracePolicy : std::uint8_t {
  haircut,        // every debit carries the account's traced share at that moment
  fifo,           // oldest lots first (the opening balance is the oldest)
  lifo,           // newest lots first
  tainted_first,  // traced money leaves before untraced money
  tainted_last,   // untraced money first (lowest intermediate balance rule)
  poison,         // from its first traced credit on, every debit of an account is wholly traced
};
std::string_view to_string(TracePolicy policy);
std::optional<TracePolicy> parse_trace_policy(std::string_view text);

enum class TraceDirection : std::uint8_t { forward, backward };
std::string_view to_string(TraceDirection direction);

inline constexpr std::uint32_t kUnlimitedHops = std::numeric_limits<std::uint32_t>::max();

/// What a trace cannot do as asked (no seed, mixed currencies without rates), or an option out of
/// range, then naming its field as OptionError does (graph/option_error.h): the CLI reports
/// these as usage errors, exit 2, with the field's flag.
class TraceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  TraceError(std::string field, std::string message)
      : std::runtime_error(field + " " + message),
        field_(std::move(field)),
        message_(std::move(message)) {}
  const std::string& field() const { return field_; }  // empty: not about one option
  const std::string& message() const { return message_; }

 private:
  std::string field_, message_;
};

struct TraceOptions {
  TracePolicy policy = TracePolicy::fifo;
  /// Traced funds that made this many hops stop and count as held where they are (a seed is hop
  /// 1). Must be at least 1. Backward: the reachable set reaches this many hops before the target.
  std::uint32_t max_hops = kUnlimitedHops;
  /// Seconds: a debit that takes a lot which sat longer than this does not carry its traced part
  /// on (it stays held where it is). Forward only. Empty: no limit.
  std::optional<Timestamp> window;
  /// Traced transactions below this (paid currency) are left out of the listing, not the sums.
  Amount min_amount = 0;
  /// Transactions after this time are not followed (money is held as of then). kNoTime: none.
  Timestamp until = kNoTime;
  /// Forward: the K widest seed-to-endpoint paths to report (0: none).
  std::uint32_t paths = 0;
  /// Backward: the origins listed (the rest summed as `other`).
  std::uint32_t max_origins = 64;
  /// Forward: an endpoint holding less than this (trace currency) is dust, counted in the
  /// summary and not listed: a fraction of a cent left by haircut splits is no lead to freeze.
  /// Empty: half the trace currency's smallest unit (graph/currency_units.h); 0 lists all.
  std::optional<Amount> dust_below;
};

/// A transaction that carried traced money. `traced` is in the paid currency.
struct TracedTransaction {
  TxIndex tx = 0;
  Amount traced = 0;
  std::uint32_t hop = 0;
  Amount value = 0;  // the traced part valued in the trace currency (for summing across currencies)
};

/// Per account, in the trace currency. Backward: the parts of its flows that end in the target.
struct TracedAccount {
  VertexId account = 0;
  Amount received = 0;
  Amount sent = 0;
  Amount held = 0;  // NaN for poison (reach only)
  std::uint32_t first_hop = 0;
};

enum class EndpointStatus : std::uint8_t {
  held,             // still in an account that moves money on
  cashed_out,       // at a cash, exchange or crypto account
  left_data,        // at an account with no debits in the data (outside the investigation)
  opening_balance,  // backward: part of an account's opening balance
  inflow,           // backward: money entering from an account outside the reachable set
  other,            // backward: origins beyond the listed ones, summed
};
std::string_view to_string(EndpointStatus status);

struct TraceEndpoint {
  VertexId account = 0;  // meaningless for `other`
  EndpointStatus status = EndpointStatus::held;
  Amount amount = 0;  // trace currency
  std::uint32_t hop = 0;
};

/// One seed-to-endpoint hop sequence and the value it carries (its narrowest step).
struct TracePath {
  std::vector<TxIndex> transactions;  // in order, first is a seed
  Amount value = 0;
};

struct TraceSummary {
  Amount seed_amount = 0;  // forward: what the seeds brought in; backward: the target amount
  Amount held = 0;         // NaN for poison
  Amount fees = 0;         // NaN for poison
  Amount unfunded = 0;     // debits beyond an account's stated opening balance (untraced)
  std::uint64_t accounts_reached = 0;
  std::uint64_t transactions_traced = 0;
  std::uint32_t max_hop = 0;
  bool origins_truncated = false;  // backward: more origins than max_origins
  Amount dust = 0;                 // forward: held by endpoints below dust_below (in `held`)
  std::uint64_t dust_endpoints = 0;
};

/// What a trace in either direction reports: the transactions and accounts its money touched.
struct TraceFlows {
  TracePolicy policy = TracePolicy::fifo;
  std::string currency;  // the trace currency: the seeds' (target's) currency
  TraceSummary summary;
  std::vector<TracedTransaction> transactions;  // processing order; filtered by min_amount
  std::vector<TracedAccount> accounts;          // in order of first reach
};

/// Where the money of the seed transactions went.
struct ForwardTraceResult : TraceFlows {
  std::vector<TxIndex> seeds;            // sorted, distinct
  std::vector<TraceEndpoint> endpoints;  // where the money is, by amount, largest first
  std::vector<TracePath> paths;          // by value, largest first
};

/// Where the money that left in a target transaction, or that an account held at a time, came
/// from.
struct BackwardTraceResult : TraceFlows {
  std::optional<TxIndex> target;  // the transaction traced back; none for a balance
  VertexId target_account = 0;    // its sender, or the account whose balance is traced
  Timestamp at = kNoTime;         // a balance: the time it is held at
  /// Opening balances and inflows from outside the reachable set, by amount, largest first;
  /// beyond max_origins summed as one `other` origin at the end.
  std::vector<TraceEndpoint> origins;
};

}  // namespace moneytrail
