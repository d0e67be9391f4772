package dev.mds.template;

import dev.mds.template.jinja.JinjaCompatExtension;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dbt context for templates: ref, source, config, var, env_var, this, target and friends. */
final class MdsExtension extends AbstractExtension {

  private final Map<String, Function> functions;
  private final Map<String, Object> globals;
  private final List<TokenParser> tags;
  private final List<NodeVisitorFactory> visitors;

  MdsExtension(Map<String, Object> vars, Map<String, String> environment,
      Map<String, Object> target, String projectName, DocsCollector docs, MacroCatalog macros) {
    functions = new LinkedHashMap<>();
    functions.put("ref", new RefFunction());
    functions.put("source", new SourceFunction());
    functions.put("config", new ConfigFunction());
    functions.put("var", new VarFunction(vars));
    functions.put("env_var", new EnvVarFunction(environment));
    functions.put("is_incremental", new IsIncrementalFunction());
    functions.put("doc", new DocFunction(docs.blocks()));
    globals = new LinkedHashMap<>();
    globals.put("this", new ThisRelation());
    globals.put("target", target);
    globals.put("project_name", projectName);
    tags = List.of(JinjaCompatExtension.retyping(new DocsTokenParser(docs)),
        JinjaCompatExtension.retyping(MacroDefinitionParser.tests()),
        JinjaCompatExtension.retyping(MacroDefinitionParser.macros()));
    visitors = List.of(macros);
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
}
