// The CSV reader of task=series: delimiters, quotes, the header rule, and a
// message naming the row for every file it refuses.
#include <gtest/gtest.h>

#include <string>

#include "core/tasks/csv_table.h"

namespace unroll {
namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

CsvTable read_ok(const std::string& text) {
  CsvTable t;
  std::string error;
  EXPECT_TRUE(read_csv(text, &t, &error)) << error;
  return t;
}

std::string refusal(const std::string& text) {
  CsvTable t;
  std::string error;
  EXPECT_FALSE(read_csv(text, &t, &error)) << text.substr(0, 40);
  return error;
}

TEST(CsvTable, QuotedHeaderOverNumbersIsAHeader) {
  // As statsmodels' sunspots.csv starts.
  const CsvTable t = read_ok("\"YEAR\",\"SUNACTIVITY\"\n1700,5\n1701,11\n");
  EXPECT_TRUE(t.has_header);
  ASSERT_EQ(t.columns(), 2u);
  EXPECT_EQ(t.names[1], "SUNACTIVITY");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1][1], "11");
  EXPECT_EQ(t.row_number[0], 2u);
  EXPECT_EQ(t.column_name(1), "column 2 (SUNACTIVITY)");
}

TEST(CsvTable, NumbersOnlyOrTextOverTextIsData) {
  const CsvTable a = read_ok("1.5\n2.5\n3.5");  // no final newline
  EXPECT_FALSE(a.has_header);
  EXPECT_EQ(a.rows.size(), 3u);
  EXPECT_EQ(a.column_name(0), "column 1");
  const CsvTable b = read_ok("Jan-1995,66.19\nFeb-1995,65.15\n");
  EXPECT_FALSE(b.has_header) << "a date column over a date column is data";
  EXPECT_EQ(b.rows.size(), 2u);
}

TEST(CsvTable, SemicolonTabCrlfBomBlankLinesAndSpaces) {
  const CsvTable s = read_ok("\xEF\xBB\xBF" "a;b\r\n1;2\r\n\r\n3 ; 4\r\n\r\n");
  EXPECT_TRUE(s.has_header);
  EXPECT_EQ(s.names[0], "a");
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[1][0], "3");
  EXPECT_EQ(s.rows[1][1], "4");
  EXPECT_EQ(s.row_number[1], 4u) << "row numbers are the file's lines (blank lines count)";
  const CsvTable t = read_ok("x\ty\n1\t2\n");  // pasted from a spreadsheet
  EXPECT_EQ(t.columns(), 2u);
  EXPECT_EQ(t.names[1], "y");
}

TEST(CsvTable, QuotedFieldsHoldDelimitersQuotesAndLineBreaks) {
  const CsvTable t = read_ok("name,v\n\"a, \"\"b\"\"\",1\n\"two\nlines\",2\nc,3\n");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0][0], "a, \"b\"");
  EXPECT_EQ(t.rows[1][0], "two\nlines");
  EXPECT_EQ(t.row_number[2], 5u) << "the quoted line break is a line of the file";
}

TEST(CsvTable, RaggedRowsNameTheRow) {
  const std::string e = refusal("a,b\n1,2\n3\n4,5\n");
  EXPECT_TRUE(contains(e, "row 3 has 1 field(s) but row 1 has 2")) << e;
  EXPECT_TRUE(contains(refusal("1,2\n3,4,5\n"), "row 2 has 3 field(s)"));
}

TEST(CsvTable, EmptyUnterminatedAndTooLargeAreRefused) {
  EXPECT_TRUE(contains(refusal(""), "the CSV is empty"));
  EXPECT_TRUE(contains(refusal("\n\n  \n"), "the CSV is empty"));
  EXPECT_TRUE(contains(refusal("a\n\"open\n1\n"), "row 2 opens a quote"));
  const std::string big(kMaxCsvBytes + 1, '1');
  EXPECT_TRUE(contains(refusal(big), "at most 2097152 bytes (2 MiB)"));
  std::string wide;
  for (size_t c = 0; c <= kMaxCsvColumns; ++c) wide += (c ? "," : "") + std::to_string(c);
  EXPECT_TRUE(contains(refusal(wide + "\n"), "row 1 has 257 fields; at most 256 columns"));
}

TEST(CsvTable, TextQuotedInMessagesIsSafeToShow) {
  EXPECT_EQ(shown_text("Temperatura \xC2\xB0" "C"), "Temperatura \xC2\xB0" "C") << "valid UTF-8 stays";
  EXPECT_EQ(shown_text("<script>\n\x01"), "?script???");
  EXPECT_EQ(shown_text("ab\xFF" "c"), "ab?c");
  EXPECT_EQ(shown_text(std::string(100, 'x'), 10), std::string(10, 'x') + "...");
  // A header name in a message goes through it.
  const CsvTable t = read_ok("\"<b>\nx\",v\n1,2\n");
  EXPECT_EQ(t.column_name(0), "column 1 (?b??x)");
}

TEST(CsvTable, CellNumbers) {
  double v = 0;
  EXPECT_EQ(read_cell_number("-1.5e3", &v), CellNumber::Ok);
  EXPECT_EQ(v, -1500);
  EXPECT_EQ(read_cell_number("+2", &v), CellNumber::Ok);
  EXPECT_EQ(read_cell_number(".5", &v), CellNumber::Ok);
  EXPECT_EQ(v, 0.5);
  EXPECT_EQ(read_cell_number("", &v), CellNumber::Empty);
  for (const char* s : {"NaN", "nan", "NA", "-inf", "Infinity", "1e999", "null"})
    EXPECT_EQ(read_cell_number(s, &v), CellNumber::NotFinite) << s;
  for (const char* s : {"abc", "1,5", "0x10", "1e", "--1", "12 kg"})
    EXPECT_EQ(read_cell_number(s, &v), CellNumber::NotNumber) << s;
}

}  // namespace
}  // namespace unroll
