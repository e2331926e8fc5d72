package dev.longview.pipeline;

import java.util.Arrays;

/**
 * The merged candidate set of one request: each item once (dedupe), with the raw score each recall
 * source gave it (NaN where a source did not find it) and the anchor item that led the source to
 * it (-1 when none), so that later stages know which sources found each item and why. Slots are
 * dense {@code 0..size()-1} in order of first recall. Not thread-safe: one per request.
 */
public final class Candidates {
  private final int sources;
  /** Per item its slot, -1 for none: the request's scratch array, reset by {@link #release}. */
  private final int[] slotOf;
  private int[] items = new int[512];
  private float[] raw;
  private int[] anchors;
  private int size;

  Candidates(Scratch scratch, int sources) {
    this.sources = sources;
    this.slotOf = scratch.slotOf;
    this.raw = new float[items.length * sources];
    this.anchors = new int[items.length * sources];
    Arrays.fill(raw, Float.NaN);
    Arrays.fill(anchors, -1);
  }

  /** The sink recall source {@code source} writes to: keeps the best score per item. */
  CandidateSink sink(int source) {
    return (item, score, anchor) -> add(source, item, score, anchor);
  }

  private void add(int source, int item, float score, int anchor) {
    if (score != score) {
      return;
    }
    int slot = slotOf[item];
    if (slot < 0) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
        raw = Arrays.copyOf(raw, size * 2 * sources);
        anchors = Arrays.copyOf(anchors, size * 2 * sources);
        Arrays.fill(raw, size * sources, raw.length, Float.NaN);
        Arrays.fill(anchors, size * sources, anchors.length, -1);
      }
      slot = size++;
      slotOf[item] = slot;
      items[slot] = item;
    }
    int k = slot * sources + source;
    if (raw[k] != raw[k] || score > raw[k]) {
      raw[k] = score;
      anchors[k] = anchor;
    }
  }

  /** Resets the scratch entries this set wrote; the set is unusable afterwards. */
  void release() {
    for (int slot = 0; slot < size; slot++) {
      slotOf[items[slot]] = -1;
    }
    size = 0;
  }

  public int size() {
    return size;
  }

  public int sourceCount() {
    return sources;
  }

  public int item(int slot) {
    return items[slot];
  }

  /** The raw score source {@code source} gave the slot's item, NaN when it did not find it. */
  public float raw(int slot, int source) {
    return raw[slot * sources + source];
  }

  /** Whether source {@code source} found the slot's item. */
  public boolean foundBy(int slot, int source) {
    float r = raw[slot * sources + source];
    return r == r;
  }

  /** The anchor item that led source {@code source} to the slot's item, or -1. */
  public int anchor(int slot, int source) {
    return anchors[slot * sources + source];
  }
}
