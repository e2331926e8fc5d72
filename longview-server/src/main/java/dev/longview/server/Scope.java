package dev.longview.server;

import java.util.Locale;

/**
 * What an API key may do. Scopes are independent: a key holds exactly the scopes it lists (an
 * admin key that should also read needs {@code ["read", "admin"]}).
 */
public enum Scope {
  /** GET users, items, a user's events and recommendations. */
  READ,
  /** Create, update and delete users and items; post events. */
  WRITE,
  /** Retrain the model ({@code POST /api/v1/admin/train}). */
  ADMIN;

  /** The scope named {@code name} ("read", "write", "admin"), case-insensitive. */
  static Scope parse(String name) {
    for (Scope s : values()) {
      if (s.name().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scope \"" + name + "\"; use read, write or admin");
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
