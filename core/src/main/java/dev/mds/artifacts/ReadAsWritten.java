package dev.mds.artifacts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mds.Background;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * A JSON artifact parsed into a tree on a thread of its own while it is written, from the same
 * bytes: a reader in the same process (the docs site) gets the tree without reading the file
 * back, and on two cores the parse runs beside the writing. The copy never fails the write: if
 * the parser stops, the file is still written whole and only the tree is missing.
 */
final class ReadAsWritten {

  /** The pipe stays open after the value: the rest is read to its end (see the constructor). */
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  private final PipedOutputStream pipe = new PipedOutputStream();
  private final CompletableFuture<JsonNode> tree;
  private boolean broken;

  ReadAsWritten(String name) {
    PipedInputStream in;
    try {
      in = new PipedInputStream(pipe, 1 << 20);
    } catch (IOException e) {
      throw new UncheckedIOException("a new pipe is unconnected", e);
    }
    tree = Background.start(name, () -> {
      try (InputStream bytes = in) {
        JsonNode root = JSON.readTree(bytes);
        // What follows the value (nothing today) is read too, so the writer never waits on it.
        bytes.transferTo(OutputStream.nullOutputStream());
        return root;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** {@code out} that also copies every byte to the parser. */
  OutputStream tee(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        copy(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        copy(b, off, len);
      }
    };
  }

  private void copy(byte[] b, int off, int len) {
    if (broken) {
      return;
    }
    try {
      pipe.write(b, off, len);
    } catch (IOException e) {
      // The parser ended early (it failed): the file goes on without it.
      broken = true;
    }
  }

  /** Ends the parser's input; call once the whole file (or what there is of it) is written. */
  void end() {
    try {
      pipe.close();
    } catch (IOException e) {
      broken = true;
    }
  }

  /** The tree of what was written, once {@link #end} is called and the parser is done. */
  CompletableFuture<JsonNode> tree() {
    return tree;
  }
}
