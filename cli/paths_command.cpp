// moneytrail paths INPUT --from A (--to B | --to-kind KIND): how money could have got from A to B.
#include "algorithms/tracing/account_paths.h"
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "io/report/paths_report.h"

namespace moneytrail::cli {
namespace {

void paths_options(OptionGroups& groups) {
  po::options_description group("paths options");
  auto add = group.add_options();
  add("from", text_value("ACCOUNT"), "where the paths start");
  add("to", text_value("ACCOUNT"), "where they end");
  add("to-kind",
      choice_value("to-kind",
                   {"cash", "bank_card", "bank_account", "payment_account", "platform",
                    "crypto_address", "exchange_account", "merchant"},
                   false),
      "or: end at the first account of this kind (cash: any cash-out: cash, exchange or crypto)");
  add("max-hops", count_value("max-hops", 6, 1, 64), "paths of at most N transactions");
  add("top", count_value("top", 10, 1, 100000), "the N widest paths");
  add("since", text_value("TIME"), "only transactions at or after this time");
  add("until", text_value("TIME"), "only transactions up to this time");
  add("max-steps", count_value("max-steps", 50'000'000, 1, UINT64_MAX),
      "search budget in transactions considered; the output says when it ran out");
  groups.push_back({"paths options", group});
  add_input_options(groups);
  add_output_options(groups, {"json", "table", "csv"},
                     "json, table or csv (default: table on a terminal, else json)");
}

std::vector<bool> targets_of(const Call& call, const TransactionGraph& graph, PathQuery& query) {
  std::vector<bool> targets(graph.num_accounts(), false);
  if (call.has("to")) {
    query.to = call.text("to");
    targets[resolve_account(graph, query.to)] = true;
    return targets;
  }
  query.to_kind = call.text("to-kind");
  const auto kind = parse_account_kind(query.to_kind);
  for (VertexId v = 0; v < graph.num_accounts(); ++v) {
    const AccountKind k = graph.accounts().kind[v];
    targets[v] = query.to_kind == "cash" ? is_cash_out_kind(k) : k == *kind;
  }
  return targets;
}

int run_paths(const Call& call) {
  const OutputFormat format = output_format(call, "json, table or csv", OutputFormat::json);
  if (!call.has("from")) throw UsageError("give the start: --from ACCOUNT");
  if (call.has("to") == call.has("to-kind"))
    throw UsageError("give the end: --to ACCOUNT or --to-kind KIND");
  AccountPathOptions options;
  options.max_hops = static_cast<std::uint32_t>(call.count("max-hops"));
  options.top = call.count("top");
  options.since = timestamp_option(call, "since");
  options.until = timestamp_option(call, "until");
  options.max_steps = call.count("max-steps");
  const LoadedCase loaded = load_inputs(call);
  const TransactionGraph& graph = loaded.graph;
  PathQuery query;
  query.from = resolve_account(graph, call.text("from"));
  query.max_hops = options.max_hops;
  const std::vector<bool> targets = targets_of(call, graph, query);
  const AccountPathResult result = account_paths(graph, query.from, targets, options);
  ResultOutput out(call);
  write_paths(out.stream(), format, graph, query, result, loaded.report,
              csv_provenance(call, loaded.report));
  out.commit(std::to_string(result.paths.size()) + " paths");
  if (result.truncated)
    call.note("the search budget ran out after " + std::to_string(result.steps) +
              " steps: wider paths may exist (--max-steps, --max-hops, --since/--until)");
  return kExitOk;
}

}  // namespace

const CommandSpec kPathsCommand = {
    "paths",
    "how money could have got from one account to another: time-respecting paths, widest first",
    "INPUT... --from ACCOUNT (--to ACCOUNT | --to-kind KIND) [OPTIONS]",
    "Finds chains of transactions from --from to --to (or to the first account of a kind) in "
    "which each hop happens at or after the one before it and no account appears twice, and "
    "lists the widest: a path's value is its smallest hop, the most that could have moved along "
    "all of it. Paths through the same accounts are listed once, with their widest transactions. "
    "It follows no attribution rule; trace says how much of a victim's money did go each way.",
    {{"paths case.mtc --from 6222000011112222 --to 6228480000000066555",
      "the ten widest routes between two cards"},
     {"paths case.mtc --from 6222000011112222 --to-kind cash --max-hops 4",
      "routes from a card to any cash-out, in at most four transfers"},
     {"paths case.mtc --from A --to B --since 2026-02-01 --until 2026-02-10 --format csv",
      "one CSV row per hop, within ten days"}},
    paths_options,
    true,
    run_paths};

}  // namespace moneytrail::cli
