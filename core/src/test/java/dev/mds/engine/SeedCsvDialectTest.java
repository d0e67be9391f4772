package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.graph.Relation;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed files in every dialect real exports arrive in, written byte for byte, loaded into DuckDB
 * and checked value for value.
 */
class SeedCsvDialectTest {

  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};

  @TempDir
  Path dir;
  private WarehouseFixture db;
  private SeedLoader loader;

  @BeforeEach
  void open() {
    db = new WarehouseFixture(dir);
    loader = new SeedLoader(new CsvInspector(dir.resolve("csv-cache")));
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  // --- delimiters -------------------------------------------------------------------------------

  @Test
  void commaFileWithQuotedDelimiterAndLineBreakIsDetected() throws Exception {
    assertDelimiterDetected(",", "id,name,note\n1,\"Smith, Jane\",\"line one\nline two\"\n"
        + "2,Rossi,plain\n3,Tanaka,x\n");
  }

  @Test
  void semicolonFileWithQuotedDelimiterAndLineBreakIsDetected() throws Exception {
    assertDelimiterDetected(";", "id;name;note\n1;\"Smith; Jane\";\"line one\nline two\"\n"
        + "2;Rossi;plain\n3;Tanaka;x\n");
  }

  @Test
  void tabFileWithQuotedDelimiterAndLineBreakIsDetected() throws Exception {
    assertDelimiterDetected("\t", "id\tname\tnote\n1\t\"Smith\t Jane\"\t\"line one\nline two\"\n"
        + "2\tRossi\tplain\n3\tTanaka\tx\n");
  }

  @Test
  void pipeFileWithQuotedDelimiterAndLineBreakIsDetected() throws Exception {
    assertDelimiterDetected("|", "id|name|note\n1|\"Smith| Jane\"|\"line one\nline two\"\n"
        + "2|Rossi|plain\n3|Tanaka|x\n");
  }

  private void assertDelimiterDetected(String delimiter, String text) throws Exception {
    Path csv = write("people.csv", text.getBytes(StandardCharsets.UTF_8));

    CsvLayout layout = loader.layout(WarehouseFixture.seed("people", Map.of()), csv);
    BuildResult result = loader.load(db.session, WarehouseFixture.seed("people", Map.of()), csv);

    assertEquals(delimiter, layout.delimiter());
    assertEquals("INSERT 3", result.message());
    String name = "Smith" + delimiter + " Jane";
    assertEquals(List.of("1#" + name + "#line one\nline two", "2#Rossi#plain", "3#Tanaka#x"),
        db.rows("select id || '#' || name || '#' || note from main.people order by id"));
  }

  @Test
  void delimiterSetInConfigWinsOverDetection() throws Exception {
    // Sniffing sees three ';' columns; the config says the file is '|'-delimited with two.
    Path csv = write("codes.csv", "key;a|label;b\nx;1|one;2\ny;3|two;4\n"
        .getBytes(StandardCharsets.UTF_8));

    loader.load(db.session, WarehouseFixture.seed("codes", Map.of("delimiter", "|")), csv);

    assertEquals(List.of("key;a", "label;b"), columnNames("codes"));
    assertEquals(List.of("x;1|one;2", "y;3|two;4"),
        db.rows("select \"key;a\", \"label;b\" from main.codes order by 1"));
  }

  // --- encodings --------------------------------------------------------------------------------

  private static final String GERMAN = "kunde;notiz\r\n"
      + "Müller;Preis in €\r\n"
      + "Groß;„Geschenk“ und ”Ende”\r\n"
      + "Jürgen Weiß;ä ö ü Ä Ö Ü ß\r\n";
  private static final List<String> GERMAN_ROWS = List.of(
      "Müller|Preis in €",
      "Groß|„Geschenk“ und ”Ende”",
      "Jürgen Weiß|ä ö ü Ä Ö Ü ß");

  @Test
  void utf8WithoutBomKeepsEveryCharacter() throws Exception {
    assertGermanRows(GERMAN.getBytes(StandardCharsets.UTF_8), Map.of(), "UTF-8");
  }

  @Test
  void utf8WithBomKeepsEveryCharacterAndNoBomInTheFirstColumnName() throws Exception {
    assertGermanRows(concat(UTF8_BOM, GERMAN.getBytes(StandardCharsets.UTF_8)), Map.of(), "UTF-8");
  }

  @Test
  void utf16LittleEndianWithBomKeepsEveryCharacter() throws Exception {
    assertGermanRows(concat(UTF16LE_BOM, GERMAN.getBytes(StandardCharsets.UTF_16LE)), Map.of(),
        "UTF-16");
  }

  @Test
  void windows1252IsDetectedAndKeepsEuroSignUmlautsAndCurlyQuotes() throws Exception {
    assertGermanRows(GERMAN.getBytes(CP1252), Map.of(), "windows-1252");
  }

  @Test
  void windows1252SetInConfigIsUsed() throws Exception {
    assertGermanRows(GERMAN.getBytes(CP1252), Map.of("encoding", "cp1252"), "windows-1252");
  }

  @Test
  void latin1SetInConfigIsUsed() throws Exception {
    String text = "kunde;stadt\r\nMüller;München\r\nGroß;Düsseldorf\r\nFrançois;Besançon\r\n";
    Path csv = write("kunden.csv", text.getBytes(StandardCharsets.ISO_8859_1));
    var seed = WarehouseFixture.seed("kunden", Map.of("encoding", "latin-1"));

    assertEquals("ISO-8859-1", loader.layout(seed, csv).encoding());
    loader.load(db.session, seed, csv);

    assertEquals(List.of("François|Besançon", "Groß|Düsseldorf", "Müller|München"),
        db.rows("select kunde, stadt from main.kunden order by kunde"));
  }

  @Test
  void latin1WithoutConfigIsDetectedAndReadRight() throws Exception {
    String text = "kunde;stadt\r\nMüller;München\r\nGroß;Düsseldorf\r\n";
    Path csv = write("kunden.csv", text.getBytes(StandardCharsets.ISO_8859_1));

    loader.load(db.session, WarehouseFixture.seed("kunden", Map.of()), csv);

    assertEquals(List.of("Groß|Düsseldorf", "Müller|München"),
        db.rows("select kunde, stadt from main.kunden order by kunde"));
  }

  private void assertGermanRows(byte[] content, Map<String, Object> config, String encoding)
      throws Exception {
    Path csv = write("kunden.csv", content);
    var seed = WarehouseFixture.seed("kunden", config);

    CsvLayout layout = loader.layout(seed, csv);
    loader.load(db.session, seed, csv);

    assertEquals(encoding, layout.encoding());
    assertEquals(";", layout.delimiter());
    assertEquals(List.of("kunde", "notiz"), columnNames("kunden"));
    assertEquals(GERMAN_ROWS.stream().sorted().toList(),
        db.rows("select kunde, notiz from main.kunden order by kunde"));
    assertEquals(List.of("0"), db.rows("select count(*) from main.kunden"
        + " where notiz like '%' || chr(13) || '%' or kunde like '%' || chr(65279) || '%'"));
  }

  @Test
  void windows1252WhoseFirstMegabyteIsPlainAsciiIsStillReadRight() throws Exception {
    // Encoding is judged from the start of a file; here the first umlaut comes after 2 MB.
    Path csv = dir.resolve("spaet.csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, CP1252)) {
      w.write("nr;name\r\n");
      for (int i = 1; i <= 150_000; i++) {
        w.write(i + ";Smith\r\n");
      }
      w.write("150001;Müller €\r\n");
    }

    loader.load(db.session, WarehouseFixture.seed("spaet", Map.of()), csv);

    assertEquals(List.of("150001|Müller €"), db.rows("select nr, name from main.spaet where nr > 150000"));
  }

  // --- numbers ----------------------------------------------------------------------------------

  @Test
  void decimalCommasInASemicolonFileBecomeNumbersPerColumn() throws Exception {
    Path csv = write("bestellungen.csv", ("nr;betrag;menge;rabatt\r\n"
        + "1;1.234,56;3;0,5\r\n"
        + "2;12,5;10;1\r\n"
        + "3;-7,25;1;0\r\n"
        + "4;1.000.000,00;2;2,75\r\n").getBytes(CP1252));

    loader.load(db.session, WarehouseFixture.seed("bestellungen", Map.of()), csv);

    assertEquals(List.of("1|1234.56|3|0.5", "2|12.5|10|1.0", "3|-7.25|1|0.0",
        "4|1000000.0|2|2.75"),
        db.rows("select nr, betrag, menge, rabatt from main.bestellungen order by nr"));
    assertEquals(List.of("nr|BIGINT", "betrag|DOUBLE", "menge|BIGINT", "rabatt|DOUBLE"),
        columnTypes("bestellungen"));
  }

  @Test
  void semicolonFileWithBothDecimalStylesReadsEachColumnRight() throws Exception {
    Path csv = write("waren.csv", ("nr;betrag;gewicht_kg;menge\r\n"
        + "1;1.234,56;1.5;3\r\n"
        + "2;12,5;0.25;10\r\n").getBytes(CP1252));

    loader.load(db.session, WarehouseFixture.seed("waren", Map.of()), csv);

    assertEquals(List.of("1|1234.56|1.5|3", "2|12.5|0.25|10"),
        db.rows("select nr, betrag, gewicht_kg, menge from main.waren order by nr"));
    assertEquals(List.of("nr|BIGINT", "betrag|DOUBLE", "gewicht_kg|DOUBLE", "menge|BIGINT"),
        columnTypes("waren"));
  }

  @Test
  void decimalCommaColumnWithEmptyCellsKeepsThemNull() throws Exception {
    Path csv = write("rabatte.csv", "nr;rabatt\n1;0,5\n2;\n3;1.000,25\n"
        .getBytes(StandardCharsets.UTF_8));

    loader.load(db.session, WarehouseFixture.seed("rabatte", Map.of()), csv);

    assertEquals(List.of("1|0.5", "2|null", "3|1000.25"),
        db.rows("select nr, rabatt from main.rabatte order by nr"));
  }

  @Test
  void unreadableDecimalCommaValueAfterTheSampleIsNamedByLineAndColumn() throws Exception {
    Path csv = decimalCommasWithOneBadValue("betraege.csv", 25_000, 22_000);

    SQLException e = assertThrows(SQLException.class,
        () -> loader.load(db.session, WarehouseFixture.seed("betraege", Map.of()), csv));

    assertTrue(e.getMessage().startsWith("seeds/betraege.csv:22001: column 'betrag': "),
        e.getMessage());
    assertTrue(e.getMessage().contains("k.A.") || e.getMessage().contains("kA"), e.getMessage());
  }

  @Test
  void unreadableDecimalCommaValueAfterTheSampleIsSkippedWhenAsked() throws Exception {
    Path csv = decimalCommasWithOneBadValue("betraege.csv", 25_000, 22_000);

    BuildResult result = loader.load(db.session, WarehouseFixture.seed("betraege",
        Map.of("on_error", "skip")), csv);

    assertEquals("INSERT 24999 (skipped 1 unreadable row)", result.message());
    assertEquals(List.of("1234.56|0"), db.rows("select max(betrag), count(*) filter"
        + " (where nr = 22000) from main.betraege"));
  }

  private Path decimalCommasWithOneBadValue(String name, int rows, int badRow) throws IOException {
    Path csv = dir.resolve(name);
    try (BufferedWriter w = Files.newBufferedWriter(csv, CP1252)) {
      w.write("nr;betrag;menge\r\n");
      for (int i = 1; i <= rows; i++) {
        w.write(i + ";" + (i == badRow ? "k.A." : i % 2 == 0 ? "1.234,56" : "12,5") + ";" + i
            + "\r\n");
      }
    }
    return csv;
  }

  @Test
  void dotDecimalsInACommaFileStayDotDecimals() throws Exception {
    Path csv = write("prices.csv", "sku,price,qty\nA,1.5,3\nB,1234.56,10\nC,2,1\n"
        .getBytes(StandardCharsets.UTF_8));

    loader.load(db.session, WarehouseFixture.seed("prices", Map.of()), csv);

    assertEquals(List.of("A|1.5|3", "B|1234.56|10", "C|2.0|1"),
        db.rows("select sku, price, qty from main.prices order by sku"));
    assertEquals(List.of("sku|VARCHAR", "price|DOUBLE", "qty|BIGINT"), columnTypes("prices"));
  }

  @Test
  void quotedDecimalCommasInACommaFileAreNotGuessed() throws Exception {
    // In a ',' file a decimal comma is ambiguous: the text is kept for the user to decide.
    Path csv = write("prices.csv", "sku,price\nA,\"1,5\"\nB,\"2,25\"\n"
        .getBytes(StandardCharsets.UTF_8));

    loader.load(db.session, WarehouseFixture.seed("prices", Map.of()), csv);

    assertEquals(List.of("A|1,5", "B|2,25"), db.rows("select sku, price from main.prices order by 1"));
  }

  @Test
  void decimalSeparatorAndThousandsSetInConfigAreUsed() throws Exception {
    Path csv = write("umsatz.csv", "monat|umsatz\n2024-01|1.234,56\n2024-02|12,5\n"
        .getBytes(StandardCharsets.UTF_8));
    var seed = WarehouseFixture.seed("umsatz", Map.of("decimal_separator", ",",
        "thousands", "."));

    loader.load(db.session, seed, csv);

    assertEquals(List.of("2024-01|1234.56", "2024-02|12.5"),
        db.rows("select monat, umsatz from main.umsatz order by 1"));
    assertEquals("DOUBLE", columnTypes("umsatz").get(1).split("\\|")[1]);
  }

  // --- dates ------------------------------------------------------------------------------------

  @Test
  void germanDatesBecomeDates() throws Exception {
    Path csv = write("termine.csv", "nr;datum\n1;31.12.2024\n2;01.02.2024\n"
        .getBytes(StandardCharsets.UTF_8));

    loader.load(db.session, WarehouseFixture.seed("termine", Map.of()), csv);

    assertEquals(List.of("1|2024-12-31", "2|2024-02-01"),
        db.rows("select nr, datum from main.termine order by nr"));
    assertEquals(List.of("nr|BIGINT", "datum|DATE"), columnTypes("termine"));
  }

  @Test
  void isoDatesBecomeDates() throws Exception {
    Path csv = write("termine.csv", "nr,datum\n1,2024-12-31\n2,2024-01-02\n"
        .getBytes(StandardCharsets.UTF_8));

    loader.load(db.session, WarehouseFixture.seed("termine", Map.of()), csv);

    assertEquals(List.of("1|2024-12-31", "2|2024-01-02"),
        db.rows("select nr, datum from main.termine order by nr"));
    assertEquals(List.of("nr|BIGINT", "datum|DATE"), columnTypes("termine"));
  }

  @Test
  void germanAndIsoDatesInOneFileBothBecomeDates() throws Exception {
    // ERP extracts mix them: the business date as printed, the load date as ISO.
    Path csv = write("termine.csv", ("nr;bestelldatum;geladen\n"
        + "1;31.12.2024;2025-01-02\n2;01.02.2024;2024-02-03\n").getBytes(StandardCharsets.UTF_8));

    loader.load(db.session, WarehouseFixture.seed("termine", Map.of()), csv);

    assertEquals(List.of("1|2024-12-31|2025-01-02", "2|2024-02-01|2024-02-03"),
        db.rows("select nr, bestelldatum, geladen from main.termine order by nr"));
    assertEquals(List.of("nr|BIGINT", "bestelldatum|DATE", "geladen|DATE"),
        columnTypes("termine"));
  }

  @Test
  void dateFormatSetInConfigIsUsed() throws Exception {
    Path csv = write("termine.csv", "nr;datum\n1;12/31/2024\n2;02/01/2024\n"
        .getBytes(StandardCharsets.UTF_8));

    loader.load(db.session, WarehouseFixture.seed("termine",
        Map.of("date_format", "%m/%d/%Y")), csv);

    assertEquals(List.of("1|2024-12-31", "2|2024-02-01"),
        db.rows("select nr, datum from main.termine order by nr"));
  }

  // --- identifiers that look like numbers -------------------------------------------------------

  @Test
  void leadingZerosAndPostcodesKeepTheirText() throws Exception {
    Path csv = write("kunden.csv", ("kundennr;plz;menge\r\n"
        + "00123;01067;0\r\n"
        + "00456;80331;7\r\n"
        + "10789;10115;12\r\n").getBytes(CP1252));

    loader.load(db.session, WarehouseFixture.seed("kunden", Map.of()), csv);

    assertEquals(List.of("00123|01067|0", "00456|80331|7", "10789|10115|12"),
        db.rows("select kundennr, plz, menge from main.kunden order by kundennr"));
    assertEquals(List.of("kundennr|VARCHAR", "plz|VARCHAR", "menge|BIGINT"),
        columnTypes("kunden"));
  }

  @Test
  void columnTypesOverrideLeadingZeroDetection() throws Exception {
    Path csv = write("kunden.csv", "kundennr;name\n00123;A\n00456;B\n"
        .getBytes(StandardCharsets.UTF_8));

    loader.load(db.session, WarehouseFixture.seed("kunden",
        Map.of("column_types", Map.of("kundennr", "integer"))), csv);

    assertEquals(List.of("123|A", "456|B"), db.rows("select kundennr, name from main.kunden order by 1"));
    assertEquals("kundennr|INTEGER", columnTypes("kunden").get(0));
  }

  @Test
  void columnTypesOverrideDecimalCommaDetectionWithTheirOwnType() throws Exception {
    Path csv = write("preise.csv", "sku;preis;text\nA;1.234,56;1,5\nB;12,5;2,25\n"
        .getBytes(StandardCharsets.UTF_8));

    loader.load(db.session, WarehouseFixture.seed("preise",
        Map.of("column_types", Map.of("preis", "decimal(12,2)", "text", "varchar"))), csv);

    assertEquals(List.of("A|1234.56|1,5", "B|12.50|2,25"),
        db.rows("select sku, preis, text from main.preise order by sku"));
    assertEquals(List.of("sku|VARCHAR", "preis|DECIMAL(12,2)", "text|VARCHAR"),
        columnTypes("preise"));
  }

  @Test
  void columnTypesOverrideTypesDuckDbWouldInfer() throws Exception {
    Path csv = write("mix.csv", "a,b,c\n1,2024-01-31,3.5\n2,2024-02-29,4\n"
        .getBytes(StandardCharsets.UTF_8));

    loader.load(db.session, WarehouseFixture.seed("mix", Map.of("column_types",
        Map.of("a", "varchar", "B", "varchar", "c", "decimal(5,1)"))), csv);

    assertEquals(List.of("a|VARCHAR", "b|VARCHAR", "c|DECIMAL(5,1)"), columnTypes("mix"));
    assertEquals(List.of("1|2024-01-31|3.5", "2|2024-02-29|4.0"),
        db.rows("select a, b, c from main.mix order by a"));
  }

  // --- line endings -----------------------------------------------------------------------------

  @Test
  void crlfAndBomLeaveNoTraceInNamesOrValues() throws Exception {
    Path csv = write("orte.csv", concat(UTF8_BOM, ("id;ort;plz\r\n1;Köln;50667\r\n2;Wien;1010\r\n")
        .getBytes(StandardCharsets.UTF_8)));

    loader.load(db.session, WarehouseFixture.seed("orte", Map.of()), csv);

    assertEquals(List.of("id", "ort", "plz"), columnNames("orte"));
    assertEquals(List.of("1|Köln|50667", "2|Wien|1010"),
        db.rows("select id, ort, plz from main.orte order by id"));
    assertEquals(List.of("BIGINT"), db.rows("select data_type from information_schema.columns"
        + " where table_name = 'orte' and column_name = 'plz'"));
  }

  @Test
  void windows1252WithCrlfHasNoTrailingCarriageReturnInTheLastColumn() throws Exception {
    Path csv = write("notes.csv", "id;notiz\r\n1;Straße\r\n2;Maß\r\n".getBytes(CP1252));

    loader.load(db.session, WarehouseFixture.seed("notes", Map.of()), csv);

    assertEquals(List.of("1|Straße|6", "2|Maß|3"),
        db.rows("select id, notiz, length(notiz) from main.notes order by id"));
  }

  // --- rows that cannot be read -----------------------------------------------------------------

  @Test
  void unreadableValueFailsNamingFileLineAndColumnAndKeepsTheOldTable() throws Exception {
    var seed = WarehouseFixture.seed("lager", Map.of("column_types", Map.of("menge", "integer")));
    loader.load(db.session, seed, write("lager.csv", "sku;menge\nA;1\n".getBytes(CP1252)));
    Path broken = write("lager.csv", "sku;menge\nA;1\nB;zwei\nC;3\n".getBytes(CP1252));

    SQLException e = assertThrows(SQLException.class, () -> loader.load(db.session, seed, broken));

    assertTrue(e.getMessage().startsWith("seeds/lager.csv:3: column 'menge': "), e.getMessage());
    assertTrue(e.getMessage().contains("zwei"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertEquals(List.of("A|1"), db.rows("select sku, menge from main.lager"));
  }

  @Test
  void unreadableRowAfterTheInspectedSampleIsNamedByItsLine() throws Exception {
    // Types are worked out from the first rows; row 30,000 does not fit the type found.
    Path csv = dir.resolve("gross.csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, CP1252)) {
      w.write("nr;menge\r\n");
      for (int i = 1; i <= 40_000; i++) {
        w.write(i + ";" + (i == 30_000 ? "k.A." : String.valueOf(i % 97)) + "\r\n");
      }
    }

    SQLException e = assertThrows(SQLException.class,
        () -> loader.load(db.session, WarehouseFixture.seed("gross", Map.of()), csv));

    assertTrue(e.getMessage().startsWith("seeds/gross.csv:30001: column 'menge': "),
        e.getMessage());
    assertFalse(db.session.relationType(new Relation("main", "gross")).isPresent());
  }

  @Test
  void rowWithTooManyFieldsFailsNamingItsLine() throws Exception {
    Path csv = write("lager.csv", "sku;menge\nA;1\nB;2\nC;3;extra\nD;4\n"
        .getBytes(StandardCharsets.UTF_8));

    SQLException e = assertThrows(SQLException.class,
        () -> loader.load(db.session, WarehouseFixture.seed("lager", Map.of()), csv));

    assertTrue(e.getMessage().startsWith("seeds/lager.csv:4: "), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void errorCountsRowsNotErrorsWhenOneRowFailsTwoWays() throws Exception {
    Path csv = write("lager.csv", "sku;menge\nA;1\nB;zwei\nC;drei;x\nD;vier\nE;5\n"
        .getBytes(CP1252));

    SQLException e = assertThrows(SQLException.class, () -> loader.load(db.session,
        WarehouseFixture.seed("lager", Map.of("column_types", Map.of("menge", "integer"))), csv));

    assertTrue(e.getMessage().startsWith("seeds/lager.csv:3: column 'menge': "), e.getMessage());
    assertTrue(e.getMessage().contains("(and 2 more unreadable rows)"), e.getMessage());
  }

  @Test
  void onErrorSkipLoadsTheOtherRowsAndCountsTheSkippedOnes() throws Exception {
    Path csv = write("lager.csv", "sku;menge\nA;1\nB;zwei\nC;3\nD;vier\nE;5\n"
        .getBytes(CP1252));

    BuildResult result = loader.load(db.session, WarehouseFixture.seed("lager",
        Map.of("column_types", Map.of("menge", "integer"), "on_error", "skip")), csv);

    assertEquals("INSERT 3 (skipped 2 unreadable rows)", result.message());
    assertEquals(OptionalLong.of(3), result.rows());
    assertEquals(List.of("A|1", "C|3", "E|5"), db.rows("select sku, menge from main.lager order by 1"));
  }

  // --- helpers ----------------------------------------------------------------------------------

  private List<String> columnNames(String table) throws SQLException {
    return db.rows("select column_name from information_schema.columns where table_name = '"
        + table + "' order by ordinal_position");
  }

  private List<String> columnTypes(String table) throws SQLException {
    return db.rows("select column_name, data_type from information_schema.columns"
        + " where table_name = '" + table + "' order by ordinal_position");
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
