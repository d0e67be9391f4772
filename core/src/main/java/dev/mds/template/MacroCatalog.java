package dev.mds.template;

import dev.mds.MdsException;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Records which macro file defines each macro, as Pebble compiles the files, so that two files
 * defining the same name is an error instead of one silently shadowing the other.
 */
final class MacroCatalog implements NodeVisitorFactory {

  private final Set<String> macroTemplates;
  private final Map<String, MacroDefinition> macros = new TreeMap<>();
  private final Set<String> builtins = java.util.concurrent.ConcurrentHashMap.newKeySet();

  MacroCatalog(Set<String> macroTemplates) {
    this.macroTemplates = macroTemplates;
  }

  /** Where a macro is defined: its file and the lines its definition spans (1-based). */
  record MacroDefinition(String name, String file, int firstLine, int lastLine) {
  }

  @Override
  public NodeVisitor createVisitor(PebbleTemplate template) {
    return new AbstractNodeVisitor((PebbleTemplateImpl) template) {
      @Override
      public void visit(MacroNode node) {
        if (macroTemplates.contains(template.getName())) {
          remember(node instanceof RecordedMacroNode recorded
              ? new MacroDefinition(node.getName(), template.getName(), recorded.firstLine(),
                  recorded.lastLine())
              : new MacroDefinition(node.getName(), template.getName(), 1, Integer.MAX_VALUE));
        } else if (ProjectTemplateLoader.isBuiltin(template.getName())) {
          builtins.add(node.getName());
        }
        super.visit(node);
      }
    };
  }

  private synchronized void remember(MacroDefinition definition) {
    MacroDefinition previous = macros.putIfAbsent(definition.name(), definition);
    if (previous != null && !previous.file().equals(definition.file())) {
      throw MdsException.at(definition.file(), "macro '"
          + definition.name() + "' is already defined in " + previous.file()
          + "; rename one of them");
    }
  }

  /** Whether a macro of this name exists, in the project or built in. */
  synchronized boolean has(String name) {
    return macros.containsKey(name) || builtins.contains(name);
  }

  synchronized Map<String, MacroDefinition> macros() {
    return Map.copyOf(macros);
  }
}
