// The laundering chains: each victim payment is followed, hop by hop, from the tier-1 card (or
// the running-points collection account a QR-code victim pays) to its cash-out, every forward
// strictly after the credit that funded it.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "scenario/traffic.h"

namespace moneytrail::scenario {
namespace {

constexpr double kMedianDwellSeconds = 1200;  // mules forward within minutes to hours
constexpr double kOtcSpread = 0.008;
constexpr double kCryptoFee = 1.0;  // USDT network fee per hop
constexpr double kOrganiserCut = 0.05;

class ChainSimulator {
 public:
  ChainSimulator(const Scenario& scenario, const Population& population, Random& random,
                 std::vector<Transaction>& out)
      : scenario_(scenario), population_(population), random_(random), out_(out) {}

  void victim_payment(std::uint32_t victim, std::uint32_t group, Timestamp time, double amount) {
    const GroupAccounts& g = population_.groups[group];
    const std::uint32_t card = pick(g.tiers[0]);
    emit(time, victim, card, amount, amount, false, false, Channel::bank_transfer,
         Stage::victim_payment, group);
    forward_card(card, amount, time, 0, group);
  }

  // A QR-code victim pays the collection account it was shown, in smaller sums.
  void qr_code_payment(std::uint32_t victim, std::uint32_t collection, std::uint32_t group,
                       Timestamp time, double amount) {
    emit(time, victim, collection, amount, amount, false, false, Channel::payment_platform,
         Stage::victim_payment, group);
    running_points(collection, amount, time, group);
  }

  // A gambler buys credit on the group's illegal platform through a collection account.
  void gambler_payment(std::uint32_t gambler, std::uint32_t collection, std::uint32_t group,
                       Timestamp time, double amount) {
    emit(time, gambler, collection, amount, amount, false, false, Channel::payment_platform,
         Stage::collection, group);
    running_points(collection, amount, time, group);
  }

  // The controller tops a collection account up (its float; never forwarded).
  void deposit(std::uint32_t collection, std::uint32_t group, Timestamp time, double amount) {
    emit(time, population_.groups[group].controller, collection, amount, amount, false, false,
         Channel::bank_transfer, Stage::deposit, group);
  }

  // Each collection account forwards what it collected for a group in batches once they reach a
  // target of 15,000-60,000 CNY (the rest at the end, an hour after its last credit), less its
  // commission on the batch, to the group's OTC desk: many small credits, few large debits.
  void flush_collections() {
    std::sort(inbox_.begin(), inbox_.end(), [](const Arrival& a, const Arrival& b) {
      return std::tie(a.collection, a.group, a.time, a.sequence) <
             std::tie(b.collection, b.group, b.time, b.sequence);
    });
    for (std::size_t i = 0; i < inbox_.size();) {
      const std::uint32_t rp = inbox_[i].collection, group = inbox_[i].group;
      const double commission = scenario_.accounts[rp].commission;
      double pending = 0, target = random_.uniform(15000, 60000);
      Timestamp last = 0;
      for (; i < inbox_.size() && inbox_[i].collection == rp && inbox_[i].group == group; ++i) {
        pending += inbox_[i].amount;
        last = inbox_[i].time;
        if (pending >= target) {
          forward_batch(rp, group, cents(pending * (1 - commission)), after(last, 600));
          pending = 0;
          target = random_.uniform(15000, 60000);
        }
      }
      if (pending > 0) forward_batch(rp, group, cents(pending * (1 - commission)), last + 3600);
    }
    inbox_.clear();
  }

 private:
  struct Arrival {
    std::uint32_t collection, group;
    Timestamp time;
    double amount;
    std::uint64_t sequence;
  };

  void forward_batch(std::uint32_t rp, std::uint32_t group, double forwarded, Timestamp send) {
    if (forwarded < 0.01) return;
    const std::uint32_t otc = pick(population_.groups[group].otc);
    emit(send, rp, otc, forwarded, forwarded, false, false, Channel::payment_platform,
         Stage::running_points, group);
    otc_conversion(otc, forwarded, send, group);
  }

  std::uint32_t pick(const std::vector<std::uint32_t>& pool) {
    return pool[random_.below(pool.size())];
  }
  Timestamp after(Timestamp time, double mean) {
    return time + 60 + static_cast<Timestamp>(random_.exponential(mean));
  }

