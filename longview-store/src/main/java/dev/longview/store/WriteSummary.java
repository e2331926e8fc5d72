package dev.longview.store;

/**
 * What one committed write transaction did.
 *
 * @param eventsOffered events passed to {@link StoreWriter#addEvent}
 * @param eventsStored events newly stored
 * @param duplicates events skipped as duplicates ({@code eventsOffered - eventsStored})
 * @param usersCreated users that did not exist before
 * @param itemsCreated items that did not exist before
 */
public record WriteSummary(
    long eventsOffered, long eventsStored, long duplicates, long usersCreated, long itemsCreated) {}
