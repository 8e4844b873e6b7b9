// libFuzzer target: accounts and exchange-rate files (first byte: which one), loaded beside a
// fixed one-row transaction file.
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "graph/input_error.h"
#include "io/load_case.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string kTransactions =
      "id,timestamp,from,to,amount,currency\n1,2026-01-01,A,B,5,CNY\n";
  moneytrail::fuzz::MemoryFile transactions(
      reinterpret_cast<const std::uint8_t*>(kTransactions.data()), kTransactions.size());
  moneytrail::fuzz::MemoryFile side(data + 1, size - 1);
  moneytrail::LoadRequest request;
  request.inputs = {transactions.path()};
  if (data[0] & 1) {
    request.rates_files = {side.path()};
  } else {
    request.accounts_files = {side.path()};
  }
  request.strict = (data[0] & 0x80) != 0;
  try {
    moneytrail::load_case(request);
  } catch (const moneytrail::InputError&) {
  }
  return 0;
}
