// Collects accounts and transactions in input order, then freezes them into a TransactionGraph.
#pragma once

#include <string>
#include <string_view>

#include "graph/transaction_graph.h"

namespace moneytrail {

/// One transaction as a reader hands it over; views need only live for the call.
struct TransactionInput {
  std::string_view id;
  Timestamp timestamp = 0;
  std::string_view from;
  std::string_view to;
  Amount amount = 0;
  std::string_view currency;
  Amount received_amount = 0;
  std::string_view received_currency;
  Channel channel = Channel::other;
  AccountKind from_kind = AccountKind::unknown;
  AccountKind to_kind = AccountKind::unknown;
  std::string_view from_institution;
  std::string_view to_institution;
  LaunderingLabel label = LaunderingLabel::unknown;
  std::string_view typology;
};

/// Attributes from an accounts file. Empty views and NaN leave the attribute as it is.
struct AccountInput {
  std::string_view id;
  AccountKind kind = AccountKind::unknown;
  std::string_view institution;
  std::string_view holder;
  std::string_view phone;
  std::string_view device;
  Timestamp opened = kNoTime;
  Amount opening_balance = std::numeric_limits<Amount>::quiet_NaN();
  std::uint8_t labels = 0;
  std::string_view tags;  // free tags, ';'-separated
};

class GraphBuilder {
 public:
  enum class AddResult { added, duplicate_id };

  GraphBuilder() = default;

  /// Adds a transaction at the next input position. Kind and institution hints fill in accounts
  /// whose attributes are still unknown; an accounts file always wins over hints.
  AddResult add_transaction(const TransactionInput& input);
  /// The same with both accounts already looked up by add_account (input.from and input.to are
  /// not read): a reader that groups rows by account before adding them hashes each id once.
  AddResult add_transaction(const TransactionInput& input, VertexId from, VertexId to);
  /// The account `id`, created without attributes when new.
  VertexId add_account(std::string_view id) { return parts_.accounts.add(id); }
  /// The account `id` if some input named it.
  std::optional<VertexId> find_account(std::string_view id) const {
    return parts_.accounts.ids.find(id);
  }
  /// Adds a free tag to an account's ';'-separated tags (kept once).
  void add_tag(VertexId v, std::string_view tag);
  /// Sets an account's attributes from an accounts file (creating the account if new).
  void set_account(const AccountInput& input);
  /// The same for an account already looked up by add_account (input.id is not read).
  void set_account(VertexId v, const AccountInput& input);
  void add_link(std::string_view a, std::string_view b, LinkKind kind, std::string_view evidence);
  void add_rate(std::string_view currency, Timestamp time, double rate_to_base);
  void reserve_transactions(std::size_t n);
  /// Appends a whole graph (accounts with attributes, transactions in their input order, links,
  /// rates), as when a case file is one of several inputs. With a window, only the transactions
  /// in [since, until] (kNoTime: unbounded); every account is kept, and stated opening balances
  /// are dropped when `since` is set (they are balances at the data's start, not at `since`;
  /// tracing infers one from the window instead). Returns the transactions left out.
  std::uint64_t add_graph(const TransactionGraph& graph, Timestamp since = kNoTime,
                          Timestamp until = kNoTime);

  std::uint32_t num_transactions() const { return parts_.transactions.size(); }
  std::uint32_t num_accounts() const { return parts_.accounts.size(); }

  /// Sorts into processing order (stable by timestamp) and builds the indices.
  TransactionGraph build() &&;

 private:
  std::uint16_t intern_currency(std::string_view code);
  std::uint16_t intern_typology(std::string_view tag);
  bool accept_id(std::string_view id);  // false for a duplicate
  void append_transaction(const TransactionInput& input, VertexId from, VertexId to);
  void apply_hints(VertexId v, AccountKind kind, std::string_view institution);

  TransactionGraph::Parts parts_;
  StringInterner tx_ids_;  // unique ids in input order; becomes parts_.transactions.ids
  // While every id is greater than the one before (shortlex order: shorter first, then bytes, so
  // T9 < T10 and "file:9" < "file:10"), no id can repeat and the id index is not needed.
  bool ids_increasing_ = true;
  static constexpr std::uint16_t kNoCurrency = 0xFFFF;
  struct RecentCurrency {
    std::string code;
    std::uint16_t index = kNoCurrency;
  };
  RecentCurrency recent_currency_[2];
  // One bit per account: true once hints can no longer change it (kind and institution known, or
  // set by an accounts file). Checked per transaction side, so it must stay cache-resident.
  std::vector<bool> settled_;
};

}  // namespace moneytrail
