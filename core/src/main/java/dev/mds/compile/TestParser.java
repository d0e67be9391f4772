package dev.mds.compile;

import dev.mds.MdsException;
import dev.mds.graph.DataTest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.RefCall;
import dev.mds.graph.Relation;
import dev.mds.graph.Seed;
import dev.mds.graph.Source;
import dev.mds.graph.SourceCall;
import dev.mds.project.NodeConfig;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.schema.ColumnSpec;
import dev.mds.schema.NodeProperties;
import dev.mds.schema.SchemaSpecs;
import dev.mds.schema.SourceSpec;
import dev.mds.schema.SourceTableSpec;
import dev.mds.schema.TestSpec;
import dev.mds.template.TemplateEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the tests declared in schema YAML, and the SQL files under the test paths, into
 * {@link DataTest} nodes with dbt's names and their dependencies.
 */
final class TestParser {

  /** A YAML argument such as {@code to: ref('customers')} is a template expression, as in dbt. */
  static final Pattern CALL = Pattern.compile("^\\s*(ref|source)\\s*\\(.*\\)\\s*$",
      Pattern.DOTALL);

  /** Resolves refs and source calls to unique ids, or fails naming the requester. */
  interface Dependencies {
    List<String> resolve(String requester, List<RefCall> refs, List<SourceCall> sources);
  }

  private final Project project;
  private final TemplateEngine templates;
  private final SchemaSpecs schema;
  private final Dependencies dependencies;
  private final Set<String> names = new HashSet<>();
  private final Map<String, Set<String>> macroUses;
  private final List<MdsException> errors;
  /** The parse's listing of the project's folders. */
  private final ProjectFiles files;
  private final Map<String, List<String>> foldersBySchemaFile = new java.util.HashMap<>();

  /**
   * @param macroUses filled with the project macros each test uses
   * @param errors filled with each test's error; the others are still parsed
   */
  TestParser(Project project, ProjectFiles files, TemplateEngine templates, SchemaSpecs schema,
      Dependencies dependencies, Map<String, Set<String>> macroUses, List<MdsException> errors) {
    this.files = files;
    this.macroUses = macroUses;
    this.errors = errors;
    this.project = project;
    this.templates = templates;
    this.schema = schema;
    this.dependencies = dependencies;
  }

  List<DataTest> parse(Map<String, Node> byName, Map<String, Source> sources) {
    List<DataTest> tests = new ArrayList<>();
    for (NodeProperties props : schema.models().values()) {
      if (byName.get(props.name()) instanceof Model model) {
        generic(props.tests(), props.columns(), model, false, tests);
      }
    }
    for (NodeProperties props : schema.snapshots().values()) {
      if (byName.get(props.name()) instanceof Model snapshot && snapshot.isSnapshot()) {
        generic(props.tests(), props.columns(), snapshot, false, tests);
      }
    }
    for (NodeProperties props : schema.seeds().values()) {
      if (byName.get(props.name()) instanceof Seed seed) {
        generic(props.tests(), props.columns(), seed, false, tests);
      }
    }
    for (SourceSpec spec : schema.sources()) {
      for (SourceTableSpec table : spec.tables()) {
        Source source = sources.get(spec.name() + "." + table.name());
        if (source != null) {
          generic(table.tests(), table.columns(), source, true, tests);
        }
      }
    }
    for (Path file : files.singularTests()) {
      try {
        singular(file).ifPresent(tests::add);
      } catch (MdsException e) {
        errors.add(e);
      }
    }
    return tests;
  }

  private void generic(List<TestSpec> nodeTests, List<ColumnSpec> columns, Node target,
      boolean isSource, List<DataTest> into) {
    List<TestSpec> all = new ArrayList<>(nodeTests);
    for (ColumnSpec column : columns) {
      all.addAll(column.tests());
    }
    all.addAll(GrainTests.missing(target, all, schemaFile(target)));
    for (TestSpec spec : all) {
      try {
        generic(spec, target, isSource).ifPresent(into::add);
      } catch (MdsException e) {
        errors.add(e);
      }
    }
  }

