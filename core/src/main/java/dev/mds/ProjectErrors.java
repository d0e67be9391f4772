package dev.mds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Several errors found in one pass over a project (a template error in one model, an unknown ref
 * in another), so a user fixes them all before the next run instead of one per run. The message
 * has one line per error, in file order, at most {@link #SHOWN} of them.
 */
public final class ProjectErrors extends MdsException {

  /** How many errors a message lists; the rest are counted. */
  public static final int SHOWN = 50;

  private final List<String> lines;

  private ProjectErrors(List<String> lines, MdsException first) {
    super(String.join("\n", lines), first);
    this.lines = List.copyOf(lines);
  }

  /** The message's lines: one per error, then "... and N more errors" when there were more. */
  public List<String> lines() {
    return lines;
  }

  /**
   * Throws nothing when {@code errors} is empty, the one error as it is, or all of them as one
   * {@code ProjectErrors}, sorted by the file and line each names and without repeats (a broken
   * macro reports the same line for every model that calls it).
   */
  public static void throwIfAny(List<MdsException> errors) {
    if (errors.isEmpty()) {
      return;
    }
    List<MdsException> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparing((MdsException e) -> Location.of(e.getMessage())));
    Set<String> messages = new LinkedHashSet<>();
    List<MdsException> distinct = new ArrayList<>();
    for (MdsException error : sorted) {
      if (messages.add(String.valueOf(error.getMessage()))) {
        distinct.add(error);
      }
    }
    if (distinct.size() == 1) {
      throw distinct.get(0);
    }
    List<String> lines = new ArrayList<>();
    for (MdsException error : distinct.subList(0, Math.min(SHOWN, distinct.size()))) {
      lines.add(String.valueOf(error.getMessage()));
    }
    if (distinct.size() > SHOWN) {
      lines.add("... and " + (distinct.size() - SHOWN) + " more errors");
    }
    throw new ProjectErrors(lines, distinct.get(0));
  }

  /**
   * Where a message says its error is ({@code models/a.sql:12: ...}): the file, then the line as
   * a number so line 9 comes before line 10. A message naming no file sorts by its text.
   */
  private record Location(String file, int line, String message) implements Comparable<Location> {

    static Location of(String message) {
      String text = String.valueOf(message);
      int colon = text.indexOf(": ");
      if (colon < 0) {
        return new Location(text, 0, text);
      }
      String where = text.substring(0, colon);
      int lineColon = where.lastIndexOf(':');
      if (lineColon > 0 && where.substring(lineColon + 1).matches("\\d{1,9}")) {
        return new Location(where.substring(0, lineColon),
            Integer.parseInt(where.substring(lineColon + 1)), text);
      }
      return new Location(where, 0, text);
    }

    @Override
    public int compareTo(Location other) {
      return Comparator.comparing(Location::file).thenComparingInt(Location::line)
          .thenComparing(Location::message).compare(this, other);
    }
  }
}
