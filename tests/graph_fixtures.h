// Small graphs for algorithm tests: from (from, to, amount) triples, one CNY transaction per
// triple, one second apart, in the given order; or from timed hops with their own ids.
#pragma once

#include <string>
#include <tuple>
#include <vector>

#include "graph/graph_builder.h"

namespace moneytrail::testing {

inline TransactionGraph graph_of(
    const std::vector<std::tuple<std::string, std::string, double>>& edges) {
  GraphBuilder b;
  int i = 0;
  for (const auto& [from, to, amount] : edges) {
    TransactionInput in;
    const std::string id = std::to_string(i++);
    in.id = id;
    in.timestamp = i;
    in.from = from;
    in.to = to;
    in.amount = in.received_amount = amount;
    in.currency = "CNY";
    b.add_transaction(in);
  }
  return std::move(b).build();
}

/// One CNY transfer with its id and time (received as paid).
struct TimedHop {
  std::string id;
  Timestamp time;
  std::string from, to;
  double amount;
};

inline void add_hops(GraphBuilder& b, const std::vector<TimedHop>& hops) {
  for (const TimedHop& h : hops) {
    TransactionInput in;
    in.id = h.id;
    in.timestamp = h.time;
    in.from = h.from;
    in.to = h.to;
    in.amount = in.received_amount = h.amount;
    in.currency = in.received_currency = "CNY";
    b.add_transaction(in);
  }
}

inline TransactionGraph graph_of_hops(const std::vector<TimedHop>& hops) {
  GraphBuilder b;
  add_hops(b, hops);
  return std::move(b).build();
}

}  // namespace moneytrail::testing
