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

  RecordedMacroNode(String name, ArgumentsNode args, BodyNode body) {
    super(name, args, body);
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
