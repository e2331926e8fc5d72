package dev.longview.core;

import java.util.Locale;

/**
 * How one kind of event counts as an interaction.
 *
 * <p>The interaction weight of an event is {@code weight} times a factor that depends on the
 * {@link ValueMode}: 1 ({@code IGNORE}), the event's value ({@code MULTIPLY}, e.g. a rating of 4
 * weighs 4) or the sign of its value ({@code SIGN}, e.g. a purchase with a negative quantity is a
 * cancellation and weighs {@code -weight}). A {@code NEGATIVE} polarity flips the sign (dislike).
 *
 * @param name lower-case name, e.g. "view"
 * @param weight non-negative strength of the signal
 * @param polarity whether the event says the user likes, dislikes or neither
 * @param valueMode how the event's value enters the weight
 * @param itemRequired true when events of this type must name an item; false for types that
 *     never have one (visit, session_start) or may have one
 */
public record EventType(
    String name, float weight, Polarity polarity, ValueMode valueMode, boolean itemRequired) {

  /** Whether the event speaks for, against or neither for the item. */
  public enum Polarity {
    POSITIVE(1),
    NEGATIVE(-1),
    NEUTRAL(0);

    private final int sign;

    Polarity(int sign) {
      this.sign = sign;
    }

    public int sign() {
      return sign;
    }
  }

  /** How an event's value enters its weight. */
  public enum ValueMode {
    IGNORE,
    MULTIPLY,
    SIGN
  }

  public EventType {
    Ids.require(name, "event type name");
    if (!name.equals(name.toLowerCase(Locale.ROOT)) || !name.matches("[a-z][a-z0-9_\\-]*")) {
      throw new IllegalArgumentException("event type name \"" + name
          + "\" must be lower-case letters, digits, '_' or '-', starting with a letter");
    }
    if (!(weight >= 0) || Float.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "event type \"" + name + "\" has weight " + weight + "; use a finite weight >= 0");
    }
    if (polarity == null || valueMode == null) {
      throw new IllegalArgumentException("event type \"" + name + "\" needs a polarity and a value mode");
    }
  }

  /**
   * The interaction weight of an event of this type with the given value (null when the event
   * has none). A {@code MULTIPLY} or {@code SIGN} type with no value counts as value 1.
   */
  public float interactionWeight(Double value) {
    return value == null ? interactionWeight(false, 0) : interactionWeight(true, value);
  }

  /** As {@link #interactionWeight(Double)}, without boxing: {@code hasValue} false means none. */
  public float interactionWeight(boolean hasValue, double value) {
    float factor = switch (valueMode) {
      case IGNORE -> 1f;
      case MULTIPLY -> hasValue ? (float) value : 1f;
      case SIGN -> hasValue ? (float) Math.signum(value) : 1f;
    };
    return weight * factor * polarity.sign();
  }
}
