// What a loaded case holds: counts by kind, channel and currency, time span, value totals,
// connectivity and degree distribution. The numbers `moneytrail stats` prints.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "graph/transaction_graph.h"

namespace moneytrail {

struct DegreeSummary {
  std::uint32_t min = 0;
  std::uint32_t median = 0;
  std::uint32_t p90 = 0;
  std::uint32_t p99 = 0;
  std::uint32_t max = 0;
  double mean = 0;
  VertexId max_account = 0;  // an account with the maximum (the smallest index among ties)
};

struct CurrencyTotals {
  std::string currency;
  std::uint64_t transactions_paid = 0;  // transactions paid in this currency
  double paid = 0;                      // total paid in this currency
  std::uint64_t transactions_received = 0;
  double received = 0;
};

struct GraphStats {
  std::uint64_t accounts = 0;
  std::uint64_t transactions = 0;
  std::array<std::uint64_t, kAccountKindCount> accounts_by_kind{};
  std::array<std::uint64_t, kChannelCount> transactions_by_channel{};
  std::vector<CurrencyTotals> currencies;  // sorted by currency code
  std::uint64_t conversions = 0;           // paid and received currencies differ
  std::uint64_t self_transfers = 0;
  std::uint64_t labelled_laundering = 0;
  std::uint64_t labelled_clean = 0;
  std::uint64_t victims = 0;
  std::uint64_t suspects = 0;
  std::uint64_t mules = 0;
  /// Free tags of the accounts file (labels it does not know), by how many accounts carry each,
  /// most first, then by name.
  std::vector<std::pair<std::string, std::uint64_t>> tags;
  Timestamp first_time = kNoTime;
  Timestamp last_time = kNoTime;
  std::uint64_t components = 0;
  std::uint64_t largest_component = 0;
  std::uint64_t singleton_components = 0;
  DegreeSummary out_degree;  // transactions per account
  DegreeSummary in_degree;
  DegreeSummary counterparties;  // distinct accounts an account transacts with, either way
};

GraphStats compute_graph_stats(const TransactionGraph& graph);

}  // namespace moneytrail
