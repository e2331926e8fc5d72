package dev.longview.cli;

/** A mistake in what the user asked for; the message says what and how to fix it (exit code 2). */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }
}
