#include "io/statements/statement_merge.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <tuple>
#include <unordered_map>

namespace moneytrail {
namespace {

bool looks_like_cash(std::string_view summary) {
  for (std::string_view word : {"现金", "取现", "取款", "ATM", "存现"})
    if (summary.find(word) != std::string_view::npos) return true;
  return false;
}

// One row seen as a directed transfer: payer and payee, amount in cents, which side wrote it.
struct Side {
  std::uint64_t pair;  // payer << 32 | payee
  std::int64_t cents;
  Timestamp time;
  std::uint32_t row;
  bool payee_side;
  bool same_transfer(const Side& o) const { return pair == o.pair && cents == o.cents; }
  bool operator<(const Side& o) const {
    return std::tie(pair, cents, payee_side, time, row) <
           std::tie(o.pair, o.cents, o.payee_side, o.time, o.row);
  }
};

// A transaction decided by the pairing: its payer's time, its row and the other side's row.
struct Decided {
  static constexpr std::uint32_t kOneSided = 0xFFFFFFFF;
  Timestamp time;
  std::uint32_t row, other_row;
  bool operator<(const Decided& o) const { return std::tie(time, row) < std::tie(o.time, o.row); }
};

// The steps of one merge, sharing the rows' accounts.
class StatementMerger {
 public:
  StatementMerger(const StatementSet& set, const StatementMergeOptions& options,
                  GraphBuilder& builder, StatementMergeReport& report)
      : set_(set), rows_(set.rows), options_(options), builder_(builder), report_(report) {}

  void run() {
    look_up_accounts();
    std::vector<Decided> decided = pair_sides();
    add_transactions(decided);
    check_balances();
    name_counterparties();
    tie_shared_ips();
  }

 private:
  std::string_view text(std::uint32_t i, TextSpan StatementRow::*field) const {
    return set_.get(rows_[i], rows_[i].*field);
  }

  // Both accounts of every row, looked up once in the builder's own table. The counterparty of a
  // row with none (a cash withdrawal, a fee) is one node per summary, so that "ATM取款" rows meet
  // at one cash endpoint rather than vanish.
  void look_up_accounts() {
    own_.resize(rows_.size());
    other_.resize(rows_.size());
    std::unordered_map<std::string_view, VertexId> unknown_by_summary;
    std::string_view last_account;  // a retrieval of one card repeats its number on every row
    VertexId last_vertex = 0;
    for (std::uint32_t i = 0; i < rows_.size(); ++i) {
      const std::string_view account = text(i, &StatementRow::account);
      if (account != last_account) {
        last_account = account;
        last_vertex = builder_.add_account(account);
      }
      own_[i] = last_vertex;
      const std::string_view counterparty = text(i, &StatementRow::counterparty);
      if (!counterparty.empty()) {
        other_[i] = builder_.add_account(counterparty);
        continue;
      }
      const std::string_view summary = text(i, &StatementRow::summary);
      auto [it, added] = unknown_by_summary.try_emplace(summary);
      if (added)
        it->second = builder_.add_account(
            "unknown:" + std::string(summary.empty() ? "no counterparty" : summary));
      other_[i] = it->second;
    }
  }

