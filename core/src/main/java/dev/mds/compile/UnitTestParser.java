package dev.mds.compile;

import dev.mds.MdsException;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.UnitTest;
import dev.mds.project.NodeConfig;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.project.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code unit_tests:} from schema YAML into {@link UnitTest}s: each names an enabled model,
 * its fixtures ({@code dict} rows, {@code csv} or {@code sql} text, inline or a file under a test
 * path's {@code fixtures/}) and its overrides.
 */
final class UnitTestParser {

  private static final Set<String> FORMATS = Set.of("dict", "csv", "sql");

  private final Project project;
  private final ProjectFiles files;
  private final List<MdsException> errors;

  UnitTestParser(Project project, ProjectFiles files, List<MdsException> errors) {
    this.project = project;
    this.files = files;
    this.errors = errors;
  }

  /** @param nodes the project's nodes, models with their dependencies resolved */
  List<UnitTest> parse(List<Node> nodes) {
    Map<String, Node> byName = new LinkedHashMap<>();
    for (Node node : nodes) {
      if (node instanceof Model model && model.fqn().size() > 0
          && model.fqn().get(0).equals(project.name())) {
        byName.put(model.name(), model);
      }
    }
    List<UnitTest> tests = new ArrayList<>();
    YamlReader reader = new YamlReader(project.root());
    for (Path file : files.schemaFiles()) {
      String location = project.display(file);
      Object entries;
      try {
        String text = reader.readText(file);
        // Most schema files have none: they are not parsed a second time.
        if (!text.contains("unit_tests")) {
          continue;
        }
        entries = YamlReader.parseMap(text, location).get("unit_tests");
      } catch (MdsException e) {
        continue; // the schema loader reports a file it cannot read
      }
      if (entries == null) {
        continue;
      }
      if (!(entries instanceof List<?> list)) {
        errors.add(MdsException.at(location, "unit_tests: must be a list of unit tests"));
        continue;
      }
      for (Object entry : list) {
        try {
          if (!(entry instanceof Map<?, ?> map)) {
            throw MdsException.at(location, "each entry under unit_tests: must be a mapping with"
                + " name, model, given and expect");
          }
          unitTest(map, location, byName).ifPresent(tests::add);
        } catch (MdsException e) {
          errors.add(e);
        }
      }
    }
    return tests;
  }

  private Optional<UnitTest> unitTest(Map<?, ?> entry, String location,
      Map<String, Node> byName) {
    String name = required(entry, "name", location, "a unit test");
    String where = "unit test '" + name + "'";
    String modelName = required(entry, "model", location, where);
    Map<String, Object> config = map(entry.get("config"), location, where + " config");
    if ("false".equalsIgnoreCase(String.valueOf(config.getOrDefault("enabled", "true")))) {
      return Optional.empty();
    }
    Node node = VersionedRefs.resolve(byName, modelName);
    if (!(node instanceof Model model) || model.isSnapshot()) {
      throw MdsException.at(location, where + " tests model '" + modelName
          + "', which is not an enabled model of this project");
    }
    List<UnitTest.Fixture> given = new ArrayList<>();
    Object givenValue = entry.get("given");
    if (givenValue != null && !(givenValue instanceof List<?>)) {
      throw MdsException.at(location, where + ": given must be a list of inputs");
    }
    for (Object input : givenValue == null ? List.<Object>of() : (List<?>) givenValue) {
      Map<String, Object> fixture = map(input, location, where + " given entry");
      Object inputName = fixture.get("input");
      if (inputName == null) {
        throw MdsException.at(location, where + ": each given entry needs input: (ref('x'),"
            + " source('a', 'b') or this)");
      }
      given.add(fixture(fixture, String.valueOf(inputName).strip(), location, where));
    }
    if (entry.get("expect") == null) {
      throw MdsException.at(location, where + " has no expect: (the rows the model returns)");
    }
    UnitTest.Fixture expect = fixture(map(entry.get("expect"), location, where + " expect"), "",
        location, where);
    Map<String, Object> overrides = map(entry.get("overrides"), location, where + " overrides");
    Map<String, String> env = new LinkedHashMap<>();
    map(overrides.get("env_vars"), location, where + " env_vars")
        .forEach((k, v) -> env.put(k, v == null ? null : String.valueOf(v)));
    Object description = entry.get("description");
    List<String> fqn = new ArrayList<>(model.fqn().subList(0, Math.max(0, model.fqn().size() - 1)));
    fqn.add(model.name());
    fqn.add(name);
    return Optional.of(new UnitTest("unit_test." + project.name() + "." + model.name() + "."
        + name, name, location, List.copyOf(fqn), new NodeConfig(config),
        description == null ? "" : String.valueOf(description), model.uniqueId(),
        model.dependsOn(), List.copyOf(given), expect,
        map(overrides.get("macros"), location, where + " macros"),
        map(overrides.get("vars"), location, where + " vars"), env));
  }

  private UnitTest.Fixture fixture(Map<String, Object> raw, String input, String location,
      String where) {
    String format = String.valueOf(raw.getOrDefault("format", "dict")).strip().toLowerCase(
        java.util.Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw MdsException.at(location, where + " has format: " + format
          + "; use dict, csv or sql");
    }
    Object fixtureName = raw.get("fixture");
    if (fixtureName != null) {
      if (format.equals("dict")) {
        throw MdsException.at(location, where + " names fixture '" + fixtureName
            + "' with format dict; a fixture file is csv or sql: set format: csv or format: sql");
      }
      Path file = fixtureFile(String.valueOf(fixtureName), format, location, where);
      try {
        return new UnitTest.Fixture(input, format, Files.readString(file),
            Optional.of(project.display(file)));
      } catch (IOException e) {
        throw MdsException.at(project.display(file), "cannot read the fixture: " + e.getMessage());
      }
    }
    Object rows = raw.get("rows");
    if (format.equals("dict")) {
      List<Map<String, Object>> list = new ArrayList<>();
      if (rows != null && !(rows instanceof List<?>)) {
        throw MdsException.at(location, where + ": rows of format dict must be a list of"
            + " mappings, one per row");
      }
      for (Object row : rows == null ? List.of() : (List<?>) rows) {
        list.add(map(row, location, where + " row"));
      }
      return new UnitTest.Fixture(input, format, List.copyOf(list), Optional.empty());
    }
    if (rows != null && !(rows instanceof String)) {
      throw MdsException.at(location, where + ": rows of format " + format
          + " must be text (use a | block)");
    }
    if (format.equals("sql") && (rows == null || String.valueOf(rows).isBlank())) {
      throw MdsException.at(location, where + ": a sql fixture needs rows: with a select");
    }
    return new UnitTest.Fixture(input, format, rows == null ? "" : rows, Optional.empty());
  }

  /** dbt looks for fixtures under each test path's {@code fixtures/}, in subfolders too. */
  private Path fixtureFile(String name, String format, String location, String where) {
    String fileName = name + "." + format;
    for (String dir : project.config().testPaths()) {
      Path fixtures = project.resolve(dir).resolve("fixtures");
      if (!Files.isDirectory(fixtures)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(fixtures)) {
        Optional<Path> found = walk.filter(p -> p.getFileName().toString().equals(fileName))
            .sorted().findFirst();
        if (found.isPresent()) {
          return found.get();
        }
      } catch (IOException e) {
        throw MdsException.at(location, "cannot list " + fixtures + ": " + e.getMessage());
      }
    }
    throw MdsException.at(location, where + " names fixture '" + name + "', but there is no "
        + fileName + " under " + String.join(", ", project.config().testPaths().stream()
            .map(d -> d + "/fixtures/").toList()));
  }

  private static String required(Map<?, ?> entry, String key, String location, String what) {
    Object value = entry.get(key);
    if (value == null || String.valueOf(value).isBlank()) {
      throw MdsException.at(location, what + " has no " + key + ":");
    }
    return String.valueOf(value).strip();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String location, String what) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw MdsException.at(location, what + " must be a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
