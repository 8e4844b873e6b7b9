#include "io/csv/csv_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "graph/input_error.h"
#include "test_support.h"

namespace moneytrail {
namespace {

using testing::TempDir;

std::vector<std::pair<std::uint64_t, std::vector<std::string>>> read_all(const std::string& path) {
  CsvReader reader(path);
  CsvRecord record;
  std::vector<std::pair<std::uint64_t, std::vector<std::string>>> rows;
  while (reader.next(record)) {
    EXPECT_TRUE(record.error.empty()) << record.error;
    rows.emplace_back(record.line,
                      std::vector<std::string>(record.fields.begin(), record.fields.end()));
  }
  return rows;
}

TEST(CsvReader, QuotedCommasQuotesAndNewlinesKeepLineNumbers) {
  TempDir dir;
  const auto path = dir.write("a.csv",
                              "a,b,c\n"
                              "1,\"x, y\",\"say \"\"hi\"\"\"\n"
                              "2,\"two\nlines\",z\n"
                              "\n"
                              "3,,\"\"\n");
  auto rows = read_all(path);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].first, 2u);
  EXPECT_EQ(rows[1].second, (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(rows[2].first, 3u);
  EXPECT_EQ(rows[2].second, (std::vector<std::string>{"2", "two\nlines", "z"}));
  EXPECT_EQ(rows[3].first, 6u);  // after the two-line record and a blank line
  EXPECT_EQ(rows[3].second, (std::vector<std::string>{"3", "", ""}));
}

TEST(CsvReader, BomCrlfChineseAndNoFinalNewline) {
  TempDir dir;
  const auto path = dir.write("b.csv", "\xEF\xBB\xBFid,name\r\n1,张三\r\n2,\"李四,王五\"\r\n3,end");
  auto rows = read_all(path);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].second[0], "id");    // BOM stripped
  EXPECT_EQ(rows[1].second[1], "张三");  // CR stripped
  EXPECT_EQ(rows[2].second[1], "李四,王五");
  EXPECT_EQ(rows[3].second, (std::vector<std::string>{"3", "end"}));
  EXPECT_EQ(rows[3].first, 4u);
}

TEST(CsvReader, RecordsSpanningBufferRefills) {
  // Long quoted fields force the reader to carry partial records across 4 MiB refills.
  TempDir dir;
  std::string content = "k,v\n";
  const std::string big(3 << 20, 'x');
  for (int i = 0; i < 5; ++i) content += std::to_string(i) + ",\"" + big + "\n" + big + "\"\n";
  const auto path = dir.write("c.csv", content);
  auto rows = read_all(path);
  ASSERT_EQ(rows.size(), 6u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(rows[i + 1].first, 2u + 2u * i);
    EXPECT_EQ(rows[i + 1].second[1].size(), 2 * big.size() + 1);
  }
}

TEST(CsvReader, MalformedQuotesAreFlaggedNotFatal) {
  TempDir dir;
  const auto path = dir.write("d.csv", "a,b\n1,\"x\"y\n2,ab\"c\n3,ok\n");
  CsvReader reader(path);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_TRUE(reader.next(record));
  EXPECT_NE(record.error.find("after a closing quote"), std::string::npos);
  ASSERT_TRUE(reader.next(record));
  EXPECT_NE(record.error.find("quote inside"), std::string::npos);
  ASSERT_TRUE(reader.next(record));
  EXPECT_TRUE(record.error.empty());
  EXPECT_EQ(record.line, 4u);
}

TEST(CsvReader, UnterminatedQuoteIsAnErrorWithLine) {
  TempDir dir;
  const auto path = dir.write("e.csv", "a,b\n1,ok\n2,\"never closed\n3,x\n");
  CsvReader reader(path);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_TRUE(reader.next(record));
  try {
    reader.next(record);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 3u);
    EXPECT_NE(std::string(e.what()).find("e.csv:3"), std::string::npos);
  }
}

TEST(CsvReader, OverlongRecordIsAnError) {
  TempDir dir;
  const auto path = dir.write("f.csv", "a\n\"" + std::string(3 << 20, 'y'));
  CsvReader::Options options;
  options.max_record_bytes = 1 << 20;
  CsvReader reader(path, options);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_THROW(reader.next(record), InputError);
}

TEST(CsvReader, ReadsGzipTransparently) {
  TempDir dir;
  const std::string path = dir.file("g.csv.gz");
  gzFile gz = gzopen(path.c_str(), "wb");
  const std::string text = "a,b\n1,2\n3,\"4\n5\"\n";
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  auto rows = read_all(path);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].second[1], "4\n5");
}

TEST(CsvReader, TruncatedGzipIsAnError) {
  TempDir dir;
  const std::string full = dir.file("h.csv.gz");
  gzFile gz = gzopen(full.c_str(), "wb");
  std::string text = "a,b\n";
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + "," + std::to_string(i * 7) + "\n";
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  std::string bytes = testing::read_file(full);
  const auto cut = dir.write("cut.csv.gz", bytes.substr(0, bytes.size() / 2));
  CsvReader reader(cut);
  CsvRecord record;
  EXPECT_THROW(
      {
        while (reader.next(record)) {
        }
      },
      InputError);
}

TEST(ByteSource, HashesTheBytesOnDiskAsItReads) {
  TempDir dir;
  // FIPS 180-2's example: SHA-256("abc").
  ByteSource plain(dir.write("abc.txt", "abc"));
  char buffer[8];
  EXPECT_EQ(plain.read(buffer, 2), 2u);  // the rest is read by sha256()
  EXPECT_EQ(plain.sha256(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // A gzip file: the digest of its compressed bytes, as sha256sum gives it.
  const std::string path = dir.file("m.csv.gz");
  std::string members;
  for (const std::string text : {"a,b\n1,2\n", "3,4\n"}) {
    const std::string one = dir.file("one.gz");
    gzFile gz = gzopen(one.c_str(), "wb");
    gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
    gzclose(gz);
    members += testing::read_file(one);
  }
  dir.write("m.csv.gz", members);
  ByteSource gz(path);
  std::string text;
  for (std::size_t n; (n = gz.read(buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  EXPECT_EQ(text, "a,b\n1,2\n3,4\n");  // both members, as gzip -d reads them
  EXPECT_EQ(gz.sha256(), sha256_file(path));
  // Bytes after the last member are an error, not silently dropped.
  dir.write("t.csv.gz", members + "junk");
  ByteSource trailing(dir.file("t.csv.gz"));
  EXPECT_THROW(
      {
        while (trailing.read(buffer, sizeof buffer) > 0) {
        }
      },
      InputError);
}

TEST(CsvReader, MissingFileAndDirectoryAreErrors) {
  TempDir dir;
  EXPECT_THROW(CsvReader(dir.file("nope.csv")), InputError);
  EXPECT_THROW(CsvReader(dir.path().string()), InputError);
}

TEST(CsvEscape, RoundTripsThroughSplit) {
  const std::vector<std::string_view> fields = {"plain", "a,b", "say \"x\"", "two\nlines", "中文"};
  const std::string line = join_csv_fields(fields);
  auto back = split_csv_line(line);
  ASSERT_EQ(back.size(), fields.size());
  for (std::size_t i = 0; i < fields.size(); ++i) EXPECT_EQ(back[i], fields[i]);
}

}  // namespace
}  // namespace moneytrail
