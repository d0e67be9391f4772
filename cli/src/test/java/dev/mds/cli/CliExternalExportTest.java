package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code materialized: external}: exports for BI tools that are whole files or nothing. */
class CliExternalExportTest {

  private static final String MARKETS = "select * from (values ('DE', 'Müller GmbH', 1234.56),"
      + " ('IT', 'Rossi; figli', 12.5), ('UK', 'Smith', 7.0)) t(market, customer, revenue)";

  @TempDir
  Path dir;

  @Test
  void parquetAndSemicolonCsvExportsAreWrittenAndADownstreamModelReadsTheFile()
      throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/markets.sql", "{{ config(materialized='table') }}\n" + MARKETS + "\n")
        .file("models/exports/for_tableau.sql", """
            {{ config(materialized='external', location='exports/for_tableau.parquet') }}
            select * from {{ ref('markets') }}
            """)
        .file("models/exports/for_excel.sql", """
            {{ config(materialized='external', location='exports/for_excel.csv', format='csv',
                      delimiter=';') }}
            select * from {{ ref('markets') }} order by market
            """)
        .file("models/top_market.sql", """
            {{ config(materialized='table') }}
            select market from {{ ref('for_tableau') }} order by revenue desc limit 1
            """);

    CliRun run = mds("run", "--project-dir", project.dir()).assertOk();

