// The subcommands of the moneytrail executable. Each parses its arguments, calls the library and
// formats the result; none computes anything itself.
#pragma once

#include "cli/cli_support.h"

namespace moneytrail::cli {

int run_ingest(const Args& args);
int run_stats(const Args& args);
int run_generate(const Args& args);
int run_demo(const Args& args);
int run_centrality(const Args& args);
int run_trace(const Args& args);

}  // namespace moneytrail::cli
