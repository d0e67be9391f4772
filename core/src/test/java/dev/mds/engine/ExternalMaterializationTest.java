package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.graph.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code materialized: external}: files for BI tools, replaced only by complete new files. */
class ExternalMaterializationTest {

  private static final String SUMMARY = "select * from (values ('DE', 'Müller GmbH', 1234.5),"
      + " ('IT', 'Rossi', 12.25), ('UK', 'Smith; Sons', 7.0)) t(market, customer, revenue)";

  @TempDir
  Path dir;
  private Path project;
  private WarehouseFixture db;

  @BeforeEach
  void open() throws IOException {
    project = Files.createDirectories(dir.resolve("project"));
    db = new WarehouseFixture(dir);
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void parquetExportWritesTheFileAndAViewOverIt() throws Exception {
    Model model = external("summary", Map.of("location", "exports/summary.parquet"));

    BuildResult result = build(model, SUMMARY);

    Path file = project.resolve("exports/summary.parquet");
    assertEquals("EXPORT 3", result.message());
    assertTrue(Files.isRegularFile(file));
    assertEquals(List.of("DE|Müller GmbH|1234.50", "IT|Rossi|12.25", "UK|Smith; Sons|7.00"),
        db.rows("select * from read_parquet('" + file + "') order by 1"));
    assertEquals(List.of("VIEW"), db.rows("select table_type from information_schema.tables"
        + " where table_name = 'summary'"));
    assertEquals(List.of("3"), db.rows("select count(*) from main.summary"));
    assertEquals(List.of("summary.parquet"), list(file.getParent()));
  }

  @Test
  void withoutLocationTheFileGoesToExportsInTheProject() throws Exception {
    build(external("daily", Map.of()), SUMMARY);

    assertTrue(Files.isRegularFile(project.resolve("exports/daily.parquet")));
  }

  @Test
  void csvExportUsesTheConfiguredDelimiterAndUtf8() throws Exception {
    Model model = external("summary", Map.of("location", "exports/summary.csv", "format", "csv",
        "delimiter", ";"));

    build(model, SUMMARY + " order by market");

    Path file = project.resolve("exports/summary.csv");
    assertEquals("market;customer;revenue\nDE;Müller GmbH;1234.50\nIT;Rossi;12.25\n"
        + "UK;\"Smith; Sons\";7.00\n", Files.readString(file, StandardCharsets.UTF_8));
    assertEquals(List.of("DE|Müller GmbH", "IT|Rossi", "UK|Smith; Sons"),
        db.rows("select market, customer from main.summary order by 1"));
  }

  @Test
  void csvIsTheFormatWhenTheLocationEndsInCsv() throws Exception {
    build(external("summary", Map.of("location", "out/summary.csv")), SUMMARY);

    assertTrue(Files.readString(project.resolve("out/summary.csv")).startsWith(
        "market,customer,revenue\n"));
  }

  @Test
  void partitionByWritesOneFolderPerValueAndTheViewReadsThemAll() throws Exception {
    Model model = external("by_market", Map.of("location", "exports/by_market",
        "partition_by", List.of("market")));

    BuildResult result = build(model, SUMMARY);

    Path folder = project.resolve("exports/by_market");
    assertEquals("EXPORT 3", result.message());
    assertEquals(List.of("market=DE", "market=IT", "market=UK"), list(folder));
    assertEquals(List.of("DE|Müller GmbH", "IT|Rossi", "UK|Smith; Sons"),
        db.rows("select market, customer from main.by_market order by 1"));
  }

  @Test
  void partitionedExportIsReplacedWholeWithNothingLeftBeside() throws Exception {
    Model model = external("by_market", Map.of("location", "exports/by_market",
        "partition_by", List.of("market")));
    build(model, SUMMARY);

    build(model, "select 'JP' as market, 'Tanaka' as customer, 3.0 as revenue");

    assertEquals(List.of("market=JP"), list(project.resolve("exports/by_market")));
    assertEquals(List.of("by_market"), list(project.resolve("exports")));
    assertEquals(List.of("JP|Tanaka"), db.rows("select market, customer from main.by_market"));
  }

  @Test
  void compressionIsPassedToTheWriter() throws Exception {
    build(external("summary", Map.of("location", "exports/summary.parquet",
        "compression", "zstd")), SUMMARY);

    assertEquals(List.of("ZSTD"), db.rows("select distinct compression from parquet_metadata('"
        + project.resolve("exports/summary.parquet") + "')"));
  }

  @Test
  void downstreamModelReadsTheExportedFile() throws Exception {
    build(external("summary", Map.of("location", "exports/summary.parquet")), SUMMARY);

    Model downstream = WarehouseFixture.model("top_market", Map.of("materialized", "table"));
    db.build(downstream, "select market from main.summary order by revenue desc limit 1");

    assertEquals(List.of("DE"), db.rows("select market from main.top_market"));
    assertTrue(db.rows("select sql from duckdb_views() where view_name = 'summary'").get(0)
        .contains("summary.parquet"));
  }

  @Test
  void emptyResultFailsAndKeepsThePreviousFile() throws Exception {
    Model model = external("summary", Map.of("location", "exports/summary.parquet"));
    build(model, SUMMARY);
    Path file = project.resolve("exports/summary.parquet");
    byte[] before = Files.readAllBytes(file);

    MdsException e = assertThrows(MdsException.class,
        () -> build(model, SUMMARY + " where market = 'FR'"));

    assertEquals("models/summary.sql: export to exports/summary.parquet failed, the previous file"
        + " is unchanged: the query returned no rows (set allow_empty: true if that is fine)",
        e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of("summary.parquet"), list(file.getParent()));
    assertEquals(List.of("3"), db.rows("select count(*) from main.summary"));
  }

  @Test
  void emptyResultIsWrittenWhenAllowed() throws Exception {
    Model model = external("summary", Map.of("location", "exports/summary.csv",
        "allow_empty", true));
    build(model, SUMMARY);

    BuildResult result = build(model, SUMMARY + " where market = 'FR'");

    assertEquals("EXPORT 0", result.message());
    assertEquals("market,customer,revenue\n", Files.readString(project.resolve(
        "exports/summary.csv")));
  }

  @Test
  void failingQueryKeepsThePreviousFileByteForByte() throws Exception {
    Model model = external("summary", Map.of("location", "exports/summary.csv", "format", "csv",
        "delimiter", ";"));
    build(model, SUMMARY);
    Path file = project.resolve("exports/summary.csv");
    byte[] before = Files.readAllBytes(file);

    MdsException e = assertThrows(MdsException.class, () -> build(model,
        "select market, cast(customer as integer) as customer from (" + SUMMARY + ")"));

    assertTrue(e.getMessage().startsWith("models/summary.sql: export to exports/summary.csv"
        + " failed, the previous file is unchanged: "), e.getMessage());
    assertTrue(e.getMessage().contains("Müller GmbH"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of("summary.csv"), list(file.getParent()));
  }

  @Test
  void failingFirstExportSaysNoFileWasWritten() {
    Model model = external("summary", Map.of("location", "exports/summary.parquet"));

    MdsException e = assertThrows(MdsException.class,
        () -> build(model, "select cast('x' as integer) as n"));

    assertTrue(e.getMessage().startsWith("models/summary.sql: export to exports/summary.parquet"
        + " failed, no file was written: "), e.getMessage());
    assertFalse(Files.exists(project.resolve("exports/summary.parquet")));
  }

  @Test
  void leftoversOfAKilledExportAreRemovedByTheNextOne() throws Exception {
    Model model = external("summary", Map.of("location", "exports/summary.parquet"));
    build(model, SUMMARY);
    Path exports = project.resolve("exports");
    Files.writeString(exports.resolve(".summary.parquet.mds-new-99999"), "half a file");
    Files.createDirectories(exports.resolve(".summary.parquet.mds-old-99998/market=DE"));
    Files.writeString(exports.resolve("other.parquet"), "not ours");

    build(model, SUMMARY);

    assertEquals(List.of("other.parquet", "summary.parquet"), list(exports));
  }

  @Test
  void partitionedExportKilledBetweenItsTwoRenamesGetsItsPreviousFolderBack() throws Exception {
    Model model = external("by_market", Map.of("location", "exports/by_market",
        "partition_by", List.of("market")));
    build(model, SUMMARY);
    Path exports = project.resolve("exports");
    // A folder cannot be swapped in one rename: the old one is moved aside first. A kill right
    // then leaves only the aside copy.
    Files.move(exports.resolve("by_market"), exports.resolve(".by_market.mds-old-99999"));

    MdsException e = assertThrows(MdsException.class,
        () -> build(model, "select 'DE' as market, cast('x' as integer) as revenue"));

    assertTrue(e.getMessage().contains("the previous file is unchanged"), e.getMessage());
    assertEquals(List.of("by_market"), list(exports));
    assertEquals(List.of("market=DE", "market=IT", "market=UK"), list(exports.resolve("by_market")));
  }

  @Test
  void unsupportedFormatIsAnError() {
    MdsException e = assertThrows(MdsException.class, () -> build(external("summary",
        Map.of("location", "exports/summary.xlsx", "format", "xlsx")), SUMMARY));

    assertTrue(e.getMessage().contains("format 'xlsx' is not supported"), e.getMessage());
  }

  private BuildResult build(Model model, String sql) throws SQLException {
    return Materialization.of(model, project).build(db.session, model, sql, false);
  }

  private static Model external(String name, Map<String, Object> config) {
    Map<String, Object> all = new LinkedHashMap<>(config);
    all.put("materialized", "external");
    return WarehouseFixture.model(name, all);
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
