// moneytrail restitution INPUT...: what each victim can get back, and where victims' money
// converges.
#include <algorithm>
#include <unordered_map>

#include "algorithms/export/subgraph_select.h"
#include "algorithms/tracing/forward_trace.h"
#include "algorithms/tracing/restitution.h"
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/export_support.h"
#include "io/csv/field_parsers.h"
#include "io/report/restitution_report.h"

namespace moneytrail::cli {
namespace {

void restitution_options(OptionGroups& groups) {
  po::options_description group("restitution options");
  auto add = group.add_options();
  add("tx-file", text_value("FILE"),
      "one victim per line: the victim's payments (transaction ids separated by commas or "
      "spaces), as in trace --tx-file");
  add("victim-label", choice_value("victim-label", {"victim", "suspect", "mule", "clean"}, false),
      "every account with this label (accounts or labels file) is a victim; its debits are its "
      "payments");
  add("since", text_value("TIME"), "with --victim-label: payments at or after this time");
  add("until", text_value("TIME"),
      "payments up to this time, and money followed up to it (held as of then)");
  add("policy",
      choice_value("policy", {"fifo", "haircut", "lifo", "tainted-first", "tainted-last"}),
      "which money a debit takes (docs/tracing.md)");
  add("max-hops", count_value("max-hops", 1, 1u << 31), "stop following money after N hops");
  add("window", text_value("DURATION"),
      "money that sat longer than this (e.g. 72h, 3d) before leaving is not followed on");
  add("dust", number_value("dust", 0, 1e18),
      "holdings under this are summed as dust, not listed (default: half the smallest unit)");
  add("min-victims", count_value("min-victims", 1, 1, 1u << 31),
      "json: list only accounts reached by at least N victims (totals count all)");
  add("threads", count_value("threads", 0, 0, 4096), "threads (0: all cores)");
  add("export", text_value("FILE"),
      "also draw the accounts holding victims' money, each coloured by the victim with the "
      "largest share (.graphml, .gexf, .dot, .json, .csv, .html)");
  groups.push_back({"restitution options", group});
  add_input_options(groups);
  add_output_options(groups, {"json", "csv", "table"},
                     "json, csv or table (default: table on a terminal, else json)");
}

RestitutionOptions restitution_options_of(const Call& call) {
  RestitutionOptions o;
  o.trace.policy = *parse_trace_policy(call.text("policy"));
  if (call.has("max-hops")) o.trace.max_hops = static_cast<std::uint32_t>(call.count("max-hops"));
  o.trace.window = duration_option(call, "window");
  o.trace.until = timestamp_option(call, "until");
  if (call.has("dust")) o.trace.dust_below = call.get<double>("dust");
  o.threads = static_cast<int>(call.count("threads"));
  return o;
}

// The victims' seed sets and, from a --tx-file, their line numbers.
std::pair<std::vector<std::vector<TxIndex>>, std::vector<std::uint64_t>> victims_of(
    const Call& call, const TraceContext& context) {
  if (call.has("tx-file")) {
    auto sets = resolve_seed_sets(context.graph(), call.text("tx-file"));
    const Timestamp until = timestamp_option(call, "until");
    if (until != kNoTime) {
      for (std::vector<TxIndex>& set : sets.first)
        std::erase_if(
            set, [&](TxIndex t) { return context.graph().transactions().timestamp[t] > until; });
    }
    return sets;
  }
  const std::string label = call.text("victim-label");
  auto sets = victim_seed_sets(context, account_label_bit(label), timestamp_option(call, "since"),
                               timestamp_option(call, "until"));
  if (sets.empty())
    throw UsageError("no account labelled '" + label + "' has a payment" +
                     (call.has("since") || call.has("until") ? " in the window" : ""));
  return {std::move(sets), {}};
}

// The accounts holding victims' money, each in the group of the victim with the largest share.
Subgraph holdings_subgraph(const FlowView& flows, const RestitutionResult& result) {
  std::vector<const ConvergencePoint*> points;
  std::vector<VertexId> accounts;
  std::vector<std::int64_t> groups;
  for (const ConvergencePoint& p : result.accounts) {
    if (p.holding_victims == 0) continue;
    const auto largest = std::max_element(
        p.by_victim.begin(), p.by_victim.end(),
        [](const VictimShare& a, const VictimShare& b) { return a.held < b.held; });
    points.push_back(&p);
    accounts.push_back(p.account);
    groups.push_back(largest->victim + 1);
  }
  Subgraph sub = subgraph_of_accounts(flows, accounts, groups);
  std::unordered_map<VertexId, const ConvergencePoint*> point_of;
  for (const ConvergencePoint* p : points) point_of.emplace(p->account, p);
  for (SubgraphNode& n : sub.nodes) {
    const auto found = point_of.find(n.account);
    if (found == point_of.end()) continue;
    const ConvergencePoint& p = *found->second;
    n.endpoint = true;
    n.held = p.held;
    n.status = p.status ? std::string(to_string(*p.status)) : "passed_on";
    n.score = p.victims;
  }
  sub.title = "restitution, " + std::to_string(result.victims.size()) + " victims, " +
              std::string(to_string(result.policy));
  return sub;
}

int run_restitution(const Call& call) {
  const OutputFormat format = output_format(call, "json, csv or table", OutputFormat::json);
  if (call.has("tx-file") == call.has("victim-label"))
    throw UsageError("give the victims: --tx-file FILE or --victim-label LABEL");
  if (call.has("since") && !call.has("victim-label"))
    throw UsageError("--since needs --victim-label (a --tx-file names the payments itself)");
  RestitutionOptions options = restitution_options_of(call);
  validate_trace_options(options.trace);
  const LoadedCase loaded = load_inputs(call);
  const TraceContext context(loaded.graph);
  const auto [victims, lines] = victims_of(call, context);
  const RestitutionResult result = restitution(context, victims, options, call.progress());
  ResultOutput out(call);
  write_restitution(out.stream(), format, loaded.graph, result, lines, loaded.report,
                    static_cast<std::uint32_t>(call.count("min-victims")),
                    csv_provenance(call, loaded.report));
  out.commit(std::to_string(result.victims.size()) + " victims");
  if (call.has("export")) {
    Subgraph sub = holdings_subgraph(build_flows(call, loaded.graph), result);
    sub.provenance = provenance_text(loaded.report);
    export_subgraph(call, call.text("export"), loaded.graph, std::move(sub));
  }
  return kExitOk;
}

}  // namespace

const CommandSpec kRestitutionCommand = {
    "restitution",
    "what each victim's money is now and where: a freeze list, and the accounts victims share",
    "INPUT... (--tx-file FILE | --victim-label LABEL) [OPTIONS]",
    "Traces each victim's payments forward on its own (as trace does, on every core) and says, "
    "per victim, how much of its money is held in accounts that still move money (what can be "
    "frozen), cashed out, gone out of the data or lost to fees (the four add up to what it "
    "paid), and where. Across victims it lists the convergence points: the accounts many "
    "victims' money reached or still sits in, which tie cases together. Poison is not offered: "
    "it gives reach, not amounts.",
    {{"restitution case.mtc --victim-label victim", "every labelled victim, as a freeze list"},
     {"restitution case.mtc --tx-file victims.txt --format csv -o holdings.csv",
      "one row per victim and account holding its money"},
     {"restitution case.mtc --victim-label victim --min-victims 2 -o shared.json",
      "JSON listing only the accounts two or more victims' money reached"},
     {"restitution case.mtc --tx-file victims.txt --export holdings.html",
      "the accounts holding victims' money drawn, one colour per victim"}},
    restitution_options,
    true,
    run_restitution};

}  // namespace moneytrail::cli
