package dev.mds.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of one macro, cut from the project file that defines it, for the macro's page. The
 * manifest records only where a macro lives, and the file is the project's own source, so reading
 * it here does not reach into compilation or execution.
 */
final class MacroSource {

  private static final Pattern END = Pattern.compile("\\{%-?\\s*end(macro|test)\\s*-?%}");

  private MacroSource() {
  }

  /** The definition of {@code name} in {@code file}, or the whole file when it cannot be cut. */
  static Optional<String> read(Path projectRoot, String file, String name) {
    if (projectRoot == null || file == null || file.isBlank()) {
      return Optional.empty();
    }
    Path root = projectRoot.toAbsolutePath().normalize();
    Path path = root.resolve(file).normalize();
    if (!path.startsWith(root) || !Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(cut(Files.readString(path), name));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static String cut(String text, String name) {
    String bare = name.startsWith("test_") ? name.substring("test_".length()) : name;
    Pattern start = Pattern.compile("\\{%-?\\s*(?:macro\\s+" + Pattern.quote(name)
        + "|test\\s+" + Pattern.quote(bare) + ")\\s*\\(");
    Matcher open = start.matcher(text);
    if (!open.find()) {
      return text.strip();
    }
    Matcher close = END.matcher(text);
    if (!close.find(open.start())) {
      return text.substring(open.start()).strip();
    }
    return text.substring(open.start(), close.end()).strip();
  }
}
