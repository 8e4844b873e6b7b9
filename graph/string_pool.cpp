#include "graph/string_pool.h"

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
    : pool_(std::make_unique<StringPool>()), index_(0, Hash{pool_.get()}, Equal{pool_.get()}) {}

std::uint32_t StringInterner::intern(std::string_view text) {
  auto it = index_.find(text);
  if (it != index_.end()) return *it;
  std::uint32_t index = pool_->add(text);
  index_.insert(index);
  return index;
}

std::optional<std::uint32_t> StringInterner::find(std::string_view text) const {
  auto it = index_.find(text);
  if (it == index_.end()) return std::nullopt;
  return *it;
}

StringPool StringInterner::take_pool() && {
  StringPool pool = std::move(*pool_);
  index_ = IndexSet(0, Hash{pool_.get()}, Equal{pool_.get()});  // frees the buckets too
  *pool_ = StringPool{};
  return pool;
}

void StringInterner::reserve(std::size_t strings) { index_.reserve(strings); }

std::size_t StringInterner::memory_bytes() const {
  return pool_->memory_bytes() + index_.bucket_count() * (sizeof(std::uint32_t) + 8);
}

}  // namespace moneytrail
