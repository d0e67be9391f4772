package dev.mds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the per-node files of {@code target/} (compiled and run SQL). A build rewrites a thousand
 * or more of them, mostly with what they already hold; truncating and rewriting a file costs far
 * more than reading it back (on ext4 the truncate also forces the old blocks out), so a file that
 * already holds the text is left alone.
 */
public final class TextFiles {

  private TextFiles() {
  }

  /** Writes {@code text} (UTF-8) to {@code file} unless the file holds exactly that already. */
  public static void writeIfChanged(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      // No separate size check: reading a small file costs about what a stat does.
      if (Arrays.equals(Files.readAllBytes(file), bytes)) {
        return;
      }
    } catch (NoSuchFileException e) {
      // A new file: write it.
    }
    Files.write(file, bytes);
  }
}
