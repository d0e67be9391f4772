package dev.mds.deps;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hub package's {@code version:} as dbt reads it: one string or a list of them, each an exact
 * version ({@code 1.1.0}) or a bound ({@code >=1.0.0}, {@code <2.0.0}, {@code >}, {@code <=},
 * {@code =}); a version must satisfy all of them. Pre-releases ({@code 1.2.0-b1}) are chosen only
 * when pinned exactly, as dbt does unless told to install pre-releases.
 */
public record HubVersions(List<Bound> bounds) {

  private static final Pattern BOUND =
      Pattern.compile("(>=|<=|>|<|=)?v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?");

  /** One comparison against a version. */
  record Bound(String operator, Version version) {
    boolean admits(Version candidate) {
      int c = candidate.compareTo(version);
      return switch (operator) {
        case ">=" -> c >= 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        case "<" -> c < 0;
        default -> c == 0;
      };
    }
  }

  /** A semantic version; a pre-release sorts before its release. */
  record Version(int major, int minor, int patch, String prerelease, String text)
      implements Comparable<Version> {

    static Optional<Version> parse(String text) {
      Matcher m = BOUND.matcher(text.strip());
      if (!m.matches() || m.group(1) != null) {
        return Optional.empty();
      }
      return Optional.of(of(m, text.strip()));
    }

    private static Version of(Matcher m, String text) {
      return new Version(Integer.parseInt(m.group(2)), number(m.group(3)), number(m.group(4)),
          m.group(5) == null ? "" : m.group(5), text);
    }

    private static int number(String group) {
      return group == null ? 0 : Integer.parseInt(group);
    }

    @Override
    public int compareTo(Version other) {
      return Comparator.comparingInt(Version::major).thenComparingInt(Version::minor)
          .thenComparingInt(Version::patch)
          // "" (a release) after any pre-release of the same number.
          .thenComparing(v -> v.prerelease().isEmpty() ? "\uffff" : v.prerelease())
          .compare(this, other);
    }
  }

  /**
   * Parses {@code value} (a string, a number or a list); empty when a part is not a version or a
   * bound, with the offending part for the message.
   */
  static HubVersions parse(Object value, List<String> problems) {
    List<Bound> bounds = new ArrayList<>();
    List<Object> parts = value instanceof Collection<?> list ? new ArrayList<>(list) : List.of(
        value == null ? "" : value);
    for (Object part : parts) {
      // ">=1.0.0 <2.0.0" and ">=1.0.0, <2.0.0" read as two bounds.
      for (String word : String.valueOf(part).split("[\\s,]+")) {
        if (word.isEmpty()) {
          continue;
        }
        Matcher m = BOUND.matcher(word);
        if (!m.matches()) {
          problems.add(word);
          continue;
        }
        bounds.add(new Bound(m.group(1) == null ? "=" : m.group(1), Version.of(m, word)));
      }
    }
    return new HubVersions(List.copyOf(bounds));
  }

  boolean admits(Version candidate) {
    if (!candidate.prerelease().isEmpty()
        && bounds.stream().noneMatch(b -> b.operator().equals("=") && b.version().compareTo(candidate) == 0)) {
      return false;
    }
    return bounds.stream().allMatch(b -> b.admits(candidate));
  }

  /**
   * Whether any release satisfies every bound: the range is an interval, so if it holds a
   * release it holds 0.0.0, one of the bounds' own versions or the next patch after one.
   */
  boolean satisfiable() {
    // 0.0.0 for a range with only upper bounds.
    List<Version> candidates = new ArrayList<>(List.of(new Version(0, 0, 0, "", "0.0.0")));
    for (Bound b : bounds) {
      Version v = b.version();
      candidates.add(new Version(v.major(), v.minor(), v.patch(), "", v.text()));
      candidates.add(new Version(v.major(), v.minor(), v.patch() + 1, "", v.text()));
    }
    return candidates.stream().anyMatch(c -> bounds.stream().allMatch(b -> b.admits(c)));
  }

  /** The highest of {@code candidates} this range admits. */
  Optional<Version> highest(Collection<Version> candidates) {
    return candidates.stream().filter(this::admits).max(Comparator.naturalOrder());
  }

  @Override
  public String toString() {
    return String.join(", ", bounds.stream().map(b ->
        (b.operator().equals("=") ? "" : b.operator()) + b.version().text().replaceFirst("^[<>=]+", ""))
        .toList());
  }
}
