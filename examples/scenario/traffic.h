// The two sources of transactions in a scenario.
#pragma once

#include <vector>

#include "examples/scenario/population.h"

namespace moneytrail::scenario {

/// Appends every laundering transaction, chain by chain, victim payment first.
void generate_laundering(const Scenario& scenario, const Population& population, Random& random,
                         std::vector<Transaction>& out);

/// Appends `count` background transactions (shopping, P2P, salaries, rent, cash, exchange users)
/// with heavy-tailed degrees and a daily rhythm.
void generate_background(const Scenario& scenario, const Population& population,
                         std::uint64_t count, Random& random, std::vector<Transaction>& out);

}  // namespace moneytrail::scenario
