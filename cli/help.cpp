#include "cli/help.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <sstream>

#include "cli/option_values.h"

namespace moneytrail::cli {
namespace {

struct OptionRow {
  char short_name = 0;
  std::string long_name;
  std::string value;         // what help shows for the value ("FILE"); empty for a switch
  std::string default_text;  // as a person writes it; empty when none
  std::string description;
  std::vector<std::string> choices;
};

struct RowGroup {
  std::string caption;
  std::vector<OptionRow> rows;
};

// "0.84999999999999998" as 0.85; anything that is not a number stays as it is.
std::string readable_default(const std::string& text) {
  if (text.find_first_of(".eE") == std::string::npos) return text;  // whole numbers as they are
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return text;
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

std::string upper(std::string text) {
  for (char& c : text) c = c == '-' ? '_' : static_cast<char>(std::toupper(c));
  return text;
}

OptionRow row_of(const po::option_description& option) {
  OptionRow row;
  row.long_name = option.long_name();
  const std::string shown =
      option.canonical_display_name(po::command_line_style::allow_dash_for_short);
  if (shown.size() == 2 && shown[0] == '-') row.short_name = shown[1];
  row.description = option.description();
  row.choices = option_choices(row.long_name);
  const auto semantic = option.semantic();
  if (semantic->max_tokens() == 0) return row;  // a switch
  const std::string name = semantic->name();    // "VALUE" or "VALUE (=DEFAULT)"
  const std::size_t open = name.find(" (=");
  row.value = name.substr(0, open);
  if (open != std::string::npos && name.back() == ')')
    row.default_text = readable_default(name.substr(open + 3, name.size() - open - 4));
  if (row.value == "arg") row.value = upper(row.long_name.substr(row.long_name.rfind('-') + 1));
  // A long list of choices reads better under the description than in the flag column.
  if (row.value.find('|') != std::string::npos && row.value.size() > 18)
    row.value = upper(row.long_name.substr(row.long_name.rfind('-') + 1));
  return row;
}

std::vector<RowGroup> option_groups(const CommandSpec& spec) {
  clear_option_choices();
  std::vector<RowGroup> groups;
  for (const OptionGroup& group : command_option_groups(spec)) {
    RowGroup g{group.caption, {}};
    for (const auto& option : group.options.options())
      if (option->long_name() != "input") g.rows.push_back(row_of(*option));
    if (!g.rows.empty()) groups.push_back(std::move(g));
  }
  return groups;
}

std::string flags_of(const OptionRow& row) {
  std::string flags = row.short_name ? std::string("-") + row.short_name + ", " : "    ";
  flags += "--" + row.long_name;
  if (!row.value.empty()) flags += " " + row.value;
  return flags;
}

// The description with what help adds to it: the choices when the flag column does not show
// them, and the default.
std::string full_description(const OptionRow& row) {
  std::string text = row.description;
  if (!row.choices.empty() && row.value.find('|') == std::string::npos) {
    text += text.empty() ? "" : "; ";
    text += "one of ";
    for (std::size_t i = 0; i < row.choices.size(); ++i)
      text += (i == 0 ? "" : i + 1 == row.choices.size() ? " or " : ", ") + row.choices[i];
  }
  if (!row.default_text.empty()) text += " (default " + row.default_text + ")";
  return text;
}

// Words of `text` in lines of at most `width` columns, the first indented by `first`, the rest
// by `rest`; a word longer than a line keeps its own line, unbroken.
std::string wrap(std::string_view text, int width, int first, int rest) {
  std::string out(static_cast<std::size_t>(first), ' ');
  int column = first;
  bool line_empty = true;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {  // a hard break in the source text
      out += "\n" + std::string(static_cast<std::size_t>(rest), ' ');
      column = rest;
      line_empty = true;
      ++i;
      continue;
    }
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = text.find_first_of(" \n", i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(i, end - i);
    const int length = static_cast<int>(word.size());
    if (!line_empty && column + 1 + length > width) {
      out += "\n" + std::string(static_cast<std::size_t>(rest), ' ');
      column = rest;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += length;
    line_empty = false;
    i = end;
  }
  return out + "\n";
}

std::string paragraphs(std::string_view text, int width, int indent) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string_view::npos) end = text.size();
    out += wrap(text.substr(start, end - start), width, indent, indent);
    start = end + 2;
    if (start < text.size()) out += "\n";
  }
  return out;
}

// roff: backslashes escaped, a leading dot or quote defused, hyphens as minus signs.
std::string roff(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  std::string safe;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i <= out.size(); ++i) {
    if (i == out.size() || out[i] == '\n') {
      std::string line = out.substr(line_start, i - line_start);
      if (!line.empty() && (line[0] == '.' || line[0] == '\'')) line = "\\&" + line;
      safe += line + (i < out.size() ? "\n" : "");
      line_start = i + 1;
    }
  }
  return safe;
}

