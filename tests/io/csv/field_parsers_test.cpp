#include "io/csv/field_parsers.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <random>
#include <string>
#include <vector>

namespace moneytrail {
namespace {

TEST(ParseAmount, DecimalTextWithinOneUlp) {
  EXPECT_EQ(*parse_amount("1234.56"), 1234.56);
  EXPECT_EQ(*parse_amount(" 0.1 "), 0.1);
  EXPECT_EQ(*parse_amount("+7"), 7.0);
  EXPECT_EQ(*parse_amount("-3.5"), -3.5);
  EXPECT_EQ(*parse_amount("1e3"), 1000.0);
  EXPECT_EQ(*parse_amount("1,234,567.891"), 1234567.891);
  // 17 significant digits survive (relative error far below 1e-12).
  EXPECT_NEAR(*parse_amount("98765432109.87654"), 98765432109.87654, 98765432109.87654 * 1e-15);
  for (const char* bad :
       {"", "abc", "1.2.3", "nan", "inf", "1,23", ",123", "12,3456", "1 000", "--1", "0x10"}) {
    EXPECT_FALSE(parse_amount(bad)) << bad;
  }
}

TEST(ParseAmount, TwoDecimalTextEqualsFromChars) {
  // Amounts with up to two decimals take a whole-cents path: bit for bit the double from_chars
  // gives, over random values, every digit count, signs, zeros and the 13-digit limit.
  std::mt19937_64 rng(11);
  std::vector<std::string> texts = {"0",
                                    "-0",
                                    "-0.00",
                                    "0.1",
                                    "0.10",
                                    "1.",
                                    "-1.",
                                    "007",
                                    "9.99",
                                    "123.4",
                                    "99999999999.99",
                                    "9999999999999.99",
                                    "99999999999999.99",
                                    "12345678901234567"};
  for (int i = 0; i < 20000; ++i) {
    const int digits = 1 + static_cast<int>(rng() % 16);
    std::string text = rng() % 4 == 0 ? "-" : "";
    for (int d = 0; d < digits; ++d) text += static_cast<char>('0' + rng() % 10);
    const int decimals = static_cast<int>(rng() % 4);  // 3: beyond the fast path
    if (decimals > 0 || rng() % 8 == 0) text += '.';
    for (int d = 0; d < decimals; ++d) text += static_cast<char>('0' + rng() % 10);
    texts.push_back(text);
  }
  for (const std::string& text : texts) {
    double expected = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), expected);
    ASSERT_TRUE(ec == std::errc() && end == text.data() + text.size()) << text;
    const auto parsed = parse_amount(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(std::bit_cast<std::uint64_t>(*parsed), std::bit_cast<std::uint64_t>(expected))
        << text;
  }
}

TEST(ParseTimestamp, EpochAndIso8601Forms) {
  EXPECT_EQ(*parse_timestamp("0"), 0);
  EXPECT_EQ(*parse_timestamp("1700000000"), 1700000000);
  EXPECT_EQ(*parse_timestamp("1700000000.75"), 1700000000);
  EXPECT_EQ(*parse_timestamp("2026-01-01"), 1767225600);
  EXPECT_EQ(*parse_timestamp("2026-01-01T00:00:00Z"), 1767225600);
  EXPECT_EQ(*parse_timestamp("2026-01-01 08:00:00+08:00"), 1767225600);
  EXPECT_EQ(*parse_timestamp("2026-01-01T08:00+0800"), 1767225600);
  EXPECT_EQ(*parse_timestamp("2025-12-31T19:00:00-05"), 1767225600);
  EXPECT_EQ(*parse_timestamp("2026-01-01T00:00:00.123Z"), 1767225600);
  EXPECT_EQ(*parse_timestamp("2026-01-01T00:00:00"), 1767225600);  // naive = UTC
  EXPECT_EQ(*parse_timestamp("2022/09/01 00:20"), 1661991600);     // AMLworld
  EXPECT_EQ(*parse_timestamp("2024-02-29T12:00:00Z"), 1709208000);
  for (const char* bad :
       {"", "yesterday", "2026-13-01", "2023-02-29", "2026-01-01T25:00", "2026-01-01T10:61",
        "2026-01-01X10:00", "2026-01-01T10:00Zjunk", "2026-01-01T10:00+99:00", "12:00"}) {
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
  }
}

TEST(ParseDuration, Units) {
  EXPECT_EQ(*parse_duration("30"), 30);
  EXPECT_EQ(*parse_duration("90m"), 5400);
  EXPECT_EQ(*parse_duration("2h"), 7200);
  EXPECT_EQ(*parse_duration("1.5d"), 129600);
  EXPECT_EQ(*parse_duration("1w"), 604800);
  for (const char* bad : {"", "h", "-1h", "5y", "1e300d"}) EXPECT_FALSE(parse_duration(bad)) << bad;
}

TEST(FormatTimestamp, RoundTrips) {
  for (Timestamp t :
       {Timestamp{0}, Timestamp{1767225600}, Timestamp{1709208000 + 3661}, Timestamp{-86399}}) {
    EXPECT_EQ(*parse_timestamp(format_timestamp(t)), t) << format_timestamp(t);
  }
  EXPECT_EQ(format_timestamp(1767225600), "2026-01-01T00:00:00Z");
}

}  // namespace
}  // namespace moneytrail
