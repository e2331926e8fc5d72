package dev.longview.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An item of the catalogue.
 *
 * @param id external id
 * @param categories category labels, most specific last; may be empty
 * @param title short text, may be null
 * @param description longer text, may be null
 * @param price unit price in the shop's currency, null when unknown; never negative
 * @param attributes free attributes, a JSON object
 * @param created when the item entered the catalogue, null when unknown
 * @param hidden hidden items are kept (their events count) but are never recommended
 */
public record Item(
    String id,
    List<String> categories,
    String title,
    String description,
    Double price,
    Map<String, Object> attributes,
    Instant created,
    boolean hidden) {
  public Item {
    Ids.require(id, "item id");
    categories = categories == null ? List.of() : List.copyOf(categories);
    for (String c : categories) {
      if (c.isBlank()) {
        throw new IllegalArgumentException("item \"" + id + "\" has a blank category");
      }
    }
    if (price != null && (price.isNaN() || price < 0 || price.isInfinite())) {
      throw new IllegalArgumentException(
          "item \"" + id + "\" has price " + price + "; a price must be a finite number >= 0");
    }
    attributes = Attributes.copyOf(attributes);
  }

  public static Item of(String id) {
    return new Item(id, List.of(), null, null, null, Map.of(), null, false);
  }

  public Item withHidden(boolean hidden) {
    return new Item(id, categories, title, description, price, attributes, created, hidden);
  }
}
