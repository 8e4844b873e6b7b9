#include "io/reject_log.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "io/csv_reader.h"
#include "io/input_error.h"

namespace moneytrail {

std::string_view to_string(RejectReason reason) {
  static constexpr std::array<std::string_view, kRejectReasonCount> kNames = {
      "malformed_row", "missing_field",   "bad_number",   "bad_timestamp", "non_positive_amount",
      "empty_account", "unknown_channel", "unknown_kind", "bad_label",     "duplicate_id"};
  return kNames[static_cast<int>(reason)];
}

RejectLog::RejectLog(std::string path) : path_(std::move(path)) {}

RejectLog::~RejectLog() {
  if (out_) {
    std::fclose(out_);
    std::remove(temp_path_.c_str());
  }
}

void RejectLog::add(const std::string& file, std::uint64_t line, const RowError& error,
                    const std::vector<std::string_view>& fields) {
  add_encoded(file, line, error, join_csv_fields(fields));
}

void RejectLog::add_encoded(const std::string& file, std::uint64_t line, const RowError& error,
                            std::string_view encoded_row) {
  ++total_;
  ++by_reason_[static_cast<int>(error.reason)];
  if (examples_.size() < 5)
    examples_.push_back(format_location(file, line, error.column, error.detail));
  if (path_.empty()) return;
  if (!out_) {
    temp_path_ = path_ + ".partial";
    out_ = std::fopen(temp_path_.c_str(), "wb");
    if (!out_) {
      throw InputError(path_, 0, "",
                       std::string("cannot write the rejects file: ") + std::strerror(errno));
    }
    std::fputs("file,line,column,reason,detail,row\n", out_);
  }
  std::string row = csv_escape(file) + "," + std::to_string(line) + "," + csv_escape(error.column) +
                    "," + std::string(to_string(error.reason)) + "," + csv_escape(error.detail) +
                    "," + csv_escape(encoded_row) + "\n";
  std::fwrite(row.data(), 1, row.size(), out_);
}

bool RejectLog::finish(std::string* error) {
  if (!out_) return true;
  const bool ok = std::fflush(out_) == 0 && std::fclose(out_) == 0;
  out_ = nullptr;
  std::error_code ec;
  if (ok) std::filesystem::rename(temp_path_, path_, ec);
  if (!ok || ec) {
    if (error) *error = "cannot write the rejects file " + path_;
    std::remove(temp_path_.c_str());
    return false;
  }
  return true;
}

}  // namespace moneytrail
