// What every subcommand shares: exit codes, usage errors, the input options (--accounts, --rates,
// --format, --strict, --rejects, --quiet) and the load summary printed on stderr.
#pragma once

#include <boost/program_options.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/tracing/trace_context.h"
#include "io/load_case.h"
#include "io/report/report_text.h"

namespace moneytrail::cli {

namespace po = boost::program_options;

enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

/// Bad command-line usage: reported with the command's usage line, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Arguments of one subcommand (argv without the program and subcommand names).
using Args = std::vector<std::string>;

/// Parses `args` against `options` (with positional `inputs` collecting the rest when given).
/// Throws UsageError on unknown options or bad values. Returns false when --help was asked
/// (help already printed).
bool parse_arguments(const Args& args, const po::options_description& options,
                     const std::string& usage, po::variables_map& vm,
                     const char* positional_name = "input");

/// Adds the input options every reading command takes. The input layout is `--format` where the
/// command has no output format of its own (ingest) and `--input-format` everywhere else, where
/// `--format` picks json, table or csv output.
enum class LayoutOption { format, input_format };
void add_input_options(po::options_description& options, LayoutOption layout);

/// The LoadRequest for the parsed input options. `default_rejects` is where rejected rows go when
/// --rejects is not given.
LoadRequest make_load_request(const po::variables_map& vm, const std::string& default_rejects,
                              const std::string& command_line);

/// Loads the inputs and prints the load summary (always the rejects, the rest unless quiet).
LoadedCase load_inputs(const po::variables_map& vm, const std::string& default_rejects,
                       const std::string& command_line);

/// What a result came from, for every JSON output: the moneytrail version, the command line with
/// all options, and each input file's path, layout, rows and SHA-256 (inputs of a case file are
/// those recorded when it was made).



/// --csv-provenance, for commands that write CSV.
void add_csv_provenance_option(po::options_description& options);

/// With --csv-provenance: the provenance as '#' lines to put above a CSV header (version, command
/// line, one line per input with its SHA-256); empty otherwise. Off by default because
/// spreadsheets, Python's csv module and pandas without comment="#" take the first line for the
/// header; moneytrail's own readers skip such lines.
std::string csv_provenance(const po::variables_map& vm, const LoadReport& report);


/// True when stdout is a terminal (picks table over JSON by default).
bool stdout_is_terminal();

/// The command line as typed, for provenance.
std::string join_command_line(const std::string& command, const Args& args);

/// Ids separated by commas, spaces or tabs.
std::vector<std::string> split_ids(std::string_view text);
/// The option `name` as a timestamp, kNoTime when absent; UsageError when it does not parse.
Timestamp timestamp_option(const po::variables_map& vm, const char* name);
/// Transaction indices of `ids`; UsageError naming the first unknown one.
std::vector<TxIndex> resolve_ids(const TraceContext& context, const std::vector<std::string>& ids);

}  // namespace moneytrail::cli
