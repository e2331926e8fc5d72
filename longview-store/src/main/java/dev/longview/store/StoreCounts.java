package dev.longview.store;

import java.time.Instant;
import java.util.Map;

/**
 * Totals of a store.
 *
 * @param users number of users
 * @param items number of items
 * @param events number of events
 * @param firstEvent time of the earliest event, null when there are none
 * @param lastEvent time of the latest event, null when there are none
 * @param eventsByType event count per type name, largest first
 */
public record StoreCounts(
    long users, long items, long events, Instant firstEvent, Instant lastEvent,
    Map<String, Long> eventsByType) {}
