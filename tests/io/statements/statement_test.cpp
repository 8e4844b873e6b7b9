// Chinese bank statements: layouts and encodings, the mirror merge, balance gaps, bad rows.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "graph/graph_builder.h"
#include "graph/input_error.h"
#include "graph/ownership_links.h"
#include "io/load_case.h"
#include "io/statements/statement_merge.h"
#include "io/statements/statement_reader.h"
#include "io/statements/text_encoding.h"
#include "test_support.h"

namespace moneytrail {
namespace {

// Header: card, holder, time, amount, direction, balance, counterparty, its name, summary, serial.
const std::string kHeaderA =
    "交易卡号,户名,交易时间,交易金额,借贷标志,交易余额,对手账号,对手户名,摘要,交易流水号\n";

struct Read {
  StatementSet set;
  StatementFileReport report;
  std::uint64_t rejected = 0;
  std::string_view text(std::size_t row, TextSpan StatementRow::*field) const {
    return set.get(set.rows[row], set.rows[row].*field);
  }
};

LoadedCase load(std::vector<std::string> inputs) {
  LoadRequest request;
  request.inputs = std::move(inputs);
  return load_case(request);
}

Read read(const std::string& path, const StatementReadOptions& options = {}) {
  Read r;
  RejectLog rejects;
  r.report = read_statement_file(path, options, r.set, rejects);
  r.rejected = rejects.count();
  return r;
}

TEST(Statements, DirectionColumnLayoutInUtf8) {
  testing::TempDir dir;
  const std::string path = dir.write(
      "a.csv", "\xEF\xBB\xBF" + kHeaderA +
                   "6222001,张三,2024-03-01 10:00:00,\"1,000.00\",贷,1000.00,6222009,李四,转账,S1\n"
                   "6222001,张三,2024-03-01 10:05:00,990.00,借,10.00,6222002,\"王\"\"五\",转账,\n");
  const Read r = read(path);
  ASSERT_EQ(r.set.rows.size(), 2u);
  EXPECT_EQ(r.report.encoding, TextEncoding::utf8);
  EXPECT_EQ(r.text(0, &StatementRow::account), "6222001");
  EXPECT_DOUBLE_EQ(r.set.rows[0].amount, 1000.0);
  EXPECT_FALSE(r.set.rows[0].outgoing);
  EXPECT_TRUE(r.set.rows[1].outgoing);
  EXPECT_DOUBLE_EQ(r.set.rows[0].balance, 1000.0);
  EXPECT_DOUBLE_EQ(r.set.rows[1].balance, 10.0);
  EXPECT_EQ(r.text(0, &StatementRow::serial), "S1");
  EXPECT_EQ(r.text(1, &StatementRow::serial), "");
  EXPECT_EQ(r.text(0, &StatementRow::counterparty_name), "李四");
  EXPECT_EQ(r.text(1, &StatementRow::counterparty_name), "王\"五");  // unescaped in place
  EXPECT_EQ(r.text(1, &StatementRow::summary), "转账");
  EXPECT_EQ(r.set.currency(r.set.rows[0]), "CNY");
  // 10:00 China time is 02:00 UTC.
  EXPECT_EQ(r.set.rows[0].time % 86400, 2 * 3600);
  EXPECT_EQ(r.set.rows[0].line, 2u);
}

TEST(Statements, SplitDateAndTimeSignedAmountsInGbk) {
  testing::TempDir dir;
  const std::string utf8 =
      "交易账号,交易日期,交易时间,交易金额,交易余额,对方账号,摘要\n"
      "6222002,20240301,100530,990.00,990.00,6222001,转账\n"
      "6222002,20240301,120000,-500,490.00,,ATM取款\n";
  const std::string path = dir.write("b.csv", to_utf8(utf8, TextEncoding::utf8));
  // Re-encode as GB18030 through iconv's inverse: write the GBK bytes of the same text.
  const std::string gbk_path = dir.file("b-gbk.csv");
  ASSERT_EQ(std::system(("iconv -f UTF-8 -t GBK " + path + " > " + gbk_path).c_str()), 0);
  EXPECT_FALSE(is_valid_utf8(testing::read_file(gbk_path)));
  const Read r = read(gbk_path);
  EXPECT_EQ(r.report.encoding, TextEncoding::gb18030);
  ASSERT_EQ(r.set.rows.size(), 2u);
  EXPECT_FALSE(r.set.rows[0].outgoing);
  EXPECT_TRUE(r.set.rows[1].outgoing);
  EXPECT_DOUBLE_EQ(r.set.rows[1].amount, 500.0);
  EXPECT_EQ(r.text(1, &StatementRow::summary), "ATM取款");
  EXPECT_EQ(r.set.rows[0].time % 86400, 2 * 3600 + 5 * 60 + 30);
  EXPECT_TRUE(is_statement_file(gbk_path));
}

TEST(Statements, MappingFileCoversOtherLayouts) {
  testing::TempDir dir;
  const std::string path =
      dir.write("c.csv", "卡,时刻,钱,方向\n6222003,2024-03-01 08:00:00,50,出\n");
  StatementReadOptions options;
  EXPECT_THROW(read(path, options), InputError);  // no built-in name matches
  const std::string mapping = dir.write(
      "m.txt",
      "# our bank's retrieval\naccount = 卡\ntime = 时刻\namount = 钱\ndirection = 方向\n");
  options.mapping = read_statement_mapping(mapping);
  const Read r = read(path, options);
  ASSERT_EQ(r.set.rows.size(), 1u);
  EXPECT_TRUE(r.set.rows[0].outgoing);
  const std::string bad = dir.write("bad.txt", "account = 卡\nwho = x\n");
  try {
    read_statement_mapping(bad);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.column(), "who");
  }
}

TEST(Statements, BadRowsAreRejectedWithTheirLine) {
  testing::TempDir dir;
  const std::string path =
      dir.write("d.csv", kHeaderA +
                             "6222001,张三,2024-03-01 10:00:00,abc,贷,,,,,\n"
                             "6222001,张三,2024-03-01 10:00:00,10,不知道,,,,,\n"
                             "6222001,张三,not a time,10,贷,,,,,\n"
                             "6222001,张三,2024-03-01 10:00:00,10,贷,,,,,\n");
  const Read r = read(path);
  EXPECT_EQ(r.set.rows.size(), 1u);
  EXPECT_EQ(r.report.rows, 4u);
  EXPECT_EQ(r.rejected, 3u);
  StatementReadOptions strict;
  strict.strict = true;
  try {
    read(path, strict);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.column(), "amount");
  }
  // An unknown direction names its column.
  const std::string direction =
      dir.write("e.csv", kHeaderA + "6222001,张三,2024-03-01 10:00:00,10,?,,,,,\n");
  try {
    read(direction, strict);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.column(), "direction");
  }
}

