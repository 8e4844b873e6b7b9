// moneytrail demo [--dir DIR]: the guided tour on a generated scenario. Each analysis issue adds
// its step here.
#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>

#include "algorithms/centrality/pagerank.h"
#include "algorithms/communities/cluster_report.h"
#include "algorithms/communities/evidence_clusters.h"
#include "algorithms/communities/flow_blocks.h"
#include "algorithms/export/subgraph_select.h"
#include "algorithms/scoring/account_scoring.h"
#include "algorithms/scoring/ranking_evaluation.h"
#include "algorithms/summary/graph_stats.h"
#include "algorithms/tracing/backward_trace.h"
#include "algorithms/tracing/forward_trace.h"
#include "io/report/cluster_report.h"
#include "cli/commands.h"
#include "io/report/stats_report.h"
#include "io/report/trace_report.h"
#include "scenario/scenario.h"
#include "io/side/account_labels.h"
#include "io/case/case_file.h"
#include "io/export/html_report.h"
#include "io/load_case.h"

namespace moneytrail::cli {

int run_demo(const Args& args) {
  po::options_description options("demo options");
  const std::string default_dir =
      (std::filesystem::temp_directory_path() / "moneytrail-demo").string();
  options.add_options()("dir", po::value<std::string>()->default_value(default_dir),
                        "directory for the generated scenario and case file")(
      "seed", po::value<std::uint64_t>()->default_value(7), "scenario seed");
  po::variables_map vm;
  if (!parse_arguments(args, options, "moneytrail demo [--dir DIR] [--seed S]", vm, nullptr)) {
    return kExitOk;
  }
  const std::filesystem::path dir = vm["dir"].as<std::string>();
  std::cout
      << "== moneytrail demo ==\n\n"
      << "1. Generating a telecom-fraud laundering scenario (victims -> tiered mule cards ->\n"
      << "   running-points accounts -> OTC desks -> USDT hops -> cash-out) with background\n"
      << "   traffic, into " << dir.string() << "\n";
  scenario::ScenarioOptions o;
  o.accounts = 5000;
  o.transactions = 60000;
  o.groups = 4;
  o.victims = 60;
  o.seed = vm["seed"].as<std::uint64_t>();
  const scenario::Scenario generated = scenario::generate_scenario(o);
  scenario::write_scenario_files(generated, dir);
  const scenario::StatementSummary statement_files = scenario::write_statements(generated, dir);
  const scenario::ScenarioSummary summary = scenario::summarize(generated);
  std::cout << "   " << with_thousands(summary.transactions) << " transactions, "
            << with_thousands(summary.laundering_transactions) << " of them laundering, "
            << with_thousands(summary.victims) << " victims\n\n";

  std::cout << "2. Ingesting transactions, accounts and exchange rates into a case file\n";
  LoadRequest request;
  request.inputs = {(dir / "transactions.csv").string()};
  request.accounts_files = {(dir / "accounts.csv").string()};
  request.rates_files = {(dir / "rates.csv").string()};
  request.show_progress = false;
  request.rejects_path = (dir / "rejects.csv").string();
  request.command_line = join_command_line("demo", args);
  LoadedCase loaded = load_case(request);
  const std::string case_path = (dir / "case.mtc").string();
  write_case_file(case_path, loaded.graph, loaded.report.provenance);
  std::cout << "   wrote " << case_path << "\n\n";

  std::cout << "3. What the case holds (moneytrail stats):\n\n";
  print_stats_table(std::cout, loaded.graph, compute_graph_stats(loaded.graph), loaded.report);

  std::cout << "\n4. Who matters: personalized PageRank from the victims (moneytrail centrality"
            << " --measure ppr --seed-label victim)\n";
  const FlowView flows = FlowView::build(loaded.graph);
  PageRankOptions ppr;
  for (VertexId v = 0; v < loaded.graph.num_accounts(); ++v) {
    if (loaded.graph.accounts().labels[v] & kLabelVictim) ppr.seeds.push_back(v);
  }
  const PageRankResult risk = pagerank(flows, ppr);
  std::vector<VertexId> order(risk.score.size());
  for (VertexId v = 0; v < order.size(); ++v) order[v] = v;
  std::stable_sort(order.begin(), order.end(),
                   [&](VertexId a, VertexId b) { return risk.score[a] > risk.score[b]; });
  // Victims rank high by construction and exchanges collect everyone's money; the cards and
  // payment accounts next in line are where mule cards and running-points accounts sit.
  std::cout << "   highest-ranked cards and payment accounts other than the victims:\n";
  int shown = 0;
  for (VertexId v : order) {
    const AccountKind kind = loaded.graph.accounts().kind[v];
    if ((loaded.graph.accounts().labels[v] & kLabelVictim) ||
        (kind != AccountKind::bank_card && kind != AccountKind::payment_account)) {
      continue;
    }
    std::cout << "   " << std::left << std::setw(36) << loaded.graph.account_id(v) << std::setw(18)
              << to_string(loaded.graph.accounts().kind[v]) << std::right << std::setprecision(4)
              << risk.score[v] << "\n";
    if (++shown == 8) break;
  }

  // One victim's money, forward (fifo), and the first cash-out it reached, backward.
  const TransactionGraph& g = loaded.graph;
  std::optional<Subgraph> victim_trace;
  const auto victim_tag = g.typologies().find("victim_payment");
  std::optional<TxIndex> payment;
  for (TxIndex t = 0; t < g.num_transactions() && victim_tag && !payment; ++t) {
    if (g.transactions().typology[t] == *victim_tag) payment = t;
  }
  if (payment) {
    std::cout << "\n5. Where one victim's money went (moneytrail trace --tx "
              << g.transaction_id(*payment) << " --policy fifo --paths 3):\n\n";
    const TraceContext context(g);
    TraceOptions forward_options;
    forward_options.paths = 3;
    const ForwardTraceResult forward =
        trace_forward(context, std::span<const TxIndex>(&*payment, 1), forward_options);
    print_trace_table(std::cout, g, forward, 8);
    victim_trace = subgraph_of_trace(g, forward);
    for (const TraceEndpoint& e : forward.endpoints) {
      if (e.status != EndpointStatus::cashed_out) continue;
      std::optional<TxIndex> into;
      for (const TracedTransaction& t : forward.transactions) {
        if (g.transactions().to[t.tx] == e.account) into = t.tx;
      }
      if (!into) break;
      std::cout << "\n6. And back: where the money of " << g.transaction_id(*into) << " into "
                << g.account_id(e.account) << " came from (moneytrail trace --direction backward"
                << " --tx " << g.transaction_id(*into) << "):\n\n";
      TraceOptions backward_options;
      backward_options.max_origins = 6;
      print_trace_table(std::cout, g, trace_backward(context, *into, backward_options), 6);
      break;
    }
  }

  std::cout << "\n7. The mule clusters behind it all (moneytrail clusters " << case_path
            << " --top 3):\n\n";
  const AccountScoring scoring = score_accounts(g, flows);
  const ClusterReport clusters = evidence_clusters(g, flows, scoring);
  const std::vector<FlowBlock> no_blocks;
  print_cluster_table(std::cout,
                      {g, no_blocks, clusters, std::min<std::size_t>(3, clusters.clusters.size())});

  std::cout << "\n8. Every account's mule risk, with reasons (moneytrail score " << case_path
            << " --top 5):\n\n";
  {
    std::vector<VertexId> order(g.num_accounts());
    for (VertexId v = 0; v < g.num_accounts(); ++v) order[v] = v;
    std::stable_sort(order.begin(), order.end(), [&](VertexId a, VertexId b) {
      return scoring.scores.score[a] > scoring.scores.score[b];
    });
    for (std::size_t i = 0; i < std::min<std::size_t>(5, order.size()); ++i) {
      const VertexId v = order[i];
      std::cout << "   " << std::left << std::setw(36) << g.account_id(v) << std::right
                << std::fixed << std::setprecision(3) << scoring.scores.score[v] << "  "
                << reason_text(scoring.scores.reasons[v][0].indicator, scoring.features,
                               scoring.typologies, scoring.scores, v)
                << "\n";
    }
    std::cout << "   typology hits:";
    for (int t = 0; t < kTypologyCount; ++t)
      std::cout << " " << to_string(static_cast<Typology>(t)) << " "
                << scoring.typologies.counts[t];
    std::cout << "\n";
    // Checked against the generator's truth, as `moneytrail evaluate` does.
    std::vector<std::uint8_t> positive(g.num_accounts(), 0);
    for (const AccountLabelRow& row : read_account_labels((dir / "truth_accounts.csv").string()))
      if (const auto v = g.find_account(row.account); v && row.positive) positive[*v] = 1;
    std::vector<double> degree(g.num_accounts());
    for (VertexId v = 0; v < g.num_accounts(); ++v) degree[v] = g.in_degree(v) + g.out_degree(v);
    const std::vector<std::size_t> k = {100};
    const RankingEvaluation ours = evaluate_ranking(scoring.scores.score, positive, k);
    const RankingEvaluation baseline = evaluate_ranking(degree, positive, k);
    std::cout << std::setprecision(3) << "   against the truth (moneytrail evaluate): PR-AUC "
              << ours.pr_auc << " (ranking by degree: " << baseline.pr_auc << "), precision at 100 "
              << ours.at_k[0].precision << ", " << ours.positives << " laundering accounts of "
              << with_thousands(g.num_accounts()) << "\n";
    std::cout.unsetf(std::ios::fixed);
  }

  std::cout << "\n9. The same case as the banks deliver it: one statement retrieval per bank, each "
               "transfer\n   seen from both sides (moneytrail ingest statements/*.csv):\n";
  {
    LoadRequest statements;
    for (const std::string& file : statement_files.files)
      if (file.find("truth_") == std::string::npos)
        statements.inputs.push_back((dir / file).string());
    statements.show_progress = false;
    const LoadedCase from_banks = load_case(statements);
    const StatementMergeReport& m = *from_banks.report.statements;
    std::cout << "   " << with_thousands(m.rows) << " statement rows from "
              << statements.inputs.size()
              << " banks: " << with_thousands(m.matched_by_serial + m.matched_by_time)
              << " two-sided transfers merged (" << with_thousands(m.matched_by_time)
              << " without a serial number, by time and amount), " << with_thousands(m.one_sided)
              << " one-sided, " << with_thousands(m.opening_balances)
              << " opening balances from the balance column, " << m.gaps.size()
              << " balance gaps where rows are missing\n";
    const TransactionGraph& banks = from_banks.graph;
    for (TxIndex t = 0; t < g.num_transactions() && victim_tag; ++t) {
      if (g.transactions().typology[t] != *victim_tag) continue;
      const auto same = banks.find_transaction(g.transaction_id(t));
      if (!same) continue;  // its banks gave no serial number
      std::cout << "   tracing victim payment " << g.transaction_id(t)
                << " through the statements (moneytrail trace --tx):\n\n";
      const TraceContext context(banks);
      print_trace_table(std::cout, banks,
                        trace_forward(context, std::span<const TxIndex>(&*same, 1), {}), 5);
      break;
    }
  }

  if (victim_trace) {
    const std::string html = (dir / "victim-trace.html").string();
    std::cout << "\n10. A report to open in a browser (moneytrail trace ... --export "
                 "victim-trace.html):\n";
    if (find_cytoscape_js()) {
      export_subgraph_file(html, g, *victim_trace);
      std::cout << "   wrote " << html << " (self-contained: works offline)\n";
    } else {
      std::cout
          << "   skipped: cytoscape.js is not installed (scripts/setup.sh runs npm ci in web/)\n";
    }
  }

  const std::string m = "moneytrail";
  std::cout << "\nTry next:\n"
            << "  " << m << " stats " << case_path << " --format json\n"
            << "  " << m << " ingest " << (dir / "transactions.csv").string() << " --accounts "
            << (dir / "accounts.csv").string() << " --rates " << (dir / "rates.csv").string()
            << " -o my.mtc\n"
            << "  " << m << " centrality " << case_path
            << " --measure betweenness --samples 256 --top 10\n"
            << "  " << m << " centrality " << case_path
            << " --measure hits --top 10 --format json\n"
            << "  " << m << " communities " << case_path << " --method leiden -o communities.csv\n"
            << "  " << m << " clusters " << case_path << " --format json --top 5\n"
            << "  " << m << " score " << case_path << " -o scores.csv --hits hits.csv\n"
            << "  " << m << " evaluate scores.csv " << (dir / "truth_accounts.csv").string() << "\n"
            << "  " << m << " export " << case_path
            << " --select cluster:1 --to graphml -o cluster1.graphml\n"
            << "  " << m << " trace " << case_path << " --from "
            << (payment ? std::string(g.account_id(g.transactions().from[*payment])) : "ACCOUNT")
            << " --policy haircut --format json\n"
            << "  " << m << " generate --transactions 1000000 --seed 1 -o big-case\n"
            << "Ground truth for checking results: " << (dir / "truth_accounts.csv").string()
            << "\n";
  return kExitOk;
}

}  // namespace moneytrail::cli
