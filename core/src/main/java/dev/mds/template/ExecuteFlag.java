package dev.mds.template;

import dev.mds.template.jinja.Truthy;

/**
 * dbt's {@code execute}: false while a project is parsed, true when a node compiles or runs. Each
 * test of it tells the node, whose parse-time render then cannot stand for the compiled one (the
 * branch that queries the database was not taken while parsing).
 */
final class ExecuteFlag implements Truthy {

  @Override
  public boolean truth() {
    NodeContext node = ActiveNode.get();
    node.introspected();
    return node.execute();
  }

  @Override
  public String toString() {
    return String.valueOf(truth());
  }
}
