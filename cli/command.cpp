#include "cli/command.h"

#include "cli/commands.h"

namespace moneytrail::cli {

const std::vector<const CommandSpec*>& command_specs() {
  // The order of an investigation: look, load, follow the money, find the mules, show them.
  static const std::vector<const CommandSpec*> specs = {
      &kStatsCommand,      &kIngestCommand, &kTraceCommand,     &kRestitutionCommand,
      &kPathsCommand,      &kScoreCommand,  &kClustersCommand,  &kCommunitiesCommand,
      &kCentralityCommand, &kExportCommand, &kEvaluateCommand,  &kGenerateCommand,
      &kDemoCommand,       &kHelpCommand,   &kCompletionCommand};
  return specs;
}

const CommandSpec* find_command(std::string_view name) {
  for (const CommandSpec* spec : command_specs())
    if (spec->name == name) return spec;
  return nullptr;
}

OptionGroups command_option_groups(const CommandSpec& spec) {
  OptionGroups groups;
  spec.options(groups);
  po::options_description general("general options");
  general.add_options()("help,h", "show this help")(
      "quiet,q", "no progress and no notes on standard error (warnings and errors still show)")(
      "verbose,v", "one line per step on standard error, with its time");
  groups.push_back({"general options", general});
  return groups;
}

po::options_description command_options(const CommandSpec& spec) {
  po::options_description all;
  for (const OptionGroup& group : command_option_groups(spec)) all.add(group.options);
  return all;
}

}  // namespace moneytrail::cli
