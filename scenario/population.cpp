#include "scenario/population.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "graph/option_error.h"

namespace moneytrail::scenario {
namespace {

constexpr const char* kBanks[] = {"ICBC", "CCB", "ABC", "BOC", "CMB", "BOCOM", "PSBC"};
constexpr const char* kBins[] = {"622202", "621700", "622848", "621661",
                                 "622588", "622260", "621799"};
constexpr const char* kBase58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr const char* kCities[] = {"SZ", "GZ", "SH", "BJ", "XM", "KM"};

std::string padded(std::uint64_t value, int width) {
  std::string digits = std::to_string(value);
  return std::string(width > static_cast<int>(digits.size()) ? width - digits.size() : 0, '0') +
         digits;
}

struct Factory {
  const ScenarioOptions& options;
  Random& random;
  std::vector<Account>& accounts;
  std::uint32_t next_holder = 1;
  std::uint32_t next_device = 1;

  std::uint32_t add(AccountKind kind, Role role, std::uint32_t group) {
    const std::uint32_t index = static_cast<std::uint32_t>(accounts.size());
    Account a;
    a.kind = kind;
    a.role = role;
    a.group = group;
    const std::uint64_t h = mix64(options.seed ^ (0x51ED27ull * (index + 1)));
    switch (kind) {
      case AccountKind::bank_card: {
        const std::size_t bank = h % 7;
        a.institution = kBanks[bank];
        // BIN + index keeps card numbers unique; the last three digits only look random.
        a.id = std::string(kBins[bank]) + padded(index, 10) + padded(h % 1000, 3);
        break;
      }
      case AccountKind::bank_account:
        a.institution = kBanks[h % 7];
        a.id = "31" + padded(index, 12) + padded(h % 10000, 4);
        break;
      case AccountKind::payment_account:
        a.institution = (h & 1) ? "Alipay" : "WeChatPay";
        a.id = std::string((h & 1) ? "alipay_" : "wx_") + padded(index, 9);
        break;
      case AccountKind::crypto_address: {
        a.institution = "TRON";
        a.id = "T";
        std::uint64_t unique = index;
        for (int i = 0; i < 6; ++i, unique /= 58) a.id += kBase58[unique % 58];
        std::uint64_t noise = h;
        for (int i = 0; i < 27; ++i) {
          if (i % 10 == 0) noise = mix64(noise);
          a.id += kBase58[noise % 58];
          noise /= 58;
        }
        break;
      }
      case AccountKind::exchange_account:
        a.institution =
            role == Role::cash_out && (h % 5 == 0) ? "OffshoreEx" : ((h & 1) ? "ExA" : "ExB");
        a.id = a.institution + "-" + padded(index, 7);
        break;
      case AccountKind::merchant:
        a.institution = kBanks[h % 7];
        a.id = "M" + padded(index, 9);
        break;
      case AccountKind::cash:
        a.institution = "ATM";
        a.id = std::string("ATM-") + kCities[h % 6] + "-" + padded(index, 5);
        break;
      default: a.id = "U" + padded(index, 9);
    }
    a.holder = next_holder++;
    a.phone = 13000000000ull + (mix64(h) % 7000000000ull);
    a.device = random.chance(0.7) ? next_device++ : 0;
    a.opened = options.start_time - static_cast<Timestamp>(86400 * (30 + random.below(3000)));
    accounts.push_back(std::move(a));
    return index;
  }

  std::vector<std::uint32_t> add_many(std::size_t count, AccountKind kind, Role role,
                                      std::uint32_t group) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < count; ++i) out.push_back(add(kind, role, group));
    return out;
  }
};

// Mule cards of one group come in bundles of 2-5 bought from the same few people: shared holder,
// phone and device, which is what "one person, several cards" clustering looks for.
void bundle_holders(std::vector<Account>& accounts, const std::vector<std::uint32_t>& cards,
                    Random& random) {
  for (std::size_t i = 0; i < cards.size();) {
    const std::size_t size = std::min<std::size_t>(2 + random.below(4), cards.size() - i);
    const Account& first = accounts[cards[i]];
    for (std::size_t j = i + 1; j < i + size; ++j) {
      Account& card = accounts[cards[j]];
      card.holder = first.holder;
      card.phone = first.phone;
      card.device = first.device;
    }
    i += size;
  }
}

// Legitimate fast movers, taken from the ordinary persons where they are people (so that they
// keep their ordinary lives) and added where they are businesses. About 0.3 % of the persons
// each are payroll cards and topped-up wallets, as in the held-out case the issue describes.
struct CamouflageSize {
  std::size_t each = 0, businesses = 0;
  explicit CamouflageSize(std::uint64_t persons)
      : each(std::max<std::size_t>(4, persons * 3 / 1000)),
        businesses(std::max<std::size_t>(3, each / 3)) {}
  // Accounts add_camouflage creates (the payroll cards and wallet funders are existing persons).
  std::size_t accounts() const { return 2 * each + businesses * 23 + 1; }
};

