// moneytrail help [COMMAND] [--man] [--man-dir DIR]; moneytrail completion bash|zsh
#include <filesystem>
#include <iostream>

#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/help.h"

namespace moneytrail::cli {
namespace {

void help_options(OptionGroups& groups) {
  po::options_description group("help options");
  group.add_options()("input", po::value<std::vector<std::string>>(), "the command")(
      "man", "the command's man page (roff) instead of its help")(
      "man-dir", text_value("DIR"),
      "write every man page into DIR (moneytrail.1 and moneytrail-COMMAND.1; the build does "
      "this)");
  groups.push_back({"help options", group});
}

int run_help(const Call& call) {
  const std::vector<std::string> names = call.inputs();
  if (names.size() > 1) throw UsageError("help takes one command");
  const CommandSpec* spec = nullptr;
  if (!names.empty()) {
    spec = find_command(names[0]);
    if (!spec) throw UsageError("unknown command '" + names[0] + "'");
  }
  if (call.has("man-dir")) {
    const std::filesystem::path dir = call.text("man-dir");
    std::filesystem::create_directories(dir);
    auto write = [&](const CommandSpec* page, const std::string& file) {
      AtomicOutputFile out(dir / file);
      out.stream() << man_page(page);
      out.commit();
    };
    write(nullptr, "moneytrail.1");
    for (const CommandSpec* s : command_specs())
      write(s, "moneytrail-" + std::string(s->name) + ".1");
    return kExitOk;
  }
  if (call.has("man")) {
    std::cout << man_page(spec);
  } else {
    std::cout << (spec ? command_help(*spec, help_width()) : overview_help(help_width()));
  }
  return kExitOk;
}

void completion_options(OptionGroups& groups) {
  po::options_description group("completion options");
  group.add_options()("input", po::value<std::vector<std::string>>(), "the shell");
  groups.push_back({"completion options", group});
}

int run_completion(const Call& call) {
  const std::vector<std::string> shells = call.inputs();
  if (shells.size() != 1 || (shells[0] != "bash" && shells[0] != "zsh"))
    throw UsageError("completion takes the shell: bash or zsh");
  std::cout << (shells[0] == "bash" ? bash_completion() : zsh_completion());
  return kExitOk;
}

}  // namespace

const CommandSpec kHelpCommand = {
    "help",
    "show a command's options and examples",
    "[COMMAND] [--man]",
    "Shows what a command does, its options with their defaults, and examples; without a "
    "command, the list of commands. --man prints the same as a man page.",
    {{"help trace", "the trace command's options and examples"},
     {"help score --man | man -l -", "the score command's man page"}},
    help_options,
    true,
    run_help};

const CommandSpec kCompletionCommand = {
    "completion",
    "print a bash or zsh completion script",
    "bash|zsh",
    "Prints a script that completes moneytrail's commands, options and their choices. The "
    "installed package puts them where bash-completion and zsh find them.",
    {{"completion bash > ~/.local/share/bash-completion/completions/moneytrail",
      "complete moneytrail in every new bash"},
     {"completion zsh > ~/.zfunc/_moneytrail", "the same for zsh (with ~/.zfunc on $fpath)"}},
    completion_options,
    true,
    run_completion};

}  // namespace moneytrail::cli