  // Both sides of one transfer share (payer, payee, amount in cents): sorted so, each group has
  // its payer rows first, each side in time order. Returns every transaction, merged or not.
  std::vector<Decided> pair_sides() {
    std::vector<Side> sides(rows_.size());
    for (std::uint32_t i = 0; i < rows_.size(); ++i) {
      const StatementRow& r = rows_[i];
      const VertexId payer = r.outgoing ? own_[i] : other_[i];
      const VertexId payee = r.outgoing ? other_[i] : own_[i];
      sides[i] = {std::uint64_t{payer} << 32 | payee, std::llround(r.amount * 100), r.time, i,
                  !r.outgoing};
    }
    std::sort(sides.begin(), sides.end());
    std::vector<Decided> decided;
    decided.reserve(rows_.size());
    std::vector<std::uint8_t> used(rows_.size(), 0);
    auto merge = [&](std::uint32_t payer, std::uint32_t payee, bool by_serial) {
      used[payer] = used[payee] = 1;
      decided.push_back({rows_[payer].time, payer, payee});  // at the payer's clock
      ++(by_serial ? report_.matched_by_serial : report_.matched_by_time);
      report_.matches.push_back(
          {rows_[payer].file, rows_[payee].file, rows_[payer].line, rows_[payee].line, by_serial});
    };
    for (std::size_t begin = 0; begin < sides.size();) {
      std::size_t end = begin, split = begin;
      while (end < sides.size() && sides[end].same_transfer(sides[begin])) ++end;
      while (split < end && !sides[split].payee_side) ++split;
      if (split > begin && end > split) {
        pair_by_serial(sides, begin, split, end, merge);
        pair_by_time(sides, begin, split, end, used, merge);
      }
      for (std::size_t k = begin; k < end; ++k) {
        if (used[sides[k].row]) continue;
        decided.push_back({rows_[sides[k].row].time, sides[k].row, Decided::kOneSided});
        ++report_.one_sided;
      }
      begin = end;
    }
    return decided;
  }

  // A merge join on the serial numbers of one group's payer rows [begin, split) and payee rows
  // [split, end).
  template <typename Merge>
  void pair_by_serial(const std::vector<Side>& sides, std::size_t begin, std::size_t split,
                      std::size_t end, Merge& merge) const {
    std::vector<std::pair<std::string_view, std::uint32_t>> payers, payees;
    for (std::size_t k = begin; k < end; ++k) {
      const std::uint32_t row = sides[k].row;
      if (rows_[row].serial.length != 0)
        (k < split ? payers : payees).emplace_back(text(row, &StatementRow::serial), row);
    }
    std::sort(payers.begin(), payers.end());
    std::sort(payees.begin(), payees.end());
    for (std::size_t a = 0, b = 0; a < payers.size() && b < payees.size();) {
      if (payers[a].first < payees[b].first) {
        ++a;
      } else if (payees[b].first < payers[a].first) {
        ++b;
      } else {
        merge(payers[a++].second, payees[b++].second, true);
      }
    }
  }

  // Each payer row left, in time order, takes the closest unused payee row within the tolerance
  // whose serial number does not contradict its own.
  template <typename Merge>
  void pair_by_time(const std::vector<Side>& sides, std::size_t begin, std::size_t split,
                    std::size_t end, const std::vector<std::uint8_t>& used, Merge& merge) const {
    const std::int64_t tolerance = options_.time_tolerance_seconds;
    std::size_t window = split;
    for (std::size_t k = begin; k < split; ++k) {
      const Side& p = sides[k];
      if (used[p.row]) continue;
      while (window < end && sides[window].time < p.time - tolerance) ++window;
      std::size_t best = end;
      std::int64_t best_gap = tolerance + 1;
      const std::string_view ps = text(p.row, &StatementRow::serial);
      for (std::size_t j = window; j < end && sides[j].time <= p.time + tolerance; ++j) {
        if (used[sides[j].row]) continue;
        const std::string_view qs = text(sides[j].row, &StatementRow::serial);
        if (!ps.empty() && !qs.empty() && ps != qs) continue;
        const std::int64_t gap = std::llabs(sides[j].time - p.time);
        if (gap < best_gap) {
          best_gap = gap;
          best = j;
        }
      }
      if (best != end) merge(p.row, sides[best].row, false);
    }
  }

