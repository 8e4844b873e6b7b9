// Typology detectors: the shapes laundering leaves in a transaction graph, each hit returned with
// the transactions that make it up so that an investigator can check it. The shapes follow the
// AML typologies of IBM's AMLSim and AMLworld generators (Altman et al., "Realistic synthetic
// financial transactions for anti-money laundering models", NeurIPS 2023): fan-in, fan-out,
// scatter-gather, gather-scatter, cycles, bipartite layers, and the forwarding chains of mule
// card tiers (layering: money passed on within hours, hop after hop).
//
// Hubs (accounts with more than max_degree transactions: merchants, exchanges, payroll, ATMs)
// are legitimately fan-shaped and would dominate every search; detectors never take them as
// the centre or an intermediate of a hit. Only personal accounts (cards, bank and payment
// accounts, crypto addresses, unknown kinds) are centres, as only they can be mules.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "graph/flow_view.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

enum class Typology : std::uint8_t {
  fan_in,            // many distinct senders to one account within a window
  fan_out,           // one account to many distinct receivers within a window
  scatter_gather,    // one source to many intermediates that all pay one target
  gather_scatter,    // many senders into one account, then out to many receivers
  cycle,             // money returns to where it started, each hop later than the one before
  bipartite,         // a set of senders each paying every member of a set of receivers
  forwarding_chain,  // a run of hops each passed on within a short dwell time
  running_points,    // a 跑分 collection account: many small payers, steady commission, batches
  scam_payment,      // a reported victim's payment into a collection point (scoring pipeline)
};
inline constexpr int kTypologyCount = 9;

std::string_view to_string(Typology typology);

struct TypologyOptions {
  /// Window for fan-in, fan-out, scatter-gather and gather-scatter. Default 24 hours.
  double window_seconds = 24 * 3600.0;
  /// Distinct counterparties (fans) or intermediates (scatter-gather) a hit needs. Default 5.
  std::uint32_t min_fan = 5;
  /// Accounts with more transactions (in + out) are hubs. Default 1000.
  std::uint32_t max_degree = 1000;
  /// Cycles: at most this many hops, at least 3, all within cycle_window_seconds of the first.
  /// Defaults 6 hops, 7 days.
  std::uint32_t max_cycle_length = 6;
  double cycle_window_seconds = 7 * 86400.0;
  /// Bipartite layers: at least this many senders and receivers, fully connected. Default 3.
  std::uint32_t min_bipartite = 3;
  /// Forwarding chains: at least this many hops, each debit within chain_max_dwell_seconds of
  /// the credit it forwards and carrying between chain_min_share and 101 % of it (splits and
  /// commissions allowed, fees of a few percent at most). Defaults 4 hops, 6 hours, 0.1.
  std::uint32_t chain_min_hops = 4;
  double chain_max_dwell_seconds = 6 * 3600.0;
  double chain_min_share = 0.1;
  /// The cycle search from one account gives up after this many steps (bounding the work on
  /// dense data). Default 65536.
  std::uint32_t cycle_step_budget = 65536;
  /// Running points (running_points.cpp): a collection account has at least this many distinct
  /// payers (twice a fan's minimum: a collection point, not a fan). Default 10.
  std::uint32_t collection_min_payers = 10;
  /// ... and keeps at most collection_max_commission of what its payers paid. Default 0.1
  /// (commissions reported by courts and in the PBoC's 2019 warning are 0.5-3 %; a tenth leaves
  /// room). collection_steadiness: a batch is steady within this of the median batch's
  /// forwarded share (reported, not required). Default 0.01.
  double collection_max_commission = 0.1;
  double collection_steadiness = 0.01;
  /// Detectors to run (all by default; scam_payment is added by the scoring pipeline).
  std::array<bool, kTypologyCount> enabled = {true, true, true, true, true, true, true, true, true};
};

struct TypologyHit {
  TypologyHit() = default;
  TypologyHit(Typology kind, std::vector<VertexId> members, std::vector<TxIndex> made_of)
      : typology(kind), accounts(std::move(members)), transactions(std::move(made_of)) {}

  Typology typology = Typology::fan_in;
  /// The centre first (fans: the account; scatter-gather: source, target, then intermediates;
  /// gather-scatter: the account; cycles: in hop order from the smallest account index;
  /// bipartite: senders then receivers; chains: in hop order; running points: the collection
  /// account, its payers, then whom it paid; scam payment: the victim, then the payee), then the
  /// others, no repeats.
  std::vector<VertexId> accounts;
  std::vector<TxIndex> transactions;  // sorted
  /// running_points: the share of its payers' money it keeps, and the share of its batches
  /// forwarding within collection_steadiness of the median batch's share.
  double kept_share = 0;
  double steady_batches = 0;
  /// running_points: payers that only made deposits (listed after the centre).
  std::vector<VertexId> controllers;
};

struct TypologyResult {
  std::vector<TypologyHit> hits;  // grouped by typology in enum order, then by first account
  std::array<std::uint64_t, kTypologyCount> counts{};
  /// Per account and typology: hits it takes part in. Fans and gather-scatter count for their
  /// centre only, running points for the centre and its controllers; chains for their relays (the
  /// senders of every hop but the first); scam payments for the payee.
  std::vector<std::array<std::uint32_t, kTypologyCount>> per_account;
};

/// `base_values` from base_values(graph). Deterministic; runs on every core for large graphs.
/// Throws std::invalid_argument for options out of range.
///
/// Windows are taken as given; the scoring pipeline (account_scoring.h) first stretches them to
/// at least one time step of the data.
TypologyResult detect_typologies(const TransactionGraph& graph, const FlowView& flows,
                                 const std::vector<double>& base_values,
                                 const TypologyOptions& options = {});

}  // namespace moneytrail