// zsh _arguments text: no brackets, colons or single quotes unescaped.
std::string zsh_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out;
}

// The first clause of a description, for completion menus.
std::string short_description(const std::string& text) {
  std::size_t end = text.find_first_of(";(");
  std::string first = text.substr(0, end);
  while (!first.empty() && first.back() == ' ') first.pop_back();
  if (first.size() > 70) first = first.substr(0, first.rfind(' ', 70)) + "...";
  return first;
}

constexpr std::string_view kExitCodes =
    "0 success, 1 runtime failure (out of memory, a file that cannot be written), 2 bad usage or "
    "bad input (an unknown option, a value out of range, a file that cannot be read or parsed)";

}  // namespace

int help_width() {
  winsize size{};
  int width = 0;
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) width = size.ws_col;
  if (width <= 0)
    if (const char* columns = std::getenv("COLUMNS")) width = std::atoi(columns);
  if (width <= 0) width = 80;
  return std::clamp(width, 40, 100);
}

std::string overview_help(int width) {
  std::string out = std::string("moneytrail ") + MONEYTRAIL_VERSION +
                    ": money-laundering flow graph analyzer\n\n"
                    "usage: moneytrail COMMAND [INPUT...] [OPTIONS]\n"
                    "       moneytrail help COMMAND     the command's options and examples\n\n"
                    "commands:\n";
  std::size_t name_width = 10;
  for (const CommandSpec* spec : command_specs())
    name_width = std::max(name_width, spec->name.size() + 2);
  for (const CommandSpec* spec : command_specs()) {
    const int indent = static_cast<int>(2 + name_width);
    std::string lines = wrap(spec->summary, width, indent, indent);
    lines.replace(0, 2 + spec->name.size(), "  " + std::string(spec->name));
    out += lines;
  }
  out += "\n" + wrap(
                    "INPUT is a transaction CSV (native, AMLworld, AMLSim, PaySim, TRC20; .gz "
                    "too), bank statements, or a case file from `moneytrail ingest`; - reads "
                    "standard input. Results go to standard output or -o FILE; messages and "
                    "progress go to standard error.",
                    width, 0, 0);
  out += "\n" + wrap("exit codes: " + std::string(kExitCodes), width, 0, 2);
  return out;
}

std::string command_help(const CommandSpec& spec, int width) {
  std::string out =
      wrap("usage: moneytrail " + std::string(spec.name) + " " + std::string(spec.operands), width,
           0, 7) +
      "\n";
  out += paragraphs(spec.description, width, 0);
  for (const RowGroup& group : option_groups(spec)) {
    out += "\n" + group.caption + ":\n";
    std::size_t column = 0;
    for (const OptionRow& row : group.rows) column = std::max(column, flags_of(row).size());
    column = std::min<std::size_t>(column + 4, 30);
    for (const OptionRow& row : group.rows) {
      const std::string flags = "  " + flags_of(row);
      const std::string text = full_description(row);
      const int indent = static_cast<int>(column);
      if (flags.size() + 2 > column) {  // the description starts on the next line
        out += flags + "\n" + wrap(text, width, indent, indent);
      } else {
        std::string lines = wrap(text, width, indent, indent);
        lines.replace(0, column, flags + std::string(column - flags.size(), ' '));
        out += lines;
      }
    }
  }
  if (!spec.examples.empty()) {
    out += "\nexamples:\n";
    for (const Example& e : spec.examples) {
      out += wrap("moneytrail " + std::string(e.command), width, 2, 6);
      out += wrap(e.what, width, 6, 6);
    }
  }
  return out;
}

