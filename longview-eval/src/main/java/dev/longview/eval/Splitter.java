package dev.longview.eval;

import java.time.Instant;

/**
 * Cuts a {@link Dataset} into train, valid and test. Every splitter takes a seed (those that draw
 * nothing ignore it): the same dataset and seed give the same split. Implementations are immutable.
 */
public interface Splitter {
  byte TRAIN = 0;
  byte VALID = 1;
  byte TEST = 2;

  /** Splits {@code data}; the roles of its entries decide the three parts. */
  default Split split(Dataset data, long seed) {
    return Split.of(data, roles(data, seed), seed);
  }

  /** The role ({@link #TRAIN}, {@link #VALID} or {@link #TEST}) of each entry of {@code data}. */
  byte[] roles(Dataset data, long seed);

  /** A short description, e.g. {@code per-user random 0.8/0.1/0.1}. */
  String describe();

  /**
   * Per-user random ratio split (RecBole's {@code RS} order): each user's interactions are shuffled
   * with one {@code java.util.Random(seed)} (users in index order) and cut into train / valid / test.
   * Counts follow RecBole's {@code split_by_ratio}: valid = floor(valid * n), test = floor(test * n),
   * train = the rest; a part whose share of n is in (0, 1) gets one entry taken from train while
   * train keeps more than one.
   */
  static Splitter ratio(double train, double valid, double test) {
    return new RatioSplitter(train, valid, test);
  }

  /**
   * Chronological leave-last-out: per user in time order (ties by item), the last entry is test and
   * the second last valid, the rest train. A user with 2 entries has no valid item; with 1, only a
   * training item.
   */
  static Splitter leaveLastOut() {
    return new LeaveLastOutSplitter();
  }

  /**
   * Global time cutoff: entries before {@code validFrom} train, from {@code validFrom} until before
   * {@code testFrom} valid, from {@code testFrom} on test. Pass equal instants for no valid part.
   */
  static Splitter timeCutoff(Instant validFrom, Instant testFrom) {
    return new TimeCutoffSplitter(validFrom, testFrom);
  }
}
