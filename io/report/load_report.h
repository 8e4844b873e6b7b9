// The load summary on stderr: what was read, the bank-statement merge, rows repaired and rows
// rejected, with the first examples and where the rest went.
#pragma once

#include <ostream>

#include "io/load_case.h"

namespace moneytrail {

/// The rejects, repairs and balance gaps always (each is something an investigator must know);
/// the counts of what was read unless `quiet`.
void write_load_summary(std::ostream& out, const LoadedCase& loaded, bool quiet);

}  // namespace moneytrail
