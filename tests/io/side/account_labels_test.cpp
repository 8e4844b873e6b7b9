// Ground-truth labels and score tables: both label layouts, every rejected input with its
// file:line:column, and score tables with quoted reasons and provenance comments.
#include "io/side/account_labels.h"

#include <gtest/gtest.h>

#include "graph/input_error.h"
#include "io/side/score_table.h"
#include "test_support.h"

namespace moneytrail {
namespace {

using testing::TempDir;

// The InputError `read` throws, checked for its line and column.
template <typename Read>
InputError error_of(Read read) {
  try {
    read();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no InputError thrown";
  return InputError("", 0, "", "");
}

TEST(AccountLabels, LabelLayoutAnyColumnOrderAndSpellings) {
  TempDir dir;
  const auto path = dir.write("labels.csv",
                              "note,LABEL,Account\n"
                              "x,1,a\n"
                              "y, No ,b\n"
                              "z,MULE,c\n"
                              "\"q, r\",clean,\"d,1\"\n"
                              "w,Laundering,e\n"
                              "w,normal,f\n"
                              "w,positive,g\n"
                              "w,false,h\n");
  const auto rows = read_account_labels(path);
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0].account, "a");
  EXPECT_TRUE(rows[0].positive);
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_FALSE(rows[1].positive);
  EXPECT_TRUE(rows[2].positive);
  EXPECT_EQ(rows[3].account, "d,1");
  EXPECT_FALSE(rows[3].positive);
  EXPECT_TRUE(rows[4].positive);
  EXPECT_FALSE(rows[5].positive);
  EXPECT_TRUE(rows[6].positive);
  EXPECT_FALSE(rows[7].positive);
}

TEST(AccountLabels, GeneratorTruthRoles) {
  TempDir dir;
  const auto path = dir.write("truth_accounts.csv",
                              "account,role,group,tier,commission\n"
                              "n1,normal,,,\n"
                              "v1,victim,0,,\n"
                              "m1,mule,0,1,\n"
                              "r1,running_points,0,,0.0150\n"
                              "o1,otc,1,,\n"
                              "c1,crypto_hop,1,,\n"
                              "g1,organiser,1,,\n"
                              "x1,cash_out,1,,\n"
                              "atm,cash_out,,,\n");
  const auto rows = read_account_labels(path);
  ASSERT_EQ(rows.size(), 9u);
  const std::vector<bool> expected = {false, false, true, true, true, true, true, true, false};
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].positive, expected[i]) << i;
  EXPECT_EQ(rows[8].account, "atm");
  EXPECT_EQ(rows[8].line, 10u);
}

TEST(AccountLabels, BomAndCrlf) {
  TempDir dir;
  const auto path = dir.write("bom.csv",
                              "\xEF\xBB\xBF"
                              "account,label\r\na,yes\r\nb,0\r\n");
  const auto rows = read_account_labels(path);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].account, "a");
  EXPECT_TRUE(rows[0].positive);
  EXPECT_EQ(rows[1].account, "b");
  EXPECT_FALSE(rows[1].positive);
  EXPECT_EQ(rows[1].line, 3u);
}

TEST(AccountLabels, Errors) {
  TempDir dir;
  auto error = [&](const std::string& content) {
    const auto path = dir.write("bad.csv", content);
    return error_of([&] { read_account_labels(path); });
  };
  InputError e = error("account,label\na,1\nb,maybe\n");
  EXPECT_EQ(e.line(), 3u);
  EXPECT_EQ(e.column(), "label");
  EXPECT_NE(e.reason().find("bad label 'maybe'"), std::string::npos) << e.what();

  e = error("account,role,group,tier,commission\na,mule,0,1,\nb,smurf,0,,\n");
  EXPECT_EQ(e.line(), 3u);
  EXPECT_EQ(e.column(), "role");
  EXPECT_NE(e.reason().find("'smurf'"), std::string::npos);

  e = error("account,kind\na,person\n");  // neither label nor role
  EXPECT_EQ(e.line(), 1u);

  e = error("id,label\na,1\n");  // no account column
  EXPECT_EQ(e.line(), 1u);
  EXPECT_EQ(e.column(), "account");

  e = error("account,label\na,1\nb,0\na,0\n");
  EXPECT_EQ(e.line(), 4u);
  EXPECT_EQ(e.column(), "account");
  EXPECT_NE(e.reason().find("line 2"), std::string::npos) << e.what();

  e = error("account,label\n  ,1\n");
  EXPECT_EQ(e.line(), 2u);
  EXPECT_EQ(e.column(), "account");

  e = error("note,account,label\nx,a\n");  // too few fields
  EXPECT_EQ(e.line(), 2u);

  e = error("account,label\n");
  EXPECT_EQ(e.line(), 0u);

  e = error_of([&] { read_account_labels(dir.file("missing.csv")); });
  EXPECT_EQ(e.line(), 0u);
  EXPECT_NE(e.reason().find("cannot open"), std::string::npos);
}

TEST(ScoreTable, CommentsQuotedReasonsAndDegree) {
  TempDir dir;
  const auto path = dir.write("scores.csv",
                              "\xEF\xBB\xBF# moneytrail score case.mtc, \"quoted\" args\r\n"
                              "# version 1\r\n"
                              "account,score,reasons,degree\r\n"
                              "a,0.75,\"fan-in 12; relays 98%, fast\",12\r\n"
                              "\"b,2\",1e-3,\"two\nlines\",3\r\n"
                              "c,0,,1\r\n");
  const ScoreTable t = read_score_table(path);
  ASSERT_EQ(t.accounts.size(), 3u);
  EXPECT_EQ(t.accounts[1], "b,2");
  EXPECT_DOUBLE_EQ(t.score[0], 0.75);
  EXPECT_DOUBLE_EQ(t.score[1], 0.001);
  EXPECT_EQ(t.degree, (std::vector<double>{12, 3, 1}));
}

TEST(ScoreTable, NoDegreeColumn) {
  TempDir dir;
  const auto path = dir.write("scores.csv", "score,account\n2,a\n1,b\n");
  const ScoreTable t = read_score_table(path);
  EXPECT_EQ(t.accounts, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(t.degree.empty());
}

TEST(ScoreTable, Errors) {
  TempDir dir;
  auto error = [&](const std::string& content) {
    const auto path = dir.write("bad.csv", content);
    return error_of([&] { read_score_table(path); });
  };
  InputError e = error("# provenance\naccount,score\na,0.5\nb,high\n");
  EXPECT_EQ(e.line(), 4u);
  EXPECT_EQ(e.column(), "score");
  EXPECT_NE(e.reason().find("'high'"), std::string::npos);

  e = error("account,score\na,nan\n");
  EXPECT_EQ(e.column(), "score");

  e = error("account,score,degree\na,1,x\n");
  EXPECT_EQ(e.column(), "degree");

  e = error("account,score\na,1\nb,2\na,3\n");
  EXPECT_EQ(e.line(), 4u);
  EXPECT_NE(e.reason().find("line 2"), std::string::npos);

  e = error("account,reasons\na,x\n");
  EXPECT_EQ(e.line(), 1u);
  EXPECT_EQ(e.column(), "score");

  e = error("account,score,reasons\na,1,\"open\n");
  EXPECT_EQ(e.line(), 2u);

  e = error("account,score,degree\na,1\n");
  EXPECT_EQ(e.line(), 2u);

  e = error_of([&] { read_score_table(dir.file("missing.csv")); });
  EXPECT_EQ(e.line(), 0u);
  EXPECT_NE(e.reason().find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace moneytrail
