package dev.mds.template;

import dev.mds.template.jinja.JinjaCompatExtension;
import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dbt context for templates: ref, source, config, var, env_var, this, target and friends, and
 * the macro runtime (each macro a function, {@code return}, {@code adapter.dispatch}).
 */
final class MdsExtension extends AbstractExtension {

  private final Map<String, Function> functions;
  private final Map<String, Object> globals;
  private final List<TokenParser> tags;
  private final List<NodeVisitorFactory> visitors;
  private final List<AttributeResolver> resolvers;
  private final TemplateAssignments assignments = new TemplateAssignments();

  /**
   * @param jinja the Jinja extension whose lexer rewrite our tags apply too
   * @param runtime the macro runtime, or null while the macro files themselves are compiled
   */
  MdsExtension(Map<String, Object> vars, Map<String, String> environment,
      Map<String, Object> target, String projectName, DocsCollector docs, MacroCatalog macros,
      JinjaCompatExtension jinja, MacroRuntime runtime) {
    this(vars, Map.of(), environment, target, projectName, docs, macros, jinja, runtime);
  }

  /** @param packageVars each installed package's vars, for its own nodes */
  MdsExtension(Map<String, Object> vars, Map<String, Map<String, Object>> packageVars,
      Map<String, String> environment, Map<String, Object> target, String projectName,
      DocsCollector docs, MacroCatalog macros, JinjaCompatExtension jinja, MacroRuntime runtime) {
    this(vars, packageVars, environment, target, projectName, docs, macros, jinja, runtime,
        dev.mds.graph.Quoting.DOUBLE_QUOTES);
  }

  /** @param quoting how the target's engine quotes identifiers ({@code adapter.quote}) */
  MdsExtension(Map<String, Object> vars, Map<String, Map<String, Object>> packageVars,
      Map<String, String> environment, Map<String, Object> target, String projectName,
      DocsCollector docs, MacroCatalog macros, JinjaCompatExtension jinja, MacroRuntime runtime,
      dev.mds.graph.Quoting quoting) {
    functions = new LinkedHashMap<>();
    if (runtime != null) {
      // Macros first, so that mds's own functions keep their names.
      functions.putAll(runtime.functions());
    }
    functions.put("ref", new RefFunction());
    functions.put("source", new SourceFunction());
    functions.put("config", new ConfigFunction());
    functions.put("var", new VarFunction(vars, packageVars));
    functions.put("env_var", new EnvVarFunction(environment));
    functions.put("is_incremental", new IsIncrementalFunction());
    functions.put("doc", new DocFunction(docs.blocks()));
    functions.put("return", new MacroReturn.ReturnFunction());
    functions.put("run_query", new Statements.RunQuery());
    functions.put("statement", new Statements.Statement());
    functions.put("load_result", new Statements.LoadResult());
    globals = new LinkedHashMap<>();
    globals.put("this", new ThisRelation());
    globals.put("target", target);
    globals.put("project_name", projectName);
    globals.put("adapter", new Adapter(
        String.valueOf(target.getOrDefault("type", "duckdb")), quoting));
    globals.put("execute", new ExecuteFlag());
    globals.put("api", new Adapter.Api());
    globals.put("model", new NodeView(NodeContext::model));
    globals.put("graph", new NodeView(NodeContext::graph));
    // Macros cannot see a render's variables: those an on-run-end hook calls read it here.
    globals.put("results", new NodeView.Results());
    globals.put("config", new NodeView.Config());
    tags = List.of(jinja.retyping(new DocsTokenParser(docs)),
        jinja.retyping(MacroDefinitionParser.tests()),
        jinja.retyping(MacroDefinitionParser.macros()),
        jinja.retyping(MacroDefinitionParser.materializations()),
        jinja.retyping(new SnapshotTokenParser()));
    visitors = List.of(macros, assignments, new MissingArguments());
    resolvers = runtime == null ? List.of() : List.of(new RuntimeAttributes(runtime));
  }

  /** The variables each template this extension's engine compiled sets. */
  TemplateAssignments assignments() {
    return assignments;
  }

  @Override
  public Map<String, Function> getFunctions() {
    return functions;
  }

  @Override
  public Map<String, Object> getGlobalVariables() {
    return globals;
  }

  @Override
  public List<TokenParser> getTokenParsers() {
    return tags;
  }

  @Override
  public List<NodeVisitorFactory> getNodeVisitors() {
    return visitors;
  }

  @Override
  public List<AttributeResolver> getAttributeResolver() {
    return resolvers;
  }
}
