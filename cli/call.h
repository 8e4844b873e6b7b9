// One run of a command: its parsed options, and the conventions every command follows. Results
// go to standard output, or to -o FILE (written atomically; "-" is standard output); messages,
// warnings and progress go to standard error, and --quiet leaves only warnings and errors.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "cli/option_values.h"
#include "io/report/report_text.h"
#include "io/util/atomic_file.h"
#include "io/util/progress.h"

namespace moneytrail::cli {

class Call {
 public:
  /// Parses `args` against the command's options; throws UsageError naming a bad option.
  Call(const CommandSpec& spec, Args args);

  const CommandSpec& spec() const { return spec_; }
  const po::variables_map& options() const { return vm_; }
  bool has(const char* name) const { return vm_.count(name) > 0; }
  template <class T>
  const T& get(const char* name) const {
    return vm_[name].as<T>();
  }
  std::string text(const char* name) const { return get<std::string>(name); }
  std::uint64_t count(const char* name) const { return count_of(vm_, name); }
  bool flag(const char* name) const { return has(name) && get<bool>(name); }
  /// The operands (INPUT...).
  std::vector<std::string> inputs() const;
  /// The command line as typed, for provenance.
  std::string command_line() const;

  bool quiet() const { return quiet_; }
  bool verbose() const { return verbose_; }
  /// A message for the person at the terminal (stderr; not with --quiet).
  void note(std::string_view text) const;
  /// A warning: always shown (stderr).
  void warn(std::string_view text) const;
  /// Where long steps report how far they are: a bar on stderr when it is a terminal (not with
  /// --quiet), one line per step with its time under --verbose.
  ProgressSink* progress() const { return progress_.get(); }

 private:
  const CommandSpec& spec_;
  Args args_;
  po::variables_map vm_;
  bool quiet_ = false;
  bool verbose_ = false;
  std::unique_ptr<TerminalProgress> progress_;
};

/// Where a command's results go: -o FILE, or standard output for no -o or "-o -".
class ResultOutput {
 public:
  ResultOutput(const Call& call, const char* option = "output");
  std::ostream& stream() { return file_ ? file_->stream() : *stdout_; }
  bool to_stdout() const { return !file_; }
  const std::string& path() const { return path_; }
  /// Puts the file in place (a run that fails before this leaves no partial file) and says so
  /// on stderr: "wrote PATH (what)".
  void commit(std::string_view what = "");

 private:
  const Call& call_;
  std::string path_;
  std::unique_ptr<AtomicOutputFile> file_;
  std::ostream* stdout_;
};

/// The one way commands say they wrote a file (stderr; not with --quiet).
void report_written(const Call& call, const std::string& path, std::string_view what = "");

/// --format when given (one of `allowed`, as "json, table or csv"), else table when results go
/// to a terminal, else `otherwise`.
OutputFormat output_format(const Call& call, std::string_view allowed, OutputFormat otherwise);

/// True when standard output is a terminal.
bool stdout_is_terminal();

}  // namespace moneytrail::cli
