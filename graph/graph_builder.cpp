#include "graph/graph_builder.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace moneytrail {
std::uint16_t GraphBuilder::intern_currency(std::string_view code) {
  // Rows name the same one or two currencies over and over: a two-entry cache saves hashing them.
  for (int i = 0; i < 2; ++i) {
    if (recent_currency_[i].index != kNoCurrency && recent_currency_[i].code == code) {
      return recent_currency_[i].index;
    }
  }
  std::uint32_t index = parts_.currencies.intern(code);
  if (index >= 0xFFFF) throw std::length_error("more than 65,534 distinct currencies");
  recent_currency_[1] = std::move(recent_currency_[0]);
  recent_currency_[0] = {std::string(code), static_cast<std::uint16_t>(index)};
  return static_cast<std::uint16_t>(index);
}

std::uint16_t GraphBuilder::intern_typology(std::string_view tag) {
  if (tag.empty()) return TransactionTable::kNoTypology;
  std::uint32_t index = parts_.typologies.intern(tag);
  if (index >= TransactionTable::kNoTypology) {
    throw std::length_error("more than 65,534 distinct typology tags");
  }
  return static_cast<std::uint16_t>(index);
}

void GraphBuilder::apply_hints(VertexId v, AccountKind kind, std::string_view institution) {
  if (v >= settled_.size()) settled_.resize(v + 1, false);
  if (settled_[v]) return;
  AccountTable& accounts = parts_.accounts;
  if (accounts.kind[v] == AccountKind::unknown) accounts.kind[v] = kind;
  if (accounts.institution[v] == kNoSymbol && !institution.empty()) {
    accounts.institution[v] = parts_.names.intern(institution);
  }
  settled_[v] = accounts.kind[v] != AccountKind::unknown && accounts.institution[v] != kNoSymbol;
}

bool GraphBuilder::accept_id(std::string_view id) {
  const std::uint32_t before = tx_ids_.size();
  if (before == std::numeric_limits<TxIndex>::max()) {
    throw std::length_error("more than 4,294,967,294 transactions in one graph");
  }
  const bool after_previous =
      ids_increasing_ && (before == 0 || [&] {
        const std::string_view previous = tx_ids_[before - 1];
        return id.size() != previous.size() ? id.size() > previous.size() : id > previous;
      }());
  if (after_previous) {
    tx_ids_.append_new(id);
    return true;
  }
  ids_increasing_ = false;
  return tx_ids_.intern(id) == before;
}

GraphBuilder::AddResult GraphBuilder::add_transaction(const TransactionInput& in) {
  if (!accept_id(in.id)) return AddResult::duplicate_id;
  const VertexId from = parts_.accounts.add(in.from);
  const VertexId to = parts_.accounts.add(in.to);
  append_transaction(in, from, to);
  return AddResult::added;
}

GraphBuilder::AddResult GraphBuilder::add_transaction(const TransactionInput& in, VertexId from,
                                                      VertexId to) {
  if (!accept_id(in.id)) return AddResult::duplicate_id;
  append_transaction(in, from, to);
  return AddResult::added;
}

void GraphBuilder::append_transaction(const TransactionInput& in, VertexId from, VertexId to) {
  apply_hints(from, in.from_kind, in.from_institution);
  apply_hints(to, in.to_kind, in.to_institution);
  TransactionTable& tx = parts_.transactions;
  const std::uint32_t position = tx.timestamp.size();
  tx.timestamp.push_back(in.timestamp);
  tx.from.push_back(from);
  tx.to.push_back(to);
  tx.amount.push_back(in.amount);
  tx.received_amount.push_back(in.received_amount);
  tx.currency.push_back(intern_currency(in.currency));
  tx.received_currency.push_back(
      in.received_currency.empty() ? tx.currency.back() : intern_currency(in.received_currency));
  tx.channel.push_back(in.channel);
  tx.label.push_back(in.label);
  tx.typology.push_back(intern_typology(in.typology));
  tx.input_position.push_back(position);
}

void GraphBuilder::add_tag(VertexId v, std::string_view tag) {
  std::uint32_t& column = parts_.accounts.tags[v];
  std::string tags = column == kNoSymbol ? std::string() : std::string(parts_.names[column]);
  for (std::string_view rest = tags; !rest.empty();) {
    const std::size_t cut = rest.find(';');
    if (rest.substr(0, cut) == tag) return;
    rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
  }
  if (!tags.empty()) tags += ';';
  tags += tag;
  column = parts_.names.intern(tags);
}

void GraphBuilder::set_account(const AccountInput& in) {
  set_account(parts_.accounts.add(in.id), in);
}

