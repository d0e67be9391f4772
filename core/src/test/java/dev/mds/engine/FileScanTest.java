package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.project.NodeConfig;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources that live in files: the SQL {@link FileScan} writes, run against real files. */
class FileScanTest {

  private static final Charset CP1252 = Charset.forName("windows-1252");

  @TempDir
  Path dir;
  private Path project;
  private WarehouseFixture db;
  private CsvInspector inspector;

  @BeforeEach
  void open() throws IOException {
    project = Files.createDirectories(dir.resolve("project"));
    db = new WarehouseFixture(dir);
    inspector = new CsvInspector(project.resolve("target/csv_cache"));
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void parquetGlobRelativeToTheProjectReadsEveryFile() throws Exception {
    Files.createDirectories(project.resolve("data/erp/orders"));
    copyToParquet("select 1 as id, 'DE' as market union all select 2, 'IT'",
        "data/erp/orders/2024_01.parquet");
    copyToParquet("select 3 as id, 'UK' as market", "data/erp/orders/2024_02.parquet");
    copyToParquet("select 4 as id, 'JP' as market", "data/erp/orders/sub/2024_03.parquet");

    String sql = scan(Map.of("location", "data/erp/orders/*.parquet"));

    assertEquals(List.of("1|DE", "2|IT", "3|UK"),
        db.rows("select id, market from " + sql + " order by id"));
  }

  @Test
  void aRemoteLocationIsLeftToDuckDbWithoutListingIt() {
    assertEquals("(select * from read_parquet('s3://bucket/sales/*.parquet', union_by_name = true))",
        scan(Map.of("location", "s3://bucket/sales/*.parquet")));
    assertEquals("(select * from read_csv('https://example.com/a.csv'))",
        scan(Map.of("location", "https://example.com/a.csv")));
  }

  @Test
  void aRelativeLocationNotBelowTheProjectIsLookedForInTheWorkingFolderAsDbtDuckdbDoes()
      throws Exception {
    // The tests run in the module folder: a file below its target/ stands for data next to the
    // folder mds was started in (dbt build --project-dir sub/ from a repository's root).
    Path file = Path.of("target/filescan-working-folder/returns.csv").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "id,qty\n1,2\n");
    String sql = scan(Map.of("location", "target/filescan-working-folder/returns.csv"));
    assertEquals(List.of("1|2"), db.rows("select id, qty from " + sql));
    MdsException missing = assertThrows(MdsException.class,
        () -> scan(Map.of("location", "nowhere/returns.csv")));
    assertTrue(missing.getMessage().contains("matches no files"), missing.getMessage());
  }

  @Test
  void parquetFilesWithDifferentColumnsAreUnitedByName() throws Exception {
    Files.createDirectories(project.resolve("data"));
    copyToParquet("select 1 as id, 'DE' as market", "data/a.parquet");
    copyToParquet("select 'IT' as market, 2 as id, 9.5 as refund", "data/b.parquet");

    String sql = scan(Map.of("location", "data/*.parquet"));

    assertEquals(List.of("1|DE|null", "2|IT|9.5"),
        db.rows("select id, market, refund from " + sql + " order by id"));
  }

