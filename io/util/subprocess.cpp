#include "io/util/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

extern char** environ;

namespace moneytrail {

std::string as_operand(const std::filesystem::path& path) {
  const std::string text = path.string();
  return !text.empty() && text.front() == '-' ? "./" + text : text;
}

ProgramResult run_program(const std::vector<std::string>& args, const ProgramLimits& limits) {
  ProgramResult result;
  if (args.empty()) return result;
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  for (int fd : {0, 1, 2})
    posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return result;
  result.started = true;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(limits.seconds);
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return result;
    struct stat st {};
    if (limits.max_output_bytes && !limits.output.empty() &&
        ::stat(limits.output.c_str(), &st) == 0 &&
        static_cast<std::uint64_t>(st.st_size) > limits.max_output_bytes) {
      result.too_large = true;
    } else if (std::chrono::steady_clock::now() > deadline) {
      result.timed_out = true;
    }
    if (result.too_large || result.timed_out) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return result;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

}  // namespace moneytrail
