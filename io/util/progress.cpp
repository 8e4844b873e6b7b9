#include "io/util/progress.h"

#include <unistd.h>

#include <cstdio>

namespace moneytrail {

Progress::Progress(bool enabled) : active_(enabled && isatty(STDERR_FILENO)) {}

Progress::~Progress() = default;

void Progress::start(std::string label, std::uint64_t total_bytes) {
  label_ = std::move(label);
  total_ = total_bytes;
  calls_ = 0;
  started_ = last_draw_ = std::chrono::steady_clock::now();
}

void Progress::finish(std::uint64_t bytes_done, std::uint64_t rows_done) {
  if (!active_) return;
  redraw(bytes_done, rows_done, true);
  std::fputc('\n', stderr);
}

void Progress::redraw(std::uint64_t bytes_done, std::uint64_t rows_done, bool final) {
  const auto now = std::chrono::steady_clock::now();
  if (!final && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const double fraction = total_ > 0 ? std::min(1.0, double(bytes_done) / double(total_)) : 0.0;
  const double rate = elapsed > 0 ? rows_done / elapsed : 0.0;
  const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0.0;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(filled, '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r%-24.24s [%s] %5.1f%%  %10.0f rows/s  ETA %5.0fs ", label_.c_str(),
               bar.c_str(), fraction * 100, rate, final ? 0.0 : eta);
  std::fflush(stderr);
}

}  // namespace moneytrail
