package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mds seed} with German ERP exports: dialects, unreadable rows, {@code --show-schema}. */
class CliSeedDialectTest {

  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final String ORDERS = "Bestellnr;Kundennr;Kunde;Datum;Betrag;Währung;PLZ;Notiz\r\n"
      + "70001;00123;Lukas Müller;31.12.2024;1.234,56;€;01067;\"Packstation; bitte klingeln\"\r\n"
      + "70002;00456;Mia Groß;01.02.2024;12,5;€;80331;„Geschenk“\r\n"
      + "70003;10789;Jürgen Weiß;15.03.2024;7,00;€;10115;\r\n";

  @TempDir
  Path dir;

  @Test
  void windows1252SemicolonSeedLoadsExactValues() throws IOException {
    TempProject project = TempProject.named(dir, "shop");
    write(project, "seeds/de_orders.csv", ORDERS.getBytes(CP1252));

    mds("seed", "--project-dir", project.dir()).assertOk();

    Path db = project.path("shop.duckdb");
    assertEquals(List.of(
        "70001|00123|Lukas Müller|2024-12-31|1234.56|€|01067|Packstation; bitte klingeln",
        "70002|00456|Mia Groß|2024-02-01|12.5|€|80331|„Geschenk“",
        "70003|10789|Jürgen Weiß|2024-03-15|7.0|€|10115|null"),
        DuckDbFile.rows(db, "select * from de_orders order by 1"));
    assertEquals(List.of("Bestellnr|BIGINT", "Kundennr|VARCHAR", "Kunde|VARCHAR", "Datum|DATE",
        "Betrag|DOUBLE", "Währung|VARCHAR", "PLZ|VARCHAR", "Notiz|VARCHAR"),
        DuckDbFile.rows(db, "select column_name, data_type from information_schema.columns"
            + " where table_name = 'de_orders' order by ordinal_position"));
  }

  @Test
  void unreadableRowFailsTheSeedNamingFileLineAndColumnAndKeepsTheOldTable() throws IOException {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/schema.yml", """
            seeds:
              - name: lager
                config:
                  column_types: {menge: integer}
            """);
    write(project, "seeds/lager.csv", "sku;menge\r\nA;1\r\nB;2\r\n".getBytes(CP1252));
    mds("seed", "--project-dir", project.dir()).assertOk();
    write(project, "seeds/lager.csv", "sku;menge\r\nA;10\r\nB;zwei\r\nC;30\r\n".getBytes(CP1252));

    CliRun run = mds("seed", "--project-dir", project.dir());

    assertEquals(1, run.exitCode(), run.describe());
    String expected = "seeds/lager.csv:3: column 'menge': ";
    List<String> lines = run.out().lines().filter(l -> l.contains(expected)).toList();
    assertEquals(1, lines.size(), run.describe());
    assertTrue(lines.get(0).contains("\"zwei\""), run.describe());
    assertTrue(lines.get(0).endsWith("or set on_error: skip"), run.describe());
    assertTrue(run.out().contains("ERROR seed \"main\".\"lager\""), run.describe());
    assertFalse(run.out().contains("\tat ") || run.err().contains("\tat "), run.describe());
    JsonNode result = new ObjectMapper().readTree(project.path("target/run_results.json")
        .toFile()).get("results").get(0);
    assertEquals("error", result.get("status").asText());
    assertTrue(result.get("message").asText().startsWith(expected), result.toString());
    assertEquals(List.of("A|1", "B|2"),
        DuckDbFile.rows(project.path("shop.duckdb"), "select * from lager order by 1"));
  }

  @Test
  void onErrorSkipLoadsTheRestAndReportsTheSkippedRowCount() throws IOException {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/schema.yml", """
            seeds:
              - name: lager
                config:
                  column_types: {menge: integer}
                  on_error: skip
            """);
    write(project, "seeds/lager.csv",
        "sku;menge\r\nA;1\r\nB;zwei\r\nC;3\r\nD;vier;fünf\r\nE;5\r\n".getBytes(CP1252));

    CliRun run = mds("seed", "--project-dir", project.dir()).assertOk();

    assertTrue(run.out().lines().anyMatch(l -> l.contains("OK seed \"main\".\"lager\"")
        && l.contains("[INSERT 3 (skipped 2 unreadable rows) in")), run.describe());
    assertEquals(List.of("A|1", "C|3", "E|5"),
        DuckDbFile.rows(project.path("shop.duckdb"), "select * from lager order by 1"));
  }

  @Test
  void showSchemaPrintsEncodingDelimiterAndEachColumnsTypeAndConversion() throws IOException {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/schema.yml", """
            seeds:
              - name: de_orders
                config:
                  column_types: {Bestellnr: varchar}
            """);
    write(project, "seeds/de_orders.csv", ORDERS.getBytes(CP1252));
    write(project, "seeds/uk_stock.csv", "sku\tqty\nA\t1\n".getBytes(StandardCharsets.UTF_8));

    CliRun run = mds("seed", "--show-schema", "--project-dir", project.dir()).assertOk();

    List<String> lines = run.out().lines().map(String::stripTrailing).toList();
    int de = lines.indexOf("seeds/de_orders.csv: encoding windows-1252, delimiter ';'");
    assertTrue(de >= 0, run.describe());
    assertEquals(List.of(
        "column    | type    | how",
        "----------+---------+-------------------------------",
        "Bestellnr | VARCHAR | column_types",
        "Kundennr  | VARCHAR | leading zeros kept as text",
        "Kunde     | VARCHAR |",
        "Datum     | DATE    |",
        "Betrag    | DOUBLE  | decimal comma (1.234,56 style)",
        "Währung   | VARCHAR |",
        "PLZ       | VARCHAR | leading zeros kept as text",
        "Notiz     | VARCHAR |"), lines.subList(de + 1, de + 11));
    assertTrue(lines.contains("seeds/uk_stock.csv: encoding UTF-8, delimiter '\\t'"),
        run.describe());
    assertFalse(Files.exists(project.path("shop.duckdb")), "--show-schema loaded something");
  }

  private static void write(TempProject project, String relative, byte[] content)
      throws IOException {
    Files.createDirectories(project.path(relative).getParent());
    Files.write(project.path(relative), content);
  }
}
