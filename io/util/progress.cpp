#include "io/util/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace moneytrail {

TerminalProgress::TerminalProgress(bool draw, bool verbose)
    : drawing_(draw && isatty(STDERR_FILENO)), verbose_(verbose) {}

void TerminalProgress::begin(std::string_view step, std::uint64_t total, std::string_view unit) {
  if (depth_++ > 0) return;
  step_ = step;
  unit_ = unit;
  total_ = total;
  last_done_ = 0;
  calls_ = 0;
  drawn_ = false;
  started_ = last_draw_ = std::chrono::steady_clock::now();
}

void TerminalProgress::end() {
  if (--depth_ > 0) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (drawn_) std::fprintf(stderr, "\r\033[K");  // clear the bar's line
  if (verbose_) std::fprintf(stderr, "  %-28s %8.2f s\n", step_.c_str(), seconds);
  std::fflush(stderr);
}

void TerminalProgress::redraw(std::uint64_t done, bool final) {
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  // Quick steps are not drawn at all; then at most ten times a second.
  if (!final && (elapsed < 0.5 || now - last_draw_ < std::chrono::milliseconds(100))) return;
  last_draw_ = now;
  last_done_ = done;
  drawn_ = true;
  const double rate = elapsed > 0 ? done / elapsed : 0.0;
  const bool bytes = unit_ == "bytes";
  char rate_text[48];
  if (bytes)
    std::snprintf(rate_text, sizeof rate_text, "%7.1f MB/s", rate / 1e6);
  else
    std::snprintf(rate_text, sizeof rate_text, "%9.0f %s/s", rate, unit_.c_str());
  if (total_ > 0) {
    const double fraction = std::min(1.0, double(done) / double(total_));
    const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0.0;
    constexpr int kWidth = 24;
    std::string bar(static_cast<std::size_t>(fraction * kWidth), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%-24.24s [%s] %5.1f%%  %s  ETA %4.0fs ", step_.c_str(), bar.c_str(),
                 fraction * 100, rate_text, eta);
  } else {
    std::fprintf(stderr, "\r%-24.24s %6.1f s  %s ", step_.c_str(), elapsed,
                 done > 0 ? rate_text : "");
  }
  std::fflush(stderr);
}

}  // namespace moneytrail
