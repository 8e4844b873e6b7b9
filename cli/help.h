// Help, man pages and shell completion, all rendered from the command tables (cli/command.h):
// text wrapped at word boundaries to the terminal, defaults written as a person writes them
// (0.85, 1e-12), choices listed, operands in the usage line and real examples.
#pragma once

#include <string>

#include "cli/command.h"

namespace moneytrail::cli {

/// Columns to wrap help at: the terminal's width (at most 100), else $COLUMNS, else 80.
int help_width();

/// `moneytrail --help`: what the tool is, the commands with their summaries, where to go next.
std::string overview_help(int width);
/// `moneytrail COMMAND --help` and `moneytrail help COMMAND`.
std::string command_help(const CommandSpec& spec, int width);

/// The man page moneytrail(1) (spec null) or moneytrail-NAME(1), in roff (man(7) macros).
std::string man_page(const CommandSpec* spec);

/// Completion scripts: `source <(moneytrail completion bash)`, or installed under
/// share/bash-completion/completions/moneytrail and share/zsh/vendor-completions/_moneytrail.
std::string bash_completion();
std::string zsh_completion();

}  // namespace moneytrail::cli
