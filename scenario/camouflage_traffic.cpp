// Legitimate traffic that looks like laundering (ScenarioOptions::camouflage): the fast honest
// movers real bank data is full of, so that a detector which only asks "does it pass money on
// fast?" ranks them with the mules.
#include <algorithm>
#include <cmath>
#include <map>

#include "scenario/traffic.h"

namespace moneytrail::scenario {
namespace {

constexpr Timestamp kChinaOffset = 8 * 3600;
constexpr double kUsdtPerCny = 1 / 7.1;

class CamouflageSimulator {
 public:
  CamouflageSimulator(const Scenario& s, const Population& p, Random& random,
                      std::vector<Transaction>& out)
      : s_(s), p_(p), c_(p.camouflage), random_(random), out_(out) {}

  // Salary from an employer around the 10th; within 1-10 minutes 90-100 % of it moves to the
  // holder's savings account.
  void payroll() {
    for (const auto& [card, savings] : c_.payroll) {
      const std::uint32_t employer = p_.employers[random_.below(p_.employers.size())];
      for (std::uint32_t day = 9; day < s_.options.days; day += 30) {
        const Timestamp paid = local(day, 10 + static_cast<int>(random_.below(6)));
        const double salary = cents(random_.log_uniform(6000, 30000));
        emit(paid, employer, card, salary, Channel::bank_transfer);
        const double moved = random_.chance(0.5) ? salary : cents(salary * random_.uniform(0.9, 1));
        emit(paid + 60 + static_cast<Timestamp>(random_.below(540)), card, savings, moved,
             Channel::bank_transfer);
      }
    }
  }

  // Each payment from the wallet is preceded, seconds before, by a top-up from the holder's card
  // of the amount or the amount rounded up to 100.
  void wallets() {
    for (const auto& [wallet, card] : c_.wallets) {
      const std::uint64_t payments = 5 + random_.below(36);
      for (std::uint64_t i = 0; i < payments; ++i) {
        const Timestamp paid = some_day_time();
        const double amount = cents(random_.log_uniform(20, 3000));
        const double top_up = random_.chance(0.5) ? amount : std::ceil(amount / 100) * 100;
        emit(paid - 5 - static_cast<Timestamp>(random_.below(55)), card, wallet, top_up,
             Channel::payment_platform);
        emit(paid, wallet, merchant(), amount, Channel::payment_platform);
      }
    }
  }

  // A trader's customers abroad pay invoices of 20,000-300,000; within 10-120 minutes the trader
  // pays 80-95 % on to one to three suppliers.
  void traders() {
    for (std::size_t i = 0; i < c_.traders.size(); ++i) {
      const std::uint32_t trader = c_.traders[i];
      const std::size_t customers = 5 + random_.below(16);
      for (std::size_t k = 0; k < customers; ++k) {
        const std::uint32_t customer =
            c_.trader_customers[(i * 20 + k) % c_.trader_customers.size()];
        const std::uint64_t invoices = 1 + random_.below(3);
        for (std::uint64_t j = 0; j < invoices; ++j) {
          const Timestamp paid = some_day_time();
          const double amount = cents(random_.log_uniform(20000, 300000));
          emit(paid, customer, trader, amount, Channel::bank_transfer);
          const std::uint64_t suppliers = 1 + random_.below(3);
          const double onward =
              amount * random_.uniform(0.8, 0.95) / static_cast<double>(suppliers);
          Timestamp t = paid + 600 + static_cast<Timestamp>(random_.below(6600));
          for (std::uint64_t k2 = 0; k2 < suppliers; ++k2, t += 30)
            emit(t, trader, merchant(), cents(onward), Channel::bank_transfer);
        }
      }
    }
  }

