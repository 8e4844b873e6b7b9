// A deterministic generator of telecom-fraud laundering scenarios with ground truth.
//
// It models what investigators in China meet: several fraud groups, each with its own pool of
// mule bank cards (often several cards per holder), receive victims' payments; every card
// splits and forwards what arrived within minutes to hours through mule tiers; part of the money
// passes running-points (跑分) payment accounts that keep a fixed 1-3 % commission; OTC /
// underground-bank merchants convert CNY to USDT at the day's rate minus a spread; USDT hops
// across the group's crypto addresses (1 USDT network fee per hop, small cuts to organisers)
// and leaves at exchange accounts, while some CNY is withdrawn at ATMs or sent abroad. Ordinary
// traffic (salaries, rent, shopping, P2P, bills, exchange users, cash) with heavy-tailed degrees
// and a China-time daily rhythm makes up most rows; laundering runs around the clock.
//
// The same options (seed included) give byte-identical files on any machine.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace moneytrail::scenario {

struct ScenarioOptions {
  /// Accounts in total: background, victims and fraud infrastructure. At most 10,000,000.
  /// Default 20,000.
  std::uint64_t accounts = 20000;
  /// Target number of transaction rows. Laundering rows are part of it and are never cut: if
  /// the laundering chains alone produce more, there is no background. Default 200,000.
  std::uint64_t transactions = 200000;
  /// Independent fraud groups, each with its own mules and infrastructure; ignored (no fraud)
  /// when victims is 0. At most 1,000. Default 4.
  std::uint32_t groups = 4;
  /// Victims in total, dealt round-robin to the groups; 0 or at least `groups`. Default 200.
  std::uint32_t victims = 200;
  /// Seed of every random choice. Default 1.
  std::uint64_t seed = 1;
  /// Start of the covered period, UTC seconds since 1970. Default 1767225600
  /// (2026-01-01T00:00:00Z).
  std::int64_t start_time = 1767225600;
  /// Length of the covered period in days, 1 to 3,650. Default 60.
  std::uint32_t days = 60;
  /// Tiers of mule bank cards between victims and the running-points / OTC layer, 1 to 6.
  /// Default 3.
  std::uint32_t mule_tiers = 3;
  /// Fraction (0 to 1) of running-points accounts that a second group also uses. Default 0.2.
  double shared_running_points = 0.2;
};

enum class AccountKind : std::uint8_t {
  bank_card,
  bank_account,
  payment_account,
  platform,
  crypto_address,
  exchange_account,
  merchant,
  cash,
  unknown
};

enum class Channel : std::uint8_t {
  bank_transfer,
  card_payment,
  payment_platform,
  crypto_transfer,
  exchange_trade,
  cash_withdrawal,
  cash_deposit,
  other
};

enum class Currency : std::uint8_t { CNY, USDT };

enum class Institution : std::uint8_t {
  ICBC,
  CCB,
  ABC,
  BOC,
  CMB,
  BOCOM,
  PSBC,
  CITIC,
  Alipay,
  WeChatPay,
  UnionPay,
  TRON,
  ExA,
  ExB,
  ExC,
  ATM,
  HKBank,
  Offshore
};

/// Ground-truth role. ATM / cash endpoints are public infrastructure shared with ordinary
/// traffic, so they are `normal`; the money's exit is marked on the transaction (cash_out).
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

/// Laundering stage of a transaction, written as its typology (`none` = background):
///   victim_payment  victim -> tier-1 mule card
///   mule_forward    mule card -> next-tier card, running-points account or OTC merchant
///   running_points  running-points account -> OTC merchant (commission kept)
///   otc_conversion  OTC merchant -> group crypto address, CNY paid, USDT received
///   crypto_hop      crypto address -> next crypto address
///   organiser_cut   crypto address -> organiser address
///   cash_out        to an ATM, an offshore account or the group's exchange account
enum class Stage : std::uint8_t {
  none,
  victim_payment,
  mule_forward,
  running_points,
  otc_conversion,
  crypto_hop,
  organiser_cut,
  cash_out
};

std::string_view to_string(AccountKind kind);
std::string_view to_string(Channel channel);
std::string_view to_string(Currency currency);
std::string_view to_string(Institution institution);
std::string_view to_string(Role role);
std::string_view to_string(Stage stage);

