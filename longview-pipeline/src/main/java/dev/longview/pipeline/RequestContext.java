package dev.longview.pipeline;

import dev.longview.algorithms.FactorView;
import dev.longview.core.model.ItemFilter;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What every stage of one request sees, in dense indices: the model set, the user (or -1), their
 * history in the snapshot, the items since (real time and session), the anchors item recall
 * starts from, the filter, and lazily the user's factor vector and category preferences.
 * Built once per request by {@link Pipeline}; not thread-safe (one request, one thread).
 */
public final class RequestContext {
  private final ModelSet models;
  private final RecommendRequest request;
  private final int user;
  private final int similarTo;
  private final int[] recentItems;
  private final String[] recentActions;
  private final int[] anchors;
  private final String[] anchorActions;
  private final ItemFilter filter;
  private float[] userVector;
  private boolean userVectorDone;
  private boolean userVectorFolded;
  private float[] categoryPreference;
  private String stagePolicy;
  private boolean rankedByRanker;
  private Scratch scratch;

  RequestContext(ModelSet models, RecommendRequest request, int similarTo,
      Map<String, Boolean> hiddenOverrides) {
    this.models = models;
    this.request = request;
    this.similarTo = similarTo;
    InteractionSnapshot s = models.snapshot();
    this.user = request.userId() == null ? -1 : s.userIndex(request.userId());
    List<Integer> rItems = new ArrayList<>();
    List<String> rActions = new ArrayList<>();
    for (RecommendRequest.RecentItem r : request.recent()) {
      int i = s.itemIndex(r.itemId());
      if (i >= 0) {
        rItems.add(i);
        rActions.add(r.action());
      }
    }
    this.recentItems = rItems.stream().mapToInt(Integer::intValue).toArray();
    this.recentActions = rActions.toArray(new String[0]);
    // Anchors: the newest distinct items, real time and session first, then the snapshot row.
    int want = models.config().anchorItems();
    BitSet seen = new BitSet(s.itemCount());
    int[] a = new int[want];
    String[] aa = new String[want];
    int k = 0;
    if (similarTo >= 0) {
      a[k] = similarTo;
      aa[k++] = "similar";
      seen.set(similarTo);
    } else {
      for (int r = recentItems.length - 1; r >= 0 && k < want; r--) {
        if (!seen.get(recentItems[r])) {
          seen.set(recentItems[r]);
          a[k] = recentItems[r];
          aa[k++] = recentActions[r];
        }
      }
      if (user >= 0) {
        for (int p = s.userEnd(user) - 1; p >= s.userStart(user) && k < want; p--) {
          int i = s.itemAt(p);
          if (!seen.get(i) && s.weightAt(p) > 0) {
            seen.set(i);
            a[k] = i;
            aa[k++] = null;
          }
        }
      }
    }
    this.anchors = Arrays.copyOf(a, k);
    this.anchorActions = Arrays.copyOf(aa, k);
    this.filter = buildFilter(s, hiddenOverrides);
  }

  /**
   * The one filter of the request (the shared core {@link ItemFilter}): items consumed in the
   * snapshot and since, the anchor of a similar-items request, hidden items (with changes since
   * the snapshot), the request's exclusions and its category rule.
   */
  private ItemFilter buildFilter(InteractionSnapshot s, Map<String, Boolean> hiddenOverrides) {
    int items = s.itemCount();
    ItemFilter f = new ItemFilter(items);
    if (user >= 0) {
      for (int p = s.userStart(user); p < s.userEnd(user); p++) {
        f.exclude(s.itemAt(p));
      }
    }
    for (int i : recentItems) {
      f.exclude(i);
    }
    if (similarTo >= 0) {
      f.exclude(similarTo);
    }
    for (String id : request.exclude()) {
      int i = s.itemIndex(id);
      if (i >= 0) {
        f.exclude(i);
      }
    }
    BitSet hidden = models.hidden;
    if (hiddenOverrides != null && !hiddenOverrides.isEmpty()) {
      hidden = (BitSet) hidden.clone();
      for (Map.Entry<String, Boolean> e : hiddenOverrides.entrySet()) {
        int i = s.itemIndex(e.getKey());
        if (i >= 0) {
          hidden.set(i, e.getValue());
        }
      }
    }
    f.excludeAll(hidden);
    if (request.category() != null) {
      int c = s.categoryNames().indexOf(request.category());
      for (int i = 0; i < items; i++) {
        if (c < 0 || !contains(s.itemCategoryIndices(i), c)) {
          f.exclude(i);
        }
      }
    }
    return f;
  }

  static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  public ModelSet models() {
    return models;
  }

