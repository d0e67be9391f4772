package dev.mds.template.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;

/** Python's {@code re.Match}: what {@code match}, {@code search} and {@code fullmatch} return. */
record PyMatch(PythonRegex regex, MatchResult match, String string) implements PyObject {

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "group" -> (PyCallable) this::group;
      case "groups" -> (PyCallable) args -> groups(args.get(0, "default"));
      case "groupdict" -> (PyCallable) args -> {
        Map<String, Object> groups = new LinkedHashMap<>();
        regex.groupNames().entrySet().stream()
            .sorted(Map.Entry.comparingByValue())
            .forEach(e -> groups.put(e.getKey(), orElse(match.group(e.getValue()),
                args.get(0, "default"))));
        return groups;
      };
      case "start" -> (PyCallable) args -> (long) match.start(groupOf(args));
      case "end" -> (PyCallable) args -> (long) match.end(groupOf(args));
      case "span" -> (PyCallable) args -> List.of((long) match.start(groupOf(args)),
          (long) match.end(groupOf(args)));
      case "string" -> string;
      case "re" -> new PyPattern(regex);
      case "lastindex" -> lastIndex();
      default -> MISSING;
    };
  }

  /** {@code group()} is the whole match, {@code group(1)} or {@code group('name')} one group, several a list. */
  private Object group(PyArgs args) {
    if (args.positional().size() <= 1) {
      return match.group(args.positional().isEmpty() ? 0 : regex.group(args.positional().get(0)));
    }
    List<Object> groups = new ArrayList<>();
    for (Object group : args.positional()) {
      groups.add(match.group(regex.group(group)));
    }
    return groups;
  }

  private List<Object> groups(Object fallback) {
    List<Object> groups = new ArrayList<>();
    for (int g = 1; g <= match.groupCount(); g++) {
      groups.add(orElse(match.group(g), fallback));
    }
    return groups;
  }

  private int groupOf(PyArgs args) {
    return args.has(0, "group") ? regex.group(args.get(0, "group")) : 0;
  }

  private Object lastIndex() {
    for (int g = match.groupCount(); g >= 1; g--) {
      if (match.group(g) != null) {
        return (long) g;
      }
    }
    return null;
  }

  private static Object orElse(Object value, Object fallback) {
    return value == null ? fallback : value;
  }

  @Override
  public String typeName() {
    return "re.Match";
  }

  @Override
  public String toString() {
    return "<re.Match object; span=(" + match.start() + ", " + match.end() + "), match='"
        + match.group() + "'>";
  }
}
