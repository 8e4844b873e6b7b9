// The fraud groups' money flows, simulated as discrete events so that every forward is
// funded: an account sweeps (forwards) only what was credited strictly before the sweep.
#pragma once

#include <vector>

#include "examples/scenario_generator/calendar.h"
#include "examples/scenario_generator/population.h"
#include "examples/scenario_generator/scenario.h"

namespace moneytrail::scenario {

/// Appends every laundering transaction (unsorted) to `out`. Victim payments start in the
/// period minus a reserve at its end, and each later step is squeezed if needed so that the
/// whole chain ends inside the period. Afterwards a running-points account used by two groups
/// gets, as its truth group, the group that moved the most money through it.
void generate_laundering(const ScenarioOptions& options, const UsdtRates& rates,
                         Population& population, std::vector<Transaction>& out);

}  // namespace moneytrail::scenario
