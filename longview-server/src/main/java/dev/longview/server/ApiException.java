package dev.longview.server;

import java.util.List;

/**
 * An HTTP error a handler throws; {@link Routes} turns it into a JSON body
 * {@code {"error": code, "detail": message, "field": field}} in one place.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;
  final String field;
  final transient List<FieldError> errors;

  ApiException(int status, String code, String detail, String field, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.code = code;
    this.field = field;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  static ApiException badRequest(String field, String detail) {
    return new ApiException(400, "bad_request", detail, field, null);
  }

  static ApiException invalid(List<FieldError> errors) {
    FieldError first = errors.get(0);
    String detail = errors.size() == 1 ? first.error()
        : first.error() + " (and " + (errors.size() - 1) + " more problems, see errors)";
    return new ApiException(400, "invalid", detail, first.field(), errors);
  }

  static ApiException notFound(String detail) {
    return new ApiException(404, "not_found", detail, null, null);
  }

  static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", detail, null, null);
  }

  static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", detail, null, null);
  }

  static ApiException tooLarge(String detail) {
    return new ApiException(413, "too_large", detail, null, null);
  }

  static ApiException conflict(String detail) {
    return new ApiException(409, "conflict", detail, null, null);
  }

  static ApiException unavailable(String detail) {
    return new ApiException(503, "unavailable", detail, null, null);
  }

  /**
   * One problem of a request: which field (a JSON path such as {@code attributes} or
   * {@code context.sessionId}; null for the whole body), what is wrong, and for batches the
   * position of the element (null otherwise).
   */
  record FieldError(Integer index, String field, String error) {}
}
