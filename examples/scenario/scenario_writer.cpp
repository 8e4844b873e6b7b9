// Writes a scenario as CSV files. Numbers and dates are formatted by hand into one large buffer:
// at ten million rows, iostream formatting alone would take longer than the whole simulation.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "examples/scenario/scenario.h"

namespace moneytrail::scenario {
namespace {

class CsvFile {
 public:
  CsvFile(const std::filesystem::path& dir, const std::string& name)
      : final_(dir / name), partial_(dir / (name + ".partial")) {
    file_ = std::fopen(partial_.c_str(), "wb");
    if (!file_) throw std::runtime_error("cannot write " + partial_.string());
    buffer_.reserve(kFlushAt + 4096);
  }
  ~CsvFile() {
    if (file_) {
      std::fclose(file_);
      std::filesystem::remove(partial_);
    }
  }
  CsvFile& text(std::string_view s) {
    buffer_.append(s);
    return *this;
  }
  CsvFile& comma() {
    buffer_.push_back(',');
    return *this;
  }
  CsvFile& integer(std::uint64_t value) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    buffer_.append(digits, end);
    return *this;
  }
  CsvFile& padded(std::uint64_t value, int width) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    for (int i = static_cast<int>(end - digits); i < width; ++i) buffer_.push_back('0');
    buffer_.append(digits, end);
    return *this;
  }
  CsvFile& fixed(double value, int decimals) {
    char digits[64];
    auto end =
        std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, decimals)
            .ptr;
    buffer_.append(digits, end);
    return *this;
  }
  CsvFile& date(Timestamp t) {
    const auto ymd =
        std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{t / 86400}}};
    padded(static_cast<int>(ymd.year()), 4).text("-").padded(static_cast<unsigned>(ymd.month()), 2);
    return text("-").padded(static_cast<unsigned>(ymd.day()), 2);
  }
  /// ISO 8601 UTC; the date part is cached because consecutive rows share the day.
  CsvFile& timestamp(Timestamp t) {
    const Timestamp day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    if (day != cached_day_) {
      const std::size_t mark = buffer_.size();
      date(day * 86400);
      cached_date_.assign(buffer_, mark, std::string::npos);
      buffer_.resize(mark);
      cached_day_ = day;
    }
    const Timestamp second = t - day * 86400;
    buffer_.append(cached_date_);
    buffer_.push_back('T');
    padded(second / 3600, 2).text(":").padded(second / 60 % 60, 2).text(":").padded(second % 60, 2);
    buffer_.push_back('Z');
    return *this;
  }
  void end_row() {
    buffer_.push_back('\n');
    if (buffer_.size() >= kFlushAt) flush();
  }
  void close() {
    flush();
    const bool ok = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok) throw std::runtime_error("cannot write " + partial_.string());
    std::filesystem::rename(partial_, final_);
  }

 private:
  static constexpr std::size_t kFlushAt = 8 << 20;
  void flush() {
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      throw std::runtime_error("cannot write " + partial_.string());
    }
    buffer_.clear();
  }
  std::filesystem::path final_, partial_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::string cached_date_;
  Timestamp cached_day_ = -1;
};

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
  truth.text("account,role,group,tier,commission");
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
