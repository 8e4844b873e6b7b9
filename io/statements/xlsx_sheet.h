// Excel workbooks, as banks increasingly deliver statement retrievals: read through Debian's
// xlsx2csv rather than an XML and ZIP parser of our own.
#pragma once

#include <string>

namespace moneytrail {

/// A path ending in .xlsx (any case).
bool is_xlsx(const std::string& path);

/// The first sheet of a workbook as UTF-8 CSV text (times written as "2024-03-01 10:00:00"; line
/// numbers then count the sheet's rows). Throws InputError when xlsx2csv is missing or cannot
/// read the workbook.
std::string xlsx_as_csv(const std::string& path);

}  // namespace moneytrail
