// moneytrail demo [--dir DIR]: the guided tour on a generated scenario, as a list of steps; each
// analysis adds its step here.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <numeric>
#include <optional>

#include "algorithms/centrality/centrality_measures.h"
#include "algorithms/communities/evidence_clusters.h"
#include "algorithms/export/subgraph_select.h"
#include "algorithms/scoring/account_scoring.h"
#include "algorithms/scoring/ranking_evaluation.h"
#include "algorithms/scoring/score_explanations.h"
#include "algorithms/summary/graph_stats.h"
#include "algorithms/tracing/backward_trace.h"
#include "algorithms/tracing/forward_trace.h"
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/export_support.h"
#include "io/case/case_file.h"
#include "io/export/html_report.h"
#include "io/report/centrality_report.h"
#include "io/report/cluster_report.h"
#include "io/report/score_report.h"
#include "io/report/stats_report.h"
#include "io/report/trace_report.h"
#include "io/side/account_labels.h"
#include "scenario/scenario.h"

namespace moneytrail::cli {
namespace {

// What the steps share: the scenario on disk, the case, and what earlier steps found.
struct Tour {
  Tour(const Call& c, std::filesystem::path d) : call(c), dir(std::move(d)) {}
  const Call& call;
  std::filesystem::path dir;
  std::string case_path;
  scenario::StatementSummary statement_files;
  LoadedCase loaded;
  std::optional<FlowView> flows;
  std::optional<TxIndex> payment;  // one victim's payment
  std::optional<Subgraph> victim_trace;
  std::optional<AccountScoring> scoring;
  std::ostream& out = std::cout;
};

void generate(Tour& t) {
  t.out << "== moneytrail demo ==\n\n"
        << "1. Generating a telecom-fraud laundering scenario (victims -> tiered mule cards ->\n"
        << "   running-points accounts -> OTC desks -> USDT hops -> cash-out) with background\n"
        << "   traffic, into " << t.dir.string() << "\n";
  scenario::ScenarioOptions o;
  o.accounts = 5000;
  o.transactions = 60000;
  o.groups = 4;
  o.victims = 60;
  o.seed = t.call.count("seed");
  const scenario::Scenario generated = scenario::generate_scenario(o);
  scenario::write_scenario_files(generated, t.dir);
  t.statement_files = scenario::write_statements(generated, t.dir);
  const scenario::ScenarioSummary summary = scenario::summarize(generated);
  t.out << "   " << with_thousands(summary.transactions) << " transactions, "
        << with_thousands(summary.laundering_transactions) << " of them laundering, "
        << with_thousands(summary.victims) << " victims\n\n";
}

void ingest(Tour& t) {
  t.out << "2. Ingesting transactions, accounts and exchange rates into a case file\n";
  LoadRequest request;
  request.inputs = {(t.dir / "transactions.csv").string()};
  request.accounts_files = {(t.dir / "accounts.csv").string()};
  request.rates_files = {(t.dir / "rates.csv").string()};
  request.rejects_path = (t.dir / "rejects.csv").string();
  request.command_line = t.call.command_line();
  t.loaded = load_case(request);
  t.case_path = (t.dir / "case.mtc").string();
  write_case_file(t.case_path, t.loaded.graph, t.loaded.report.provenance);
  t.flows.emplace(FlowView::build(t.loaded.graph));
  t.out << "   wrote " << t.case_path << "\n\n";
}

void stats(Tour& t) {
  t.out << "3. What the case holds (moneytrail stats):\n\n";
  const TransactionGraph& g = t.loaded.graph;
  print_stats_table(t.out, g, compute_graph_stats(g), t.loaded.report);
}

void victims_pagerank(Tour& t) {
  t.out << "\n4. Who matters: personalized PageRank from the victims (moneytrail centrality"
        << " --measure ppr --seed-label victim)\n";
  const TransactionGraph& g = t.loaded.graph;
  CentralityOptions options;
  options.measure = CentralityMeasure::ppr;
  for (VertexId v = 0; v < g.num_accounts(); ++v)
    if (g.accounts().labels[v] & kLabelVictim) options.seeds.push_back(v);
  const CentralityScores scores = centrality(*t.flows, options);
  // Victims rank high by construction and exchanges collect everyone's money; the cards and
  // payment accounts next in line are where mule cards and running-points accounts sit.
  std::vector<VertexId> order(scores.score.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](VertexId a, VertexId b) { return scores.score[a] > scores.score[b]; });
  std::erase_if(order, [&](VertexId v) {
    const AccountKind kind = g.accounts().kind[v];
    return (g.accounts().labels[v] & kLabelVictim) ||
           (kind != AccountKind::bank_card && kind != AccountKind::payment_account);
  });
  order.resize(std::min<std::size_t>(order.size(), 8));
  t.out << "   highest-ranked cards and payment accounts other than the victims:\n";
  write_centrality(t.out, OutputFormat::table, g, options.measure, scores, order, t.loaded.report);
}

void victim_trace(Tour& t) {
  const TransactionGraph& g = t.loaded.graph;
  const auto victim_tag = g.typologies().find("victim_payment");
  for (TxIndex x = 0; x < g.num_transactions() && victim_tag && !t.payment; ++x)
    if (g.transactions().typology[x] == *victim_tag) t.payment = x;
  if (!t.payment) return;
  t.out << "\n5. Where one victim's money went (moneytrail trace --tx "
        << g.transaction_id(*t.payment) << " --policy fifo --paths 3):\n\n";
  const TraceContext context(g);
  TraceOptions forward_options;
  forward_options.paths = 3;
  const ForwardTraceResult forward =
      trace_forward(context, std::span<const TxIndex>(&*t.payment, 1), forward_options);
  print_trace_table(t.out, g, forward, 8);
  t.victim_trace = subgraph_of_trace(g, forward);
  // And back from the first cash-out it reached.
  for (const TraceEndpoint& e : forward.endpoints) {
    if (e.status != EndpointStatus::cashed_out) continue;
    std::optional<TxIndex> into;
    for (const TracedTransaction& x : forward.transactions)
      if (g.transactions().to[x.tx] == e.account) into = x.tx;
    if (!into) break;
    t.out << "\n6. And back: where the money of " << g.transaction_id(*into) << " into "
          << g.account_id(e.account) << " came from (moneytrail trace --direction backward"
          << " --tx " << g.transaction_id(*into) << "):\n\n";
    TraceOptions backward_options;
    backward_options.max_origins = 6;
    print_trace_table(t.out, g, trace_backward(context, *into, backward_options), 6);
    break;
  }
}

void clusters(Tour& t) {
  t.out << "\n7. The mule clusters behind it all (moneytrail clusters " << t.case_path
        << " --top 3):\n\n";
  const TransactionGraph& g = t.loaded.graph;
  t.scoring.emplace(score_accounts(g, *t.flows));
  const ClusterReport report = evidence_clusters(g, *t.flows, *t.scoring);
  const std::vector<FlowBlock> no_blocks;
  print_cluster_table(t.out,
                      {g, no_blocks, report, std::min<std::size_t>(3, report.clusters.size())});
}

void scores(Tour& t) {
  t.out << "\n8. Every account's mule risk, with reasons (moneytrail score " << t.case_path
        << " --top 5):\n\n";
  const TransactionGraph& g = t.loaded.graph;
  const AccountScoring& run = *t.scoring;
  std::vector<VertexId> order(g.num_accounts());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](VertexId a, VertexId b) {
    return run.scores.score[a] > run.scores.score[b];
  });
  order.resize(std::min<std::size_t>(order.size(), 5));
  write_account_scores(t.out, OutputFormat::table,
                       {g, run.scores.score, [&](VertexId v) { return score_reasons(run, v); },
                        "unsupervised", order, std::nullopt, run.typologies},
                       t.loaded.report);
  t.out << "   typology hits:";
  for (int k = 0; k < kTypologyCount; ++k)
    t.out << " " << to_string(static_cast<Typology>(k)) << " " << run.typologies.counts[k];
  // Checked against the generator's truth, as `moneytrail evaluate` does.
  std::vector<std::uint8_t> positive(g.num_accounts(), 0);
  for (const AccountLabelRow& row : read_account_labels((t.dir / "truth_accounts.csv").string()))
    if (const auto v = g.find_account(row.account); v && row.positive) positive[*v] = 1;
  std::vector<double> degree(g.num_accounts());
  for (VertexId v = 0; v < g.num_accounts(); ++v) degree[v] = g.in_degree(v) + g.out_degree(v);
  const std::vector<std::size_t> k = {100};
  const RankingEvaluation ours = evaluate_ranking(run.scores.score, positive, k);
  const RankingEvaluation baseline = evaluate_ranking(degree, positive, k);
  t.out << "\n   against the truth (moneytrail evaluate): PR-AUC " << score_text(ours.pr_auc)
        << " (ranking by degree: " << score_text(baseline.pr_auc) << "), precision at 100 "
        << score_text(ours.at_k[0].precision) << ", " << ours.positives
        << " laundering accounts of " << with_thousands(g.num_accounts()) << "\n";
}

