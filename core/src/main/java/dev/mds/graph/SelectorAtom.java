package dev.mds.graph;

import dev.mds.MdsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One selector criterion such as {@code 2+tag:nightly+}: a method and value, plus graph operators.
 *
 * @param parentsDepth generations of ancestors to add (0 none, MAX_VALUE all)
 * @param childrenDepth generations of descendants to add (0 none, MAX_VALUE all)
 * @param at {@code @}: descendants and all of their ancestors
 */
record SelectorAtom(String text, String method, String value, int parentsDepth, int childrenDepth,
    boolean at) {

  private static final Pattern SYNTAX =
      Pattern.compile("^(@)?(?:(\\d*)\\+)?([^+]+?)(?:\\+(\\d*))?$");
  private static final Set<String> METHODS = Set.of("fqn", "tag", "path", "file",
      "resource_type", "source", "package", "config", "test_name", "test_type", "unit_test",
      "state", "result", "group", "access", "version", "exposure",
      "source_status");

  static SelectorAtom parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new MdsException("Cannot read selector '" + text
          + "': expected e.g. name, +name, name+, 2+name+1, @name, tag:x, path:models/staging");
    }
    boolean at = m.group(1) != null;
    int parents = depth(m.group(2));
    int children = depth(m.group(4));
    if (at && parents > 0) {
      throw new MdsException("Selector '" + text + "': '@' and a leading '+' cannot be combined");
    }
    String body = m.group(3);
    String method = "fqn";
    String value = body;
    int colon = body.indexOf(':');
    if (colon > 0) {
      method = body.substring(0, colon);
      value = body.substring(colon + 1);
      String base = method.contains(".") ? method.substring(0, method.indexOf('.')) : method;
      if (base.equals("state") && !(value.equals("new") || value.equals("modified")
          || value.startsWith("modified.")
              && SelectionState.KINDS.contains(value.substring("modified.".length())))) {
        throw new MdsException("Selector '" + text + "': use state:new, state:modified or "
            + "state:modified.<kind> with kind one of " + new java.util.TreeSet<>(
                SelectionState.KINDS));
      }
      if (base.equals("source_status") && !value.equals("fresher")) {
        throw new MdsException("Selector '" + text + "': use source_status:fresher (sources with"
            + " newer data than in the --state folder's sources.json)");
      }
      if (!METHODS.contains(base)) {
        throw new MdsException("Selector '" + text + "': unknown method '" + method
            + "' (known: " + String.join(", ", new java.util.TreeSet<>(METHODS)) + ")");
      }
    } else if (body.contains("/") || body.endsWith(".sql") || body.endsWith(".csv")) {
      method = "path";
    }
    if (value.isEmpty()) {
      throw new MdsException("Selector '" + text + "' has no value after '" + method + ":'");
    }
    return new SelectorAtom(text, method, value, parents, children, at);
  }

  /** A graph operator's depth: absent 0, bare {@code +} unlimited, {@code 2+} two. */
  private static int depth(String digits) {
    if (digits == null) {
      return 0;
    }
    return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  /** Whether this criterion compares with a previous state ({@code state:}, {@code result:}). */
  boolean needsState() {
    return method.equals("state") || method.equals("result")
        || method.equals("source_status");
  }

  /** The nodes this atom selects, graph operators applied. */
  Set<String> select(Manifest manifest, java.util.Optional<SelectionState> state) {
    Set<String> matched = new LinkedHashSet<>();
    for (Node node : manifest.nodes().values()) {
      if (needsState() ? matchesState(node, state.orElseThrow())
          : matches(node, manifest.projectName())) {
        matched.add(node.uniqueId());
      }
    }
    Set<String> result = new LinkedHashSet<>(matched);
    DependencyGraph graph = manifest.graph();
    for (String id : matched) {
      if (parentsDepth > 0) {
        result.addAll(graph.ancestors(id, parentsDepth));
      }
      if (childrenDepth > 0 || at) {
        Set<String> descendants = graph.descendants(id, at ? Integer.MAX_VALUE : childrenDepth);
        result.addAll(descendants);
        if (at) {
          for (String d : descendants) {
            result.addAll(graph.ancestors(d, Integer.MAX_VALUE));
          }
        }
      }
    }
    return result;
  }

  private boolean matches(Node node, String projectName) {
    return switch (method) {
      case "fqn" -> matchesFqn(node, projectName);
      case "tag" -> node.tags().stream().anyMatch(t -> glob(value, t));
      case "path", "file" -> matchesPath(node);
      case "resource_type" -> node.resourceType().label().equals(value.toLowerCase(Locale.ROOT));
      case "package" -> !node.fqn().isEmpty() && value.equals(node.fqn().get(0));
      case "source" -> node instanceof Source s && (glob(value, s.sourceName())
          || glob(value, s.sourceName() + "." + s.name()));
      case "test_type" -> node instanceof DataTest t
          ? value.equals(t.isSingular() ? "singular" : "generic") || value.equals("data")
          : node instanceof UnitTest && value.equals("unit");
      case "unit_test" -> node instanceof UnitTest u && glob(value, u.name());
      case "test_name" -> node instanceof DataTest t && glob(value, t.testName());
      case "group" -> node.config().string("group").filter(g -> glob(value, g.trim()))
          .isPresent();
      case "access" -> node instanceof Model
          && value.equals(node.config().string("access").map(String::trim).orElse("protected"));
      case "version" -> node instanceof Model m && matchesVersion(m);
      case "exposure" -> node instanceof Exposure e && glob(value, e.name());
      default -> matchesConfig(node);
    };
  }

  private boolean matchesState(Node node, SelectionState state) {
    if (method.equals("source_status")) {
      return state.fresherSources().orElseThrow(() -> new MdsException("Selector '" + text
          + "' compares source freshness: it needs sources.json in the --state folder and in"
          + " target/ (run mds source freshness in both)")).contains(node.uniqueId());
    }
    if (method.equals("result")) {
      return value.equalsIgnoreCase(state.previousResults().getOrDefault(node.uniqueId(), ""));
    }
    if (value.equals("new")) {
      return state.newNodes().contains(node.uniqueId());
    }
    java.util.Optional<String> kind = value.startsWith("modified.")
        ? java.util.Optional.of(value.substring("modified.".length())) : java.util.Optional.empty();
    return state.isModified(node.uniqueId(), kind);
  }

  private boolean matchesConfig(Node node) {
    if (!method.startsWith("config.")) {
      return false;
    }
    String key = method.substring("config.".length());
    Object actual = key.equals("materialized") && node instanceof Model m ? m.materialized()
        : node.config().values().get(key);
    if (actual instanceof List<?> list) {
      return list.stream().anyMatch(v -> glob(value, String.valueOf(v)));
    }
    return actual != null && glob(value, String.valueOf(actual));
  }

  private boolean matchesFqn(Node node, String projectName) {
    // As in dbt, a bare name never picks a source table or an exposure: those are selected
    // with source: and exposure:.
    if (node instanceof Source || node instanceof Exposure) {
      return false;
    }
    if (glob(value, node.name())) {
      return true;
    }
    // A versioned model answers to its model name (all versions) and to name.v<v>.
    if (node instanceof Model m && m.version().isPresent()
        && (glob(value, m.version().get().modelName())
            || value.equals(m.version().get().modelName() + ".v" + m.version().get().version()))) {
      return true;
    }
    List<String> fqn = node.fqn();
    String[] parts = value.split("\\.");
    if (matchesPrefix(parts, fqn, 0)) {
      return true;
    }
    return fqn.size() > 1 && fqn.get(0).equals(projectName) && matchesPrefix(parts, fqn, 1);
  }

  private static boolean matchesPrefix(String[] parts, List<String> fqn, int offset) {
    if (parts.length > fqn.size() - offset) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      if (!glob(parts[i], fqn.get(offset + i))) {
        return false;
      }
    }
    return true;
  }

  /** dbt's {@code version:} method: latest, prerelease, old or none. */
  private boolean matchesVersion(Model model) {
    if (value.equals("none")) {
      return model.version().isEmpty();
    }
    return model.version().map(v -> v.kind().equals(value)).orElse(false);
  }

  private boolean matchesPath(Node node) {
    String file = node.file().replace('\\', '/');
    String wanted = value.replace('\\', '/');
    while (wanted.endsWith("/")) {
      wanted = wanted.substring(0, wanted.length() - 1);
    }
    if (file.equals(wanted) || file.startsWith(wanted + "/")) {
      return true;
    }
    if (wanted.contains("*") || wanted.contains("?")) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + wanted);
      return matcher.matches(Path.of(file));
    }
    int slash = file.indexOf('/');
    String belowResourcePath = slash < 0 ? file : file.substring(slash + 1);
    return belowResourcePath.equals(wanted) || belowResourcePath.startsWith(wanted + "/");
  }

  /** Shell-style wildcard match ({@code *} and {@code ?}). */
  static boolean glob(String pattern, String text) {
    if (!pattern.contains("*") && !pattern.contains("?")) {
      return pattern.equals(text);
    }
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return text.matches(regex.toString());
  }
}
