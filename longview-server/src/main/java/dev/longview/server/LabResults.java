package dev.longview.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest policy-lab comparison for the dashboard: a saved {@code longview lab run --json}
 * output ({@code {"policies": {policy: {metric: {"mean", "lo", "hi"}}}, "days", ...}}), re-read
 * when the file's modification time or size changes. {@link #block()} never throws: it answers
 * status {@code none} (not configured or no file), {@code invalid} (with a detail naming the
 * file and what is wrong) or {@code ready}. Thread-safe.
 */
final class LabResults {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private Cached cached;

  private record Cached(FileTime modified, long size, Map<String, Object> block) {}

  /** @param file the saved lab output, or null when none is configured */
  LabResults(Path file) {
    this.file = file;
  }

  /** The {@code lab} block of {@code GET /api/v1/analytics/models}. */
  synchronized Map<String, Object> block() {
    if (file == null) {
      return Map.of("status", "none", "detail", "no lab results yet: save `longview lab run"
          + " --json` output to a file and name it in the server config's \"labResults\"");
    }
    FileTime modified;
    long size;
    try {
      modified = Files.getLastModifiedTime(file);
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      cached = null;
      return Map.of("status", "none", "detail", "the configured lab results file " + file
          + " does not exist (yet); write it with `longview lab run --json > " + file + "`");
    } catch (IOException e) {
      cached = null;
      return invalid("cannot read " + file + ": " + e.getMessage());
    }
    if (cached != null && cached.modified().equals(modified) && cached.size() == size) {
      return cached.block();
    }
    Map<String, Object> b = read(modified);
    cached = new Cached(modified, size, b);
    return b;
  }

  private Map<String, Object> read(FileTime modified) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      return invalid(file + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return invalid("cannot read " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject() || !root.path("policies").isObject()
        || root.get("policies").isEmpty()) {
      return invalid(file + " is not `longview lab run --json` output: expected an object with"
          + " a non-empty \"policies\" object");
    }
    Map<String, Object> policies = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("policies").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      if (!p.getValue().isObject()) {
        return invalid(file + ": policies." + p.getKey() + " must be an object {metric: {mean, lo,"
            + " hi}}, was " + p.getValue());
      }
      Map<String, Object> metrics = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> mt = p.getValue().fields(); mt.hasNext(); ) {
        Map.Entry<String, JsonNode> m = mt.next();
        if (m.getKey().equals("cohorts")) {
          continue; // the per-arrival-cohort breakdown; the Models page shows the pooled metrics
        }
        Map<String, Object> s = new LinkedHashMap<>();
        for (String f : new String[] {"mean", "lo", "hi"}) {
          JsonNode v = m.getValue().get(f);
          if (v == null || !(v.isNumber() || v.isNull())) {
            return invalid(file + ": policies." + p.getKey() + "." + m.getKey() + "." + f
                + " must be a number (or null), was " + v);
          }
          s.put(f, v.isNull() ? null : v.doubleValue());
        }
        metrics.put(m.getKey(), s);
      }
      policies.put(p.getKey(), metrics);
    }
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("status", "ready");
    b.put("file", file.toString());
    b.put("modified", modified.toInstant().toString());
    for (String f : new String[] {"days", "users", "seeds", "sensitivity"}) {
      JsonNode v = root.get(f);
      if (v != null && v.isNumber()) {
        b.put(f, v.numberValue());
      }
    }
    b.put("policies", policies);
    return b;
  }

  private static Map<String, Object> invalid(String detail) {
    return Map.of("status", "invalid", "detail", detail);
  }
}
