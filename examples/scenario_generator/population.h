// Who exists in a scenario: ordinary people, firms, merchants, billers, exchange users and
// ATMs, plus each fraud group's infrastructure (mule card tiers, running-points accounts, OTC
// merchants, crypto layers, organisers, cash-out accounts) and its victims.
#pragma once

#include <cstdint>
#include <vector>

#include "examples/scenario_generator/scenario.h"

namespace moneytrail::scenario {

/// Ordinary accounts available to background traffic, each list in random order so that a
/// popularity rank over a list is unrelated to anything else.
struct BackgroundPools {
  std::vector<std::uint32_t> person_cards;    // victims are among them
  std::vector<std::uint32_t> person_wallets;  // Alipay / WeChat Pay accounts
  std::vector<std::uint32_t> merchants;
  std::vector<std::uint32_t> company_accounts;
  std::vector<std::uint32_t> platforms;  // billers: utilities, telecoms
  std::vector<std::uint32_t> exchange_users;
  std::vector<std::uint32_t> crypto_users;
  std::vector<std::uint32_t> atms;  // also used by the fraud groups' cash-out
};

/// Account indices of one fraud group's chain, in the order money moves.
struct FraudGroup {
  std::vector<std::uint32_t> victims;
  std::vector<std::vector<std::uint32_t>> mule_tiers;  // [0] = tier 1
  std::vector<std::uint32_t> running_points;           // own, then borrowed shared ones
  std::vector<std::uint32_t> otc;
  std::vector<std::vector<std::uint32_t>> crypto_layers;  // [0] receives from the OTCs
  std::vector<std::uint32_t> organisers;
  std::vector<std::uint32_t> exchange_cash_out;
  std::vector<std::uint32_t> offshore;
};

struct Population {
  std::vector<Account> accounts;
  BackgroundPools pools;
  std::vector<FraudGroup> groups;
};

/// ATM / cash endpoints in every scenario.
inline constexpr std::uint32_t kCashEndpoints = 12;

/// The fewest accounts that can host the requested groups, victims and a minimal background.
std::uint64_t required_accounts(const ScenarioOptions& options);

/// Creates every account with kind, institution, role, group, holder, phone, device, opening
/// date and (for ordinary users) an opening balance, then gives each a realistic id.
/// Expects validated options.
Population build_population(const ScenarioOptions& options);

}  // namespace moneytrail::scenario
