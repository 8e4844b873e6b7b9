// Running an external program (Graphviz's dot, xlsx2csv) without a shell: an argument vector
// passed to posix_spawnp, so no character of a file name is ever interpreted, with standard
// input, output and error on /dev/null, a time limit and a limit on the size of the file the
// program writes. The program is killed when it passes either.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace moneytrail {

struct ProgramLimits {
  /// Wall-clock seconds before the program is killed. Default 120.
  double seconds = 120;
  /// The file the program writes, watched while it runs, and the most bytes it may hold
  /// (0: not watched).
  std::filesystem::path output;
  std::uint64_t max_output_bytes = 0;
};

struct ProgramResult {
  bool started = false;  // false: not found on PATH or could not be spawned
  bool timed_out = false;
  bool too_large = false;  // its output passed max_output_bytes
  int exit_code = -1;      // when it exited by itself; -1 when killed by a signal
  bool ok() const { return started && !timed_out && !too_large && exit_code == 0; }
};

/// argv[0] is looked up on PATH. A file-name argument that begins with '-' must be passed as
/// "./-name" by the caller (see as_operand).
ProgramResult run_program(const std::vector<std::string>& argv, const ProgramLimits& limits = {});

/// `path` as an operand no program mistakes for an option ("-x.dot" becomes "./-x.dot").
std::string as_operand(const std::filesystem::path& path);

}  // namespace moneytrail