TEST(Statements, EmptyStatementAndNoHeader) {
  testing::TempDir dir;
  const Read empty = read(dir.write("h.csv", kHeaderA));
  EXPECT_TRUE(empty.set.rows.empty());
  EXPECT_EQ(empty.report.rows, 0u);
  EXPECT_THROW(read(dir.write("x.csv", "")), InputError);
  EXPECT_THROW(read(dir.write("y.csv", "id,from,to\n1,a,b\n")), InputError);
}

// Rows built by hand, in one file "s.csv".
struct HandRows {
  StatementSet set;
  HandRows() { set.add_file("s.csv", ""); }
  HandRows& row(std::string_view account, Timestamp time, Amount amount, bool outgoing,
                std::string_view counterparty, std::string_view serial = "",
                Amount balance = std::nan(""), std::uint32_t line = 2) {
    StatementRow r;
    r.account = set.append_text(0, account);
    r.time = time;
    r.amount = amount;
    r.outgoing = outgoing;
    r.counterparty = set.append_text(0, counterparty);
    r.serial = set.append_text(0, serial);
    r.balance = balance;
    r.currency = set.currency_index("CNY");
    r.line = line;
    set.rows.push_back(r);
    return *this;
  }
};

TEST(Statements, MirrorMergeBySerialThenByTime) {
  // A pays B three times: once with a serial on both sides (B's clock 5 minutes off), once
  // without serials (40 s apart), once seen only by A. A different amount never matches.
  HandRows rows;
  rows.row("A", 1000, 100, true, "B", "X1", NAN, 2)
      .row("B", 1300, 100, false, "A", "X1", NAN, 3)
      .row("A", 5000, 200, true, "B", "", NAN, 4)
      .row("B", 5040, 200, false, "A", "", NAN, 5)
      .row("A", 9000, 300, true, "B", "", NAN, 6)
      .row("B", 9000, 301, false, "A", "", NAN, 7);
  GraphBuilder builder;
  const StatementMergeReport r = merge_statements(rows.set, {}, builder);
  EXPECT_EQ(r.matched_by_serial, 1u);
  EXPECT_EQ(r.matched_by_time, 1u);
  EXPECT_EQ(r.one_sided, 2u);
  EXPECT_EQ(r.transactions, 4u);
  ASSERT_EQ(r.matches.size(), 2u);
  EXPECT_TRUE(r.matches[0].by_serial);
  EXPECT_EQ(r.matches[1].payer_line, 4u);
  EXPECT_EQ(r.matches[1].payee_line, 5u);
  const TransactionGraph g = std::move(builder).build();
  EXPECT_EQ(g.num_transactions(), 4u);
  EXPECT_TRUE(g.find_transaction("X1"));
  // Without serials, ids are the payer's file and line; the payer's clock is the time.
  const auto merged = g.find_transaction("s.csv:4");
  ASSERT_TRUE(merged);
  EXPECT_EQ(g.transactions().timestamp[*merged], 5000);
  EXPECT_TRUE(g.find_transaction("s.csv:6"));
  EXPECT_TRUE(g.find_transaction("s.csv:7"));
  // 400 s apart is beyond the default 120 s tolerance.
  HandRows far;
  far.row("A", 0, 50, true, "B").row("B", 400, 50, false, "A", "", NAN, 3);
  GraphBuilder b2;
  EXPECT_EQ(merge_statements(far.set, {}, b2).one_sided, 2u);
}

