// Bank statement reading and merging speed: rows per second read into one-sided rows (one core,
// UTF-8 or GBK as the files are), then the two-sided merge and balance checks, then building the
// graph. The target: at least 500k statement rows/s into the graph on one core.
//   statement_bench FILE...
#include <cstdio>

#include "bench/timing.h"
#include "graph/graph_builder.h"
#include "io/statements/statement_merge.h"
#include "io/statements/statement_reader.h"

int main(int argc, char** argv) {
  using namespace moneytrail;
  using moneytrail::bench::seconds;
  if (argc < 2) {
    std::fprintf(stderr, "usage: statement_bench FILE...\n");
    return 2;
  }
  std::vector<std::string> files(argv + 1, argv + argc);
  StatementSet set;
  RejectLog rejects;
  const double read = seconds([&] {
    for (const std::string& file : files) read_statement_file(file, {}, set, rejects);
  });
  const std::size_t count = set.rows.size();
  GraphBuilder builder;
  StatementMergeReport report;
  const double merge = seconds([&] { report = merge_statements(set, {}, builder); });
  TransactionGraph graph;
  const double build = seconds([&] { graph = std::move(builder).build(); });
  const double total = read + merge + build;
  std::printf("%zu rows (%llu rejected): read %.2f s (%.0f rows/s), merge %.2f s, build %.2f s\n",
              count, static_cast<unsigned long long>(rejects.count()), read, count / read, merge,
              build);
  std::printf(
      "into the graph: %.0f rows/s on one core (target 500,000); %llu + %llu merged, "
      "%llu one-sided, %zu balance gaps, %u transactions\n",
      count / total, static_cast<unsigned long long>(report.matched_by_serial),
      static_cast<unsigned long long>(report.matched_by_time),
      static_cast<unsigned long long>(report.one_sided), report.gaps.size(),
      graph.num_transactions());
  return 0;
}
