#include "io/report/load_report.h"

#include "io/report/report_text.h"
#include "io/util/text_safety.h"

namespace moneytrail {

void write_load_summary(std::ostream& out, const LoadedCase& loaded, bool quiet) {
  const LoadReport& r = loaded.report;
  if (!quiet) {
    out << "loaded " << with_thousands(loaded.graph.num_transactions()) << " transactions and "
        << with_thousands(loaded.graph.num_accounts()) << " accounts from " << r.files.size()
        << (r.files.size() == 1 ? " file" : " files") << "\n";
    if (r.watchlisted > 0 || !r.watchlist_unknown.empty())
      out << "watchlist: " << with_thousands(r.watchlisted) << " accounts marked"
          << (r.watchlist_unknown.empty()
                  ? std::string()
                  : ", " + with_thousands(r.watchlist_unknown.size()) +
                        " not in the data (first: " + terminal_text(r.watchlist_unknown[0]) + ")")
          << "\n";
    if (r.outside_window > 0)
      out << with_thousands(r.outside_window)
          << " transactions outside --since/--until left out (all accounts kept)\n";
  }
  if (r.statements) {
    // Balance gaps are always reported: each is a missing row an investigator should ask for.
    const StatementMergeReport& s = *r.statements;
    if (!quiet) {
      out << "bank statements: " << with_thousands(s.rows) << " rows; two-sided transfers "
          << "merged: " << with_thousands(s.matched_by_serial) << " by serial number, "
          << with_thousands(s.matched_by_time) << " by time and amount; "
          << with_thousands(s.one_sided) << " one-sided kept; "
          << with_thousands(s.opening_balances) << " opening balances from the balance "
          << "column; " << with_thousands(s.links) << " IP ties\n";
    }
    if (!s.gaps.empty()) {
      out << with_thousands(s.gaps.size())
          << " balance gaps (a row's balance does not follow from the previous one: rows "
             "missing before it):\n";
      for (std::size_t i = 0; i < s.gaps.size() && i < 10; ++i) {
        const BalanceGap& g = s.gaps[i];
        out << "  " << r.statement_files[g.file] << ":" << g.line << ": balance: account "
            << g.account << " expected " << g.expected << ", found " << g.found << "\n";
      }
    }
  }
  if (r.repaired_rows > 0) {
    // Always reported: the data was changed on the way in.
    out << "warning: " << with_thousands(r.repaired_rows)
        << " rows held invalid UTF-8, replaced with U+FFFD (--strict rejects them):\n";
    for (const std::string& example : r.repair_examples)
      out << "  " << terminal_text(example) << "\n";
  }
  if (r.rejected > 0) {
    out << "rejected " << with_thousands(r.rejected) << " of " << with_thousands(r.rows)
        << " rows:";
    for (int i = 0; i < kRejectReasonCount; ++i) {
      if (r.rejected_by_reason[i] > 0) {
        out << " " << to_string(static_cast<RejectReason>(i)) << " "
            << with_thousands(r.rejected_by_reason[i]);
      }
    }
    out << "\n";
    for (const std::string& example : r.reject_examples)
      out << "  " << terminal_text(example) << "\n";
    if (!r.rejects_file.empty() && r.rejects_written < r.rejected) {
      out << "the first " << with_thousands(r.rejects_written)
          << " rejected rows with reasons: " << r.rejects_file << " (--max-rejects)\n";
    } else if (!r.rejects_file.empty()) {
      out << "all rejected rows with reasons: " << r.rejects_file << "\n";
    }
  }
}

}  // namespace moneytrail