TEST(Statements, ReusedSerialNumbersAreMadeUniqueNotDropped) {
  // Two banks happen to use serial "S9" for different transfers: both are kept.
  HandRows rows;
  rows.row("A", 1000, 100, true, "B", "S9", NAN, 2).row("C", 2000, 70, true, "D", "S9", NAN, 3);
  GraphBuilder builder;
  const StatementMergeReport r = merge_statements(rows.set, {}, builder);
  EXPECT_EQ(r.transactions, 2u);
  const TransactionGraph g = std::move(builder).build();
  ASSERT_TRUE(g.find_transaction("S9"));
  ASSERT_TRUE(g.find_transaction("S9#2"));
  EXPECT_DOUBLE_EQ(g.transactions().amount[*g.find_transaction("S9#2")], 70);
}

TEST(Statements, BalanceGapsAndOpeningBalance) {
  // A: +100 -> 600 (so it opened with 500), -50 -> 550, then a row claiming 400 (a 150 debit is
  // missing before it), -100 -> 300.
  HandRows rows;
  rows.row("A", 10, 100, false, "B", "", 600, 2)
      .row("A", 20, 50, true, "C", "", 550, 3)
      .row("A", 30, 100, false, "D", "", 400, 4)
      .row("A", 40, 100, true, "E", "", 300, 5);
  GraphBuilder builder;
  const StatementMergeReport r = merge_statements(rows.set, {}, builder);
  ASSERT_EQ(r.gaps.size(), 1u);
  EXPECT_EQ(r.gaps[0].line, 4u);
  EXPECT_DOUBLE_EQ(r.gaps[0].expected, 650);
  EXPECT_DOUBLE_EQ(r.gaps[0].found, 400);
  EXPECT_EQ(r.opening_balances, 1u);
  const TransactionGraph g = std::move(builder).build();
  EXPECT_DOUBLE_EQ(g.accounts().opening_balance[*g.find_account("A")], 500);
}

TEST(Statements, LoadCaseDetectsStatementsAndMergesAcrossFiles) {
  testing::TempDir dir;
  const std::string a = dir.write(
      "a.csv", kHeaderA + "6222001,张三,2024-03-01 10:00:00,990.00,借,10.00,6222002,王五,转账,\n");
  const std::string b = dir.write("b.csv",
                                  "交易账号,交易时间,交易金额,借贷标志,交易余额,对方账号\n"
                                  "6222002,2024-03-01 10:00:30,990.00,进,990.00,6222001\n");
  const LoadedCase loaded = load({a, b});
  EXPECT_EQ(loaded.graph.num_transactions(), 1u);
  ASSERT_TRUE(loaded.report.statements);
  EXPECT_EQ(loaded.report.statements->matched_by_time, 1u);
  EXPECT_DOUBLE_EQ(loaded.graph.accounts().opening_balance[*loaded.graph.find_account("6222001")],
                   1000.0);
}

