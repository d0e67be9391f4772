package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import dev.mds.project.YamlValues;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * {@code materialized: external}: exports the model to a Parquet or CSV file for a BI tool, safely.
 * The new file is written beside the old one, checked (readable, as many rows as the query, and
 * not empty unless {@code allow_empty: true}), then moved into place atomically; if anything fails
 * the previous file is untouched. A view over the file keeps the model {@code ref}-able.
 */
public final class ExternalMaterialization implements Materialization {

  private final Path projectRoot;
  private final Path externalRoot;

  /**
   * @param externalRoot the folder of exports without a {@code location} (dbt-duckdb's
   *     {@code external_root}); a relative {@code location} is taken from the project folder,
   *     as dbt-duckdb takes it from where dbt runs
   */
  ExternalMaterialization(Path projectRoot, Path externalRoot) {
    this.projectRoot = projectRoot;
    this.externalRoot = externalRoot;
  }

  @Override
  public BuildResult build(Session session, Model model, String sql, boolean incremental)
      throws SQLException {
    String format = format(model);
    Path target = target(model, format);
    List<String> partitionBy = YamlValues.strings(model.config().values().get("partition_by"));
    Path staging = target.resolveSibling("." + target.getFileName() + ".mds-new-"
        + ProcessHandle.current().pid());
    boolean engineWrites = !session.capabilities().fileExports();
    if (engineWrites && format.equals("csv") && !partitionBy.isEmpty()) {
      throw new MdsException(model.file() + ": partition_by with format: csv is not supported on"
          + " a " + session.dialect().engineName() + " target; use format: parquet");
    }
    try {
      Files.createDirectories(target.getParent());
      removeLeftovers(target);
      long rows;
      if (engineWrites) {
        // The engine's own writer (Spark: a folder of part files), into the same new folder
        // beside the old export, checked and swapped in as DuckDB's file is.
        String write = session.dialect().writeFiles(model.relation().named(
            model.relation().identifier() + "__mds_export"), sql, staging.toString(), format,
            partitionBy, writerOptions(model, format)).orElseThrow(() -> new MdsException(
            "materialized: external needs DuckDB's COPY or a writer of the "
            + session.dialect().engineName() + " engine"));
        session.execute(write);
        rows = -1;
      } else {
        rows = session.execute("copy (\n" + sql + "\n) to "
            + SqlLiteral.string(staging.toString()) + " ("
            + copyOptions(model, format, partitionBy) + ")");
      }
      long written = verify(session, model, reader(session, model, staging, format,
          !partitionBy.isEmpty()), rows);
      publish(staging, target);
      session.execute(session.dialect().createViewAs(model.relation(), "select * from "
          + reader(session, model, target, format, !partitionBy.isEmpty())));
      session.created(model.relation(), "VIEW");
      return BuildResult.of("EXPORT", rows >= 0 ? rows : written);
    } catch (SQLException | IOException | RuntimeException e) {
      delete(staging);
      String why = e instanceof SQLException ? DuckDbError.summary(e.getMessage())
          : e instanceof IOException io ? dev.mds.FileInUse.describe(io, target) : e.getMessage();
      throw new MdsException(model.file() + ": export to " + display(target) + " failed, "
          + (Files.exists(target) ? "the previous file is unchanged" : "no file was written")
          + ": " + why, e);
    }
  }

  private static String format(Model model) {
    String location = model.config().string("location").orElse("");
    String fallback = location.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "parquet";
    String format = model.config().string("format").orElse(fallback).toLowerCase(Locale.ROOT);
    if (!format.equals("parquet") && !format.equals("csv") && !format.equals("json")) {
      throw new MdsException(model.file() + ": format '" + format
          + "' is not supported for external models (use parquet, csv or json)");
    }
    return format;
  }

  /**
   * The configured location, or {@code <external root>/<model>.<format>} (by default
   * {@code exports/} in the project folder).
   */
  private Path target(Model model, String format) {
    return target(model, format, projectRoot, externalRoot);
  }

  private static Path target(Model model, String format, Path projectRoot, Path externalRoot) {
    java.util.Optional<String> location = model.config().string("location");
    if (location.isEmpty()) {
      return externalRoot.resolve(model.relation().identifier() + "." + format).normalize();
    }
    Path path = Path.of(location.get());
    return (path.isAbsolute() ? path : projectRoot.resolve(path)).normalize();
  }