  /** The schema YAML that describes a node (a source's is where it is declared). */
  private String schemaFile(Node target) {
    Optional<NodeProperties> props = target instanceof Seed ? schema.seed(target.name())
        : target instanceof Model m && m.isSnapshot() ? schema.snapshot(target.name())
        : target instanceof Model ? schema.model(target.name()) : Optional.empty();
    return props.map(NodeProperties::file).orElse(target.file());
  }

  private Optional<DataTest> generic(TestSpec spec, Node target, boolean isSource) {
    String full = spec.testName();
    int dot = full.lastIndexOf('.');
    String namespace = dot < 0 ? "" : full.substring(0, dot);
    String testName = dot < 0 ? full : full.substring(dot + 1);
    String targetLabel = target.resourceType().label() + " '" + target.name() + "'";
    if (!templates.hasTest(testName)) {
      throw MdsException.at(spec.file(), "unknown test '" + full + "' on " + targetLabel
          + ": built in are unique, not_null, accepted_values, relationships,"
          + " unique_combination_of_columns, accepted_range, expression_is_true; define others"
          + " with {% test " + testName + "(model, column_name) %} in macros/ or tests/generic/");
    }
    Map<String, Object> arguments = new LinkedHashMap<>(spec.arguments());
    // The column as SQL: quoted unless plain or `quote: false` (Relation.column says why).
    spec.columnSql().ifPresent(column -> arguments.put("column_name", column));
    templates.checkTestArguments(testName, arguments.keySet(), spec.file());
    List<String> folders = folders(spec.file());
    // As dbt, a test's own config values are templates rendered natively while parsing:
    // enabled: "{{ var('strict', true) }}" is a boolean, where: "day > '{{ var('start') }}'" text.
    Map<String, Object> ownConfig = new LinkedHashMap<>();
    ParseContext configContext = new ParseContext(project.target(), project.target().schema(), testName,
        Map.of(), List.of(project.name()), spec.file());
    spec.config().forEach((key, value) ->
        ownConfig.put(key, templates.renderValue(value, spec.file(), configContext)));
    NodeConfig folderConfig = project.config().tests().resolve(folders);
    if (!folderConfig.merge(ownConfig).enabled()) {
      return Optional.empty();
    }
    String targetName = target instanceof Source source
        ? source.sourceName() + "_" + source.name() : target.name();
    String name = TestNames.generic(namespace, testName, targetName, isSource, arguments);
    name = spec.customName().orElse(name);
    ParseContext context = new ParseContext(project.target(), project.target().schema(), name,
        Map.of(), List.of(project.name()), spec.file());
    Map<String, Object> rendered = new LinkedHashMap<>();
    for (Map.Entry<String, Object> argument : arguments.entrySet()) {
      Object value = argument.getValue();
      if (value instanceof String text && CALL.matcher(text).matches()) {
        rendered.put(argument.getKey(),
            templates.renderText("{{ " + text + " }}", spec.file(), context));
      } else {
        // Templated arguments render now too, so their refs are parents and a missing var is a
        // parse error naming the YAML file.
        rendered.put(argument.getKey(), templates.renderValue(value, spec.file(), context));
      }
    }
    // dbt renders the test's macro while parsing, so config() inside it (dbt_utils'
    // equal_rowcount sets fail_calc) is part of the test's config: over the project's folder
    // configs, under the test's own YAML config.
    Map<String, Object> macroConfig = macroConfig(testName, rendered, target, spec.file(), name);
    NodeConfig config = folderConfig.merge(macroConfig).merge(ownConfig);
    if (!config.enabled()) {
      return Optional.empty();
    }
    name = unique(name);
    List<RefCall> refs = new ArrayList<>();
    context.refs().forEach(r -> refs.add(new RefCall(r.packageName(), r.name(), spec.file(), 0)));
    List<SourceCall> calls = new ArrayList<>();
    context.sources().forEach(c -> calls.add(new SourceCall(c.sourceName(), c.tableName(),
        spec.file(), 0)));
    List<String> parents = new ArrayList<>();
    parents.add(target.uniqueId());
    for (String id : dependencies.resolve("test '" + name + "'", refs, calls)) {
      if (!parents.contains(id)) {
        parents.add(id);
      }
    }
    Set<String> used = new java.util.TreeSet<>(context.macros());
    used.addAll(macroCalls);
    macroCalls.clear();
    // A package's test as dbt names it (macro.dbt_utils.test_equal_rowcount).
    used.add((namespace.isEmpty() ? "" : namespace + ".") + "test_" + testName);
    macroUses.put("test." + project.name() + "." + name, used);
    return Optional.of(new DataTest("test." + project.name() + "." + name, name, spec.file(),
        fqn(folders, name), config, "", testName, Optional.of(target.uniqueId()),
        spec.columnName(), arguments, parents, auditRelation(name), "", refs, calls,
        FileChecksum.of(full + arguments + spec.config())));
  }

