// Column-oriented account and transaction tables. Columns (one vector per field) keep the
// per-transaction footprint at about 40 bytes plus the id text, and let algorithms stream only
// the fields they read.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "graph/string_pool.h"
#include "graph/types.h"

namespace moneytrail {

/// Accounts indexed by VertexId. String attributes are indices into TransactionGraph::names()
/// (kNoSymbol when absent).
struct AccountTable {
  StringInterner ids;  // external id -> VertexId
  std::vector<AccountKind> kind;
  std::vector<std::uint32_t> institution;
  std::vector<std::uint32_t> holder;
  std::vector<std::uint32_t> phone;
  std::vector<std::uint32_t> device;
  std::vector<Timestamp> opened;        // kNoTime when unknown
  std::vector<Amount> opening_balance;  // NaN when not given by the accounts file
  std::vector<std::uint8_t> labels;     // AccountLabel bits
  std::vector<std::uint32_t> tags;      // free tags joined by ';' as one name, or kNoSymbol

  std::uint32_t size() const { return ids.size(); }
  bool has_opening_balance(VertexId v) const { return !std::isnan(opening_balance[v]); }
  /// Appends default attributes for a new account; returns its index.
  VertexId add(std::string_view external_id);
  /// The same for an id the caller knows is new; the id index is built on first lookup.
  VertexId add_new(std::string_view external_id);
  /// Releases spare capacity left by growing and drops the id index until the next lookup.
  void freeze();
  std::size_t memory_bytes() const;

 private:
  void append_defaults();
};

/// Transactions indexed by TxIndex, i.e. in processing order: (timestamp, input order).
struct TransactionTable {
  StringPool ids;
  std::vector<Timestamp> timestamp;
  std::vector<VertexId> from;
  std::vector<VertexId> to;
  std::vector<Amount> amount;           // paid by `from`, in `currency`
  std::vector<Amount> received_amount;  // credited to `to`, in `received_currency`
  std::vector<std::uint16_t> currency;  // index into TransactionGraph::currencies()
  std::vector<std::uint16_t> received_currency;
  std::vector<Channel> channel;
  std::vector<LaunderingLabel> label;
  std::vector<std::uint16_t> typology;  // index into TransactionGraph::typologies(), or kNoTypology
  std::vector<std::uint32_t> input_position;  // 0-based position across all input rows loaded

  static constexpr std::uint16_t kNoTypology = 0xFFFF;

  std::uint32_t size() const { return static_cast<std::uint32_t>(timestamp.size()); }
  void reserve(std::size_t n);
  /// Releases the spare capacity that growing by appends leaves (up to half of each column).
  void shrink_to_fit();
  /// Reorders every column except ids so that row i becomes old row order[i].
  void permute_columns(const std::vector<std::uint32_t>& order);
  std::size_t memory_bytes() const;
};

}  // namespace moneytrail
