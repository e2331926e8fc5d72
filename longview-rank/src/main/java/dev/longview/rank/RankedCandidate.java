package dev.longview.rank;

import java.util.List;

/**
 * A candidate after ranking: its item, the ranker's score (higher is better; comparable within one
 * request) and the features that moved it most, largest absolute contribution first (empty when
 * no explanation was asked for).
 */
public record RankedCandidate(int item, float score, List<Contribution> contributions) {
  public RankedCandidate {
    contributions = List.copyOf(contributions);
  }
}
