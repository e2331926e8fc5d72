package dev.longview.core.text;

import dev.longview.core.Item;
import java.util.List;

/**
 * How an item becomes the one text an encoder reads: title, then description, then categories
 * (most specific last, as stored), then any extra text (e.g. user tags), joined by {@code ". "}.
 * Blank parts are skipped. One place so that the server, the pipeline and the evaluation encode
 * items the same way.
 */
public final class ItemText {
  private ItemText() {}

  /** The text of a catalogue item: title, description and categories. */
  public static String of(Item item) {
    return of(item.title(), item.description(), item.categories(), List.of());
  }

  /** The text of an item from its parts; any part may be null or empty. */
  public static String of(String title, String description, List<String> categories,
      List<String> extra) {
    StringBuilder sb = new StringBuilder();
    append(sb, title);
    append(sb, description);
    if (categories != null) {
      for (String c : categories) {
        append(sb, c);
      }
    }
    if (extra != null) {
      for (String e : extra) {
        append(sb, e);
      }
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String part) {
    if (part == null || part.isBlank()) {
      return;
    }
    if (!sb.isEmpty()) {
      sb.append(". ");
    }
    sb.append(part.strip());
  }
}
