package dev.mds.template.context;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/** Python's compiled {@code re.Pattern}, and the module functions that compile one on the fly. */
record PyPattern(PythonRegex regex) implements PyObject {

  @Override
  public Object attribute(String name) {
    return switch (name) {
      case "pattern" -> regex.source();
      case "flags" -> regex.flags();
      case "groups" -> (long) regex.pattern().matcher("").groupCount();
      case "groupindex" -> regex.groupNames();
      case "match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split" ->
          (PyCallable) args -> call(name, args, 0);
      default -> MISSING;
    };
  }

  /**
   * Runs method {@code name}; {@code offset} is 1 for the module functions, whose first argument
   * is the pattern.
   */
  Object call(String name, PyArgs args, int offset) {
    return switch (name) {
      case "match" -> match(args.string(offset, "string"), Matcher::lookingAt);
      case "search" -> match(args.string(offset, "string"), Matcher::find);
      case "fullmatch" -> match(args.string(offset, "string"), Matcher::matches);
      case "findall" -> findall(args.string(offset, "string"));
      case "finditer" -> finditer(args.string(offset, "string"));
      case "sub" -> sub(args.get(offset, "repl"), args.string(offset + 1, "string"),
          args.integer(offset + 2, "count", 0)).get(0);
      case "subn" -> sub(args.get(offset, "repl"), args.string(offset + 1, "string"),
          args.integer(offset + 2, "count", 0));
      case "split" -> regex.split(args.string(offset, "string"),
          args.integer(offset + 1, "maxsplit", 0));
      default -> throw new IllegalArgumentException("no method " + name);
    };
  }

  private PyMatch match(String text, java.util.function.Predicate<Matcher> how) {
    Matcher matcher = regex.pattern().matcher(text);
    return how.test(matcher) ? new PyMatch(regex, matcher.toMatchResult(), text) : null;
  }

  /** No groups: the matches; one: that group's text; more: a list of the groups per match. */
  private List<Object> findall(String text) {
    List<Object> found = new ArrayList<>();
    Matcher matcher = regex.pattern().matcher(text);
    while (matcher.find()) {
      if (matcher.groupCount() == 0) {
        found.add(matcher.group());
      } else if (matcher.groupCount() == 1) {
        found.add(matcher.group(1) == null ? "" : matcher.group(1));
      } else {
        List<Object> groups = new ArrayList<>();
        for (int g = 1; g <= matcher.groupCount(); g++) {
          groups.add(matcher.group(g) == null ? "" : matcher.group(g));
        }
        found.add(groups);
      }
    }
    return found;
  }

  private List<Object> finditer(String text) {
    List<Object> found = new ArrayList<>();
    Matcher matcher = regex.pattern().matcher(text);
    while (matcher.find()) {
      found.add(new PyMatch(regex, matcher.toMatchResult(), text));
    }
    return found;
  }

  /** [the new text, the number of replacements]; {@code repl} is a template or a function. */
  private List<Object> sub(Object repl, String text, long count) {
    Matcher matcher = regex.pattern().matcher(text);
    StringBuilder out = new StringBuilder();
    long done = 0;
    int last = 0;
    while ((count <= 0 || done < count) && matcher.find()) {
      out.append(text, last, matcher.start());
      if (repl instanceof PyCallable function) {
        out.append(Iterables.str(function.call(new PyArgs(
            List.of(new PyMatch(regex, matcher.toMatchResult(), text)), java.util.Map.of(),
            ""))));
      } else {
        out.append(regex.expand(String.valueOf(repl), matcher));
      }
      last = matcher.end();
      done++;
    }
    out.append(text.substring(last));
    return List.of(out.toString(), done);
  }

  @Override
  public String typeName() {
    return "re.Pattern";
  }

  @Override
  public String toString() {
    return "re.compile('" + regex.source() + "')";
  }
}
