// moneytrail ingest INPUT... [--accounts F] [--rates F] [--format F] [--strict] -o CASE.mtc
#include <iostream>

#include "cli/commands.h"
#include "io/util/atomic_file.h"
#include "io/case/case_file.h"
#include "io/csv/csv_reader.h"

namespace moneytrail::cli {

int run_ingest(const Args& args) {
  po::options_description options("ingest options");
  add_input_options(options, LayoutOption::format);
  add_csv_provenance_option(options);
  options.add_options()("output,o", po::value<std::string>()->required(),
                        "case file to write (.mtc)")(
      "statement-matches", po::value<std::string>(),
      "bank statements: write every merged pair of rows here (CSV payer_file,payer_line,"
      "payee_file,payee_line,matched_by)");
  po::variables_map vm;
  if (!parse_arguments(args, options,
                       "moneytrail ingest INPUT... [--accounts F] [--rates F] "
                       "[--format F] [--strict] -o CASE.mtc",
                       vm)) {
    return kExitOk;
  }
  const std::string output = vm["output"].as<std::string>();
  LoadedCase loaded = load_inputs(vm, output + ".rejects.csv", join_command_line("ingest", args));
  write_case_file(output, loaded.graph, loaded.report.provenance);
  if (vm.count("statement-matches")) {
    if (!loaded.report.statements) throw UsageError("--statement-matches: no bank statements read");
    AtomicOutputFile file(vm["statement-matches"].as<std::string>());
    file.stream() << csv_provenance(vm, loaded.report)
                  << "payer_file,payer_line,payee_file,payee_line,matched_by\n";
    const auto& files = loaded.report.statement_files;
    for (const StatementMatch& m : loaded.report.statements->matches)
      file.stream() << csv_escape(files[m.payer_file]) << "," << m.payer_line << ","
                    << csv_escape(files[m.payee_file]) << "," << m.payee_line << ","
                    << (m.by_serial ? "serial" : "time") << "\n";
    file.commit();
  }
  if (!vm.count("quiet")) {
    std::cerr << "wrote " << output << " (" << with_thousands(loaded.graph.num_transactions())
              << " transactions, " << with_thousands(loaded.graph.num_accounts()) << " accounts)\n";
  }
  return kExitOk;
}

}  // namespace moneytrail::cli
