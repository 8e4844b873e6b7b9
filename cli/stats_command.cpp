// moneytrail stats INPUT...: what a case holds.
#include "algorithms/summary/graph_stats.h"
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "io/report/stats_report.h"

namespace moneytrail::cli {
namespace {

void stats_options(OptionGroups& groups) {
  add_window_options(groups);
  add_input_options(groups);
  add_output_options(groups, {"json", "table"},
                     "json or table (default: table on a terminal, else json)");
}

int run_stats(const Call& call) {
  const OutputFormat format = output_format(call, "json or table", OutputFormat::json);
  ResultOutput out(call);
  const LoadedCase loaded = load_inputs(call, InputWindow::from_options);
  const GraphStats stats = compute_graph_stats(loaded.graph);
  write_stats(out.stream(), format, loaded.graph, stats, loaded.report);
  out.commit();
  return kExitOk;
}

}  // namespace

const CommandSpec kStatsCommand = {
    "stats",
    "summarize a case: counts, currencies, time span, components, degrees",
    "INPUT... [OPTIONS]",
    "Counts accounts and transactions by kind and currency, the time span, connected components "
    "and degrees, and what the load rejected. A first look at any input before tracing or "
    "scoring it.",
    {{"stats transactions.csv", "a table on the terminal"},
     {"stats case.mtc --format json -o stats.json", "the same as JSON, for a script"},
     {"stats - < export.csv", "read standard input"}},
    stats_options,
    true,
    run_stats};

}  // namespace moneytrail::cli
