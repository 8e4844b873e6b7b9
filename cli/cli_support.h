// What the commands share: exit codes, usage errors, the input and output option groups, loading
// the inputs with the load summary on stderr, and small parsers for ids and times.
#pragma once

#include <boost/program_options.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "graph/flow_view.h"
#include "graph/transaction_graph.h"
#include "io/load_case.h"

namespace moneytrail::cli {

class Call;

enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

/// Bad command-line usage: reported with the command's usage line, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The input options every reading command takes (INPUT..., --accounts, --rates,
/// --input-format, --strict, --rejects, ...). `format_alias`: also accept --format for the input
/// layout (ingest, which has no output format of its own).
void add_input_options(OptionGroups& groups, bool format_alias = false);

/// The output options of a command that writes results: -o/--output, --format (one of
/// `formats`, e.g. {"json", "table", "csv"}; `format_default` says in words what is used when it
/// is not given), and the CSV options when CSV is among them.
void add_output_options(OptionGroups& groups, std::initializer_list<std::string_view> formats,
                        std::string_view format_default);

/// --since TIME and --until TIME for commands that analyse a window of the case (stats, ingest,
/// score, clusters, communities, centrality): only the transactions in it are loaded.
void add_window_options(OptionGroups& groups);

/// Whether load_inputs applies --since/--until (commands that took add_window_options) or leaves
/// them to the command (trace, restitution, paths and export give them their own meaning).
enum class InputWindow { none, from_options };

/// Loads the inputs and prints the load summary on stderr (the rejects and repairs always, the
/// rest unless --quiet). Rejected rows go to --rejects, else INPUT's name + ".rejects.csv".
LoadedCase load_inputs(const Call& call, InputWindow window = InputWindow::none);

/// The flow view of the loaded graph, as a progress step.
FlowView build_flows(const Call& call, const TransactionGraph& graph);

/// With --csv-provenance: the provenance as '#' lines to put above a CSV header (version, command
/// line, one line per input with its SHA-256); empty otherwise. Off by default because
/// spreadsheets, Python's csv module and pandas without comment="#" take the first line for the
/// header; moneytrail's own readers skip such lines.
std::string csv_provenance(const Call& call, const LoadReport& report);

/// Ids separated by commas, spaces or tabs.
std::vector<std::string> split_ids(std::string_view text);
/// The option `name` as a positive duration in seconds (72h, 3d, 90m), nullopt when absent;
/// UsageError when it is not one.
std::optional<Timestamp> duration_option(const Call& call, const char* name);
/// The option `name` as a timestamp, kNoTime when absent; UsageError when it does not parse.
Timestamp timestamp_option(const Call& call, const char* name);
/// Transaction indices of `ids`; UsageError naming the first unknown one.
std::vector<TxIndex> resolve_ids(const TransactionGraph& graph,
                                 const std::vector<std::string>& ids);
/// The seed sets of a --tx-file (one set per line), each resolved to transactions, with their
/// line numbers; an unknown id is an InputError naming its line.
std::pair<std::vector<std::vector<TxIndex>>, std::vector<std::uint64_t>> resolve_seed_sets(
    const TransactionGraph& graph, const std::string& path);
/// The account `id`; UsageError when the input has none of that name.
VertexId resolve_account(const TransactionGraph& graph, const std::string& id);

}  // namespace moneytrail::cli
