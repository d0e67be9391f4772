package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mds seed} with CSV files as Windows spreadsheets export them. */
class CliSeedTest {

  @TempDir
  Path dir;

  @Test
  void crlfBomAndQuotedFieldsLoadWithoutTrailingCarriageReturns() throws IOException {
    TempProject project = TempProject.named(dir, "shop");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = ("id,customer,note\r\n"
        + "1,\"Rossi, Mario\",first\r\n"
        + "2,Smith,\"line one\r\nline two\"\r\n"
        + "3,Tanaka,last\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, file, 0, bom.length);
    System.arraycopy(body, 0, file, bom.length, body.length);
    Files.createDirectories(project.path("seeds"));
    Files.write(project.path("seeds/customers.csv"), file);

    mds("seed", "--project-dir", project.dir()).assertOk();

    Path db = project.path("shop.duckdb");
    assertEquals(List.of("id", "customer", "note"), DuckDbFile.rows(db, "select column_name"
        + " from information_schema.columns where table_name = 'customers' order by ordinal_position"));
    assertEquals(List.of("1|Rossi, Mario|first", "2|Smith|line one\r\nline two", "3|Tanaka|last"),
        DuckDbFile.rows(db, "select * from customers order by id"));
    assertEquals(List.of("0"), DuckDbFile.rows(db, "select count(*) from customers"
        + " where note like '%' || chr(13) or customer like '%' || chr(13)"));
  }

  @Test
  void columnTypesInSchemaYamlKeepLeadingZeros() {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/shops.csv", "code,zip,name\r\n007,10115,Berlin\r\n042,20095,Hamburg\r\n")
        .file("seeds/schema.yml", """
            seeds:
              - name: shops
                config:
                  column_types: {code: varchar, zip: varchar}
            """);

    mds("seed", "--project-dir", project.dir()).assertOk();

    Path db = project.path("shop.duckdb");
    assertEquals(List.of("007|10115|Berlin", "042|20095|Hamburg"),
        DuckDbFile.rows(db, "select * from shops order by code"));
    assertEquals(List.of("code|VARCHAR", "zip|VARCHAR"), DuckDbFile.rows(db, "select column_name,"
        + " data_type from information_schema.columns where table_name = 'shops'"
        + " and column_name in ('code', 'zip') order by 1"));
  }

  @Test
  void reseedingReplacesTheRows() {
    TempProject project = TempProject.named(dir, "shop").file("seeds/fx.csv", "ccy,rate\nGBP,1.1\n");
    mds("seed", "--project-dir", project.dir()).assertOk();
    project.file("seeds/fx.csv", "ccy,rate\nJPY,0.006\nUSD,0.9\n");

    CliRun run = mds("seed", "--project-dir", project.dir());

    run.assertOk();
    assertEquals(List.of("JPY|0.006", "USD|0.9"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select * from fx order by 1"));
    assertEquals(true, run.out().contains("[INSERT 2 in"), run.describe());
  }

  /**
   * A seed over 1 MiB is hashed again only when its size, time or inode changed, so a rewrite that
   * keeps all three leaves the manifest's checksum as it was; loading the seed reads the file
   * itself every time, and {@code --no-partial-parse} hashes it again.
   */
  @Test
  void aLargeSeedsChecksumComesFromTheLastParseButItsRowsAlwaysFromTheFile() throws Exception {
    TempProject project = TempProject.named(dir, "shop");
    StringBuilder csv = new StringBuilder("id,amount\n");
    int rows = 0;
    while (csv.length() < (1 << 20) + 10_000) {
      rows++;
      csv.append(rows).append(",100\n");
    }
    project.file("seeds/big.csv", csv.toString());
    Path seed = project.path("seeds/big.csv");
    java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(1, java.time.temporal.ChronoUnit.HOURS));
    Files.setLastModifiedTime(seed, hourAgo);
    mds("seed", "--project-dir", project.dir()).assertOk();
    String first = seedChecksum(project);
    assertEquals(true, Files.readString(project.path("target/partial_seeds.json"))
        .contains("seeds/big.csv"));

    // Same size, same inode, time put back: the cache cannot see this change.
    try (var channel = Files.newByteChannel(seed, java.nio.file.StandardOpenOption.WRITE)) {
      channel.position("id,amount\n1,".length());
      channel.write(java.nio.ByteBuffer.wrap("999".getBytes(StandardCharsets.US_ASCII)));
    }
    Files.setLastModifiedTime(seed, hourAgo);
    mds("seed", "--project-dir", project.dir()).assertOk();

    assertEquals(first, seedChecksum(project));
    assertEquals(List.of("999|" + rows), DuckDbFile.rows(project.path("shop.duckdb"),
        "select max(amount), count(*) from big"));
    mds("compile", "--no-partial-parse", "--project-dir", project.dir()).assertOk();
    assertEquals(false, first.equals(seedChecksum(project)), "hashed again");
  }

  private static String seedChecksum(TempProject project) throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(project.path("target/manifest.json").toFile())
        .path("nodes").path("seed.shop.big").path("checksum").path("checksum").asText();
  }
}
