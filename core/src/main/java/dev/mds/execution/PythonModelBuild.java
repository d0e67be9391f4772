package dev.mds.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mds.MdsException;
import dev.mds.compile.Compiler;
import dev.mds.engine.Session;
import dev.mds.engine.SqlLiteral;
import dev.mds.graph.Model;
import dev.mds.graph.RefCall;
import dev.mds.graph.SourceCall;
import dev.mds.project.Project;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a Python model with {@code python3} and its {@code duckdb} package, as dbt-duckdb does, in
 * a process of its own: the database has one writer, so the model's parents go to it as Parquet
 * files under {@code target/python/<model>/}, and what it returns comes back as one.
 */
final class PythonModelBuild {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** How Python models can be built: each loads the returned rows into a table or a file. */
  private static final Set<String> MATERIALIZATIONS = Set.of("table", "incremental", "external");
  private static final Pattern TRACEBACK_LINE = Pattern.compile("File \"([^\"]+)\", line (\\d+)");

  private final Project project;
  private final Compiler compiler;
  /** Whether python3 can import duckdb, asked once per run. */
  private volatile Boolean available;

  PythonModelBuild(Project project, Compiler compiler) {
    this.project = project;
    this.compiler = compiler;
  }

  /**
   * Runs the model and returns the SQL that reads its rows, for the model's materialization.
   *
   * @throws MdsException naming the file when python3 or duckdb is missing or the model fails
   */
  String run(Session session, Model model, boolean incremental) throws SQLException {
    if (!MATERIALIZATIONS.contains(model.materialized())) {
      throw MdsException.at(model.file(), "a python model is materialized as table, incremental"
          + " or external, not '" + model.materialized() + "'");
    }
    if (!available()) {
      throw MdsException.at(model.file(),
          "python models need python3 with the duckdb package; not found");
    }
    Path dir = project.targetDir().resolve("python").resolve(model.name());
    Path output = dir.resolve("output.parquet");
    Map<String, String> refs = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(output);
      for (RefCall ref : model.refs()) {
        Path file = dir.resolve("ref_" + ref.name() + ".parquet");
        export(session, "{{ ref('" + jinjaText(ref.name()) + "') }}", model, file);
        refs.put(ref.name(), file.toString());
      }
      for (SourceCall source : model.sources()) {
        Path file = dir.resolve("source_" + source.sourceName() + "." + source.tableName()
            + ".parquet");
        export(session, "{{ source('" + jinjaText(source.sourceName()) + "', '"
            + jinjaText(source.tableName()) + "') }}", model, file);
        sources.put(source.sourceName() + "." + source.tableName(), file.toString());
      }
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("refs", refs);
      spec.put("sources", sources);
      spec.put("output", output.toString());
      spec.put("this", model.relation().toString());
      spec.put("is_incremental", incremental);
      spec.put("config", model.config().values());
      Path specFile = dir.resolve("spec.json");
      JSON.writeValue(specFile.toFile(), spec);
      runPython(model, specFile, dir.resolve("output.log"));
      for (String file : refs.values()) {
        Files.deleteIfExists(Path.of(file));
      }
      for (String file : sources.values()) {
        Files.deleteIfExists(Path.of(file));
      }
    } catch (IOException e) {
      throw MdsException.at(model.file(), "cannot run the python model: " + e.getMessage(), e);
    }
    if (!Files.isRegularFile(output)) {
      throw MdsException.at(model.file(), "the python model wrote no rows to " + output);
    }
    return "select * from read_parquet(" + SqlLiteral.string(output.toString()) + ")";
  }

  private void export(Session session, String template, Model model, Path file)
      throws SQLException {
    String sql = Compiler.trimStatement(compiler.readSql("select * from " + template, model));
    session.execute("copy (" + sql + ") to " + SqlLiteral.string(file.toString())
        + " (format parquet)");
  }

  private static String jinjaText(String name) {
    return name.replace("\\", "\\\\").replace("'", "\\'");
  }

  private void runPython(Model model, Path specFile, Path log) throws IOException {
    Path modelFile = project.resolve(model.file());
    Process process = new ProcessBuilder("python3", "-c", script("run_python_model.py"),
        modelFile.toString(), specFile.toString())
        .directory(project.root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      process.getOutputStream().close();
      int exit = process.waitFor();
      if (exit != 0) {
        throw failure(model, modelFile, Files.readAllLines(log, StandardCharsets.UTF_8), log);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw MdsException.at(model.file(), "interrupted while the python model ran", e);
    }
  }

  /**
   * One line for a failed model: the traceback's last line (the exception), at the model file's
   * line where the traceback last passed through it.
   */
  private MdsException failure(Model model, Path modelFile, List<String> output, Path log) {
    String where = model.file();
    String message = "the python model failed";
    for (String line : output) {
      Matcher at = TRACEBACK_LINE.matcher(line);
      if (at.find() && Path.of(at.group(1)).toAbsolutePath().normalize().equals(modelFile)) {
        where = model.file() + ":" + at.group(2);
      }
      if (!line.isBlank() && !line.startsWith(" ")) {
        message = line.strip().startsWith("mds: ") ? line.strip().substring(5) : line.strip();
      }
    }
    return MdsException.at(where, "python model failed: " + message + " (output in "
        + project.display(log) + ")");
  }

  private boolean available() {
    if (available == null) {
      synchronized (this) {
        if (available == null) {
          available = canImportDuckDb();
        }
      }
    }
    return available;
  }

  private static boolean canImportDuckDb() {
    try {
      Process process = new ProcessBuilder("python3", "-c", "import duckdb")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      process.getOutputStream().close();
      return process.waitFor() == 0;
    } catch (IOException noPython) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String script(String name) {
    try (InputStream in = PythonModelBuild.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(name + " is missing from the mds jar", e);
    }
  }
}
