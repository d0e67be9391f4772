package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Relation;
import dev.mds.project.Target;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Publishes a target's serving copy (see {@link dev.mds.project.Serving}) at the end of a
 * successful run, while the run still holds the database's write lock, so that no other build
 * can change the file meanwhile.
 *
 * <p>The copy is made whole under a temporary name beside its final place, synced to disk, then
 * renamed over the previous copy in one step. A reader that has the previous copy open keeps
 * reading it (on Linux and macOS the old file lives on, unnamed, until its last reader closes it),
 * and a reader that opens the path afterwards gets the new one: no reader ever sees half a copy,
 * or tables of two builds. Windows refuses to replace a file someone has open; the run then keeps
 * the previous copy, says so, and succeeds (readers see the previous build until the next publish).
 */
public final class ServingCopy {

  /** What a publish did. {@code replaced} is false when a reader kept the old copy (Windows). */
  public record Published(Path path, long bytes, double seconds, boolean replaced,
      String reason) {
  }

  private ServingCopy() {
  }

  /**
   * Copies the database behind {@code warehouse} to {@code serving}. Every other connection of
   * the run must be closed: the checkpoint that precedes the copy writes everything into the file.
   */
  public static Published publish(Warehouse warehouse, Path database, Path serving) {
    long start = System.nanoTime();
    Path folder = serving.toAbsolutePath().getParent();
    Path temporary = folder.resolve("." + serving.getFileName() + ".mds-new-"
        + ProcessHandle.current().pid());
    try {
      Files.createDirectories(folder);
      removeLeftovers(folder, serving.getFileName().toString());
      try (Connection connection = dev.mds.engine.DuckDbConnection.jdbc(warehouse.connect())) {
        checkpoint(connection, database);
        Path wal = database.resolveSibling(database.getFileName() + ".wal");
        boolean copied = false;
        if (!Files.exists(wal) || Files.size(wal) == 0) {
          try {
            Files.copy(database, temporary, StandardCopyOption.REPLACE_EXISTING);
            copied = true;
          } catch (IOException e) {
            // Windows may refuse to read a file DuckDB holds locked: DuckDB copies it instead.
            Files.deleteIfExists(temporary);
          }
        }
        if (!copied) {
          copyThroughDuckDb(connection, temporary);
        }
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      long bytes = Files.size(temporary);
      try {
        move(temporary, serving);
      } catch (java.nio.file.AccessDeniedException e) {
        if (!System.getProperty("os.name", "").startsWith("Windows")) {
          throw e;
        }
        Files.deleteIfExists(temporary);
        return new Published(serving, bytes, seconds(start), false,
            "a reader holds it open and this system cannot replace an open file");
      }
      return new Published(serving, bytes, seconds(start), true, "");
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new MdsException("Cannot publish the serving copy " + serving + ": " + e, e);
    } catch (SQLException e) {
      deleteQuietly(temporary);
      throw new MdsException("Cannot publish the serving copy " + serving + ": "
          + DuckDbError.summary(e.getMessage()), e);
    }
  }

  /**
   * Opens what readers ({@code mds show}, {@code mds docs generate}) read: the serving copy when
   * the profile publishes one and it exists, so that they never hold the file builds write; else
   * the database itself, turning to an existing serving copy when a build holds the file.
   *
   * @param note told which file is read when it is the serving copy
   */
  public static DuckDbWarehouse openForReading(Target target, double lockTimeoutSeconds,
      java.util.function.Consumer<String> note) {
    java.util.Optional<Path> serving = target.serving().path().filter(Files::isRegularFile);
    if (serving.isPresent() && (target.serving().publish()
        || !Files.isRegularFile(target.databasePath()))) {
      note.accept("Reading the serving copy " + serving.get() + " (the last published build).");
      return DuckDbWarehouse.openServing(target, serving.get());
    }
    try {
      return DuckDbWarehouse.open(target, serving.isPresent() ? 0 : lockTimeoutSeconds);
    } catch (DatabaseInUseException e) {
      if (serving.isEmpty()) {
        throw e;
      }
      note.accept("Reading the serving copy " + serving.get() + " (the last published build): "
          + holderOf(e) + " holds " + target.databasePath() + ".");
      return DuckDbWarehouse.openServing(target, serving.get());
    }
  }

  private static String holderOf(DatabaseInUseException e) {
    return e.getCause() == null ? "another process"
        : DuckDbWarehouse.holder(String.valueOf(e.getCause().getMessage()));
  }

  private static void checkpoint(Connection connection, Path database) {
    try (Statement st = connection.createStatement()) {
      st.execute("checkpoint");
    } catch (SQLException e) {
      throw new MdsException("Cannot publish the serving copy: checkpointing " + database
          + " failed: " + DuckDbError.summary(e.getMessage()), e);
    }
  }

  /** The same database rewritten by DuckDB into {@code temporary}: slower, never reads the file. */
  private static void copyThroughDuckDb(Connection connection, Path temporary) {
    String alias = "mds_serving_new";
    try (Statement st = connection.createStatement()) {
      String current;
      try (java.sql.ResultSet rs = st.executeQuery("select current_database()")) {
        rs.next();
        current = rs.getString(1);
      }
      st.execute("attach " + SqlLiteral.string(temporary.toAbsolutePath().toString()) + " as "
          + Relation.quote(alias));
      try {
        st.execute("copy from database " + Relation.quote(current) + " to "
            + Relation.quote(alias));
      } finally {
        st.execute("detach " + Relation.quote(alias));
      }
    } catch (SQLException e) {
      deleteQuietly(temporary);
      throw new MdsException("Cannot publish the serving copy: copying the database failed: "
          + DuckDbError.summary(e.getMessage()), e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the serving copy's folder does not allow an atomic rename", e);
    }
  }

  /** Temporary copies a killed run left behind (the next publish is the only one that writes). */
  private static void removeLeftovers(Path folder, String file) throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder,
        "." + file.replace("[", "\\[").replace("*", "\\*").replace("?", "\\?")
            .replace("{", "\\{") + ".mds-new-*")) {
      for (Path leftover : leftovers) {
        deleteQuietly(leftover);
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover the next publish removes.
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