std::string man_page(const CommandSpec* spec) {
  std::ostringstream out;
  const std::string title = spec ? "MONEYTRAIL-" + upper(std::string(spec->name)) : "MONEYTRAIL";
  out << ".TH " << title << " 1 \"\" \"moneytrail " << MONEYTRAIL_VERSION
      << "\" \"moneytrail manual\"\n.SH NAME\n";
  if (!spec) {
    out << "moneytrail \\- money\\-laundering flow graph analyzer\n.SH SYNOPSIS\n"
        << ".B moneytrail\n.I COMMAND\n[\\fIINPUT\\fR...] [\\fIOPTIONS\\fR]\n"
        << ".SH DESCRIPTION\n"
        << roff(
               "Traces money forward and back under six attribution policies, scores accounts "
               "for mule risk, finds mule clusters, and exports what it finds for a case file. "
               "Each command has its own page, moneytrail-COMMAND(1).")
        << "\n.SH COMMANDS\n";
    for (const CommandSpec* s : command_specs())
      out << ".TP\n.B " << roff(s->name) << "\n" << roff(s->summary) << "\n";
  } else {
    out << "moneytrail\\-" << roff(spec->name) << " \\- " << roff(spec->summary)
        << "\n.SH SYNOPSIS\n.B moneytrail " << roff(spec->name) << "\n"
        << roff(spec->operands) << "\n.SH DESCRIPTION\n";
    std::string_view text = spec->description;
    for (std::size_t start = 0; start < text.size();) {
      std::size_t end = text.find("\n\n", start);
      if (end == std::string_view::npos) end = text.size();
      out << (start > 0 ? ".PP\n" : "") << roff(text.substr(start, end - start)) << "\n";
      start = end + 2;
    }
    for (const RowGroup& group : option_groups(*spec)) {
      out << ".SH " << roff(upper(group.caption)) << "\n";
      for (const OptionRow& row : group.rows) {
        out << ".TP\n";
        if (row.short_name) out << "\\fB\\-" << row.short_name << "\\fR, ";
        out << "\\fB\\-\\-" << roff(row.long_name) << "\\fR";
        if (!row.value.empty()) out << " \\fI" << roff(row.value) << "\\fR";
        out << "\n" << roff(full_description(row)) << "\n";
      }
    }
    if (!spec->examples.empty()) {
      out << ".SH EXAMPLES\n";
      for (const Example& e : spec->examples)
        out << ".TP\n.B moneytrail " << roff(e.command) << "\n" << roff(e.what) << "\n";
    }
  }
  out << ".SH EXIT STATUS\n" << roff(kExitCodes) << "\n.SH SEE ALSO\n";
  if (spec) {
    out << ".BR moneytrail (1)\n";
  } else {
    bool first = true;
    for (const CommandSpec* s : command_specs()) {
      out << (first ? "" : ",\n") << ".BR moneytrail\\-" << roff(s->name) << " (1)";
      first = false;
    }
    out << "\n";
  }
  return out.str();
}

