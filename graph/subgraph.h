// A selection of accounts and money flows to show or hand over: what the export writers draw.
// Nodes are accounts, or an aggregate standing for many (when a selection is folded to a size a
// viewer can draw); edges are flows between them with value, count and time span.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "graph/types.h"

namespace moneytrail {

inline constexpr VertexId kAggregateNode = std::numeric_limits<VertexId>::max();

struct SubgraphNode {
  VertexId account = kAggregateNode;  // kAggregateNode for a folded group
  std::string label = {};             // aggregate: what it stands for ("312 other accounts")
  std::uint32_t members = 1;          // accounts it stands for
  std::int64_t group = -1;            // cluster or community, -1 when none
  std::int64_t hop = -1;              // trace: first hop at which traced money reached it
  double score = 0;                   // selection's ranking value (traced received, cluster score)
  bool endpoint = false;              // trace: where money ended
  double held = 0;                    // trace endpoint: what the trace says it holds or cashed out
  std::string status = {};            // trace endpoint: held, cashed_out or left_data
  bool seed = false;                  // trace: a seed's sender (backward: the target's)
};

struct SubgraphEdge {
  std::uint32_t source = 0;  // node indices
  std::uint32_t target = 0;
  double value = 0;   // total paid value (base currency when rates are loaded)
  double traced = 0;  // trace: traced value carried; otherwise 0
  std::uint32_t count = 0;
  Timestamp first = 0;
  Timestamp last = 0;
  std::int64_t hop = -1;  // trace: hop of the first traced transaction
  /// The time of each transaction it stands for, when the selection knows them (a trace's
  /// traced transactions); complete when times.size() == count. GEXF writes one spell each.
  std::vector<Timestamp> times;
};

struct Subgraph {
  std::string title;  // what was selected, for the viewer's caption
  std::vector<SubgraphNode> nodes;
  std::vector<SubgraphEdge> edges;
  std::uint32_t folded_accounts = 0;  // accounts folded into aggregate nodes
  std::string currency;               // of the edges' value and traced amounts ("" unknown)
  /// What it came from (version, command line, inputs' SHA-256), recorded by the writers.
  std::string provenance;
};

}  // namespace moneytrail