void bank_statements(Tour& t) {
  t.out << "\n9. The same case as the banks deliver it: one statement retrieval per bank, each "
           "transfer\n   seen from both sides (moneytrail ingest statements/*.csv):\n";
  LoadRequest request;
  for (const std::string& file : t.statement_files.files)
    if (file.find("truth_") == std::string::npos) request.inputs.push_back((t.dir / file).string());
  const LoadedCase banks = load_case(request);
  const StatementMergeReport& m = *banks.report.statements;
  t.out << "   " << with_thousands(m.rows) << " statement rows from " << request.inputs.size()
        << " banks: " << with_thousands(m.matched_by_serial + m.matched_by_time)
        << " two-sided transfers merged (" << with_thousands(m.matched_by_time)
        << " without a serial number, by time and amount), " << with_thousands(m.one_sided)
        << " one-sided, " << with_thousands(m.opening_balances)
        << " opening balances from the balance column, " << m.gaps.size()
        << " balance gaps where rows are missing\n";
  const TransactionGraph& g = t.loaded.graph;
  const auto victim_tag = g.typologies().find("victim_payment");
  for (TxIndex x = 0; x < g.num_transactions() && victim_tag; ++x) {
    if (g.transactions().typology[x] != *victim_tag) continue;
    const auto same = banks.graph.find_transaction(g.transaction_id(x));
    if (!same) continue;  // its banks gave no serial number
    t.out << "   tracing victim payment " << g.transaction_id(x)
          << " through the statements (moneytrail trace --tx):\n\n";
    print_trace_table(
        t.out, banks.graph,
        trace_forward(TraceContext(banks.graph), std::span<const TxIndex>(&*same, 1), {}), 5);
    break;
  }
}

