// The sniffer names each input's kind and layout from its first bytes, as the readers then use.
#include "io/input_sniffer.h"

#include <gtest/gtest.h>

#include "graph/input_error.h"
#include "io/case/case_file.h"
#include "test_support.h"

namespace moneytrail {
namespace {

using testing::TempDir;

TEST(InputSniffer, NamesKindAndLayout) {
  TempDir dir;
  const auto native = dir.write("n.csv", "\xEF\xBB\xBF\nid,timestamp,from,to,amount,currency\n");
  EXPECT_EQ(sniff_input(native, "auto").layout, "native");
  EXPECT_EQ(sniff_input(native, "auto").kind, InputKind::transactions);
  const auto aml = dir.write("a.csv", "Timestamp,From Bank,Account,To Bank,Account,Amount\n");
  EXPECT_EQ(sniff_input(aml, "auto").layout, "amlworld");
  EXPECT_EQ(sniff_input(aml, "native").layout, "native");  // what the user asked wins
  const auto sim =
      dir.write("s.csv", "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp\n");
  EXPECT_EQ(sniff_input(sim, "auto").layout, "amlsim");
  const std::string statement_head = "交易卡号,交易时间,交易金额,借贷标志,交易对手账卡号\n";
  const auto bank = dir.write("b.csv", statement_head + "6222,2024-01-01 10:00:00,5,借,6223\n");
  const SniffedInput sniffed = sniff_input(bank, "auto");
  EXPECT_EQ(sniffed.kind, InputKind::statement);
  EXPECT_EQ(sniffed.layout, "cn-bank-statement");
  EXPECT_EQ(sniffed.head.substr(0, statement_head.size()), statement_head);  // handed on
  const auto case_path = dir.write("c.mtc", std::string(kCaseMagic) + "rest");
  EXPECT_EQ(sniff_input(case_path, "auto").kind, InputKind::case_file);
}

TEST(InputSniffer, UnknownHeaderNamesTheFileAndLine) {
  TempDir dir;
  const auto path = dir.write("u.csv", "\n\nwho,what\n1,2\n");
  try {
    sniff_input(path, "auto");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.line(), 3u);
  }
  EXPECT_THROW(sniff_input(dir.file("missing.csv"), "auto"), InputError);
}

}  // namespace
}  // namespace moneytrail
