#include "graph/tables.h"

#include <limits>

namespace moneytrail {
namespace {

// Drops spare capacity only when it is worth a copy (more than 1/16 of the column).
template <typename T>
void trim_capacity(std::vector<T>& column) {
  if ((column.capacity() - column.size()) * 16 > column.size()) column.shrink_to_fit();
}

template <typename T>
void apply_permutation(std::vector<T>& column, const std::vector<std::uint32_t>& order) {
  std::vector<T> permuted;
  permuted.reserve(column.size());
  for (std::uint32_t i : order) permuted.push_back(column[i]);
  column = std::move(permuted);
}

}  // namespace

VertexId AccountTable::add(std::string_view external_id) {
  VertexId v = ids.intern(external_id);
  if (v < kind.size()) return v;
  append_defaults();
  return v;
}

VertexId AccountTable::add_new(std::string_view external_id) {
  VertexId v = ids.append_new(external_id);
  append_defaults();
  return v;
}

void AccountTable::freeze() {
  ids.drop_index();
  ids.shrink_to_fit();
  kind.shrink_to_fit();
  institution.shrink_to_fit();
  holder.shrink_to_fit();
  phone.shrink_to_fit();
  device.shrink_to_fit();
  opened.shrink_to_fit();
  opening_balance.shrink_to_fit();
  labels.shrink_to_fit();
  tags.shrink_to_fit();
}

void AccountTable::append_defaults() {
  kind.push_back(AccountKind::unknown);
  institution.push_back(kNoSymbol);
  holder.push_back(kNoSymbol);
  phone.push_back(kNoSymbol);
  device.push_back(kNoSymbol);
  opened.push_back(kNoTime);
  opening_balance.push_back(std::numeric_limits<Amount>::quiet_NaN());
  labels.push_back(0);
  tags.push_back(kNoSymbol);
}

std::size_t AccountTable::memory_bytes() const {
  return ids.memory_bytes() + kind.capacity() + labels.capacity() +
         (institution.capacity() + holder.capacity() + phone.capacity() + device.capacity() +
          tags.capacity()) *
             sizeof(std::uint32_t) +
         (opened.capacity() + opening_balance.capacity()) * 8;
}

void TransactionTable::reserve(std::size_t n) {
  timestamp.reserve(n);
  from.reserve(n);
  to.reserve(n);
  amount.reserve(n);
  received_amount.reserve(n);
  currency.reserve(n);
  received_currency.reserve(n);
  channel.reserve(n);
  label.reserve(n);
  typology.reserve(n);
  input_position.reserve(n);
}

std::size_t TransactionTable::memory_bytes() const {
  return ids.memory_bytes() + timestamp.capacity() * 8 + (from.capacity() + to.capacity()) * 4 +
         (amount.capacity() + received_amount.capacity()) * 8 +
         (currency.capacity() + received_currency.capacity() + typology.capacity()) * 2 +
         channel.capacity() + label.capacity() + input_position.capacity() * 4;
}

}  // namespace moneytrail

namespace moneytrail {

void TransactionTable::shrink_to_fit() {
  ids.shrink_to_fit();
  trim_capacity(timestamp);
  trim_capacity(from);
  trim_capacity(to);
  trim_capacity(amount);
  trim_capacity(received_amount);
  trim_capacity(currency);
  trim_capacity(received_currency);
  trim_capacity(channel);
  trim_capacity(label);
  trim_capacity(typology);
  trim_capacity(input_position);
}

void TransactionTable::permute_columns(const std::vector<std::uint32_t>& order) {
  // One column at a time, so the extra memory is one column, not the table.
  apply_permutation(timestamp, order);
  apply_permutation(from, order);
  apply_permutation(to, order);
  apply_permutation(amount, order);
  apply_permutation(received_amount, order);
  apply_permutation(currency, order);
  apply_permutation(received_currency, order);
  apply_permutation(channel, order);
  apply_permutation(label, order);
  apply_permutation(typology, order);
  apply_permutation(input_position, order);
}

}  // namespace moneytrail
