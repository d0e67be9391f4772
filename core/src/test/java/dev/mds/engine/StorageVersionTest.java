package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.TempProject;
import dev.mds.project.ProjectLoader;
import dev.mds.project.Target;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format of the DuckDB files mds creates: one every DuckDB since 1.0 opens (BI tools and
 * notebooks bring their own, older DuckDB), unless the profile asks for another.
 */
class StorageVersionTest {

  @TempDir
  Path dir;

  private Target target(String output) {
    TempProject project = TempProject.in(dir)
        .file("mds_project.yml", "name: shop\nprofile: shop\n")
        .file("profiles.yml", """
            shop:
              outputs:
                dev:
                  type: duckdb
                  path: shop.duckdb
            """ + output.indent(6));
    return ProjectLoader.load(project.path(""), Optional.empty(), Optional.empty(),
        Optional.of(project.path("")), Optional.empty()).target();
  }

  /** The storage version DuckDB tags the file with ({@code v1.0.0+}), read as a reader would. */
  private static String storageOf(Path file) throws SQLException {
    try (Connection connection = DuckDb.connect("jdbc:duckdb:");
        Statement st = connection.createStatement()) {
      st.execute("attach '" + file + "' as f (read_only)");
      try (ResultSet rs = st.executeQuery(
          "select tags['storage_version'] from duckdb_databases() where database_name = 'f'")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static void build(Target target) throws SQLException {
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(target, 0);
        DuckDbConnection connection = warehouse.connect();
        Statement st = connection.jdbc().createStatement()) {
      st.execute("create or replace table orders as select range as id from range(10)");
      st.execute("checkpoint");
    }
  }

  @Test
  void aNewFileOpensInEveryDuckDbSinceOneZeroByDefaultAttachedFilesToo() throws SQLException {
    Target target = target("""
        attach:
          - path: archive.duckdb
        """);
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(target, 0);
        DuckDbConnection connection = warehouse.connect();
        Statement st = connection.jdbc().createStatement()) {
      st.execute("create table orders as select range as id from range(10)");
      st.execute("create table archive.main.old_orders as select range as id from range(5)");
      st.execute("checkpoint");
    }
    assertEquals("v1.0.0+", storageOf(dir.resolve("shop.duckdb")));
    assertEquals("v1.0.0+", storageOf(dir.resolve("archive.duckdb")));
  }

  @Test
  void configOptionsOrSettingsNameAnotherFormat() throws SQLException {
    build(target("""
        config_options:
          storage_compatibility_version: v1.4.0
        """));
    assertEquals("v1.4.0+", storageOf(dir.resolve("shop.duckdb")));
  }

  @Test
  void aSettingNamesTheFormatOfTheFileItselfNotOnlyOfLaterAttachments() throws SQLException {
    build(target("""
        settings:
          storage_compatibility_version: v1.2.0
        """));
    assertEquals("v1.2.0+", storageOf(dir.resolve("shop.duckdb")));
  }

  @Test
  void aFileKeepsTheFormatItHas() throws SQLException {
    build(target("""
        config_options:
          storage_compatibility_version: v1.4.0
        """));
    build(target(""));
    assertEquals("v1.4.0+", storageOf(dir.resolve("shop.duckdb")));
  }

  @Test
  void configOptionsMustBeAMapping() {
    MdsException e = assertThrows(MdsException.class,
        () -> target("config_options: v1.4.0\n"));
    assertTrue(e.getMessage().contains("profiles.yml") && e.getMessage().contains(
        "config_options must be a mapping"), e.getMessage());
  }
}
