package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example project's real-world files: the German shop's Windows-1252 ERP seed, the Parquet
 * returns folder read as a source, and the CSV export for the BI tool.
 */
class CliExampleFilesTest {

  @TempDir
  Path dir;

  @Test
  void germanSeedParquetSourceAndBiExportWorkInTheExampleProject() throws IOException {
    Path copy = dir.resolve("example-project");
    for (String part : List.of("mds_project.yml", "packages.yml", "seeds", "models", "macros",
        "tests", "data")) {
      Path from = exampleProject().resolve(part);
      if (Files.isDirectory(from)) {
        TempProject.copy(from, copy.resolve(part));
      } else {
        Files.createDirectories(copy);
        Files.copy(from, copy.resolve(part));
      }
    }
    byte[] seedBytes = Files.readAllBytes(copy.resolve("seeds/de_shop_orders.csv"));
    // The fixture really is Windows-1252: 'ü' is the single byte 0xFC, '€' is 0x80.
    assertTrue(indexOf(seedBytes, (byte) 0xFC) > 0 && indexOf(seedBytes, (byte) 0x80) > 0);

    mds("build", "--project-dir", copy.toString()).assertOk();

    Path db = copy.resolve("retail.duckdb");
    assertEquals(List.of(
        "70001|1001|Lukas Müller|2024-03-03|1234.56|€|01067|Lieferung an Packstation; bitte klingeln",
        "70003|1003|Jürgen Weiß|2024-03-05|12.5|€|00123|null"),
        DuckDbFile.rows(db, "select * from de_shop_orders where Bestellnr in (70001, 70003)"
            + " order by 1"));
    String files = "'" + copy.resolve("data/erp/returns") + "/*.parquet'";
    assertEquals(DuckDbFile.rows(db, "select count(*) from read_parquet(" + files + ")"),
        DuckDbFile.rows(db, "select count(*) from stg_returns"));
    String export = Files.readString(copy.resolve("exports/market_summary.csv"),
        StandardCharsets.UTF_8);
    assertTrue(export.startsWith("market;country;orders;revenue_eur;returns\n"), export);
    assertEquals(DuckDbFile.rows(db, "select count(*) from market_summary").get(0),
        String.valueOf(export.lines().count() - 1));
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The example project: {@code ../example-project} under Maven (working dir cli/). */
  private static Path exampleProject() {
    for (Path candidate : List.of(Path.of("..", "example-project"), Path.of("example-project"))) {
      if (Files.isRegularFile(candidate.resolve("mds_project.yml"))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new AssertionError("example-project not found from " + Path.of("").toAbsolutePath());
  }
}
