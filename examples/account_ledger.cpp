// Example: print one account's transactions in processing order with its running balance.
//   account_ledger INPUT ACCOUNT_ID
// Shows the library API: load_case() for any input, find_account(), and the time-sorted
// incoming and outgoing transaction lists, merged by TxIndex (which is processing order).
#include <cstdio>
#include <exception>
#include <string>

#include "io/csv/field_parsers.h"
#include "io/load_case.h"

int main(int argc, char** argv) {
  using namespace moneytrail;
  if (argc != 3) {
    std::fprintf(stderr, "usage: account_ledger INPUT ACCOUNT_ID\n");
    return 2;
  }
  try {
    LoadRequest request;
    request.inputs = {argv[1]};
    const TransactionGraph graph = load_case(request).graph;
    const auto account = graph.find_account(argv[2]);
    if (!account) {
      std::fprintf(stderr, "no account '%s' in %s\n", argv[2], argv[1]);
      return 2;
    }
    const auto in = graph.in_transactions(*account);
    const auto out = graph.out_transactions(*account);
    const TransactionTable& tx = graph.transactions();
    double balance = graph.accounts().has_opening_balance(*account)
                         ? graph.accounts().opening_balance[*account]
                         : 0.0;
    std::printf("%-22s %-20s %-4s %-24s %14s %14s\n", "time", "id", "dir", "counterparty", "amount",
                "balance");
    std::size_t i = 0, o = 0;
    while (i < in.size() || o < out.size()) {
      // Both lists are sorted by TxIndex; merging them replays the account in processing order.
      const bool take_in = o == out.size() || (i < in.size() && in[i] < out[o]);
      const TxIndex t = take_in ? in[i++] : out[o++];
      const double amount = take_in ? tx.received_amount[t] : -tx.amount[t];
      balance += amount;
      const VertexId other = take_in ? tx.from[t] : tx.to[t];
      std::printf("%-22s %-20.20s %-4s %-24.24s %14.2f %14.2f\n",
                  format_timestamp(tx.timestamp[t]).c_str(),
                  std::string(graph.transaction_id(t)).c_str(), take_in ? "in" : "out",
                  std::string(graph.account_id(other)).c_str(), amount, balance);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "account_ledger: %s\n", e.what());
    return 1;
  }
  return 0;
}
