// Small graphs for algorithm tests, built from (from, to, amount) triples: one CNY transaction
// per triple, one second apart, in the given order.
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

}  // namespace moneytrail::testing
