package dev.mds.template;

import dev.mds.MdsException;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every macro of the project and of mds's built-in templates, recorded as Pebble compiles their
 * files: which file defines each and the parsed definition the macro runtime calls. Two project
 * files defining the same name is an error instead of one silently shadowing the other.
 */
final class MacroCatalog implements NodeVisitorFactory {

  /** The package mds's own macros (dbt's built-in macros and generic tests) belong to. */
  static final String BUILTIN = "dbt";

  private final Set<String> macroTemplates;
  private final Set<String> builtinTemplates;
  private final Map<String, MacroDefinition> macros = new TreeMap<>();
  private final Map<String, MacroDefinition> builtins = new TreeMap<>();
  /** Each package macro file's package. */
  private final Map<String, String> packageTemplates;
  private final Map<String, Map<String, MacroDefinition>> packages = new TreeMap<>();

  MacroCatalog(Set<String> macroTemplates, Set<String> builtinTemplates) {
    this(macroTemplates, builtinTemplates, Map.of());
  }

  /** @param packageTemplates each package macro file's template name to its package */
  MacroCatalog(Set<String> macroTemplates, Set<String> builtinTemplates,
      Map<String, String> packageTemplates) {
    this.macroTemplates = macroTemplates;
    this.builtinTemplates = builtinTemplates;
    this.packageTemplates = Map.copyOf(packageTemplates);
  }

  /**
   * A macro: its name, file and the lines its definition spans (1-based), the parsed definition
   * and the template that holds it (its body renders with that template as {@code self}).
   */
  record MacroDefinition(String name, String file, int firstLine, int lastLine, MacroNode node,
      PebbleTemplateImpl template, String packageName) {
  }

  @Override
  public NodeVisitor createVisitor(PebbleTemplate template) {
    PebbleTemplateImpl impl = (PebbleTemplateImpl) template;
    return new AbstractNodeVisitor(impl) {
      @Override
      public void visit(MacroNode node) {
        String file = template.getName();
        int first = node instanceof RecordedMacroNode recorded ? recorded.firstLine() : 1;
        int last = node instanceof RecordedMacroNode recorded ? recorded.lastLine()
            : Integer.MAX_VALUE;
        if (macroTemplates.contains(file)) {
          remember(new MacroDefinition(node.getName(), file, first, last, node, impl, null));
        } else if (builtinTemplates.contains(file)) {
          rememberBuiltin(new MacroDefinition(node.getName(), file, first, last, node, impl,
              BUILTIN));
        } else if (packageTemplates.containsKey(file)) {
          String pkg = packageTemplates.get(file);
          rememberInPackage(new MacroDefinition(node.getName(), file, first, last, node, impl,
              pkg));
        }
        super.visit(node);
      }
    };
  }

  private synchronized void remember(MacroDefinition definition) {
    MacroDefinition previous = macros.putIfAbsent(definition.name(), definition);
    if (previous != null && !previous.file().equals(definition.file())) {
      throw MdsException.at(definition.file() + ":" + definition.firstLine(), "macro '"
          + definition.name() + "' is already defined in " + previous.file()
          + "; rename one of them");
    }
  }

  private synchronized void rememberBuiltin(MacroDefinition definition) {
    builtins.putIfAbsent(definition.name(), definition);
  }

  private synchronized void rememberInPackage(MacroDefinition definition) {
    packages.computeIfAbsent(definition.packageName(), p -> new TreeMap<>())
        .putIfAbsent(definition.name(), definition);
  }

  /** Whether a macro of this name exists, in the project, a package or built in. */
  synchronized boolean has(String name) {
    return macros.containsKey(name) || builtins.containsKey(name)
        || packages.values().stream().anyMatch(p -> p.containsKey(name));
  }

  /** Whether only mds's own dbt macros define {@code name} (no project or package macro does). */
  synchronized boolean builtinOnly(String name) {
    return builtins.containsKey(name) && !macros.containsKey(name)
        && packages.values().stream().noneMatch(p -> p.containsKey(name));
  }

  /** Each package's macros by name. */
  synchronized Map<String, Map<String, MacroDefinition>> packages() {
    Map<String, Map<String, MacroDefinition>> copy = new TreeMap<>();
    packages.forEach((name, defs) -> copy.put(name, Map.copyOf(defs)));
    return copy;
  }

  /** The project's macros by name. */
  synchronized Map<String, MacroDefinition> macros() {
    return Map.copyOf(macros);
  }

  /** mds's built-in macros (dbt's macros and the generic tests) by name. */
  synchronized Map<String, MacroDefinition> builtins() {
    return Map.copyOf(builtins);
  }

  /** The project's macro of this name, else the built-in one. */
  synchronized Optional<MacroDefinition> find(String name) {
    MacroDefinition own = macros.get(name);
    return own != null ? Optional.of(own) : Optional.ofNullable(builtins.get(name));
  }
}
