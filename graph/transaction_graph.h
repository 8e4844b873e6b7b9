// The immutable transaction graph: accounts are vertices, transactions are directed edges.
// Transactions are numbered in processing order (timestamp, then input order), so "later" is
// simply a larger TxIndex and every account's outgoing and incoming lists, built by a stable
// counting sort, come out sorted by (timestamp, input order) for free.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/exchange_rates.h"
#include "graph/tables.h"

namespace moneytrail {

enum class LinkKind : std::uint8_t { holder, phone, device, other };
std::string_view to_string(LinkKind kind);

/// A stated tie between two accounts that is not a transaction (e.g. a shared IP from a
/// statement). Links derived from shared holder/phone/device attributes are computed by
/// OwnershipLinks instead of being stored.
struct AccountLink {
  VertexId a = 0;
  VertexId b = 0;
  LinkKind kind = LinkKind::other;
  std::uint32_t evidence = kNoSymbol;  // index into names(): what they share
};

class TransactionGraph {
 public:
  /// Everything the graph is made of, before the adjacency indices are built.
  struct Parts {
    AccountTable accounts;
    TransactionTable transactions;  // must already be in processing order
    StringInterner currencies;
    StringInterner typologies;
    StringInterner names;  // institutions, holders, phones, devices, tags
    ExchangeRates rates;
    std::vector<AccountLink> links;
  };

  TransactionGraph() : TransactionGraph(Parts{}) {}
  /// Builds the adjacency; throws std::invalid_argument when the transactions are not in
  /// processing order or reference accounts that do not exist.
  explicit TransactionGraph(Parts parts);

  TransactionGraph(TransactionGraph&&) = default;
  TransactionGraph& operator=(TransactionGraph&&) = default;
  TransactionGraph(const TransactionGraph&) = delete;  // large: never copied by accident
  TransactionGraph& operator=(const TransactionGraph&) = delete;

  std::uint32_t num_accounts() const { return parts_.accounts.size(); }
  std::uint32_t num_transactions() const { return parts_.transactions.size(); }

  const AccountTable& accounts() const { return parts_.accounts; }
  const TransactionTable& transactions() const { return parts_.transactions; }
  const StringInterner& currencies() const { return parts_.currencies; }
  const StringInterner& typologies() const { return parts_.typologies; }
  const StringInterner& names() const { return parts_.names; }
  const ExchangeRates& rates() const { return parts_.rates; }
  const std::vector<AccountLink>& links() const { return parts_.links; }

  /// Outgoing transactions of `v`, sorted by (timestamp, input order).
  std::span<const TxIndex> out_transactions(VertexId v) const {
    return {out_tx_.data() + out_offsets_[v], out_tx_.data() + out_offsets_[v + 1]};
  }
  /// Incoming transactions of `v`, sorted by (timestamp, input order).
  std::span<const TxIndex> in_transactions(VertexId v) const {
    return {in_tx_.data() + in_offsets_[v], in_tx_.data() + in_offsets_[v + 1]};
  }
  std::uint32_t out_degree(VertexId v) const {
    return static_cast<std::uint32_t>(out_offsets_[v + 1] - out_offsets_[v]);
  }
  std::uint32_t in_degree(VertexId v) const {
    return static_cast<std::uint32_t>(in_offsets_[v + 1] - in_offsets_[v]);
  }

  std::string_view account_id(VertexId v) const { return parts_.accounts.ids[v]; }
  std::string_view transaction_id(TxIndex t) const { return parts_.transactions.ids[t]; }
  std::optional<VertexId> find_account(std::string_view external_id) const {
    return parts_.accounts.ids.find(external_id);
  }
  /// Linear scan: fine for a handful of ids; build an index for batches.
  std::optional<TxIndex> find_transaction(std::string_view external_id) const;
  /// Looks up many transaction ids in one pass over the ids (no index is kept: transaction ids
  /// are looked up rarely and an index at 10M would cost more memory than the lookups time);
  /// nullopt for unknown ids, repeated ids share the first one's answer.
  std::vector<std::optional<TxIndex>> find_transactions(std::span<const std::string> ids) const;
  /// The name behind a symbol, or "" for kNoSymbol.
  std::string_view name(std::uint32_t symbol) const {
    return symbol == kNoSymbol ? std::string_view{} : parts_.names[symbol];
  }

  /// Resident bytes of all tables and indices (capacity, not size).
  std::size_t memory_bytes() const;

 private:
  Parts parts_;
  std::vector<TxIndex> out_offsets_;  // TxIndex: a graph holds fewer than 2^32 transactions
  std::vector<TxIndex> out_tx_;
  std::vector<TxIndex> in_offsets_;
  std::vector<TxIndex> in_tx_;
};

}  // namespace moneytrail
