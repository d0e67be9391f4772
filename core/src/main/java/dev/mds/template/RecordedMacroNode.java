package dev.mds.template;

import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.Macro;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.List;
import java.util.Map;

/** A macro that tells the node being rendered that it was called (for state:modified.macros). */
final class RecordedMacroNode extends MacroNode {

  private final int firstLine;
  private final int lastLine;

  /** @param firstLine and {@code lastLine}: where the definition sits in its file (1-based) */
  RecordedMacroNode(String name, ArgumentsNode args, BodyNode body, int firstLine, int lastLine) {
    super(name, args, body);
    this.firstLine = firstLine;
    this.lastLine = lastLine;
  }

  int firstLine() {
    return firstLine;
  }

  int lastLine() {
    return lastLine;
  }

  @Override
  public Macro getMacro() {
    Macro macro = super.getMacro();
    return new Macro() {
      @Override
      public List<String> getArgumentNames() {
        return macro.getArgumentNames();
      }

      @Override
      public String getName() {
        return macro.getName();
      }

      @Override
      public String call(PebbleTemplateImpl self, EvaluationContextImpl context,
          Map<String, Object> args) {
        ActiveNode.get().macroCalled(macro.getName());
        return macro.call(self, context, args);
      }
    };
  }
}
