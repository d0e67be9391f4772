package dev.mds.template.context;

import java.util.LinkedHashMap;
import java.util.Map;

/** Python's {@code re} module as {@code modules.re}, on java.util.regex (see {@link PythonRegex}). */
final class RegexModule {

  private RegexModule() {
  }

  static Map<String, Object> module() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("compile", (PyCallable) args -> new PyPattern(PythonRegex.compile(
        pattern(args), args.integer(1, "flags", 0))));
    // The module functions: the pattern first, then the method's arguments, then flags.
    Map<String, Integer> flagsAt = Map.of("match", 2, "search", 2, "fullmatch", 2, "findall", 2,
        "finditer", 2, "split", 3, "sub", 4, "subn", 4);
    flagsAt.forEach((name, at) -> members.put(name, (PyCallable) args -> new PyPattern(
        PythonRegex.compile(pattern(args), args.integer(at, "flags", 0))).call(name, args, 1)));
    members.put("escape", (PyCallable) args -> PythonRegex.escape(args.string(0, "pattern")));
    members.put("purge", (PyCallable) args -> null);
    long[] values = {PythonRegex.IGNORECASE, PythonRegex.LOCALE, PythonRegex.MULTILINE,
        PythonRegex.DOTALL, PythonRegex.UNICODE, PythonRegex.VERBOSE, PythonRegex.ASCII};
    String[][] names = {{"I", "IGNORECASE"}, {"L", "LOCALE"}, {"M", "MULTILINE"},
        {"S", "DOTALL"}, {"U", "UNICODE"}, {"X", "VERBOSE"}, {"A", "ASCII"}};
    for (int i = 0; i < values.length; i++) {
      for (String name : names[i]) {
        members.put(name, values[i]);
      }
    }
    members.put("NOFLAG", 0L);
    return members;
  }

  /** The pattern argument: text, or an already compiled pattern. */
  private static String pattern(PyArgs args) {
    Object pattern = args.required(0, "pattern");
    return pattern instanceof PyPattern compiled ? compiled.regex().source()
        : String.valueOf(pattern);
  }
}
