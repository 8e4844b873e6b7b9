// Degree, strength and flow-through per account on the flow view: how many counterparties send
// to and receive from it, how much value enters and leaves, and how much passes through
// (min(in, out)): the figure that singles out accounts used to relay money.
#pragma once

#include <vector>

#include "algorithms/centrality/pagerank.h"

namespace moneytrail {

struct FlowStrength {
  std::vector<std::uint32_t> in_degree;   // distinct senders
  std::vector<std::uint32_t> out_degree;  // distinct receivers
  std::vector<double> in_value;           // total received, under the chosen weight
  std::vector<double> out_value;          // total sent
  double flow_through(VertexId v) const { return std::min(in_value[v], out_value[v]); }
};

FlowStrength flow_strength(const FlowView& flows, FlowWeight weight = FlowWeight::value);

}  // namespace moneytrail
