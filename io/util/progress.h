// A progress bar with rate and ETA on stderr, drawn only when stderr is a terminal, so logs and
// CI output stay clean.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace moneytrail {

class Progress {
 public:
  /// `enabled` false (e.g. --quiet) draws nothing; otherwise draws only on a terminal.
  explicit Progress(bool enabled);
  ~Progress();

  /// Starts a new bar for one file of `total_bytes` (0 when unknown).
  void start(std::string label, std::uint64_t total_bytes);
  /// Cheap to call per row: redraws at most ten times a second.
  void update(std::uint64_t bytes_done, std::uint64_t rows_done) {
    if (active_ && (++calls_ & 0x3FFF) == 0) redraw(bytes_done, rows_done, false);
  }
  void finish(std::uint64_t bytes_done, std::uint64_t rows_done);
  bool active() const { return active_; }

 private:
  void redraw(std::uint64_t bytes_done, std::uint64_t rows_done, bool final);

  bool active_ = false;
  std::string label_;
  std::uint64_t total_ = 0;
  std::uint64_t calls_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace moneytrail
