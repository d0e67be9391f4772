package dev.mds.template.jinja;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Python's {@code json.dumps} escapes (ensure_ascii: non-ASCII and control characters as lower-case
 * {@code \\u00e9}; Jackson's own escapes use upper-case hex), and for Jinja's tojson filter also
 * {@code < > & '} as {@code \\u003c} and so on.
 */
public final class PythonJsonEscapes extends CharacterEscapes {

  private static final String HTML_UNSAFE = "<>&'";

  private final int[] asciiEscapes;

  /** Jinja's tojson filter: HTML-unsafe characters escaped too. */
  PythonJsonEscapes() {
    this(true);
  }

  /** @param htmlSafe whether {@code < > & '} are escaped (Jinja's filter) or not (json.dumps) */
  public PythonJsonEscapes(boolean htmlSafe) {
    asciiEscapes = standardAsciiEscapesForJSON();
    if (htmlSafe) {
      for (char c : HTML_UNSAFE.toCharArray()) {
        asciiEscapes[c] = ESCAPE_CUSTOM;
      }
    }
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
