// The subcommands of the moneytrail executable. Each file defines its command's table (name,
// summary, operands, description, examples, options) and its run function, which parses, calls
// the library and hands the result to a writer under io/report/; none computes anything itself.
#pragma once

#include "cli/command.h"

namespace moneytrail::cli {

extern const CommandSpec kStatsCommand;
extern const CommandSpec kIngestCommand;
extern const CommandSpec kTraceCommand;
extern const CommandSpec kRestitutionCommand;
extern const CommandSpec kPathsCommand;
extern const CommandSpec kScoreCommand;
extern const CommandSpec kClustersCommand;
extern const CommandSpec kCommunitiesCommand;
extern const CommandSpec kCentralityCommand;
extern const CommandSpec kExportCommand;
extern const CommandSpec kEvaluateCommand;
extern const CommandSpec kGenerateCommand;
extern const CommandSpec kDemoCommand;
extern const CommandSpec kHelpCommand;
extern const CommandSpec kCompletionCommand;

}  // namespace moneytrail::cli
