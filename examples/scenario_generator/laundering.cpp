#include "examples/scenario_generator/laundering.h"

#include <algorithm>
#include <map>
#include <queue>

#include "examples/scenario_generator/random.h"

namespace moneytrail::scenario {
namespace {

constexpr std::int64_t kYuan = kMicrosPerUnit;
constexpr std::int64_t kCent = kMicrosPerUnit / 100;
constexpr std::int64_t kNetworkFee = kMicrosPerUnit;  // 1 USDT per TRON transfer
constexpr std::int64_t kAtmLimit = 20'000 * kYuan;    // per withdrawal
constexpr double kMaxDwellSeconds = 12 * 3600;

enum class NodeKind : std::uint8_t { mule, running_points, otc, crypto };

// One account acting for one group. A running-points account shared by two groups is two
// nodes, so each group's money keeps going to that group's OTC merchants.
struct Node {
  std::uint32_t account = 0;
  std::uint16_t group = 0;
  NodeKind kind = NodeKind::mule;
  std::uint8_t level = 0;     // mule tier or crypto layer, 0-based
  std::int64_t balance = 0;   // micro CNY, or micro USDT for crypto nodes
  std::int64_t sweep_at = -1;  // pending sweep time, -1 if none
  std::int64_t inflow = 0;
};

struct GroupNodes {
  std::vector<std::vector<std::uint32_t>> tiers;
  std::vector<std::uint32_t> running_points;
  std::vector<std::uint32_t> otc;
  std::vector<std::vector<std::uint32_t>> crypto_layers;
};

struct VictimPayment {
  std::uint32_t victim;
  std::uint32_t node;  // tier-1 card
  std::int64_t amount;
};

struct Event {
  std::int64_t time;
  std::uint64_t sequence;  // unique: makes the processing order fully determined
  bool is_payment;
  std::uint32_t target;  // payment index or node index

  bool operator>(const Event& other) const {
    return time != other.time ? time > other.time : sequence > other.sequence;
  }
};

// Splits `total` into up to `max_parts` random parts of at least about `min_part`, each but
// the last rounded down to `unit`; the parts add up to `total` exactly.
std::vector<std::int64_t> split(Rng& rng, std::int64_t total, std::int64_t max_parts,
                                std::int64_t min_part, std::int64_t unit) {
  const std::int64_t parts = std::max<std::int64_t>(1, std::min(max_parts, total / min_part));
  std::vector<double> weights(static_cast<std::size_t>(parts));
  double sum = 0;
  for (double& w : weights) sum += (w = 0.5 + rng.uniform());
  std::vector<std::int64_t> amounts;
  std::int64_t left = total;
  for (std::int64_t i = 0; i + 1 < parts; ++i) {
    const auto share = static_cast<std::int64_t>(static_cast<double>(total) *
                                                 weights[static_cast<std::size_t>(i)] / sum);
    const std::int64_t amount = share / unit * unit;
    amounts.push_back(amount);
    left -= amount;
  }
  amounts.push_back(left);
  return amounts;
}

class Simulation {
 public:
  Simulation(const ScenarioOptions& options, const UsdtRates& rates, Population& population,
             std::vector<Transaction>& out)
      : options_(options),
        rates_(rates),
        population_(population),
        out_(out),
        rng_(options.seed, 0x1A0D),
        deadline_(options.start_time + static_cast<std::int64_t>(options.days) * kSecondsPerDay -
                  1),
        max_remaining_steps_(static_cast<std::int64_t>(options.mule_tiers) + 10) {}

  void run() {
    build_nodes();
    schedule_victim_payments();
    while (!queue_.empty()) {
      const Event event = queue_.top();
      queue_.pop();
      if (event.is_payment) {
        pay(event.time, payments_[event.target]);
      } else if (nodes_[event.target].sweep_at == event.time) {
        sweep(event.time, event.target);
      }  // else: superseded by a later sweep time
    }
    name_main_users_of_shared_running_points();
  }

 private:
  std::uint32_t add_node(std::uint32_t account, std::uint16_t group, NodeKind kind,
                         std::uint8_t level) {
    Node node;
    node.account = account;
    node.group = group;
    node.kind = kind;
    node.level = level;
    nodes_.push_back(node);
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  }