  // Customers pay the desk CNY; within 2-20 minutes its address sends them USDT at the day's
  // rate less 0.5 %; each day the desk buys back its USDT at an exchange.
  void otc_desks() {
    for (const auto& [desk, address] : c_.otc_desks) {
      std::map<std::uint32_t, double> day_intake;
      const std::size_t customers = 30 + random_.below(51);
      for (std::size_t k = 0; k < customers; ++k) {
        const std::uint32_t customer = p_.persons[random_.below(p_.persons.size())];
        const std::uint32_t wallet = p_.user_wallets[random_.below(p_.user_wallets.size())];
        const std::uint64_t trades = 1 + random_.below(4);
        for (std::uint64_t j = 0; j < trades; ++j) {
          const Timestamp paid = some_day_time();
          const double cny = cents(random_.log_uniform(2000, 50000));
          emit(paid, customer, desk, cny, Channel::bank_transfer);
          Transaction usdt =
              make(paid + 120 + static_cast<Timestamp>(random_.below(1080)), address, wallet,
                   micros(cny * kUsdtPerCny * 0.995), Channel::crypto_transfer);
          usdt.paid_usdt = usdt.received_usdt = true;
          push(usdt);
          day_intake[static_cast<std::uint32_t>((paid - s_.options.start_time) / 86400)] += cny;
        }
      }
      const std::uint32_t exchange = p_.exchanges[random_.below(p_.exchanges.size())];
      for (const auto& [day, cny] : day_intake) {
        const Timestamp t = local(day, 22);
        emit(t, desk, exchange, cents(cny * 0.995), Channel::exchange_trade);
        Transaction usdt = make(t + 300, exchange, address, micros(cny * 0.995 * kUsdtPerCny),
                                Channel::crypto_transfer);
        usdt.paid_usdt = usdt.received_usdt = true;
        push(usdt);
      }
    }
  }

 private:
  Timestamp local(std::uint32_t day, int hour) {
    return s_.options.start_time + static_cast<Timestamp>(day) * 86400 + hour * 3600 +
           static_cast<Timestamp>(random_.below(3600)) - kChinaOffset;
  }
  Timestamp some_day_time() {
    return local(static_cast<std::uint32_t>(random_.below(s_.options.days)),
                 8 + static_cast<int>(random_.below(14)));
  }
  std::uint32_t merchant() { return p_.merchants[random_.below(p_.merchants.size())]; }
  Transaction make(Timestamp time, std::uint32_t from, std::uint32_t to, double amount,
                   Channel channel) {
    Transaction t;
    t.time = time;
    t.from = from;
    t.to = to;
    t.amount = t.received = amount;
    t.channel = channel;
    return t;
  }
  void push(Transaction t) {
    t.sequence = out_.size();
    out_.push_back(t);
  }
  void emit(Timestamp time, std::uint32_t from, std::uint32_t to, double amount, Channel channel) {
    if (from != to && amount >= 0.01) push(make(time, from, to, amount, channel));
  }

  const Scenario& s_;
  const Population& p_;
  const CamouflageAccounts& c_;
  Random& random_;
  std::vector<Transaction>& out_;
};

}  // namespace

void generate_camouflage(const Scenario& scenario, const Population& population, Random& random,
                         std::vector<Transaction>& out) {
  CamouflageSimulator simulator(scenario, population, random, out);
  simulator.payroll();
  simulator.wallets();
  simulator.traders();
  simulator.otc_desks();
}

void fund_employers(const Scenario& scenario, const Population& population,
                    std::vector<Transaction>& out) {
  // The parent company funds each employer with that month's payroll at 06:00 on pay day.
  std::map<std::pair<std::uint32_t, std::int64_t>, double> payroll;
  std::vector<std::uint8_t> employer(scenario.accounts.size(), 0);
  for (std::uint32_t e : population.employers) employer[e] = 1;
  for (const Transaction& t : out) {
    if (t.stage != Stage::none || !employer[t.from] || t.channel != Channel::bank_transfer)
      continue;
    const std::int64_t day = (t.time + kChinaOffset - scenario.options.start_time) / 86400;
    payroll[{t.from, day}] += t.amount;
  }
  for (const auto& [key, total] : payroll) {
    Transaction t;
    t.time = scenario.options.start_time + key.second * 86400 + 6 * 3600 - kChinaOffset;
    t.from = population.camouflage.employer_parent;
    t.to = key.first;
    t.amount = t.received = cents(total);
    t.channel = Channel::bank_transfer;
    t.sequence = out.size();
    out.push_back(t);
  }
}

}  // namespace moneytrail::scenario
