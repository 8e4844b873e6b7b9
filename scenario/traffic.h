// The two sources of transactions in a scenario.
#pragma once

#include <cmath>
#include <vector>

#include "scenario/population.h"

namespace moneytrail::scenario {

/// Amounts as banks and chains write them: whole cents, whole micro-USDT.
inline double cents(double x) { return std::round(x * 100) / 100; }
inline double micros(double x) { return std::round(x * 1e6) / 1e6; }

/// Appends every laundering transaction, chain by chain, victim payment first.
void generate_laundering(const Scenario& scenario, const Population& population, Random& random,
                         std::vector<Transaction>& out);

/// Appends `count` background transactions (shopping, P2P, salaries, rent, cash, exchange users)
/// with heavy-tailed degrees and a daily rhythm.
void generate_background(const Scenario& scenario, const Population& population,
                         std::uint64_t count, Random& random, std::vector<Transaction>& out);

/// Appends the legitimate look-alikes of ScenarioOptions::camouflage: payroll cards, topped-up
/// wallets, cross-border traders and honest OTC desks.
void generate_camouflage(const Scenario& scenario, const Population& population, Random& random,
                         std::vector<Transaction>& out);

/// Appends, for camouflage, the parent company's funding of each employer on each pay day
/// (that day's salaries, at 06:00 China time): employers become fast pass-through hubs.
void fund_employers(const Scenario& scenario, const Population& population,
                    std::vector<Transaction>& out);

}  // namespace moneytrail::scenario
