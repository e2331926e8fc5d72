package dev.longview.importer;

/**
 * What is wrong with one row, thrown by a format reader's row parser and caught by its read loop.
 * Carries no stack trace: bad rows are expected and must stay cheap.
 */
final class RowProblem extends Exception {
  private static final long serialVersionUID = 1L;
  final String reason;

  /**
   * @param reason snake_case reason for the counts
   * @param what what is wrong, e.g. {@code rating is out of range}
   * @param value the offending value as read
   * @param expected what would have been accepted
   */
  RowProblem(String reason, String what, String value, String expected) {
    super(what + ", got \"" + value + "\", expected " + expected, null, false, false);
    this.reason = reason;
  }
}
