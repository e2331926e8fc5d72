package dev.longview.cli;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.text.coldstart.ColdStartEvaluation.UserText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads MovieLens {@code tags.csv} ({@code userId,movieId,tag,timestamp}, RFC 4180 quoting) into
 * per-item tag lists over a snapshot's dense indices. Tags of movies the snapshot lacks are
 * skipped and counted; a malformed row stops with its line number.
 */
final class MovieLensTags {
  private MovieLensTags() {}

  record Loaded(List<List<UserText>> perItem, int tags, int skipped) {}

  static Loaded read(Path file, InteractionSnapshot snapshot) {
    List<List<UserText>> perItem = new ArrayList<>();
    for (int i = 0; i < snapshot.itemCount(); i++) {
      perItem.add(new ArrayList<>());
    }
    int tags = 0;
    int skipped = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && line.replace("\uFEFF", "").startsWith("userId")) {
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        List<String> f = fields(line);
        if (f == null || f.size() != 4) {
          throw new UserError("line " + lineNo + " of " + file + ": expected userId,movieId,tag,timestamp"
              + " (tag in quotes when it has a comma), got \"" + line + "\"");
        }
        int item = snapshot.itemIndex(f.get(1));
        if (item < 0 || f.get(2).isBlank()) {
          skipped++;
          continue;
        }
        perItem.get(item).add(new UserText(snapshot.userIndex(f.get(0)), f.get(2)));
        tags++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new Loaded(perItem, tags, skipped);
  }

  /** The fields of one CSV line (quotes with "" escapes), or null when a quote is left open. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    out.add(cur.toString());
    return out;
  }
}
