// Background traffic: the ordinary payments that bury the laundering chains.
#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "scenario/traffic.h"

namespace moneytrail::scenario {
namespace {

// Relative activity per local (China, UTC+8) hour: quiet at night, peaks at noon and evening.
constexpr std::array<double, 24> kHourWeight = {0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8,
                                                1.2, 1.5, 1.6,  1.6,  1.7,  1.5, 1.4, 1.4,
                                                1.5, 1.6, 1.8,  2.0,  2.0,  1.6, 1.0, 0.5};
constexpr Timestamp kChinaOffset = 8 * 3600;

// Samples indices 0..n-1 with probability proportional to 1/(i+1)^exponent: a few accounts are
// very busy, most are quiet (heavy-tailed degrees).
class ZipfSampler {
 public:
  ZipfSampler(std::size_t n, double exponent) : cumulative_(n) {
    double total = 0;
    for (std::size_t i = 0; i < n; ++i)
      cumulative_[i] = total += std::pow(static_cast<double>(i + 1), -exponent);
  }
  std::size_t operator()(Random& random) const {
    const double u = random.uniform() * cumulative_.back();
    return std::min<std::size_t>(
        std::upper_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin(),
        cumulative_.size() - 1);
  }

 private:
  std::vector<double> cumulative_;
};

class HourSampler {
 public:
  HourSampler() {
    double total = 0;
    for (std::size_t h = 0; h < 24; ++h) cumulative_[h] = total += kHourWeight[h];
  }
  int operator()(Random& random) const {
    const double u = random.uniform() * cumulative_[23];
    return static_cast<int>(std::upper_bound(cumulative_.begin(), cumulative_.end(), u) -
                            cumulative_.begin());
  }

 private:
  std::array<double, 24> cumulative_{};
};

}  // namespace

void generate_background(const Scenario& scenario, const Population& p, std::uint64_t count,
                         Random& random, std::vector<Transaction>& out) {
  const ScenarioOptions& o = scenario.options;
  const ZipfSampler person_rank(p.persons.size(), 0.8);
  const ZipfSampler merchant_rank(p.merchants.size(), 1.0);
  const ZipfSampler exchange_rank(p.exchanges.size(), 1.0);
  const HourSampler hour_of_day;
  auto person = [&] { return p.persons[person_rank(random)]; };
  auto any_person = [&] { return p.persons[random.below(p.persons.size())]; };
  // A local time on a random day, following the daily rhythm; `day_of_month` >= 0 pins the day.
  auto when = [&](int day_of_month = -1) {
    std::int64_t day = static_cast<std::int64_t>(random.below(o.days));
    if (day_of_month >= 0) day = std::max<std::int64_t>(0, day - (day % 30) + day_of_month);
    const Timestamp local =
        day * 86400 + hour_of_day(random) * 3600 + static_cast<Timestamp>(random.below(3600));
    return o.start_time + local - kChinaOffset;
  };
  out.reserve(out.size() + count);
  std::set<std::pair<std::uint32_t, std::uint64_t>> paid_salary;  // (employee, month)
  for (std::uint64_t i = 0; i < count; ++i) {
    Transaction t;
    const double kind = random.uniform();
    if (kind < 0.40) {  // shopping
      t = {when(), person(), p.merchants[merchant_rank(random)],
           cents(random.log_uniform(10, 2000))};
      t.channel = Channel::card_payment;
    } else if (kind < 0.65) {  // P2P between friends
      t = {when(), person(), person(), cents(random.log_uniform(50, 5000))};
      if (random.chance(0.3)) t.amount = std::round(t.amount / 10) * 10;
      t.channel = random.chance(0.6) ? Channel::bank_transfer : Channel::payment_platform;
    } else if (kind < 0.72) {  // salaries, around the 10th: once a month per employee
      std::uint32_t employee = any_person();
      Timestamp paid = when(9);
      const std::uint64_t month = static_cast<std::uint64_t>(paid - o.start_time) / (30 * 86400);
      for (int tries = 0; tries < 4 && !paid_salary.insert({employee, month}).second; ++tries)
        employee = any_person();
      t = {paid, p.employers[employee % p.employers.size()], employee,
           cents(random.log_uniform(5000, 30000))};
      t.channel = Channel::bank_transfer;
    } else if (kind < 0.76) {  // rent, early in the month
      t = {when(static_cast<int>(random.below(5))), any_person(), person(),
           std::round(random.log_uniform(2000, 8000) / 100) * 100};
      t.channel = Channel::bank_transfer;
    } else if (kind < 0.84) {  // ATM withdrawals
      t = {when(), person(), p.atms[random.below(p.atms.size())], 100.0 * (1 + random.below(30))};
      t.channel = Channel::cash_withdrawal;
    } else if (kind < 0.87) {  // cash deposits
      t = {when(), p.atms[random.below(p.atms.size())], person(), 100.0 * (1 + random.below(50))};
      t.channel = Channel::cash_deposit;
    } else if (kind < 0.93) {  // buying USDT on an exchange: CNY in
      t = {when(), person(), p.exchanges[exchange_rank(random)],
           cents(random.log_uniform(500, 50000))};
      t.channel = Channel::payment_platform;
    } else if (kind < 0.97) {  // withdrawing USDT to a user's wallet
      t = {when(), p.exchanges[exchange_rank(random)],
           p.user_wallets[random.below(p.user_wallets.size())],
           std::round(random.log_uniform(50, 5000) * 1e6) / 1e6};
      t.paid_usdt = t.received_usdt = true;
      t.channel = Channel::crypto_transfer;
    } else {  // depositing USDT back, or converting it
      t = {when(), p.user_wallets[random.below(p.user_wallets.size())],
           p.exchanges[exchange_rank(random)],
           std::round(random.log_uniform(50, 5000) * 1e6) / 1e6};
      t.paid_usdt = t.received_usdt = true;
      t.channel = Channel::crypto_transfer;
    }
    if (t.from == t.to) t.to = p.merchants[random.below(p.merchants.size())];
    t.received = t.amount;
    t.sequence = out.size();
    out.push_back(t);
  }
}

}  // namespace moneytrail::scenario
