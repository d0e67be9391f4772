package dev.mds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.execution.NodeResult;
import dev.mds.execution.RunListener;
import dev.mds.execution.RunStatus;
import dev.mds.execution.RunTask;
import dev.mds.graph.DataTest;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Seed;
import dev.mds.template.context.TemplateLog;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Prints run progress the way dbt users know it: a line per node as it starts and finishes, then a
 * summary with the failures' errors. Text (coloured only on a terminal) or one JSON object a line.
 * Every line also goes to {@code logs/mds.log}.
 */
final class ConsoleReporter implements RunListener, TemplateLog {

  enum Format { text, json }

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final int WIDTH = 80;
  private static final String GREEN = "\u001B[32m";
  private static final String RED = "\u001B[31m";
  private static final String YELLOW = "\u001B[33m";
  private static final String RESET = "\u001B[0m";

  private final PrintWriter out;
  private final Format format;
  private final boolean colour;
  private final RunLog log;

  ConsoleReporter(PrintWriter out, Format format, boolean colour, RunLog log) {
    this.out = out;
    this.format = format;
    this.colour = colour && format == Format.text;
    this.log = log;
  }

  /** A plain informational line. */
  @Override
  public synchronized void info(String message) {
    emit(message, () -> event("info").put("message", message), null);
  }

  /** A template's {@code log(msg)}: the log file only, as dbt's debug level. */
  @Override
  public synchronized void debug(String message) {
    log.line(LocalTime.now().format(CLOCK) + "  " + message);
  }

  /** A template's {@code print(msg)}: the text as it is, in no log. */
  @Override
  public synchronized void print(String message) {
    out.println(message);
    out.flush();
  }

  @Override
  public synchronized void runStarted(int total, int threads) {
    emit("Concurrency: " + threads + " thread" + (threads == 1 ? "" : "s") + ", "
        + Reports.count(total, "node") + " to build",
        () -> event("run_started").put("total", total).put("threads", threads), null);
  }

  @Override
  public synchronized void nodeStarted(Node node, int index, int total) {
    String text = index + " of " + total + " START " + describe(node);
    emit(dots(text, "[RUN]"), () -> event("node_started").put("unique_id", node.uniqueId())
        .put("index", index).put("total", total), null);
  }

  @Override
  public synchronized void nodeFinished(Node node, NodeResult result, int index, int total) {
    String word;
    String detail;
    String colourCode;
    switch (result.status()) {
      case SKIPPED -> {
        word = "SKIP";
        detail = "[SKIP]";
        colourCode = YELLOW;
      }
      case ERROR -> {
        word = "ERROR";
        detail = "[ERROR in " + seconds(result.seconds()) + "]";
        colourCode = RED;
      }
      case FAIL, WARN -> {
        long count = result.rows().orElse(0);
        word = result.status().name() + " " + count;
        detail = "[" + result.status().name() + " " + count + " in " + seconds(result.seconds())
            + "]";
        colourCode = result.status() == RunStatus.FAIL ? RED : YELLOW;
      }
      case PARTIAL_SUCCESS -> {
        String counts = result.batches().map(b -> " (" + b.successful().size() + "/"
            + (b.successful().size() + b.failed().size()) + ")").orElse("");
        word = "PARTIAL SUCCESS" + counts;
        detail = "[PARTIAL SUCCESS in " + seconds(result.seconds()) + "]";
        colourCode = YELLOW;
      }
            case PASS -> {
        word = "PASS";
        detail = "[PASS in " + seconds(result.seconds()) + "]";
        colourCode = GREEN;
      }
      default -> {
        word = "OK";
        detail = "[" + result.message() + " in " + seconds(result.seconds()) + "]";
        colourCode = GREEN;
      }
    }
    String text = dots(index + " of " + total + " " + word + " " + describe(node), detail);
    emit(text, () -> {
      ObjectNode json = event("node_finished").put("unique_id", node.uniqueId())
          .put("status", result.status().label()).put("message", result.message())
          .put("execution_time", result.seconds()).put("index", index).put("total", total);
      result.rows().ifPresent(r -> json.put("rows_affected", r));
      return json;
    }, colourCode);
  }

