package dev.mds.artifacts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.MdsException;
import dev.mds.Secrets;
import dev.mds.execution.NodeResult;
import dev.mds.execution.RunTask;
import dev.mds.graph.DataTest;
import dev.mds.graph.Manifest;
import dev.mds.graph.Node;
import dev.mds.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes {@code target/run_results.json}: each node's status, timing, rows and message. */
public final class RunResultsWriter {

  private RunResultsWriter() {
  }

  public static Path write(Project project, Manifest manifest, RunTask.Outcome outcome,
      String version, List<String> args) {
    ObjectNode root = ManifestWriter.JSON.createObjectNode();
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("mds_version", version);
    metadata.put("generated_at", java.time.Instant.now().toString());
    metadata.put("invocation_started_at", outcome.startedAt().toString());
    ArrayNode results = root.putArray("results");
    for (NodeResult result : outcome.results()) {
      ObjectNode json = results.addObject();
      json.put("unique_id", result.uniqueId());
      json.put("status", result.status().label());
      ObjectNode timing = json.putArray("timing").addObject();
      timing.put("name", "execute");
      timing.put("started_at", result.startedAt().toString());
      timing.put("completed_at", result.completedAt().toString());
      json.put("execution_time", result.seconds());
      json.put("message", result.message());
      ObjectNode adapter = json.putObject("adapter_response");
      result.rows().ifPresent(rows -> adapter.put("rows_affected", rows));
      result.rows().ifPresent(rows -> json.put("rows_affected", rows));
      // dbt's field for how many rows a data test found; null for everything else.
      boolean test = manifest.node(result.uniqueId()).filter(DataTest.class::isInstance)
          .isPresent();
      if (test && result.rows().isPresent()) {
        json.put("failures", result.rows().getAsLong());
      } else {
        json.putNull("failures");
      }
      result.failures().ifPresent(f -> FailingRowsJson.write(json, f));
      result.compiledSql().ifPresent(sql -> json.put("compiled_code", sql));
      result.batches().ifPresent(batches -> BatchResultsJson.write(json, batches));
      manifest.node(result.uniqueId()).map(Node::relation)
          .ifPresent(r -> json.put("relation_name", r.toString()));
    }
    root.put("elapsed_time", outcome.elapsedSeconds());
    ArrayNode argList = root.putObject("args").putArray("invocation");
    args.forEach(argList::add);
    Path file = project.targetDir().resolve("run_results.json");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, Secrets.scrubJson(ManifestWriter.JSON.writeValueAsString(root)));
    } catch (IOException e) {
      throw new MdsException("Cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }
}
