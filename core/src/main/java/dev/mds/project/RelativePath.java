package dev.mds.project;

import java.io.File;
import java.nio.file.Path;

/**
 * A project file's path below a folder, as text. The parse asks this several times for each of
 * tens of thousands of files (display names, template names, fqns), and {@link Path#relativize}
 * builds new paths each time, ~25 MB of garbage for 10,000 models; a file listed below the folder
 * is a plain prefix of its text.
 */
public final class RelativePath {

  private RelativePath() {
  }

  /**
   * {@code file}'s path relative to {@code base} with the platform's separators, or null when it
   * is not below {@code base} (or is {@code base} itself).
   */
  public static String below(Path base, Path file) {
    Path absoluteBase = base.toAbsolutePath().normalize();
    String prefix = absoluteBase.toString();
    String text = file.isAbsolute() ? file.toString() : file.toAbsolutePath().toString();
    char separator = File.separatorChar;
    // The plain prefix is only the answer for a path with no "." or ".." among its names (and
    // no hidden folders, which are rare enough to take the general way).
    if (!prefix.isEmpty() && prefix.charAt(prefix.length() - 1) != separator
        && text.length() > prefix.length() + 1 && text.startsWith(prefix)
        && text.charAt(prefix.length()) == separator
        && text.indexOf(separator + ".", prefix.length()) < 0) {
      return text.substring(prefix.length() + 1);
    }
    Path absolute = file.toAbsolutePath().normalize();
    if (!absolute.startsWith(absoluteBase) || absolute.equals(absoluteBase)) {
      return null;
    }
    return absoluteBase.relativize(absolute).toString();
  }
}
