package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources that live in files ({@code config: {location: ...}}), read by models through source(). */
class CliFileSourceTest {

  private static final Charset CP1252 = Charset.forName("windows-1252");

  @TempDir
  Path dir;

  @Test
  void parquetGlobSourceGivesTheModelEveryRowOfEveryFile() throws Exception {
    TempProject project = project("data/erp/orders/*.parquet");
    Files.createDirectories(project.path("data/erp/orders"));
    parquet(project.path("data/erp/orders/2024_01.parquet"),
        "select 70001 as order_no, 'DE' as market, 1234.56 as amount"
            + " union all select 70002, 'IT', 12.5");
    parquet(project.path("data/erp/orders/2024_02.parquet"),
        "select 70003 as order_no, 'UK' as market, 7.0 as amount");
    parquet(project.path("data/erp/orders/2024_03.parquet"),
        "select * from range(70004, 70104) t(order_no), (select 'JP' as market, 1.0 as amount)");

    mds("run", "--project-dir", project.dir()).assertOk();

    Path db = project.path("shop.duckdb");
    assertEquals(List.of("103"), DuckDbFile.rows(db, "select count(*) from orders_copy"));
    assertEquals(List.of("70001|DE|1234.56", "70002|IT|12.50", "70003|UK|7.00"),
        DuckDbFile.rows(db, "select order_no, market, amount from orders_copy"
            + " where market <> 'JP' order by 1"));
    assertEquals(List.of("JP|100"), DuckDbFile.rows(db,
        "select market, count(*) from orders_copy where market = 'JP' group by 1"));
  }

  @Test
  void csvGlobOverWindows1252SemicolonFilesReadsThemAllWithTheirDialect() throws Exception {
    TempProject project = project("data/erp/orders/*.csv");
    String header = "order_no;kunde;betrag;plz\r\n";
    write(project, "data/erp/orders/2024_01.csv",
        (header + "70001;Lukas Müller;1.234,56;01067\r\n70002;Mia Groß;12,5;80331\r\n")
            .getBytes(CP1252));
    write(project, "data/erp/orders/2024_02.csv",
        (header + "70003;„Café“ Weiß;7,00;10115\r\n").getBytes(CP1252));
    write(project, "data/erp/orders/2024_03.csv",
        (header + "70004;Smith;0,99;04109\r\n").getBytes(CP1252));

    mds("run", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("70001|Lukas Müller|1234.56|01067", "70002|Mia Groß|12.5|80331",
        "70003|„Café“ Weiß|7.0|10115", "70004|Smith|0.99|04109"),
        DuckDbFile.rows(project.path("shop.duckdb"),
            "select order_no, kunde, betrag, plz from orders_copy order by 1"));
  }

  @Test
  void jsonFileSourceIsRead() throws Exception {
    TempProject project = project("data/erp/orders.json");
    write(project, "data/erp/orders.json", """
        [{"order_no": 70001, "market": "DE", "note": "Müller €"},
         {"order_no": 70002, "market": "IT", "note": "ciao"}]
        """.getBytes(StandardCharsets.UTF_8));

    mds("run", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("70001|DE|Müller €", "70002|IT|ciao"),
        DuckDbFile.rows(project.path("shop.duckdb"),
            "select order_no, market, note from orders_copy order by 1"));
  }