TEST(Statements, HolderPhoneDeviceAndIpBecomeOwnershipLinks) {
  // Two cards of one person (same name and ID number, same phone) at two banks; a third card
  // used from the same IP within the day; a fourth on the same device as the third.
  testing::TempDir dir;
  const std::string header =
      "交易卡号,户名,证件号码,手机号,交易时间,交易金额,借贷标志,对手账号,IP地址,设备号\n";
  const std::string a = dir.write(
      "a.csv",
      header +
          "C1,张三,110101199001011234,13800000001,2024-03-01 10:00:00,50,借,X,1.2.3.4,\n"
          "C3,李四,110101199202021234,13900000009,2024-03-01 18:00:00,20,借,X,1.2.3.4,D7\n");
  const std::string b = dir.write(
      "b.csv", header +
                   "C2,张三,110101199001011234,13800000001,2024-03-02 09:00:00,70,贷,Y,,\n"
                   "C4,王五,110101199303031234,13700000007,2024-03-05 09:00:00,10,借,Y,,D7\n");
  const LoadedCase loaded = load({a, b});
  const TransactionGraph& g = loaded.graph;
  auto linked = [&](std::string_view x, std::string_view y, LinkKind kind) {
    const VertexId u = *g.find_account(x), v = *g.find_account(y);
    for (const AccountLink& l : ownership_links(g))
      if (l.kind == kind && std::minmax(l.a, l.b) == std::minmax(u, v)) return true;
    return false;
  };
  EXPECT_TRUE(linked("C1", "C2", LinkKind::holder));
  EXPECT_TRUE(linked("C1", "C2", LinkKind::phone));
  EXPECT_TRUE(linked("C1", "C3", LinkKind::other));  // one IP, 8 hours apart
  EXPECT_TRUE(linked("C3", "C4", LinkKind::device));
  EXPECT_FALSE(linked("C1", "C4", LinkKind::other));
  EXPECT_EQ(loaded.report.statements->links, 1u);
}

TEST(Statements, PaymentPlatformExportWithClosedRows) {
  testing::TempDir dir;
  const std::string path = dir.write(
      "p.csv",
      "支付账号,交易号,交易创建时间,交易对方,对方账户,商品名称,金额（元）,收/支,交易状态\n"
      "alipay_1,A100,2024-03-01 10:00:00,李四,alipay_2,转账,200.00,支出,交易成功\n"
      "alipay_1,A101,2024-03-01 11:00:00,王五,alipay_3,转账,50.00,收入,交易关闭\n");
  const LoadedCase loaded = load({path});
  ASSERT_EQ(loaded.graph.num_transactions(), 1u);
  EXPECT_EQ(loaded.report.rejected, 1u);  // the closed one, counted and written
  EXPECT_EQ(loaded.graph.transactions().channel[0], Channel::payment_platform);
  EXPECT_EQ(loaded.graph.accounts().kind[*loaded.graph.find_account("alipay_1")],
            AccountKind::payment_account);
  EXPECT_TRUE(loaded.graph.find_transaction("A100"));
}

TEST(Trc20, RawAmountsWithDecimalsAndMillisecondTimes) {
  testing::TempDir dir;
  const std::string path =
      dir.write("t.csv",
                "transaction_id,block_timestamp,from,to,token_symbol,decimals,value\n"
                "h1,1709258400000,TAddrA,TAddrB,USDT,6,1500000000\n"
                "h2,1709258460000,TAddrB,TAddrC,USDT,6,1499000000\n"
                "h3,1709258460000,TAddrB,TAddrC,USDT,x,1\n");
  const LoadedCase loaded = load({path});
  const TransactionGraph& g = loaded.graph;
  ASSERT_EQ(g.num_transactions(), 2u);
  EXPECT_EQ(loaded.report.rejected, 1u);
  EXPECT_DOUBLE_EQ(g.transactions().amount[0], 1500.0);
  EXPECT_EQ(g.transactions().timestamp[0], 1709258400);
  EXPECT_EQ(g.currencies()[g.transactions().currency[0]], "USDT");
  EXPECT_EQ(g.transactions().channel[0], Channel::crypto_transfer);
  EXPECT_EQ(g.accounts().kind[*g.find_account("TAddrA")], AccountKind::crypto_address);
}

}  // namespace
}  // namespace moneytrail
