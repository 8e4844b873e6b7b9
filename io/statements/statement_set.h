// Statement rows as read, before the merge: each row is a transfer seen from its statement's own
// account. A row's text fields are spans into its file's decoded text, which the set keeps, so a
// row is 136 bytes of numbers and offsets instead of a dozen strings: at a million rows the
// strings' allocations, not the parsing, used to be most of the reading time.
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "graph/types.h"

namespace moneytrail {

/// Where a field sits in its file's text.
struct TextSpan {
  std::uint32_t offset = 0, length = 0;
};

struct StatementRow {
  Timestamp time = 0;                                         // UTC
  Amount amount = 0;                                          // positive
  Amount balance = std::numeric_limits<Amount>::quiet_NaN();  // after the row; NaN: none given
  std::uint32_t file = 0;                                     // index into StatementSet::paths()
  std::uint32_t line = 0;
  TextSpan account, counterparty, counterparty_name, counterparty_bank, summary, serial;
  TextSpan holder_name, id_number, phone, ip, mac, device;
  std::uint16_t currency = 0;  // index into the set's currency codes
  bool outgoing = false;
  bool platform = false;  // from a payment-platform export: its account is a payment account
};

class StatementSet {
 public:
  /// Starts a file; spans of its rows point into `text`. Returns its index. Throws
  /// std::length_error for a text over 4 GiB (spans are 32-bit).
  std::uint32_t add_file(std::string path, std::string text) {
    if (text.size() > std::numeric_limits<std::uint32_t>::max())
      throw std::length_error(path + ": a statement file over 4 GiB");
    paths_.push_back(std::move(path));
    texts_.push_back(std::move(text));
    return static_cast<std::uint32_t>(paths_.size() - 1);
  }
  const std::vector<std::string>& paths() const { return paths_; }
  const std::string& text(std::uint32_t file) const { return texts_[file]; }
  /// The reader unescapes quoted fields in place, inside their own bytes.
  std::string& mutable_text(std::uint32_t file) { return texts_[file]; }

  std::string_view get(const StatementRow& row, TextSpan span) const {
    return std::string_view(texts_[row.file]).substr(span.offset, span.length);
  }
  /// A span for `value`, which is empty or a view into `file`'s text.
  TextSpan span_of(std::uint32_t file, std::string_view value) const {
    if (value.empty()) return {};
    return {static_cast<std::uint32_t>(value.data() - texts_[file].data()),
            static_cast<std::uint32_t>(value.size())};
  }
  /// Appends `value` to a file's text (invalidating views into it) and returns its span: for rows
  /// built by hand.
  TextSpan append_text(std::uint32_t file, std::string_view value) {
    TextSpan span{static_cast<std::uint32_t>(texts_[file].size()),
                  static_cast<std::uint32_t>(value.size())};
    texts_[file] += value;
    return span;
  }

  std::uint16_t currency_index(std::string_view code) {
    for (std::size_t i = 0; i < currencies_.size(); ++i)
      if (currencies_[i] == code) return static_cast<std::uint16_t>(i);
    if (currencies_.size() == std::numeric_limits<std::uint16_t>::max())
      throw std::length_error("more than 65,535 currencies in statements");
    currencies_.emplace_back(code);
    return static_cast<std::uint16_t>(currencies_.size() - 1);
  }
  std::string_view currency(const StatementRow& row) const { return currencies_[row.currency]; }

  std::vector<StatementRow> rows;

 private:
  std::vector<std::string> paths_, texts_;
  std::vector<std::string> currencies_;
};

}  // namespace moneytrail
