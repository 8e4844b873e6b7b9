#include "graph/transaction_graph.h"

#include <tsl/robin_map.h>

#include <stdexcept>
#include <string>
#include <thread>

namespace moneytrail {
namespace {

// Stable counting sort of transaction indices by one endpoint. Because indices are visited in
// increasing (processing) order, each bucket ends up sorted by (timestamp, input order).
void build_adjacency(const std::vector<VertexId>& endpoint, std::uint32_t num_vertices,
                     std::vector<TxIndex>& offsets, std::vector<TxIndex>& list) {
  offsets.assign(static_cast<std::size_t>(num_vertices) + 1, 0);
  for (VertexId v : endpoint) ++offsets[v + 1];
  for (std::size_t v = 0; v < num_vertices; ++v) offsets[v + 1] += offsets[v];
  list.resize(endpoint.size());
  std::vector<TxIndex> cursor(offsets.begin(), offsets.end() - 1);
  for (TxIndex t = 0; t < endpoint.size(); ++t) list[cursor[endpoint[t]]++] = t;
}

}  // namespace

std::string_view to_string(LinkKind kind) {
  switch (kind) {
    case LinkKind::holder: return "holder";
    case LinkKind::phone: return "phone";
    case LinkKind::device: return "device";
    default: return "other";
  }
}

TransactionGraph::TransactionGraph(Parts parts) : parts_(std::move(parts)) {
  const TransactionTable& tx = parts_.transactions;
  const std::uint32_t n = num_accounts();
  const std::size_t m = tx.timestamp.size();
  for (std::size_t column :
       {std::size_t{tx.ids.size()}, tx.from.size(), tx.to.size(), tx.amount.size(),
        tx.received_amount.size(), tx.currency.size(), tx.received_currency.size(),
        tx.channel.size(), tx.label.size(), tx.typology.size(), tx.input_position.size()}) {
    if (column != m) throw std::invalid_argument("transaction columns differ in length");
  }
  for (TxIndex t = 0; t < tx.size(); ++t) {
    if (tx.from[t] >= n || tx.to[t] >= n) {
      throw std::invalid_argument("transaction " + std::to_string(t) +
                                  " references an account that does not exist");
    }
    if (t > 0 && (tx.timestamp[t] < tx.timestamp[t - 1] ||
                  (tx.timestamp[t] == tx.timestamp[t - 1] &&
                   tx.input_position[t] <= tx.input_position[t - 1]))) {
      throw std::invalid_argument("transactions are not in (timestamp, input order) at index " +
                                  std::to_string(t));
    }
  }
  for (const AccountLink& link : parts_.links) {
    if (link.a >= n || link.b >= n) {
      throw std::invalid_argument("an account link references an account that does not exist");
    }
  }
  // The two directions are independent: build them on both cores.
  std::thread incoming([&] { build_adjacency(tx.to, n, in_offsets_, in_tx_); });
  build_adjacency(tx.from, n, out_offsets_, out_tx_);
  incoming.join();
}

std::optional<TxIndex> TransactionGraph::find_transaction(std::string_view external_id) const {
  const StringPool& ids = parts_.transactions.ids;
  for (TxIndex t = 0; t < ids.size(); ++t) {
    if (ids[t] == external_id) return t;
  }
  return std::nullopt;
}

std::vector<std::optional<TxIndex>> TransactionGraph::find_transactions(
    std::span<const std::string> ids) const {
  tsl::robin_map<std::string_view, std::uint32_t> wanted;
  wanted.reserve(ids.size());
  for (std::uint32_t i = 0; i < ids.size(); ++i) wanted.emplace(ids[i], i);
  std::vector<std::optional<TxIndex>> found(ids.size());
  std::size_t missing = wanted.size();
  const StringPool& pool = parts_.transactions.ids;
  for (TxIndex t = 0; t < pool.size() && missing > 0; ++t) {
    auto it = wanted.find(pool[t]);
    if (it == wanted.end() || found[it->second]) continue;
    found[it->second] = t;
    --missing;
  }
  for (std::uint32_t i = 0; i < ids.size(); ++i) found[i] = found[wanted.at(ids[i])];
  return found;
}

std::size_t TransactionGraph::memory_bytes() const {
  return parts_.accounts.memory_bytes() + parts_.transactions.memory_bytes() +
         parts_.currencies.memory_bytes() + parts_.typologies.memory_bytes() +
         parts_.names.memory_bytes() + parts_.links.capacity() * sizeof(AccountLink) +
         (out_offsets_.capacity() + in_offsets_.capacity()) * sizeof(TxIndex) +
         (out_tx_.capacity() + in_tx_.capacity()) * sizeof(TxIndex);
}

}  // namespace moneytrail
