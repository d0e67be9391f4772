package dev.mds.template;

import dev.mds.template.MacroCatalog.MacroDefinition;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.NamedArgumentNode;
import io.pebbletemplates.pebble.node.PrintNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.TextNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.FunctionOrMacroInvocationExpression;
import java.util.List;

/**
 * What every call of one macro needs to know about it, worked out once per run instead of on each
 * call: its parameters, which of them have no default, the variables its body sets, and the name a
 * node's {@code depends_on} records for it. A package macro layered as dbt_utils' are runs a dozen
 * calls per model, and each call used to rebuild these (a stream, lists, a map, a string).
 */
final class MacroSignature {

  private final MacroDefinition macro;
  private final List<NamedArgumentNode> parameters;
  private final String[] names;
  private final List<String> nameList;
  private final boolean anyRequired;
  private final List<String> assigned;
  private final String dependencyName;
  private final boolean materialization;
  private final Expression<?> returned;
  private final int textBeforeReturn;

  MacroSignature(MacroDefinition macro) {
    this.macro = macro;
    List<NamedArgumentNode> declared = macro.node().getArgs().getNamedArgs();
    this.parameters = declared == null ? List.of() : List.copyOf(declared);
    this.names = new String[parameters.size()];
    boolean required = false;
    for (int i = 0; i < names.length; i++) {
      names[i] = parameters.get(i).getName();
      required |= parameters.get(i).getValueExpression() == null;
    }
    this.nameList = List.of(names);
    this.anyRequired = required;
    this.assigned = List.copyOf(dev.mds.template.jinja.Assignments.in(macro.node().getBody()));
    // A package's macro by its package, as dbt's depends_on names it (macro.dbt_utils.star).
    this.dependencyName = macro.packageName() == null
        || macro.packageName().equals(MacroCatalog.BUILTIN) ? macro.name()
        : macro.packageName() + "." + macro.name();
    this.materialization = macro.name().startsWith("materialization_");
    // dbt_utils' public macros are one {{ return(adapter.dispatch(...)(...)) }} each.
    Expression<?> alone = null;
    int text = 0;
    BodyNode body = macro.node().getBody();
    if (!body.isOnlyRenderInheritanceSafeNodes()) {
      for (RenderableNode child : body.getChildren()) {
        if (child.getClass() == TextNode.class) {
          text++;
          continue;
        }
        if (child.getClass() == PrintNode.class
            && ((PrintNode) child).getExpression() instanceof FunctionOrMacroInvocationExpression
                call && call.getClass() == FunctionOrMacroInvocationExpression.class
            && call.getFunctionName().equals("return") && onePositional(call.getArguments())) {
          alone = call.getArguments().getPositionalArgs().get(0).getValueExpression();
        }
        break;
      }
    }
    this.returned = alone;
    this.textBeforeReturn = text;
  }

  private static boolean onePositional(ArgumentsNode arguments) {
    return arguments.getPositionalArgs() != null && arguments.getPositionalArgs().size() == 1
        && (arguments.getNamedArgs() == null || arguments.getNamedArgs().isEmpty());
  }

  MacroDefinition macro() {
    return macro;
  }

  /** The declared parameters, in order. */
  List<NamedArgumentNode> parameters() {
    return parameters;
  }

  /** The parameters' names, in order. */
  List<String> names() {
    return nameList;
  }

  /** The name of the parameter at {@code index}. */
  String name(int index) {
    return names[index];
  }

  int parameterCount() {
    return names.length;
  }

  boolean isParameter(String name) {
    for (String parameter : names) {
      if (parameter.equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some parameter has no default (a call may then leave one missing). */
  boolean anyRequired() {
    return anyRequired;
  }

  /** The variables the body sets (with {@code set}, anywhere in it), in the order written. */
  List<String> assigned() {
    return assigned;
  }

  /** The name the calling node's {@code depends_on.macros} records. */
  String dependencyName() {
    return dependencyName;
  }

  /**
   * The value a body returns first thing, {@code {{ return(x) }}} after nothing but text: then a
   * call evaluates {@code x} and returns it, with no exception thrown to end the body (what
   * rendering the body would do, since the text before is thrown away with the output). Null for
   * any other body.
   */
  Expression<?> returnedAlone() {
    return returned;
  }

  /** How many text nodes come before the {@link #returnedAlone()} return. */
  int textBeforeReturn() {
    return textBeforeReturn;
  }

  /** A materialization's macro: its context ({@code sql}, hooks, ...) is its scope. */
  boolean isMaterialization() {
    return materialization;
  }
}
