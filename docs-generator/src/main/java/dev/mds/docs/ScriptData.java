package dev.mds.docs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes data the pages need as a script that assigns one global ({@code window.MDS_NAV = ...}).
 * Browsers refuse {@code fetch()} of a local JSON file from a {@code file://} page, but load a
 * script from beside it. Non-ASCII and {@code < > &} are written as escapes, so the text stays
 * inert whatever names and descriptions contain.
 */
final class ScriptData {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  static {
    JSON.getFactory().setCharacterEscapes(new MarkupEscapes());
  }

  /** Escapes {@code < > &} as {@code \u003C} and friends, as other JSON-in-script writers do. */
  private static final class MarkupEscapes extends CharacterEscapes {
    private final int[] escapes;

    MarkupEscapes() {
      escapes = CharacterEscapes.standardAsciiEscapesForJSON();
      escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
      escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
      escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }

  private ScriptData() {
  }

  static void write(Path file, String global, Object data) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "window." + global + " = " + json(data) + ";\n",
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new DocsException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static String json(Object data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new DocsException("Cannot serialise site data: " + e.getMessage(), e);
    }
  }
}