  /**
   * The file or folder an external model writes, as its build resolves it; empty when it is not
   * an external model or its format is not one mds writes (its build reports that).
   *
   * @param externalRoot the profile's {@code external_root} (empty: {@code exports/})
   */
  public static java.util.Optional<Path> written(Model model, Path projectRoot,
      java.util.Optional<Path> externalRoot) {
    if (!"external".equals(model.materialized())) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(target(model, format(model), projectRoot,
          externalRoot.orElse(projectRoot.resolve("exports"))));
    } catch (MdsException | java.nio.file.InvalidPathException e) {
      return java.util.Optional.empty();
    }
  }

  private static String copyOptions(Model model, String format, List<String> partitionBy) {
    StringJoiner options = new StringJoiner(", ");
    options.add("format " + format);
    if (format.equals("csv")) {
      options.add("header true");
      options.add("delimiter " + SqlLiteral.string(model.config().string("delimiter").orElse(",")));
    }
    model.config().string("compression").ifPresent(c -> options.add("compression "
        + SqlLiteral.string(c)));
    if (!partitionBy.isEmpty()) {
      StringJoiner columns = new StringJoiner(", ", "(", ")");
      partitionBy.forEach(c -> columns.add(Relation.quote(c)));
      options.add("partition_by " + columns);
    }
    return options.toString();
  }

  /**
   * The writer options of an engine's own writer: DuckDB's CSV as {@code COPY} writes it (a
   * header, the delimiter, doubled quotes, timestamps without a zone), and the compression.
   */
  private static java.util.Map<String, String> writerOptions(Model model, String format) {
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
    if (format.equals("csv")) {
      options.put("header", "true");
      options.put("sep", model.config().string("delimiter").orElse(","));
      options.put("quote", "\"");
      options.put("escape", "\"");
      options.put("timestampFormat", "yyyy-MM-dd HH:mm:ss.SSSSSS");
    }
    model.config().string("compression").ifPresent(c -> options.put("compression", c));
    return options;
  }

  /**
   * The SQL that reads an export back: DuckDB's readers, or the engine's own (a CSV export
   * typed as DuckDB's {@code read_csv} types it, {@link CsvScan}).
   */
  private static String reader(Session session, Model model, Path path, String format,
      boolean partitioned) {
    if (session.capabilities().fileExports()) {
      return reader(path, format, partitioned);
    }
    String location = path.toAbsolutePath().toString();
    if (format.equals("csv")) {
      String files = SqlLiteral.string(location + "/*.csv");
      return session.dialect().readCsv(() -> CsvScan.inspect(List.of(location), files, "UTF-8",
          "header = true", model.file())).orElseThrow();
    }
    return session.dialect().readFiles(format, location).orElseThrow(() -> new MdsException(
        model.file() + ": the " + session.dialect().engineName() + " engine cannot read "
        + format + " files"));
  }

  /** Reads the written file back: it must parse and hold every row, and some rows. */
  private static long verify(Session session, Model model, String reader, long rows)
      throws SQLException {
    long found = session.queryLong("select count(*) from " + reader);
    if (rows >= 0 && found != rows) {
      throw new MdsException("the written file holds " + found + " rows but the query returned "
          + rows);
    }
    boolean allowEmpty = YamlValues.bool(model.config().values().get("allow_empty"), false);
    if (found == 0 && !allowEmpty) {
      throw new MdsException("the query returned no rows (set allow_empty: true if that is fine)");
    }
    return found;
  }

  private static String reader(Path path, String format, boolean partitioned) {
    String files = SqlLiteral.string(partitioned
        ? path.resolve("**").resolve("*." + format).toString() : path.toString());
    String hive = partitioned ? ", hive_partitioning = true" : "";
    return format.equals("csv") ? "read_csv(" + files + ", header = true" + hive + ")"
        : format.equals("json") ? "read_json(" + files + hive + ")"
        : "read_parquet(" + files + hive + ")";
  }

  /**
   * Moves the new file over the old in one rename. A partitioned export is a folder, which cannot
   * replace another atomically: the old one is moved aside first and removed after.
   */
  private static void publish(Path staging, Path target) throws IOException {
    if (Files.isDirectory(staging)) {
      Path old = target.resolveSibling("." + target.getFileName() + ".mds-old-"
          + ProcessHandle.current().pid());
      if (Files.exists(target)) {
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      delete(old);
      return;
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + target.getParent()
          + " cannot replace files atomically", e);
    }
  }

  /**
   * Files a killed earlier export left beside the target. A kill between the two renames of a
   * partitioned export leaves the previous folder only aside: it is moved back first.
   */
  private static void removeLeftovers(Path target) throws IOException {
    String prefix = "." + target.getFileName() + ".mds-";
    List<Path> leftovers;
    try (Stream<Path> siblings = Files.list(target.getParent())) {
      leftovers = siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted()
          .toList();
    }
    for (Path p : leftovers) {
      if (!Files.exists(target) && p.getFileName().toString().startsWith(prefix + "old-")) {
        Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
      } else {
        delete(p);
      }
    }
  }

  private static void delete(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Leftovers are removed by the next export of the same model.
    }
  }

  private String display(Path target) {
    return target.startsWith(projectRoot) ? projectRoot.relativize(target).toString()
        : target.toString();
  }
}