  /** The macros the last {@link #macroConfig} render called, for the test's macro uses. */
  private final Set<String> macroCalls = new java.util.TreeSet<>();

  /**
   * The {@code config()} calls a generic test's macro makes when rendered as dbt's parse does
   * ({@code execute} false). Its refs are not the test's parents (its arguments' are); a macro
   * that fails here is reported when the test compiles, where its error names the test.
   */
  private Map<String, Object> macroConfig(String testName, Map<String, Object> arguments,
      Node target, String file, String name) {
    macroCalls.clear();
    if (templates.isOwnTest(testName)) {
      return Map.of();
    }
    Map<String, Object> withModel = new LinkedHashMap<>(arguments);
    withModel.put("model", target instanceof Source source
        ? project.target().relation(Optional.empty(), source.sourceName(), source.name())
        : project.target().relation(Optional.empty(), project.target().schema(), target.name()));
    ParseContext macroContext = new ParseContext(project.target(), project.target().schema(),
        name);
    try {
      templates.renderTest(testName, withModel, file, macroContext);
    } catch (RuntimeException e) {
      // Compiling the test renders it again, with execute true, and reports the error then.
    }
    macroCalls.addAll(macroContext.macros());
    return macroContext.config();
  }

  private Optional<DataTest> singular(Path file) {
    String name = ProjectParser.baseName(file);
    String display = project.display(file);
    ParseContext context = new ParseContext(project.target(), project.target().schema(), name,
        Map.of(), List.of(project.name()), project.display(file));
    templates.render(file, context);
    NodeConfig config = ProjectParser.folderConfig(project, project.config().tests(), file,
        project.config().testPaths()).merge(context.config());
    if (!config.enabled()) {
      return Optional.empty();
    }
    List<String> parents = dependencies.resolve("test '" + name + "'", context.refs(),
        context.sources());
    String raw = ProjectFiles.read(project, file);
    String unique = unique(name);
    macroUses.put("test." + project.name() + "." + unique, Set.copyOf(context.macros()));
    return Optional.of(new DataTest("test." + project.name() + "." + unique, unique, display,
        ProjectParser.fqn(project, file, project.config().testPaths()), config, "", "singular",
        parents.size() == 1 ? Optional.of(parents.get(0)) : Optional.empty(), Optional.empty(),
        Map.of(), parents, auditRelation(unique), raw, List.copyOf(context.refs()),
        List.copyOf(context.sources()), FileChecksum.of(raw)));
  }

  /**
   * The folders between a schema file's resource path and the file: as in dbt, they are part of
   * its generic tests' fqn, so {@code tests:} folder configs in the project file reach them.
   */
  private List<String> folders(String schemaFile) {
    // Asked once per test, for the few schema files there are.
    return foldersBySchemaFile.computeIfAbsent(schemaFile, this::foldersOf);
  }

  private List<String> foldersOf(String schemaFile) {
    List<String> fqn = ProjectParser.fqn(project, project.located(schemaFile),
        files.schemaPaths());
    return List.copyOf(fqn.subList(1, fqn.size() - 1));
  }

  private List<String> fqn(List<String> folders, String name) {
    List<String> fqn = new ArrayList<>();
    fqn.add(project.name());
    fqn.addAll(folders);
    fqn.add(name);
    return fqn;
  }

  /** Where {@code store_failures} keeps a test's failing rows: {@code <schema>_audit}. */
  private Relation auditRelation(String name) {
    return project.target().relation(Optional.empty(), project.target().schema() + "_audit", name);
  }

  private String unique(String name) {
    String candidate = name;
    for (int i = 2; !names.add(candidate); i++) {
      candidate = name + "_" + i;
    }
    return candidate;
  }
}