  void build_nodes() {
    for (std::uint16_t g = 0; g < population_.groups.size(); ++g) {
      const FraudGroup& group = population_.groups[g];
      GroupNodes& nodes = group_nodes_.emplace_back();
      for (std::uint8_t tier = 0; tier < group.mule_tiers.size(); ++tier) {
        nodes.tiers.emplace_back();
        for (std::uint32_t card : group.mule_tiers[tier]) {
          nodes.tiers.back().push_back(add_node(card, g, NodeKind::mule, tier));
        }
      }
      for (std::uint32_t rp : group.running_points) {
        nodes.running_points.push_back(add_node(rp, g, NodeKind::running_points, 0));
      }
      for (std::uint32_t otc : group.otc) nodes.otc.push_back(add_node(otc, g, NodeKind::otc, 0));
      for (std::uint8_t layer = 0; layer < group.crypto_layers.size(); ++layer) {
        nodes.crypto_layers.emplace_back();
        for (std::uint32_t address : group.crypto_layers[layer]) {
          nodes.crypto_layers.back().push_back(add_node(address, g, NodeKind::crypto, layer));
        }
      }
    }
  }

  // Victims pay 1-3 times, mostly in waking hours, in heavy-tailed and often round amounts;
  // the period's last days are kept free so every chain can finish inside it.
  void schedule_victim_payments() {
    const std::int64_t period = static_cast<std::int64_t>(options_.days) * kSecondsPerDay;
    const std::int64_t span = period - std::min<std::int64_t>(2 * kSecondsPerDay, period / 2);
    const std::int64_t span_end = options_.start_time + span;
    const DailyRhythm rhythm(options_.start_time, options_.days);
    const BoundedPareto amount_yuan(2'000, 200'000, 1.1);
    for (std::uint16_t g = 0; g < population_.groups.size(); ++g) {
      for (std::uint32_t victim : population_.groups[g].victims) {
        const auto day = rng_.below(static_cast<std::uint64_t>(std::max<std::int64_t>(
            1, span / kSecondsPerDay)));
        std::int64_t time = rhythm.on_day(rng_, day);
        if (time >= span_end) time = options_.start_time + (time - options_.start_time) % span;
        const double u = rng_.uniform();
        const int count = u < 0.5 ? 1 : (u < 0.8 ? 2 : 3);
        for (int i = 0; i < count && time < span_end; ++i) {
          const auto yuan = static_cast<std::int64_t>(amount_yuan(rng_));
          const double style = rng_.uniform();
          const std::int64_t rounded =
              style < 0.55 ? yuan / 1000 * 1000 : (style < 0.85 ? yuan / 100 * 100 : yuan);
          const auto& tier1 = group_nodes_[g].tiers[0];
          payments_.push_back({victim, tier1[rng_.below(tier1.size())], rounded * kYuan});
          queue_.push({time, sequence_++, true, static_cast<std::uint32_t>(payments_.size() - 1)});
          time += 600 + static_cast<std::int64_t>(rng_.exponential_median(3 * 3600));
        }
      }
    }
  }

  void pay(std::int64_t time, const VictimPayment& payment) {
    const Node& card = nodes_[payment.node];
    emit(time, payment.victim, card.account, payment.amount, Currency::CNY, payment.amount,
         Currency::CNY, Channel::bank_transfer, Stage::victim_payment, card.group);
    credit(time, payment.node, payment.amount);
  }

  void emit(std::int64_t time, std::uint32_t from, std::uint32_t to, std::int64_t amount,
            Currency currency, std::int64_t received, Currency received_currency,
            Channel channel, Stage stage, std::uint16_t group) {
    Transaction t;
    t.timestamp = time;
    t.from = from;
    t.to = to;
    t.amount = amount;
    t.currency = currency;
    t.received_amount = received;
    t.received_currency = received_currency;
    t.channel = channel;
    t.stage = stage;
    t.group = group;
    out_.push_back(t);
  }

  // A credit is swept after a dwell (exponential, by kind), shortened near the end of the
  // period so that the remaining steps still fit; never in the same second it arrived.
  void credit(std::int64_t time, std::uint32_t node_index, std::int64_t amount) {
    Node& node = nodes_[node_index];
    node.balance += amount;
    node.inflow += amount;
    if (node.sweep_at > time) return;  // the pending sweep will take it along
    double median = 20 * 60;
    if (node.kind == NodeKind::running_points) median = 30 * 60;
    if (node.kind == NodeKind::otc) median = 60 * 60;
    if (node.kind == NodeKind::crypto) median = 15 * 60;
    const double dwell = std::min(rng_.exponential_median(median), kMaxDwellSeconds);
    const std::int64_t room = (deadline_ - time) / max_remaining_steps_;
    const std::int64_t delay =
        std::max<std::int64_t>(1, std::min(static_cast<std::int64_t>(dwell), room));
    node.sweep_at = time + delay;
    queue_.push({node.sweep_at, sequence_++, false, node_index});
  }

