package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mds.MdsException;
import dev.mds.graph.Seed;
import java.io.IOException;
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

/** Seed CSVs as spreadsheets export them, loaded into DuckDB. */
class SeedLoaderTest {

  @TempDir
  Path dir;
  private WarehouseFixture db;

  @BeforeEach
  void open() {
    db = new WarehouseFixture(dir);
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void crlfBomAndQuotedFieldsLoadWithoutStrayCharacters() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String text = "code,name,city\r\n"
        + "1,\"Smith, Jane\",London\r\n"
        + "2,\"two\r\nlines\",Milano\r\n";
    Path csv = write("people.csv", bom, text);
    Seed seed = WarehouseFixture.seed("people", Map.of());

    BuildResult result = new SeedLoader(new CsvInspector(dir.resolve("csv-cache"))).load(db.session, seed, csv);

    assertEquals("INSERT 2", result.message());
    assertEquals(List.of("code", "name", "city"), db.rows(
        "select column_name from information_schema.columns where table_name = 'people'"
            + " order by ordinal_position"));
    assertEquals(List.of("1|Smith, Jane|London", "2|two\r\nlines|Milano"),
        db.rows("select code, name, city from main.people order by code"));
    assertEquals(List.of("0"), db.rows(
        "select count(*) from main.people where city like '%' || chr(13)"));
  }

  @Test
  void columnTypesKeepLeadingZeros() throws Exception {
    Path csv = write("shops.csv", new byte[0], "code,name\n007,Bond Street\n042,Via Roma\n");

    new SeedLoader(new CsvInspector(dir.resolve("csv-cache"))).load(db.session, WarehouseFixture.seed("shops",
        Map.of("column_types", Map.of("code", "varchar"))), csv);

    assertEquals(List.of("007", "042"), db.rows("select code from main.shops order by code"));
    assertEquals(List.of("VARCHAR"), db.rows("select data_type from information_schema.columns"
        + " where table_name = 'shops' and column_name = 'code'"));
  }

  @Test
  void columnTypesOverrideTheInferredType() throws Exception {
    Path csv = write("shops.csv", new byte[0], "code,name\n10,Bond Street\n20,Via Roma\n");
    new SeedLoader(new CsvInspector(dir.resolve("csv-cache"))).load(db.session, WarehouseFixture.seed("inferred", Map.of()), csv);

    new SeedLoader(new CsvInspector(dir.resolve("csv-cache"))).load(db.session, WarehouseFixture.seed("typed",
        Map.of("column_types", Map.of("code", "varchar"))), csv);

    assertEquals(List.of("inferred|BIGINT", "typed|VARCHAR"), db.rows("select table_name,"
        + " data_type from information_schema.columns where column_name = 'code' order by 1"));
  }

  @Test
  void delimiterConfigReadsSemicolonFiles() throws Exception {
    Path csv = write("prices.csv", new byte[0], "sku;price\nA;1.5\nB;2\n");

    new SeedLoader(new CsvInspector(dir.resolve("csv-cache"))).load(db.session, WarehouseFixture.seed("prices", Map.of("delimiter", ";")), csv);

    assertEquals(List.of("A|1.5", "B|2.0"), db.rows("select sku, price from main.prices order by 1"));
  }

  @Test
  void reloadingReplacesTheRowsAndABrokenFileKeepsTheOldOnes() throws Exception {
    Seed seed = WarehouseFixture.seed("shops", Map.of());
    new SeedLoader(new CsvInspector(dir.resolve("csv-cache"))).load(db.session, seed, write("shops.csv", new byte[0], "id\n1\n2\n"));
    new SeedLoader(new CsvInspector(dir.resolve("csv-cache"))).load(db.session, seed, write("shops.csv", new byte[0], "id\n3\n"));
    assertEquals(List.of("3"), db.rows("select id from main.shops"));

    Path missing = dir.resolve("gone.csv");
    // A file that is not there is the user's to fix: an MdsException naming the seed file.
    MdsException e = assertThrows(MdsException.class,
        () -> new SeedLoader(new CsvInspector(dir.resolve("csv-cache"))).load(db.session, seed, missing));

    assertEquals(true, e.getMessage().startsWith("seeds/shops.csv"), e.getMessage());
    assertEquals(List.of("3"), db.rows("select id from main.shops"));
  }

  private Path write(String name, byte[] prefix, String text) throws IOException {
    Path csv = dir.resolve(name);
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(body, 0, all, prefix.length, body.length);
    Files.write(csv, all);
    return csv;
  }
}
