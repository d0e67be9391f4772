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
