// Trace timings on a loaded case (the library without the CLI): building the shared context,
// one victim's forward trace under each policy (median over victims), a backward trace from a
// cash-out transaction, and a batch of every victim payment on all cores.
//   trace_bench CASE.mtc [--victims N]
// Victim payments are the transactions whose typology is victim_payment (generated cases).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "algorithms/tracing/backward_trace.h"
#include "algorithms/tracing/forward_trace.h"
#include "bench/timing.h"
#include "io/case/case_file.h"

namespace {

using moneytrail::bench::seconds;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace moneytrail;
  if (argc < 2) {
    std::fprintf(stderr, "usage: trace_bench CASE.mtc [--victims N]\n");
    return 2;
  }
  std::size_t victims_wanted = 10000;
  if (argc >= 4 && std::string(argv[2]) == "--victims") victims_wanted = std::stoul(argv[3]);
  TransactionGraph graph;
  const double load = seconds([&] { graph = read_case_file(argv[1]).graph; });
  std::printf("load case: %.2f s (%u transactions)\n", load, graph.num_transactions());
  std::vector<TxIndex> victims, cash_outs;
  const auto victim_tag = graph.typologies().find("victim_payment");
  const auto cash_out_tag = graph.typologies().find("cash_out");
  for (TxIndex t = 0; t < graph.num_transactions(); ++t) {
    const auto tag = graph.transactions().typology[t];
    if (victim_tag && tag == *victim_tag && victims.size() < victims_wanted) victims.push_back(t);
    if (cash_out_tag && tag == *cash_out_tag && cash_outs.size() < 50) cash_outs.push_back(t);
  }
  std::printf("victim payments: %zu, cash-out transactions sampled: %zu\n", victims.size(),
              cash_outs.size());
  if (victims.empty()) return 1;
  std::unique_ptr<TraceContext> context;
  const double build = seconds([&] { context = std::make_unique<TraceContext>(graph); });
  std::printf("trace context (opening balances): %.3f s\n", build);
  for (TracePolicy policy :
       {TracePolicy::fifo, TracePolicy::lifo, TracePolicy::tainted_first, TracePolicy::tainted_last,
        TracePolicy::haircut, TracePolicy::poison}) {
    TraceOptions options;
    options.policy = policy;
    std::vector<double> times;
    std::size_t traced = 0;
    // Haircut and poison reach most of the later graph: fewer samples keep the run short.
    const bool wide = policy == TracePolicy::haircut || policy == TracePolicy::poison;
    const std::size_t sample = std::min<std::size_t>(victims.size(), wide ? 5 : 50);
    for (std::size_t i = 0; i < sample; ++i) {
      const TxIndex seed = victims[i * victims.size() / sample];
      times.push_back(seconds([&] {
        traced += trace_forward(*context, std::span<const TxIndex>(&seed, 1), options)
                      .summary.transactions_traced;
      }));
    }
    std::printf("forward %-13s median %.4f s, max %.4f s, %.0f traced transactions on average\n",
                std::string(to_string(policy)).c_str(), median(times),
                *std::max_element(times.begin(), times.end()),
                static_cast<double>(traced) / sample);
  }
  if (!cash_outs.empty()) {
    std::vector<double> times;
    for (TxIndex target : cash_outs) {
      times.push_back(seconds([&] { trace_backward(*context, target, TraceOptions{}); }));
    }
    std::printf("backward fifo from a cash-out: median %.4f s, max %.4f s\n", median(times),
                *std::max_element(times.begin(), times.end()));
  }
  std::vector<std::vector<TxIndex>> sets;
  for (TxIndex v : victims) sets.push_back({v});
  const double batch = seconds([&] { trace_forward_batch(*context, sets, TraceOptions{}); });
  std::printf("batch fifo, %zu victims, all cores: %.2f s (%.0f traces/s)\n", sets.size(), batch,
              sets.size() / batch);
  return 0;
}
