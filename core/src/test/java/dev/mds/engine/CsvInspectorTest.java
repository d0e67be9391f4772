package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link CsvInspector} finds out about a file before anything is loaded. */
class CsvInspectorTest {

  private static final Charset CP1252 = Charset.forName("windows-1252");

  @TempDir
  Path dir;

  @Test
  void germanErpExportIsDescribedColumnByColumn() throws IOException {
    Path csv = write("orders.csv", ("Bestellnr;Kundennr;Kunde;Datum;Betrag;Menge;PLZ\r\n"
        + "70001;00123;Lukas Müller;31.12.2024;1.234,56;3;01067\r\n"
        + "70002;00456;Mia Groß;01.02.2024;12,5;10;80331\r\n").getBytes(CP1252));

    CsvLayout layout = inspector().inspect(csv, CsvOptions.defaults(), "seeds/orders.csv");

    assertEquals("windows-1252", layout.encoding());
    assertEquals(";", layout.delimiter());
    assertEquals(csv, layout.source());
    assertNotEquals(csv, layout.readable());
    assertTrue(layout.readable().startsWith(dir.resolve("cache")), layout.readable().toString());
    assertEquals(List.of(
        "Bestellnr|BIGINT|",
        "Kundennr|VARCHAR|leading zeros kept as text",
        "Kunde|VARCHAR|",
        "Datum|DATE|",
        "Betrag|DOUBLE|decimal comma (1.234,56 style)",
        "Menge|BIGINT|",
        "PLZ|VARCHAR|leading zeros kept as text"), describe(layout));
  }

  @Test
  void utf8FileIsReadInPlaceWithoutACopy() throws IOException {
    Path csv = write("plain.csv", "a,b\n1,Müller\n".getBytes(StandardCharsets.UTF_8));

    CsvLayout layout = inspector().inspect(csv, CsvOptions.defaults(), "seeds/plain.csv");

    assertEquals("UTF-8", layout.encoding());
    assertEquals(csv, layout.readable());
    assertEquals(",", layout.delimiter());
    assertTrue(Files.notExists(dir.resolve("cache")) || list(dir.resolve("cache")).isEmpty());
  }

  @Test
  void decimalCommaIsNotGuessedInCommaFiles() throws IOException {
    Path csv = write("prices.csv", "sku,price\nA,1.5\nB,1.234\n".getBytes(StandardCharsets.UTF_8));

    CsvLayout layout = inspector().inspect(csv, CsvOptions.defaults(), "seeds/prices.csv");

    assertEquals(List.of("sku|VARCHAR|", "price|DOUBLE|"), describe(layout));
  }

  @Test
  void columnTypesAreNotedAsTheUsersChoice() throws IOException {
    Path csv = write("codes.csv", "code;name\n00123;x\n".getBytes(StandardCharsets.UTF_8));
    CsvOptions options = new CsvOptions(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Map.of("CODE", "integer"), false);

    CsvLayout layout = inspector().inspect(csv, options, "seeds/codes.csv");

    assertEquals(List.of("code|INTEGER|column_types", "name|VARCHAR|"), describe(layout));
  }

  @Test
  void transcodedCopyIsMadeOncePerFileVersion() throws IOException {
    Path csv = write("de.csv", "name\nMüller\n".getBytes(CP1252));
    CsvInspector inspector = inspector();

    Path first = inspector.inspect(csv, CsvOptions.defaults(), "seeds/de.csv").readable();
    Path again = inspector.inspect(csv, CsvOptions.defaults(), "seeds/de.csv").readable();
    write("de.csv", "name\nMüller\nGroß\n".getBytes(CP1252));
    Path changed = inspector.inspect(csv, CsvOptions.defaults(), "seeds/de.csv").readable();

    assertEquals(first, again);
    assertNotEquals(first, changed);
    assertEquals("name\nMüller\nGroß\n", Files.readString(changed));
  }

  @Test
  void missingFileIsAnErrorNamingIt() {
    MdsException e = assertThrows(MdsException.class, () -> inspector().inspect(
        dir.resolve("nope.csv"), CsvOptions.defaults(), "seeds/nope.csv"));

    assertTrue(e.getMessage().startsWith("seeds/nope.csv: file "), e.getMessage());
    assertTrue(e.getMessage().endsWith("does not exist"), e.getMessage());
  }

  @Test
  void undefinedWindows1252ByteIsAnErrorNamingFileAndLine() throws IOException {
    // 0x81 has no character in Windows-1252, so the declared encoding must be wrong.
    byte[] text = "name\r\nok\r\nM\u0081ller\r\n".getBytes(StandardCharsets.ISO_8859_1);
    Path csv = write("bad.csv", text);
    CsvOptions cp1252 = new CsvOptions(Optional.empty(), Optional.of("cp1252"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), false);

    MdsException e = assertThrows(MdsException.class,
        () -> inspector().inspect(csv, cp1252, "seeds/bad.csv"));

    assertTrue(e.getMessage().startsWith(csv + ":3: bytes that are not valid windows-1252"),
        e.getMessage());
  }

  private CsvInspector inspector() {
    return new CsvInspector(dir.resolve("cache"));
  }

  private static List<String> describe(CsvLayout layout) {
    return layout.columns().stream().map(c -> c.name() + "|" + c.type() + "|" + c.note()).toList();
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }
}