void add_camouflage(Factory& make, const CamouflageSize& size, std::size_t first_person,
                    Population& p) {
  std::vector<Account>& accounts = make.accounts;
  const std::size_t each = size.each, businesses = size.businesses;
  CamouflageAccounts& c = p.camouflage;
  std::vector<std::uint8_t> taken(p.persons.size(), 0);
  auto person_pair = [&](AccountKind second_kind, Profile first, Profile second) {
    // The first is an existing ordinary person (not a victim); the second is a new account of
    // the same holder.
    std::size_t i = first_person + make.random.below(p.persons.size() - first_person);
    while (taken[i] || accounts[p.persons[i]].profile != Profile::none)
      i = i + 1 < p.persons.size() ? i + 1 : first_person;
    taken[i] = 1;
    const std::uint32_t a = p.persons[i];
    const std::uint32_t b = make.add(second_kind, Role::normal, kNoGroup);
    accounts[b].holder = accounts[a].holder;
    accounts[b].phone = accounts[a].phone;
    accounts[b].device = accounts[a].device;
    accounts[b].opening_balance = std::round(make.random.log_uniform(1000, 50000));
    accounts[a].profile = first;
    accounts[b].profile = second;
    return std::pair{a, b};
  };
  for (std::size_t i = 0; i < each; ++i)
    c.payroll.push_back(
        person_pair(AccountKind::bank_account, Profile::payroll_card, Profile::savings));
  for (std::size_t i = 0; i < each; ++i) {
    auto [card, wallet] =
        person_pair(AccountKind::payment_account, Profile::wallet_funder, Profile::wallet);
    accounts[wallet].opening_balance = 0;
    c.wallets.push_back({wallet, card});
  }
  c.traders = make.add_many(businesses, AccountKind::bank_account, Role::normal, kNoGroup);
  for (std::uint32_t t : c.traders) {
    accounts[t].profile = Profile::trader;
    accounts[t].opening_balance = std::round(make.random.log_uniform(1e5, 2e6));
  }
  c.trader_customers =
      make.add_many(businesses * 20, AccountKind::bank_account, Role::normal, kNoGroup);
  for (std::uint32_t x : c.trader_customers) accounts[x].institution = "HSBC-HK";
  for (std::size_t i = 0; i < businesses; ++i) {
    const std::uint32_t desk = make.add(AccountKind::merchant, Role::normal, kNoGroup);
    const std::uint32_t address = make.add(AccountKind::crypto_address, Role::normal, kNoGroup);
    accounts[desk].profile = accounts[address].profile = Profile::honest_otc;
    accounts[address].holder = accounts[desk].holder;
    c.otc_desks.push_back({desk, address});
  }
  c.employer_parent = make.add(AccountKind::bank_account, Role::normal, kNoGroup);
  for (std::uint32_t e : p.employers) accounts[e].profile = Profile::employer;
}

}  // namespace