  // In time order, so that the builder need not sort them again. Ids: the serial number, else
  // file:line of the row; a serial number another bank also used, or a file given twice, is made
  // unique rather than dropped.
  void add_transactions(std::vector<Decided>& decided) {
    std::sort(decided.begin(), decided.end());
    builder_.reserve_transactions(builder_.num_transactions() + decided.size());
    std::string id;
    for (const Decided& d : decided) {
      const std::uint32_t i = d.row;
      const StatementRow& r = rows_[i];
      std::string_view serial = text(i, &StatementRow::serial);
      if (serial.empty() && d.other_row != Decided::kOneSided)
        serial = text(d.other_row, &StatementRow::serial);
      if (!serial.empty()) {
        id.assign(serial);
      } else {
        id.assign(set_.paths()[r.file]);
        id += ':';
        char digits[16];
        id.append(digits, std::to_chars(digits, digits + sizeof digits, r.line).ptr);
      }
      TransactionInput in;
      in.id = id;
      in.timestamp = d.time;
      in.amount = in.received_amount = r.amount;
      in.currency = set_.currency(r);
      in.channel = r.platform ? Channel::payment_platform : Channel::bank_transfer;
      if (r.platform) (r.outgoing ? in.from_kind : in.to_kind) = AccountKind::payment_account;
      if (r.counterparty.length == 0 && looks_like_cash(text(i, &StatementRow::summary))) {
        in.channel = r.outgoing ? Channel::cash_withdrawal : Channel::cash_deposit;
        (r.outgoing ? in.to_kind : in.from_kind) = AccountKind::cash;
      }
      const VertexId from = r.outgoing ? own_[i] : other_[i], to = r.outgoing ? other_[i] : own_[i];
      if (builder_.add_transaction(in, from, to) == GraphBuilder::AddResult::duplicate_id) {
        const std::string base = id;
        for (int copy = 2;; ++copy) {
          id = base + "#" + std::to_string(copy);
          in.id = id;
          if (builder_.add_transaction(in, from, to) == GraphBuilder::AddResult::added) break;
        }
      }
      ++report_.transactions;
    }
  }

  // Balances, in each statement's own order (the bank's booking sequence, which can differ from
  // the times by seconds; rows are in file and line order): each row's balance must follow from
  // the previous one; the first row's gives the opening balance. Also each statement account's
  // holder (name|ID number), phone and device.
  void check_balances() {
    // Grouped by account with a counting sort, which keeps each account's rows in set order.
    std::vector<std::uint32_t> first_booking(builder_.num_accounts() + 1, 0);
    for (std::uint32_t i = 0; i < rows_.size(); ++i) ++first_booking[own_[i] + 1];
    for (std::size_t a = 1; a < first_booking.size(); ++a) first_booking[a] += first_booking[a - 1];
    std::vector<std::uint32_t> bookings(rows_.size());
    {
      std::vector<std::uint32_t> next(first_booking.begin(), first_booking.end() - 1);
      for (std::uint32_t i = 0; i < rows_.size(); ++i) bookings[next[own_[i]]++] = i;
    }
    has_statement_.assign(builder_.num_accounts(), 0);
    for (std::size_t begin = 0; begin < bookings.size();) {
      const VertexId account = own_[bookings[begin]];
      const std::size_t end = first_booking[account + 1];
      const std::uint32_t first = bookings[begin];
      has_statement_[account] = 1;
      AccountInput attributes;
      attributes.id = text(first, &StatementRow::account);
      Amount previous = std::nan("");  // NaN: no balance to check against
      for (std::size_t k = begin; k < end; ++k) {
        const StatementRow& r = rows_[bookings[k]];
        const Amount signed_amount = r.outgoing ? -r.amount : r.amount;
        if (std::isnan(r.balance)) {
          previous = std::nan("");  // a row without a balance breaks the chain of checks
          continue;
        }
        if (!std::isnan(previous)) {
          const Amount expected = previous + signed_amount;
          if (std::abs(expected - r.balance) > 0.005)
            report_.gaps.push_back(
                {r.file, r.line, std::string(attributes.id), expected, r.balance});
        } else if (k == begin) {
          attributes.opening_balance = r.balance - signed_amount;
        }
        previous = r.balance;
      }
      std::string holder(text(first, &StatementRow::holder_name));
      const std::string_view id_number = text(first, &StatementRow::id_number);
      if (!holder.empty() && !id_number.empty()) (holder += '|') += id_number;
      attributes.holder = holder;
      attributes.phone = text(first, &StatementRow::phone);
      attributes.device = rows_[first].device.length != 0 ? text(first, &StatementRow::device)
                                                          : text(first, &StatementRow::mac);
      if (!std::isnan(attributes.opening_balance)) ++report_.opening_balances;
      builder_.set_account(account, attributes);
      begin = end;
    }
    std::sort(report_.gaps.begin(), report_.gaps.end(),
              [](const BalanceGap& a, const BalanceGap& b) {
                return std::tie(a.file, a.line) < std::tie(b.file, b.line);
              });
  }

