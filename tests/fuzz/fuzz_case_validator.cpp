// libFuzzer target: the case-file validator. The fuzzer's bytes are chunk payloads (split at a
// 4-byte marker) that are framed with valid lengths and CRCs behind a real header, so every input
// reaches the protobuf parse and the validation a re-checksummed, hand-edited case file would
// (duplicate ids, NaN amounts, forged counts) instead of dying at the checksum.
#include <zlib.h>

#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "graph/input_error.h"
#include "io/case/case_file.h"
#include "io/moneytrail.pb.h"

namespace {

void frame(std::string& out, const std::string& payload) {
  const auto crc = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(payload.data()), payload.size()));
  for (std::uint32_t v : {static_cast<std::uint32_t>(payload.size()), crc})
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  out += payload;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::string file(moneytrail::kCaseMagic);
  moneytrail::pb::CaseHeader header;
  header.set_format_version(moneytrail::kCaseFormatVersion);
  // The header's counts come from the first bytes, as a forger would set them.
  header.set_accounts(size > 0 ? data[0] : 0);
  header.set_transactions(size > 1 ? data[1] : 0);
  frame(file, header.SerializeAsString());
  static const std::string kMarker = "\xF0\x0F\xF0\x0F";
  std::size_t at = 2 < size ? 2 : size;
  while (at <= input.size()) {
    const std::size_t next = input.find(kMarker, at);
    frame(file, input.substr(at, next == std::string::npos ? std::string::npos : next - at));
    if (next == std::string::npos) break;
    at = next + kMarker.size();
  }
  moneytrail::fuzz::MemoryFile memory(reinterpret_cast<const std::uint8_t*>(file.data()),
                                      file.size());
  try {
    moneytrail::CaseFile loaded = moneytrail::read_case_file(memory.path());
    // Whatever loads is a graph every command may trust.
    const auto& g = loaded.graph;
    const auto& t = g.transactions();
    for (moneytrail::TxIndex i = 0; i < g.num_transactions(); ++i) {
      if (!(t.amount[i] > 0 && t.amount[i] <= moneytrail::kMaxAmount)) __builtin_trap();
      if (!moneytrail::in_time_range(t.timestamp[i])) __builtin_trap();
      if (t.from[i] >= g.num_accounts() || t.to[i] >= g.num_accounts()) __builtin_trap();
    }
  } catch (const moneytrail::InputError&) {
  }
  return 0;
}