  /** The closing summary: timing, the failures with their errors, and the counts. */
  synchronized void summary(RunTask.Outcome outcome, Manifest manifest) {
    long tests = outcome.results().stream()
        .filter(r -> manifest.node(r.uniqueId()).filter(DataTest.class::isInstance).isPresent()).count();
    long snapshots = outcome.results().stream().filter(r -> manifest.node(r.uniqueId())
        .filter(n -> n instanceof Model m && m.isSnapshot()).isPresent()).count();
    long models = outcome.results().stream()
        .filter(r -> manifest.node(r.uniqueId()).filter(Model.class::isInstance).isPresent())
        .count() - snapshots;
    long seeds = outcome.results().stream()
        .filter(r -> manifest.node(r.uniqueId()).filter(Seed.class::isInstance).isPresent()).count();
    long unitTests = outcome.results().stream().filter(r -> manifest.node(r.uniqueId())
        .filter(dev.mds.graph.UnitTest.class::isInstance).isPresent()).count();
    List<String> parts = new ArrayList<>();
    if (seeds > 0) {
      parts.add(Reports.count(seeds, "seed"));
    }
    if (models > 0 || (seeds == 0 && tests == 0 && snapshots == 0 && unitTests == 0)) {
      parts.add(Reports.count(models, "model"));
    }
    if (snapshots > 0) {
      parts.add(Reports.count(snapshots, "snapshot"));
    }
    if (tests > 0) {
      parts.add(Reports.count(tests, "data test"));
    }
    if (unitTests > 0) {
      parts.add(Reports.count(unitTests, "unit test"));
    }
    info(String.format(Locale.ROOT, "Finished running %s in %.2fs.", String.join(", ", parts),
        outcome.elapsedSeconds()));
    List<NodeResult> failures = outcome.results().stream()
        .filter(r -> r.status().isFailure()).toList();
    List<NodeResult> warnings = outcome.results().stream()
        .filter(r -> r.status() == RunStatus.WARN).toList();
    for (NodeResult warning : warnings) {
      explain("Warning in", warning, manifest, YELLOW);
    }
    if (!failures.isEmpty()) {
      info("Completed with " + Reports.count(failures.size(), "error") + ":");
      for (NodeResult failure : failures) {
        explain("Failure in", failure, manifest, RED);
      }
    } else {
      emit("Completed successfully", () -> event("completed"), GREEN);
    }
    long pass = outcome.count(RunStatus.SUCCESS) + outcome.count(RunStatus.PASS);
    long error = outcome.count(RunStatus.ERROR) + outcome.count(RunStatus.FAIL)
        + outcome.count(RunStatus.PARTIAL_SUCCESS);
    String done = String.format(Locale.ROOT, "Done. PASS=%d WARN=%d ERROR=%d SKIP=%d TOTAL=%d",
        pass, outcome.count(RunStatus.WARN), error, outcome.count(RunStatus.SKIPPED),
        outcome.results().size());
    emit(done, () -> event("done").put("pass", pass).put("warn", outcome.count(RunStatus.WARN))
        .put("error", error).put("skip", outcome.count(RunStatus.SKIPPED))
        .put("total", outcome.results().size()), null);
  }

  /** A failure or warning: where, the message, example failing rows and the SQL to reproduce. */
  private void explain(String label, NodeResult result, Manifest manifest, String colourCode) {
    String where = manifest.node(result.uniqueId())
        .map(n -> (n instanceof DataTest ? "test" : n.resourceType().label()) + " " + n.name()
            + " (" + n.file() + ")")
        .orElse(result.uniqueId());
    emit("  " + label + " " + where, () -> {
      ObjectNode json = event(label.startsWith("Failure") ? "failure" : "warning")
          .put("unique_id", result.uniqueId()).put("message", result.message());
      result.failures().ifPresent(f -> {
        json.put("failures", f.count());
        json.put("compiled_path", f.compiledPath());
        json.set("sample_rows", Json.MAPPER.valueToTree(f.sampleRows()));
        json.set("sample_columns", Json.MAPPER.valueToTree(f.columns()));
      });
      return json;
    }, colourCode);
    for (String line : result.message().split("\n")) {
      emit("    " + line, null, null);
    }
    result.failures().ifPresent(f -> {
      if (!f.sampleRows().isEmpty()) {
        emit("    " + (f.sampleRows().size() < f.count() ? "First " + f.sampleRows().size()
            + " failing rows:" : "Failing rows:"), null, null);
        StringPrinter table = new StringPrinter();
        ShowCommand.print(table.writer(), f.columns(), f.sampleRows());
        for (String line : table.text().split("\n")) {
          emit("      " + line, null, null);
        }
      }
      emit("    Reproduce with the SQL in " + f.compiledPath(), null, null);
    });
  }

  private static String describe(Node node) {
    if (node instanceof DataTest) {
      return node.name();
    }
    if (node instanceof dev.mds.graph.UnitTest test) {
      return "unit_test " + test.fqn().get(test.fqn().size() - 2) + "::" + test.name();
    }
    String kind = node instanceof Model m && !m.isSnapshot() ? m.materialized() + " model"
        : node.resourceType().label();
    return kind + " " + node.relation();
  }

  /**
   * {@code 1.25s}: a duration with two decimals, as {@code %.2fs} would print it (half up), built
   * without {@link String#format}, which cost ~0.07 ms a node line.
   */
  static String seconds(double seconds) {
    long hundredths = Math.round(seconds * 100);
    long fraction = hundredths % 100;
    return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction + "s";
  }

  private static String dots(String text, String status) {
    int pad = Math.max(3, WIDTH - text.length() - status.length() - 2);
    return text + " " + ".".repeat(pad) + " " + status;
  }

  private ObjectNode event(String name) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("ts", java.time.Instant.now().toString());
    node.put("event", name);
    return node;
  }

  /** @param json the line's JSON event, built only for {@code --log-format json}; may be null */
  private void emit(String text, Supplier<ObjectNode> json, String colourCode) {
    String stamped = LocalTime.now().format(CLOCK) + "  " + text;
    log.line(stamped);
    if (format == Format.json) {
      if (json != null) {
        out.println(json.get().toString());
      }
    } else if (colour && colourCode != null) {
      out.println(colourCode + stamped + RESET);
    } else {
      out.println(stamped);
    }
    out.flush();
  }

  /** Jackson's mapper, whose start-up (~45 ms) only {@code --log-format json} pays. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
