package dev.longview.importer;

import dev.longview.core.EventContext;
import dev.longview.core.Item;
import dev.longview.core.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UCI Online Retail ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,
 * CustomerID,Country}, CSV with a header, usually gzip-compressed). Columns are found by their
 * header names, in any order.
 *
 * <p>Each row becomes a {@code purchase} event: user = CustomerID (a trailing {@code .0}, as
 * spreadsheet exports write it, is dropped: {@code 17850.0} becomes {@code 17850}), item =
 * StockCode, value = Quantity, context session id = InvoiceNo and context attribute
 * {@code unitPrice}. Invoices starting with {@code C} are cancellations: their value is always
 * negative (-|Quantity|). InvoiceDate may be {@code 2010-12-01 08:26:00} (the file as published
 * here), {@code 2010-12-01 08:26} or {@code 12/1/2010 8:26} (M/d/yyyy H:mm, the original
 * spreadsheet export); it is taken in the request's zone, UTC by default (the shop is in the UK,
 * so pass Europe/London for true local times).
 *
 * <p>Items get the latest non-blank Description as title and the latest non-negative UnitPrice
 * as price, no categories. Users get attribute {@code country} (the latest seen). Only accepted
 * rows contribute. Stock codes that are not products (POST, DOT, M, BANK CHARGES, AMAZONFEE...)
 * are kept as items: filtering them is a modelling decision, not an import one.
 *
 * <p>Rejected, with reason, in this order: wrong number of fields ({@code wrong_column_count}),
 * no CustomerID ({@code missing_user_id}; 135,080 rows of the real file), no StockCode
 * ({@code missing_item_id}), Quantity not an integer ({@code bad_quantity}) or zero
 * ({@code zero_quantity}), UnitPrice not a number ({@code bad_price}) or negative
 * ({@code negative_price}), InvoiceDate unreadable ({@code bad_timestamp}). Identical rows (same
 * invoice, stock code, quantity, time, price and customer) are the same event under the store's
 * natural key and are counted as duplicates.
 */
final class OnlineRetailReader implements FormatReader {
  private static final String TYPE = "purchase";
  private static final String[] COLUMNS = {"InvoiceNo", "StockCode", "Description", "Quantity",
      "InvoiceDate", "UnitPrice", "CustomerID", "Country"};
  private static final String DATE_EXPECTED = "a date like 2010-12-01 08:26:00 or 12/1/2010 8:26";

  private final Map<String, String> titles = new HashMap<>();
  private final Map<String, Double> prices = new HashMap<>();
  private final Map<String, String> countries = new LinkedHashMap<>();
  private final List<String> itemOrder = new ArrayList<>();
  private String lastDateText;
  private OffsetDateTime lastDate;

  @Override
  public Path mainFile(Path input) {
    return FormatReader.fileOrFirstIn(input, "online-retail CSV", "online_retail.csv.gz",
        "online_retail.csv", "Online Retail.csv");
  }

  @Override
  public void read(Path mainFile, ImportContext context) throws IOException {
    ZoneId zone = context.request().zone();
    List<String> f = new ArrayList<>(8);
    try (LineSource lines = LineSource.open(mainFile, StandardCharsets.UTF_8, context.progress())) {
      CsvRecords records = new CsvRecords(lines);
      String name = lines.fileName();
      int[] col = header(records, f, mainFile);
      int width = f.size();
      records.forEachRow(f, context, name, raw -> false,
          (row, raw, line) -> row(row, width, col, raw, zone, name, line, context));
    }
    for (String item : itemOrder) {
      context.putItem(new Item(item, List.of(), titles.get(item), null, prices.get(item), Map.of(),
          null, false));
    }
    for (Map.Entry<String, String> e : countries.entrySet()) {
      Map<String, Object> attributes = e.getValue() == null ? Map.of() : Map.of("country", e.getValue());
      context.putUser(new User(e.getKey(), attributes, null));
    }
  }

  private static int[] header(CsvRecords records, List<String> f, Path file) {
    try {
      if (!records.next(f)) {
        throw new IllegalArgumentException(file + " is empty; expected a header "
            + String.join(",", COLUMNS));
      }
    } catch (RowProblem p) {
      throw new IllegalArgumentException(file + " has a broken header: " + p.getMessage());
    }
    int[] col = new int[COLUMNS.length];
    for (int c = 0; c < COLUMNS.length; c++) {
      col[c] = f.indexOf(COLUMNS[c]);
      if (col[c] < 0) {
        throw new IllegalArgumentException(file + " has no column " + COLUMNS[c]
            + " in its header " + f + "; expected the UCI Online Retail columns "
            + String.join(",", COLUMNS));
      }
    }
    return col;
  }

