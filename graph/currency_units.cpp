#include "graph/currency_units.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <utility>

namespace moneytrail {
namespace {

// ISO 4217 currencies without two decimals, and the crypto assets investigators meet most.
constexpr std::pair<std::string_view, int> kDecimals[] = {
    {"JPY", 0}, {"KRW", 0}, {"VND", 0},  {"CLP", 0},  {"ISK", 0}, {"PYG", 0}, {"UGX", 0},
    {"XAF", 0}, {"XOF", 0}, {"BHD", 3},  {"IQD", 3},  {"JOD", 3}, {"KWD", 3}, {"LYD", 3},
    {"OMR", 3}, {"TND", 3}, {"USDT", 6}, {"USDC", 6}, {"TRX", 6}, {"BTC", 8}, {"ETH", 8},
    {"BNB", 8}, {"LTC", 8}, {"XMR", 8},  {"DAI", 8},  {"BUSD", 8}};

}  // namespace

int currency_decimals(std::string_view currency) {
  std::string code(currency);
  std::transform(code.begin(), code.end(), code.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const auto& [name, decimals] : kDecimals)
    if (code == name) return decimals;
  const bool iso_like =
      code.size() == 3 &&
      std::all_of(code.begin(), code.end(), [](unsigned char c) { return c >= 'A' && c <= 'Z'; });
  return iso_like ? 2 : 8;
}

double currency_dust(std::string_view currency) {
  return 0.5 * std::pow(10.0, -currency_decimals(currency));
}

}  // namespace moneytrail