void html_report(Tour& t) {
  if (!t.victim_trace) return;
  const std::string html = (t.dir / "victim-trace.html").string();
  t.out << "\n10. A report to open in a browser (moneytrail trace ... --export "
           "victim-trace.html):\n";
  if (!find_cytoscape_js()) {
    t.out << "   skipped: cytoscape.js is not installed (scripts/setup.sh runs npm ci in web/)\n";
    return;
  }
  t.victim_trace->provenance = provenance_text(t.loaded.report);
  write_subgraph_file(html, GraphFileFormat::html, t.loaded.graph, *t.victim_trace, t.out);
  t.out << "   wrote " << html << " (self-contained: works offline)\n";
}

void next_steps(Tour& t) {
  const TransactionGraph& g = t.loaded.graph;
  const std::string m = "moneytrail", c = t.case_path, dir = t.dir.string();
  t.out << "\nTry next:\n"
        << "  " << m << " stats " << c << " --format json\n"
        << "  " << m << " ingest " << dir << "/transactions.csv --accounts " << dir
        << "/accounts.csv --rates " << dir << "/rates.csv -o my.mtc\n"
        << "  " << m << " centrality " << c << " --measure betweenness --samples 256 --top 10\n"
        << "  " << m << " centrality " << c << " --measure hits --top 10 --format json\n"
        << "  " << m << " communities " << c << " --method leiden -o communities.csv\n"
        << "  " << m << " clusters " << c << " --format json --top 5\n"
        << "  " << m << " score " << c << " -o scores.csv --hits hits.csv\n"
        << "  " << m << " evaluate scores.csv " << dir << "/truth_accounts.csv\n"
        << "  " << m << " export " << c << " --select cluster:1 --to graphml -o cluster1.graphml\n"
        << "  " << m << " trace " << c << " --from "
        << (t.payment ? std::string(g.account_id(g.transactions().from[*t.payment])) : "ACCOUNT")
        << " --policy haircut --format json\n"
        << "  " << m << " generate --transactions 1000000 --seed 1 -o big-case\n"
        << "  " << m << " help trace\n"
        << "Ground truth for checking results: " << dir << "/truth_accounts.csv\n";
}

void demo_options(OptionGroups& groups) {
  po::options_description group("demo options");
  group.add_options()("dir",
                      text_value("DIR")->default_value(
                          (std::filesystem::temp_directory_path() / "moneytrail-demo").string()),
                      "directory for the generated scenario and case file")(
      "seed", count_value("seed", 7, 0, UINT64_MAX), "scenario seed");
  groups.push_back({"demo options", group});
}

int run_demo(const Call& call) {
  Tour tour{call, call.text("dir")};
  for (void (*step)(Tour&) : {generate, ingest, stats, victims_pagerank, victim_trace, clusters,
                              scores, bank_statements, html_report, next_steps})
    step(tour);
  return kExitOk;
}

}  // namespace

const CommandSpec kDemoCommand = {
    "demo",
    "generate a laundering scenario, ingest it and tour the analyses",
    "[--dir DIR] [--seed S]",
    "Generates a small telecom-fraud scenario, ingests it, and runs each analysis on it with the "
    "command that does the same: stats, personalized PageRank, a forward and a backward trace, "
    "mule clusters, scores checked against the truth, the same case as bank statements, and an "
    "HTML report. A minute's introduction to the tool; the files stay in DIR to try the commands "
    "on.",
    {{"demo", "the tour, in a temporary directory"},
     {"demo --dir tour --seed 3", "another scenario, kept in ./tour"}},
    demo_options,
    false,
    run_demo};

}  // namespace moneytrail::cli
