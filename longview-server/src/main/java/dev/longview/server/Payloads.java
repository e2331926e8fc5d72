package dev.longview.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.core.EventTypes;
import dev.longview.core.Ids;
import dev.longview.core.Item;
import dev.longview.core.User;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The JSON shapes of users, items and events, both ways. Reading checks every field and records
 * each problem in a {@link Problems} (field -> error) instead of stopping at the first; unknown
 * fields are refused so that a typo ("itemID") is not silently dropped.
 */
final class Payloads {
  static final Set<String> USER_FIELDS = Set.of("id", "attributes", "firstSeen");
  static final Set<String> ITEM_FIELDS = Set.of("id", "categories", "title", "description", "price",
      "attributes", "created", "hidden");
  static final Set<String> EVENT_FIELDS = Set.of("eventId", "userId", "itemId", "type", "value",
      "time", "context");
  static final Set<String> CONTEXT_FIELDS = Set.of("sessionId", "device", "query", "page",
      "attributes");
  static final String TIME_EXAMPLE = "2024-01-01T10:00:00Z";

  private Payloads() {}

  // Reading ------------------------------------------------------------------------------------

  /** A user from {@code node}; {@code pathId} (from the URL, may be null) wins and must match. */
  static User user(JsonNode node, String pathId, Problems p) {
    if (!object(node, p)) {
      return null;
    }
    unknownFields(node, USER_FIELDS, "", p);
    String id = id(node, "id", pathId, p);
    Map<String, Object> attributes = attributes(node, "attributes", p);
    OffsetDateTime firstSeen = time(node, "firstSeen", false, p);
    return build(p, () -> new User(id, attributes, firstSeen == null ? null : firstSeen.toInstant()));
  }

  /** An item from {@code node}; {@code pathId} (from the URL, may be null) wins and must match. */
  static Item item(JsonNode node, String pathId, Problems p) {
    if (!object(node, p)) {
      return null;
    }
    unknownFields(node, ITEM_FIELDS, "", p);
    String id = id(node, "id", pathId, p);
    List<String> categories = categories(node, p);
    String title = optionalText(node, "title", p);
    String description = optionalText(node, "description", p);
    Double price = number(node, "price", p);
    if (price != null && price < 0) {
      p.add("price", "price " + price + " is negative; use a number >= 0");
    }
    Map<String, Object> attributes = attributes(node, "attributes", p);
    OffsetDateTime created = time(node, "created", false, p);
    boolean hidden = bool(node, "hidden", p);
    return build(p, () -> new Item(id, categories, title, description, price, attributes,
        created == null ? null : created.toInstant(), hidden));
  }

  /**
   * An event from {@code node}, checked against the store's event types; {@code now} fills a
   * missing time.
   */
  static Event event(JsonNode node, EventTypes types, Supplier<OffsetDateTime> now, Problems p) {
    if (!object(node, p)) {
      return null;
    }
    unknownFields(node, EVENT_FIELDS, "", p);
    String userId = id(node, "userId", null, p);
    String itemId = node.hasNonNull("itemId") ? id(node, "itemId", null, p) : null;
    String type = requiredText(node, "type", p);
    Double value = number(node, "value", p);
    OffsetDateTime time = time(node, "time", false, p);
    String eventId = node.hasNonNull("eventId") ? id(node, "eventId", null, p) : null;
    EventContext context = context(node.get("context"), p);
    Event e = build(p, () -> new Event(userId, itemId, type, value, time == null ? now.get() : time,
        context, eventId));
    if (e != null) {
      String problem = types.problem(e);
      if (problem != null) {
        p.add(types.contains(e.type()) ? "itemId" : "type", problem);
        return null;
      }
    }
    return e;
  }

