package dev.mds.artifacts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.MdsException;
import dev.mds.Secrets;
import dev.mds.execution.FreshnessTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Writes {@code target/sources.json} in dbt's layout (schema v3): one result per checked source
 * table with its newest load time, when it was measured, its age, status and criteria.
 */
public final class SourcesJsonWriter {

  /** The file name dbt gives the artifact, and {@code source_status:} compares. */
  public static final String FILE = "sources.json";

  private SourcesJsonWriter() {
  }

  /** Writes the artifact to {@code file} (through a temporary file, so no reader sees half). */
  public static Path write(Path file, FreshnessTask.Outcome outcome, String version,
      Instant startedAt) {
    ObjectNode root = ManifestWriter.JSON.createObjectNode();
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("dbt_schema_version", "https://schemas.getdbt.com/dbt/sources/v3.json");
    metadata.put("mds_version", version);
    metadata.put("generated_at", Instant.now().toString());
    metadata.put("invocation_started_at", startedAt.toString());
    metadata.putObject("env");
    ArrayNode results = root.putArray("results");
    for (FreshnessTask.Result result : outcome.results()) {
      ObjectNode json = results.addObject();
      json.put("unique_id", result.source().uniqueId());
      if (result.error().isPresent()) {
        json.put("error", result.error().get());
        json.put("status", result.status());
        continue;
      }
      json.put("max_loaded_at", result.maxLoadedAt().orElseThrow().toString());
      json.put("snapshotted_at", result.snapshottedAt().toString());
      json.put("max_loaded_at_time_ago_in_s", result.ageSeconds());
      json.put("status", result.status());
      json.set("criteria", ManifestWriter.JSON.valueToTree(result.criteria().toMap()));
      json.putObject("adapter_response");
      ArrayNode timing = json.putArray("timing");
      for (String step : new String[] {"compile", "execute"}) {
        ObjectNode entry = timing.addObject();
        entry.put("name", step);
        entry.put("started_at", result.startedAt().toString());
        entry.put("completed_at", result.completedAt().toString());
      }
      json.put("thread_id", "Thread-1");
      json.put("execution_time", result.seconds());
    }
    root.put("elapsed_time", outcome.elapsedSeconds());
    Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid()
        + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(temp, Secrets.scrubJson(
          ManifestWriter.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root)));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new MdsException("Cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // Left behind only if the folder became unwritable meanwhile.
      }
    }
    return file;
  }
}
