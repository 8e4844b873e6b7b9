#include "graph/string_pool.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace moneytrail {

std::uint32_t StringPool::add(std::string_view text) {
  if (offsets_.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("more than 4,294,967,295 strings in one pool");
  }
  chars_.insert(chars_.end(), text.begin(), text.end());
  offsets_.push_back(chars_.size());
  return static_cast<std::uint32_t>(offsets_.size() - 2);
}

void StringPool::reserve(std::size_t strings, std::size_t bytes) {
  offsets_.reserve(strings + 1);
  chars_.reserve(bytes);
}

std::size_t StringPool::memory_bytes() const {
  return chars_.capacity() + offsets_.capacity() * sizeof(std::uint64_t);
}

StringPool StringPool::permuted(const std::vector<std::uint32_t>& order) const {
  StringPool result;
  result.reserve(order.size(), chars_.size());
  for (std::uint32_t i : order) result.add((*this)[i]);
  return result;
}

StringInterner::StringInterner()
    : pool_(std::make_unique<StringPool>()), index_(0, Hash{pool_.get()}, Equal{pool_.get()}) {
  // Robin-hood probing stays short at 0.8 full; the default 0.5 would double the table.
  index_.max_load_factor(0.8f);
}

StringInterner::Entry StringInterner::make_entry(std::uint32_t index, std::string_view text) {
  Entry entry{
      index, static_cast<std::uint8_t>(std::min<std::size_t>(text.size(), kLongLength)), {}};
  std::memcpy(entry.head, text.data(), std::min(text.size(), kInline));
  return entry;
}

bool StringInterner::Equal::operator()(const Entry& a, std::string_view b) const {
  if (a.length != std::min<std::size_t>(b.size(), kLongLength)) return false;
  if (std::memcmp(a.head, b.data(), std::min<std::size_t>(b.size(), kInline)) != 0) return false;
  return b.size() <= kInline || (*pool)[a.index].substr(kInline) == b.substr(kInline);
}

void StringInterner::index_pending() const {
  if (indexed_ == pool_->size()) return;
  index_.reserve(pool_->size());
  for (std::uint32_t i = indexed_; i < pool_->size(); ++i)
    index_.insert(make_entry(i, (*pool_)[i]));
  indexed_ = pool_->size();
}

std::uint32_t StringInterner::intern(std::string_view text) {
  index_pending();
  auto it = index_.find(text);
  if (it != index_.end()) return it->index;
  std::uint32_t index = pool_->add(text);
  index_.insert(make_entry(index, text));
  indexed_ = pool_->size();
  return index;
}

std::uint32_t StringInterner::append_new(std::string_view text) { return pool_->add(text); }

bool StringInterner::index_all() {
  index_.reserve(pool_->size());
  bool unique = true;
  for (std::uint32_t i = indexed_; i < pool_->size(); ++i) {
    unique &= index_.insert(make_entry(i, (*pool_)[i])).second;
  }
  indexed_ = pool_->size();
  return unique;
}

void StringInterner::drop_index() {
  index_ = IndexSet(0, Hash{pool_.get()}, Equal{pool_.get()});
  index_.max_load_factor(0.8f);
  indexed_ = 0;
}

std::optional<std::uint32_t> StringInterner::find(std::string_view text) const {
  {
    std::lock_guard lock(*index_mutex_);
    index_pending();
  }
  auto it = index_.find(text);
  if (it == index_.end()) return std::nullopt;
  return it->index;
}

StringPool StringInterner::take_pool() && {
  StringPool pool = std::move(*pool_);
  index_ = IndexSet(0, Hash{pool_.get()}, Equal{pool_.get()});  // frees the buckets too
  index_.max_load_factor(0.8f);
  *pool_ = StringPool{};
  indexed_ = 0;
  return pool;
}

void StringInterner::reserve(std::size_t strings) { index_.reserve(strings); }

std::size_t StringInterner::memory_bytes() const {
  return pool_->memory_bytes() + index_.bucket_count() * (sizeof(Entry) + 8);
}

}  // namespace moneytrail
