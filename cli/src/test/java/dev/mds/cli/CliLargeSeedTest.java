package dev.mds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10-million-row Windows-1252 export (';', decimal commas, German dates, postcodes) seeds in a
 * JVM limited to 256 MB of heap: the file is streamed, never held in memory.
 */
class CliLargeSeedTest {

  static final int ROWS = 10_000_000;
  private static final String[] CUSTOMERS = {"Lukas Müller", "Mia Groß", "Jürgen Weiß",
      "„Café“ Köln", "Smith €"};

  @TempDir
  Path dir;

  @Test
  @Timeout(300)
  void tenMillionRowWindows1252SeedLoadsWithA256MegabyteHeap() throws Exception {
    TempProject project = TempProject.named(dir, "big");
    long centsTotal = writeOrders(project.path("seeds/orders.csv"), ROWS);

    long start = System.nanoTime();
    try (JavaProcess seed = JavaProcess.start(dir, List.of("-Xmx256m"), Mds.class, "seed",
        "--project-dir", project.dir())) {
      assertTrue(seed.process.waitFor(280, TimeUnit.SECONDS), "still running:\n" + seed.output());
      seed.awaitLine("Done.", 10);
      assertEquals(0, seed.process.exitValue(), seed.output());
      assertTrue(seed.output().contains("[INSERT " + ROWS + " in"), seed.output());
    }
    System.out.printf("seeded %,d rows with -Xmx256m in %.1f s%n", ROWS,
        (System.nanoTime() - start) / 1e9);

    Path db = project.path("big.duckdb");
    assertEquals(List.of(ROWS + "|" + centsTotal), DuckDbFile.rows(db,
        "select count(*), sum(cast(round(Betrag * 100) as bigint)) from orders"));
    assertEquals(List.of("1|Mia Groß|79.19|01001|2024-02-02",
        "3|„Café“ Köln|237.57|01003|2024-04-04",
        "200|Lukas Müller|15838.0|01200|2024-09-05",
        "9999999|Smith €|99920.81|04999|2024-04-24"),
        DuckDbFile.rows(db, "select * from orders where Bestellnr in (1, 3, 200, 9999999)"
            + " order by 1"));
    assertEquals(List.of("Bestellnr|BIGINT", "Kunde|VARCHAR", "Betrag|DOUBLE", "PLZ|VARCHAR",
        "Datum|DATE"), DuckDbFile.rows(db, "select column_name, data_type"
            + " from information_schema.columns where table_name = 'orders'"
            + " order by ordinal_position"));
  }

  /**
   * Writes {@code rows} orders such as {@code 200;Lukas Müller;15.838,00;01200;05.09.2024} in
   * Windows-1252 with CRLF; returns the sum of the amounts in cents.
   */
  static long writeOrders(Path file, int rows) throws IOException {
    Files.createDirectories(file.getParent());
    long total = 0;
    try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
        Charset.forName("windows-1252")), 1 << 16)) {
      w.write("Bestellnr;Kunde;Betrag;PLZ;Datum\r\n");
      StringBuilder line = new StringBuilder(64);
      for (int i = 1; i <= rows; i++) {
        long cents = (i * 7919L) % 10_000_000;
        total += cents;
        long euros = cents / 100;
        line.setLength(0);
        line.append(i).append(';').append(CUSTOMERS[i % CUSTOMERS.length]).append(';');
        if (euros >= 1000) {
          line.append(euros / 1000).append('.');
          pad(line, euros % 1000, 3);
        } else {
          line.append(euros);
        }
        line.append(',');
        pad(line, cents % 100, 2);
        line.append(';');
        pad(line, 1000 + i % 98_000, 5);
        line.append(';');
        pad(line, i % 28 + 1, 2);
        line.append('.');
        pad(line, i % 12 + 1, 2);
        line.append(".2024\r\n");
        w.append(line);
      }
    }
    return total;
  }

  private static void pad(StringBuilder line, long value, int width) {
    String digits = Long.toString(value);
    for (int k = digits.length(); k < width; k++) {
      line.append('0');
    }
    line.append(digits);
  }
}
