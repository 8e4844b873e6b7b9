#include "cli/cli_support.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>

#include "io/csv/field_parsers.h"
#include "io/util/text_safety.h"
#include "io/formats/transaction_formats.h"

namespace moneytrail::cli {

bool parse_arguments(const Args& args, const po::options_description& options,
                     const std::string& usage, po::variables_map& vm, const char* positional_name) {
  po::options_description all = options;
  all.add_options()("help,h", "show this help");
  po::positional_options_description positional;
  if (positional_name) positional.add(positional_name, -1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: " << usage << "\n\n" << all << "\n";
      return false;
    }
    po::notify(vm);
    set_csv_formulas(vm.count("csv-raw") > 0);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\nusage: " + usage);
  }
  return true;
}

void add_input_options(po::options_description& options, LayoutOption layout) {
  const char* layout_name = layout == LayoutOption::format ? "format" : "input-format";
  options.add_options()(
      "input", po::value<std::vector<std::string>>()->multitoken(),
      "transaction CSV (native, amlworld, amlsim, paysim; .csv.gz too) or .mtc case file")(
      "accounts", po::value<std::vector<std::string>>()->composing(),
      "accounts file: id,kind,institution,holder,phone,device,opened,opening_balance,label")(
      "rates", po::value<std::vector<std::string>>()->composing(),
      "exchange rates file: currency,timestamp,rate_to_base")(
      layout_name, po::value<std::string>()->default_value("auto"),
      "transaction CSV layout: auto, native, amlworld, amlsim, paysim, trc20, cn-bank-statement, "
      "payment-platform")("strict", "stop at the first bad row (exit 2) instead of skipping it")(
      "rejects", po::value<std::string>(), "where rejected rows go (CSV with file,line,reason)")(
      "max-rejects", po::value<std::uint64_t>()->default_value(RejectLog::kDefaultMaxRejects),
      "write at most N rejected rows (all are still counted)")(
      "quiet,q", "no progress bar and no load summary (rejects are still reported)")(
      "encoding", po::value<std::string>(),
      "bank statements: utf-8 or gbk (default: detected per file)")(
      "mapping", po::value<std::string>(),
      "bank statements: column mapping file (field = column header per line)")(
      "statement-utc-offset", po::value<double>()->default_value(8),
      "bank statements: hours their local times are ahead of UTC");
}

LoadRequest make_load_request(const po::variables_map& vm, const std::string& default_rejects,
                              const std::string& command_line) {
  LoadRequest request;
  if (!vm.count("input")) throw UsageError("no input file given");
  request.inputs = vm["input"].as<std::vector<std::string>>();
  if (vm.count("accounts")) request.accounts_files = vm["accounts"].as<std::vector<std::string>>();
  if (vm.count("rates")) request.rates_files = vm["rates"].as<std::vector<std::string>>();
  request.format = vm.count("input-format") ? vm["input-format"].as<std::string>()
                                            : vm["format"].as<std::string>();
  const auto& names = transaction_format_names();
  if (std::find(names.begin(), names.end(), request.format) == names.end()) {
    throw UsageError(
        "unknown input layout '" + request.format +
        "' (expected auto, native, amlworld, amlsim, paysim, trc20, cn-bank-statement or "
        "payment-platform)");
  }
  if (vm.count("encoding")) request.encoding = vm["encoding"].as<std::string>();
  if (vm.count("mapping")) request.mapping_file = vm["mapping"].as<std::string>();
  const double offset = vm["statement-utc-offset"].as<double>();
  if (!(std::abs(offset) <= 14)) throw UsageError("--statement-utc-offset must be within 14 hours");
  request.statement_utc_offset_seconds = static_cast<std::int64_t>(offset * 3600);
  request.strict = vm.count("strict") > 0;
  request.show_progress = vm.count("quiet") == 0;
  request.rejects_path = vm.count("rejects") ? vm["rejects"].as<std::string>() : default_rejects;
  request.max_rejects = vm["max-rejects"].as<std::uint64_t>();
  request.command_line = command_line;
  return request;
}

namespace {

// The same file: the same device and inode when both exist (a symlink or hard link to the input
// counts), else the same path once made absolute and normal.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  struct stat sa {}, sb {};
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  std::error_code ea, eb;
  const auto ca = std::filesystem::weakly_canonical(a, ea), cb = std::filesystem::weakly_canonical(b, eb);
  return !ea && !eb && ca == cb;
}

}  // namespace

void refuse_outputs_over_inputs(const po::variables_map& vm, const LoadRequest& request) {
  std::vector<std::string> inputs = request.inputs;
  inputs.insert(inputs.end(), request.accounts_files.begin(), request.accounts_files.end());
  inputs.insert(inputs.end(), request.rates_files.begin(), request.rates_files.end());
  if (!request.mapping_file.empty()) inputs.push_back(request.mapping_file);
  for (const char* option : {"output", "hits", "features", "members", "export", "write-labels",
                             "statement-matches", "model", "rejects"}) {
    if (!vm.count(option)) continue;
    if (std::string(option) == "model" && !(vm.count("train") && vm["train"].as<bool>())) continue;
    const std::string output = vm[option].as<std::string>();
    if (output == "-") continue;
    for (const std::string& input : inputs) {
      if (same_file(output, input))
        throw UsageError("--" + std::string(option) + " " + output + " is the input " + input +
                         ": refusing to write over the evidence (choose another output)");
    }
  }
  if (!vm.count("rejects") && !request.rejects_path.empty())
    for (const std::string& input : inputs)
      if (same_file(request.rejects_path, input))
        throw UsageError("the rejects file " + request.rejects_path + " would be the input " +
                         input + " (give --rejects PATH)");
}


