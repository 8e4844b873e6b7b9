// Escaping by context and UTF-8 validity (io/text_safety.h), with the payloads a hostile field
// would carry, and the one safe way to write a file (io/atomic_file.h).
#include "io/util/text_safety.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/util/atomic_file.h"
#include "test_support.h"

namespace moneytrail {
namespace {

const std::vector<std::string> kPayloads = {
    "</Script><img src=x onerror=document.title=/PWNED/.source>",
    "</SCRIPT >",
    "<!-- x -->",
    "]]><![CDATA[",
    "javascript:alert(1)",
    "\"quoted\" 'single'",
    std::string("nul\0byte", 8),
    "ctl\x01\x1b[31m\x7f",
    "line\nbreak\rreturn\ttab",
    "\xE2\x80\xA8 and \xE2\x80\xA9",  // U+2028, U+2029
    "=HYPERLINK(\"http://x\")",
    "卡号一",
};

TEST(TextSafety, Utf8ValidityFollowsRfc3629) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("卡号 \xF0\x9F\x92\xB0"));  // CJK and U+1F4B0
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));          // a surrogate
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));      // lead byte above F4
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));      // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));              // overlong
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));          // overlong, three bytes
  EXPECT_FALSE(is_valid_utf8("\xE4\xB8"));              // cut short
  EXPECT_EQ(repair_utf8("a\xFF"
                        "b\xED\xA0\x80"
                        "c"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
            "c");
  EXPECT_TRUE(is_valid_utf8(repair_utf8("\xC3\x28\xA0\xA1\xF0\x28\x8C\xBC")));
}

TEST(TextSafety, IdsWithControlsOrOnlySpacesAreTold) {
  EXPECT_TRUE(has_control_characters("acct\x01"));
  EXPECT_TRUE(has_control_characters("acct\x1b[0m"));
  EXPECT_TRUE(has_control_characters("acct\xC2\x85"));  // U+0085, a C1 control
  EXPECT_FALSE(has_control_characters("acct 卡"));
  EXPECT_TRUE(is_blank("\xC2\xA0\xE3\x80\x80"));  // no-break space, ideographic space
  EXPECT_TRUE(is_blank(""));
  EXPECT_FALSE(is_blank(" a "));
}

TEST(TextSafety, HtmlAndScriptDataHoldNoMarkup) {
  for (const std::string& p : kPayloads) {
    const std::string text = html_text(p);
    EXPECT_EQ(text.find('<'), std::string::npos) << p;
    EXPECT_EQ(text.find('"'), std::string::npos) << p;
    EXPECT_EQ(text.find('\0'), std::string::npos) << p;
    const std::string data = script_data("\"" + p + "\"");
    EXPECT_EQ(data.find('<'), std::string::npos) << p;
    EXPECT_EQ(data.find("\xE2\x80\xA8"), std::string::npos) << p;
    EXPECT_TRUE(is_valid_utf8(text) && is_valid_utf8(data)) << p;
  }
  EXPECT_EQ(html_text("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
  EXPECT_EQ(script_data("\"</Script>\""), "\"\\u003c/Script\\u003e\"");
}

TEST(TextSafety, XmlDotAndTerminalKeepDistinctInputsDistinct) {
  EXPECT_NE(xml_text("acct\x01"), xml_text("acct\x02"));
  EXPECT_EQ(xml_text("acct\x01"), "acct\\x01");
  EXPECT_EQ(xml_text("a\nb"), "a&#10;b");
  EXPECT_EQ(dot_string("say \"hi\"\\\n"), "say \\\"hi\\\"\\\\\\n");
  EXPECT_EQ(dot_string(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(terminal_text("red\x1b[31m"), "red\\x1B[31m");
  for (const std::string& p : kPayloads) {
    for (const std::string& out : {xml_text(p), dot_string(p), terminal_text(p)}) {
      EXPECT_TRUE(is_valid_utf8(out)) << p;
      EXPECT_FALSE(has_control_characters(out)) << p;
    }
  }
}

TEST(TextSafety, CsvFormulasAreDefusedAndReadBack) {
  set_csv_formulas(false);
  EXPECT_EQ(csv_cell("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(csv_cell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(csv_cell("@x"), "'@x");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
  EXPECT_EQ(csv_cell("-12.5"), "-12.5");  // a number stays a number
  EXPECT_EQ(csv_cell("+7"), "+7");
  EXPECT_EQ(csv_cell("-acct"), "'-acct");
  EXPECT_EQ(csv_cell("=a,b"), "\"'=a,b\"");
  EXPECT_EQ(csv_cell("say \"x\""), "\"say \"\"x\"\"\"");
  EXPECT_EQ(strip_formula_guard("'=SUM(A1)"), "=SUM(A1)");
  EXPECT_EQ(strip_formula_guard("'plain"), "'plain");
  set_csv_formulas(true);
  EXPECT_EQ(csv_cell("=SUM(A1)"), "=SUM(A1)");
  set_csv_formulas(false);
}

std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("moneytrail-text-safety-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

TEST(AtomicOutputFile, ExclusiveTemporaryKeepsModeAndReplacesPlantedLinks) {
  const auto victim = scratch("victim.txt");
  { std::ofstream(victim) << "keep me\n"; }
  const auto target = scratch("out.txt");
  std::filesystem::remove(target);
  std::filesystem::create_symlink(victim, target);  // planted at the output itself
  {
    AtomicOutputFile out(target);
    EXPECT_NE(out.temporary_path(), target.string() + ".partial");  // a random name
    struct stat st {};
    ASSERT_EQ(::stat(out.temporary_path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);  // private while being written
    out.stream() << "new\n";
    out.commit();
  }
  EXPECT_EQ(testing::read_file(victim.string()), "keep me\n");
  EXPECT_FALSE(std::filesystem::is_symlink(target));
  EXPECT_EQ(testing::read_file(target.string()), "new\n");
  // A replaced file keeps its mode.
  ::chmod(target.c_str(), 0640);
  {
    AtomicOutputFile out(target);
    out.write("again\n");
    out.commit();
  }
  struct stat st {};
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  // Not committed: nothing of it remains.
  std::filesystem::path temporary;
  {
    AtomicOutputFile out(scratch("abandoned.txt"));
    temporary = out.temporary_path();
    out.write("half");
  }
  EXPECT_FALSE(std::filesystem::exists(temporary));
  EXPECT_FALSE(std::filesystem::exists(scratch("abandoned.txt")));
  std::filesystem::remove_all(target.parent_path());
}

TEST(TemporaryFile, PrivateAndRemoved) {
  std::filesystem::path path;
  {
    TemporaryFile t(".csv");
    path = t.path();
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(path.extension(), ".csv");
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace moneytrail
