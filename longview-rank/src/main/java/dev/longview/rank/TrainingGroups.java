package dev.longview.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds {@link LabeledGroup}s, the ranker's training data, in the two ways the data allows.
 *
 * <ul>
 *   <li><b>Logged impressions and clicks</b> ({@link #fromImpressions}): each shown list (one user,
 *       one session, or one {@code bucketSeconds} window when there is no session id) is a group;
 *       a shown item the user clicked is a positive, the other shown items negatives. The group's
 *       context is its first impression's time and device.
 *   <li><b>Held-out positives with sampled negatives</b> ({@link #heldOut}): when there are no
 *       impressions, the candidates recall produced for a user are the group, the user's held-out
 *       items among them are positives, and {@code negatives} of the remaining candidates are drawn
 *       uniformly without replacement (seeded per user, so the draw does not depend on order or
 *       threads). Held-out items that recall missed cannot be ranked and are left out.
 * </ul>
 *
 * Stateless.
 */
public final class TrainingGroups {
  private TrainingGroups() {}

  /** One logged impression: an item shown to a user, and whether it was clicked. */
  public record Impression(int user, int item, long epochSecond, String device, String sessionId,
      boolean clicked) {}

  /** Turns a request into the features of its candidates; e.g. {@link RecallSet#requestFor}. */
  @FunctionalInterface
  public interface RequestMaker {
    RankRequest make(int user, int[] shown, RankContext context);
  }

  /**
   * Groups logged impressions by user and session (or time bucket) in log order; an item shown
   * twice in a group counts once and is positive when any of its impressions was clicked.
   */
  public static List<LabeledGroup> fromImpressions(List<Impression> log, long bucketSeconds,
      RequestMaker maker) {
    if (bucketSeconds < 1) {
      throw new IllegalArgumentException("bucketSeconds was " + bucketSeconds + "; use e.g. 1800");
    }
    Map<String, List<Impression>> groups = new LinkedHashMap<>();
    for (int k = 0; k < log.size(); k++) {
      Impression im = log.get(k);
      if (im == null || im.user() < 0 || im.item() < 0) {
        throw new IllegalArgumentException("impression " + k + " is " + im
            + "; needs a known user and item (dense indices >= 0)");
      }
      String key = im.user() + "|" + (im.sessionId() != null ? "s:" + im.sessionId()
          : "t:" + Math.floorDiv(im.epochSecond(), bucketSeconds));
      groups.computeIfAbsent(key, x -> new ArrayList<>()).add(im);
    }
    List<LabeledGroup> out = new ArrayList<>(groups.size());
    for (List<Impression> g : groups.values()) {
      Map<Integer, Integer> label = new LinkedHashMap<>();
      for (Impression im : g) {
        label.merge(im.item(), im.clicked() ? 1 : 0, Math::max);
      }
      int[] shown = label.keySet().stream().mapToInt(Integer::intValue).toArray();
      int[] labels = label.values().stream().mapToInt(Integer::intValue).toArray();
      Impression first = g.get(0);
      RankContext ctx = new RankContext(first.epochSecond(), first.device(), new int[0], null);
      out.add(new LabeledGroup(maker.make(first.user(), shown, ctx), labels));
    }
    return out;
  }

  /**
   * The training group of one user from recall candidates: positives = {@code heldOut} items among
   * the candidates, plus at most {@code negatives} other candidates drawn with
   * {@code SplittableRandom(seed ^ user mix)}; null when recall found none of the held-out items.
   * The group keeps every candidate of {@code request} (unsampled ones labelled -1, not trained
   * on), so that rank and min-max features match what serving computes over the full list.
   */
  public static LabeledGroup heldOut(RankRequest request, int[] heldOut, int negatives, long seed) {
    if (negatives < 1) {
      throw new IllegalArgumentException("negatives was " + negatives + "; use at least 1, e.g. 50");
    }
    int n = request.size();
    int[] sortedHeld = heldOut.clone();
    Arrays.sort(sortedHeld);
    boolean[] pos = new boolean[n];
    int positives = 0;
    int[] negIdx = new int[n];
    int neg = 0;
    for (int k = 0; k < n; k++) {
      if (Arrays.binarySearch(sortedHeld, request.item(k)) >= 0) {
        pos[k] = true;
        positives++;
      } else {
        negIdx[neg++] = k;
      }
    }
    if (positives == 0) {
      return null;
    }
    SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (request.user() + 1L)));
    int take = Math.min(negatives, neg);
    for (int k = 0; k < take; k++) {
      int j = k + rnd.nextInt(neg - k);
      int tmp = negIdx[k];
      negIdx[k] = negIdx[j];
      negIdx[j] = tmp;
    }
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    for (int k = 0; k < n; k++) {
      if (pos[k]) {
        labels[k] = 1;
      }
    }
    for (int k = 0; k < take; k++) {
      labels[negIdx[k]] = 0;
    }
    return new LabeledGroup(request, labels);
  }
}
