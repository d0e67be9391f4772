package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encodings of files as Windows, Excel and ERP systems write them, found and turned into UTF-8. */
class TextEncodingTest {

  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final String GERMAN = "Kunde;Betrag\r\nMüller;1.234,56 €\r\nGroß;„Geschenk“\r\n";

  @TempDir
  Path dir;

  @Test
  void utf8WithoutBomIsUtf8() throws IOException {
    Path file = write("plain.csv", GERMAN.getBytes(StandardCharsets.UTF_8));

    assertEquals(StandardCharsets.UTF_8, TextEncoding.detect(file));
  }

  @Test
  void utf8WithBomIsUtf8() throws IOException {
    Path file = write("bom.csv", bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        GERMAN.getBytes(StandardCharsets.UTF_8)));

    assertEquals(StandardCharsets.UTF_8, TextEncoding.detect(file));
  }

  @Test
  void asciiOnlyFileIsUtf8() throws IOException {
    assertEquals(StandardCharsets.UTF_8,
        TextEncoding.detect(write("ascii.csv", "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void windows1252ExportIsWindows1252() throws IOException {
    Path file = write("cp1252.csv", GERMAN.getBytes(CP1252));

    assertEquals(TextEncoding.WINDOWS_1252, TextEncoding.detect(file));
  }

  @Test
  void latin1FileIsReadAsWindows1252WhichAgreesOnEveryLatin1Letter() throws IOException {
    Path file = write("latin1.csv", "name\nMüller\nGroß\nFrançoise\n".getBytes(
        StandardCharsets.ISO_8859_1));
    Path utf8 = dir.resolve("out/latin1.csv");

    TextEncoding.transcode(file, TextEncoding.detect(file), utf8);

    assertEquals(TextEncoding.WINDOWS_1252, TextEncoding.detect(file));
    assertEquals("name\nMüller\nGroß\nFrançoise\n", Files.readString(utf8));
  }

  @Test
  void utf16LittleEndianWithBomIsUtf16() throws IOException {
    Path file = write("utf16.csv", bytes(new byte[] {(byte) 0xFF, (byte) 0xFE},
        GERMAN.getBytes(StandardCharsets.UTF_16LE)));

    assertEquals(StandardCharsets.UTF_16, TextEncoding.detect(file));
  }

  @Test
  void utf16WithoutBomIsFoundByItsZeroBytes() throws IOException {
    assertEquals(StandardCharsets.UTF_16LE, TextEncoding.detect(
        write("le.csv", GERMAN.getBytes(StandardCharsets.UTF_16LE))));
    assertEquals(StandardCharsets.UTF_16BE, TextEncoding.detect(
        write("be.csv", GERMAN.getBytes(StandardCharsets.UTF_16BE))));
  }

  @Test
  void utf8CharacterCutAtTheEndOfTheOneMegabyteSampleStillCountsAsUtf8() throws IOException {
    // 1 MiB - 1 bytes of ASCII, then a two-byte 'ü' straddling the sample's end.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("name\n".getBytes(StandardCharsets.US_ASCII));
    while (out.size() < (1 << 20) - 1) {
      out.write('x');
    }
    out.write("ü\n".getBytes(StandardCharsets.UTF_8));
    Path file = write("long.csv", out.toByteArray());

    assertEquals(StandardCharsets.UTF_8, TextEncoding.detect(file));
  }

  @Test
  void windows1252WhoseFirstUmlautComesAfterTheSampleIsStillWindows1252() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("name\n".getBytes(StandardCharsets.US_ASCII));
    while (out.size() < 3 << 20) {
      out.write("Smith\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write("Müller\n".getBytes(CP1252));

    assertEquals(TextEncoding.WINDOWS_1252, TextEncoding.detect(write("late.csv", out.toByteArray())));
  }

  @Test
  void namedEncodingsAcceptTheSpellingsUsersWrite() {
    assertEquals(StandardCharsets.UTF_8, TextEncoding.named("UTF8", "seeds/a.csv"));
    assertEquals(StandardCharsets.UTF_8, TextEncoding.named("utf-8-sig", "seeds/a.csv"));
    assertEquals(StandardCharsets.UTF_16, TextEncoding.named("utf-16", "seeds/a.csv"));
    assertEquals(StandardCharsets.ISO_8859_1, TextEncoding.named("Latin-1", "seeds/a.csv"));
    assertEquals(StandardCharsets.ISO_8859_1, TextEncoding.named("iso_8859_1", "seeds/a.csv"));
    assertEquals(TextEncoding.WINDOWS_1252, TextEncoding.named("cp1252", "seeds/a.csv"));
    assertEquals(TextEncoding.WINDOWS_1252, TextEncoding.named("Windows-1252", "seeds/a.csv"));
  }

  @Test
  void unknownEncodingNameIsAnErrorNamingTheFileAndTheChoices() {
    MdsException e = assertThrows(MdsException.class,
        () -> TextEncoding.named("ebcdic", "seeds/orders.csv"));

    assertTrue(e.getMessage().startsWith("seeds/orders.csv: unknown encoding 'ebcdic'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("cp1252"), e.getMessage());
  }

  @Test
  void onlyUtf8IsLeftForDuckDbToRead() {
    assertTrue(TextEncoding.readableByDuckDb(StandardCharsets.UTF_8));
    assertFalse(TextEncoding.readableByDuckDb(TextEncoding.WINDOWS_1252));
    assertFalse(TextEncoding.readableByDuckDb(StandardCharsets.ISO_8859_1));
    assertFalse(TextEncoding.readableByDuckDb(StandardCharsets.UTF_16));
  }

  @Test
  void transcodingWindows1252GivesTheSameTextInUtf8() throws IOException {
    Path file = write("de.csv", GERMAN.getBytes(CP1252));
    Path utf8 = dir.resolve("cache/de.csv");

    TextEncoding.transcode(file, TextEncoding.WINDOWS_1252, utf8);

    assertArrayEquals(GERMAN.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(utf8));
    assertFalse(Files.exists(dir.resolve("cache/de.csv.tmp")));
  }

  @Test
  void transcodingUtf16DropsTheByteOrderMark() throws IOException {
    Path file = write("utf16.csv", bytes(new byte[] {(byte) 0xFF, (byte) 0xFE},
        GERMAN.getBytes(StandardCharsets.UTF_16LE)));
    Path utf8 = dir.resolve("cache/utf16.csv");

    TextEncoding.transcode(file, TextEncoding.detect(file), utf8);

    String text = Files.readString(utf8);
    assertEquals(GERMAN, text);
    assertFalse(text.contains("\uFEFF"));
  }

  @Test
  void transcodingAFileLargerThanItsBuffersKeepsEveryCharacter() throws IOException {
    Path file = dir.resolve("big.csv");
    String row = "Müller;1.234,56 €;„x“\r\n";
    int rows = 50_000; // ~1.2 MB, many 64 KiB buffers, characters straddling their edges
    try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
        Files.newOutputStream(file), CP1252))) {
      for (int i = 0; i < rows; i++) {
        w.write(row);
      }
    }
    Path utf8 = dir.resolve("cache/big.csv");

    TextEncoding.transcode(file, TextEncoding.WINDOWS_1252, utf8);

    String text = Files.readString(utf8);
    assertEquals(row.length() * rows, text.length());
    assertEquals(row.repeat(rows), text);
  }

  @Test
  void bytesTheEncodingDoesNotDefineAreAnErrorNamingTheirLine() throws IOException {
    // 0x81 is undefined in Windows-1252; it sits on line 3.
    Path file = write("bad.csv", bytes("a;b\r\n1;x\r\n2;".getBytes(StandardCharsets.US_ASCII),
        new byte[] {(byte) 0x81}, "\r\n3;y\r\n".getBytes(StandardCharsets.US_ASCII)));
    Path utf8 = dir.resolve("cache/bad.csv");

    MdsException e = assertThrows(MdsException.class,
        () -> TextEncoding.transcode(file, TextEncoding.WINDOWS_1252, utf8));

    assertTrue(e.getMessage().startsWith(file + ":3: "), e.getMessage());
    assertTrue(e.getMessage().contains("set encoding:"), e.getMessage());
    assertFalse(Files.exists(utf8));
    assertFalse(Files.exists(dir.resolve("cache/bad.csv.tmp")));
  }

  @Test
  void invalidUtf8DeclaredAsUtf8IsAnErrorNamingItsLine() throws IOException {
    Path file = write("bad8.csv", bytes("name\r\nok\r\n".getBytes(StandardCharsets.US_ASCII),
        "M\u00fcller".getBytes(CP1252), "\r\n".getBytes(StandardCharsets.US_ASCII)));
    Path utf8 = dir.resolve("cache/bad8.csv");

    MdsException e = assertThrows(MdsException.class,
        () -> TextEncoding.transcode(file, StandardCharsets.UTF_8, utf8));

    assertTrue(e.getMessage().startsWith(file + ":3: "), e.getMessage());
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private static byte[] bytes(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
