// Helpers for tests: a scratch directory removed at the end, and small file writers.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace moneytrail::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("moneytrail-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  /// Writes `content` byte for byte and returns the path.
  std::string write(const std::string& name, const std::string& content) const {
    std::ofstream out(file(name), std::ios::binary);
    out << content;
    return file(name);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Root of the shared data folder (../shared/data from the project root), or "" when absent.
inline std::string shared_data_dir() {
  const std::filesystem::path root = MONEYTRAIL_SOURCE_DIR;
  const std::filesystem::path data = root / ".." / "shared" / "data";
  return std::filesystem::is_directory(data) ? data.string() : std::string{};
}

}  // namespace moneytrail::testing
