package dev.mds;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Secret environment variables, as dbt has them: a variable whose name starts with
 * {@code DBT_ENV_SECRET_} (or mds's own {@code MDS_ENV_SECRET_}) may be read only in
 * {@code profiles.yml}, and its value is shown as {@code *****} wherever mds writes text a person
 * or a tool may read: the console, {@code logs/}, the artifacts, compiled and run SQL, the docs
 * site. Every such variable set in the environment counts, read or not (as dbt scrubs them).
 */
public final class Secrets {

  /** What a secret value is replaced by (dbt's mask). */
  public static final String MASK = "*****";
  private static final List<String> PREFIXES = List.of("DBT_ENV_SECRET_", "MDS_ENV_SECRET_");
  /** Longest first, so a secret holding another is masked whole. */
  private static final List<String> VALUES = valuesOf(System.getenv());

  private Secrets() {
  }

  /** Whether {@code env_var(name)} reads a secret. */
  public static boolean isSecret(String name) {
    return PREFIXES.stream().anyMatch(name::startsWith);
  }

  static List<String> valuesOf(Map<String, String> environment) {
    // Blank values are skipped as dbt skips them: masking whitespace would mangle every line.
    return environment.entrySet().stream()
        .filter(e -> isSecret(e.getKey()) && e.getValue() != null && !e.getValue().isBlank())
        .map(Map.Entry::getValue)
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  /** Whether any secret is set, so writers can skip the scrubbing pass when none is. */
  public static boolean any() {
    return !VALUES.isEmpty();
  }

  /** {@code text} with every secret value replaced by {@link #MASK}; null stays null. */
  public static String scrub(String text) {
    return scrub(text, VALUES);
  }

  static String scrub(String text, List<String> values) {
    if (text == null) {
      return null;
    }
    String scrubbed = text;
    for (String value : values) {
      if (scrubbed.contains(value)) {
        scrubbed = scrubbed.replace(value, MASK);
      }
    }
    return scrubbed;
  }

  /**
   * JSON text with every secret value masked, written as is or as JSON escapes it (a secret with a
   * quote or a backslash in it appears escaped).
   */
  public static String scrubJson(String json) {
    if (!any() || json == null) {
      return json;
    }
    String scrubbed = scrub(json);
    for (String value : VALUES) {
      String escaped = new String(
          com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(value));
      if (!escaped.equals(value)) {
        scrubbed = scrubbed.replace(escaped, MASK);
      }
    }
    return scrubbed;
  }

  /**
   * {@code out} scrubbing what it is given; {@code out} itself when no secret is set. Each write
   * call is scrubbed on its own: mds prints a message in one call, so a value is not split. Lines
   * are flushed as they end, as the console's own writer does, so progress shows as it happens.
   */
  public static PrintWriter scrubbing(PrintWriter out) {
    if (!any()) {
      return out;
    }
    return new PrintWriter(new Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) {
        out.write(scrub(new String(buffer, offset, length)));
      }

      @Override
      public void write(String text, int offset, int length) {
        out.write(scrub(text.substring(offset, offset + length)));
      }

      @Override
      public void flush() {
        out.flush();
      }

      @Override
      public void close() {
        out.close();
      }
    }, true);
  }
}