  void emit(Timestamp time, std::uint32_t from, std::uint32_t to, double paid, double received,
            bool paid_usdt, bool received_usdt, Channel channel, Stage stage, std::uint32_t group) {
    Transaction t;
    t.time = time;
    t.from = from;
    t.to = to;
    t.amount = paid;
    t.received = received;
    t.paid_usdt = paid_usdt;
    t.received_usdt = received_usdt;
    t.channel = channel;
    t.stage = stage;
    t.group = group;
    t.sequence = out_.size();
    out_.push_back(t);
  }

  // A mule card of tier `tier` (0-based) received `amount` at `time`.
  void forward_card(std::uint32_t card, double amount, Timestamp time, std::uint32_t tier,
                    std::uint32_t group) {
    const GroupAccounts& g = population_.groups[group];
    Timestamp send = after(time, kMedianDwellSeconds / std::log(2.0));
    const double residue = cents(amount * random_.uniform(0, 0.01));
    double remaining = amount - residue;
    if (tier + 1 < g.tiers.size()) {
      const std::size_t parts = tier == 0 ? 2 + random_.below(3) : 1 + random_.below(3);
      split_and_send(card, remaining, send, parts, [&](std::uint32_t, double part, Timestamp t) {
        const std::uint32_t next = pick(g.tiers[tier + 1]);
        emit(t, card, next, part, part, false, false, Channel::bank_transfer, Stage::mule_forward,
             group);
        forward_card(next, part, t, tier + 1, group);
      });
      return;
    }
    const double route = random_.uniform();
    if (route < 0.6) {
      const std::uint32_t rp = pick(g.running_points);
      emit(send, card, rp, remaining, remaining, false, false, Channel::payment_platform,
           Stage::mule_forward, group);
      running_points(rp, remaining, send, group);
    } else if (route < 0.9) {
      const std::uint32_t otc = pick(g.otc);
      emit(send, card, otc, remaining, remaining, false, false, Channel::bank_transfer,
           Stage::mule_forward, group);
      otc_conversion(otc, remaining, send, group);
    } else {
      // ATM withdrawals in round hundreds, at most 20,000 each.
      double cash = std::floor(remaining / 100) * 100;
      const std::uint32_t atm = pick(population_.atms);
      while (cash >= 100) {
        const double take = std::min(cash, 20000.0);
        emit(send, card, atm, take, take, false, false, Channel::cash_withdrawal, Stage::cash_out,
             group);
        cash -= take;
        send = after(send, 300);
      }
    }
  }

  // Splits `amount` into `parts` random shares sent a few minutes apart.
  template <typename Send>
  void split_and_send(std::uint32_t from, double amount, Timestamp time, std::size_t parts,
                      Send&& send) {
    std::vector<double> weights(parts);
    double total = 0;
    for (double& w : weights) total += (w = 0.3 + random_.uniform());
    double left = amount;
    for (std::size_t i = 0; i < parts; ++i) {
      const double part = i + 1 == parts ? cents(left) : cents(amount * weights[i] / total);
      left -= part;
      if (part >= 0.01) send(from, part, time);
      time = after(time, 120);
    }
  }

  // Collected now, forwarded in batches by flush_collections.
  void running_points(std::uint32_t rp, double amount, Timestamp time, std::uint32_t group) {
    inbox_.push_back({rp, group, time, amount, inbox_.size()});
  }

  void otc_conversion(std::uint32_t otc, double cny, Timestamp time, std::uint32_t group) {
    const Timestamp send = after(time, 1800);
    const std::size_t day = std::min<std::size_t>(
        scenario_.usdt_rate.size() - 1,
        static_cast<std::size_t>(std::max<Timestamp>(0, send - scenario_.options.start_time) /
                                 86400));
    const double usdt = micros(cny / scenario_.usdt_rate[day] * (1 - kOtcSpread));
    const std::uint32_t address = pick(population_.groups[group].crypto_hops);
    emit(send, otc, address, cny, usdt, false, true, Channel::exchange_trade, Stage::otc_conversion,
         group);
    crypto_hops(address, usdt, send, 2 + random_.below(4), group);
  }

