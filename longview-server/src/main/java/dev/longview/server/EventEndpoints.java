package dev.longview.server;

import dev.longview.core.Event;
import dev.longview.core.EventType;
import dev.longview.core.EventTypes;
import dev.longview.store.EventStore;
import dev.longview.store.WriteSummary;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/events}: one event or an array. The valid events are stored durably before
 * the response (through the store's ingest journal when it has one, else in one transaction); duplicates (same client {@code eventId}, or same
 * natural key) are counted and skipped, so re-sending is safe. 200 when all were valid, 202 with
 * the problems when some were not (the valid ones are stored), 400 when none was.
 */
final class EventEndpoints {
  private final EventStore store;
  private final StoreWrites writes;
  private final Recommender recommender;
  private final Metrics metrics;
  private final ServerConfig config;
  private final Clock clock;

  EventEndpoints(EventStore store, StoreWrites writes, Recommender recommender, Metrics metrics,
      ServerConfig config, Clock clock) {
    this.store = store;
    this.writes = writes;
    this.recommender = recommender;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
  }

  void post(ServerRequest req, ServerResponse res) {
    EventTypes types = store.eventTypes();
    Batches.Result<Event> batch = Batches.read(Json.read(req, config.maxBodyBytes()),
        config.maxBatchSize(), "events",
        (node, p) -> Payloads.event(node, types, () -> OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)), p));
    List<Event> valid = batch.valid();
    metrics.eventsRejected.add(batch.received() - valid.size());
    if (valid.isEmpty() && !batch.errors().isEmpty()) {
      throw ApiException.invalid(batch.errors());
    }
    WriteSummary written = valid.isEmpty() ? new WriteSummary(0, 0, 0, 0, 0)
        : writes.ingest(valid);
    metrics.eventsIngested.add(written.eventsStored());
    metrics.eventsDuplicate.add(written.duplicates());
    for (Event e : valid) {
      EventType type = types.get(e.type()).orElseThrow();
      if (e.itemId() != null && type.interactionWeight(e.value()) != 0) {
        recommender.recent().add(e.userId(), e.itemId(), e.type());
      }
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("received", batch.received());
    o.put("stored", written.eventsStored());
    o.put("duplicates", written.duplicates());
    o.put("rejected", batch.received() - valid.size());
    o.put("usersCreated", written.usersCreated());
    o.put("itemsCreated", written.itemsCreated());
    if (!batch.errors().isEmpty()) {
      o.put("errors", batch.errors());
    }
    Json.send(res, batch.errors().isEmpty() ? 200 : 202, o);
  }
}