  @Test
  void newFilesInTheFolderAreReadByTheNextRun() throws Exception {
    TempProject project = project("data/erp/orders/*.parquet");
    Files.createDirectories(project.path("data/erp/orders"));
    parquet(project.path("data/erp/orders/a.parquet"), "select 1 as order_no");
    mds("run", "--project-dir", project.dir()).assertOk();
    parquet(project.path("data/erp/orders/b.parquet"), "select 2 as order_no");

    mds("run", "--project-dir", project.dir()).assertOk();

    assertEquals(List.of("1", "2"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select order_no from orders_copy order by 1"));
  }

  @Test
  void locationMatchingNoFilesFailsTheModelWithAOneLineErrorAndTheRestStillRuns() {
    TempProject project = project("data/erp/orders/*.parquet")
        .file("models/unrelated.sql", "select 1 as id\n");

    CliRun run = mds("run", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run.describe());
    assertTrue(run.out().contains("ERROR table model \"main\".\"orders_copy\""), run.describe());
    assertTrue(run.out().contains("OK view model \"main\".\"unrelated\""), run.describe());
    assertEquals(1, run.out().lines().filter(l -> l.endsWith(
        " models/sources.yml: location 'data/erp/orders/*.parquet' matches no files")).count(),
        run.describe());
    assertFalse((run.out() + run.err()).contains("\tat "), run.describe());
  }

  /** A project with source erp.orders at {@code location} and a table model copying it. */
  /**
   * Telling UTF-8 from Windows-1252 takes reading a whole export. A large file's encoding is kept
   * (target/csv_encodings.json) until its size, time or inode change: a rewrite that keeps
   * all three is not seen, a new time is.
   */
  @Test
  void aLargeCsvSourcesEncodingIsDetectedOnceUntilTheFileChanges() throws Exception {
    TempProject project = project("data/erp/orders/*.csv");
    StringBuilder csv = new StringBuilder("order_no;kunde;betrag\n");
    for (int i = 0; csv.length() < (1 << 20) + 200_000; i++) {
      csv.append(70_000 + i).append(";Kunde;12,5\n");
    }
    Path file = project.path("data/erp/orders/2024_01.csv");
    write(project, "data/erp/orders/2024_01.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(1, java.time.temporal.ChronoUnit.HOURS));
    Files.setLastModifiedTime(file, hourAgo);
    Path compiled = project.path("target/compiled/shop/models/orders_copy.sql");
    mds("compile", "--project-dir", project.dir()).assertOk();
    assertFalse(Files.readString(compiled).contains("csv_cache"), "read as UTF-8 in place");
    assertTrue(Files.readString(project.path("target/csv_encodings.json"))
        .contains("2024_01.csv"));

    // A Windows-1252 'ü' past the first megabyte, size, inode and time kept: not seen.
    int at = csv.indexOf("Kunde", (1 << 20) + 1000) + 1;
    try (var channel = Files.newByteChannel(file, java.nio.file.StandardOpenOption.WRITE)) {
      channel.position(at);
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xFC}));
    }
    Files.setLastModifiedTime(file, hourAgo);
    mds("compile", "--project-dir", project.dir()).assertOk();
    assertFalse(Files.readString(compiled).contains("csv_cache"), "the kept encoding");

    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(50, java.time.temporal.ChronoUnit.MINUTES)));
    mds("run", "--project-dir", project.dir()).assertOk();
    assertTrue(Files.readString(compiled).contains("csv_cache"), "detected again: transcoded");
    assertEquals(List.of("1"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select count(*) from orders_copy where kunde = 'Künde'"));
  }

  /**
   * Inspecting a CSV source starts DuckDB to read a sample, on every compile: what it found is kept
   * (target/csv_layouts.json) for that version of the file and those options.
   */
  @Test
  void aCsvSourcesLayoutIsKeptUntilTheFileChanges() throws Exception {
    TempProject project = project("data/erp/orders/*.csv");
    write(project, "data/erp/orders/2024_01.csv",
        "order_no;kunde;betrag\n70001;Mia;1.234,56\n70002;Lukas;12,5\n"
            .getBytes(StandardCharsets.UTF_8));
    Path file = project.path("data/erp/orders/2024_01.csv");
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(1, java.time.temporal.ChronoUnit.HOURS)));
    Path compiled = project.path("target/compiled/shop/models/orders_copy.sql");
    mds("compile", "--project-dir", project.dir()).assertOk();
    Path layouts = project.path("target/csv_layouts.json");
    String kept = Files.readString(layouts);
    assertTrue(kept.contains("header = true"), kept);

    // A doctored entry shows that the next compile takes the kept layout instead of sniffing.
    Files.writeString(layouts, kept.replace("header = true", "header = true, skip = 0"));
    mds("compile", "--project-dir", project.dir()).assertOk();
    assertTrue(Files.readString(compiled).contains("skip = 0"), Files.readString(compiled));

    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(50, java.time.temporal.ChronoUnit.MINUTES)));
    mds("run", "--project-dir", project.dir()).assertOk();
    assertFalse(Files.readString(compiled).contains("skip = 0"), "sniffed again");
    assertEquals(List.of("70001|Mia|1234.56", "70002|Lukas|12.5"),
        DuckDbFile.rows(project.path("shop.duckdb"),
            "select order_no, kunde, betrag from orders_copy order by 1"));
  }

  private TempProject project(String location) {
    return TempProject.named(dir, "shop")
        .file("models/sources.yml", """
            sources:
              - name: erp
                tables:
                  - name: orders
                    config:
                      location: '%s'
            """.formatted(location))
        .file("models/orders_copy.sql", """
            {{ config(materialized='table') }}
            select * from {{ source('erp', 'orders') }}
            """);
  }

  private static void parquet(Path file, String select) throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement()) {
      st.execute("copy (" + select + ") to '" + file + "' (format parquet)");
    }
  }

  private static void write(TempProject project, String relative, byte[] content)
      throws IOException {
    Files.createDirectories(project.path(relative).getParent());
    Files.write(project.path(relative), content);
  }
}
