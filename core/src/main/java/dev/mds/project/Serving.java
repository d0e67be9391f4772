package dev.mds.project;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A target's read-only serving copy: a copy of the DuckDB file that readers (BI tools, notebooks,
 * {@code mds show}, {@code mds docs generate}) open instead of the file builds write. DuckDB lets
 * one process write a file and nobody else open it meanwhile; the copy is replaced whole, by a
 * rename, after each successful run, so readers and builds never wait for each other and a reader
 * sees one build at a time.
 *
 * @param path where the copy lives (the profile's {@code serving_path:}, else {@code serving/}
 *     beside the database under the database's own file name, so that it opens under the same
 *     catalog name); empty for an in-memory target
 * @param publish whether every successful run, seed or build publishes it (profile {@code
 *     publish: true}, or {@code serving_path:} given; {@code --publish} for one invocation)
 */
public record Serving(Optional<Path> path, boolean publish) {

  /** The default for a database file: {@code <its folder>/serving/<its file name>}, not published. */
  public static Serving defaultFor(Path databasePath) {
    String file = databasePath.getFileName() == null ? "" : databasePath.getFileName().toString();
    if (file.equals(":memory:") || file.isEmpty()) {
      return new Serving(Optional.empty(), false);
    }
    Path folder = databasePath.toAbsolutePath().getParent();
    return new Serving(Optional.of(folder.resolve("serving").resolve(file)), false);
  }

  /** The same copy, published by this invocation. */
  public Serving publishing() {
    return new Serving(path, true);
  }
}
