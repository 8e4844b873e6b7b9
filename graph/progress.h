// Where long library calls say how far they are. The library never prints: a caller that wants
// a progress bar passes a sink (the CLI's draws on stderr when it is a terminal, and logs each
// step's time under --verbose). A sink is called from one thread at a time.
#pragma once

#include <cstdint>
#include <string_view>

namespace moneytrail {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  /// A step starts with `total` units of work (0: unknown); `unit` names them ("bytes",
  /// "accounts", "sources", "traces").
  virtual void begin(std::string_view step, std::uint64_t total, std::string_view unit) = 0;
  /// `done` of the step's units so far. Cheap: drawing is rate-limited by the sink.
  virtual void advance(std::uint64_t done) = 0;
  virtual void end() = 0;
};

/// A step for as long as the object lives; does nothing without a sink.
class ProgressStep {
 public:
  ProgressStep(ProgressSink* sink, std::string_view step, std::uint64_t total = 0,
               std::string_view unit = "")
      : sink_(sink) {
    if (sink_) sink_->begin(step, total, unit);
  }
  ~ProgressStep() {
    if (sink_) sink_->end();
  }
  ProgressStep(const ProgressStep&) = delete;
  ProgressStep& operator=(const ProgressStep&) = delete;
  void advance(std::uint64_t done) {
    if (sink_) sink_->advance(done);
  }

 private:
  ProgressSink* sink_;
};

}  // namespace moneytrail
