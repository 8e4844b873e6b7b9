#include "io/report/statement_report.h"

#include "io/csv/csv_reader.h"

namespace moneytrail {

void write_statement_matches(std::ostream& out, const LoadReport& report) {
  out << "payer_file,payer_line,payee_file,payee_line,matched_by\n";
  if (!report.statements) return;
  const auto& files = report.statement_files;
  for (const StatementMatch& m : report.statements->matches)
    out << csv_escape(files[m.payer_file]) << "," << m.payer_line << ","
        << csv_escape(files[m.payee_file]) << "," << m.payee_line << ","
        << (m.by_serial ? "serial" : "time") << "\n";
}

}  // namespace moneytrail
