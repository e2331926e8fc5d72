package dev.longview.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects field -> error while a request body is read, so that a client learns every problem of
 * an object at once. Not thread-safe: one per object being read.
 */
final class Problems {
  private final Integer index;
  private final List<ApiException.FieldError> errors = new ArrayList<>();

  Problems(Integer index) {
    this.index = index;
  }

  void add(String field, String error) {
    errors.add(new ApiException.FieldError(index, field, error));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  List<ApiException.FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Throws a 400 listing every problem, when there is one. */
  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }
}
