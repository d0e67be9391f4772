package dev.mds.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Maps a request path to a file inside the site folder, or to nothing. The path is decoded once,
 * then every segment is checked: {@code ..}, {@code .}, hidden files, backslashes, NUL and colons
 * are refused outright, whatever encoding smuggled them in, and the file's real path (after
 * symlinks) must still lie inside the site.
 */
record SitePath(Path root, Path realRoot) {

  static SitePath of(Path siteDir) {
    Path root = siteDir.toAbsolutePath().normalize();
    try {
      return new SitePath(root, root.toRealPath());
    } catch (IOException e) {
      throw new DocsException("Cannot open the site folder " + siteDir + ": " + e.getMessage(), e);
    }
  }

  /** The file a raw (still percent-encoded) request path names, if it is inside the site. */
  Optional<Path> resolve(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      rawPath = "/";
    }
    if (!rawPath.startsWith("/")) {
      return Optional.empty();
    }
    Optional<String> decoded = decode(rawPath);
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    Path file = root;
    for (String segment : decoded.get().split("/", -1)) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.startsWith(".") || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0
          || segment.indexOf(':') >= 0) {
        return Optional.empty();
      }
      file = file.resolve(segment);
    }
    file = file.normalize();
    if (!file.startsWith(root)) {
      return Optional.empty();
    }
    if (Files.isDirectory(file)) {
      file = file.resolve("index.html");
    }
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return file.toRealPath().startsWith(realRoot) ? Optional.of(file) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Percent-decodes UTF-8 (a {@code +} stays a plus in a path); empty when malformed. */
  static Optional<String> decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c > 0x7f) {
        return Optional.empty();
      } else {
        bytes.write(c);
      }
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
