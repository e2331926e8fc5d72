package dev.longview.lifecycle;

import java.util.Locale;

/**
 * Where a user stands as of an instant; see {@link LifecycleClassifier} for the rules and their
 * order of precedence.
 */
public enum UserState {
  NEW, ACTIVATED, ACTIVE, AT_RISK, DORMANT, CHURNED, RESURRECTED, CONVERTED, LOYAL;

  /** "new", "at_risk", ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
