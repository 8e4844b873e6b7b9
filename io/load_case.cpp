#include "io/load_case.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "graph/graph_builder.h"
#include "graph/input_error.h"
#include "io/input_sniffer.h"
#include "io/side/watchlist.h"
#include "io/util/atomic_file.h"

namespace moneytrail {
namespace {

std::uint64_t file_bytes(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

void record_input(LoadReport& report, const FileReadReport& file) {
  report.files.push_back(file);
  report.rows += file.rows;
  report.provenance.inputs.push_back(
      {file.path, file_bytes(file.path), file.format, file.rows, file.rejected, file.sha256});
}

// A result names the exact case file it came from (hashed as it was read) as well as the
// sources the case was made of.
void record_case_input(LoadReport& report, const std::string& path, const CaseFile& loaded) {
  FileReadReport file;
  file.path = path;
  file.format = "case";
  file.rows = file.loaded = loaded.graph.num_transactions();
  report.files.push_back(file);
  report.provenance.inputs.push_back(
      {path, file_bytes(path), "case", loaded.graph.num_transactions(), 0, loaded.sha256});
  for (const CaseProvenance::Input& input : loaded.provenance.inputs) {
    report.rejected_at_ingest += input.rejected;
    report.provenance.inputs.push_back(input);  // keep the original sources' provenance
  }
}

// Bank statements and platform exports are read together and then merged: the two sides of a
// transfer may sit in two files.
struct StatementInput {
  std::string path;
  std::string head;  // the bytes the sniffer read
};

void load_statements(const LoadRequest& request, std::vector<StatementInput> inputs,
                     GraphBuilder& builder, RejectLog& rejects, LoadReport& report) {
  StatementReadOptions read;
  if (!request.encoding.empty()) {
    read.encoding = parse_text_encoding(request.encoding);
    if (!read.encoding)
      throw InputError("", 0, "", "unknown encoding '" + request.encoding + "' (utf-8 or gbk)");
  }
  if (!request.mapping_file.empty()) read.mapping = read_statement_mapping(request.mapping_file);
  read.utc_offset_seconds = request.statement_utc_offset_seconds;
  read.strict = request.strict;
  read.platform = request.format == "payment-platform";
  StatementSet set;
  std::vector<std::string> paths;
  for (StatementInput& input : inputs) {
    const std::string& path = input.path;
    paths.push_back(path);
    const std::uint64_t before = set.rows.size();
    const StatementFileReport file =
        read_statement_file(path, read, set, rejects, std::move(input.head));
    FileReadReport record;
    record.path = path;
    record.format = file.encoding == TextEncoding::utf8 ? "cn-bank-statement (utf-8)"
                                                        : "cn-bank-statement (gb18030)";
    record.rows = file.rows;
    record.loaded = set.rows.size() - before;
    record.rejected = file.rejected;
    record.sha256 = file.sha256;
    record_input(report, record);
  }
  report.statements = merge_statements(set, {}, builder);
  report.statement_files = paths;
}

void copy_standard_input(const std::filesystem::path& to) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(to.c_str(), "wb"), std::fclose);
  if (!out) throw InputError(kStandardInput, 0, "", "cannot copy standard input");
  char buffer[1 << 16];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, stdin))
    if (std::fwrite(buffer, 1, n, out.get()) != n)
      throw InputError(kStandardInput, 0, "", "cannot copy standard input (disk full?)");
  if (std::ferror(stdin)) throw InputError(kStandardInput, 0, "", "cannot read standard input");
  if (std::fflush(out.get()) != 0)
    throw InputError(kStandardInput, 0, "", "cannot copy standard input (disk full?)");
}

// Marks each watchlist account that some input names (label watchlist, its note as a free tag
// "watch: NOTE"); the others are listed in the report, not created.
void mark_watchlist(const std::string& path, GraphBuilder& builder, LoadReport& report) {
  for (const WatchlistEntry& entry : read_watchlist(path)) {
    const auto v = builder.find_account(entry.account);
    if (!v) {
      report.watchlist_unknown.push_back(path + ":" + std::to_string(entry.line) + ": " +
                                         entry.account);
      continue;
    }
    AccountInput mark;
    mark.labels = kLabelWatchlist;
    builder.set_account(*v, mark);
    if (!entry.note.empty()) builder.add_tag(*v, "watch: " + entry.note);
    ++report.watchlisted;
  }
}

