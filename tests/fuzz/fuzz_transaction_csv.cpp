// libFuzzer target: every transaction CSV layout through the full loader (pipeline, rejects,
// graph build). The first byte picks the layout so each parser sees every input shape; the seed
// corpus (tests/fuzz/corpus/transaction_csv) holds a valid file of each layout.
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "graph/input_error.h"
#include "io/load_case.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const kFormats[] = {"auto", "native", "amlworld", "amlsim", "paysim"};
  moneytrail::fuzz::MemoryFile file(data + 1, size - 1);
  moneytrail::LoadRequest request;
  request.inputs = {file.path()};
  request.format = kFormats[data[0] % 5];
  request.strict = (data[0] & 0x80) != 0;
  try {
    moneytrail::LoadedCase loaded = moneytrail::load_case(request);
    // The graph must be internally consistent whatever went in.
    const auto& graph = loaded.graph;
    std::uint64_t out = 0;
    for (moneytrail::VertexId v = 0; v < graph.num_accounts(); ++v) out += graph.out_degree(v);
    if (out != graph.num_transactions()) __builtin_trap();
  } catch (const moneytrail::InputError&) {
    // A clear input error is the expected answer to bad input.
  }
  return 0;
}