void GraphBuilder::set_account(VertexId v, const AccountInput& in) {
  AccountTable& accounts = parts_.accounts;
  if (v >= settled_.size()) settled_.resize(v + 1, false);
  settled_[v] = true;
  auto set_name = [&](std::vector<std::uint32_t>& column, std::string_view value) {
    if (!value.empty()) column[v] = parts_.names.intern(value);
  };
  if (in.kind != AccountKind::unknown) accounts.kind[v] = in.kind;
  set_name(accounts.institution, in.institution);
  set_name(accounts.holder, in.holder);
  set_name(accounts.phone, in.phone);
  set_name(accounts.device, in.device);
  set_name(accounts.tags, in.tags);
  if (in.opened != kNoTime) accounts.opened[v] = in.opened;
  if (!std::isnan(in.opening_balance)) accounts.opening_balance[v] = in.opening_balance;
  accounts.labels[v] |= in.labels;
}

void GraphBuilder::add_link(std::string_view a, std::string_view b, LinkKind kind,
                            std::string_view evidence) {
  AccountLink link;
  link.a = parts_.accounts.add(a);
  link.b = parts_.accounts.add(b);
  link.kind = kind;
  link.evidence = evidence.empty() ? kNoSymbol : parts_.names.intern(evidence);
  parts_.links.push_back(link);
}

void GraphBuilder::add_rate(std::string_view currency, Timestamp time, double rate_to_base) {
  parts_.rates.add(std::string(currency), time, rate_to_base);
}

std::uint64_t GraphBuilder::add_graph(const TransactionGraph& graph, Timestamp since,
                                      Timestamp until) {
  const AccountTable& accounts = graph.accounts();
  for (VertexId v = 0; v < graph.num_accounts(); ++v) {
    AccountInput in;
    in.id = graph.account_id(v);
    in.kind = accounts.kind[v];
    in.institution = graph.name(accounts.institution[v]);
    in.holder = graph.name(accounts.holder[v]);
    in.phone = graph.name(accounts.phone[v]);
    in.device = graph.name(accounts.device[v]);
    in.opened = accounts.opened[v];
    if (since == kNoTime) in.opening_balance = accounts.opening_balance[v];
    in.labels = accounts.labels[v];
    in.tags = graph.name(accounts.tags[v]);
    set_account(in);
  }
  const TransactionTable& tx = graph.transactions();
  std::vector<TxIndex> by_input(tx.size());
  for (TxIndex t = 0; t < tx.size(); ++t) by_input[tx.input_position[t]] = t;
  std::uint64_t outside = 0;
  for (TxIndex t : by_input) {
    if ((since != kNoTime && tx.timestamp[t] < since) ||
        (until != kNoTime && tx.timestamp[t] > until)) {
      ++outside;
      continue;
    }
    TransactionInput in;
    in.id = tx.ids[t];
    in.timestamp = tx.timestamp[t];
    in.from = graph.account_id(tx.from[t]);
    in.to = graph.account_id(tx.to[t]);
    in.amount = tx.amount[t];
    in.currency = graph.currencies()[tx.currency[t]];
    in.received_amount = tx.received_amount[t];
    in.received_currency = graph.currencies()[tx.received_currency[t]];
    in.channel = tx.channel[t];
    in.label = tx.label[t];
    if (tx.typology[t] != TransactionTable::kNoTypology)
      in.typology = graph.typologies()[tx.typology[t]];
    if (add_transaction(in) == AddResult::duplicate_id) {
      throw std::invalid_argument("transaction id " + std::string(in.id) +
                                  " appears in more than one input");
    }
  }
  for (const AccountLink& link : graph.links()) {
    add_link(graph.account_id(link.a), graph.account_id(link.b), link.kind,
             graph.name(link.evidence));
  }
  for (const auto& [currency, points] : graph.rates().series()) {
    for (const RateObservation& p : points) add_rate(currency, p.time, p.rate_to_base);
  }
  return outside;
}

void GraphBuilder::reserve_transactions(std::size_t n) { parts_.transactions.reserve(n); }

TransactionGraph GraphBuilder::build() && {
  TransactionTable& tx = parts_.transactions;
  parts_.rates.finalize();
  const bool in_time_order = std::is_sorted(tx.timestamp.begin(), tx.timestamp.end());
  if (in_time_order) {
    // Common for exported statements: no permutation, and the id arena moves over as it is.
    tx.ids = std::move(tx_ids_).take_pool();
  } else {
    std::vector<std::uint32_t> order(tx.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return tx.timestamp[a] < tx.timestamp[b];
    });
    tx.ids = tx_ids_.pool().permuted(order);
    tx_ids_ = StringInterner{};  // free the lookup set before permuting the other columns
    tx.permute_columns(order);
  }
  tx.shrink_to_fit();
  parts_.accounts.freeze();
  return TransactionGraph(std::move(parts_));
}

}  // namespace moneytrail