std::string bash_completion() {
  std::ostringstream out;
  out << "# bash completion for moneytrail (generated by `moneytrail completion bash`)\n"
      << "_moneytrail() {\n"
      << "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
      << "  if [[ $COMP_CWORD -eq 1 ]]; then\n    COMPREPLY=($(compgen -W \"";
  for (const CommandSpec* s : command_specs()) out << s->name << " ";
  out << "help completion --help --version\" -- \"$cur\"))\n    return\n  fi\n"
      << "  local opts=\"\"\n  case \"${COMP_WORDS[1]}\" in\n";
  std::ostringstream choices;
  for (const CommandSpec* s : command_specs()) {
    out << "    " << s->name << ") opts=\"";
    for (const RowGroup& group : option_groups(*s)) {
      for (const OptionRow& row : group.rows) {
        out << "--" << row.long_name << " ";
        if (row.short_name) out << "-" << row.short_name << " ";
        if (row.choices.empty()) continue;
        choices << "    " << s->name << ":--" << row.long_name << ") COMPREPLY=($(compgen -W \"";
        for (const std::string& c : row.choices) choices << c << " ";
        choices << "\" -- \"$cur\")); return ;;\n";
      }
    }
    out << "\" ;;\n";
  }
  out << "    help) COMPREPLY=($(compgen -W \"";
  for (const CommandSpec* s : command_specs()) out << s->name << " ";
  out << "\" -- \"$cur\")); return ;;\n"
      << "    completion) COMPREPLY=($(compgen -W \"bash zsh\" -- \"$cur\")); return ;;\n"
      << "  esac\n  case \"${COMP_WORDS[1]}:$prev\" in\n"
      << choices.str() << "  esac\n"
      << "  if [[ \"$cur\" == -* ]]; then\n"
      << "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n  else\n"
      << "    COMPREPLY=($(compgen -f -- \"$cur\"))\n  fi\n}\n"
      << "complete -o filenames -o bashdefault -F _moneytrail moneytrail\n";
  return out.str();
}

std::string zsh_completion() {
  std::ostringstream out;
  out << "#compdef moneytrail\n# zsh completion for moneytrail (generated by `moneytrail "
         "completion zsh`)\n_moneytrail() {\n  local -a commands\n  commands=(\n";
  for (const CommandSpec* s : command_specs())
    out << "    '" << s->name << ":" << zsh_text(s->summary) << "'\n";
  out << "    'help:show a command'\\''s options and examples'\n"
      << "    'completion:print a bash or zsh completion script'\n  )\n"
      << "  if (( CURRENT == 2 )); then\n    _describe -t commands 'moneytrail command' commands\n"
      << "    return\n  fi\n  local command=$words[2]\n  shift words\n  (( CURRENT-- ))\n"
      << "  case $command in\n";
  for (const CommandSpec* s : command_specs()) {
    out << "    " << s->name << ")\n      _arguments -s \\\n";
    for (const RowGroup& group : option_groups(*s)) {
      for (const OptionRow& row : group.rows) {
        const std::string text = zsh_text(short_description(row.description));
        std::string value;
        if (!row.value.empty()) {
          value = ":" + zsh_text(row.value) + ":";
          if (!row.choices.empty()) {
            value += "(";
            for (const std::string& c : row.choices) value += c + " ";
            value.back() = ')';
          } else if (row.value == "FILE" || row.value == "DIR") {
            value += row.value == "DIR" ? "_files -/" : "_files";
          }
        }
        if (row.short_name) {
          out << "        '(-" << row.short_name << " --" << row.long_name << ")'{-"
              << row.short_name << ",--" << row.long_name << "}'[" << text << "]" << value
              << "' \\\n";
        } else {
          out << "        '--" << row.long_name << "[" << text << "]" << value << "' \\\n";
        }
      }
    }
    out << "        " << (s->takes_inputs ? "'*:input file:_files'" : "") << "\n      ;;\n";
  }
  out << "    help) _describe -t commands 'moneytrail command' commands ;;\n"
      << "    completion) _values 'shell' bash zsh ;;\n  esac\n}\n_moneytrail \"$@\"\n";
  return out.str();
}

}  // namespace moneytrail::cli
