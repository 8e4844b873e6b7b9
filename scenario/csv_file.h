// The scenario writers' CSV output: numbers and dates formatted by hand into one large buffer
// (at ten million rows, iostream formatting alone would take longer than the simulation), written
// under a temporary name and renamed when complete.
#pragma once

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "graph/types.h"

namespace moneytrail::scenario {

class CsvFile {
 public:
  CsvFile(const std::filesystem::path& dir, const std::string& name)
      : final_(dir / name), partial_(dir / (name + ".partial")) {
    file_ = std::fopen(partial_.c_str(), "wb");
    if (!file_) throw std::runtime_error("cannot write " + partial_.string());
    buffer_.reserve(kFlushAt + 4096);
  }
  ~CsvFile() {
    if (file_) {
      std::fclose(file_);
      std::filesystem::remove(partial_);
    }
  }
  CsvFile& text(std::string_view s) {
    buffer_.append(s);
    return *this;
  }
  CsvFile& comma() {
    buffer_.push_back(',');
    return *this;
  }
  CsvFile& integer(std::uint64_t value) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    buffer_.append(digits, end);
    return *this;
  }
  CsvFile& padded(std::uint64_t value, int width) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    for (int i = static_cast<int>(end - digits); i < width; ++i) buffer_.push_back('0');
    buffer_.append(digits, end);
    return *this;
  }
  CsvFile& fixed(double value, int decimals) {
    char digits[64];
    auto end =
        std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, decimals)
            .ptr;
    buffer_.append(digits, end);
    return *this;
  }
  CsvFile& date(Timestamp t) {
    const auto ymd =
        std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{t / 86400}}};
    padded(static_cast<int>(ymd.year()), 4).text("-").padded(static_cast<unsigned>(ymd.month()), 2);
    return text("-").padded(static_cast<unsigned>(ymd.day()), 2);
  }
  /// ISO 8601 UTC; the date part is cached because consecutive rows share the day.
  CsvFile& timestamp(Timestamp t) {
    const Timestamp day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    if (day != cached_day_) {
      const std::size_t mark = buffer_.size();
      date(day * 86400);
      cached_date_.assign(buffer_, mark, std::string::npos);
      buffer_.resize(mark);
      cached_day_ = day;
    }
    const Timestamp second = t - day * 86400;
    buffer_.append(cached_date_);
    buffer_.push_back('T');
    padded(second / 3600, 2).text(":").padded(second / 60 % 60, 2).text(":").padded(second % 60, 2);
    buffer_.push_back('Z');
    return *this;
  }
  void end_row() {
    buffer_.push_back('\n');
    if (buffer_.size() >= kFlushAt) flush();
  }
  void close() {
    flush();
    const bool ok = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok) throw std::runtime_error("cannot write " + partial_.string());
    std::filesystem::rename(partial_, final_);
  }

 private:
  static constexpr std::size_t kFlushAt = 8 << 20;
  void flush() {
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      throw std::runtime_error("cannot write " + partial_.string());
    }
    buffer_.clear();
  }
  std::filesystem::path final_, partial_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::string cached_date_;
  Timestamp cached_day_ = -1;
};

}  // namespace moneytrail::scenario
