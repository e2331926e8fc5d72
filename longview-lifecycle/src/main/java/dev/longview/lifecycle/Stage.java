package dev.longview.lifecycle;

import java.util.Locale;

/**
 * The AARRR stage a user has reached, in funnel order: acquisition (first seen), activation
 * (reached the "aha" milestone), retention (active again on a later day than activation),
 * conversion (first purchase), loyalty (repeat purchase, or L28 at least the configured days).
 * A user's stage is the furthest one whose condition holds.
 */
public enum Stage {
  ACQUISITION, ACTIVATION, RETENTION, CONVERSION, LOYALTY;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