  /** Applies a merge patch to a user: attributes are merged, a null attribute value removes it. */
  static User patchUser(User user, JsonNode patch, Problems p) {
    if (!object(patch, p)) {
      return null;
    }
    unknownFields(patch, Set.of("attributes", "firstSeen"), "", p);
    Map<String, Object> attributes = mergedAttributes(user.attributes(), patch, p);
    if (attributes.isEmpty() && !user.attributes().isEmpty()) {
      // StoreWriter.putUser keeps the stored attributes when given none: say so, don't pretend.
      p.add("attributes", "this patch would remove every attribute, which the store cannot do"
          + " (it keeps a user's attributes when given none); keep at least one attribute");
    }
    OffsetDateTime firstSeen = time(patch, "firstSeen", false, p);
    return build(p, () -> new User(user.id(), attributes,
        firstSeen == null ? user.firstSeen() : firstSeen.toInstant()));
  }

  /** Applies a merge patch to an item: given fields replace, attributes are merged. */
  static Item patchItem(Item item, JsonNode patch, Problems p) {
    if (!object(patch, p)) {
      return null;
    }
    unknownFields(patch, ITEM_FIELDS, "", p);
    if (patch.has("id") && !item.id().equals(patch.get("id").asText())) {
      p.add("id", "the id cannot be changed; it is \"" + item.id() + "\"");
    }
    List<String> categories = patch.has("categories") ? categories(patch, p) : item.categories();
    String title = patch.has("title") ? optionalText(patch, "title", p) : item.title();
    String description = patch.has("description") ? optionalText(patch, "description", p)
        : item.description();
    Double price = patch.has("price") ? number(patch, "price", p) : item.price();
    Map<String, Object> attributes = mergedAttributes(item.attributes(), patch, p);
    OffsetDateTime created = time(patch, "created", false, p);
    boolean hidden = patch.has("hidden") ? bool(patch, "hidden", p) : item.hidden();
    return build(p, () -> new Item(item.id(), categories, title, description, price, attributes,
        created == null ? item.created() : created.toInstant(), hidden));
  }

  // Writing ------------------------------------------------------------------------------------

