package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The last result of every node in {@code run_results.json}, by unique id. */
final class RunHistory {

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Map<String, RunView> results = new HashMap<>();
  private final String generatedAt;

  private RunHistory(String generatedAt) {
    this.generatedAt = generatedAt;
  }

  static RunHistory of(JsonNode runResults) {
    RunHistory history = new RunHistory(runResults.path("metadata").path("generated_at").asText(""));
    for (JsonNode result : runResults.path("results")) {
      String completed = history.generatedAt;
      for (JsonNode timing : result.path("timing")) {
        if (timing.path("name").asText().equals("execute")) {
          completed = timing.path("completed_at").asText(completed);
        }
      }
      String status = result.path("status").asText("unknown").toLowerCase(Locale.ROOT);
      JsonNode rows = result.path("rows_affected");
      history.results.put(result.path("unique_id").asText(), new RunView(label(status),
          tone(status), completed, shown(completed), duration(result.path("execution_time")
          .asDouble(0)), result.path("message").asText(""),
          rows.isNumber() ? String.format(Locale.ROOT, "%,d", rows.asLong()) : null)
          .withFailing(FailingRows.of(result)));
    }
    return history;
  }

  Optional<RunView> last(String uniqueId) {
    return Optional.ofNullable(results.get(uniqueId));
  }

  boolean isEmpty() {
    return results.isEmpty();
  }

  /** When the run finished, as shown on the overview; empty before any run. */
  String generatedAt() {
    return generatedAt;
  }

  static String shown(String instant) {
    try {
      return SHOWN.format(Instant.parse(instant));
    } catch (DateTimeParseException e) {
      return instant;
    }
  }

  private static String label(String status) {
    return switch (status) {
      case "success" -> "Success";
      case "pass" -> "Passed";
      case "fail" -> "Failed";
      case "error" -> "Error";
      case "warn" -> "Warning";
      case "skipped" -> "Skipped";
      default -> status.isEmpty() ? "Unknown"
          : Character.toUpperCase(status.charAt(0)) + status.substring(1);
    };
  }

  private static String tone(String status) {
    return switch (status) {
      case "success", "pass" -> "good";
      case "fail", "error", "runtime error" -> "bad";
      case "warn" -> "warn";
      default -> "muted";
    };
  }

  private static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.2f s", seconds);
    }
    long whole = Math.round(seconds);
    return whole / 60 + " min " + whole % 60 + " s";
  }
}
