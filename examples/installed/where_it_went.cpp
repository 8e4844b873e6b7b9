// where_it_went TRANSACTIONS.csv TX_ID: loads a transaction file (any layout moneytrail reads),
// traces one transaction's money forward under fifo, and prints where it is now.
#include <cstdio>
#include <exception>

#include "algorithms/tracing/forward_trace.h"
#include "graph/input_error.h"
#include "io/load_case.h"

int main(int argc, char** argv) {
  using namespace moneytrail;
  if (argc != 3) {
    std::fprintf(stderr, "usage: where_it_went TRANSACTIONS.csv TX_ID\n");
    return 2;
  }
  try {
    LoadRequest request;
    request.inputs = {argv[1]};
    const LoadedCase loaded = load_case(request);
    const TransactionGraph& graph = loaded.graph;
    const auto seed = graph.find_transaction(argv[2]);
    if (!seed) {
      std::fprintf(stderr, "no transaction %s in %s\n", argv[2], argv[1]);
      return 2;
    }
    const TraceContext context(graph);
    const ForwardTraceResult trace = trace_forward(context, std::span(&*seed, 1), {});
    std::printf("%s carried %.2f %s; %.2f is still held by %zu endpoints:\n", argv[2],
                trace.summary.seed_amount, trace.currency.c_str(), trace.summary.held,
                trace.endpoints.size());
    for (const TraceEndpoint& e : trace.endpoints)
      std::printf("  %-30s %-12s %12.2f  hop %u\n",
                  std::string(graph.account_id(e.account)).c_str(),
                  std::string(to_string(e.status)).c_str(), e.amount, e.hop);
  } catch (const InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
