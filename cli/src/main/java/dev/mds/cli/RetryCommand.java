package dev.mds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mds.MdsException;
import dev.mds.project.Project;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mds retry}. */
@Command(name = "retry", mixinStandardHelpOptions = true,
    description = "Run again, with the same command and flags, only what errored, failed or was "
        + "skipped in the last target/run_results.json.")
final class RetryCommand implements Callable<Integer> {

  private static final Set<String> SELECTION_OPTIONS = Set.of("-s", "--select", "-m", "--models",
      "--exclude", EventTimeOptions.RETRY_OPTION);
  private static final Set<String> RETRIED = Set.of("error", "fail", "skipped", "partial success");

  @Mixin
  ProjectOptions project;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Project loaded = project.load();
    Path file = loaded.targetDir().resolve("run_results.json");
    if (!Files.isRegularFile(file)) {
      throw new MdsException("Nothing to retry: " + loaded.display(file) + " does not exist");
    }
    JsonNode results;
    try {
      results = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new MdsException(loaded.display(file) + ": cannot read it: " + e.getMessage(), e);
    }
    List<String> previous = new ArrayList<>();
    results.path("args").path("invocation").forEach(a -> previous.add(a.asText()));
    List<String> names = new ArrayList<>();
    // A microbatch model's failed batches: only those are built again, as dbt retry does.
    List<String> batches = new ArrayList<>();
    for (JsonNode result : results.path("results")) {
      String id = result.path("unique_id").asText();
      if (RETRIED.contains(result.path("status").asText()) && !id.startsWith("operation.")) {
        String name = id.substring(id.lastIndexOf('.') + 1);
        names.add(name);
        dev.mds.artifacts.BatchResultsJson.failed(result).forEach(b -> batches.add(name + "="
            + b.start() + "/" + b.end()));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (previous.isEmpty() || previous.get(0).equals("retry")) {
      throw new MdsException(loaded.display(file) + " does not record the command to retry");
    }
    if (names.isEmpty()) {
      out.println("Nothing to retry: the last '" + previous.get(0)
          + "' had no errors, failures or skipped nodes.");
      return Mds.OK;
    }
    List<String> args = withoutSelection(previous);
    for (String batch : batches) {
      args.add(EventTimeOptions.RETRY_OPTION);
      args.add(batch);
    }
    args.add("--select");
    args.addAll(names);
    out.println("Retrying " + Reports.count(names.size(), "node") + ": mds "
        + String.join(" ", args));
    out.flush();
    return Mds.execute(args.toArray(String[]::new), out, spec.commandLine().getErr());
  }

  /** The previous arguments minus its {@code --select}/{@code --exclude} and their values. */
  private static List<String> withoutSelection(List<String> args) {
    List<String> kept = new ArrayList<>();
    boolean skipping = false;
    for (String arg : args) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (SELECTION_OPTIONS.contains(name)) {
        skipping = !arg.contains("=");
        continue;
      }
      if (skipping && !arg.startsWith("-")) {
        continue;
      }
      skipping = false;
      kept.add(arg);
    }
    return kept;
  }
}
