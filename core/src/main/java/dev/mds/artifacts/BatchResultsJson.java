package dev.mds.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.engine.BatchWindow;
import dev.mds.execution.BatchResults;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A microbatch model's {@code batch_results} in {@code run_results.json}, as dbt writes them:
 * {@code successful} and {@code failed}, each a list of {@code [start, end]} pairs of UTC times.
 * {@code mds retry} reads the failed ones back.
 */
public final class BatchResultsJson {

  private BatchResultsJson() {
  }

  static void write(ObjectNode result, BatchResults batches) {
    ObjectNode json = result.putObject("batch_results");
    pairs(json.putArray("successful"), batches.successful());
    pairs(json.putArray("failed"), batches.failed());
  }

  private static void pairs(ArrayNode array, List<BatchWindow> windows) {
    for (BatchWindow window : windows) {
      array.addArray().add(window.start().toString()).add(window.end().toString());
    }
  }

  /**
   * The failed batches of one result of {@code run_results.json} (without a batch size: the
   * model's config gives it); empty when it has none or they cannot be read.
   */
  public static List<BatchWindow> failed(JsonNode result) {
    List<BatchWindow> windows = new ArrayList<>();
    for (JsonNode pair : result.path("batch_results").path("failed")) {
      try {
        windows.add(new BatchWindow(Instant.parse(pair.path(0).asText()),
            Instant.parse(pair.path(1).asText()), null));
      } catch (DateTimeParseException e) {
        return List.of();
      }
    }
    return windows;
  }
}
