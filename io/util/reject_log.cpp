#include "io/util/reject_log.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "graph/input_error.h"
#include "io/csv/csv_reader.h"
#include "io/util/atomic_file.h"

namespace moneytrail {

std::string_view to_string(RejectReason reason) {
  static constexpr std::array<std::string_view, kRejectReasonCount> kNames = {
      "malformed_row",       "missing_field", "bad_number",      "bad_timestamp",
      "non_positive_amount", "empty_account", "unknown_channel", "unknown_kind",
      "bad_label",           "duplicate_id",  "invalid_text",    "out_of_range"};
  return kNames[static_cast<int>(reason)];
}

RejectLog::RejectLog(std::string path, std::uint64_t max_rows)
    : path_(std::move(path)), max_rows_(max_rows) {}

RejectLog::~RejectLog() = default;  // an uncommitted rejects file is removed by out_

void RejectLog::add(const std::string& file, std::uint64_t line, const RowError& error,
                    const std::vector<std::string_view>& fields) {
  add_encoded(file, line, error, join_csv_fields(fields));
}

void RejectLog::add_encoded(const std::string& path, std::uint64_t line, const RowError& error,
                            std::string_view encoded_row) {
  const std::string& file = !alias_from_.empty() && path == alias_from_ ? alias_to_ : path;
  ++total_;
  ++by_reason_[static_cast<int>(error.reason)];
  if (examples_.size() < 5)
    examples_.push_back(format_location(file, line, error.column, error.detail));
  if (path_.empty() || written_rows_ >= max_rows_) return;
  if (!out_) {
    try {
      out_ = std::make_unique<AtomicOutputFile>(path_);
    } catch (const std::runtime_error& e) {
      throw InputError(path_, 0, "", std::string("cannot write the rejects file: ") + e.what());
    }
    out_->write("file,line,column,reason,detail,row\n");
  }
  ++written_rows_;
  out_->write(csv_escape(file) + "," + std::to_string(line) + "," + csv_escape(error.column) + "," +
              std::string(to_string(error.reason)) + "," + csv_escape(error.detail) + "," +
              csv_escape(encoded_row) + "\n");
}

bool RejectLog::finish(std::string* error) {
  if (!out_) return true;
  try {
    out_->commit();
    out_.reset();
  } catch (const std::runtime_error& e) {
    if (error) *error = std::string("cannot write the rejects file: ") + e.what();
    out_.reset();
    return false;
  }
  return true;
}

}  // namespace moneytrail
