package dev.mds.template;

import dev.mds.MdsException;
import dev.mds.template.jinja.KeywordArgument;
import dev.mds.template.jinja.TokenRetyping;
import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;

/**
 * Method calls on the macro runtime's objects: {@code adapter.dispatch(...)}, and calling the macro
 * it returns ({@code adapter.dispatch('x')(args)}, which the lexer rewrite turns into a
 * {@code __call__} attribute).
 */
final class RuntimeAttributes implements AttributeResolver {

  private final MacroRuntime runtime;

  RuntimeAttributes(MacroRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  @SuppressWarnings("unchecked")
  public ResolvedAttribute resolve(Object instance, Object attributeName, Object[] arguments,
      ArgumentsNode args, EvaluationContextImpl context, String filename, int lineNumber) {
    String name = String.valueOf(attributeName);
    if (instance instanceof MacroRuntime.MacroReference reference
        && name.equals(TokenRetyping.CALL)) {
      return new ResolvedAttribute(reference.call(arguments, args, context, filename,
          lineNumber));
    }
    if (instance instanceof Adapter && name.equals("dispatch")) {
      KeywordArgument.Split split = KeywordArgument.split(arguments);
      Object macro = split.get("macro_name", 0);
      if (macro == null) {
        throw MdsException.at(filename + ":" + lineNumber,
            "adapter.dispatch() needs the macro's name");
      }
      Object namespace = split.get("macro_namespace", 1);
      return new ResolvedAttribute(new MacroRuntime.MacroReference(runtime,
          runtime.dispatch(String.valueOf(macro), namespace == null ? null
              : String.valueOf(namespace), filename, lineNumber)));
    }
    if (instance instanceof Adapter adapter && arguments != null) {
      Object answer = adapter.call(name, KeywordArgument.split(arguments));
      if (answer != Adapter.UNKNOWN) {
        return new ResolvedAttribute(answer);
      }
      throw MdsException.at(filename + ":" + lineNumber, "adapter." + name
          + "() is not available in mds");
    }
    if (instance instanceof java.util.Map<?, ?> map && arguments == null
        && !(attributeName instanceof Number) && !map.containsKey(attributeName)) {
      // Jinja: a key a dict lacks is undefined (empty, false), not an error; dbt code reads
      // optional keys this way ({% if model.config.contract %}).
      return new ResolvedAttribute(null);
    }
    if (instance instanceof ThisRelation.RelationLike relation && arguments == null
        && java.util.Set.of("database", "schema", "identifier", "name", "table", "type",
            "is_table", "is_view").contains(name)) {
      return new ResolvedAttribute(relation.attribute(name));
    }
    if (arguments == null && name.equals("is_cte")) {
      if (instance instanceof ThisRelation.RelationLike relation) {
        return new ResolvedAttribute(relation.isCte());
      }
      if (instance instanceof ThisRelation self) {
        return new ResolvedAttribute(self.current() instanceof ThisRelation.RelationLike r
            && r.isCte());
      }
    }
    if (instance instanceof QueryTable.Row row && arguments == null
        && !(attributeName instanceof Number)) {
      return new ResolvedAttribute(row.named(name));
    }
    if (instance instanceof QueryTable.Columns columns && arguments == null
        && !(attributeName instanceof Number)) {
      return new ResolvedAttribute(columns.named(name));
    }
    if (instance instanceof NodeView.Config config && arguments != null) {
      KeywordArgument.Split split = KeywordArgument.split(arguments);
      String key = String.valueOf(split.get("name", 0));
      return switch (name) {
        case "get" -> new ResolvedAttribute(config.get(key, split.get("default", 1)));
        case "require" -> new ResolvedAttribute(config.require(key, filename + ":" + lineNumber));
        default -> throw MdsException.at(filename + ":" + lineNumber, "config." + name
            + "() is not available in mds (config.get and config.require are)");
      };
    }
    if (instance instanceof Adapter.RelationFactory factory && name.equals("create")) {
      return new ResolvedAttribute(factory.create(KeywordArgument.split(arguments)));
    }
    if (instance instanceof Adapter.RelationFactory && name.equals("add_ephemeral_prefix")) {
      return new ResolvedAttribute(ThisRelation.RelationLike.EPHEMERAL_PREFIX
          + KeywordArgument.split(arguments).get("name", 0));
    }
    if ((instance instanceof ThisRelation.RelationLike || instance instanceof ThisRelation)
        && arguments != null) {
      TemplateRelation relation = TemplateRelation.from(instance);
      KeywordArgument.Split split = KeywordArgument.split(arguments);
      switch (name) {
        case "include" -> {
          return new ResolvedAttribute(relation.include(split.keywords()));
        }
        case "render", "quote" -> {
          return new ResolvedAttribute(relation.toString());
        }
        case "incorporate" -> {
          java.util.Map<String, Object> path = split.get("path", 0) instanceof java.util.Map<?, ?> m
              ? (java.util.Map<String, Object>) m : java.util.Map.of();
          Object type = split.get("type", 1);
          return new ResolvedAttribute(TemplateRelation.of(
              (String) path.getOrDefault("database", relation.database()),
              (String) path.getOrDefault("schema", relation.schema()),
              (String) path.getOrDefault("identifier", relation.identifier()),
              type == null ? relation.type() : String.valueOf(type)));
        }
        default -> {
        }
      }
    }
    if (name.equals(TokenRetyping.CALL)) {
      throw MdsException.at(filename + ":" + lineNumber, "'" + instance
          + "' is not a macro and cannot be called");
    }
    return null;
  }
}
