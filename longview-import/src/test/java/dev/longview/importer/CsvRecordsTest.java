package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRecordsTest {
  @TempDir Path dir;

  private List<List<String>> records(String text) throws Exception {
    Path file = Fixtures.write(dir, "x.csv", text);
    List<List<String>> out = new ArrayList<>();
    try (LineSource lines = LineSource.open(file, StandardCharsets.UTF_8, ProgressListener.NONE)) {
      CsvRecords records = new CsvRecords(lines);
      List<String> f = new ArrayList<>();
      while (records.next(f)) {
        out.add(List.copyOf(f));
      }
    }
    return out;
  }

  @Test
  void rfc4180_quotesCommasDoubledQuotesAndEmptyFields() throws Exception {
    assertThat(records("a,\"b,c\",\"say \"\"hi\"\"\",,\"\"\r\nplain,x\n")).containsExactly(
        List.of("a", "b,c", "say \"hi\"", "", ""),
        List.of("plain", "x"));
  }

  @Test
  void quotedLineBreak_joinsLines_andKeepsFirstLineNumber() throws Exception {
    Path file = Fixtures.write(dir, "x.csv", "h\n\"one\ntwo\",3\nnext,4\n");
    try (LineSource lines = LineSource.open(file, StandardCharsets.UTF_8, ProgressListener.NONE)) {
      CsvRecords records = new CsvRecords(lines);
      List<String> f = new ArrayList<>();
      records.next(f);
      records.next(f);
      assertThat(f).containsExactly("one\ntwo", "3");
      assertThat(records.recordLine()).isEqualTo(2);
      assertThat(records.raw()).isEqualTo("\"one\ntwo\",3");
      records.next(f);
      assertThat(records.recordLine()).isEqualTo(4);
    }
  }

  @Test
  void quoteInsideUnquotedField_isData() throws Exception {
    assertThat(records("RECORD FRAME 7\" SINGLE,2\n")).containsExactly(
        List.of("RECORD FRAME 7\" SINGLE", "2"));
  }

  @Test
  void unterminatedQuote_isARowProblem() {
    assertThatThrownBy(() -> records("a,\"never closed\nmore\n"))
        .isInstanceOf(RowProblem.class)
        .hasMessage("a quoted field is never closed, got \"never closed\nmore\", "
            + "expected a closing \" before the end of the file");
  }

  @Test
  void fieldsSplitter_handlesMultiCharSeparatorAndEmptyFields() {
    List<String> out = new ArrayList<>();
    Fields.split("1::::3::", "::", out);
    assertThat(out).containsExactly("1", "", "3", "");
    Fields.split("a\t\tb", '\t', out);
    assertThat(out).containsExactly("a", "", "b");
  }

  @Test
  void values_fastPathAgreesWithDoubleParseDouble() throws IOException {
    for (String s : List.of("4", "4.0", "2.55", "-6", "0.5", "0.0001", "123456789012345", "1e3",
        "3.14159265358979")) {
      assertThat(Values.parseDouble(s)).as(s).isEqualTo(Double.parseDouble(s));
    }
    for (String s : List.of("", "NaN", "Infinity", "x", "1.2.3", "0x10", "4d")) {
      assertThat(Values.parseDouble(s)).as(s).isNaN();
    }
    assertThat(Values.parseLong("-17", 0)).isEqualTo(-17);
    assertThat(Values.parseLong("17.0", 0)).isZero();
  }
}
