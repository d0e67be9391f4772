package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The pull-request setup: a production project folder built once, its artifacts (and database)
 * copied into a state folder, and a branch folder holding a copy of its sources only.
 */
final class ProductionState {

  private ProductionState() {
  }

  /** Runs {@code mds build} in {@code prod}, which must pass. */
  static void build(TempProject prod) {
    mds("build", "--project-dir", prod.dir()).assertOk();
  }

  /**
   * Copies {@code target/manifest.json}, {@code target/run_results.json} and, when
   * {@code withDatabase}, every {@code .duckdb} file of {@code prod} into {@code state}.
   */
  static Path copyState(TempProject prod, Path state, boolean withDatabase) {
    try {
      Files.createDirectories(state);
      for (String artifact : new String[] {"manifest.json", "run_results.json"}) {
        Path file = prod.path("target/" + artifact);
        if (Files.exists(file)) {
          Files.copy(file, state.resolve(artifact));
        }
      }
      if (withDatabase) {
        try (Stream<Path> files = Files.list(prod.root())) {
          for (Path db : files.filter(p -> p.toString().endsWith(".duckdb")).toList()) {
            Files.copy(db, state.resolve(db.getFileName()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return state;
  }

  /** A copy of the project's sources (no target/, logs/ or database) in {@code branch}. */
  static TempProject branch(TempProject prod, Path branch) {
    try (Stream<Path> walk = Files.walk(prod.root())) {
      for (Path source : walk.sorted(Comparator.naturalOrder()).toList()) {
        String relative = prod.root().relativize(source).toString().replace('\\', '/');
        if (relative.startsWith("target") || relative.startsWith("logs")
            || relative.endsWith(".duckdb") || relative.endsWith(".wal")) {
          continue;
        }
        Path dest = branch.resolve(relative);
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TempProject.in(branch);
  }

  /** SHA-256 of a file's bytes. */
  static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
