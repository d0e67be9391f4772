package dev.mds.cli;

import dev.mds.artifacts.SourcesJsonWriter;
import dev.mds.compile.ParseResult;
import dev.mds.execution.FreshnessTask;
import dev.mds.graph.Source;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mds source freshness}: how old each source's newest rows are, against its rule. */
@Command(name = "freshness", aliases = "snapshot-freshness", mixinStandardHelpOptions = true,
    description = {"For each selected source table with a freshness rule and a loaded_at_field,"
        + " print its newest load time, age and status (pass, warn, error, runtime error) and"
        + " write target/sources.json.",
        "Exit 1 when a source is past its error_after (or cannot be checked)."})
final class SourceFreshnessCommand implements Callable<Integer> {

  /** Width of a console line, as the run reporter prints them. */
  private static final int WIDTH = 100;

  @Mixin
  ProjectOptions project;
  @Mixin
  SelectionOptions selection;
  @Mixin
  GlobalOptions global;
  @Mixin
  LockOptions lock;
  @Spec
  CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "PATH",
      description = "Where to write the results. Default: target/sources.json.")
  Path output;

  @Override
  public Integer call() {
    lock.check();
    Instant started = Instant.now();
    ParseResult parsed = project.parse(project.load());
    PrintWriter out = spec.commandLine().getOut();
    long total = parsed.manifest().nodesOf(Source.class).stream()
        .filter(s -> dev.mds.schema.SourceFreshness.of(s.config()).isPresent()).count();
    AtomicInteger index = new AtomicInteger();
    AtomicInteger planned = new AtomicInteger();
    FreshnessTask.Outcome outcome = FreshnessTask.run(parsed, selection.selector(parsed),
        lock.seconds, planned::set, result -> {
          out.println(line(index.incrementAndGet(), planned.get(), result));
          out.flush();
        });
    for (Source skipped : outcome.skipped()) {
      out.println("Skipped freshness of " + skipped.sourceName() + "." + skipped.name()
          + ": it has a freshness rule but no loaded_at_field");
    }
    Reports.unmatched(spec.commandLine().getErr(), outcome.unmatched());
    Path file = output != null ? output : parsed.project().targetDir().resolve(
        SourcesJsonWriter.FILE);
    if (outcome.results().isEmpty()) {
      out.println("No source with a freshness rule and a loaded_at_field is selected ("
          + total + " with a rule in the project)");
    }
    SourcesJsonWriter.write(file, outcome, MdsVersion.version(), started);
    out.println();
    out.println(String.format(Locale.ROOT, "Done in %.2fs. PASS=%d WARN=%d ERROR=%d"
        + " RUNTIME_ERROR=%d", outcome.elapsedSeconds(), count(outcome, "pass"),
        count(outcome, "warn"), count(outcome, "error"), count(outcome, "runtime error")));
    return outcome.failed() ? Mds.FAILED : Mds.OK;
  }

  private static long count(FreshnessTask.Outcome outcome, String status) {
    return outcome.results().stream().filter(r -> r.status().equals(status)).count();
  }

  private String line(int index, int total, FreshnessTask.Result result) {
    String name = result.source().sourceName() + "." + result.source().name();
    String verdict = switch (result.status()) {
      case "pass" -> "PASS";
      case "warn" -> "WARN";
      case "error" -> "ERROR STALE";
      default -> "ERROR";
    };
    String detail = result.error().map(e -> "runtime error: " + e)
        .orElseGet(() -> "max loaded_at " + result.maxLoadedAt().orElseThrow()
            + ", age " + age(result.ageSeconds()));
    String text = index + " of " + total + " " + verdict + " freshness of " + name + " ("
        + detail + ")";
    String status = String.format(Locale.ROOT, "[%s in %.2fs]", verdict, result.seconds());
    return text + " " + ".".repeat(Math.max(3, WIDTH - text.length() - status.length() - 2))
        + " " + status;
  }

  /** An age the way people say it: 3d 4h, 2h 05m, 12m 30s. */
  static String age(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    if (s >= 86_400) {
      return (s / 86_400) + "d " + (s % 86_400 / 3600) + "h";
    }
    if (s >= 3600) {
      return (s / 3600) + "h " + String.format(Locale.ROOT, "%02dm", s % 3600 / 60);
    }
    if (s >= 60) {
      return (s / 60) + "m " + String.format(Locale.ROOT, "%02ds", s % 60);
    }
    return s + "s";
  }
}
