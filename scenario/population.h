// Who is who in a generated scenario: the fraud groups' account pools and the background
// population, with realistic ids.
#pragma once

#include <vector>

#include "scenario/random.h"
#include "scenario/scenario.h"

namespace moneytrail::scenario {

struct GroupAccounts {
  std::vector<std::vector<std::uint32_t>> tiers;  // tiers[k]: mule cards of tier k+1
  std::vector<std::uint32_t> running_points;      // includes accounts shared with another group
  std::vector<std::uint32_t> otc;
  std::vector<std::uint32_t> crypto_hops;
  std::vector<std::uint32_t> cash_out;  // exchange and offshore accounts
  std::vector<std::uint32_t> organisers;
  std::uint32_t controller = 0;  // bank card topping up the running-points accounts
  std::vector<std::uint32_t> victims;
  std::vector<std::uint32_t> gamblers;  // ordinary persons paying its running-points accounts
};

/// Accounts that only exist with ScenarioOptions::camouflage: legitimate fast movers.
struct CamouflageAccounts {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> payroll;  // card, the holder's savings
  std::vector<std::pair<std::uint32_t, std::uint32_t>> wallets;  // wallet, the holder's card
  std::vector<std::uint32_t> traders;
  std::vector<std::uint32_t> trader_customers;                     // abroad
  std::vector<std::pair<std::uint32_t, std::uint32_t>> otc_desks;  // desk, its USDT address
  std::uint32_t employer_parent = 0;                               // funds the employers
};

struct Population {
  std::vector<GroupAccounts> groups;
  std::vector<std::uint32_t> atms;
  std::vector<std::uint32_t> persons;  // individuals' cards and accounts (victims included)
  std::vector<std::uint32_t> merchants;
  std::vector<std::uint32_t> employers;
  std::vector<std::uint32_t> exchanges;
  std::vector<std::uint32_t> user_wallets;
  CamouflageAccounts camouflage;
};

/// Creates every account (appended to `accounts`) and says which pool each belongs to. Throws
/// std::invalid_argument when options.accounts cannot hold the groups, victims and a background.
Population build_population(const ScenarioOptions& options, Random& random,
                            std::vector<Account>& accounts);

}  // namespace moneytrail::scenario
