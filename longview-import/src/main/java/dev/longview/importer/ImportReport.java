package dev.longview.importer;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one import did.
 *
 * @param format the format name
 * @param input the main file that was read (the file chosen when a folder was given)
 * @param read data rows read from the main file, header excluded
 * @param imported events newly stored (from the writer's {@code WriteSummary})
 * @param duplicates events skipped as duplicates of stored ones or of earlier rows
 * @param rejected rows not imported, in the main file and side files (u.item, movies.dat...)
 * @param rejectedByReason rejected rows by reason, sorted by reason
 * @param examples the first few rejected rows of each reason ({@value Importer#EXAMPLES_PER_REASON})
 * @param users distinct users seen: in accepted events or in a user file
 * @param items distinct items seen: in accepted events or in a catalogue file
 * @param usersWithEvents distinct users of accepted events
 * @param itemsWithEvents distinct items of accepted events
 * @param seconds wall time of the import, commit included
 * @param rejectsFile the rejects CSV written, or null when none was asked for or no row was rejected
 */
public record ImportReport(
    String format,
    Path input,
    long read,
    long imported,
    long duplicates,
    long rejected,
    SortedMap<String, Long> rejectedByReason,
    List<RejectedRow> examples,
    long users,
    long items,
    long usersWithEvents,
    long itemsWithEvents,
    double seconds,
    Path rejectsFile) {
  public ImportReport {
    rejectedByReason = Collections.unmodifiableSortedMap(new TreeMap<>(rejectedByReason));
    examples = List.copyOf(examples);
  }
}
