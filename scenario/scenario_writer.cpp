// Writes a scenario as CSV files. Numbers and dates are formatted by hand into one large buffer:
// at ten million rows, iostream formatting alone would take longer than the whole simulation.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "scenario/csv_file.h"
#include "scenario/scenario.h"

namespace moneytrail::scenario {
namespace {

void money(CsvFile& out, double value, bool usdt) { out.fixed(value, usdt ? 6 : 2); }

void write_transactions(const Scenario& s, const std::filesystem::path& dir) {
  CsvFile out(dir, "transactions.csv");
  out.text(
      "id,timestamp,from,to,amount,currency,received_amount,received_currency,channel,from_kind,to_"
      "kind,"
      "from_institution,to_institution,label,typology");
  out.end_row();
  CsvFile truth(dir, "truth_transactions.csv");
  truth.text("id,group,stage");
  truth.end_row();
  int width = 9;
  for (std::uint64_t n = s.transactions.size(); n >= 1000000000ull; n /= 10) ++width;
  std::uint64_t sequence = 1;
  for (const Transaction& t : s.transactions) {
    const Account& from = s.accounts[t.from];
    const Account& to = s.accounts[t.to];
    out.text("T")
        .padded(sequence, width)
        .comma()
        .timestamp(t.time)
        .comma()
        .text(from.id)
        .comma()
        .text(to.id)
        .comma();
    money(out, t.amount, t.paid_usdt);
    out.comma().text(t.paid_usdt ? "USDT" : "CNY").comma();
    if (t.received != t.amount || t.paid_usdt != t.received_usdt) {
      money(out, t.received, t.received_usdt);
      out.comma().text(t.received_usdt ? "USDT" : "CNY");
    } else {
      out.comma();
    }
    out.comma()
        .text(to_string(t.channel))
        .comma()
        .text(to_string(from.kind))
        .comma()
        .text(to_string(to.kind));
    out.comma().text(from.institution).comma().text(to.institution).comma();
    out.text(t.stage == Stage::none ? "0" : "1").comma().text(to_string(t.stage));
    out.end_row();
    if (t.stage != Stage::none) {
      truth.text("T")
          .padded(sequence, width)
          .comma()
          .integer(t.group)
          .comma()
          .text(to_string(t.stage));
      truth.end_row();
    }
    ++sequence;
  }
  out.close();
  truth.close();
}

void write_accounts(const Scenario& s, const std::filesystem::path& dir) {
  CsvFile out(dir, "accounts.csv");
  out.text("id,kind,institution,holder,phone,device,opened,opening_balance,label");
  out.end_row();
  CsvFile truth(dir, "truth_accounts.csv");
  truth.text("account,role,group,tier,commission,profile");
  truth.end_row();
  for (const Account& a : s.accounts) {
    out.text(a.id).comma().text(to_string(a.kind)).comma().text(a.institution).comma();
    out.text("H").padded(a.holder, 7).comma().integer(a.phone).comma();
    if (a.device) out.text("D").padded(a.device, 8);
    out.comma().date(a.opened).comma();
    if (a.opening_balance >= 0) out.fixed(a.opening_balance, 2);
    out.comma().text(a.role == Role::victim ? "victim" : "");
    out.end_row();
    truth.text(a.id).comma().text(to_string(a.role)).comma();
    if (a.group != kNoGroup) truth.integer(a.group);
    truth.comma();
    if (a.tier) truth.integer(a.tier);
    truth.comma();
    if (a.role == Role::running_points) truth.fixed(a.commission, 4);
    truth.comma().text(to_string(a.profile));
    truth.end_row();
  }
  out.close();
  truth.close();
}

void write_rates(const Scenario& s, const std::filesystem::path& dir) {
  CsvFile out(dir, "rates.csv");
  out.text("currency,timestamp,rate_to_base");
  out.end_row();
  out.text("CNY,").timestamp(s.options.start_time).text(",1");
  out.end_row();
  for (std::size_t d = 0; d < s.usdt_rate.size(); ++d) {
    out.text("USDT,").timestamp(s.options.start_time + static_cast<Timestamp>(d) * 86400).comma();
    out.fixed(s.usdt_rate[d], 4);
    out.end_row();
  }
  out.close();
}

}  // namespace

void write_scenario_files(const Scenario& scenario, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  write_transactions(scenario, dir);
  write_accounts(scenario, dir);
  write_rates(scenario, dir);
}

}  // namespace moneytrail::scenario
