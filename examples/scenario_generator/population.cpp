#include "examples/scenario_generator/population.h"

#include <algorithm>
#include <array>

#include "examples/scenario_generator/calendar.h"
#include "examples/scenario_generator/identifiers.h"
#include "examples/scenario_generator/random.h"

namespace moneytrail::scenario {
namespace {

// How one group's infrastructure scales with its number of victims.
struct GroupLayout {
  std::uint32_t victims = 0;
  std::vector<std::uint32_t> tier_sizes;
  std::uint32_t running_points = 0;
  std::uint32_t otc = 0;
  std::uint32_t crypto_layers = 0;
  std::uint32_t crypto_layer_width = 0;
  std::uint32_t organisers = 0;
  std::uint32_t exchange_cash_out = 0;
  std::uint32_t offshore = 0;

  std::uint64_t total() const {
    std::uint64_t sum = running_points + otc + crypto_layers * crypto_layer_width + organisers +
                        exchange_cash_out + offshore;
    for (std::uint32_t size : tier_sizes) sum += size;
    return sum;
  }
};

std::uint32_t group_count(const ScenarioOptions& options) {
  return options.victims == 0 ? 0 : options.groups;
}

GroupLayout layout_group(const ScenarioOptions& options, std::uint32_t group) {
  GroupLayout layout;
  const std::uint32_t groups = group_count(options);
  layout.victims = options.victims / groups + (group < options.victims % groups ? 1 : 0);
  const std::uint32_t v = layout.victims;
  // Victims are spread over many tier-1 cards; later tiers are smaller so that flows merge.
  std::uint32_t size = std::max(3u, (v + 2) / 3);
  for (std::uint32_t tier = 0; tier < options.mule_tiers; ++tier) {
    layout.tier_sizes.push_back(size);
    size = std::max(3u, size * 4 / 5);
  }
  const std::uint64_t key = hash_pair(options.seed, 0x6A0000 + group);
  layout.running_points = std::max(2u, (v + 19) / 20);
  layout.otc = 2 + v / 60;
  layout.crypto_layers = 2 + static_cast<std::uint32_t>(key % 4);  // 2..5 hops
  layout.crypto_layer_width = 2 + v / 40;
  layout.organisers = 1 + static_cast<std::uint32_t>((key >> 8) % 2);
  layout.exchange_cash_out = 2 + v / 50;
  layout.offshore = 1 + v / 100;
  return layout;
}

std::uint64_t infrastructure_accounts(const ScenarioOptions& options) {
  std::uint64_t sum = 0;
  for (std::uint32_t g = 0; g < group_count(options); ++g) sum += layout_group(options, g).total();
  return sum;
}

// Ordinary accounts needed besides the victims' cards: two more cards (so P2P has a sender and
// a receiver) and one account in each of the six other background pools.
constexpr std::uint64_t kMinimumOtherNormal = 8;

// Shares of the ordinary population other than people's bank cards (which take the rest).
struct PoolShare {
  std::vector<std::uint32_t> BackgroundPools::*pool;
  AccountKind kind;
  double share;
};
constexpr std::array<PoolShare, 6> kOtherPools = {{
    {&BackgroundPools::person_wallets, AccountKind::payment_account, 0.22},
    {&BackgroundPools::merchants, AccountKind::merchant, 0.08},
    {&BackgroundPools::company_accounts, AccountKind::bank_account, 0.06},
    {&BackgroundPools::platforms, AccountKind::platform, 0.002},
    {&BackgroundPools::exchange_users, AccountKind::exchange_account, 0.07},
    {&BackgroundPools::crypto_users, AccountKind::crypto_address, 0.058},
}};

Institution pick_bank(Rng& rng) {
  // Rough market shares of debit cards among the big state and joint-stock banks.
  static constexpr std::uint32_t kCumulative[8] = {20, 38, 55, 68, 78, 86, 94, 100};
  const auto draw = static_cast<std::uint32_t>(rng.below(100));
  std::uint32_t bank = 0;
  while (draw >= kCumulative[bank]) ++bank;
  return static_cast<Institution>(bank);
}

Institution pick_wallet(Rng& rng) {
  return rng.chance(0.55) ? Institution::Alipay : Institution::WeChatPay;
}

Institution pick_exchange(Rng& rng) {
  const double u = rng.uniform();
  return u < 0.5 ? Institution::ExA : (u < 0.8 ? Institution::ExB : Institution::ExC);
}

// Accumulates accounts in creation order; indices are shuffled once everything exists.
class Builder {
 public:
  Builder(const ScenarioOptions& options, Rng& rng)
      : rng_(rng), start_day_(utc_day(options.start_time)) {}

