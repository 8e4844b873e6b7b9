// Ingest throughput inside one process: CSV -> TransactionGraph and case file -> TransactionGraph.
// Run through bench/ingest_bench.sh, which generates the inputs and adds peak RSS and the peer
// comparison; on its own:
//   MONEYTRAIL_BENCH_DIR=DIR build/bench/ingest_bench
// where DIR holds transactions.csv (and case.mtc) from `moneytrail generate` / `ingest`.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "io/case/case_file.h"
#include "io/load_case.h"

namespace {

std::string bench_file(const char* name) {
  const char* dir = std::getenv("MONEYTRAIL_BENCH_DIR");
  return (std::filesystem::path(dir ? dir : ".") / name).string();
}

void report(benchmark::State& state, const std::string& path, std::uint64_t transactions) {
  const auto bytes = std::filesystem::file_size(path);
  state.counters["transactions/s"] = benchmark::Counter(
      static_cast<double>(transactions), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(bytes) / 1e6,
                                              benchmark::Counter::kIsIterationInvariantRate);
  state.counters["transactions"] = static_cast<double>(transactions);
}

void BM_CsvToGraph(benchmark::State& state) {
  const std::string path = bench_file("transactions.csv");
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("no transactions.csv in MONEYTRAIL_BENCH_DIR");
    return;
  }
  std::uint64_t transactions = 0;
  for (auto _ : state) {
    moneytrail::LoadRequest request;
    request.inputs = {path};
    auto loaded = moneytrail::load_case(request);
    transactions = loaded.graph.num_transactions();
    benchmark::DoNotOptimize(loaded.graph.num_accounts());
  }
  report(state, path, transactions);
}

void BM_CaseFileToGraph(benchmark::State& state) {
  const std::string path = bench_file("case.mtc");
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("no case.mtc in MONEYTRAIL_BENCH_DIR");
    return;
  }
  std::uint64_t transactions = 0;
  for (auto _ : state) {
    auto loaded = moneytrail::read_case_file(path);
    transactions = loaded.graph.num_transactions();
    benchmark::DoNotOptimize(loaded.graph.num_accounts());
  }
  report(state, path, transactions);
}

// Loading uses both cores, so rates are per wall-clock second.
BENCHMARK(BM_CsvToGraph)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_CaseFileToGraph)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
