package dev.mds.template;

import dev.mds.MdsException;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.node.NamedArgumentNode;
import io.pebbletemplates.pebble.node.PositionalArgumentNode;
import io.pebbletemplates.pebble.node.PrintNode;
import io.pebbletemplates.pebble.node.expression.ContextVariableExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A macro called with fewer arguments than it has parameters without defaults. Jinja leaves such
 * a parameter undefined: it tests as not defined, false and (in mds, as before) none, and is
 * passed on as such, so macros with optional parameters keep working; but printing it,
 * {@code {{ column }}}, gives the empty text that later surfaces as a database error far from the
 * cause. That print is an error naming the macro, the parameter and the call instead.
 */
final class MissingArguments implements NodeVisitorFactory {

  /**
   * The scope entry a macro's arguments carry their missing ones in; not a name a template can
   * write, so no template can read or shadow it.
   */
  private static final String SCOPE_KEY = "\0missing arguments";

  /** Where a parameter went missing: the macro, its parameters and the call that left it out. */
  record Missing(String macro, List<String> parameters, String argument, String call) {

    MdsException printed(String at) {
      return MdsException.at(call, "macro '" + macro + "' is called without its argument '"
          + argument + "' (it takes " + String.join(", ", parameters) + "), and " + at
          + " prints it");
    }
  }

  /**
   * Records in a macro's argument scope which of its parameters the call left out (and have no
   * default), and which it received from a caller's own missing ones passed straight on.
   */
  static void record(Map<String, Object> arguments, Map<String, Missing> missing) {
    if (!missing.isEmpty()) {
      arguments.put(SCOPE_KEY, Map.copyOf(missing));
    }
  }

  /**
   * The parameters the call of a macro at {@code file}:{@code line} leaves out and have no
   * default, or null when it leaves out none.
   */
  static Map<String, Missing> of(MacroSignature macro, Map<String, Object> arguments, String file,
      int line) {
    Map<String, Missing> missing = null;
    for (NamedArgumentNode parameter : macro.parameters()) {
      if (parameter.getValueExpression() == null && !arguments.containsKey(parameter.getName())) {
        if (missing == null) {
          missing = new HashMap<>();
        }
        missing.put(parameter.getName(), new Missing(macro.macro().name(), macro.names(),
            parameter.getName(), file + ":" + line));
      }
    }
    return missing;
  }

  /**
   * The caller's missing arguments that a call passes on positionally as bare names,
   * {@code adapter.dispatch('x')(a, b)} in a macro called without {@code b}: by the position
   * they are passed at, so that the macro receiving them reports the first call.
   */
  static Map<Integer, Missing> passedOn(ArgumentsNode args, EvaluationContextImpl caller) {
    Map<String, Missing> known = in(caller);
    if (known.isEmpty() || args == null || args.getPositionalArgs() == null) {
      return Map.of();
    }
    Map<Integer, Missing> passed = new HashMap<>();
    List<PositionalArgumentNode> positional = args.getPositionalArgs();
    for (int i = 0; i < positional.size(); i++) {
      if (positional.get(i).getValueExpression() instanceof ContextVariableExpression variable
          && known.containsKey(variable.getName())
          && caller.getScopeChain().get(variable.getName()) == null) {
        passed.put(i, known.get(variable.getName()));
      }
    }
    return passed;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Missing> in(EvaluationContextImpl context) {
    return context.getScopeChain().get(SCOPE_KEY) instanceof Map<?, ?> map
        ? (Map<String, Missing>) map : Map.of();
  }

  @Override
  public NodeVisitor createVisitor(PebbleTemplate template) {
    return new AbstractNodeVisitor((PebbleTemplateImpl) template) {
      private int macros;

      @Override
      public void visit(MacroNode node) {
        macros++;
        super.visit(node);
        macros--;
      }

      @Override
      public void visit(PrintNode print) {
        if (macros > 0 && print.getExpression() instanceof ContextVariableExpression variable
            && variable.getClass() == ContextVariableExpression.class) {
          print.setExpression(new PrintedName(variable.getName(), variable.getLineNumber()));
        }
        super.visit(print);
      }
    };
  }

  /** A bare name a macro prints, {@code {{ column }}}: empty if a missing argument is an error. */
  private static final class PrintedName extends ContextVariableExpression {

    PrintedName(String name, int lineNumber) {
      super(name, lineNumber);
    }

    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
      Object value = super.evaluate(self, context);
      if (value == null) {
        Missing missing = in(context).get(getName());
        if (missing != null) {
          throw missing.printed(self.getName() + ":" + getLineNumber());
        }
      }
      return value;
    }
  }
}
