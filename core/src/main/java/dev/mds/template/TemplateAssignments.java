package dev.mds.template;

import dev.mds.template.jinja.Assignments;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.RootNode;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The variables each template sets somewhere ({@code {% if execute %}{% set rows = ... %}}),
 * recorded as Pebble compiles it, so that a render can start with those as undefined: Jinja reads
 * a variable whose {@code set} did not run as undefined (empty), where Pebble's strict variables
 * would fail. (Macros get the same from {@link MacroRuntime}.)
 */
final class TemplateAssignments implements NodeVisitorFactory {

  private final Map<PebbleTemplate, Set<String>> byTemplate =
      Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public NodeVisitor createVisitor(PebbleTemplate template) {
    return new AbstractNodeVisitor((PebbleTemplateImpl) template) {
      @Override
      public void visit(RootNode node) {
        byTemplate.put(template, Assignments.in(node.getBody()));
      }
    };
  }

  /** The names {@code template} sets anywhere; empty for one compiled by another engine. */
  Set<String> of(PebbleTemplate template) {
    return byTemplate.getOrDefault(template, Set.of());
  }
}
