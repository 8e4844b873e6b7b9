// Writes a scenario as the bank statement retrievals investigators receive: one file per bank
// holding its cards' and accounts' rows, each transfer seen from each bank side, with the
// balance after every row. To look like real retrievals, banks use two layouts (a direction
// column, or signed amounts with split date and time), a third of the banks give no serial
// numbers, the payee's bank books a transfer up to a minute after the payer's, and a few rows
// are missing (leaving balance gaps and one-sided transfers).
#include <algorithm>
#include <map>

#include "scenario/csv_file.h"
#include "scenario/scenario.h"

namespace moneytrail::scenario {
namespace {

bool has_statement(const Account& a) {
  return a.kind == AccountKind::bank_card || a.kind == AccountKind::bank_account;
}

// Deterministic per-row noise from the transaction's index and the side.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

struct BankFile {
  std::unique_ptr<CsvFile> out;
  bool signed_layout = false;  // 交易日期/交易时间 split, amounts signed
  bool serials = true;
  std::uint64_t line = 1;  // the header
};

void local_time(CsvFile& out, Timestamp utc, bool split) {
  // China time, written "2026-01-01 08:00:00" or "20260101,080000".
  const Timestamp t = utc + 8 * 3600;
  const Timestamp day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const Timestamp second = t - day * 86400;
  if (split) {
    const auto ymd = std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
    out.padded(static_cast<int>(ymd.year()), 4)
        .padded(static_cast<unsigned>(ymd.month()), 2)
        .padded(static_cast<unsigned>(ymd.day()), 2)
        .comma()
        .padded(second / 3600, 2)
        .padded(second / 60 % 60, 2)
        .padded(second % 60, 2);
  } else {
    out.date(day * 86400)
        .text(" ")
        .padded(second / 3600, 2)
        .text(":")
        .padded(second / 60 % 60, 2)
        .text(":")
        .padded(second % 60, 2);
  }
}

}  // namespace

StatementSummary write_statements(const Scenario& s, const std::filesystem::path& dir) {
  const std::filesystem::path folder = dir / "statements";
  std::filesystem::create_directories(folder);
  StatementSummary summary;
  std::map<std::string, BankFile> banks;  // by institution, in name order
  for (const Account& a : s.accounts)
    if (has_statement(a)) banks[a.institution];
  std::size_t index = 0;
  for (auto& [name, bank] : banks) {
    bank.signed_layout = index % 2 == 1;
    bank.serials = index % 3 != 2;
    ++index;
    const std::string file = name + ".csv";
    bank.out = std::make_unique<CsvFile>(folder, file);
    bank.out->text(bank.signed_layout
                       ? "交易账号,交易日期,交易时间,交易金额,交易余额,对方账号,对方户名,摘要"
                       : "交易卡号,户名,交易时间,交易金额,借贷标志,交易余额,对手账号,对手户名,"
                         "摘要");
    if (bank.serials) bank.out->text(",交易流水号");
    bank.out->end_row();
    summary.files.push_back("statements/" + file);
  }
  CsvFile truth(folder, "truth_statement_rows.csv");
  truth.text("file,line,transaction");
  truth.end_row();

  std::vector<double> balance(s.accounts.size());
  for (std::size_t v = 0; v < s.accounts.size(); ++v)
    balance[v] = std::max(s.accounts[v].opening_balance, 0.0);
  int width = 9;
  for (std::uint64_t n = s.transactions.size(); n >= 1000000000ull; n /= 10) ++width;
  for (std::uint64_t k = 0; k < s.transactions.size(); ++k) {
    const Transaction& t = s.transactions[k];
    std::string id = std::to_string(k + 1);  // as transactions.csv numbers them
    id = "T" +
         std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(id.size()))),
                     '0') +
         id;
    for (int side = 0; side < 2; ++side) {
      const bool outgoing = side == 0;
      const Account& own = s.accounts[outgoing ? t.from : t.to];
      const Account& other = s.accounts[outgoing ? t.to : t.from];
      if (!has_statement(own) || (outgoing ? t.paid_usdt : t.received_usdt)) continue;
      const double amount = outgoing ? t.amount : t.received;
      double& b = balance[outgoing ? t.from : t.to];
      b += outgoing ? -amount : amount;
      const std::uint64_t noise = mix(k * 2 + static_cast<std::uint64_t>(side));
      ++summary.rows;
      if (noise % 1000 == 0) {  // one row in a thousand is missing from the retrieval
        ++summary.missing_rows;
        continue;
      }
      BankFile& bank = banks[own.institution];
      CsvFile& out = *bank.out;
      ++bank.line;
      const bool cash = other.kind == AccountKind::cash;
      const Timestamp booked =
          outgoing ? t.time : t.time + static_cast<Timestamp>(noise >> 20) % 60;
      if (bank.signed_layout) {
        out.text(own.id).comma();
        local_time(out, booked, true);
        out.comma().text(outgoing ? "-" : "").fixed(amount, 2).comma().fixed(b, 2).comma();
      } else {
        out.text(own.id).comma().text("H").padded(own.holder, 7).comma();
        local_time(out, booked, false);
        out.comma()
            .fixed(amount, 2)
            .comma()
            .text(outgoing ? "借" : "贷")
            .comma()
            .fixed(b, 2)
            .comma();
      }
      if (!cash) out.text(other.id);
      out.comma();
      if (!cash && other.holder) out.text("H").padded(other.holder, 7);
      out.comma().text(cash ? (outgoing ? "ATM取款" : "现金存入") : "转账");
      if (bank.serials) out.comma().text(id);
      out.end_row();
      truth.text(own.institution).text(".csv,").integer(bank.line).comma().text(id);
      truth.end_row();
    }
  }
  for (auto& [name, bank] : banks) bank.out->close();
  truth.close();
  summary.files.push_back("statements/truth_statement_rows.csv");
  return summary;
}

}  // namespace moneytrail::scenario
