// libFuzzer target: the case-file reader. Seeds are valid case files; mutations exercise the
// framing, checksums (a mutated payload fails its CRC, so the fuzzer also learns to fix CRCs
// only by chance: the corpus includes files written with valid CRCs around odd content), the
// protobuf parse and the cross-checks.
#include <cstdint>

#include "fuzz_input.h"
#include "graph/input_error.h"
#include "io/case/case_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  moneytrail::fuzz::MemoryFile file(data, size);
  try {
    moneytrail::CaseFile loaded = moneytrail::read_case_file(file.path());
    const auto& graph = loaded.graph;
    for (moneytrail::VertexId v = 0; v < graph.num_accounts(); ++v) {
      for (moneytrail::TxIndex t : graph.out_transactions(v)) {
        if (graph.transactions().from[t] != v) __builtin_trap();
      }
    }
  } catch (const moneytrail::InputError&) {
  }
  return 0;
}