Population build_population(const ScenarioOptions& options, Random& random,
                            std::vector<Account>& accounts) {
  if (options.groups == 0) throw OptionError("groups", "must be at least 1");
  if (options.mule_tiers < 1 || options.mule_tiers > 5)
    throw OptionError("mule-tiers", "must be 1 to 5");
  if (options.days == 0) throw OptionError("days", "must be at least 1");
  if (options.accounts == 0) throw OptionError("accounts", "must be at least 1");
  if (options.shared_running_points < 0 || options.shared_running_points > 1) {
    throw OptionError("shared_running_points", "must be between 0 and 1");
  }
  Factory make{options, random, accounts};
  Population p;
  p.groups.resize(options.groups);
  for (std::uint32_t g = 0; g < options.groups; ++g) {
    GroupAccounts& group = p.groups[g];
    const std::uint32_t victims =
        options.victims / options.groups + (g < options.victims % options.groups);
    std::size_t size = std::max<std::size_t>(3, victims / 4);
    std::vector<std::uint32_t> all_cards;
    for (std::uint32_t k = 0; k < options.mule_tiers; ++k) {
      group.tiers.push_back(make.add_many(size, AccountKind::bank_card, Role::mule, g));
      for (std::size_t i = 0; i < group.tiers.back().size(); ++i)
        accounts[group.tiers.back()[i]].tier = k + 1;
      all_cards.insert(all_cards.end(), group.tiers.back().begin(), group.tiers.back().end());
      size = std::max<std::size_t>(2, size * 2 / 3);
    }
    bundle_holders(accounts, all_cards, random);
    group.running_points = make.add_many(std::max<std::size_t>(2, victims / 15),
                                         AccountKind::payment_account, Role::running_points, g);
    for (std::uint32_t rp : group.running_points)
      accounts[rp].commission = 0.01 + 0.0005 * random.below(41);
    group.otc = make.add_many(2, AccountKind::merchant, Role::otc, g);
    group.crypto_hops = make.add_many(8, AccountKind::crypto_address, Role::crypto_hop, g);
    group.cash_out = make.add_many(3, AccountKind::exchange_account, Role::cash_out, g);
    group.organisers = make.add_many(2, AccountKind::crypto_address, Role::organiser, g);
    group.controller = make.add(AccountKind::bank_card, Role::organiser, g);
    accounts[group.controller].profile = Profile::controller;
  }
  // Shared running-points accounts: some of each group's are also used by the next group.
  if (options.groups > 1) {
    for (std::uint32_t g = 0; g < options.groups; ++g) {
      const auto& own = p.groups[g].running_points;
      const std::size_t shared =
          static_cast<std::size_t>(std::llround(own.size() * options.shared_running_points));
      for (std::size_t i = 0; i < shared; ++i) {
        p.groups[(g + 1) % options.groups].running_points.push_back(own[i]);
      }
    }
  }
  p.atms = make.add_many(6, AccountKind::cash, Role::cash_out, kNoGroup);
  for (std::uint32_t atm : p.atms) accounts[atm].role = Role::normal;  // shared by everyone

  const std::uint64_t fraud_accounts = accounts.size();
  const std::uint64_t minimum_background = 20;
  if (options.accounts < fraud_accounts + options.victims + minimum_background) {
    throw OptionError(
        "accounts", std::to_string(options.accounts) +
                        " cannot hold the fraud groups, victims and a background; need at least " +
                        std::to_string(fraud_accounts + options.victims + minimum_background));
  }
  for (std::uint32_t v = 0; v < options.victims; ++v) {
    const std::uint32_t g = v % options.groups;
    const std::uint32_t index = make.add(
        random.chance(0.7) ? AccountKind::bank_card : AccountKind::bank_account, Role::victim, g);
    accounts[index].opening_balance = std::round(random.log_uniform(20000, 800000));
    p.groups[g].victims.push_back(index);
    p.persons.push_back(index);
  }
  const std::uint64_t background = options.accounts - accounts.size();
  const std::uint64_t merchants = std::max<std::uint64_t>(3, background * 8 / 100);
  const std::uint64_t employers = std::max<std::uint64_t>(2, background * 2 / 100);
  const std::uint64_t exchanges = std::max<std::uint64_t>(2, background / 100);
  const std::uint64_t wallets = std::max<std::uint64_t>(2, background * 4 / 100);
  std::uint64_t persons = background - merchants - employers - exchanges - wallets;
  const CamouflageSize camouflage(persons);
  if (options.camouflage) {
    if (persons < camouflage.accounts() * 3)
      throw OptionError("accounts", "too few for the camouflage population");
    persons -= camouflage.accounts();
  }
  const std::size_t first_person = p.persons.size();
  for (std::uint64_t i = 0; i < persons; ++i) {
    const double u = random.uniform();
    const AccountKind kind = u < 0.6   ? AccountKind::bank_card
                             : u < 0.8 ? AccountKind::bank_account
                                       : AccountKind::payment_account;
    const std::uint32_t index = make.add(kind, Role::normal, kNoGroup);
    accounts[index].opening_balance = std::round(random.log_uniform(2000, 200000));
    p.persons.push_back(index);
  }
  p.merchants = make.add_many(merchants, AccountKind::merchant, Role::normal, kNoGroup);
  p.employers = make.add_many(employers, AccountKind::bank_account, Role::normal, kNoGroup);
  for (std::uint32_t e : p.employers)
    accounts[e].opening_balance = std::round(random.log_uniform(1e6, 5e7));
  p.exchanges = make.add_many(exchanges, AccountKind::exchange_account, Role::normal, kNoGroup);
  p.user_wallets = make.add_many(wallets, AccountKind::crypto_address, Role::normal, kNoGroup);
  // Gamblers: ordinary persons buying credit on an illegal platform through its running-points
  // collection accounts (unrelated payers, mostly first-time).
  for (GroupAccounts& g : p.groups) {
    const std::size_t count = options.gamblers_per_collection * g.running_points.size();
    for (std::size_t i = 0; i < count && persons > 0; ++i) {
      const std::uint32_t v = p.persons[first_person + random.below(persons)];
      if (accounts[v].profile != Profile::none) continue;
      accounts[v].profile = Profile::gambler;
      g.gamblers.push_back(v);
    }
  }
  if (options.camouflage) {
    add_camouflage(make, camouflage, first_person, p);
    // Mule cards carry an ordinary life beside the laundering: each takes a random place among
    // the persons (whose place sets how busy they are), so they shop, get salaries and P2P
    // payments as much as anyone.
    for (const GroupAccounts& g : p.groups) {
      for (const auto& tier : g.tiers) {
        for (std::uint32_t card : tier) {
          p.persons.push_back(card);
          const std::size_t place = first_person + random.below(p.persons.size() - first_person);
          std::swap(p.persons[place], p.persons.back());
        }
      }
    }
  }
  return p;
}

}  // namespace moneytrail::scenario
