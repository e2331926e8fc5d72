package dev.longview.rank;

import dev.longview.core.PrivateTempDir;
import io.github.metarank.lightgbm4j.LGBMBooster;

/**
 * Loads lightgbm4j's natives once per JVM from a private directory ({@link PrivateTempDir}):
 * lightgbm4j extracts them to {@code java.io.tmpdir} under a fixed name and rewrites that file on
 * every load, so a server, a CLI command and test forks sharing {@code /tmp} would overwrite the
 * library another JVM has mapped (SIGBUS). Every path of this module that creates a booster or a
 * dataset calls {@link #ensureLoaded} first.
 */
final class LightGbmNatives {
  private LightGbmNatives() {}

  private static final class Holder {
    static {
      PrivateTempDir.run("longview-lightgbm", LGBMBooster::loadNative);
    }

    static void touch() {
      // the static initialiser above runs once, on first call
    }
  }

  static void ensureLoaded() {
    Holder.touch();
  }
}