  std::uint32_t pick(const std::vector<std::uint32_t>& nodes) {
    return nodes[rng_.below(nodes.size())];
  }

  void sweep(std::int64_t time, std::uint32_t node_index) {
    Node& node = nodes_[node_index];
    node.sweep_at = -1;
    const std::int64_t balance = node.balance;
    node.balance = 0;
    switch (node.kind) {
      case NodeKind::mule: node.balance = sweep_mule(time, node, balance); break;
      case NodeKind::running_points: sweep_running_points(time, node, balance); break;
      case NodeKind::otc: sweep_otc(time, node, balance); break;
      case NodeKind::crypto: node.balance = sweep_crypto(time, node, balance); break;
    }
  }

  // Returns what stays on the card: sometimes the odd yuan below a hundred.
  std::int64_t sweep_mule(std::int64_t time, const Node& node, std::int64_t balance) {
    std::int64_t kept = rng_.chance(0.3) ? balance % (100 * kYuan) : 0;
    if (balance - kept <= 0) kept = 0;
    const GroupNodes& group = group_nodes_[node.group];
    const bool last_tier = node.level + 1u == group.tiers.size();
    const auto parts = split(rng_, balance - kept, rng_.between(2, last_tier ? 3 : 4),
                             1000 * kYuan, 100 * kYuan);
    for (std::int64_t part : parts) {
      if (!last_tier) {
        transfer(time, node, pick(group.tiers[node.level + 1u]), part, Channel::bank_transfer,
                 Stage::mule_forward);
        continue;
      }
      // Half goes through running points, a quarter straight to an OTC merchant, the rest
      // leaves as cash (only worth it from 1,000 yuan) or abroad.
      const double route = rng_.uniform();
      if (route < 0.5) {
        transfer(time, node, pick(group.running_points), part, Channel::payment_platform,
                 Stage::mule_forward);
      } else if (route >= 0.9) {
        const auto& offshore = population_.groups[node.group].offshore;
        emit(time, node.account, offshore[rng_.below(offshore.size())], part, Currency::CNY,
             part, Currency::CNY, Channel::bank_transfer, Stage::cash_out, node.group);
      } else if (route >= 0.75 && part >= 1000 * kYuan) {
        kept += withdraw_at_atm(time, node, part);
      } else {
        transfer(time, node, pick(group.otc), part, Channel::bank_transfer, Stage::mule_forward);
      }
    }
    return kept;
  }

  // Cash comes out in hundreds, at most kAtmLimit a time, a minute or two apart; returns the
  // part that cannot be withdrawn.
  std::int64_t withdraw_at_atm(std::int64_t time, const Node& node, std::int64_t amount) {
    const auto& atms = population_.pools.atms;
    const std::uint32_t atm = atms[rng_.below(atms.size())];
    std::int64_t left = amount / (100 * kYuan) * (100 * kYuan);
    const std::int64_t rest = amount - left;
    std::int64_t when = time;
    while (left > 0) {
      const std::int64_t cash = std::min(left, kAtmLimit);
      emit(when, node.account, atm, cash, Currency::CNY, cash, Currency::CNY,
           Channel::cash_withdrawal, Stage::cash_out, node.group);
      left -= cash;
      when = std::min(deadline_, when + rng_.between(40, 150));
    }
    return rest;
  }

  void transfer(std::int64_t time, const Node& from, std::uint32_t to_node, std::int64_t amount,
                Channel channel, Stage stage) {
    emit(time, from.account, nodes_[to_node].account, amount, Currency::CNY, amount,
         Currency::CNY, channel, stage, from.group);
    credit(time, to_node, amount);
  }

  // Forwards the credits minus the account's fixed commission, rounded to the cent.
  void sweep_running_points(std::int64_t time, const Node& node, std::int64_t balance) {
    const std::int64_t keep_permille = 1000 - population_.accounts[node.account].commission_permille;
    const std::int64_t out_cents = (balance / kCent * keep_permille + 500) / 1000;
    const std::int64_t max_parts = rng_.chance(0.3) ? 2 : 1;
    for (std::int64_t part : split(rng_, out_cents * kCent, max_parts, 1000 * kYuan, kCent)) {
      transfer(time, node, pick(group_nodes_[node.group].otc), part, Channel::payment_platform,
               Stage::running_points);
    }
  }

