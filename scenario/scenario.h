// A deterministic synthetic case of telecom-fraud laundering, with ground truth, for demos,
// tests and benchmarks. It models the chain investigators meet in practice: victims pay into
// tier-1 mule bank cards; money is split and forwarded within minutes to hours through further
// card tiers; through running-points (跑分) payment accounts that keep a 1-3 % commission; to
// OTC / underground-bank merchants who convert CNY to USDT; across several crypto addresses; and
// out at exchanges, ATMs or offshore accounts, with a cut to each group's organisers. Several
// groups have their own mule pools and share some running-points accounts; background traffic
// (shopping, P2P, salaries, rent, cash, exchange users) with heavy-tailed degrees and a daily
// rhythm makes up the large majority of rows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "graph/types.h"

namespace moneytrail::scenario {

struct ScenarioOptions {
  /// Accounts in total, background included. Default 20,000.
  std::uint64_t accounts = 20000;
  /// Transactions in total; background fills what the laundering chains leave. Default 200,000.
  std::uint64_t transactions = 200000;
  /// Independent fraud groups, each with its own mule pool. Default 4.
  std::uint32_t groups = 4;
  /// Victims in total, spread over the groups. Default 200.
  std::uint32_t victims = 200;
  /// Seed: the same options and seed give byte-identical files. Default 1.
  std::uint64_t seed = 1;
  /// First day, UTC seconds. Default 2026-01-01T00:00:00Z.
  Timestamp start_time = 1767225600;
  /// Days covered. Default 60.
  std::uint32_t days = 60;
  /// Tiers of mule cards between victims and the running-points layer. Default 3 (1 to 5).
  std::uint32_t mule_tiers = 3;
  /// Share of running-points accounts used by two groups. Default 0.2.
  double shared_running_points = 0.2;
  /// Share of victims told to pay a QR code: they pay a running-points collection account
  /// directly, in smaller sums, instead of a tier-1 mule card. Default 0.3.
  double qr_code_victims = 0.3;
  /// Unrelated payers (gamblers buying credit on an illegal platform) per running-points
  /// collection account, on average. Default 12.
  std::uint32_t gamblers_per_collection = 12;
  /// Legitimate look-alikes of laundering: mule cards also carry an ordinary life; payroll cards
  /// pass the salary to a savings account within minutes; wallets are topped up seconds before
  /// each payment; cross-border traders, employers funded the day they pay, and honest OTC desks
  /// move money fast. Default off.
  bool camouflage = false;
};

enum class Role : std::uint8_t {
  normal,
  victim,
  mule,
  running_points,
  otc,
  crypto_hop,
  cash_out,
  organiser
};
std::string_view to_string(Role role);

/// What an ordinary (or victim) account does besides shopping and P2P, written to the truth so
/// that false positives can be told apart: the legitimate fast movers of `camouflage`, and the
/// gamblers paying running-points accounts.
enum class Profile : std::uint8_t {
  none,
  payroll_card,   // receives a salary, moves it on to the holder's savings within minutes
  savings,        // the savings account a payroll card feeds
  wallet,         // a payment account topped up seconds before each payment
  wallet_funder,  // the holder's card that tops the wallet up
  trader,         // cross-border trader: many customers in, suppliers and exchange out, fast
  employer,       // funded by its parent the day it pays salaries
  honest_otc,     // an OTC desk trading with ordinary customers
  gambler,        // pays running-points collection accounts (illegal gambling credit)
  controller,     // tops up running-points collection accounts (a fraud group's organiser)
};
std::string_view to_string(Profile profile);

inline constexpr std::uint32_t kNoGroup = 0xFFFFFFFF;

struct Account {
  std::string id;
  AccountKind kind = AccountKind::unknown;
  std::string institution;
  Role role = Role::normal;
  std::uint32_t group = kNoGroup;
  std::uint32_t tier = 0;  // mule tier, 1-based; 0 otherwise
  double commission = 0;   // running-points commission rate
  std::uint32_t holder = 0;
  std::uint32_t device = 0;  // 0 = none
  std::uint64_t phone = 0;
  Timestamp opened = 0;
  double opening_balance = -1;  // < 0: unknown to investigators (not written)
  Profile profile = Profile::none;
};

/// Laundering stages, written as the typology of laundering rows.
enum class Stage : std::uint8_t {
  none,
  victim_payment,
  mule_forward,
  running_points,
  otc_conversion,
  crypto_hop,
  organiser_cut,
  cash_out,
  collection,  // an unrelated payer (gambler) paying a running-points collection account
  deposit,     // a controller topping up a running-points collection account
};
std::string_view to_string(Stage stage);

struct Transaction {
  Timestamp time = 0;
  std::uint32_t from = 0;
  std::uint32_t to = 0;
  double amount = 0;    // paid
  double received = 0;  // credited
  bool paid_usdt = false;
  bool received_usdt = false;
  Channel channel = Channel::other;
  Stage stage = Stage::none;  // none = background
  std::uint32_t group = kNoGroup;
  std::uint64_t sequence = 0;  // creation order, breaks timestamp ties deterministically
};

struct Scenario {
  ScenarioOptions options;
  std::vector<Account> accounts;
  std::vector<Transaction> transactions;  // sorted by (time, sequence)
  std::vector<double> usdt_rate;          // CNY per USDT, one per day
};

struct ScenarioSummary {
  std::uint64_t accounts = 0;
  std::uint64_t transactions = 0;
  std::uint64_t laundering_transactions = 0;
  std::uint64_t victims = 0;
  std::vector<std::uint64_t> laundering_per_group;
  std::vector<std::string> files;
};

/// Throws std::invalid_argument naming the option when the options cannot make a scenario.
Scenario generate_scenario(const ScenarioOptions& options);
/// Writes transactions.csv, accounts.csv, rates.csv, truth_accounts.csv, truth_transactions.csv
/// (formats in docs/generator.md), each to a temporary name renamed when complete.
void write_scenario_files(const Scenario& scenario, const std::filesystem::path& dir);
ScenarioSummary summarize(const Scenario& scenario);
struct StatementSummary {
  std::uint64_t rows = 0;          // statement rows the transfers make (both sides)
  std::uint64_t missing_rows = 0;  // left out on purpose
  std::vector<std::string> files;  // relative to the output directory
};
/// Writes statements/<bank>.csv for every bank (docs/generator.md) and
/// statements/truth_statement_rows.csv (file,line,transaction of every row written).
StatementSummary write_statements(const Scenario& scenario, const std::filesystem::path& dir);

/// generate_scenario + write_scenario_files.
ScenarioSummary write_scenario(const ScenarioOptions& options, const std::filesystem::path& dir);

}  // namespace moneytrail::scenario
