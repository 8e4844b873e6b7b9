#include "cli/option_values.h"

#include <charconv>
#include <cmath>
#include <ostream>

#include "cli/cli_support.h"

namespace moneytrail::cli {
namespace {

std::map<std::string, std::vector<std::string>>& choices_registry() {
  static std::map<std::string, std::vector<std::string>> registry;
  return registry;
}

// Shortest text that reads back as the same number: 0.85, not 0.84999999999999998.
std::string number_text(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

std::string listed(const std::vector<std::string>& choices) {
  std::string text;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) text += i + 1 == choices.size() ? " or " : ", ";
    text += choices[i];
  }
  return text;
}

}  // namespace

std::ostream& operator<<(std::ostream& out, const Count& count) { return out << count.value; }

void validate(boost::any& value, const std::vector<std::string>& texts, Count*, int) {
  po::validators::check_first_occurrence(value);
  const std::string& text = po::validators::get_single_string(texts);
  Count count;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count.value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    throw po::invalid_option_value(text);
  value = count;
}

po::typed_value<Count>* count_value(const std::string& name, std::uint64_t min, std::uint64_t max) {
  return po::value<Count>()->value_name("N")->notifier([name, min, max](const Count& c) {
    if (c.value < min)
      throw UsageError("--" + name + " must be at least " + std::to_string(min) + " (got " +
                       std::to_string(c.value) + ")");
    if (c.value > max)
      throw UsageError("--" + name + " must be at most " + std::to_string(max) + " (got " +
                       std::to_string(c.value) + ")");
  });
}

po::typed_value<Count>* count_value(const std::string& name, std::uint64_t fallback,
                                    std::uint64_t min, std::uint64_t max) {
  return count_value(name, min, max)->default_value(Count{fallback}, std::to_string(fallback));
}

po::typed_value<double>* number_value(const std::string& name, double min, double max,
                                      bool above_min) {
  return po::value<double>()->value_name("X")->notifier([=](double x) {
    const bool low = above_min ? !(x > min) : !(x >= min);
    if (!std::isfinite(x) || low || x > max) {
      std::string range = above_min ? "above " + number_text(min) : "at least " + number_text(min);
      if (std::isfinite(max)) range += " and at most " + number_text(max);
      throw UsageError("--" + name + " must be " + range + " (got " + number_text(x) + ")");
    }
  });
}

po::typed_value<std::string>* choice_value(const std::string& name,
                                           std::initializer_list<std::string_view> choices,
                                           bool with_default) {
  std::vector<std::string> list(choices.begin(), choices.end());
  choices_registry()[name] = list;
  std::string value_name;
  for (const std::string& c : list) value_name += (value_name.empty() ? "" : "|") + c;
  auto* value = po::value<std::string>()
                    ->value_name(value_name)
                    ->notifier([name, list](const std::string& text) {
                      for (const std::string& c : list)
                        if (c == text) return;
                      throw UsageError("unknown --" + name + " '" + text + "' (expected " +
                                       listed(list) + ")");
                    });
  if (with_default && !list.empty()) value->default_value(list.front());
  return value;
}

po::typed_value<std::string>* text_value(const char* value_name) {
  return po::value<std::string>()->value_name(value_name);
}

const std::vector<std::string>& option_choices(const std::string& name) {
  static const std::vector<std::string> none;
  const auto it = choices_registry().find(name);
  return it == choices_registry().end() ? none : it->second;
}

void clear_option_choices() { choices_registry().clear(); }

std::uint64_t count_of(const po::variables_map& vm, const char* name) {
  return vm[name].as<Count>().value;
}

}  // namespace moneytrail::cli