  // Sells the CNY for USDT at the day's rate minus the merchant's 0.5-1 % spread.
  void sweep_otc(std::int64_t time, const Node& node, std::int64_t balance) {
    const std::int64_t spread_e4 = 50 + static_cast<std::int64_t>(
                                            hash_pair(options_.seed, node.account) % 51);
    const std::int64_t rate_e4 = rates_.at(time);
    const std::int64_t max_parts = rng_.chance(0.25) ? 2 : 1;
    for (std::int64_t part : split(rng_, balance, max_parts, 2000 * kYuan, 100 * kYuan)) {
      const auto usdt = static_cast<std::int64_t>(static_cast<__int128>(part) *
                                                  (10'000 - spread_e4) / rate_e4);
      const std::uint32_t target = pick(group_nodes_[node.group].crypto_layers[0]);
      emit(time, node.account, nodes_[target].account, part, Currency::CNY, usdt, Currency::USDT,
           Channel::exchange_trade, Stage::otc_conversion, node.group);
      credit(time, target, usdt);
    }
  }

  // USDT moves on to the next layer (the last layer pays the group's exchange accounts),
  // sometimes after a 3-8 % cut to an organiser; every transfer burns the network fee.
  std::int64_t sweep_crypto(std::int64_t time, const Node& node, std::int64_t balance) {
    if (balance <= 2 * kNetworkFee) return balance;  // not worth the fee; stays
    const FraudGroup& group = population_.groups[node.group];
    if (balance >= 200 * kMicrosPerUnit && rng_.chance(0.3)) {
      const std::int64_t cut = balance * rng_.between(3, 8) / 100 / kCent * kCent;
      emit(time, node.account, group.organisers[rng_.below(group.organisers.size())], cut,
           Currency::USDT, cut - kNetworkFee, Currency::USDT, Channel::crypto_transfer,
           Stage::organiser_cut, node.group);
      balance -= cut;
    }
    const auto& layers = group_nodes_[node.group].crypto_layers;
    const bool last_layer = node.level + 1u == layers.size();
    const std::int64_t max_parts = rng_.chance(0.3) ? 2 : 1;
    for (std::int64_t part : split(rng_, balance, max_parts, 50 * kMicrosPerUnit, kCent)) {
      if (last_layer) {
        emit(time, node.account,
             group.exchange_cash_out[rng_.below(group.exchange_cash_out.size())], part,
             Currency::USDT, part - kNetworkFee, Currency::USDT, Channel::crypto_transfer,
             Stage::cash_out, node.group);
      } else {
        const std::uint32_t target = pick(layers[node.level + 1u]);
        emit(time, node.account, nodes_[target].account, part, Currency::USDT,
             part - kNetworkFee, Currency::USDT, Channel::crypto_transfer, Stage::crypto_hop,
             node.group);
        credit(time, target, part - kNetworkFee);
      }
    }
    return 0;
  }

  void name_main_users_of_shared_running_points() {
    std::map<std::uint32_t, const Node*> busiest;  // account -> node with most inflow
    for (const Node& node : nodes_) {
      if (node.kind != NodeKind::running_points) continue;
      auto [it, inserted] = busiest.emplace(node.account, &node);
      if (!inserted && node.inflow > it->second->inflow) it->second = &node;
    }
    for (const auto& [account, node] : busiest) {
      population_.accounts[account].group = node->group;
    }
  }

  const ScenarioOptions& options_;
  const UsdtRates& rates_;
  Population& population_;
  std::vector<Transaction>& out_;
  Rng rng_;
  std::int64_t deadline_;
  std::int64_t max_remaining_steps_;
  std::vector<Node> nodes_;
  std::vector<GroupNodes> group_nodes_;
  std::vector<VictimPayment> payments_;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> queue_;
  std::uint64_t sequence_ = 0;
};

}  // namespace

void generate_laundering(const ScenarioOptions& options, const UsdtRates& rates,
                         Population& population, std::vector<Transaction>& out) {
  Simulation(options, rates, population, out).run();
}

}  // namespace moneytrail::scenario