LoadedCase load_files(const LoadRequest& request, const std::string& stdin_copy) {
  LoadedCase result;
  LoadReport& report = result.report;
  report.provenance.command_line = request.command_line;

  std::vector<SniffedInput> sniffed;
  for (const std::string& path : request.inputs)
    sniffed.push_back(sniff_input(path, request.format));

  // Fast path: one case file and nothing to add to it.
  if (request.inputs.size() == 1 && request.accounts_files.empty() && request.rates_files.empty() &&
      request.watchlist_files.empty() && sniffed[0].kind == InputKind::case_file) {
    CaseFile loaded = [&] {
      ProgressStep step(request.progress, "reading the case file");
      return read_case_file(request.inputs[0]);
    }();
    record_case_input(report, request.inputs[0], loaded);
    result.graph = std::move(loaded.graph);
    return result;
  }

  CsvReadOptions options;
  options.strict = request.strict;
  options.progress = request.progress;
  RejectLog rejects(request.rejects_path, request.max_rejects);
  if (!stdin_copy.empty()) rejects.name_file(stdin_copy, kStandardInput);
  GraphBuilder builder;
  std::vector<StatementInput> statements;
  for (std::size_t i = 0; i < request.inputs.size(); ++i) {
    const std::string& path = request.inputs[i];
    switch (sniffed[i].kind) {
      case InputKind::statement:  // merged together below: two sides may be in two files
        statements.push_back({path, std::move(sniffed[i].head)});
        break;
      case InputKind::case_file: {
        CaseFile loaded = read_case_file(path);
        record_case_input(report, path, loaded);
        try {
          builder.add_graph(loaded.graph);
        } catch (const std::invalid_argument& e) {
          throw InputError(path, 0, "", e.what());
        }
        break;
      }
      case InputKind::transactions:
        options.format = sniffed[i].layout;
        record_input(report, read_transactions_csv(path, options, builder, rejects));
        break;
    }
  }
  if (!statements.empty())
    load_statements(request, std::move(statements), builder, rejects, report);
  CsvReadOptions side_options = options;
  side_options.format = "auto";
  for (const std::string& path : request.accounts_files) {
    record_input(report, read_accounts_csv(path, side_options, builder, rejects));
  }
  for (const std::string& path : request.rates_files) {
    record_input(report, read_rates_csv(path, side_options, builder, rejects));
  }
  for (const std::string& path : request.watchlist_files) mark_watchlist(path, builder, report);
  std::string error;
  if (!rejects.finish(&error)) throw InputError(request.rejects_path, 0, "", error);
  report.rejected = rejects.count();
  for (int r = 0; r < kRejectReasonCount; ++r) {
    report.rejected_by_reason[r] = rejects.count(static_cast<RejectReason>(r));
  }
  report.reject_examples = rejects.examples();
  if (rejects.written()) report.rejects_file = rejects.path();
  report.rejects_written = rejects.written_rows();
  for (const FileReadReport& file : report.files) {
    report.repaired_rows += file.repaired;
    for (const std::string& example : file.repair_examples)
      if (report.repair_examples.size() < 5) report.repair_examples.push_back(example);
  }
  result.graph = std::move(builder).build();
  return result;
}

}  // namespace

// Standard input is copied to a private temporary file first: readers look at a file's first
// bytes and then read it whole, and a pipe can be read only once. Reports, rejected rows and
// errors name it "-", with the SHA-256 of what arrived.
LoadedCase load_case(const LoadRequest& request) {
  if (request.inputs.empty()) throw InputError("", 0, "", "no input files given");
  LoadRequest local = request;
  std::optional<TemporaryFile> copy;
  for (std::string& path : local.inputs) {
    if (path != kStandardInput) continue;
    if (copy) throw InputError(kStandardInput, 0, "", "standard input can be read only once");
    copy.emplace(".stdin");
    copy_standard_input(copy->path());
    path = copy->path().string();
  }
  const std::string copy_path = copy ? copy->path().string() : std::string();
  auto shown = [&](const std::string& path) { return path == copy_path ? kStandardInput : path; };
  LoadedCase loaded;
  try {
    loaded = load_files(local, copy_path);
  } catch (const InputError& e) {
    if (copy && e.file() == copy_path)
      throw InputError(kStandardInput, e.line(), e.column(), e.reason());
    throw;
  }
  if (copy) {
    LoadReport& r = loaded.report;
    for (FileReadReport& f : r.files) f.path = shown(f.path);
    for (CaseProvenance::Input& input : r.provenance.inputs) input.path = shown(input.path);
    for (std::vector<std::string>* examples : {&r.reject_examples, &r.repair_examples})
      for (std::string& example : *examples)
        if (example.rfind(copy_path, 0) == 0)
          example = kStandardInput + example.substr(copy_path.size());
    for (std::string& f : r.statement_files) f = shown(f);
  }
  if (request.since != kNoTime || request.until != kNoTime) {
    GraphBuilder window;
    loaded.report.outside_window = window.add_graph(loaded.graph, request.since, request.until);
    loaded.graph = TransactionGraph();  // the whole graph's memory back before the window's build
    loaded.graph = std::move(window).build();
  }
  return loaded;
}

}  // namespace moneytrail
