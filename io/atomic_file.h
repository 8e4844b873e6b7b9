// An output file written under a temporary name and renamed over the target when complete, so
// an interrupted run never leaves a truncated report, export or case file behind.
#pragma once

#include <filesystem>
#include <fstream>

namespace moneytrail {

class AtomicOutputFile {
 public:
  /// Opens `path` + ".partial"; throws std::runtime_error naming the file when it cannot.
  explicit AtomicOutputFile(std::filesystem::path path);
  /// Removes the partial file unless commit() succeeded.
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  std::ostream& stream() { return out_; }
  /// Flushes, closes and renames; throws std::runtime_error when any step fails.
  void commit();

 private:
  std::filesystem::path path_;
  std::filesystem::path partial_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace moneytrail
