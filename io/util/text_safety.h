// Text as moneytrail reads and writes it: valid UTF-8 once read, and escaped for the context it
// is written into. An input field controls what lands in an output, so every writer goes
// through one of these functions and none invents its own escaping:
//   html_text        element text and quoted attribute values in the HTML report
//   script_data      JSON placed inside a <script> element (no "</script", "<!--", U+2028/9)
//   xml_text         GraphML and GEXF text and attribute values
//   dot_string       the inside of a Graphviz "..." string
//   csv_cell         a CSV cell, quoted when needed, formula cells defused (see below)
//   terminal_text    a table cell printed on a terminal
// Characters that a context cannot hold (control characters in XML, escape sequences on a
// terminal, NUL in DOT) are written visibly as \xNN, never dropped, so two different inputs stay
// two different outputs.
#pragma once

#include <string>
#include <string_view>

namespace moneytrail {

/// Well-formed UTF-8 by RFC 3629: no overlong forms, no surrogates (U+D800-DFFF), nothing above
/// U+10FFFF (so no lead byte above F4).
bool is_valid_utf8(std::string_view bytes);
/// `bytes` with each ill-formed byte replaced by U+FFFD.
std::string repair_utf8(std::string_view bytes);
/// `bytes` with each ill-formed byte written as the text \xNN: for ids, where U+FFFD would make
/// two different ids ("acct\xFF", "acct\xFE") one account.
std::string repair_utf8_visibly(std::string_view bytes);

/// True when `text` holds a C0 or C1 control character or DEL (ids must not: they break
/// outputs and make distinct ids look alike).
bool has_control_characters(std::string_view text);
/// True when `text` (valid UTF-8) is empty or only Unicode white space (no-break space,
/// ideographic space, the U+2000 spaces, ...): an id no one could read or type.
bool is_blank(std::string_view text);

std::string html_text(std::string_view text);
std::string script_data(std::string_view json);
std::string xml_text(std::string_view text);
std::string dot_string(std::string_view text);
std::string terminal_text(std::string_view text);

/// A CSV cell: quoted when it holds the delimiter, a quote, CR or LF. Unless formulas are
/// allowed (set_csv_formulas, --csv-raw), a cell that begins with '=', '+', '-', '@', tab or CR
/// and is not a number gets a leading apostrophe, so Excel and LibreOffice show it as text
/// instead of running it (OWASP's advice on CSV injection). moneytrail's own readers of its CSV
/// outputs take the apostrophe off again.
std::string csv_cell(std::string_view text, char delimiter = ',');
/// Process-wide: whether csv_cell leaves formula-looking cells alone (the --csv-raw option).
void set_csv_formulas(bool allowed);
/// The inverse of the formula guard, for moneytrail's readers of its own CSV outputs.
std::string_view strip_formula_guard(std::string_view cell);

}  // namespace moneytrail
