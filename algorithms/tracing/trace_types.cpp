#include "algorithms/tracing/trace_types.h"

#include <array>

namespace moneytrail {
namespace {

constexpr std::array<std::string_view, 6> kPolicyNames = {
    "haircut", "fifo", "lifo", "tainted-first", "tainted-last", "poison"};

}  // namespace

std::string_view to_string(TracePolicy policy) {
  return kPolicyNames[static_cast<std::size_t>(policy)];
}

std::optional<TracePolicy> parse_trace_policy(std::string_view text) {
  for (std::size_t i = 0; i < kPolicyNames.size(); ++i) {
    if (kPolicyNames[i] == text) return static_cast<TracePolicy>(i);
  }
  return std::nullopt;
}

std::string_view to_string(TraceDirection direction) {
  return direction == TraceDirection::forward ? "forward" : "backward";
}

std::string_view to_string(EndpointStatus status) {
  switch (status) {
    case EndpointStatus::held: return "held";
    case EndpointStatus::cashed_out: return "cashed_out";
    case EndpointStatus::left_data: return "left_data";
    case EndpointStatus::opening_balance: return "opening_balance";
    case EndpointStatus::inflow: return "inflow";
    case EndpointStatus::other: return "other";
  }
  return "held";
}

}  // namespace moneytrail
