#include <gtest/gtest.h>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <boost/graph/strong_components.hpp>
#include <random>

#include "graph/bgl_adapter.h"
#include "graph/graph_builder.h"

namespace moneytrail {
namespace {

TransactionInput tx(std::string_view id, Timestamp t, std::string_view from, std::string_view to,
                    Amount amount) {
  TransactionInput in;
  in.id = id;
  in.timestamp = t;
  in.from = from;
  in.to = to;
  in.amount = in.received_amount = amount;
  in.currency = "CNY";
  return in;
}

TEST(TransactionGraph, NumbersTransactionsInProcessingOrderAndKeepsInputPosition) {
  GraphBuilder b;
  ASSERT_EQ(b.add_transaction(tx("t1", 300, "A", "B", 10)), GraphBuilder::AddResult::added);
  ASSERT_EQ(b.add_transaction(tx("t2", 100, "B", "C", 20)), GraphBuilder::AddResult::added);
  ASSERT_EQ(b.add_transaction(tx("t3", 100, "A", "C", 30)), GraphBuilder::AddResult::added);
  ASSERT_EQ(b.add_transaction(tx("t4", 200, "C", "A", 40)), GraphBuilder::AddResult::added);
  TransactionGraph g = std::move(b).build();
  ASSERT_EQ(g.num_transactions(), 4u);
  ASSERT_EQ(g.num_accounts(), 3u);
  // (timestamp, input order): t2 (100, #1), t3 (100, #2), t4 (200), t1 (300).
  EXPECT_EQ(g.transaction_id(0), "t2");
  EXPECT_EQ(g.transaction_id(1), "t3");
  EXPECT_EQ(g.transaction_id(2), "t4");
  EXPECT_EQ(g.transaction_id(3), "t1");
  EXPECT_EQ(g.transactions().input_position[3], 0u);
  EXPECT_EQ(g.transactions().amount[1], 30);
  // Accounts are numbered in order of first appearance.
  EXPECT_EQ(g.account_id(0), "A");
  EXPECT_EQ(*g.find_account("C"), 2u);
  EXPECT_FALSE(g.find_account("Z"));
  EXPECT_EQ(*g.find_transaction("t4"), 2u);
  // Many ids in one pass: unknown ones empty, repeats answered like the first.
  const std::vector<std::string> ids = {"t1", "nope", "t2", "t1"};
  const auto found = g.find_transactions(ids);
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0], std::optional<TxIndex>(3));
  EXPECT_FALSE(found[1]);
  EXPECT_EQ(found[2], std::optional<TxIndex>(0));
  EXPECT_EQ(found[3], std::optional<TxIndex>(3));
}

TEST(TransactionGraph, RejectsDuplicateIds) {
  GraphBuilder b;
  EXPECT_EQ(b.add_transaction(tx("x", 1, "A", "B", 1)), GraphBuilder::AddResult::added);
  EXPECT_EQ(b.add_transaction(tx("x", 2, "B", "C", 1)), GraphBuilder::AddResult::duplicate_id);
  EXPECT_EQ(b.num_transactions(), 1u);
  EXPECT_EQ(b.num_accounts(), 2u);  // the duplicate created no accounts
}

TEST(TransactionGraph, AccountsLookedUpOnceGiveTheSameGraph) {
  // Adding by vertex (as the statement merge does) equals adding by account id.
  GraphBuilder by_id, by_vertex;
  by_id.add_transaction(tx("t1", 5, "A", "B", 10));
  by_id.add_transaction(tx("t2", 3, "B", "C", 7));
  AccountInput holder;
  holder.id = "B";
  holder.holder = "Li|1101";
  by_id.set_account(holder);
  const VertexId a = by_vertex.add_account("A"), b = by_vertex.add_account("B");
  EXPECT_EQ(by_vertex.add_account("A"), a);
  const VertexId c = by_vertex.add_account("C");
  EXPECT_EQ(by_vertex.add_transaction(tx("t1", 5, "", "", 10), a, b),
            GraphBuilder::AddResult::added);
  EXPECT_EQ(by_vertex.add_transaction(tx("t2", 3, "", "", 7), b, c),
            GraphBuilder::AddResult::added);
  EXPECT_EQ(by_vertex.add_transaction(tx("t2", 9, "", "", 1), a, c),
            GraphBuilder::AddResult::duplicate_id);
  by_vertex.set_account(b, holder);
  const TransactionGraph g1 = std::move(by_id).build(), g2 = std::move(by_vertex).build();
  ASSERT_EQ(g2.num_transactions(), 2u);
  ASSERT_EQ(g2.num_accounts(), 3u);
  for (TxIndex t = 0; t < 2; ++t) {
    EXPECT_EQ(g1.transaction_id(t), g2.transaction_id(t));
    EXPECT_EQ(g1.account_id(g1.transactions().from[t]), g2.account_id(g2.transactions().from[t]));
    EXPECT_EQ(g1.account_id(g1.transactions().to[t]), g2.account_id(g2.transactions().to[t]));
  }
  EXPECT_EQ(g2.name(g2.accounts().holder[*g2.find_account("B")]), "Li|1101");
}

