// The CSV reader (see csv_table.h): one pass over the bytes, then the
// header rule. Every refusal names a row (and a column when there is one).
#include "core/tasks/csv_table.h"
#include "core/tasks/tasks.h"

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cmath>
#include <cstdlib>

namespace unroll {
namespace {

bool fail(std::string* error, const std::string& m) {
  if (error) *error = m;
  return false;
}

std::string trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
  return std::string(s.substr(a, b - a));
}

// The first line's most frequent of , ; and tab outside quotes; ',' if none
// (a one-column file never meets a delimiter, so the choice does not matter).
char guess_delimiter(std::string_view text) {
  size_t count[3] = {0, 0, 0};
  const char cand[3] = {',', ';', '\t'};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (int k = 0; k < 3; ++k) count[k] += c == cand[k];
  }
  int best = 0;
  for (int k = 1; k < 3; ++k)
    if (count[k] > count[best]) best = k;
  return cand[best];
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// [+|-] digits [. digits] [(e|E) [+|-] digits], at least one mantissa digit.
bool looks_decimal(std::string_view s) {
  size_t i = 0, n = s.size(), mantissa = 0;
  if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
  for (; i < n && is_digit(s[i]); ++i) ++mantissa;
  if (i < n && s[i] == '.')
    for (++i; i < n && is_digit(s[i]); ++i) ++mantissa;
  if (mantissa == 0) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exponent = 0;
    for (; i < n && is_digit(s[i]); ++i) ++exponent;
    if (exponent == 0) return false;
  }
  return i == n;
}

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string shown_text(std::string_view s, size_t max_chars) {
  std::vector<char32_t> cps;
  std::string ignored;
  const bool utf8 = decode_utf8(s, &cps, &ignored);
  if (!utf8) cps.clear();  // byte by byte instead: non-ASCII becomes '?'
  if (!utf8)
    for (char ch : s) cps.push_back(char32_t(static_cast<unsigned char>(ch)));
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (i == max_chars) return out + "...";
    const char32_t c = cps[i];
    const bool bad = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (!utf8 && c >= 0x80) ||
                     (c < 0x80 && std::string_view("<>&\"`").find(char(c)) != std::string_view::npos);
    out += bad ? "?" : encode_utf8(c);
  }
  return out;
}

std::string CsvTable::column_name(size_t c) const {
  const std::string n = "column " + std::to_string(c + 1);
  return c < names.size() && !names[c].empty() ? n + " (" + shown_text(names[c]) + ")" : n;
}

CellNumber read_cell_number(std::string_view cell, double* value) {
  if (cell.empty()) return CellNumber::Empty;
  std::string_view s = cell;
  if (s[0] == '-' || s[0] == '+') s.remove_prefix(1);
  const std::string l = lower(s);
  if (l == "nan" || l == "na" || l == "inf" || l == "infinity" || l == "n/a" || l == "null")
    return CellNumber::NotFinite;
  if (!looks_decimal(cell)) return CellNumber::NotNumber;
  // strtod follows LC_NUMERIC: swap '.' for the locale's point, so "0.5"
  // means one half on every machine.
  std::string buffer(cell);
  const char point = *std::localeconv()->decimal_point;
  if (point != '.' && point != '\0') std::replace(buffer.begin(), buffer.end(), '.', point);
  const double x = std::strtod(buffer.c_str(), nullptr);
  if (!std::isfinite(x)) return CellNumber::NotFinite;  // 1e999
  *value = x;
  return CellNumber::Ok;
}

bool read_csv(std::string_view text, CsvTable* out, std::string* error) {
  *out = CsvTable();
  if (text.size() > kMaxCsvBytes)
    return fail(error, "the CSV is " + std::to_string(text.size()) + " bytes; at most " +
                           std::to_string(kMaxCsvBytes) + " bytes (2 MiB) are allowed");
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const char delim = guess_delimiter(text);

  // Records: fields split on `delim` outside quotes, ended by LF, CRLF or CR.
  std::vector<std::vector<std::string>> records;
  std::vector<size_t> numbers;  // each record's row number: the file line it starts on
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, was_quoted = false, any = false;
  size_t quote_row = 0, line = 1, start_line = 1;
  auto end_field = [&] {
    fields.push_back(was_quoted ? field : trim(field));
    field.clear();
    was_quoted = false;
  };
  auto end_record = [&]() -> bool {
    end_field();
    const bool blank = fields.size() == 1 && fields[0].empty() && !any;
    if (!blank) {
      records.push_back(std::move(fields));
      numbers.push_back(start_line);
      if (records.back().size() > kMaxCsvColumns)
        return fail(error, "row " + std::to_string(start_line) + " has " +
                               std::to_string(records.back().size()) + " fields; at most " +
                               std::to_string(kMaxCsvColumns) + " columns are allowed");
      if (records.size() > kMaxCsvRows + 1)
        return fail(error, "the CSV has more than " + std::to_string(kMaxCsvRows) +
                               " data rows, the most allowed");
    }
    fields.clear();
    any = false;
    start_line = line;
    return true;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || (c == '\n' && !(i > 0 && text[i - 1] == '\r'))) ++line;  // CRLF is one line break
    if (quoted) {
      if (c != '"') { field += c; continue; }
      if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; continue; }
      quoted = false;
      continue;
    }
    if (c == '"' && trim(field).empty()) {
      quoted = was_quoted = any = true;
      field.clear();
      quote_row = line;
    } else if (c == delim) {
      any = true;
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (!end_record()) return false;
    } else {
      field += c;
      if (c != ' ' && c != '\t') any = true;
    }
  }
  if (quoted)
    return fail(error, "row " + std::to_string(quote_row) + " opens a quote (\") that is never closed");
  if (!field.empty() || !fields.empty() || any)
    if (!end_record()) return false;
  if (records.empty()) return fail(error, "the CSV is empty: give one number per row, or columns separated by commas");

  const size_t n = records[0].size();
  for (size_t r = 1; r < records.size(); ++r)
    if (records[r].size() != n)
      return fail(error, "row " + std::to_string(numbers[r]) + " has " + std::to_string(records[r].size()) +
                             " field(s) but row 1 has " + std::to_string(n) +
                             ": every row needs the same number of columns");

  // The header rule (csv_table.h); a lone record with text is a header
  // without data (the task says so), not data without numbers.
  double x = 0;
  bool header = false;
  for (size_t c = 0; c < n; ++c)
    header |= read_cell_number(records[0][c], &x) != CellNumber::Ok &&
              (records.size() == 1 || read_cell_number(records[1][c], &x) == CellNumber::Ok);
  out->has_header = header;
  out->names = header ? records[0] : std::vector<std::string>(n);
  for (size_t r = header ? 1 : 0; r < records.size(); ++r) {
    out->rows.push_back(std::move(records[r]));
    out->row_number.push_back(numbers[r]);
  }
  return true;
}

}  // namespace unroll
