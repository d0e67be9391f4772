package dev.mds.template.context;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The escapes of Python's {@code json.dumps} (ensure_ascii): non-ASCII and control characters as
 * lower-case {@code \\u00e9}; Jackson's own use upper-case hex.
 */
final class AsciiJsonEscapes extends CharacterEscapes {

  private final int[] asciiEscapes;

  AsciiJsonEscapes() {
    asciiEscapes = standardAsciiEscapesForJSON();
    for (int c = 0; c < 0x20; c++) {
      if ("\b\f\n\r\t".indexOf(c) < 0) {
        asciiEscapes[c] = ESCAPE_CUSTOM;
      }
    }
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return asciiEscapes;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    if (ch < 0x80 && asciiEscapes[ch] != ESCAPE_CUSTOM) {
      return null;
    }
    return new SerializedString(String.format("\\u%04x", ch));
  }
}
