package dev.longview.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading a JSON array of objects with a size limit and per-element problems. */
final class Batches {
  /** Reads one element; records problems in the given {@link Problems}, returns null then. */
  interface Reader<T> {
    T read(JsonNode node, Problems problems);
  }

  /** What a partly valid batch gave: the valid elements and the problems of the others. */
  record Result<T>(List<T> valid, List<ApiException.FieldError> errors, int received) {}

  private Batches() {}

  /** An array (or one object, taken as an array of one), every element read; 413 when too long. */
  static <T> Result<T> read(JsonNode body, int maxBatch, String what, Reader<T> reader) {
    List<JsonNode> nodes = new ArrayList<>();
    if (body.isArray()) {
      if (body.size() > maxBatch) {
        throw ApiException.tooLarge("the batch has " + body.size() + " " + what + "; at most "
            + maxBatch + " are accepted per request (maxBatchSize): split it");
      }
      body.forEach(nodes::add);
    } else if (body.isObject()) {
      nodes.add(body);
    } else {
      throw ApiException.badRequest(null, "expected a JSON array of " + what
          + " or one object, got " + Payloads.kind(body));
    }
    List<T> valid = new ArrayList<>(nodes.size());
    List<ApiException.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Problems p = new Problems(i);
      T t = reader.read(nodes.get(i), p);
      if (t != null && p.isEmpty()) {
        valid.add(t);
      } else {
        errors.addAll(p.errors());
      }
    }
    return new Result<>(valid, errors, nodes.size());
  }

  /** As {@link #read}, but every element must be valid: 400 listing the problems otherwise. */
  static <T> List<T> readAll(JsonNode body, int maxBatch, String what, Reader<T> reader) {
    Result<T> r = read(body, maxBatch, what, reader);
    if (!r.errors().isEmpty()) {
      throw ApiException.invalid(r.errors());
    }
    return r.valid();
  }
}
