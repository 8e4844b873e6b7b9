#include "algorithms/communities/flow_blocks.h"

#include <algorithm>
#include <optional>
#include <queue>

namespace moneytrail {
namespace {

enum Role : std::uint32_t { kSource = 0, kMiddle = 1, kSink = 2 };

// One peeling run over the accounts not yet taken by earlier blocks.
class Peeler {
 public:
  Peeler(const FlowView& flows, const std::vector<std::uint8_t>& taken, double alpha)
      : flows_(flows), taken_(taken), alpha_(alpha), n_(flows.num_vertices()) {
    alive_.assign(3 * static_cast<std::size_t>(n_), 0);
    priority_.assign(3 * static_cast<std::size_t>(n_), 0.0);
    in_s_.assign(n_, 0.0);
    out_t_.assign(n_, 0.0);
    for (VertexId v = 0; v < n_; ++v) {
      if (taken_[v]) continue;
      const bool sends = has_counterparty_out(v);
      const bool receives = has_counterparty_in(v);
      alive_[item(kSource, v)] = sends;
      alive_[item(kSink, v)] = receives;
      alive_[item(kMiddle, v)] = sends && receives;
    }
    for (VertexId v = 0; v < n_; ++v) {
      for_out(v, [&](VertexId t, double w) {
        if (alive_[item(kSource, v)] && alive_[item(kMiddle, t)]) {
          priority_[item(kSource, v)] += w;
          in_s_[t] += w;
        }
        if (alive_[item(kMiddle, v)] && alive_[item(kSink, t)]) {
          priority_[item(kSink, t)] += w;
          out_t_[v] += w;
        }
      });
    }
    for (VertexId v = 0; v < n_; ++v) {
      if (alive_[item(kMiddle, v)]) {
        priority_[item(kMiddle, v)] = term(v);
        objective_ += term(v);
      }
    }
    for (std::size_t i = 0; i < alive_.size(); ++i) {
      if (alive_[i]) {
        heap_.push({priority_[i], static_cast<std::uint32_t>(i)});
        ++alive_count_[i / n_];
      }
    }
  }

  /// Peels everything and returns the best state with at least min_middle middle accounts.
  std::optional<FlowBlock> best_block(std::uint32_t min_middle) {
    std::vector<std::uint32_t> removed;
    double best_density = 0;
    std::size_t best_step = 0;
    bool found = false;
    auto consider = [&] {
      const double size = static_cast<double>(alive_count_[0] + alive_count_[1] + alive_count_[2]);
      if (alive_count_[kMiddle] < min_middle || size == 0) return;
      const double density = objective_ / size;
      if (!found || density > best_density) {
        found = true;
        best_density = density;
        best_step = removed.size();
      }
    };
    consider();
    while (!heap_.empty()) {
      const auto [p, i] = heap_.top();
      heap_.pop();
      if (!alive_[i] || p != priority_[i]) continue;  // stale entry
      remove(i);
      removed.push_back(i);
      consider();
    }
    if (!found) return std::nullopt;
    // Replay: everything alive at the start except the first best_step removals.
    std::vector<std::uint8_t> in_block = initial_alive_;
    for (std::size_t k = 0; k < best_step; ++k) in_block[removed[k]] = 0;
    FlowBlock block;
    block.score = best_density;
    std::vector<double> in_s(n_, 0.0), out_t(n_, 0.0);
    for (VertexId v = 0; v < n_; ++v) {
      if (in_block[item(kSource, v)]) block.sources.push_back(v);
      if (in_block[item(kMiddle, v)]) block.middle.push_back(v);
      if (in_block[item(kSink, v)]) block.sinks.push_back(v);
    }
    for (VertexId m : block.middle) {
      double in = 0, out = 0;
      for_in(m, [&](VertexId s, double w) { in += in_block[item(kSource, s)] ? w : 0; });
      for_out(m, [&](VertexId t, double w) { out += in_block[item(kSink, t)] ? w : 0; });
      block.through_value += std::min(in, out);
    }
    return block;
  }

