package dev.longview.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The explain stage: the reasons of a recommended item, the strongest source's first (the one
 * with the largest weighted contribution to its blended score), then the other sources' that
 * found it, without repeats. Each source words its own reason ({@link RecallSource#reason}).
 */
final class Explanations {
  private Explanations() {}

  static List<String> explain(RequestContext ctx, Candidates c, int slot, List<RecallSource> sources,
      float[] contributions) {
    List<String> out = new ArrayList<>(2);
    int n = sources.size();
    boolean[] used = new boolean[n];
    for (int round = 0; round < n; round++) {
      int best = -1;
      for (int s = 0; s < n; s++) {
        if (!used[s] && c.foundBy(slot, s)
            && (best < 0 || contributions[slot * n + s] > contributions[slot * n + best])) {
          best = s;
        }
      }
      if (best < 0) {
        break;
      }
      used[best] = true;
      int anchor = c.anchor(slot, best);
      String reason = sources.get(best).reason(ctx, c.item(slot), anchor, actionOf(ctx, anchor));
      if (reason != null && !out.contains(reason)) {
        out.add(reason);
      }
    }
    return out;
  }

  private static String actionOf(RequestContext ctx, int anchor) {
    int[] a = ctx.anchors();
    for (int k = 0; k < a.length; k++) {
      if (a[k] == anchor) {
        return ctx.anchorAction(k);
      }
    }
    return null;
  }

  /** "because you bought X" for a real-time purchase, "because you liked X" for history. */
  static String because(RequestContext ctx, int anchor, String action) {
    String verb = verb(action);
    if (verb == null) {
      return "similar to " + name(ctx, anchor);
    }
    return "because you " + verb + " " + name(ctx, anchor);
  }

  /** The past tense of an anchor's event type ("liked" for history), null for "similar". */
  static String verb(String action) {
    return action == null ? "liked" : switch (action) {
      case "purchase", "buy", "order" -> "bought";
      case "view", "click", "session" -> "viewed";
      case "add_to_cart", "cart" -> "added to your cart";
      case "rating", "rate" -> "rated";
      case "like", "favourite", "favorite" -> "liked";
      case "similar" -> null;
      default -> "interacted with";
    };
  }

  /** An item's title in quotes with its id, or its id. */
  static String name(RequestContext ctx, int item) {
    String title = ctx.snapshot().itemTitle(item);
    String id = ctx.snapshot().itemId(item);
    return title == null || title.isBlank() ? id : "\"" + title + "\" (" + id + ")";
  }
}
