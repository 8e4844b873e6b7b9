#include "algorithms/tracing/account_paths.h"

#include <algorithm>
#include <deque>
#include <iterator>
#include <limits>
#include <map>
#include <set>

#include "graph/option_error.h"

namespace moneytrail {
namespace {

constexpr std::uint32_t kFar = std::numeric_limits<std::uint32_t>::max();

// Depth-first over time-respecting transactions, widest first, with two cuts that keep it exact:
// an account that cannot reach a target in the hops left (a breadth-first search back from the
// targets, ignoring time, gives the lower bound) is not entered, and a partial path no wider
// than the K-th widest found so far cannot enter the top K.
class PathSearch {
 public:
  PathSearch(const TransactionGraph& graph, const std::vector<bool>& is_target,
             const AccountPathOptions& options)
      : graph_(graph),
        tx_(graph.transactions()),
        is_target_(is_target),
        options_(options),
        on_path_(graph.num_accounts(), false) {
    distances();
  }

  void run(VertexId source) {
    on_path_[source] = true;
    extend(source, options_.since, std::numeric_limits<Amount>::infinity());
  }

  AccountPathResult result() {
    AccountPathResult r;
    r.steps = steps_;
    r.truncated = truncated_;
    for (auto& [accounts, path] : best_) r.paths.push_back(std::move(path));
    std::sort(r.paths.begin(), r.paths.end(), [&](const AccountPath& a, const AccountPath& b) {
      if (a.value != b.value) return a.value > b.value;
      if (a.transactions.size() != b.transactions.size())
        return a.transactions.size() < b.transactions.size();
      if (a.first != b.first) return a.first < b.first;
      return a.transactions < b.transactions;
    });
    if (r.paths.size() > options_.top) r.paths.resize(options_.top);
    r.currency = currency_of(r.paths);
    return r;
  }

 private:
  // A hop's value: in the base currency when rates are loaded and know its currency.
  Amount value(TxIndex t) const {
    if (!graph_.rates().empty()) {
      if (const auto rate =
              graph_.rates().rate(graph_.currencies()[tx_.currency[t]], tx_.timestamp[t]))
        return tx_.amount[t] * *rate;
    }
    return tx_.amount[t];
  }

  bool in_window(TxIndex t) const {
    const Timestamp time = tx_.timestamp[t];
    return (options_.since == kNoTime || time >= options_.since) &&
           (options_.until == kNoTime || time <= options_.until);
  }

  void distances() {
    distance_.assign(graph_.num_accounts(), kFar);
    std::deque<VertexId> queue;
    for (VertexId v = 0; v < graph_.num_accounts(); ++v) {
      if (is_target_[v]) {
        distance_[v] = 0;
        queue.push_back(v);
      }
    }
    while (!queue.empty()) {
      const VertexId v = queue.front();
      queue.pop_front();
      if (distance_[v] >= options_.max_hops) continue;
      for (TxIndex t : graph_.in_transactions(v)) {
        const VertexId u = tx_.from[t];
        if (distance_[u] != kFar || !in_window(t)) continue;
        distance_[u] = distance_[v] + 1;
        queue.push_back(u);
      }
    }
  }

  void extend(VertexId u, Timestamp after, Amount width) {
    const std::span<const TxIndex> out = graph_.out_transactions(u);
    // Time-ordered: skip what happened before the hop that brought the money here.
    auto begin = out.begin();
    if (after != kNoTime)
      begin = std::lower_bound(out.begin(), out.end(), after,
                               [&](TxIndex t, Timestamp time) { return tx_.timestamp[t] < time; });
    const std::uint32_t hops_left = options_.max_hops - static_cast<std::uint32_t>(path_.size());
    std::vector<std::pair<Amount, TxIndex>> next;
    for (auto it = begin; it != out.end(); ++it) {
      const TxIndex t = *it;
      if (options_.until != kNoTime && tx_.timestamp[t] > options_.until) break;
      const VertexId v = tx_.to[t];
      if (on_path_[v] || distance_[v] == kFar || distance_[v] + 1 > hops_left) continue;
      const Amount w = std::min(width, value(t));
      if (w > threshold_) next.push_back({w, t});
    }
    std::sort(next.begin(), next.end(), [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    for (const auto& [w, t] : next) {
      if (w <= threshold_) break;  // sorted widest first: the rest cannot enter the top K
      if (++steps_ > options_.max_steps) {
        truncated_ = true;
        return;
      }
      const VertexId v = tx_.to[t];
      path_.push_back(t);
      if (is_target_[v]) {
        record(w);
      } else if (hops_left > 1) {
        on_path_[v] = true;
        extend(v, tx_.timestamp[t], w);
        on_path_[v] = false;
      }
      path_.pop_back();
      if (truncated_) return;
    }
  }

  void record(Amount width) {
    std::vector<VertexId> accounts;
    for (TxIndex t : path_) accounts.push_back(tx_.to[t]);
    const auto [it, added] = best_.try_emplace(std::move(accounts));
    if (!added) {
      if (it->second.value >= width) return;
      values_.erase(values_.find(it->second.value));
    }
    it->second = {path_, width, tx_.timestamp[path_.front()], tx_.timestamp[path_.back()]};
    values_.insert(width);
    if (values_.size() < options_.top) return;
    threshold_ = *std::next(values_.rbegin(), static_cast<std::ptrdiff_t>(options_.top - 1));
    if (best_.size() > 4 * options_.top) {  // what is below the K-th can never come back
      std::erase_if(best_, [&](const auto& entry) { return entry.second.value < threshold_; });
      values_.erase(values_.begin(), values_.lower_bound(threshold_));
    }
  }

  std::string currency_of(const std::vector<AccountPath>& paths) const {
    std::string_view common;  // the hops' one currency, while they share one
    bool mixed = false;
    bool all_rated = !graph_.rates().empty();
    for (const AccountPath& p : paths) {
      for (TxIndex t : p.transactions) {
        const std::string_view c = graph_.currencies()[tx_.currency[t]];
        if (all_rated && !graph_.rates().rate(c, tx_.timestamp[t])) all_rated = false;
        if (common.empty()) common = c;
        mixed = mixed || c != common;
      }
    }
    if (all_rated && !graph_.rates().base().empty()) return std::string(graph_.rates().base());
    return mixed ? "" : std::string(common);
  }

  const TransactionGraph& graph_;
  const TransactionTable& tx_;
  const std::vector<bool>& is_target_;
  const AccountPathOptions& options_;
  std::vector<bool> on_path_;
  std::vector<std::uint32_t> distance_;  // hops to the nearest target, kFar when out of reach
  std::vector<TxIndex> path_;
  std::map<std::vector<VertexId>, AccountPath> best_;  // by the accounts it passes
  std::multiset<Amount> values_;                       // best_'s values
  Amount threshold_ = -std::numeric_limits<Amount>::infinity();
  std::uint64_t steps_ = 0;
  bool truncated_ = false;
};

}  // namespace

AccountPathResult account_paths(const TransactionGraph& graph, VertexId source,
                                const std::vector<bool>& is_target,
                                const AccountPathOptions& options) {
  if (options.max_hops == 0) throw OptionError("max_hops", "must be at least 1");
  if (options.top == 0) throw OptionError("top", "must be at least 1");
  if (is_target.size() != graph.num_accounts())
    throw OptionError("is_target", "needs one entry per account");
  PathSearch search(graph, is_target, options);
  search.run(source);
  return search.result();
}

}  // namespace moneytrail