  std::uint32_t add(AccountKind kind, Institution institution, Role role, std::uint16_t group,
                    std::int32_t min_age_days, std::int32_t max_age_days) {
    Account account;
    account.kind = kind;
    account.institution = institution;
    account.role = role;
    account.group = group;
    account.opened_day =
        static_cast<std::int32_t>(start_day_ - rng_.between(min_age_days, max_age_days));
    accounts_.push_back(std::move(account));
    return static_cast<std::uint32_t>(accounts_.size() - 1);
  }

  // Ordinary users: own holder, phone and (usually) a known device.
  std::uint32_t add_person(AccountKind kind, Institution institution) {
    const std::uint32_t index = add(kind, institution, Role::normal, kNoGroup, 30, 3650);
    accounts_[index].holder = next_holder_++;
    accounts_[index].device = rng_.chance(0.2) ? kNoDevice : 0;
    return index;
  }

  std::uint32_t new_holder() { return next_holder_++; }
  std::vector<Account>& accounts() { return accounts_; }
  Rng& rng() { return rng_; }

 private:
  Rng& rng_;
  std::int64_t start_day_;
  std::vector<Account> accounts_;
  std::uint32_t next_holder_ = 0;
};

void add_group(Builder& b, const ScenarioOptions& options, std::uint16_t g, FraudGroup& group) {
  const GroupLayout layout = layout_group(options, g);
  Rng& rng = b.rng();
  // Mule cards are freshly opened and come in bundles of 2-5 per holder (one phone, one
  // device): the pattern the "two cards" clustering looks for.
  std::vector<std::uint32_t> mule_holders;
  std::uint32_t holder = 0;
  std::uint32_t left_for_holder = 0;
  for (std::uint32_t tier = 0; tier < layout.tier_sizes.size(); ++tier) {
    group.mule_tiers.emplace_back();
    for (std::uint32_t i = 0; i < layout.tier_sizes[tier]; ++i) {
      if (left_for_holder == 0) {
        holder = b.new_holder();
        mule_holders.push_back(holder);
        left_for_holder = static_cast<std::uint32_t>(rng.between(2, 5));
      }
      --left_for_holder;
      const std::uint32_t card = b.add(AccountKind::bank_card, pick_bank(rng), Role::mule, g, 3, 120);
      b.accounts()[card].tier = static_cast<std::uint8_t>(tier + 1);
      b.accounts()[card].holder = holder;
      b.accounts()[card].device = 0;
      group.mule_tiers.back().push_back(card);
    }
  }
  for (std::uint32_t i = 0; i < layout.running_points; ++i) {
    const std::uint32_t rp = b.add(AccountKind::payment_account, pick_wallet(rng),
                                   Role::running_points, g, 10, 400);
    b.accounts()[rp].holder = b.new_holder();
    b.accounts()[rp].device = 0;
    b.accounts()[rp].commission_permille = static_cast<std::uint16_t>(rng.between(10, 30));
    group.running_points.push_back(rp);
  }
  for (std::uint32_t i = 0; i < layout.otc; ++i) {
    const std::uint32_t otc = b.add(AccountKind::merchant, pick_bank(rng), Role::otc, g, 90, 1500);
    b.accounts()[otc].holder = b.new_holder();
    b.accounts()[otc].device = 0;
    group.otc.push_back(otc);
  }
  for (std::uint32_t layer = 0; layer < layout.crypto_layers; ++layer) {
    group.crypto_layers.emplace_back();
    for (std::uint32_t i = 0; i < layout.crypto_layer_width; ++i) {
      group.crypto_layers.back().push_back(
          b.add(AccountKind::crypto_address, Institution::TRON, Role::crypto_hop, g, 0, 60));
    }
  }
  for (std::uint32_t i = 0; i < layout.organisers; ++i) {
    group.organisers.push_back(
        b.add(AccountKind::crypto_address, Institution::TRON, Role::organiser, g, 30, 400));
  }
  // Exchange accounts are opened with the identities of the group's card holders.
  for (std::uint32_t i = 0; i < layout.exchange_cash_out; ++i) {
    const std::uint32_t account = b.add(AccountKind::exchange_account, pick_exchange(rng),
                                        Role::cash_out, g, 5, 90);
    b.accounts()[account].holder = mule_holders[rng.below(mule_holders.size())];
    b.accounts()[account].device = 0;
    group.exchange_cash_out.push_back(account);
  }
  for (std::uint32_t i = 0; i < layout.offshore; ++i) {
    const Institution bank = rng.chance(0.6) ? Institution::HKBank : Institution::Offshore;
    const std::uint32_t account =
        b.add(AccountKind::bank_account, bank, Role::cash_out, g, 30, 400);
    b.accounts()[account].holder = b.new_holder();
    group.offshore.push_back(account);
  }
}

// Lends a share of the running-points accounts to a second group.
void share_running_points(const ScenarioOptions& options, Rng& rng,
                          std::vector<FraudGroup>& groups) {
  if (groups.size() < 2) return;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> owned;  // (group, account)
  for (std::uint32_t g = 0; g < groups.size(); ++g) {
    for (std::uint32_t rp : groups[g].running_points) owned.emplace_back(g, rp);
  }
  const auto shared = static_cast<std::size_t>(
      options.shared_running_points * static_cast<double>(owned.size()) + 0.5);
  for (std::size_t i = 0; i < shared; ++i) {
    std::swap(owned[i], owned[i + rng.below(owned.size() - i)]);
    const auto [owner, account] = owned[i];
    const auto borrower =
        (owner + 1 + static_cast<std::uint32_t>(rng.below(groups.size() - 1))) % groups.size();
    groups[borrower].running_points.push_back(account);
  }
}

std::int64_t cny(double yuan) { return static_cast<std::int64_t>(yuan) * kMicrosPerUnit; }

void add_background(Builder& b, const ScenarioOptions& options, std::uint64_t normal,
                    BackgroundPools& pools) {
  Rng& rng = b.rng();
  const BoundedPareto personal_savings(8'000, 3'000'000, 1.1);
  const BoundedPareto business_funds(50'000, 20'000'000, 1.0);
  const std::uint64_t budget = normal - options.victims - kMinimumOtherNormal;
  double share_sum = 0;
  for (const PoolShare& pool : kOtherPools) share_sum += pool.share;
  std::uint64_t others = 0;
  for (const PoolShare& pool : kOtherPools) {
    const auto by_size = static_cast<std::uint64_t>(static_cast<double>(normal) * pool.share);
    const auto by_budget =
        static_cast<std::uint64_t>(static_cast<double>(budget) * pool.share / share_sum);
    const std::uint64_t count = 1 + std::min(by_size, by_budget);
    for (std::uint64_t i = 0; i < count; ++i) {
      std::uint32_t index = 0;
      switch (pool.kind) {
        case AccountKind::payment_account:
          index = b.add_person(pool.kind, pick_wallet(rng));
          b.accounts()[index].opening_balance = cny(personal_savings(rng) / 4);
          break;
        case AccountKind::merchant:
        case AccountKind::bank_account:
          index = b.add_person(pool.kind, pick_bank(rng));
          b.accounts()[index].opening_balance = cny(business_funds(rng));
          break;
        case AccountKind::platform:
          index = b.add_person(pool.kind, Institution::UnionPay);
          b.accounts()[index].opening_balance = cny(business_funds(rng));
          break;
        case AccountKind::exchange_account:
          index = b.add_person(pool.kind, pick_exchange(rng));
          break;
        default:  // crypto addresses of exchange users: no holder on chain
          index = b.add(pool.kind, Institution::TRON, Role::normal, kNoGroup, 10, 1500);
          break;
      }
      (pools.*pool.pool).push_back(index);
    }
    others += count;
  }
  for (std::uint64_t i = others; i < normal; ++i) {
    const std::uint32_t index = b.add_person(AccountKind::bank_card, pick_bank(rng));
    b.accounts()[index].opening_balance = cny(personal_savings(rng));
    pools.person_cards.push_back(index);
  }
  for (std::uint32_t i = 0; i < kCashEndpoints; ++i) {
    pools.atms.push_back(b.add(AccountKind::cash, Institution::ATM, Role::normal, kNoGroup,
                               1000, 5000));
  }
}

// Moves every account to a random position so that file order reveals nothing, and renames
// holders in the new order for the same reason.
void shuffle_accounts(Population& population, Rng& rng) {
  std::vector<Account>& accounts = population.accounts;
  std::vector<std::uint32_t> old_of_new(accounts.size());
  for (std::uint32_t i = 0; i < old_of_new.size(); ++i) old_of_new[i] = i;
  for (std::size_t i = old_of_new.size(); i > 1; --i) {
    std::swap(old_of_new[i - 1], old_of_new[rng.below(i)]);
  }
  std::vector<std::uint32_t> new_of_old(accounts.size());
  std::vector<Account> shuffled(accounts.size());
  for (std::uint32_t i = 0; i < old_of_new.size(); ++i) {
    new_of_old[old_of_new[i]] = i;
    shuffled[i] = std::move(accounts[old_of_new[i]]);
    shuffled[i].index = i;
  }
  accounts = std::move(shuffled);

  auto remap = [&](std::vector<std::uint32_t>& list) {
    for (std::uint32_t& index : list) index = new_of_old[index];
  };
  BackgroundPools& p = population.pools;
  for (auto* list : {&p.person_cards, &p.person_wallets, &p.merchants, &p.company_accounts,
                     &p.platforms, &p.exchange_users, &p.crypto_users, &p.atms}) {
    remap(*list);
    std::sort(list->begin(), list->end());  // random order, since indices are random
  }
  for (FraudGroup& group : population.groups) {
    remap(group.victims);
    for (auto& tier : group.mule_tiers) remap(tier);
    remap(group.running_points);
    remap(group.otc);
    for (auto& layer : group.crypto_layers) remap(layer);
    remap(group.organisers);
    remap(group.exchange_cash_out);
    remap(group.offshore);
  }

  std::vector<std::uint32_t> holder_names;
  std::uint32_t next_name = 0;
  for (Account& account : accounts) {
    if (account.holder == kNoHolder) continue;
    if (account.holder >= holder_names.size()) holder_names.resize(account.holder + 1, kNoHolder);
    std::uint32_t& name = holder_names[account.holder];
    if (name == kNoHolder) name = next_name++;
    account.holder = name;
  }
}

void assign_identities(const ScenarioOptions& options, std::vector<Account>& accounts) {
  const AccountIdMaker ids(options.seed);
  std::array<std::uint64_t, 9> serial_of_kind{};
  std::array<std::uint64_t, 3> serial_of_exchange{};
  for (Account& account : accounts) {
    std::uint64_t serial = serial_of_kind[static_cast<std::size_t>(account.kind)]++;
    if (account.kind == AccountKind::exchange_account) {
      serial = ++serial_of_exchange[static_cast<std::size_t>(account.institution) -
                                    static_cast<std::size_t>(Institution::ExA)];
    }
    account.id = ids.make(account.kind, account.institution, serial);
    if (account.holder != kNoHolder) {
      account.phone = holder_phone(options.seed, account.holder);
      if (account.device != kNoDevice) account.device = holder_device(options.seed, account.holder);
    }
  }
}

}  // namespace

std::uint64_t required_accounts(const ScenarioOptions& options) {
  return infrastructure_accounts(options) + kCashEndpoints + options.victims + kMinimumOtherNormal;
}

Population build_population(const ScenarioOptions& options) {
  Rng rng(options.seed, 0x9090);
  Builder builder(options, rng);
  Population population;
  const std::uint32_t groups = group_count(options);
  population.groups.resize(groups);
  for (std::uint32_t g = 0; g < groups; ++g) {
    add_group(builder, options, static_cast<std::uint16_t>(g), population.groups[g]);
  }
  share_running_points(options, rng, population.groups);
  const std::uint64_t normal = options.accounts - infrastructure_accounts(options) - kCashEndpoints;
  add_background(builder, options, normal, population.pools);
  population.accounts = std::move(builder.accounts());
  shuffle_accounts(population, rng);

  // Victims are ordinary card holders (the sorted pool is in random order), dealt round-robin.
  for (std::uint32_t v = 0; v < options.victims; ++v) {
    const std::uint32_t card = population.pools.person_cards[v];
    Account& victim = population.accounts[card];
    victim.role = Role::victim;
    victim.group = static_cast<std::uint16_t>(v % groups);
    population.groups[v % groups].victims.push_back(card);
  }
  assign_identities(options, population.accounts);
  return population;
}

}  // namespace moneytrail::scenario
