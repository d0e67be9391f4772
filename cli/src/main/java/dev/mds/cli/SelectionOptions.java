package dev.mds.cli;

import dev.mds.MdsException;
import dev.mds.artifacts.StateComparison;
import dev.mds.compile.ParseResult;
import dev.mds.graph.SelectionState;
import dev.mds.graph.Selector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** {@code --select}, {@code --exclude}, and the state they may compare with. */
final class SelectionOptions {

  @Option(names = {"-s", "--select", "-m", "--models"}, arity = "1..*", paramLabel = "SPEC",
      description = {"Nodes to include: name, +name (with parents), name+ (with children), "
          + "2+name, @name, tag:x, path:models/staging, resource_type:model, "
          + "config.materialized:table, source:erp, state:modified+, result:error. "
          + "Space = union, comma = intersection."})
  List<String> select = new ArrayList<>();

  @Option(names = "--exclude", arity = "1..*", paramLabel = "SPEC",
      description = "Nodes to leave out, same syntax as --select.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--state", paramLabel = "DIR",
      description = "Folder with production's manifest.json (and run_results.json): enables "
          + "state:new, state:modified[.body|.configs|.descriptions|.macros] and result:<status>.")
  Path state;

  @Option(names = "--defer",
      description = "Refs to nodes this command does not build, and that do not exist in this "
          + "target, read production's database (attached read-only): --defer-database PATH, or "
          + "the one .duckdb file in the --state folder; on Spark, the relations named by the "
          + "folder's manifest.json (another schema of the same warehouse).")
  boolean defer;

  @Option(names = "--defer-database", paramLabel = "PATH",
      description = "Production's DuckDB file, for --defer and mds diff.")
  Path deferDatabase;

  /** The selector without state (commands that parse later, or never compare). */
  Selector selector() {
    return Selector.of(select, exclude);
  }

  /** The selector, comparing with {@code --state} when given. */
  Selector selector(ParseResult parsed) {
    Optional<SelectionState> compared = state == null ? Optional.empty()
        : Optional.of(StateComparison.compare(parsed, state, MdsVersion.version()));
    return Selector.of(select, exclude, compared);
  }

  /** Production's database when {@code --defer} is on. */
  Optional<Path> deferTo() {
    if (!defer) {
      return Optional.empty();
    }
    return Optional.of(productionDatabase());
  }

  /** {@code --defer-database}, or the single DuckDB file in the {@code --state} folder. */
  Path productionDatabase() {
    if (deferDatabase != null) {
      return deferDatabase;
    }
    if (state == null) {
      throw new MdsException("Production is needed: pass --defer-database PATH, or --state DIR "
          + "holding production's .duckdb file (on Spark: production's manifest.json)");
    }
    try (Stream<Path> files = Files.list(state)) {
      List<Path> databases = files.filter(p -> p.getFileName().toString().endsWith(".duckdb"))
          .sorted().toList();
      if (databases.isEmpty()) {
        // An engine that cannot attach a database file (Spark) reads production's relations
        // from the folder's manifest.json; DuckDB says the file is missing (RunTask, DiffTask).
        return state;
      }
      if (databases.size() != 1) {
        throw new MdsException("--state " + state + " holds " + databases.size()
            + " .duckdb files; pass --defer-database PATH to name production's");
      }
      return databases.get(0);
    } catch (IOException e) {
      throw new MdsException("Cannot list --state " + state + ": " + e.getMessage(), e);
    }
  }
}
