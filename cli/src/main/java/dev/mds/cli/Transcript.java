package dev.mds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A console stream that also keeps what passed through it (up to {@link #LIMIT} characters), so
 * {@code mds compile} can store what it printed for {@link UpToDateCompile} to print again.
 */
final class Transcript extends PrintWriter {

  static final int LIMIT = 64 * 1024;

  private final Kept kept;

  private Transcript(Kept kept) {
    super(kept, true);
    this.kept = kept;
  }

  /** Passes everything on to {@code console}, keeping a copy. */
  static Transcript of(PrintWriter console) {
    return new Transcript(new Kept(console));
  }

  /** What was printed, unless more than {@link #LIMIT} characters were. */
  java.util.Optional<String> text() {
    flush();
    synchronized (kept) {
      return kept.overflow ? java.util.Optional.empty()
          : java.util.Optional.of(kept.text.toString());
    }
  }

  /** Whether anything was printed at all. */
  boolean printed() {
    flush();
    synchronized (kept) {
      return kept.overflow || kept.text.length() > 0;
    }
  }

  private static final class Kept extends Writer {
    private final PrintWriter console;
    private final StringBuilder text = new StringBuilder();
    private boolean overflow;

    Kept(PrintWriter console) {
      this.console = console;
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
      console.write(chars, offset, length);
      if (!overflow) {
        if (text.length() + length > LIMIT) {
          overflow = true;
          text.setLength(0);
        } else {
          text.append(chars, offset, length);
        }
      }
    }

    @Override
    public void flush() {
      console.flush();
    }

    @Override
    public void close() throws IOException {
      console.flush();
    }
  }
}
