package dev.longview.importer;

import dev.longview.core.EventContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * The CDNOW master log (Fader and Hardie): {@code customer_id date number_of_cds dollar_value},
 * whitespace separated, one purchase occasion per line, usually with CRLF line ends; a header
 * line (starting with a non-digit) is skipped.
 *
 * <p>Each line becomes a {@code purchase} event: user = customer id (as written, leading zeros
 * kept), item {@value #ITEM} (the log does not say which CDs: one catalogue item stands for "a
 * CD"), value = number of CDs, time = the date at 00:00 in the request's zone (UTC by default),
 * context attribute {@code dollarValue}. Several lines may share customer and day (1,774
 * customer-days of the master log): each gets the deterministic client event id
 * {@code cdnow-<customer>-<yyyymmdd>-<k>}, k counting that customer-day's lines in file order
 * from 1, so none is merged with another and importing the file twice stores it once.
 *
 * <p>Rejected, with reason: not 4 fields ({@code wrong_column_count}), a date that is not
 * {@code YYYYMMDD} ({@code bad_timestamp}), a number of CDs that is not a whole number >= 1
 * ({@code bad_quantity}), a dollar value that is not a number >= 0 ({@code bad_price}).
 */
final class CdnowReader implements FormatReader {
  static final String ITEM = "cd";
  private final Map<String, Integer> linesPerCustomerDay = new HashMap<>();

  @Override
  public Path mainFile(Path input) {
    return FormatReader.fileOrFirstIn(input, "cdnow", "CDNOW_master.txt", "CDNOW_sample.txt");
  }

  @Override
  public void read(Path mainFile, ImportContext context) throws IOException {
    ZoneId zone = context.request().zone();
    try (LineSource lines = LineSource.open(mainFile, StandardCharsets.UTF_8, context.progress())) {
      String name = lines.fileName();
      String line;
      while ((line = lines.next()) != null) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
          continue;
        }
        if (lines.lineNumber() == 1 && !Character.isDigit(trimmed.charAt(0))) {
          continue;
        }
        context.rowRead();
        try {
          row(trimmed, name, lines.lineNumber(), zone, context);
        } catch (RowProblem p) {
          context.reject(name, lines.lineNumber(), line, p);
        }
      }
    }
  }

  private void row(String line, String name, long number, ZoneId zone, ImportContext context)
      throws RowProblem {
    String[] f = line.split("\\s+");
    if (f.length != 4) {
      throw new RowProblem("wrong_column_count", "row has " + f.length + " fields", line,
          "4 whitespace-separated fields: customer_id date number_of_cds dollar_value");
    }
    OffsetDateTime time = date(f[1], zone);
    long cds = Values.parseLong(f[2], Long.MIN_VALUE);
    if (cds < 1) {
      throw new RowProblem("bad_quantity", "number_of_cds is not a whole number >= 1", f[2],
          "a number of CDs like 2");
    }
    double dollars = Values.parseDouble(f[3]);
    if (!(dollars >= 0) || Double.isInfinite(dollars)) {
      throw new RowProblem("bad_price", "dollar_value is not a number >= 0", f[3],
          "an amount like 29.33");
    }
    String customerDay = f[0] + "-" + f[1];
    int k = linesPerCustomerDay.merge(customerDay, 1, Integer::sum);
    context.event(name, number, line, f[0], ITEM, "purchase", (double) cds, time,
        new EventContext(null, null, null, null, Map.of("dollarValue", dollars)),
        "cdnow-" + customerDay + "-" + k);
  }

  private static OffsetDateTime date(String text, ZoneId zone) throws RowProblem {
    if (text.length() == 8 && text.chars().allMatch(Character::isDigit)) {
      try {
        LocalDate d = LocalDate.of(Integer.parseInt(text.substring(0, 4)),
            Integer.parseInt(text.substring(4, 6)), Integer.parseInt(text.substring(6, 8)));
        return Timestamps.atZone(d.atStartOfDay(), zone);
      } catch (DateTimeException e) {
        // falls through to the problem below
      }
    }
    throw new RowProblem("bad_timestamp", "date is not a valid YYYYMMDD date", text,
        "a date like 19970101");
  }
}
