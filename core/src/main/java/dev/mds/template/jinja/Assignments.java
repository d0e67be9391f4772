package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.node.Node;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The variables a template body assigns with {@code {% set %}}, wherever in it (a branch, a loop).
 * Jinja reads such a variable before or without its assignment as undefined (printing nothing,
 * false in a test) rather than failing: dbt_utils prints {@code {{ select_gb_cols }}} that only an
 * {@code {% if %}} sets. Names a body never assigns stay errors under strict variables.
 */
public final class Assignments {

  private Assignments() {
  }

  /** The names {@code body} assigns, in the order written. */
  public static Set<String> in(Node body) {
    Set<String> names = new LinkedHashSet<>();
    body.accept(new AbstractNodeVisitor(null) {
      @Override
      public void visit(Node node) {
        if (node instanceof AssignNode assign && assign.attribute() == null) {
          names.add(assign.name());
        } else if (node instanceof BlockSetNode block) {
          names.add(block.name());
        } else if (node instanceof UnpackingAssignNode unpacking) {
          names.addAll(unpacking.names());
        }
        super.visit(node);
      }
    });
    return names;
  }
}