  @Test
  void absoluteLocationIsUsedAsWritten() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("share"));
    db.session.execute("copy (select 7 as id) to '" + elsewhere.resolve("x.parquet") + "'");

    String sql = scan(Map.of("location", elsewhere.resolve("x.parquet").toString()));

    assertEquals(List.of("7"), db.rows("select id from " + sql));
  }

  @Test
  void csvGlobOverWindowsExportsReadsEveryFileWithItsDialect() throws Exception {
    write("data/de/orders_2024_01.csv", ("nr;kunde;betrag;plz\r\n"
        + "1;Lukas Müller;1.234,56;01067\r\n"
        + "2;Mia Groß;12,5;80331\r\n").getBytes(CP1252));
    write("data/de/orders_2024_02.csv", ("nr;kunde;betrag;plz\r\n"
        + "3;Jürgen Weiß;7,00;10115\r\n").getBytes(CP1252));
    write("data/de/orders_2024_03.csv", ("nr;kunde;betrag;plz\r\n"
        + "4;„Café“ €;0,99;04109\r\n").getBytes(CP1252));

    String sql = scan(Map.of("location", "data/de/*.csv"));

    assertEquals(List.of("1|Lukas Müller|1234.56|01067", "2|Mia Groß|12.5|80331",
        "3|Jürgen Weiß|7.0|10115", "4|„Café“ €|0.99|04109"),
        db.rows("select nr, kunde, betrag, plz from " + sql + " order by nr"));
  }

  @Test
  void csvGlobDetectsTheEncodingOfEachFile() throws Exception {
    // January happens to hold no umlaut (so it is plain ASCII); February is Windows-1252.
    write("data/de/orders_2024_01.csv", "nr;kunde\r\n1;Smith\r\n".getBytes(CP1252));
    write("data/de/orders_2024_02.csv", "nr;kunde\r\n2;Müller\r\n".getBytes(CP1252));
    write("data/de/orders_2024_03.csv", "nr;kunde\r\n3;Groß\r\n".getBytes(StandardCharsets.UTF_8));

    String sql = scan(Map.of("location", "data/de/*.csv"));

    assertEquals(List.of("1|Smith", "2|Müller", "3|Groß"),
        db.rows("select nr, kunde from " + sql + " order by nr"));
  }

  @Test
  void csvDialectKeysInTheSourceConfigAreUsed() throws Exception {
    write("data/x.txt", "id|betrag\n1|1,5\n2|2,25\n".getBytes(StandardCharsets.UTF_8));

    String sql = scan(Map.of("location", "data/x.txt", "format", "csv", "delimiter", "|",
        "column_types", Map.of("betrag", "decimal(6,2)")));

    assertEquals(List.of("1|1.50", "2|2.25"), db.rows("select id, betrag from " + sql + " order by id"));
  }

  @Test
  void jsonFileIsRead() throws Exception {
    write("data/returns.json", """
        [{"order_no": 70001, "market": "DE", "reason": "zu groß"},
         {"order_no": 70002, "market": "IT", "reason": "danneggiato"}]
        """.getBytes(StandardCharsets.UTF_8));

    String sql = scan(Map.of("location", "data/returns.json"));

    assertEquals(List.of("70001|DE|zu groß", "70002|IT|danneggiato"),
        db.rows("select order_no, market, reason from " + sql + " order by 1"));
  }

  @Test
  void newlineDelimitedJsonGlobIsRead() throws Exception {
    write("data/events/a.ndjson", "{\"id\": 1}\n{\"id\": 2}\n".getBytes(StandardCharsets.UTF_8));
    write("data/events/b.ndjson", "{\"id\": 3}\n".getBytes(StandardCharsets.UTF_8));

    String sql = scan(Map.of("location", "data/events/*.ndjson"));

    assertEquals(List.of("3"), db.rows("select count(*) from " + sql));
  }

  @Test
  void locationMatchingNoFilesIsAnErrorNamingTheSourceFileAndPattern() {
    MdsException e = assertThrows(MdsException.class,
        () -> scan(Map.of("location", "data/missing/*.parquet")));

    assertEquals("models/sources.yml: location 'data/missing/*.parquet' matches no files",
        e.getMessage());
  }

  @Test
  void missingSingleFileIsTheSameError() {
    MdsException e = assertThrows(MdsException.class,
        () -> scan(Map.of("location", "data/nope.csv")));

    assertEquals("models/sources.yml: location 'data/nope.csv' matches no files", e.getMessage());
  }

  @Test
  void unknownFormatAsksForFormat() throws Exception {
    write("data/blob.bin", new byte[] {1, 2, 3});

    MdsException e = assertThrows(MdsException.class, () -> scan(Map.of("location", "data/blob.bin")));

    assertTrue(e.getMessage().contains("set format: parquet, csv or json"), e.getMessage());
  }

  private String scan(Map<String, Object> config) {
    return FileScan.sql(NodeConfig.empty().merge(config), project, inspector, "models/sources.yml");
  }

  private void copyToParquet(String select, String relative) throws SQLException, IOException {
    Path target = project.resolve(relative);
    Files.createDirectories(target.getParent());
    db.session.execute("copy (" + select + ") to '" + target + "' (format parquet)");
  }

  private void write(String relative, byte[] content) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }
}
