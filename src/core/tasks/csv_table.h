// The CSV reader of task=series: text (a file or pasted cells) -> a table of
// trimmed cells, with messages that name the row and the column.
//
// What it reads: RFC 4180 records (double-quoted fields may hold the
// delimiter, "" for a quote and line breaks), CRLF or LF, a leading UTF-8
// byte-order mark, blank lines skipped. The delimiter is the first line's
// most frequent of ',' ';' and tab outside quotes (none: one column).
// Rows are counted as an editor shows them: row N is the record that starts
// on line N of the file (row 1 is the header, when there is one).
//
// Header: the first record is a header when one of its cells is not a
// number while the same column of the second record is (so "YEAR,SPOTS"
// over "1700,5" is a header; "Jan-1995,66.2" over "Feb-1995,65.2" is data),
// or when it is the only record and holds text.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace unroll {

// Largest CSV accepted, in bytes (a file or pasted text).
constexpr size_t kMaxCsvBytes = 2 * 1048576;
// Most columns and data rows a CSV may have.
constexpr size_t kMaxCsvColumns = 256;
constexpr size_t kMaxCsvRows = 200000;

struct CsvTable {
  bool has_header = false;
  std::vector<std::string> names;               // header cells, or "" per column without one
  std::vector<std::vector<std::string>> rows;   // data rows x columns, cells trimmed
  std::vector<size_t> row_number;               // each data row's line in the file (1-based)
  size_t columns() const { return names.size(); }
  // "column 2 (SUNACTIVITY)" or "column 2": how messages name column c (0-based).
  std::string column_name(size_t c) const;
};

// Parses `text`. False with *error naming the row (and column) on: empty
// text, more than kMaxCsvBytes, an unterminated quote, a ragged row (a
// different number of fields than row 1), more than kMaxCsvColumns columns
// or kMaxCsvRows data rows.
bool read_csv(std::string_view text, CsvTable* out, std::string* error);

// Text from the file as a message may quote it: at most `max_chars`
// characters (then "..."), control characters and < > & " ` as '?', and
// any byte of invalid UTF-8 as '?'.
std::string shown_text(std::string_view s, size_t max_chars = 32);

// How a cell reads as a number.
enum class CellNumber { Ok, Empty, NotFinite, NotNumber };
// Decimal number, optional sign and exponent ("-1.5e3", "+2", ".5");
// "NaN", "NA", "inf" and the like are NotFinite, "" is Empty.
CellNumber read_cell_number(std::string_view cell, double* value);

}  // namespace unroll
