package dev.longview.store;

/**
 * The database failed or refused an operation (unreachable server, corrupt file, a schema newer
 * than this build). The message says what was being done; the cause holds the driver's error.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
