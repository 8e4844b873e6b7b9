// Rows that could not be loaded: counted by reason and streamed to a rejects CSV, so nothing is
// dropped silently and an analyst can fix and reload them.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace moneytrail {

enum class RejectReason : std::uint8_t {
  malformed_row,
  missing_field,
  bad_number,
  bad_timestamp,
  non_positive_amount,
  empty_account,
  unknown_channel,
  unknown_kind,
  bad_label,
  duplicate_id,
  invalid_text,  // a control character in an id, or ill-formed UTF-8 under strict
  out_of_range,  // an amount above 1e15 or a time outside 1900-2200
};
inline constexpr int kRejectReasonCount = 12;
std::string_view to_string(RejectReason reason);

/// Why one row was rejected: the column at fault and a human-readable explanation.
struct RowError {
  std::string column;
  RejectReason reason = RejectReason::malformed_row;
  std::string detail;
};

class AtomicOutputFile;

class RejectLog {
 public:
  /// Rejected rows go to `path` (written to a temporary name, renamed by finish()); an empty path
  /// only counts them. At most `max_rows` rows are written (a 509 KB gzip of bad rows would
  /// otherwise write a 667 MB rejects file); the rest are still counted. Default 100,000.
  explicit RejectLog(std::string path = {}, std::uint64_t max_rows = kDefaultMaxRejects);
  static constexpr std::uint64_t kDefaultMaxRejects = 100000;
  ~RejectLog();
  RejectLog(const RejectLog&) = delete;
  RejectLog& operator=(const RejectLog&) = delete;

  void add(const std::string& file, std::uint64_t line, const RowError& error,
           const std::vector<std::string_view>& fields);
  /// The same with the row already encoded as one CSV line.
  void add_encoded(const std::string& file, std::uint64_t line, const RowError& error,
                   std::string_view encoded_row);
  /// Rows of file `path` are reported as coming from `shown` (standard input, read through a
  /// temporary copy, is "-").
  void name_file(std::string path, std::string shown) {
    alias_from_ = std::move(path);
    alias_to_ = std::move(shown);
  }
  /// Closes and renames the rejects file; returns false (with `error` set) when it cannot.
  bool finish(std::string* error = nullptr);

  std::uint64_t count() const { return total_; }
  /// Rows written to the rejects file (at most max_rows).
  std::uint64_t written_rows() const { return written_rows_; }
  std::uint64_t count(RejectReason reason) const { return by_reason_[static_cast<int>(reason)]; }
  /// The first few rejects as `file:line: column: detail`, for the summary on stderr.
  const std::vector<std::string>& examples() const { return examples_; }
  const std::string& path() const { return path_; }
  bool written() const { return total_ > 0 && !path_.empty(); }

 private:
  std::string path_;
  std::uint64_t max_rows_;
  std::unique_ptr<AtomicOutputFile> out_;
  std::uint64_t total_ = 0;
  std::uint64_t written_rows_ = 0;
  std::array<std::uint64_t, kRejectReasonCount> by_reason_{};
  std::vector<std::string> examples_;
  std::string alias_from_, alias_to_;
};

}  // namespace moneytrail
