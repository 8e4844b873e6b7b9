// The smallest unit of each currency, from one table: what amounts are rounded to in outputs,
// and what counts as dust in a trace (less than half of it). Fiat has two decimals unless ISO
// 4217 says otherwise; crypto is shown to at most 8 (USDT and USDC carry 6 on chain, BTC 8,
// ETH's 18 are more than any investigator reads). A code the table does not know gets 2 when
// it looks like an ISO 4217 code (three letters) and 8 otherwise (a token symbol).
#pragma once

#include <string_view>

namespace moneytrail {

/// Decimal places of `currency`'s smallest unit as outputs show it.
int currency_decimals(std::string_view currency);

/// Half of that unit: amounts below it round to nothing.
double currency_dust(std::string_view currency);

}  // namespace moneytrail
