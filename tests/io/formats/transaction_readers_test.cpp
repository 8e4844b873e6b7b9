#include <gtest/gtest.h>

#include <sstream>

#include "algorithms/summary/graph_stats.h"
#include "graph/input_error.h"
#include "io/export/graph_writers.h"
#include "io/load_case.h"
#include "io/side/csv_inputs.h"
#include "test_support.h"

namespace moneytrail {
namespace {

using testing::TempDir;

constexpr const char* kNativeHeader =
    "id,timestamp,from,to,amount,currency,received_amount,received_currency,channel,from_kind,"
    "to_kind,from_institution,to_institution,label,typology\n";

LoadedCase load(const std::vector<std::string>& inputs, const std::string& rejects = "",
                bool strict = false) {
  LoadRequest request;
  request.inputs = inputs;
  request.rejects_path = rejects;
  request.strict = strict;
  return load_case(request);
}

TEST(NativeReader, ReadsAllColumns) {
  TempDir dir;
  const auto path = dir.write(
      "t.csv",
      std::string(kNativeHeader) +
          "T1,2026-01-01T00:00:00Z,6222001,wx_1,1000.50,CNY,,,bank_transfer,bank_card,"
          "payment_account,ICBC,WeChatPay,1,victim_payment\n"
          "T2,1767225700,wx_1,M9,\"71,000\",CNY,10000,USDT,exchange_trade,,merchant,,,0,\n");
  LoadedCase c = load({path});
  const TransactionGraph& g = c.graph;
  ASSERT_EQ(g.num_transactions(), 2u);
  const auto& t = g.transactions();
  EXPECT_EQ(t.amount[0], 1000.50);
  EXPECT_EQ(t.received_amount[0], 1000.50);  // defaults to the paid amount
  EXPECT_EQ(g.currencies()[t.received_currency[0]], "CNY");
  EXPECT_EQ(t.channel[0], Channel::bank_transfer);
  EXPECT_EQ(t.label[0], LaunderingLabel::laundering);
  EXPECT_EQ(g.typologies()[t.typology[0]], "victim_payment");
  EXPECT_EQ(t.amount[1], 71000);
  EXPECT_EQ(t.received_amount[1], 10000);
  EXPECT_EQ(g.currencies()[t.received_currency[1]], "USDT");
  EXPECT_EQ(t.label[1], LaunderingLabel::clean);
  EXPECT_EQ(t.typology[1], TransactionTable::kNoTypology);
  EXPECT_EQ(g.accounts().kind[*g.find_account("6222001")], AccountKind::bank_card);
  EXPECT_EQ(g.name(g.accounts().institution[*g.find_account("wx_1")]), "WeChatPay");
  EXPECT_EQ(g.accounts().kind[*g.find_account("M9")], AccountKind::merchant);
  EXPECT_EQ(c.report.files[0].format, "native");
}

// One bad row per reason: each is rejected with file, line, column and reason, and written out.
TEST(NativeReader, RejectsEachKindOfBadRowAndWritesThemOut) {
  TempDir dir;
  const auto path = dir.write("bad.csv",
                              "id,timestamp,from,to,amount,currency,channel,from_kind\n"
                              "ok1,2026-01-01,A,B,10,CNY,,\n"          // line 2
                              "b1,2026-01-01,A,B,abc,CNY,,\n"          // 3 bad_number
                              "b2,someday,A,B,10,CNY,,\n"              // 4 bad_timestamp
                              "b3,2026-01-01,A,B,0,CNY,,\n"            // 5 non_positive_amount
                              "b4,2026-01-01,A,B,-5,CNY,,\n"           // 6 non_positive_amount
                              "b5,2026-01-01,,B,10,CNY,,\n"            // 7 empty_account
                              "b6,2026-01-01,A,B,10,CNY,teleport,\n"   // 8 unknown_channel
                              "b7,2026-01-01,A,B,10,CNY,,spaceship\n"  // 9 unknown_kind
                              "ok1,2026-01-02,A,B,10,CNY,,\n"          // 10 duplicate_id
                              "b9,2026-01-01,A,B,10\n"       // 11 malformed_row (too few fields)
                              "b10,2026-01-01,A,B,,CNY,,\n"  // 12 missing_field
                              "\"b11\"x,2026-01-01,A,B,1,CNY,,\n"  // 13 malformed_row (stray quote)
                              "ok2,2026-01-03,B,C,5,CNY,card_payment,bank_card\n");
  const std::string rejects = dir.file("rejects.csv");
  LoadedCase c = load({path}, rejects);
  EXPECT_EQ(c.graph.num_transactions(), 2u);
  EXPECT_EQ(c.report.rows, 13u);
  EXPECT_EQ(c.report.rejected, 11u);
  auto count = [&](RejectReason r) { return c.report.rejected_by_reason[static_cast<int>(r)]; };
  EXPECT_EQ(count(RejectReason::bad_number), 1u);
  EXPECT_EQ(count(RejectReason::bad_timestamp), 1u);
  EXPECT_EQ(count(RejectReason::non_positive_amount), 2u);
  EXPECT_EQ(count(RejectReason::empty_account), 1u);
  EXPECT_EQ(count(RejectReason::unknown_channel), 1u);
  EXPECT_EQ(count(RejectReason::unknown_kind), 1u);
  EXPECT_EQ(count(RejectReason::duplicate_id), 1u);
  EXPECT_EQ(count(RejectReason::malformed_row), 2u);
  EXPECT_EQ(count(RejectReason::missing_field), 1u);
  EXPECT_EQ(c.report.rejects_file, rejects);
  const std::string written = testing::read_file(rejects);
  EXPECT_NE(written.find("file,line,column,reason,detail,row\n"), std::string::npos);
  EXPECT_NE(written.find(path + ",3,amount,bad_number,not a number: 'abc'"), std::string::npos);
  EXPECT_NE(written.find(path + ",10,id,duplicate_id"), std::string::npos);
  EXPECT_NE(written.find(path + ",9,from_kind,unknown_kind"), std::string::npos);
  // 11 rejected rows + header.
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 12);
  EXPECT_EQ(c.report.reject_examples[0], path + ":3: amount: not a number: 'abc'");
}

TEST(NativeReader, StrictStopsAtTheFirstBadRow) {
  TempDir dir;
  const auto path = dir.write("s.csv",
                              "id,timestamp,from,to,amount,currency\n"
                              "1,2026-01-01,A,B,10,CNY\n"
                              "2,2026-01-01,A,B,ten,CNY\n");
  try {
    load({path}, "", /*strict=*/true);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), path + ":3: amount: not a number: 'ten'");
    EXPECT_EQ(e.line(), 3u);
    EXPECT_EQ(e.column(), "amount");
  }
}

