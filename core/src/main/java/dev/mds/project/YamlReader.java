package dev.mds.project;

import dev.mds.MdsException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads one YAML file into plain maps and lists, turning parse errors into one-line messages. */
public final class YamlReader {

  private final Path root;

  public YamlReader(Path root) {
    this.root = root;
  }

  /** Returns the file's top-level mapping; an empty file is an empty map. */
  public Map<String, Object> readMap(Path file) {
    return parseMap(readText(file), display(file));
  }

  /** The file's text, or an error naming it when it cannot be read as UTF-8. */
  public String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw MdsException.at(display(file), "the file is not valid UTF-8; save it as UTF-8", e);
    } catch (IOException e) {
      throw MdsException.at(display(file), "cannot read file: " + e.getMessage(), e);
    }
  }

  /** Parses YAML text; {@code location} names it in errors. */
  public static Map<String, Object> parseMap(String text, String location) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    String yaml = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Object loaded;
    try {
      loaded = new Yaml(new DatesAsText(options)).load(yaml);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      // An unclosed quote or bracket is found only at the end of the file; where it opened is
      // the line to fix.
      if (mark != null && mark.getIndex() >= yaml.length() && e.getContextMark() != null) {
        mark = e.getContextMark();
      }
      String where = mark == null ? location : location + ":" + (mark.getLine() + 1);
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      // A Windows path in double quotes ("C:\Users\ana") reads as escapes (\U, \a...).
      String hint = problem.contains("escape") && context.contains("double-quoted")
          ? "; in double quotes a backslash starts an escape: write a Windows path in single quotes"
              + " ('C:\\data\\shop.duckdb') or with forward slashes"
          : "";
      throw MdsException.at(where, "invalid YAML: " + oneLine(problem + context) + hint, e);
    } catch (YAMLException e) {
      throw MdsException.at(location, "invalid YAML: " + oneLine(e.getMessage()), e);
    }
    if (loaded == null) {
      return new LinkedHashMap<>();
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      throw MdsException.at(location, "expected a YAML mapping at the top level, found "
          + loaded.getClass().getSimpleName());
    }
    return stringKeys(map);
  }

  /**
   * Plain YAML types, except that dates stay the text they were written as: a var such as
   * {@code start_date: 2024-01-01} must render as {@code 2024-01-01} in SQL, as it does in dbt.
   */
  static final class DatesAsText extends SafeConstructor {
    DatesAsText(LoaderOptions options) {
      super(options);
      yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
    }
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((k, v) -> result.put(String.valueOf(k), v));
    return result;
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*\\n\\s*", " ").trim();
  }

  /** The file's path relative to the project folder, as errors show it. */
  public String display(Path file) {
    String below = RelativePath.below(root, file);
    if (below != null) {
      return below;
    }
    // Not below the project folder: the folder itself (shown as nothing) or a file elsewhere.
    Path abs = file.toAbsolutePath().normalize();
    return abs.equals(root.toAbsolutePath().normalize()) ? "" : abs.toString();
  }
}
