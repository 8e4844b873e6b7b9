#include "algorithms/summary/graph_stats.h"

#include <gtest/gtest.h>

#include "algorithms/components/weak_components.h"
#include "graph/graph_builder.h"

namespace moneytrail {
namespace {

// Views only: every argument here is a string literal that outlives the TransactionInput.
TransactionInput tx(std::string_view id, Timestamp t, std::string_view from, std::string_view to,
                    Amount amount, std::string_view currency = "CNY",
                    std::string_view received_currency = "") {
  TransactionInput in;
  in.id = id;
  in.timestamp = t;
  in.from = from;
  in.to = to;
  in.amount = in.received_amount = amount;
  in.currency = currency;
  in.received_currency = received_currency;
  in.channel = Channel::bank_transfer;
  return in;
}

// Hand-computed: components {A,B,C}, {D,E}, {F}; F only through a self-transfer.
TEST(GraphStats, HandComputedCase) {
  GraphBuilder b;
  b.add_transaction(tx("1", 100, "A", "B", 10));
  b.add_transaction(tx("2", 200, "B", "C", 20));
  b.add_transaction(tx("3", 300, "A", "C", 30));
  b.add_transaction(tx("4", 50, "D", "E", 7, "USDT"));
  TransactionInput conversion = tx("5", 400, "E", "D", 700, "CNY", "USDT");
  conversion.received_amount = 98;
  conversion.channel = Channel::exchange_trade;
  b.add_transaction(conversion);
  b.add_transaction(tx("6", 500, "F", "F", 1));
  TransactionGraph g = std::move(b).build();
  GraphStats s = compute_graph_stats(g);
  EXPECT_EQ(s.accounts, 6u);
  EXPECT_EQ(s.transactions, 6u);
  EXPECT_EQ(s.components, 3u);
  EXPECT_EQ(s.largest_component, 3u);
  EXPECT_EQ(s.singleton_components, 1u);
  EXPECT_EQ(s.self_transfers, 1u);
  EXPECT_EQ(s.conversions, 1u);
  EXPECT_EQ(s.first_time, 50);
  EXPECT_EQ(s.last_time, 500);
  EXPECT_EQ(s.transactions_by_channel[static_cast<int>(Channel::bank_transfer)], 5u);
  ASSERT_EQ(s.currencies.size(), 2u);
  EXPECT_EQ(s.currencies[0].currency, "CNY");
  EXPECT_EQ(s.currencies[0].transactions_paid, 5u);
  EXPECT_DOUBLE_EQ(s.currencies[0].paid, 10 + 20 + 30 + 700 + 1);
  EXPECT_EQ(s.currencies[1].transactions_received, 2u);
  EXPECT_DOUBLE_EQ(s.currencies[1].received, 7 + 98);
  // Out-degrees A2 B1 C0 D1 E1 F1 -> sorted 0,1,1,1,1,2: median (3rd) 1, max 2 at A.
  EXPECT_EQ(s.out_degree.median, 1u);
  EXPECT_EQ(s.out_degree.max, 2u);
  EXPECT_EQ(g.account_id(s.out_degree.max_account), "A");
  EXPECT_DOUBLE_EQ(s.out_degree.mean, 1.0);
  // Counterparties: A{B,C} B{A,C} C{B,A} D{E} E{D} F{F}.
  EXPECT_EQ(s.counterparties.max, 2u);
  EXPECT_EQ(s.counterparties.min, 1u);
}

TEST(WeakComponents, EmptyGraph) {
  TransactionGraph g;
  WeakComponentsResult r = weakly_connected_components(g);
  EXPECT_EQ(r.count, 0u);
  EXPECT_EQ(r.largest, 0u);
  GraphStats s = compute_graph_stats(g);
  EXPECT_EQ(s.transactions, 0u);
  EXPECT_EQ(s.first_time, kNoTime);
}

}  // namespace
}  // namespace moneytrail
