package dev.longview.importer;

/**
 * Thrown in strict mode at the first row that cannot be imported. When it is thrown the importer
 * has not committed the writer, so closing the writer rolls back everything of this import.
 *
 * <p>The message reads {@code line N: <what is wrong>, got "<value>", expected <what>}; rows of a
 * side file (u.item, movies.dat...) are prefixed by that file's name.
 */
public final class BadRowException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient RejectedRow row;

  BadRowException(RejectedRow row) {
    super(row.message());
    this.row = row;
  }

  /** The row, its line number and reason. */
  public RejectedRow row() {
    return row;
  }
}
