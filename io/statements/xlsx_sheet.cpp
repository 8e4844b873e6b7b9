#include "io/statements/xlsx_sheet.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "graph/input_error.h"
#include "io/util/atomic_file.h"
#include "io/util/subprocess.h"
#include "io/util/whole_file.h"

namespace moneytrail {

bool is_xlsx(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".xlsx";
}

std::string xlsx_as_csv(const std::string& path) {
  // xlsx2csv writes into a private temporary file (0600, removed on every exit path). A
  // workbook's shared strings can expand a few kilobytes into hundreds of megabytes: the text
  // may be at most 50 times the workbook (at least 16 MiB), and the conversion at most two
  // minutes.
  TemporaryFile out(".csv");
  std::error_code ec;
  const std::uint64_t workbook = std::filesystem::file_size(path, ec);
  ProgramLimits limits;
  limits.output = out.path();
  limits.max_output_bytes = std::max<std::uint64_t>(16u << 20, ec ? 0 : 50 * workbook);
  const ProgramResult r = run_program(
      {"xlsx2csv", "-f", "%Y-%m-%d %H:%M:%S", "--", as_operand(path), out.path().string()}, limits);
  if (!r.started)
    throw InputError(path, 0, "",
                     "reading .xlsx needs xlsx2csv (apt-get install xlsx2csv), which did not run");
  if (r.too_large)
    throw InputError(path, 0, "",
                     "the workbook expands to more than " +
                         std::to_string(limits.max_output_bytes >> 20) +
                         " MiB of text (a shared-string bomb?); convert it by hand if it is real");
  if (r.timed_out) throw InputError(path, 0, "", "xlsx2csv took more than two minutes");
  if (r.exit_code != 0) throw InputError(path, 0, "", "xlsx2csv could not read the workbook");
  return read_whole_file(out.path().string(), limits.max_output_bytes);
}

}  // namespace moneytrail