  void snapshot_initial() { initial_alive_ = alive_; }

 private:
  std::size_t item(Role role, VertexId v) const { return role * static_cast<std::size_t>(n_) + v; }

  double term(VertexId m) const {
    const double lo = std::min(in_s_[m], out_t_[m]);
    const double hi = std::max(in_s_[m], out_t_[m]);
    return lo - alpha_ * (hi - lo);
  }

  template <typename F>
  void for_out(VertexId v, F&& f) const {
    const auto [first, last] = flows_.out_edges(v);
    for (FlowEdgeIndex e = first; e < last; ++e) {
      const VertexId t = flows_.target(e);
      if (t != v && !taken_[t]) f(t, flows_.value(e));
    }
  }
  template <typename F>
  void for_in(VertexId v, F&& f) const {
    for (FlowEdgeIndex e : flows_.in_edges(v)) {
      const VertexId s = flows_.source(e);
      if (s != v && !taken_[s]) f(s, flows_.value(e));
    }
  }
  bool has_counterparty_out(VertexId v) const {
    bool any = false;
    for_out(v, [&](VertexId, double) { any = true; });
    return any;
  }
  bool has_counterparty_in(VertexId v) const {
    bool any = false;
    for_in(v, [&](VertexId, double) { any = true; });
    return any;
  }

  void update_middle(VertexId m) {
    const double updated = term(m);
    objective_ += updated - priority_[item(kMiddle, m)];
    priority_[item(kMiddle, m)] = updated;
    heap_.push({updated, static_cast<std::uint32_t>(item(kMiddle, m))});
  }
  void lower(std::size_t i, double w) {
    priority_[i] -= w;
    heap_.push({priority_[i], static_cast<std::uint32_t>(i)});
  }

  void remove(std::size_t i) {
    alive_[i] = 0;
    const auto role = static_cast<Role>(i / n_);
    const auto v = static_cast<VertexId>(i % n_);
    --alive_count_[role];
    if (role == kSource) {
      for_out(v, [&](VertexId m, double w) {
        if (!alive_[item(kMiddle, m)]) return;
        in_s_[m] -= w;
        update_middle(m);
      });
    } else if (role == kSink) {
      for_in(v, [&](VertexId m, double w) {
        if (!alive_[item(kMiddle, m)]) return;
        out_t_[m] -= w;
        update_middle(m);
      });
    } else {
      objective_ -= priority_[i];
      for_in(v, [&](VertexId s, double w) {
        if (alive_[item(kSource, s)]) lower(item(kSource, s), w);
      });
      for_out(v, [&](VertexId t, double w) {
        if (alive_[item(kSink, t)]) lower(item(kSink, t), w);
      });
    }
  }

  using Entry = std::pair<double, std::uint32_t>;
  const FlowView& flows_;
  const std::vector<std::uint8_t>& taken_;
  double alpha_;
  VertexId n_;
  std::vector<std::uint8_t> alive_;
  std::vector<std::uint8_t> initial_alive_;
  std::vector<double> priority_;
  std::vector<double> in_s_, out_t_;
  double objective_ = 0;
  std::uint64_t alive_count_[3] = {0, 0, 0};
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
};

}  // namespace

std::vector<FlowBlock> find_flow_blocks(const FlowView& flows, const FlowBlockOptions& options) {
  std::vector<FlowBlock> blocks;
  std::vector<std::uint8_t> taken(flows.num_vertices(), 0);
  ProgressStep step(options.progress, "flow blocks", options.blocks, "blocks");
  while (blocks.size() < options.blocks) {
    step.advance(blocks.size());
    Peeler peeler(flows, taken, options.alpha);
    peeler.snapshot_initial();
    std::optional<FlowBlock> block = peeler.best_block(options.min_middle);
    if (!block || block->score <= 0) break;
    for (const auto* layer : {&block->sources, &block->middle, &block->sinks})
      for (VertexId v : *layer) taken[v] = 1;
    blocks.push_back(std::move(*block));
  }
  return blocks;
}

}  // namespace moneytrail
