// Layering detection in the spirit of FlowScope (Li, Liu, Zhang, Zhang, Xu and Chen, "FlowScope:
// Spotting money laundering based on graphs", AAAI 2020): find sources S, a middle layer M and
// sinks T such that the middle accounts pass on most of what they get from S to T, with much
// value per account. A block's score is
//     sum over m in M of [ min(in_S(m), out_T(m)) - alpha x (max - min) ]  /  (|S| + |M| + |T|)
// where in_S(m) is the value m received from S and out_T(m) what it sent to T. An account may
// play several roles (mules both receive from and send to mules), as in FlowScope's multi-layer
// form. Blocks are found by greedy peeling: repeatedly drop the role whose loss costs the score
// least, keep the best-scoring state; then remove that block's accounts and look for the next.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/flow_view.h"
#include "graph/progress.h"

namespace moneytrail {

struct FlowBlockOptions {
  /// How many blocks to extract, best first. Each search peels the whole flow view once.
  /// Default 20.
  std::uint32_t blocks = 20;
  /// Penalty on a middle account's imbalance (max - min of in and out). Default 1.
  double alpha = 1.0;
  /// Blocks with fewer middle accounts are not reported (and end the search). Default 3.
  std::uint32_t min_middle = 3;
  /// Reports the blocks found so far (none: silent).
  ProgressSink* progress = nullptr;
};

struct FlowBlock {
  std::vector<VertexId> sources;  // sorted
  std::vector<VertexId> middle;   // sorted
  std::vector<VertexId> sinks;    // sorted
  double score = 0;               // the objective above
  double through_value = 0;       // sum over the middle of min(in_S, out_T)
};

/// Flow values as in the view (base currency when converted).
std::vector<FlowBlock> find_flow_blocks(const FlowView& flows,
                                        const FlowBlockOptions& options = {});

}  // namespace moneytrail