  static Map<String, Object> json(User u) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", u.id());
    o.put("attributes", u.attributes());
    o.put("firstSeen", u.firstSeen() == null ? null : u.firstSeen().toString());
    return o;
  }

  static Map<String, Object> json(Item i) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", i.id());
    o.put("categories", i.categories());
    o.put("title", i.title());
    o.put("description", i.description());
    o.put("price", i.price());
    o.put("attributes", i.attributes());
    o.put("created", i.created() == null ? null : i.created().toString());
    o.put("hidden", i.hidden());
    return o;
  }

  static Map<String, Object> json(Event e) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("eventId", e.eventId());
    o.put("userId", e.userId());
    o.put("itemId", e.itemId());
    o.put("type", e.type());
    o.put("value", e.value());
    o.put("time", e.time().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    EventContext c = e.context();
    if (!c.isEmpty()) {
      Map<String, Object> ctx = new LinkedHashMap<>();
      ctx.put("sessionId", c.sessionId());
      ctx.put("device", c.device());
      ctx.put("query", c.query());
      ctx.put("page", c.page());
      ctx.put("attributes", c.attributes());
      o.put("context", ctx);
    }
    return o;
  }

  // Field readers ------------------------------------------------------------------------------

  static boolean object(JsonNode node, Problems p) {
    if (node == null || !node.isObject()) {
      p.add(null, "expected a JSON object, got " + kind(node));
      return false;
    }
    return true;
  }

  static void unknownFields(JsonNode node, Set<String> known, String prefix, Problems p) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        p.add(prefix + f, "unknown field \"" + f + "\"; known fields are "
            + String.join(", ", new TreeSet<>(known)) + " (free data goes in \"attributes\")");
      }
    }
  }

  static String id(JsonNode node, String field, String pathId, Problems p) {
    JsonNode n = node.get(field);
    if (pathId != null) {
      if (n != null && !n.isNull() && !pathId.equals(n.asText())) {
        p.add(field, field + " \"" + n.asText() + "\" differs from the id in the URL \"" + pathId
            + "\"; leave it out or make them equal");
      }
      return pathId;
    }
    if (n == null || n.isNull()) {
      p.add(field, field + " is missing");
      return null;
    }
    if (!n.isTextual()) {
      p.add(field, field + " must be a string, got " + kind(n));
      return null;
    }
    String problem = Ids.problem(n.asText());
    if (problem != null) {
      p.add(field, field + " \"" + n.asText() + "\" " + problem);
      return null;
    }
    return n.asText();
  }

  static String requiredText(JsonNode node, String field, Problems p) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      p.add(field, field + " is missing");
      return null;
    }
    return optionalText(node, field, p);
  }

  static String optionalText(JsonNode node, String field, Problems p) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      p.add(field, field + " must be a string, got " + kind(n));
      return null;
    }
    return n.asText();
  }

  static Double number(JsonNode node, String field, Problems p) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isNumber()) {
      p.add(field, field + " must be a number, got " + kind(n));
      return null;
    }
    double v = n.doubleValue();
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      p.add(field, field + " " + n + " is not a finite number");
      return null;
    }
    return v;
  }

  static boolean bool(JsonNode node, String field, Problems p) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      p.add(field, field + " must be true or false, got " + kind(n));
      return false;
    }
    return n.booleanValue();
  }

  static OffsetDateTime time(JsonNode node, String field, boolean required, Problems p) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        p.add(field, field + " is missing (e.g. \"" + TIME_EXAMPLE + "\")");
      }
      return null;
    }
    if (!n.isTextual()) {
      p.add(field, field + " must be an ISO-8601 string with an offset (e.g. \"" + TIME_EXAMPLE
          + "\"), got " + kind(n));
      return null;
    }
    try {
      return OffsetDateTime.parse(n.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      p.add(field, field + " \"" + n.asText() + "\" is not ISO-8601 with an offset (expected e.g. "
          + TIME_EXAMPLE + ")");
      return null;
    }
  }

  private static List<String> categories(JsonNode node, Problems p) {
    JsonNode n = node.get("categories");
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      p.add("categories", "categories must be an array of strings, got " + kind(n));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode c = n.get(i);
      if (!c.isTextual() || c.asText().isBlank()) {
        p.add("categories[" + i + "]", "a category must be a non-blank string, got " + kind(c));
      } else {
        out.add(c.asText());
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> attributes(JsonNode node, String field, Problems p) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      p.add(field, field + " must be a JSON object, got " + kind(n));
      return Map.of();
    }
    return Json.MAPPER.convertValue(n, Map.class);
  }

  private static Map<String, Object> mergedAttributes(Map<String, Object> old, JsonNode patch,
      Problems p) {
    JsonNode n = patch.get("attributes");
    if (n == null) {
      return old;
    }
    if (!n.isObject()) {
      p.add("attributes", "attributes must be a JSON object, got " + kind(n));
      return old;
    }
    Map<String, Object> merged = new LinkedHashMap<>(old);
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        merged.remove(e.getKey());
      } else {
        merged.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class));
      }
    }
    return merged;
  }

  private static EventContext context(JsonNode n, Problems p) {
    if (n == null || n.isNull()) {
      return EventContext.EMPTY;
    }
    if (!n.isObject()) {
      p.add("context", "context must be a JSON object, got " + kind(n));
      return EventContext.EMPTY;
    }
    unknownFields(n, CONTEXT_FIELDS, "context.", p);
    String session = optionalText(n, "sessionId", p);
    String device = optionalText(n, "device", p);
    String query = optionalText(n, "query", p);
    String page = optionalText(n, "page", p);
    Map<String, Object> attributes = attributes(n, "attributes", p);
    return new EventContext(session, device, query, page, attributes);
  }

  /** Builds the record when no problem was found; a constructor's refusal becomes a problem. */
  private static <T> T build(Problems p, Supplier<T> constructor) {
    if (!p.isEmpty()) {
      return null;
    }
    try {
      return constructor.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      p.add(null, e.getMessage());
      return null;
    }
  }

  static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
