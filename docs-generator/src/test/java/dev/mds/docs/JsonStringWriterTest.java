package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page shards' strings come out byte for byte as Jackson wrote them before. */
class JsonStringWriterTest {

  private static final List<String> TEXTS = List.of("", "plain ascii <a href=\"x\">y</a>",
      "back\\slash / slash", "tab\tnew\nline\rcr\bbs\fff", "\u0000\u0001\u001f\u007f end",
      "arrows ← · — é ü ß", "emoji \uD83D\uDE00 and 𝄞 clef", "line sep \u2028 para \u2029",
      "lone \uD800 high and \uDC00 low surrogates, written as ?",
      "x".repeat(40_000) + "é\"".repeat(5_000));

  private static byte[] jackson(String text) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.writeString(text);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesWhatJacksonWrites() throws IOException {
    for (String text : TEXTS) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JsonStringWriter out = new JsonStringWriter(bytes)) {
        out.string(text);
      }
      assertArrayEquals(jackson(text), bytes.toByteArray(), text.length() > 80
          ? text.substring(0, 80) : text);
    }
  }

  @Test
  void aSurrogatePairSplitBetweenWritesStaysOneCharacter() throws IOException {
    String text = "a\uD83D\uDE00b";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonStringWriter out = new JsonStringWriter(bytes)) {
      out.startString();
      out.write(text, 0, 2);
      out.write(text.toCharArray(), 2, 1);
      out.write('b');
      out.endString();
    }
    assertArrayEquals(jackson(text), bytes.toByteArray());
    assertEquals(text, new ObjectMapper().readValue(bytes.toByteArray(), String.class));
  }

  @Test
  void aReusedBufferWritesItsNewContentAndARepeatedOneTheSameBytes() throws IOException {
    char[] buffer = "<p class=\"lead\">fixed template text — the same array</p>\n".toCharArray();
    StringBuilder expected = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonStringWriter out = new JsonStringWriter(bytes)) {
      out.startString();
      for (int i = 0; i < 3; i++) {
        out.write(buffer);
        expected.append(buffer);
        out.write("name " + i);
        expected.append("name ").append(i);
      }
      "<b>\"other\" text, same length and the same array!!!!</b>\n\t".getChars(0, buffer.length,
          buffer, 0);
      out.write(buffer);
      expected.append(buffer);
      out.endString();
    }
    assertArrayEquals(jackson(expected.toString()), bytes.toByteArray());
  }
}
