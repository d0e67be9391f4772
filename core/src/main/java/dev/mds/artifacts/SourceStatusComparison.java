package dev.mds.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mds.MdsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code source_status:fresher}, as dbt decides it: a source is fresher when the current
 * {@code target/sources.json} has a newer {@code max_loaded_at} for it than the state folder's,
 * or when the state has no result for it; a runtime error in either file leaves it out.
 */
final class SourceStatusComparison {

  private SourceStatusComparison() {
  }

  /** The fresher sources, or empty when either file is missing. */
  static Optional<Set<String>> fresher(Path stateDir, Path targetDir) {
    Path previousFile = stateDir.resolve(SourcesJsonWriter.FILE);
    Path currentFile = targetDir.resolve(SourcesJsonWriter.FILE);
    if (!Files.isRegularFile(previousFile) || !Files.isRegularFile(currentFile)) {
      return Optional.empty();
    }
    Set<String> errored = new HashSet<>();
    Map<String, Instant> previous = loadTimes(previousFile, errored);
    Map<String, Instant> current = loadTimes(currentFile, errored);
    Set<String> fresher = new HashSet<>();
    current.forEach((id, loaded) -> {
      Instant before = previous.get(id);
      if ((before == null || loaded.isAfter(before)) && !errored.contains(id)) {
        fresher.add(id);
      }
    });
    return Optional.of(fresher);
  }

  private static Map<String, Instant> loadTimes(Path file, Set<String> errored) {
    JsonNode root;
    try {
      root = ManifestWriter.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new MdsException(file + ": not a readable JSON artifact: " + e.getMessage(), e);
    }
    Map<String, Instant> times = new HashMap<>();
    for (JsonNode result : root.path("results")) {
      String id = result.path("unique_id").asText();
      JsonNode loaded = result.path("max_loaded_at");
      if (!loaded.isTextual()) {
        errored.add(id);
        continue;
      }
      try {
        times.put(id, OffsetDateTime.parse(loaded.asText()).toInstant());
      } catch (java.time.format.DateTimeParseException e) {
        try {
          // dbt writes naive UTC times in some versions.
          times.put(id, java.time.LocalDateTime.parse(loaded.asText())
              .toInstant(java.time.ZoneOffset.UTC));
        } catch (java.time.format.DateTimeParseException bad) {
          throw new MdsException(file + ": max_loaded_at '" + loaded.asText() + "' of " + id
              + " is not a timestamp", bad);
        }
      }
    }
    return times;
  }
}
