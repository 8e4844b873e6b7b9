// The aggregated flow view: one edge per ordered account pair carrying the total value, count and
// first/last time of all transactions between them. Clustering and centrality work on this much
// smaller graph instead of the raw multigraph.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "graph/transaction_graph.h"

namespace moneytrail {

using FlowEdgeIndex = std::uint32_t;

struct FlowViewOptions {
  /// Convert each transaction's paid amount to the rate table's base currency at its time.
  /// Applies only when the graph has rates; a currency missing from the table is an error.
  bool convert_to_base = true;
};

/// What transaction `t`'s sender paid, in the rate table's base currency at its time (the paid
/// amount itself when the graph has no rates or none for its currency).
double paid_in_base(const TransactionGraph& graph, TxIndex t);

class FlowView {
 public:
  /// Throws std::invalid_argument when rates exist but lack one of the graph's currencies.
  static FlowView build(const TransactionGraph& graph, const FlowViewOptions& options = {});

  std::uint32_t num_vertices() const { return static_cast<std::uint32_t>(out_offsets_.size() - 1); }
  std::uint32_t num_edges() const { return static_cast<std::uint32_t>(target_.size()); }

  /// Edge indices of v's outgoing flows, sorted by target.
  std::pair<FlowEdgeIndex, FlowEdgeIndex> out_edges(VertexId v) const {
    return {static_cast<FlowEdgeIndex>(out_offsets_[v]),
            static_cast<FlowEdgeIndex>(out_offsets_[v + 1])};
  }
  /// Edge indices of v's incoming flows, sorted by source.
  std::span<const FlowEdgeIndex> in_edges(VertexId v) const {
    return {in_edges_.data() + in_offsets_[v], in_edges_.data() + in_offsets_[v + 1]};
  }

  VertexId source(FlowEdgeIndex e) const { return source_[e]; }
  VertexId target(FlowEdgeIndex e) const { return target_[e]; }
  /// Total paid value, in the base currency when converted (see converted()).
  double value(FlowEdgeIndex e) const { return value_[e]; }
  std::uint32_t count(FlowEdgeIndex e) const { return count_[e]; }
  Timestamp first_time(FlowEdgeIndex e) const { return first_[e]; }
  Timestamp last_time(FlowEdgeIndex e) const { return last_[e]; }

  /// True when values were converted to the rates' base currency.
  bool converted() const { return converted_; }
  /// True when values add up more than one currency without conversion (no rates given).
  bool mixes_currencies() const { return mixes_currencies_; }
  /// The currency values are in: the rates' base when converted, else the graph's one currency;
  /// empty when they mix currencies or the base is not known.
  const std::string& value_currency() const { return value_currency_; }
  std::size_t memory_bytes() const;

 private:
  std::vector<std::uint64_t> out_offsets_{0};
  std::vector<VertexId> source_;
  std::vector<VertexId> target_;
  std::vector<double> value_;
  std::vector<std::uint32_t> count_;
  std::vector<Timestamp> first_;
  std::vector<Timestamp> last_;
  std::vector<std::uint64_t> in_offsets_{0};
  std::vector<FlowEdgeIndex> in_edges_;
  bool converted_ = false;
  bool mixes_currencies_ = false;
  std::string value_currency_;
};

}  // namespace moneytrail
