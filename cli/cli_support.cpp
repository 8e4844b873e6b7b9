#include "cli/cli_support.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>

#include "cli/call.h"
#include "graph/input_error.h"
#include "io/csv/field_parsers.h"
#include "io/formats/transaction_formats.h"
#include "io/report/load_report.h"
#include "io/report/report_text.h"
#include "io/side/seed_sets.h"
#include "io/util/reject_log.h"
#include "io/util/text_safety.h"

namespace moneytrail::cli {

void add_input_options(OptionGroups& groups, bool format_alias) {
  po::options_description group("input options");
  auto add = group.add_options();
  add("input", po::value<std::vector<std::string>>()->multitoken(), "the inputs");
  add("accounts", po::value<std::vector<std::string>>()->composing()->value_name("FILE"),
      "accounts file: id,kind,institution,holder,phone,device,opened,opening_balance,label "
      "(repeatable)");
  add("rates", po::value<std::vector<std::string>>()->composing()->value_name("FILE"),
      "exchange rates file: currency,timestamp,rate_to_base (repeatable)");
  add("watchlist", po::value<std::vector<std::string>>()->composing()->value_name("FILE"),
      "accounts to mark in every output: one id a line, optionally ',note' (repeatable)");
  add("input-format",
      choice_value("input-format", {"auto", "native", "amlworld", "amlsim", "paysim", "trc20",
                                    "cn-bank-statement", "payment-platform"}),
      "layout of the transaction files (auto: told from each file's header)");
  if (format_alias)
    add("format",
        choice_value("format",
                     {"auto", "native", "amlworld", "amlsim", "paysim", "trc20",
                      "cn-bank-statement", "payment-platform"},
                     false),
        "the same as --input-format (kept for old scripts)");
  add("strict", "stop at the first bad row (exit 2) instead of skipping it");
  add("rejects", text_value("FILE"),
      "where rejected rows go, with file, line and reason (default INPUT.rejects.csv)");
  add("max-rejects", count_value("max-rejects", RejectLog::kDefaultMaxRejects, 0, UINT64_MAX),
      "write at most N rejected rows (all are still counted)");
  add("encoding", choice_value("encoding", {"utf-8", "gbk"}, false),
      "bank statements: the text encoding (default: told per file)");
  add("mapping", text_value("FILE"),
      "bank statements: column mapping file (field = column header, one per line)");
  add("statement-utc-offset", number_value("statement-utc-offset", -14, 14)->default_value(8),
      "bank statements: hours their local times are ahead of UTC");
  groups.push_back({"input options", group});
}

void add_output_options(OptionGroups& groups, std::initializer_list<std::string_view> formats,
                        std::string_view format_default) {
  po::options_description group("output options");
  auto add = group.add_options();
  add("output,o", text_value("FILE"),
      "write the results here (- or no -o: standard output); the file appears only when the "
      "run succeeds");
  add("format", choice_value("format", formats, false), std::string(format_default).c_str());
  add("tz", text_value("ZONE"),
      "show times in this zone: UTC, an offset (+08:00) or a tz database name (Asia/Shanghai); "
      "default UTC, or the statements' own zone when the input is bank statements");
  add("full-precision",
      "numbers as computed (every digit of the double) instead of amounts to the currency's "
      "smallest unit and scores to 6 significant digits; for comparing with other tools");
  if (std::find(formats.begin(), formats.end(), "csv") != formats.end()) {
    add("csv-provenance",
        "start CSV outputs with '#' lines: moneytrail version, command line and each input's "
        "SHA-256");
    add("csv-raw",
        "leave CSV cells that begin with =, +, -, @, tab or CR as they are (by default they get "
        "a leading ' so that spreadsheets do not run them as formulas)");
  }
  groups.push_back({"output options", group});
}

namespace {

// The same file: the same device and inode when both exist (a symlink or hard link to the input
// counts), else the same path once made absolute and normal.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  struct stat sa {
  }, sb{};
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  std::error_code ea, eb;
  const auto ca = std::filesystem::weakly_canonical(a, ea),
             cb = std::filesystem::weakly_canonical(b, eb);
  return !ea && !eb && ca == cb;
}

void refuse_outputs_over_inputs(const Call& call, const LoadRequest& request) {
  std::vector<std::string> inputs = request.inputs;
  inputs.insert(inputs.end(), request.accounts_files.begin(), request.accounts_files.end());
  inputs.insert(inputs.end(), request.rates_files.begin(), request.rates_files.end());
  if (!request.mapping_file.empty()) inputs.push_back(request.mapping_file);
  for (const char* option : {"output", "hits", "features", "members", "export", "write-labels",
                             "statement-matches", "model", "rejects"}) {
    if (!call.has(option)) continue;
    if (std::string(option) == "model" && !call.flag("train")) continue;
    const std::string output = call.text(option);
    if (output == "-") continue;
    for (const std::string& input : inputs) {
      if (same_file(output, input))
        throw UsageError("--" + std::string(option) + " " + output + " is the input " + input +
                         ": refusing to write over the evidence (choose another output)");
    }
  }
  if (!call.has("rejects") && !request.rejects_path.empty())
    for (const std::string& input : inputs)
      if (same_file(request.rejects_path, input))
        throw UsageError("the rejects file " + request.rejects_path + " would be the input " +
                         input + " (give --rejects PATH)");
}

