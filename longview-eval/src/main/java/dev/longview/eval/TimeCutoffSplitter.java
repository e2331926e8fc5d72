package dev.longview.eval;

import java.time.Instant;

/** See {@link Splitter#timeCutoff}. */
record TimeCutoffSplitter(Instant validFrom, Instant testFrom) implements Splitter {
  TimeCutoffSplitter {
    if (validFrom == null || testFrom == null || validFrom.isAfter(testFrom)) {
      throw new IllegalArgumentException("time cutoffs were valid from " + validFrom + ", test from "
          + testFrom + "; give both, with the valid cutoff not after the test cutoff");
    }
  }

  @Override
  public byte[] roles(Dataset data, long seed) {
    long v = validFrom.getEpochSecond();
    long t = testFrom.getEpochSecond();
    byte[] roles = new byte[data.size()];
    for (int p = 0; p < roles.length; p++) {
      long time = data.epochSecondAt(p);
      roles[p] = time >= t ? TEST : time >= v ? VALID : TRAIN;
    }
    return roles;
  }

  @Override
  public String describe() {
    return "global time cutoff (valid from " + validFrom + ", test from " + testFrom + ")";
  }
}