/// Amounts are integers in millionths of their currency (CNY amounts are whole cents).
inline constexpr std::int64_t kMicrosPerUnit = 1'000'000;
inline constexpr std::uint16_t kNoGroup = 0xFFFF;
inline constexpr std::uint32_t kNoHolder = 0xFFFFFFFF;
inline constexpr std::uint32_t kNoDevice = 0xFFFFFFFF;
/// opening_balance of accounts whose balance investigators do not know (written empty).
inline constexpr std::int64_t kUnknownBalance = -1;

struct Account {
  std::string id;
  std::uint32_t index = 0;  // position in Scenario::accounts
  AccountKind kind = AccountKind::unknown;
  Institution institution = Institution::ICBC;
  Role role = Role::normal;
  std::uint8_t tier = 0;                  // mule tier 1..mule_tiers; 0 otherwise
  std::uint16_t group = kNoGroup;         // fraud group; running-points: the main user
  std::uint16_t commission_permille = 0;  // running-points commission, 10..30
  std::uint32_t holder = kNoHolder;       // several mule cards share one holder
  std::uint32_t device = kNoDevice;
  std::uint64_t phone = 0;                // 0 = none
  std::int32_t opened_day = 0;            // days since 1970-01-01
  std::int64_t opening_balance = kUnknownBalance;  // micro-CNY

  double commission() const { return commission_permille / 1000.0; }
};

/// One row, 40 bytes so that ten million fit comfortably in memory.
struct Transaction {
  std::int64_t timestamp = 0;        // UTC seconds
  std::int64_t amount = 0;           // paid, micro-units of `currency`
  std::int64_t received_amount = 0;  // received, micro-units of `received_currency`
  std::uint32_t from = 0;            // account indices
  std::uint32_t to = 0;
  Channel channel = Channel::other;
  Currency currency = Currency::CNY;
  Currency received_currency = Currency::CNY;
  Stage stage = Stage::none;
  std::uint16_t group = kNoGroup;  // fraud group of laundering rows

  bool laundering() const { return stage != Stage::none; }
};
static_assert(sizeof(Transaction) == 40);

struct Scenario {
  ScenarioOptions options;
  std::uint32_t groups = 0;       // fraud groups actually generated (0 without victims)
  std::vector<Account> accounts;  // accounts[i].index == i; accounts.csv order
  /// File order: by timestamp, ties in generation order. A row's id is its position.
  std::vector<Transaction> transactions;
  /// USDT price in CNY x 10^4 for each UTC day from `first_rate_day` (days since 1970).
  std::int64_t first_rate_day = 0;
  std::vector<std::int32_t> usdt_rate_e4;
};

struct GroupSummary {
  std::uint32_t victims = 0;
  std::uint32_t mule_cards = 0;
  std::uint64_t laundering_transactions = 0;
  std::int64_t victim_payments_micro_cny = 0;  // what the group's victims lost
};

struct ScenarioSummary {
  std::uint64_t accounts = 0;
  std::uint64_t transactions = 0;
  std::uint64_t laundering_transactions = 0;
  std::uint32_t victims = 0;
  std::vector<GroupSummary> groups;
  std::vector<std::filesystem::path> files;  // empty when nothing was written
};

/// Throws std::invalid_argument naming the offending option.
void validate_options(const ScenarioOptions& options);

/// Builds the whole scenario in memory (validates first).
Scenario generate_scenario(const ScenarioOptions& options);

/// Writes into `dir` (created if needed), each file first under a temporary name and renamed
/// once all are complete:
///   transactions.csv        every row; label 1 + typology for laundering rows
///   accounts.csv            every account (holder, phone, device, opened, opening balance)
///   rates.csv               CNY base rate and one USDT rate per day
///   truth_accounts.csv      role, group, tier and commission of every account
///   truth_transactions.csv  group and stage of every laundering row; unlisted rows are
///                           background
/// Throws std::runtime_error if a file cannot be written.
void write_scenario_files(const Scenario& scenario, const std::filesystem::path& dir);

/// Names of the files write_scenario_files creates, in the order above.
std::vector<std::string> scenario_file_names();

/// Counts for reporting; `files` is left empty.
ScenarioSummary summarize(const Scenario& scenario);

/// generate_scenario + write_scenario_files; the summary lists the files written.
ScenarioSummary write_scenario(const ScenarioOptions& options, const std::filesystem::path& dir);

/// "T" + the 1-based position, zero-padded to 9 digits or to the width of `count`.
std::string transaction_id(std::uint64_t position, std::uint64_t count);

/// USDT price in CNY on the UTC day of `timestamp` (clamped to the covered days).
double usdt_rate_at(const Scenario& scenario, std::int64_t timestamp);

}  // namespace moneytrail::scenario