    assertTrue(run.out().contains("[EXPORT 3 in"), run.describe());
    assertEquals("market;customer;revenue\nDE;Müller GmbH;1234.56\nIT;\"Rossi; figli\";12.50\n"
        + "UK;Smith;7.00\n", Files.readString(project.path("exports/for_excel.csv"),
            StandardCharsets.UTF_8));
    assertEquals(List.of("DE|Müller GmbH|1234.56", "IT|Rossi; figli|12.50", "UK|Smith|7.00"),
        query("select * from read_parquet('" + project.path("exports/for_tableau.parquet")
            + "') order by 1"));
    Path db = project.path("shop.duckdb");
    assertEquals(List.of("DE"), DuckDbFile.rows(db, "select market from top_market"));
    assertTrue(DuckDbFile.rows(db, "select sql from duckdb_views() where view_name ="
        + " 'for_tableau'").get(0).contains("exports/for_tableau.parquet"));
    assertEquals(List.of("for_excel.csv", "for_tableau.parquet"), list(project.path("exports")));
  }

  @Test
  void partitionByWritesAFolderPerValue() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/by_market.sql", """
            {{ config(materialized='external', location='exports/by_market',
                      partition_by=['market']) }}
            """ + MARKETS + "\n");

    mds("run", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("market=DE", "market=IT", "market=UK"),
        list(project.path("exports/by_market")));
    assertEquals(List.of("DE|1234.56", "IT|12.50", "UK|7.00"), DuckDbFile.rows(
        project.path("shop.duckdb"), "select market, revenue from by_market order by 1"));
  }

  @Test
  void queryFailingHalfwayThroughTheWriteLeavesThePreviousFileByteIdentical() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/daily.sql", """
            {{ config(materialized='external', location='exports/daily.csv', delimiter=';') }}
            select i as id, i * 2 as amount from range(2000000) t(i)
            """);
    mds("run", "--project-dir", project.dir()).assertOk();
    Path file = project.path("exports/daily.csv");
    byte[] before = Files.readAllBytes(file);
    // Row 1,500,000 cannot be converted: DuckDB has written much of the new file by then.
    project.file("models/daily.sql", """
        {{ config(materialized='external', location='exports/daily.csv', delimiter=';') }}
        select i as id,
               case when i = 1500000 then cast('n/a ' || i as integer) else i * 3 end as amount
        from range(2000000) t(i)
        """);

    CliRun run = mds("run", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run.describe());
    assertTrue(run.out().contains("models/daily.sql: export to exports/daily.csv failed,"
        + " the previous file is unchanged: "), run.describe());
    assertTrue(run.out().contains("n/a 1500000"), run.describe());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of("daily.csv"), list(project.path("exports")));
  }

  @Test
  void emptyResultFailsUnlessAllowedAndKeepsThePreviousFile() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/feed.sql", """
            {{ config(materialized='external', location='exports/feed.parquet') }}
            """ + MARKETS + "\n");
    mds("run", "--project-dir", project.dir()).assertOk();
    Path file = project.path("exports/feed.parquet");
    byte[] before = Files.readAllBytes(file);
    project.file("models/feed.sql", """
        {{ config(materialized='external', location='exports/feed.parquet') }}
        """ + MARKETS + " where market = 'FR'\n");

    CliRun empty = mds("run", "--project-dir", project.dir());

    assertEquals(1, empty.exitCode(), empty.describe());
    assertTrue(empty.out().contains("the previous file is unchanged: the query returned no rows"
        + " (set allow_empty: true if that is fine)"), empty.describe());
    assertArrayEquals(before, Files.readAllBytes(file));

    project.file("models/feed.sql", """
        {{ config(materialized='external', location='exports/feed.parquet', allow_empty=true) }}
        """ + MARKETS + " where market = 'FR'\n");
    CliRun allowed = mds("run", "--project-dir", project.dir()).assertOk();

    assertTrue(allowed.out().contains("[EXPORT 0 in"), allowed.describe());
    assertEquals(List.of("0"), query("select count(*) from read_parquet('" + file + "')"));
  }

  /**
   * {@code kill -9} while DuckDB writes a large export: the target path holds the previous file
   * byte for byte (or, had the move already happened, the whole new file), never a part; the
   * next run removes what the killed one left.
   */
  @Test
  @Timeout(120)
  @EnabledOnOs(OS.LINUX)
  void exportKilledMidWriteLeavesAWholeFileAndTheNextRunCleansUp() throws Exception {
    long bigRows = 40_000_000;
    TempProject project = TempProject.named(dir, "shop")
        .file("models/big_export.sql", """
            {{ config(materialized='external', location='exports/big.parquet') }}
            select i as id, i * 3 as amount, i % 97 as store from range({{ var('rows', 1000) }}) t(i)
            """);
    mds("run", "--project-dir", project.dir()).assertOk();
    Path target = project.path("exports/big.parquet");
    byte[] before = Files.readAllBytes(target);

    Path staging;
    Optional<Path> nativeLibrary;
    try (JavaProcess run = JavaProcess.start(dir, Mds.class, "run", "--project-dir",
        project.dir(), "-s", "big_export", "--vars", "{rows: " + bigRows + "}")) {
      staging = target.resolveSibling(".big.parquet.mds-new-" + run.pid());
      awaitGrowing(staging, run);
      nativeLibrary = duckDbLibraryOf(run.pid());
      run.process.destroyForcibly();
      assertTrue(run.process.waitFor(20, TimeUnit.SECONDS), "not killed");
      assertEquals(137, run.process.exitValue(), run.output());
    }
    // A killed JVM cannot delete the DuckDB library it extracted; this one was ours.
    if (nativeLibrary.isPresent()) {
      Files.deleteIfExists(nativeLibrary.get());
    }

    byte[] after = Files.readAllBytes(target);
    if (Files.exists(staging)) {
      // Killed before the move: the target is untouched.
      assertArrayEquals(before, after);
    } else {
      // Killed after the move (a narrow window): the target is the whole new file.
      assertEquals(List.of(String.valueOf(bigRows)),
          query("select count(*) from read_parquet('" + target + "')"));
    }

    mds("run", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("big.parquet"), list(target.getParent()));
    assertEquals(List.of("1000"), query("select count(*) from read_parquet('" + target + "')"));
  }

  /** Waits until {@code staging} exists and has grown between two looks. */
  private static void awaitGrowing(Path staging, JavaProcess run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long last = -1;
    while (System.nanoTime() < deadline) {
      assertTrue(run.process.isAlive(), "mds ended before it was killed:\n" + run.output());
      long size = Files.exists(staging) ? Files.size(staging) : -1;
      if (last > 0 && size > last) {
        return;
      }
      last = size;
      Thread.sleep(150);
    }
    throw new AssertionError("no growing " + staging + " within 60s:\n" + run.output());
  }

  /** The DuckDB native library the process extracted to a temp file, from its memory map. */
  private static Optional<Path> duckDbLibraryOf(long pid) throws IOException {
    Path maps = Path.of("/proc", String.valueOf(pid), "maps");
    if (!Files.isReadable(maps)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(maps)) {
      return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
          .filter(p -> p.contains("libduckdb_java") && p.endsWith(".so")
              && p.startsWith(System.getProperty("java.io.tmpdir")))
          .map(Path::of).findFirst();
    }
  }

  private static List<String> query(String sql) throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getObject(i));
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
