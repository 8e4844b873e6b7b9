#include "io/statements/xlsx_sheet.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <vector>

#include "io/input_error.h"

namespace moneytrail {

bool is_xlsx(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".xlsx";
}

std::string xlsx_as_csv(const std::string& path) {
  const std::filesystem::path out = std::filesystem::temp_directory_path() /
                                    ("moneytrail-xlsx-" + std::to_string(::getpid()) + "-" +
                                     std::to_string(std::hash<std::string>{}(path)) + ".csv");
  std::vector<std::string> args = {"xlsx2csv", "-f", "%Y-%m-%d %H:%M:%S", "--", path, out.string()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int status = 0;
  if (posix_spawnp(&pid, "xlsx2csv", nullptr, nullptr, argv.data(), environ) != 0 ||
      waitpid(pid, &status, 0) < 0) {
    throw InputError(path, 0, "",
                     "reading .xlsx needs xlsx2csv (apt-get install xlsx2csv), which did not run");
  }
  std::ifstream in(out, std::ios::binary);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::error_code ignored;
  std::filesystem::remove(out, ignored);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw InputError(path, 0, "", "xlsx2csv could not read the workbook");
  return text;
}

}  // namespace moneytrail