  public InteractionSnapshot snapshot() {
    return models.snapshot();
  }

  public RecommendRequest request() {
    return request;
  }

  /** The user's dense index, or -1 when the snapshot does not know them. */
  public int user() {
    return user;
  }

  /** The item of a similar-items request, or -1. */
  public int similarTo() {
    return similarTo;
  }

  /** Items since the snapshot (real time, then session), oldest first, known items only. */
  public int[] recentItems() {
    return recentItems;
  }

  /**
   * The newest distinct items recall starts from (at most {@code anchorItems}), newest first:
   * the similar-items anchor, or the recent items then the snapshot history.
   */
  public int[] anchors() {
    return anchors;
  }

  /** The event type of {@code anchors()[k]} when it came in real time, else null. */
  public String anchorAction(int k) {
    return anchorActions[k];
  }

  /** The request's filter; recall sources may skip excluded items early. */
  public ItemFilter filter() {
    return filter;
  }

  int historyCount() {
    return user < 0 ? 0 : snapshot().userDegree(user);
  }

  long lastEpochSecond() {
    InteractionSnapshot s = snapshot();
    return user < 0 || s.userDegree(user) == 0 ? Long.MIN_VALUE : s.epochSecondAt(s.userEnd(user) - 1);
  }

  /**
   * The query vector of factor recall, or null: for a similar-items request the item's vector;
   * for a user with items since the snapshot, the iALS fold-in of history + new items
   * (warm-started from the trained vector); for a known user otherwise, the trained vector; for
   * an unknown user with session items, the fold-in of those.
   */
  public float[] userVector() {
    if (userVectorDone) {
      return userVector;
    }
    userVectorDone = true;
    FactorView fv = models.factors();
    if (fv == null) {
      return null;
    }
    float[] v = new float[fv.factors()];
    if (similarTo >= 0) {
      fv.itemVector(similarTo, v);
      return userVector = v;
    }
    boolean known = user >= 0 && user < fv.userCount();
    if (known) {
      fv.userVector(user, v);
    }
    if (recentItems.length > 0 && fv.supportsFoldIn()) {
      InteractionSnapshot s = snapshot();
      BitSet seen = new BitSet(s.itemCount());
      List<Integer> items = new ArrayList<>();
      if (user >= 0) {
        for (int p = s.userStart(user); p < s.userEnd(user); p++) {
          if (s.weightAt(p) > 0 && !seen.get(s.itemAt(p))) {
            seen.set(s.itemAt(p));
            items.add(s.itemAt(p));
          }
        }
      }
      for (int i : recentItems) {
        if (!seen.get(i)) {
          seen.set(i);
          items.add(i);
        }
      }
      int[] arr = items.stream().mapToInt(Integer::intValue).toArray();
      fv.foldIn(arr, arr.length, v);
      userVectorFolded = true;
      return userVector = v;
    }
    return userVector = known ? v : null;
  }

  /** Whether {@link #userVector()} came from a fold-in of interactions since the snapshot. */
  public boolean userVectorFolded() {
    return userVectorFolded;
  }

  /**
   * The share of each category among the anchors (sums to 1 over categories, or all 0 when the
   * anchors have none).
   */
  public float[] categoryPreference() {
    if (categoryPreference != null) {
      return categoryPreference;
    }
    InteractionSnapshot s = snapshot();
    float[] pref = new float[s.categoryNames().size()];
    float total = 0;
    for (int i : anchors) {
      for (int c : s.itemCategoryIndices(i)) {
        pref[c] += 1;
        total += 1;
      }
    }
    if (total > 0) {
      for (int c = 0; c < pref.length; c++) {
        pref[c] /= total;
      }
    }
    return categoryPreference = pref;
  }

  /**
   * The request's working arrays, taken from the model set's pool on first use; {@link
   * #release} gives them back.
   */
  Scratch scratch() {
    if (scratch == null) {
      scratch = models.scratch.take();
    }
    return scratch;
  }

  /** Gives the working arrays back (each user must have reset what it wrote). */
  void release() {
    if (scratch != null) {
      models.scratch.give(scratch);
      scratch = null;
    }
  }

  /** The stage policy a re-ranker applied (e.g. "at_risk"), or null when none did. */
  public String stagePolicy() {
    return stagePolicy;
  }

  void stagePolicy(String label) {
    this.stagePolicy = label;
  }

  /** Whether the learned ranker (not the blend) scored this request's candidates. */
  public boolean rankedByRanker() {
    return rankedByRanker;
  }

  void rankedByRanker(boolean ranked) {
    this.rankedByRanker = ranked;
  }
}