TEST(Readers, EmptyHeaderOnlyAndUnknownLayoutAreClearErrors) {
  TempDir dir;
  auto expect_error = [&](const std::string& path, const std::string& fragment) {
    try {
      load({path});
      FAIL() << "expected InputError for " << path;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  expect_error(dir.write("empty.csv", ""), "empty");
  expect_error(dir.write("bom_only.csv", "\xEF\xBB\xBF"), "empty");
  expect_error(dir.write("header.csv", "id,timestamp,from,to,amount,currency\n"), "no data rows");
  expect_error(dir.write("odd.csv", "foo,bar\n1,2\n"), "matches no known transaction layout");
  expect_error(dir.write("missing.csv", "id,from,to,amount,currency\n1,A,B,1,CNY\n"),
               "missing.csv:1: timestamp: required column missing");
  expect_error(dir.file("absent.csv"), "cannot open");
}

TEST(Readers, ChineseIdsCrlfAndBom) {
  TempDir dir;
  const auto path =
      dir.write("cn.csv",
                "\xEF\xBB\xBFid,timestamp,from,to,amount,currency\r\n"
                "流水1,2026-01-01 08:00:00+08:00,张三的卡,\"李四, 王五\",88.8,CNY\r\n");
  LoadedCase c = load({path});
  ASSERT_EQ(c.graph.num_transactions(), 1u);
  EXPECT_EQ(c.graph.transaction_id(0), "流水1");
  EXPECT_TRUE(c.graph.find_account("张三的卡"));
  EXPECT_TRUE(c.graph.find_account("李四, 王五"));
  EXPECT_EQ(c.graph.transactions().timestamp[0], 1767225600);
}

TEST(AmlworldReader, PairsBankAndAccountAndMapsCurrencies) {
  TempDir dir;
  const auto path = dir.write(
      "HI-Small_Trans.csv",
      "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,"
      "Payment Currency,Payment Format,Is Laundering\n"
      "2022/09/01 00:20,010,8000EBD30,010,8000EBD30,3697.34,US Dollar,3697.34,US "
      "Dollar,Reinvestment,0\n"
      "2022/09/01 00:21,3208,8000F4580,1,8000F5340,0.01,Bitcoin,700.5,Yuan,Bitcoin,1\n");
  LoadedCase c = load({path});
  const TransactionGraph& g = c.graph;
  ASSERT_EQ(g.num_transactions(), 2u);
  EXPECT_EQ(c.report.files[0].format, "amlworld");
  EXPECT_EQ(g.transaction_id(0), "HI-Small_Trans.csv:2");
  EXPECT_TRUE(g.find_account("010:8000EBD30"));
  EXPECT_TRUE(g.find_account("3208:8000F4580"));
  const auto& t = g.transactions();
  EXPECT_EQ(g.currencies()[t.currency[1]], "CNY");
  EXPECT_EQ(g.currencies()[t.received_currency[1]], "BTC");
  EXPECT_EQ(t.amount[1], 700.5);
  EXPECT_EQ(t.received_amount[1], 0.01);
  EXPECT_EQ(t.channel[1], Channel::crypto_transfer);
  EXPECT_EQ(t.label[1], LaunderingLabel::laundering);
}

}  // namespace
}  // namespace moneytrail

