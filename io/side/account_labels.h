// Ground truth for evaluating a ranking: which accounts are known launderers.
//
// Two layouts, told apart by the header:
//  - a plain labels file with `account` and `label` columns (others ignored, any order), label one
//    of 1/0, true/false, yes/no, mule/clean, laundering/normal, positive/negative;
//  - the generator's truth_accounts.csv (`account,role,group,tier,commission`), where mule,
//    running_points, otc, crypto_hop and organiser accounts are positive, and cash_out accounts
//    are positive only with a group: those are a group's own exchange accounts, while ATMs have
//    no group and are shared with everyone, so flagging them would find no one. Normal, victim
//    and group-less cash_out accounts are negative.
// When a header has both columns, `label` wins (it is the explicit answer). AMLSim's node files
// read as they are: `nodeid` or `ACCOUNT_ID` for account, `isFraud` or `IS_SAR` for label.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace moneytrail {

struct AccountLabelRow {
  std::string account;
  bool positive = false;
  std::uint64_t line = 0;  // where the row starts in the file, for errors found later
};

/// Reads every row of a labels file, in file order. Throws InputError (file, line, column) on a
/// missing file, a header with neither layout, a short row, an empty or repeated account id, an
/// unknown label or role, or a file without data rows.
std::vector<AccountLabelRow> read_account_labels(const std::string& path);

/// Ground truth for transactions (evaluate --level transactions): a file with a `transaction`
/// (or `id`) column and a `label` column, or the generator's truth_transactions.csv
/// (`id,group,stage`), which lists the laundering transactions only (`positives_only`: every
/// scored transaction it does not list is negative). Rows reuse AccountLabelRow (`account` holds
/// the transaction id). Throws InputError as read_account_labels does.
struct TransactionTruth {
  std::vector<AccountLabelRow> rows;
  bool positives_only = false;
};
TransactionTruth read_transaction_labels(const std::string& path);

}  // namespace moneytrail
