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
  public ResolvedAttribute resolve(Object instance, Object attributeName, Object[] arguments,
      ArgumentsNode args, EvaluationContextImpl context, String filename, int lineNumber) {
    String name = String.valueOf(attributeName);
    if (instance instanceof MacroRuntime.MacroReference reference
        && name.equals(TokenRetyping.CALL)) {
      return new ResolvedAttribute(reference.call(arguments, context));
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
    if (name.equals(TokenRetyping.CALL)) {
      throw MdsException.at(filename + ":" + lineNumber, "'" + instance
          + "' is not a macro and cannot be called");
    }
    return null;
  }
}
