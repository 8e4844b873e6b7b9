// Compact string storage and interning. Account and transaction ids live here once, as bytes in
// one arena plus an offset each, instead of one heap std::string per id (32+ bytes of overhead).
#pragma once

#include <tsl/robin_set.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

namespace moneytrail {

/// Append-only sequence of strings addressed by dense index.
class StringPool {
 public:
  StringPool() : offsets_{0} {}

  std::uint32_t add(std::string_view text);
  std::string_view operator[](std::uint32_t index) const {
    return {chars_.data() + offsets_[index], offsets_[index + 1] - offsets_[index]};
  }
  std::uint32_t size() const { return static_cast<std::uint32_t>(offsets_.size() - 1); }
  void reserve(std::size_t strings, std::size_t bytes);
  void shrink_to_fit() {
    if ((chars_.capacity() - chars_.size()) * 16 > chars_.size()) chars_.shrink_to_fit();
    if ((offsets_.capacity() - offsets_.size()) * 16 > offsets_.size()) offsets_.shrink_to_fit();
  }
  std::size_t memory_bytes() const;

  /// A pool holding the strings of this one in the given order (used to renumber).
  StringPool permuted(const std::vector<std::uint32_t>& order) const;

 private:
  std::vector<char> chars_;
  std::vector<std::uint64_t> offsets_;
};

/// A StringPool whose strings are unique, with lookup by text.
class StringInterner {
 public:
  StringInterner();

  /// The index of `text`, adding it when new.
  std::uint32_t intern(std::string_view text);
  /// Adds `text`, which the caller knows to be new, without indexing it; the next intern() or
  /// find() indexes everything first. Lets a loader skip hashing ids that arrive in increasing
  /// order (and so cannot repeat) and pay for the index only if the order breaks.
  std::uint32_t append_new(std::string_view text);
  /// Indexes strings added by append_new(); false when one of them was not new after all.
  bool index_all();
  /// Frees the lookup index; the next find() rebuilds it (thread-safe). A frozen graph keeps its
  /// account ids without paying ~40 bytes per account for an index most analyses never use.
  void drop_index();
  void shrink_to_fit() { pool_->shrink_to_fit(); }
  std::optional<std::uint32_t> find(std::string_view text) const;
  std::string_view operator[](std::uint32_t index) const { return (*pool_)[index]; }
  std::uint32_t size() const { return pool_->size(); }
  const StringPool& pool() const { return *pool_; }
  void reserve(std::size_t strings);
  std::size_t memory_bytes() const;
  /// Hands over the strings and drops the lookup set; the interner is empty afterwards.
  StringPool take_pool() &&;

 private:
  // The set stores each string's index with its length and first bytes inline, so looking up
  // an id of up to kInline bytes (card numbers, phone numbers, most account ids) touches one
  // bucket instead of bucket, offset table and character arena: three cache misses become one,
  // which is most of the cost of loading a large CSV. Longer strings compare their tail in the
  // pool. The pool sits on the heap so the functors' pointer to it survives moving the interner.
  // 19 inline bytes make a 24-byte entry and, with the stored hash and probe distance, a 32-byte
  // bucket: two buckets per cache line, none straddling one. 19 is also a card number's length.
  static constexpr std::size_t kInline = 19;
  static constexpr std::uint8_t kLongLength = 255;  // length >= 255: compare through the pool
  struct Entry {
    std::uint32_t index;
    std::uint8_t length;
    char head[kInline];
  };
  struct Hash {
    using is_transparent = void;
    const StringPool* pool;
    std::size_t operator()(const Entry& e) const { return (*this)((*pool)[e.index]); }
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Equal {
    using is_transparent = void;
    const StringPool* pool;
    bool operator()(const Entry& a, const Entry& b) const { return a.index == b.index; }
    bool operator()(const Entry& a, std::string_view b) const;
    bool operator()(std::string_view a, const Entry& b) const { return (*this)(b, a); }
  };
  using IndexSet = tsl::robin_set<Entry, Hash, Equal, std::allocator<Entry>, /*StoreHash=*/true>;
  static Entry make_entry(std::uint32_t index, std::string_view text);

  void index_pending() const;

  std::unique_ptr<StringPool> pool_;
  std::unique_ptr<std::mutex> index_mutex_ =
      std::make_unique<std::mutex>();  // guards lazy indexing
  mutable IndexSet index_;
  mutable std::uint32_t indexed_ = 0;  // strings [0, indexed_) are in index_
};

}  // namespace moneytrail
