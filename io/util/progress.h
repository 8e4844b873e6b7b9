// The progress sink the command line uses: a bar with rate and ETA on stderr, drawn only when
// stderr is a terminal (logs and CI output stay clean) and only for steps that last, and with
// --verbose one line per step with its time, terminal or not.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "graph/progress.h"

namespace moneytrail {

class TerminalProgress : public ProgressSink {
 public:
  /// `draw` false (--quiet) draws nothing; `verbose` logs each step's time.
  TerminalProgress(bool draw, bool verbose);

  void begin(std::string_view step, std::uint64_t total, std::string_view unit) override;
  void advance(std::uint64_t done) override {
    if (drawing_ && (++calls_ & 0xFFF) == 0) redraw(done, false);
  }
  void end() override;

 private:
  void redraw(std::uint64_t done, bool final);

  bool drawing_ = false;  // a terminal and not quiet
  bool verbose_ = false;
  bool drawn_ = false;  // this step's bar is on the screen
  std::string step_, unit_;
  std::uint64_t total_ = 0, last_done_ = 0;
  std::uint64_t calls_ = 0;
  int depth_ = 0;  // steps inside steps: only the outermost draws
  std::chrono::steady_clock::time_point started_, last_draw_;
};

}  // namespace moneytrail
