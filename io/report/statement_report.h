// The bank-statement merge's pairs of rows, for `ingest --statement-matches`.
#pragma once

#include <ostream>

#include "io/load_case.h"

namespace moneytrail {

/// CSV payer_file,payer_line,payee_file,payee_line,matched_by (serial or time) for every pair of
/// statement rows the merge took for one transfer.
void write_statement_matches(std::ostream& out, const LoadReport& report);

}  // namespace moneytrail