// Random multigraph: every invariant the data model promises, checked by brute force.
TEST(TransactionGraph, AdjacencyInvariantsOnRandomGraph) {
  std::mt19937 rng(7);
  GraphBuilder b;
  const int n = 50, m = 2000;
  std::vector<std::string> ids;
  for (int i = 0; i < m; ++i) ids.push_back("T" + std::to_string(i));
  for (int i = 0; i < m; ++i) {
    std::string from = "acct" + std::to_string(rng() % n);
    std::string to = "acct" + std::to_string(rng() % n);
    b.add_transaction(tx(ids[i], rng() % 100, from, to, 1 + rng() % 1000));
  }
  TransactionGraph g = std::move(b).build();
  const auto& t = g.transactions();
  std::size_t out_total = 0, in_total = 0;
  auto before = [&](TxIndex a, TxIndex c) {
    return t.timestamp[a] < t.timestamp[c] ||
           (t.timestamp[a] == t.timestamp[c] && t.input_position[a] < t.input_position[c]);
  };
  for (TxIndex i = 1; i < g.num_transactions(); ++i) EXPECT_TRUE(before(i - 1, i));
  for (VertexId v = 0; v < g.num_accounts(); ++v) {
    auto out = g.out_transactions(v);
    auto in = g.in_transactions(v);
    out_total += out.size();
    in_total += in.size();
    for (std::size_t k = 0; k < out.size(); ++k) {
      EXPECT_EQ(t.from[out[k]], v);
      if (k > 0) {
        EXPECT_TRUE(before(out[k - 1], out[k]));
      }
    }
    for (std::size_t k = 0; k < in.size(); ++k) {
      EXPECT_EQ(t.to[in[k]], v);
      if (k > 0) {
        EXPECT_TRUE(before(in[k - 1], in[k]));
      }
    }
  }
  EXPECT_EQ(out_total, static_cast<std::size_t>(m));
  EXPECT_EQ(in_total, static_cast<std::size_t>(m));
  // Input positions are a permutation of 0..m-1 and map back to the original ids.
  for (TxIndex i = 0; i < g.num_transactions(); ++i) {
    EXPECT_EQ(g.transaction_id(i), ids[t.input_position[i]]);
  }
}

TEST(TransactionGraph, ModelsBoostGraphConcepts) {
  BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<TransactionGraph>));
  BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<TransactionGraph>));
  BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<TransactionGraph>));
  BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<TransactionGraph>));

  // A -> B -> C -> A is one strong component; D hangs off C.
  GraphBuilder b;
  b.add_transaction(tx("1", 1, "A", "B", 1));
  b.add_transaction(tx("2", 2, "B", "C", 1));
  b.add_transaction(tx("3", 3, "C", "A", 1));
  b.add_transaction(tx("4", 4, "C", "D", 1));
  TransactionGraph g = std::move(b).build();
  std::vector<std::uint32_t> component(g.num_accounts());
  const auto count = boost::strong_components(
      g, boost::make_iterator_property_map(component.begin(), get(boost::vertex_index, g)));
  EXPECT_EQ(count, 2);
  EXPECT_EQ(component[0], component[1]);
  EXPECT_EQ(component[1], component[2]);
  EXPECT_NE(component[2], component[3]);

  std::vector<std::uint32_t> distance(g.num_accounts(), 0);
  boost::breadth_first_search(
      g, *g.find_account("A"),
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(
          boost::make_iterator_property_map(distance.begin(), get(boost::vertex_index, g)),
          boost::on_tree_edge()))));
  EXPECT_EQ(distance[*g.find_account("D")], 3u);
}

TEST(TransactionGraph, AccountsFileWinsOverTransactionHints) {
  GraphBuilder b;
  AccountInput account;
  account.id = "card1";
  account.kind = AccountKind::bank_card;
  account.institution = "ICBC";
  account.holder = "H1";
  account.opening_balance = 500;
  account.labels = kLabelVictim;
  b.set_account(account);
  TransactionInput in = tx("1", 1, "card1", "wallet", 5);
  in.from_kind = AccountKind::merchant;
  in.to_kind = AccountKind::crypto_address;
  in.from_institution = "CCB";
  b.add_transaction(in);
  TransactionGraph g = std::move(b).build();
  const VertexId card = *g.find_account("card1");
  EXPECT_EQ(g.accounts().kind[card], AccountKind::bank_card);
  EXPECT_EQ(g.name(g.accounts().institution[card]), "ICBC");
  EXPECT_EQ(g.name(g.accounts().holder[card]), "H1");
  EXPECT_EQ(g.accounts().opening_balance[card], 500);
  EXPECT_EQ(g.accounts().labels[card], kLabelVictim);
  EXPECT_EQ(g.accounts().kind[*g.find_account("wallet")], AccountKind::crypto_address);
  EXPECT_FALSE(g.accounts().has_opening_balance(*g.find_account("wallet")));
}

TEST(TransactionGraph, AddGraphReproducesTheGraph) {
  GraphBuilder b;
  b.add_transaction(tx("a", 5, "X", "Y", 1.25));
  b.add_transaction(tx("b", 1, "Y", "Z", 2.5));
  b.add_link("X", "Z", LinkKind::device, "D1");
  b.add_rate("USDT", 0, 7.1);
  TransactionGraph g = std::move(b).build();
  GraphBuilder again;
  again.add_graph(g);
  TransactionGraph copy = std::move(again).build();
  ASSERT_EQ(copy.num_transactions(), g.num_transactions());
  for (TxIndex t = 0; t < g.num_transactions(); ++t) {
    EXPECT_EQ(copy.transaction_id(t), g.transaction_id(t));
    EXPECT_EQ(copy.transactions().input_position[t], g.transactions().input_position[t]);
  }
  ASSERT_EQ(copy.links().size(), 1u);
  EXPECT_EQ(copy.name(copy.links()[0].evidence), "D1");
  EXPECT_EQ(*copy.rates().rate("USDT", 10), 7.1);
}

}  // namespace
}  // namespace moneytrail
