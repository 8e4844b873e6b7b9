#include "graph/flow_view.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "graph/graph_builder.h"
#include "graph/ownership_links.h"

namespace moneytrail {
namespace {

TransactionInput tx(const std::string& id, Timestamp t, const std::string& from,
                    const std::string& to, Amount amount, std::string_view currency = "CNY") {
  TransactionInput in;
  in.id = id;
  in.timestamp = t;
  in.from = from;
  in.to = to;
  in.amount = in.received_amount = amount;
  in.currency = currency;
  return in;
}

// The flow view must equal a plain map-based aggregation of the raw transactions.
TEST(FlowView, SumsToTheRawTransactions) {
  std::mt19937 rng(11);
  GraphBuilder b;
  std::vector<std::string> names;
  for (int i = 0; i < 5000; ++i) {
    b.add_transaction(tx("t" + std::to_string(i), rng() % 1000, "a" + std::to_string(rng() % 40),
                         "a" + std::to_string(rng() % 40), 0.01 * (1 + rng() % 100000)));
  }
  TransactionGraph g = std::move(b).build();
  FlowView view = FlowView::build(g);
  struct Agg {
    double value = 0;
    std::uint32_t count = 0;
    Timestamp first = kNoTime, last = kNoTime;
  };
  std::map<std::pair<VertexId, VertexId>, Agg> expected;
  const auto& t = g.transactions();
  for (TxIndex i = 0; i < g.num_transactions(); ++i) {
    Agg& a = expected[{t.from[i], t.to[i]}];
    a.value += t.amount[i];
    if (a.count++ == 0) a.first = t.timestamp[i];
    a.last = t.timestamp[i];
  }
  ASSERT_EQ(view.num_edges(), expected.size());
  std::size_t in_total = 0;
  for (VertexId v = 0; v < view.num_vertices(); ++v) {
    auto [begin, end] = view.out_edges(v);
    for (FlowEdgeIndex e = begin; e < end; ++e) {
      const Agg& a = expected.at({v, view.target(e)});
      EXPECT_NEAR(view.value(e), a.value, 1e-6);
      EXPECT_EQ(view.count(e), a.count);
      EXPECT_EQ(view.first_time(e), a.first);
      EXPECT_EQ(view.last_time(e), a.last);
      if (e > begin) {
        EXPECT_LT(view.target(e - 1), view.target(e));
      }
    }
    for (FlowEdgeIndex e : view.in_edges(v)) EXPECT_EQ(view.target(e), v);
    in_total += view.in_edges(v).size();
  }
  EXPECT_EQ(in_total, view.num_edges());
}

TEST(FlowView, ConvertsThroughRatesAndFlagsMixedCurrencies) {
  GraphBuilder b;
  b.add_transaction(tx("1", 100, "A", "B", 10, "USDT"));
  b.add_transaction(tx("2", 200, "A", "B", 70, "CNY"));
  TransactionGraph plain = std::move(b).build();
  FlowView raw = FlowView::build(plain);
  EXPECT_TRUE(raw.mixes_currencies());
  EXPECT_DOUBLE_EQ(raw.value(0), 80);

  GraphBuilder c;
  c.add_transaction(tx("1", 100, "A", "B", 10, "USDT"));
  c.add_transaction(tx("2", 200, "A", "B", 70, "CNY"));
  c.add_rate("CNY", 0, 1.0);
  c.add_rate("USDT", 0, 7.0);
  c.add_rate("USDT", 150, 7.2);
  TransactionGraph with_rates = std::move(c).build();
  FlowView converted = FlowView::build(with_rates);
  EXPECT_TRUE(converted.converted());
  EXPECT_DOUBLE_EQ(converted.value(0), 10 * 7.0 + 70);

  GraphBuilder d;
  d.add_transaction(tx("1", 100, "A", "B", 10, "USDT"));
  d.add_rate("CNY", 0, 1.0);
  TransactionGraph missing = std::move(d).build();
  EXPECT_THROW(FlowView::build(missing), std::invalid_argument);
}

TEST(OwnershipLinks, CliquesSmallGroupsAndStarsLargeOnes) {
  GraphBuilder b;
  for (int i = 0; i < 3; ++i) {
    AccountInput a;
    std::string id = "card" + std::to_string(i);
    a.id = id;
    a.holder = "H1";
    b.set_account(a);
  }
  for (int i = 0; i < 5; ++i) {
    AccountInput a;
    std::string id = "dev" + std::to_string(i);
    a.id = id;
    a.device = "shared-device";
    b.set_account(a);
  }
  b.add_link("card0", "dev4", LinkKind::other, "same IP");
  TransactionGraph g = std::move(b).build();
  OwnershipLinkOptions options;
  options.max_clique = 4;
  auto links = ownership_links(g, options);
  std::size_t holder = 0, device = 0, other = 0;
  for (const AccountLink& l : links) {
    EXPECT_LT(l.a, l.b);
    holder += l.kind == LinkKind::holder;
    device += l.kind == LinkKind::device;
    other += l.kind == LinkKind::other;
  }
  EXPECT_EQ(holder, 3u);  // clique of 3
  EXPECT_EQ(device, 4u);  // star of 5 (above max_clique)
  EXPECT_EQ(other, 1u);
}

}  // namespace
}  // namespace moneytrail
