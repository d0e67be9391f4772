package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never costs data (issue 19, "Data"): a broken seed or CSV source is an error naming the
 * file and line, the tables built from the last good file stay as they were, and nothing
 * downstream is built from the broken one.
 */
class CliBadInputDataTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOOD_CUSTOMERS = """
      market,id,name,day
      UK,1000,Bob,2024-01-04
      UK,1001,Alice,2024-01-05
      DE,1002,Carl,2024-01-06
      FR,1003,Dan,2024-01-07
      IT,1004,Eve,2024-01-08
      """;

  @TempDir
  Path dir;

  /** Seed customers, and a mart of customers per market built from it. */
  private TempProject shop() {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/customers.csv", GOOD_CUSTOMERS)
        .file("models/markets.sql", """
            {{ config(materialized='table') }}
            select market, count(*) as customers from {{ ref('customers') }} group by market
            """);
    mds("build", "--project-dir", project.dir()).assertOk();
    return project;
  }

  private record Tables(List<String> customers, List<String> markets) {
  }

  private static Tables tables(TempProject project) {
    Path db = project.path("shop.duckdb");
    return new Tables(DuckDbFile.rows(db, "select * from customers order by id"),
        DuckDbFile.rows(db, "select * from markets order by market"));
  }

  /**
   * Builds with {@code seed} as the customers file and asserts the build failed on the seed with
   * exactly one console line starting with {@code message}, both tables kept and the mart skipped.
   */
  private static String seedFails(TempProject project, byte[] seed, String message)
      throws Exception {
    Tables before = tables(project);
    assertEquals(4, before.markets().size());
    Files.write(project.path("seeds/customers.csv"), seed);

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    List<String> lines = run.out().lines()
        .map(l -> l.replaceFirst("^\\d\\d:\\d\\d:\\d\\d\\s+", ""))
        .filter(l -> l.startsWith("seeds/customers.csv")).toList();
    assertEquals(1, lines.size(), run::describe);
    assertTrue(lines.get(0).startsWith(message), run::describe);
    assertFalse(run.out().contains("\tat ") || run.err().contains("\tat "), run::describe);
    assertEquals(Map.of("customers", "error", "markets", "skipped"), statuses(project));
    assertEquals(before, tables(project));
    return lines.get(0);
  }

  private static Map<String, String> statuses(TempProject project) throws Exception {
    Map<String, String> statuses = new TreeMap<>();
    for (JsonNode result : JSON.readTree(project.path("target/run_results.json").toFile())
        .get("results")) {
      String id = result.get("unique_id").asText();
      statuses.put(id.substring(id.lastIndexOf('.') + 1), result.get("status").asText());
    }
    return statuses;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEmptySeedFileIsASeedErrorAndTheTableIsKept() throws Exception {
    seedFails(shop(), new byte[0], "seeds/customers.csv: the file is empty");
  }

  @Test
  void aNewEmptySeedFileCreatesNoTable() {
    TempProject project = TempProject.named(dir, "shop").file("seeds/customers.csv", "");

    CliRun run = mds("seed", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("seeds/customers.csv: the file is empty"), run::describe);
    assertEquals(List.of(), DuckDbFile.rows(project.path("shop.duckdb"),
        "select table_name from information_schema.tables where table_name = 'customers'"));
  }

  @Test
  void aHeaderOnlySeedWhereTheTableHadRowsIsASeedError() throws Exception {
    String line = seedFails(shop(), utf8("market,id,name,day\n"),
        "seeds/customers.csv: the file has a header but no rows");
    assertTrue(line.contains("allow_empty: true"), line);
  }

  /** As dbt does, a header-only seed loads as an empty table when no rows would be lost. */
  @Test
  void aHeaderOnlySeedLoadsEmptyWhenNewOrAllowed() {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/holidays.csv", "day,name\n");
    mds("seed", "--project-dir", project.dir()).assertOk();
    Path db = project.path("shop.duckdb");
    assertEquals(List.of("0"), DuckDbFile.rows(db, "select count(*) from holidays"));
    assertEquals(List.of("day", "name"), DuckDbFile.rows(db, "select column_name from"
        + " information_schema.columns where table_name = 'holidays' order by ordinal_position"));

    project.file("seeds/holidays.csv", "day,name\n2024-12-25,Christmas\n");
    mds("seed", "--project-dir", project.dir()).assertOk();
    project.file("seeds/holidays.csv", "day,name\n")
        .file("seeds/schema.yml", """
            seeds:
              - name: holidays
                config:
                  allow_empty: true
            """);
    mds("seed", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("0"), DuckDbFile.rows(db, "select count(*) from holidays"));
  }

  @Test
  void aHeaderNamingAColumnTwiceIsASeedErrorOnLineOne() throws Exception {
    seedFails(shop(), utf8(GOOD_CUSTOMERS.replaceFirst("name", "market")),
        "seeds/customers.csv:1: the header names column 'market' twice (columns 1 and 3)");
  }

  /**
   * A source's file is not the project's to fix (nba-monte-carlo's schedule names PTS twice): it is
   * read as DuckDB and dbt-duckdb read it, the second column as PTS_1.
   */
  @Test
  void aSourceFileNamingAColumnTwiceIsReadAsDuckDbReadsIt() {
    TempProject project = TempProject.named(dir, "games")
        .file("data/games.csv", "home,PTS,away,PTS\nBOS,101,NYK,99\n")
        .file("models/sources.yml", """
            version: 2
            sources:
              - name: nba
                meta:
                  external_location: "data/{name}.csv"
                tables:
                  - name: games
            """)
        .file("models/scores.sql", """
            {{ config(materialized='table') }}
            select home, "PTS" as home_pts, away, "PTS_1" as away_pts
            from {{ source('nba', 'games') }}
            """);
    mds("build", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("BOS|101|NYK|99"),
        DuckDbFile.rows(project.path("games.duckdb"), "select * from scores"));
  }

  @Test
  void aHeaderWithAnEmptyNameIsASeedErrorOnLineOne() throws Exception {
    seedFails(shop(), utf8(GOOD_CUSTOMERS.replaceFirst("name", "")),
        "seeds/customers.csv:1: column 3 of the header has no name");
  }

  /** The file: the quote would become data and the rows after it go wrong. */
  @Test
  void anUnclosedQuoteIsASeedErrorOnItsLine() throws Exception {
    String line = seedFails(shop(), utf8(GOOD_CUSTOMERS
            .replace("UK,1001,Alice,2024-01-05", "UK,1001,\"Alice,2024-01-05")),
        "seeds/customers.csv:3: a quote opens here and never closes");
    assertTrue(line.contains("quote: ''"), line);
  }

  /** Far down a large file, past what DuckDB samples to detect the dialect. */
  @Test
  void anUnclosedQuotePastTheSampleIsASeedErrorOnItsLine() throws Exception {
    StringBuilder csv = new StringBuilder("market,id,name,day\n");
    for (int i = 0; i < 30_000; i++) {
      csv.append(i == 25_000 ? "UK," + i + ",\"Alice,2024-01-05\n"
          : "UK," + i + ",\"N" + i + "\",2024-01-05\n");
    }
    seedFails(shop(), utf8(csv.toString()), "seeds/customers.csv:25002: ");
  }

  /** With the delimiter configured, as semicolon exports often have it. */
  @Test
  void anUnclosedQuoteWithAConfiguredDelimiterIsASeedErrorOnItsLine() throws Exception {
    TempProject project = shop();
    project.file("seeds/schema.yml", """
        seeds:
          - name: customers
            config:
              delimiter: ';'
        """);
    Files.writeString(project.path("seeds/customers.csv"), GOOD_CUSTOMERS.replace(',', ';'));
    mds("build", "--project-dir", project.dir()).assertOk();

    seedFails(project, utf8(GOOD_CUSTOMERS.replace(',', ';')
            .replace("UK;1001;Alice;2024-01-05", "UK;1001;\"Alice;2024-01-05")),
        "seeds/customers.csv:3: a quote opens here and never closes");
  }

  /** A stray quote inside a value is no quoting and stays data, as before. */
  @Test
  void quotesInsideValuesStayData() {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/screens.csv", "id,size\n1,5\" screen\n2,7\" tablet\n");
    mds("seed", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("1|5\" screen", "2|7\" tablet"),
        DuckDbFile.rows(project.path("shop.duckdb"), "select * from screens order by id"));
  }

  /** quote: '' is the explicit way to load quote characters as data. */
  @Test
  void quoteNoneLoadsAnOpenQuoteAsData() {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/notes.csv", "id,note\n1,\"open\n2,plain\n")
        .file("seeds/schema.yml", """
            seeds:
              - name: notes
                config:
                  quote: ''
            """);
    mds("seed", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("1|\"open", "2|plain"),
        DuckDbFile.rows(project.path("shop.duckdb"), "select * from notes order by id"));
  }

  @Test
  void aNulByteIsASeedErrorOnItsLine() throws Exception {
    seedFails(shop(), utf8(GOOD_CUSTOMERS.replace("Carl", "Ca\u0000rl")),
        "seeds/customers.csv:4: a value holds a NUL byte");
  }

  /** The same checks for a CSV source read through location: the model reading it fails. */
  @Test
  void anUnclosedQuoteInACsvSourceFailsTheModelReadingIt() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("data/customers.csv", GOOD_CUSTOMERS)
        .file("models/sources.yml", """
            sources:
              - name: crm
                tables:
                  - name: customers
                    config:
                      location: 'data/customers.csv'
            """)
        .file("models/markets.sql", """
            {{ config(materialized='table') }}
            select market, count(*) as customers from {{ source('crm', 'customers') }}
            group by market
            """)
        .file("models/report.sql", """
            {{ config(materialized='table') }}
            select count(*) as markets from {{ ref('markets') }}
            """);
    mds("build", "--project-dir", project.dir()).assertOk();
    Path db = project.path("shop.duckdb");
    List<String> markets = DuckDbFile.rows(db, "select * from markets order by 1");
    assertEquals(4, markets.size());
    project.file("data/customers.csv", GOOD_CUSTOMERS
        .replace("UK,1001,Alice,2024-01-05", "UK,1001,\"Alice,2024-01-05"));

    CliRun run = mds("build", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.out().contains("models/sources.yml: data/customers.csv:3: a quote opens here and never closes"),
        run::describe);
    assertEquals(Map.of("markets", "error", "report", "skipped"), statuses(project));
    assertEquals(markets, DuckDbFile.rows(db, "select * from markets order by 1"));
    assertEquals(List.of("4"), DuckDbFile.rows(db, "select * from report"));
  }

  /** DuckDB opens a CSV named as a database as a throw-away in-memory one: refused. */
  @Test
  void aProfilePathNamingACsvFileIsRefused() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("notadb.csv", "a,b\n1,2\n")
        .file("profiles.yml", """
            shop:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: notadb.csv
            """)
        .file("models/one.sql", "{{ config(materialized='table') }}\nselect 1 as x\n");
    byte[] before = Files.readAllBytes(project.path("notadb.csv"));

    for (String command : List.of("debug", "build", "run", "seed")) {
      mds(command, "--project-dir", project.dir()).assertProjectError("profiles.yml",
          "notadb.csv", "is not a DuckDB database file");
    }
    assertArrayEquals(before, Files.readAllBytes(project.path("notadb.csv")));
    assertFalse(Files.exists(project.path("target/run_results.json"))
        && Files.readString(project.path("target/run_results.json")).contains("success"));
  }

  @Test
  void anAttachPathNamingACsvFileIsRefused() {
    TempProject project = TempProject.named(dir, "shop")
        .file("raw.csv", "a,b\n1,2\n")
        .file("profiles.yml", """
            shop:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: shop.duckdb
                  attach:
                    - path: raw.csv
                      alias: raw
            """);

    mds("debug", "--project-dir", project.dir()).assertProjectError("profiles.yml",
        "attach 'raw' path", "raw.csv", "is not a DuckDB database file");
  }

  /**
   * What a killed export leaves beside its file ({@code .orders.parquet.mds-new-PID}, a file, or
   * a folder when partitioned) is never read by a glob source, and the next export removes it.
   */
  @Test
  void exportLeftoversAreNeverReadByAGlobSourceAndTheNextRunRemovesThem() throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/orders.csv", "id,market\n1,UK\n2,DE\n")
        .file("models/orders_export.sql", """
            {{ config(materialized='external', location='out/orders.parquet') }}
            select * from {{ ref('orders') }}
            """)
        .file("models/by_market_export.sql", """
            {{ config(materialized='external', location='out/by_market.parquet',
                      partition_by=['market']) }}
            select * from {{ ref('orders') }}
            """)
        .file("models/sources.yml", """
            sources:
              - name: exports
                tables:
                  - name: flat
                    config:
                      location: 'out/*'
                      format: parquet
                  - name: nested
                    config:
                      location: 'out/*/*/*.parquet'
            """)
        .file("models/flat_copy.sql", """
            {{ config(materialized='table') }}
            select id, market from {{ source('exports', 'flat') }}
            """)
        .file("models/nested_copy.sql", """
            {{ config(materialized='table') }}
            select id from {{ source('exports', 'nested') }}
            """);
    mds("build", "--project-dir", project.dir(), "-s", "orders", "orders_export",
        "by_market_export")
        .assertOk();
    Path out = project.path("out");
    long dead = deadPid();
    // As a kill leaves them: a whole staging file and a partitioned staging folder.
    parquet("select 99 as id, 'XX' as market", out.resolve(".orders.parquet.mds-new-" + dead),
        "");
    parquet("select 98 as id, 'YY' as market",
        out.resolve(".by_market.parquet.mds-new-" + dead), ", partition_by (market)");

    mds("run", "--project-dir", project.dir(), "-s", "flat_copy", "nested_copy").assertOk();

    Path db = project.path("shop.duckdb");
    assertEquals(List.of("1|UK", "2|DE"),
        DuckDbFile.rows(db, "select * from flat_copy order by id"));
    assertEquals(List.of("1", "2"), DuckDbFile.rows(db, "select * from nested_copy order by id"));

    mds("run", "--project-dir", project.dir()).assertOk();

    try (Stream<Path> list = Files.list(out)) {
      assertEquals(List.of("by_market.parquet", "orders.parquet"),
          list.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  /** The id of a process that has ended, as a killed build's is. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  private static void parquet(String select, Path file, String options) throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement()) {
      st.execute("copy (" + select + ") to '" + file + "' (format parquet" + options + ")");
    }
  }
}