LoadedCase load_inputs(const po::variables_map& vm, const std::string& default_rejects,
                       const std::string& command_line) {
  const LoadRequest request = make_load_request(vm, default_rejects, command_line);
  refuse_outputs_over_inputs(vm, request);
  LoadedCase loaded = load_case(request);
  const LoadReport& r = loaded.report;
  const bool quiet = vm.count("quiet") > 0;
  if (!quiet) {
    std::cerr << "loaded " << with_thousands(loaded.graph.num_transactions())
              << " transactions and " << with_thousands(loaded.graph.num_accounts())
              << " accounts from " << r.files.size() << (r.files.size() == 1 ? " file" : " files")
              << "\n";
  }
  if (r.statements) {
    // Balance gaps are always reported: each is a missing row an investigator should ask for.
    const StatementMergeReport& s = *r.statements;
    if (!quiet) {
      std::cerr << "bank statements: " << with_thousands(s.rows) << " rows; two-sided transfers "
                << "merged: " << with_thousands(s.matched_by_serial) << " by serial number, "
                << with_thousands(s.matched_by_time) << " by time and amount; "
                << with_thousands(s.one_sided) << " one-sided kept; "
                << with_thousands(s.opening_balances) << " opening balances from the balance "
                << "column; " << with_thousands(s.links) << " IP ties\n";
    }
    if (!s.gaps.empty()) {
      std::cerr << with_thousands(s.gaps.size())
                << " balance gaps (a row's balance does not follow from the previous one: rows "
                   "missing before it):\n";
      for (std::size_t i = 0; i < s.gaps.size() && i < 10; ++i) {
        const BalanceGap& g = s.gaps[i];
        std::cerr << "  " << r.statement_files[g.file] << ":" << g.line << ": balance: account "
                  << g.account << " expected " << g.expected << ", found " << g.found << "\n";
      }
    }
  }
  if (r.repaired_rows > 0) {
    // Always reported: the data was changed on the way in.
    std::cerr << "warning: " << with_thousands(r.repaired_rows)
              << " rows held invalid UTF-8, replaced with U+FFFD (--strict rejects them):\n";
    for (const std::string& example : r.repair_examples)
      std::cerr << "  " << terminal_text(example) << "\n";
  }
  if (r.rejected > 0) {
    std::cerr << "rejected " << with_thousands(r.rejected) << " of " << with_thousands(r.rows)
              << " rows:";
    for (int i = 0; i < kRejectReasonCount; ++i) {
      if (r.rejected_by_reason[i] > 0) {
        std::cerr << " " << to_string(static_cast<RejectReason>(i)) << " "
                  << with_thousands(r.rejected_by_reason[i]);
      }
    }
    std::cerr << "\n";
    for (const std::string& example : r.reject_examples)
      std::cerr << "  " << terminal_text(example) << "\n";
    if (!r.rejects_file.empty() && r.rejects_written < r.rejected) {
      std::cerr << "the first " << with_thousands(r.rejects_written)
                << " rejected rows with reasons: " << r.rejects_file << " (--max-rejects)\n";
    } else if (!r.rejects_file.empty()) {
      std::cerr << "all rejected rows with reasons: " << r.rejects_file << "\n";
    }
  }
  return loaded;
}



void add_csv_provenance_option(po::options_description& options) {
  options.add_options()("csv-provenance",
                        "start CSV outputs with '#' lines: moneytrail version, command line and "
                        "each input's SHA-256")(
      "csv-raw",
      "leave CSV cells that begin with =, +, -, @, tab or CR as they are (by default they get a "
      "leading ' so that spreadsheets do not run them as formulas)");
}

std::string csv_provenance(const po::variables_map& vm, const LoadReport& report) {
  return vm.count("csv-provenance") ? provenance_csv_lines(report) : "";
}

bool stdout_is_terminal() { return isatty(STDOUT_FILENO); }

std::string join_command_line(const std::string& command, const Args& args) {
  std::string line = "moneytrail " + command;
  for (const std::string& a : args) {
    const bool plain = a.find_first_of(" \t\"'\\$") == std::string::npos && !a.empty();
    line += plain ? " " + a : " '" + a + "'";
  }
  return line;
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

Timestamp timestamp_option(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) return kNoTime;
  const std::string text = vm[name].as<std::string>();
  const auto t = parse_timestamp(text);
  if (!t) throw UsageError("--" + std::string(name) + " '" + text + "' is not a date or time");
  return *t;
}

std::vector<TxIndex> resolve_ids(const TraceContext& context, const std::vector<std::string>& ids) {
  const auto found = context.graph().find_transactions(ids);
  std::vector<TxIndex> seeds;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!found[i]) throw UsageError("unknown transaction id '" + ids[i] + "'");
    seeds.push_back(*found[i]);
  }
  return seeds;
}

}  // namespace moneytrail::cli