  private void row(List<String> f, int width, int[] col, String raw, ZoneId zone, String name,
      long line, ImportContext context) throws RowProblem {
    if (f.size() != width) {
      throw new RowProblem("wrong_column_count", "row has " + f.size() + " fields", raw,
          width + " fields: " + String.join(",", COLUMNS));
    }
    String invoice = f.get(col[0]).trim();
    String item = f.get(col[1]).trim();
    String description = f.get(col[2]).trim();
    String quantityText = f.get(col[3]).trim();
    String dateText = f.get(col[4]).trim();
    String priceText = f.get(col[5]).trim();
    String customer = f.get(col[6]).trim();
    String country = f.get(col[7]).trim();

    if (customer.isEmpty()) {
      throw new RowProblem("missing_user_id", "CustomerID is missing", "",
          "a customer id (rows without one cannot be attributed to a user)");
    }
    if (customer.endsWith(".0")) {
      customer = customer.substring(0, customer.length() - 2);
    }
    if (item.isEmpty()) {
      throw new RowProblem("missing_item_id", "StockCode is missing", "", "a stock code");
    }
    long quantity = Values.parseLong(quantityText, Long.MIN_VALUE);
    if (quantity == Long.MIN_VALUE) {
      throw new RowProblem("bad_quantity", "Quantity is not a whole number", quantityText,
          "an integer like 6 or -6");
    }
    if (quantity == 0) {
      throw new RowProblem("zero_quantity", "Quantity is zero", quantityText,
          "a non-zero integer (negative for a cancellation)");
    }
    double price = Values.parseDouble(priceText);
    if (Double.isNaN(price) || Double.isInfinite(price)) {
      throw new RowProblem("bad_price", "UnitPrice is not a number", priceText, "a price like 2.55");
    }
    if (price < 0) {
      throw new RowProblem("negative_price", "UnitPrice is negative", priceText, "a price >= 0");
    }
    OffsetDateTime time = date(dateText, zone);
    if (time == null) {
      throw new RowProblem("bad_timestamp", "InvoiceDate is not a valid time", dateText, DATE_EXPECTED);
    }
    if (invoice.startsWith("C") && quantity > 0) {
      quantity = -quantity;
    }
    EventContext eventContext = new EventContext(invoice.isEmpty() ? null : invoice, null, null,
        null, Map.of("unitPrice", price));
    if (context.event(name, line, raw, customer, item, TYPE, (double) quantity, time, eventContext,
        null)) {
      if (!prices.containsKey(item) && !titles.containsKey(item)) {
        itemOrder.add(item);
      }
      prices.put(item, price);
      if (!description.isEmpty() || !titles.containsKey(item)) {
        titles.put(item, description.isEmpty() ? null : description);
      }
      if (!country.isEmpty() || !countries.containsKey(customer)) {
        countries.put(customer, country.isEmpty() ? null : country);
      }
    }
  }

  /** The time of an InvoiceDate, or null when it is not one; the last result is cached. */
  OffsetDateTime date(String text, ZoneId zone) {
    if (text.equals(lastDateText)) {
      return lastDate;
    }
    LocalDateTime local = parseLocal(text);
    OffsetDateTime time = local == null ? null : Timestamps.atZone(local, zone);
    lastDateText = text;
    lastDate = time;
    return time;
  }

  /** {@code yyyy-MM-dd HH:mm[:ss]} or {@code M/d/yyyy H:mm[:ss]}; null when neither. */
  static LocalDateTime parseLocal(String s) {
    int[] n = new int[6];
    int count = 0;
    int value = -1;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : ' ';
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 9999) {
          return null;
        }
      } else {
        if (value < 0 || count == 6) {
          return null;
        }
        n[count++] = value;
        value = -1;
        boolean separator = c == '-' || c == '/' || c == ' ' || c == ':' || c == 'T';
        if (!separator) {
          return null;
        }
        if (i == s.length()) {
          break;
        }
      }
    }
    if (count < 5) {
      return null;
    }
    boolean iso = s.indexOf('-') > 0;
    int year = iso ? n[0] : n[2];
    int month = iso ? n[1] : n[0];
    int day = iso ? n[2] : n[1];
    try {
      return LocalDateTime.of(year, month, day, n[3], n[4], count == 6 ? n[5] : 0);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