  void crypto_hops(std::uint32_t address, double usdt, Timestamp time, std::uint64_t hops_left,
                   std::uint32_t group) {
    const GroupAccounts& g = population_.groups[group];
    const Timestamp send = after(time, 600);
    if (usdt <= 2 * kCryptoFee) return;  // dust stays where it is
    if (hops_left == 0) {
      const std::uint32_t exit = pick(g.cash_out);
      emit(send, address, exit, usdt, micros(usdt - kCryptoFee), true, true,
           Channel::crypto_transfer, Stage::cash_out, group);
      return;
    }
    double onward = usdt;
    if (hops_left == 1 && usdt > 100) {
      const double cut = micros(usdt * kOrganiserCut);
      emit(send, address, pick(g.organisers), cut, micros(cut - kCryptoFee), true, true,
           Channel::crypto_transfer, Stage::organiser_cut, group);
      onward = micros(usdt - cut);
    }
    std::size_t i = random_.below(g.crypto_hops.size());
    if (g.crypto_hops[i] == address) i = (i + 1) % g.crypto_hops.size();  // never to itself
    const std::uint32_t next = g.crypto_hops[i];
    const double received = micros(onward - kCryptoFee);
    emit(send + 1, address, next, onward, received, true, true, Channel::crypto_transfer,
         Stage::crypto_hop, group);
    crypto_hops(next, received, send + 1, hops_left - 1, group);
  }

  const Scenario& scenario_;
  const Population& population_;
  Random& random_;
  std::vector<Transaction>& out_;
  std::vector<Arrival> inbox_;
};

}  // namespace

void generate_laundering(const Scenario& scenario, const Population& population, Random& random,
                         std::vector<Transaction>& out) {
  ChainSimulator simulator(scenario, population, random, out);
  const ScenarioOptions& o = scenario.options;
  const double active_span = o.days * 86400.0 * 0.85;  // leave time for the chains to finish
  auto some_time = [&] {
    return o.start_time + static_cast<Timestamp>(random.uniform(0, active_span));
  };
  for (std::uint32_t g = 0; g < population.groups.size(); ++g) {
    const GroupAccounts& group = population.groups[g];
    for (std::uint32_t victim : group.victims) {
      Timestamp time = some_time();
      if (random.chance(o.qr_code_victims)) {
        // A QR code: 2-5 payments of 500-10,000 into one collection account.
        const std::uint32_t collection =
            group.running_points[random.below(group.running_points.size())];
        const std::uint64_t payments = 2 + random.below(4);
        for (std::uint64_t p = 0; p < payments; ++p) {
          double amount = random.log_uniform(500, 10000);
          amount = random.chance(0.5) ? std::round(amount / 100) * 100 : cents(amount);
          simulator.qr_code_payment(victim, collection, g, time, amount);
          time += 600 + static_cast<Timestamp>(random.exponential(7200));
        }
        continue;
      }
      const std::uint64_t payments = 1 + random.below(3);
      for (std::uint64_t p = 0; p < payments; ++p) {
        // Victims pay in round-ish sums, often in several instalments as the scam goes on.
        double amount = random.log_uniform(2000, 200000);
        amount = random.chance(0.5) ? std::round(amount / 1000) * 1000 : cents(amount);
        simulator.victim_payment(victim, g, time, amount);
        time += 3600 + static_cast<Timestamp>(random.exponential(86400));
      }
    }
    for (std::uint32_t gambler : group.gamblers) {
      // 1-6 top-ups of 50-3,000, mostly round tens.
      const std::uint64_t payments = 1 + random.below(6);
      for (std::uint64_t p = 0; p < payments; ++p) {
        const std::uint32_t collection =
            group.running_points[random.below(group.running_points.size())];
        double amount = random.log_uniform(50, 3000);
        amount = random.chance(0.6) ? std::max(10.0, std::round(amount / 10) * 10) : cents(amount);
        simulator.gambler_payment(gambler, collection, g, some_time(), amount);
      }
    }
    for (std::uint32_t collection : group.running_points) {
      if (scenario.accounts[collection].group != g) continue;  // the owning group tops it up
      const std::uint64_t deposits = 1 + random.below(3);
      for (std::uint64_t d = 0; d < deposits; ++d)
        simulator.deposit(collection, g, some_time(), 1000.0 * (5 + random.below(16)));
    }
  }
  simulator.flush_collections();
}

}  // namespace moneytrail::scenario