LoadRequest load_request(const Call& call) {
  LoadRequest request;
  request.inputs = call.inputs();
  if (request.inputs.empty()) throw UsageError("no input file given (- reads standard input)");
  if (call.has("accounts")) request.accounts_files = call.get<std::vector<std::string>>("accounts");
  if (call.has("rates")) request.rates_files = call.get<std::vector<std::string>>("rates");
  if (call.has("watchlist"))
    request.watchlist_files = call.get<std::vector<std::string>>("watchlist");
  request.format = call.text("input-format");
  if (call.has("format") && call.spec().name == "ingest") {
    if (!call.options()["input-format"].defaulted() &&
        call.text("input-format") != call.text("format"))
      throw UsageError("--format and --input-format name different layouts");
    request.format = call.text("format");
  }
  if (call.has("encoding")) request.encoding = call.text("encoding");
  if (call.has("mapping")) request.mapping_file = call.text("mapping");
  request.statement_utc_offset_seconds =
      static_cast<std::int64_t>(call.get<double>("statement-utc-offset") * 3600);
  request.strict = call.has("strict");
  request.progress = call.progress();
  const std::string first = request.inputs.front() == kStandardInput
                                ? std::string("stdin")
                                : std::filesystem::path(request.inputs.front()).filename().string();
  request.rejects_path = call.has("rejects") ? call.text("rejects") : first + ".rejects.csv";
  request.max_rejects = call.count("max-rejects");
  request.command_line = call.command_line();
  return request;
}

}  // namespace

void add_window_options(OptionGroups& groups) {
  po::options_description group("time window");
  auto add = group.add_options();
  add("since", text_value("TIME"),
      "only transactions at or after this time (a date, a date and time, or epoch seconds)");
  add("until", text_value("TIME"), "only transactions up to this time");
  groups.push_back({"time window", group});
}

LoadedCase load_inputs(const Call& call, InputWindow window) {
  LoadRequest request = load_request(call);
  if (window == InputWindow::from_options) {
    request.since = timestamp_option(call, "since");
    request.until = timestamp_option(call, "until");
    if (request.since != kNoTime && request.until != kNoTime && request.until < request.since)
      throw UsageError("--until is before --since");
  }
  refuse_outputs_over_inputs(call, request);
  LoadedCase loaded = load_case(request);
  write_load_summary(std::cerr, loaded, call.quiet());
  // Statements keep the zone they were read in, unless --tz says otherwise.
  if (loaded.report.statements && !call.has("tz"))
    set_display_offset(request.statement_utc_offset_seconds);
  return loaded;
}

FlowView build_flows(const Call& call, const TransactionGraph& graph) {
  ProgressStep step(call.progress(), "flow view");
  return FlowView::build(graph);
}

std::string csv_provenance(const Call& call, const LoadReport& report) {
  return call.has("csv-provenance") ? provenance_csv_lines(report) : "";
}

std::vector<std::string> split_ids(std::string_view text) {
  std::vector<std::string> ids;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of(", \t", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view id = trim(text.substr(start, end - start));
    if (!id.empty()) ids.emplace_back(id);
    start = end + 1;
  }
  return ids;
}

std::optional<Timestamp> duration_option(const Call& call, const char* name) {
  if (!call.has(name)) return std::nullopt;
  const std::string text = call.text(name);
  const auto seconds = parse_duration(text);
  if (!seconds || *seconds <= 0)
    throw UsageError("--" + std::string(name) + " '" + text +
                     "' is not a duration (e.g. 6h, 2d, 90m)");
  return *seconds;
}

Timestamp timestamp_option(const Call& call, const char* name) {
  if (!call.has(name)) return kNoTime;
  const std::string text = call.text(name);
  const auto t = parse_timestamp(text);
  if (!t) throw UsageError("--" + std::string(name) + " '" + text + "' is not a date or time");
  return *t;
}

std::vector<TxIndex> resolve_ids(const TransactionGraph& graph,
                                 const std::vector<std::string>& ids) {
  const auto found = graph.find_transactions(ids);
  std::vector<TxIndex> seeds;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!found[i]) throw UsageError("unknown transaction id '" + terminal_text(ids[i]) + "'");
    seeds.push_back(*found[i]);
  }
  return seeds;
}

VertexId resolve_account(const TransactionGraph& graph, const std::string& id) {
  const auto account = graph.find_account(id);
  if (!account) throw UsageError("unknown account '" + terminal_text(id) + "'");
  return *account;
}

std::pair<std::vector<std::vector<TxIndex>>, std::vector<std::uint64_t>> resolve_seed_sets(
    const TransactionGraph& graph, const std::string& path) {
  const SeedSetLines file = read_seed_sets(path);
  std::vector<std::string> all;
  for (const auto& ids : file.ids) all.insert(all.end(), ids.begin(), ids.end());
  const auto found = graph.find_transactions(all);
  std::vector<std::vector<TxIndex>> sets;
  for (std::size_t i = 0, k = 0; i < file.ids.size(); ++i) {
    std::vector<TxIndex>& set = sets.emplace_back();
    for (const std::string& id : file.ids[i]) {
      if (!found[k])
        throw InputError(path, file.lines[i], "", "unknown transaction id '" + id + "'");
      set.push_back(*found[k++]);
    }
  }
  return {std::move(sets), file.lines};
}

}  // namespace moneytrail::cli
