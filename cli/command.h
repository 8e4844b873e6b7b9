// A subcommand, written once as a table: its name, one-line summary, operands, description,
// examples and option groups. The command list, `--help`, `moneytrail help NAME`, the man pages
// and the bash and zsh completions are all rendered from these tables (cli/help.h), so they
// cannot drift apart.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace moneytrail::cli {

namespace po = boost::program_options;

/// Arguments of one subcommand (argv without the program and subcommand names).
using Args = std::vector<std::string>;

struct Example {
  std::string_view command;  // as typed, without the leading "moneytrail "
  std::string_view what;     // what it shows
};

class Call;

/// A command's options, group by group ("trace options", "input options", ...), in help order.
struct OptionGroup {
  std::string caption;
  po::options_description options;
};
using OptionGroups = std::vector<OptionGroup>;

struct CommandSpec {
  std::string_view name;
  std::string_view summary;      // one line for the command list
  std::string_view operands;     // the usage line after the name, e.g. "INPUT... --tx ID [OPTIONS]"
  std::string_view description;  // paragraphs separated by blank lines
  std::vector<Example> examples;
  /// Adds the command's option groups: its own first, then the shared ones.
  void (*options)(OptionGroups& groups);
  /// Operands are collected into the repeated option "input" (INPUT...); false: none taken.
  bool takes_inputs = true;
  int (*run)(const Call& call);
};

/// Every command, in the order the command list shows them.
const std::vector<const CommandSpec*>& command_specs();
const CommandSpec* find_command(std::string_view name);

/// The command's option groups, then the general ones (-h/--help, -q, -v), as help shows them.
OptionGroups command_option_groups(const CommandSpec& spec);
/// All of them in one table, as parsing sees them.
po::options_description command_options(const CommandSpec& spec);

}  // namespace moneytrail::cli