namespace moneytrail {
namespace {

using testing::TempDir;

TEST(AmlsimReader, ThreeLayouts) {
  TempDir dir;
  const auto a = dir.write(
      "a.csv", "sourceNodeId,targetNodeId,value,time\n280,15349,147.8,1\n249,9015,104.06,0\n");
  const auto b =
      dir.write("b.csv",
                "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id\n"
                "1,10,20,TRANSFER,500.0,2017-01-02T00:00:00Z,True,7\n");
  const auto c = dir.write("c.csv",
                           "TXN_ID,ACCOUNT_ID,COUNTER_PARTY_ACCOUNT_NUM,TXN_SOURCE_TYPE_CODE,tx_"
                           "count,TXN_AMOUNT_ORIG,start,end\n"
                           "2,15,25,CHECK,1,125.05,1,1\n");
  LoadRequest request;
  request.inputs = {a};
  LoadedCase ga = load_case(request);
  ASSERT_EQ(ga.graph.num_transactions(), 2u);
  EXPECT_EQ(ga.graph.transaction_id(0), "a.csv:3");  // step 0 sorts first
  EXPECT_EQ(ga.graph.transactions().timestamp[0], 1483228800);
  EXPECT_EQ(ga.graph.transactions().timestamp[1], 1483228800 + 86400);
  request.inputs = {b};
  LoadedCase gb = load_case(request);
  EXPECT_EQ(gb.graph.transactions().label[0], LaunderingLabel::laundering);
  EXPECT_EQ(gb.graph.transactions().timestamp[0], 1483315200);
  request.inputs = {c};
  LoadedCase gc = load_case(request);
  EXPECT_EQ(gc.graph.transaction_id(0), "2");
  EXPECT_EQ(gc.graph.transactions().amount[0], 125.05);
}

TEST(PaysimReader, StepsAreHoursAndZeroAmountsAreRejected) {
  TempDir dir;
  const auto path =
      dir.write("paysim.csv",
                "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,"
                "newbalanceDest,isFraud,isFlaggedFraud\n"
                "1,PAYMENT,9839.64,C1231006815,170136.0,160296.36,M1979787155,0.0,0.0,0,0\n"
                "2,TRANSFER,181.0,C1305486145,181.0,0.0,C553264065,0.0,0.0,1,0\n"
                "3,CASH_OUT,0.0,C1,0.0,0.0,C2,0.0,0.0,1,0\n");
  LoadRequest request;
  request.inputs = {path};
  LoadedCase c = load_case(request);
  ASSERT_EQ(c.graph.num_transactions(), 2u);
  EXPECT_EQ(c.report.rejected, 1u);
  EXPECT_EQ(c.graph.transactions().timestamp[0], 1451606400 + 3600);
  EXPECT_EQ(c.graph.accounts().kind[*c.graph.find_account("M1979787155")], AccountKind::merchant);
  EXPECT_EQ(c.graph.transactions().label[1], LaunderingLabel::laundering);
  EXPECT_EQ(c.graph.transactions().channel[1], Channel::bank_transfer);
}

TEST(AccountsAndRates, AttributesLabelsAndBadRows) {
  TempDir dir;
  const auto tx =
      dir.write("t.csv", "id,timestamp,from,to,amount,currency\n1,2026-01-01,A,B,10,USDT\n");
  const auto accounts =
      dir.write("accounts.csv",
                "id,kind,institution,holder,phone,device,opened,opening_balance,label\n"
                "A,bank_card,ICBC,H1,13800000000,D1,2025-07-14,500.25,victim;vip\n"
                "B,crypto_address,TRON,,,,,,suspect|mule\n"
                "C,starship,,,,,,,\n"
                "D,bank_card,,,,,someday,,\n"
                "E,bank_card,,,,,,-1,\n");
  const auto rates = dir.write(
      "rates.csv",
      "currency,timestamp,rate_to_base\nUSDT,2026-01-01,7.1\nCNY,2026-01-01,1\nUSDT,x,7\n");
  LoadRequest request;
  request.inputs = {tx};
  request.accounts_files = {accounts};
  request.rates_files = {rates};
  LoadedCase c = load_case(request);
  const TransactionGraph& g = c.graph;
  const VertexId a = *g.find_account("A");
  EXPECT_EQ(g.accounts().kind[a], AccountKind::bank_card);
  EXPECT_EQ(g.name(g.accounts().phone[a]), "13800000000");
  EXPECT_EQ(g.accounts().opening_balance[a], 500.25);
  EXPECT_EQ(g.accounts().opened[a], 1752451200);
  EXPECT_EQ(g.accounts().labels[a], kLabelVictim);
  EXPECT_EQ(g.name(g.accounts().tags[a]), "vip");
  // Free tags are counted by stats and carried into exports beside the labels.
  const GraphStats stats = compute_graph_stats(g);
  ASSERT_EQ(stats.tags.size(), 1u);
  EXPECT_EQ(stats.tags[0], (std::pair<std::string, std::uint64_t>("vip", 1)));
  Subgraph sub;
  sub.nodes.push_back({.account = a});
  std::ostringstream csv;
  write_csv_nodes(csv, g, sub);
  EXPECT_NE(csv.str().find("victim;vip"), std::string::npos) << csv.str();
  EXPECT_EQ(g.accounts().labels[*g.find_account("B")], kLabelSuspect | kLabelMule);
  EXPECT_FALSE(g.find_account("C"));
  EXPECT_EQ(c.report.rejected, 4u);
  EXPECT_EQ(c.report.rejected_by_reason[static_cast<int>(RejectReason::unknown_kind)], 1u);
  EXPECT_EQ(c.report.rejected_by_reason[static_cast<int>(RejectReason::bad_timestamp)], 2u);
  EXPECT_EQ(c.report.rejected_by_reason[static_cast<int>(RejectReason::bad_number)], 1u);
  EXPECT_EQ(*g.rates().rate("USDT", 1767225600 + 5), 7.1);
}

TEST(AccountsAndRates, AmlsimNodeAndAccountFilesReadAsAccounts) {
  // IBM AMLSim's nodes.csv (nodeid,isFraud,init_balance,fraudStep) and accounts.csv
  // (ACCOUNT_ID,...,IS_SAR,INIT_BALANCE): a SAR account is labelled suspect; the balance is its
  // opening balance; a flag that is not 1/0 is a bad row.
  TempDir dir;
  const auto tx =
      dir.write("t.csv", "id,timestamp,from,to,amount,currency\n1,2026-01-01,0,1,10,USD\n");
  const auto nodes = dir.write("nodes.csv",
                               "nodeid,isFraud,init_balance,fraudStep\n"
                               "0,0,184.44,-1\n1,1,175.80,12\n2,maybe,1,-1\n");
  const auto sar = dir.write("accounts.csv",
                             "ACCOUNT_ID,CUSTOMER_ID,INIT_BALANCE,COUNTRY,IS_SAR\n"
                             "7,C7,50.5,US,true\n8,C8,10,US,false\n");
  LoadRequest request;
  request.inputs = {tx};
  request.accounts_files = {nodes, sar};
  const LoadedCase c = load_case(request);
  const TransactionGraph& g = c.graph;
  EXPECT_EQ(g.accounts().labels[*g.find_account("0")], 0);
  EXPECT_EQ(g.accounts().labels[*g.find_account("1")], kLabelSuspect);
  EXPECT_EQ(g.accounts().opening_balance[*g.find_account("1")], 175.80);
  EXPECT_EQ(g.accounts().labels[*g.find_account("7")], kLabelSuspect);
  EXPECT_EQ(g.accounts().opening_balance[*g.find_account("7")], 50.5);
  EXPECT_EQ(g.accounts().labels[*g.find_account("8")], 0);
  EXPECT_EQ(c.report.rejected_by_reason[static_cast<int>(RejectReason::bad_label)], 1u);

  // Its alert transactions: both accounts of a SAR alert are suspects, tagged with the alert.
  const auto alerts =
      dir.write("alert_transactions.csv",
                "alert_id,alert_type,is_sar,tran_id,orig_acct,bene_acct,tran_amt,"
                "tran_timestamp\n"
                "3,cycle,True,11,0,1,5.0,2017-01-01\n4,fan_in,False,12,8,0,6,2017-01-02\n");
  request.accounts_files = {alerts};
  const LoadedCase a = load_case(request);
  const TransactionGraph& h = a.graph;
  EXPECT_EQ(h.accounts().labels[*h.find_account("0")], kLabelSuspect);
  EXPECT_EQ(h.name(h.accounts().tags[*h.find_account("0")]), "alert 3 cycle;alert 4 fan_in");
  EXPECT_EQ(h.name(h.accounts().tags[*h.find_account("1")]), "alert 3 cycle");
  EXPECT_EQ(h.accounts().labels[*h.find_account("8")], 0);
}

TEST(LoadCase, SameIdInTwoInputsIsADuplicate) {
  TempDir dir;
  const auto one =
      dir.write("1.csv", "id,timestamp,from,to,amount,currency\nX,2026-01-01,A,B,10,CNY\n");
  const auto two =
      dir.write("2.csv", "id,timestamp,from,to,amount,currency\nX,2026-01-02,B,C,10,CNY\n");
  LoadRequest request;
  request.inputs = {one, two};
  LoadedCase c = load_case(request);
  EXPECT_EQ(c.graph.num_transactions(), 1u);
  EXPECT_EQ(c.report.rejected_by_reason[static_cast<int>(RejectReason::duplicate_id)], 1u);
}

}  // namespace
}  // namespace moneytrail
