package dev.longview.importer;

/**
 * One input row that was not imported.
 *
 * @param file file name (without folder) the row came from
 * @param line 1-based physical line number in that file (a header is line 1)
 * @param reason short snake_case reason, e.g. {@code missing_user_id}
 * @param message what is wrong, the offending value and what was expected
 */
public record RejectedRow(String file, long line, String reason, String message) {}
