// Time-respecting paths on hand-made cases; the widths are worked out beside each.
#include "algorithms/tracing/account_paths.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graph/graph_builder.h"
#include "graph/option_error.h"
#include "graph_fixtures.h"

namespace moneytrail {
namespace {

using testing::graph_of_hops;

TransactionGraph build(const std::vector<testing::TimedHop>& hops) { return graph_of_hops(hops); }

AccountPathResult paths(const TransactionGraph& g, const char* from, const char* to,
                        AccountPathOptions options = {}) {
  std::vector<bool> target(g.num_accounts(), false);
  target[*g.find_account(to)] = true;
  return account_paths(g, *g.find_account(from), target, options);
}

std::vector<std::string> ids(const TransactionGraph& g, const AccountPath& p) {
  std::vector<std::string> out;
  for (TxIndex t : p.transactions) out.emplace_back(g.transaction_id(t));
  return out;
}

TEST(AccountPaths, AHopBeforeTheOneThatBroughtTheMoneyIsNoPath) {
  // B pays C at 100, before A pays B at 200: no money of A's can have gone A -> B -> C.
  const TransactionGraph g = build({{"BC", 100, "B", "C", 50}, {"AB", 200, "A", "B", 80}});
  EXPECT_TRUE(paths(g, "A", "C").paths.empty());
  // Equal times are "at or after".
  const TransactionGraph tie = build({{"AB", 100, "A", "B", 80}, {"BC", 100, "B", "C", 50}});
  ASSERT_EQ(paths(tie, "A", "C").paths.size(), 1u);
  EXPECT_DOUBLE_EQ(paths(tie, "A", "C").paths[0].value, 50);
}

TEST(AccountPaths, WidestFirstByTheSmallestHop) {
  // A -> B -> D: 100 then 30 (width 30) or 100 then 70 at a later time (width 70);
  // A -> C -> D: 60 then 60 (width 60); A -> D directly: 20.
  const TransactionGraph g = build({{"AB", 10, "A", "B", 100},
                                    {"BD1", 20, "B", "D", 30},
                                    {"BD2", 30, "B", "D", 70},
                                    {"AC", 15, "A", "C", 60},
                                    {"CD", 25, "C", "D", 60},
                                    {"AD", 40, "A", "D", 20}});
  const AccountPathResult r = paths(g, "A", "D");
  ASSERT_EQ(r.paths.size(), 3u);  // A-B-D once, with its widest choice
  EXPECT_EQ(ids(g, r.paths[0]), (std::vector<std::string>{"AB", "BD2"}));
  EXPECT_DOUBLE_EQ(r.paths[0].value, 70);
  EXPECT_EQ(r.paths[0].first, 10);
  EXPECT_EQ(r.paths[0].last, 30);
  EXPECT_EQ(ids(g, r.paths[1]), (std::vector<std::string>{"AC", "CD"}));
  EXPECT_EQ(ids(g, r.paths[2]), (std::vector<std::string>{"AD"}));
  EXPECT_EQ(r.currency, "CNY");
  EXPECT_FALSE(r.truncated);

  AccountPathOptions top1;
  top1.top = 1;
  ASSERT_EQ(paths(g, "A", "D", top1).paths.size(), 1u);
  AccountPathOptions one_hop;
  one_hop.max_hops = 1;
  ASSERT_EQ(paths(g, "A", "D", one_hop).paths.size(), 1u);
  AccountPathOptions window;
  window.until = 25;  // BD2 and AD are later
  const AccountPathResult early = paths(g, "A", "D", window);
  ASSERT_EQ(early.paths.size(), 2u);
  EXPECT_EQ(ids(g, early.paths[0]), (std::vector<std::string>{"AC", "CD"}));
}

TEST(AccountPaths, NoAccountTwiceAndTheBudgetIsReported) {
  // A -> B -> A -> C would pass A twice: only A -> C.
  const TransactionGraph g =
      build({{"AB", 1, "A", "B", 10}, {"BA", 2, "B", "A", 10}, {"AC", 3, "A", "C", 5}});
  const AccountPathResult r = paths(g, "A", "C");
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(ids(g, r.paths[0]), (std::vector<std::string>{"AC"}));
  AccountPathOptions tiny;
  tiny.max_steps = 0;
  EXPECT_TRUE(paths(g, "A", "C", tiny).truncated);
  AccountPathOptions bad;
  bad.max_hops = 0;
  EXPECT_THROW(paths(g, "A", "C", bad), OptionError);
}

}  // namespace
}  // namespace moneytrail
