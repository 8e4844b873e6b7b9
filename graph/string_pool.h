// Compact string storage and interning. Account and transaction ids live here once, as bytes in
// one arena plus an offset each, instead of one heap std::string per id (32+ bytes of overhead).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <tsl/robin_set.h>

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
  std::size_t memory_bytes() const;
  const std::vector<char>& chars() const { return chars_; }

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
  std::optional<std::uint32_t> find(std::string_view text) const;
  std::string_view operator[](std::uint32_t index) const { return (*pool_)[index]; }
  std::uint32_t size() const { return pool_->size(); }
  const StringPool& pool() const { return *pool_; }
  void reserve(std::size_t strings);
  std::size_t memory_bytes() const;
  /// Hands over the strings and drops the lookup set; the interner is empty afterwards.
  StringPool take_pool() &&;

 private:
  // The set stores indices; hashing and comparing go through the pool so the arena can grow
  // without invalidating keys. The pool sits on the heap so the functors' pointer to it survives
  // moving the interner.
  struct Hash {
    using is_transparent = void;
    const StringPool* pool;
    std::size_t operator()(std::uint32_t i) const { return (*this)((*pool)[i]); }
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Equal {
    using is_transparent = void;
    const StringPool* pool;
    bool operator()(std::uint32_t a, std::uint32_t b) const { return a == b; }
    bool operator()(std::uint32_t a, std::string_view b) const { return (*pool)[a] == b; }
    bool operator()(std::string_view a, std::uint32_t b) const { return a == (*pool)[b]; }
  };
  using IndexSet = tsl::robin_set<std::uint32_t, Hash, Equal, std::allocator<std::uint32_t>,
                                  /*StoreHash=*/true>;

  std::unique_ptr<StringPool> pool_;
  IndexSet index_;
};

}  // namespace moneytrail