  // Counterparty names and banks, for accounts without a statement of their own.
  void name_counterparties() {
    std::vector<std::uint8_t> named(builder_.num_accounts(), 0);
    for (std::uint32_t i = 0; i < rows_.size(); ++i) {
      const VertexId v = other_[i];
      if (rows_[i].counterparty.length == 0 || has_statement_[v] || named[v]) continue;
      named[v] = 1;
      AccountInput attributes;
      attributes.holder = text(i, &StatementRow::counterparty_name);
      attributes.institution = text(i, &StatementRow::counterparty_bank);
      builder_.set_account(v, attributes);
    }
  }

  // Accounts seen on one IP address within the window are tied (a fraud team's phones and
  // computers operate many cards).
  void tie_shared_ips() {
    std::vector<std::uint32_t> with_ip;
    for (std::uint32_t i = 0; i < rows_.size(); ++i)
      if (rows_[i].ip.length != 0) with_ip.push_back(i);
    std::sort(with_ip.begin(), with_ip.end(), [&](std::uint32_t a, std::uint32_t b) {
      return std::tuple(text(a, &StatementRow::ip), rows_[a].time, a) <
             std::tuple(text(b, &StatementRow::ip), rows_[b].time, b);
    });
    std::vector<std::tuple<std::string_view, std::string_view, std::string_view>> ties;
    for (std::size_t k = 1; k < with_ip.size(); ++k) {
      const std::uint32_t a = with_ip[k - 1], b = with_ip[k];
      const std::string_view ip = text(a, &StatementRow::ip);
      if (ip != text(b, &StatementRow::ip) || own_[a] == own_[b] ||
          rows_[b].time - rows_[a].time > options_.ip_window_seconds)
        continue;
      // Named first: std::minmax of two temporaries would return references to them.
      const std::string_view x = text(a, &StatementRow::account);
      const std::string_view y = text(b, &StatementRow::account);
      ties.emplace_back(std::min(x, y), std::max(x, y), ip);
    }
    std::sort(ties.begin(), ties.end());
    ties.erase(std::unique(ties.begin(), ties.end(),
                           [](const auto& x, const auto& y) {
                             return std::get<0>(x) == std::get<0>(y) &&
                                    std::get<1>(x) == std::get<1>(y);
                           }),
               ties.end());
    for (const auto& [low, high, ip] : ties) {
      builder_.add_link(low, high, LinkKind::other, "ip:" + std::string(ip));
      ++report_.links;
    }
  }

  const StatementSet& set_;
  const std::vector<StatementRow>& rows_;
  const StatementMergeOptions& options_;
  GraphBuilder& builder_;
  StatementMergeReport& report_;
  std::vector<VertexId> own_, other_;        // per row: the statement's account, the counterparty
  std::vector<std::uint8_t> has_statement_;  // per account
};

}  // namespace

StatementMergeReport merge_statements(const StatementSet& set, const StatementMergeOptions& options,
                                      GraphBuilder& builder) {
  StatementMergeReport report;
  report.rows = set.rows.size();
  StatementMerger(set, options, builder, report).run();
  return report;
}

}  // namespace moneytrail
