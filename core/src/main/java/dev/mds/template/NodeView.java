package dev.mds.template;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A global that reads the node being rendered: dbt's {@code model} and {@code graph} are per node,
 * while Pebble's globals are per engine. Reads go to {@link ActiveNode} each time.
 */
final class NodeView extends AbstractMap<String, Object> {

  private final Function<NodeContext, Map<String, Object>> view;

  NodeView(Function<NodeContext, Map<String, Object>> view) {
    this.view = view;
  }

  private Map<String, Object> current() {
    return view.apply(ActiveNode.get());
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return current().entrySet();
  }

  @Override
  public Object get(Object key) {
    return current().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return current().containsKey(key);
  }

  /** dbt's {@code results}: the run's results in an on-run-end hook, as a list. */
  static final class Results extends java.util.AbstractList<Object> {
    @Override
    public Object get(int index) {
      return ActiveNode.get().results().get(index);
    }

    @Override
    public int size() {
      return ActiveNode.get().results().size();
    }
  }

  /** dbt's {@code config} object: {@code config.get(name, default)}, {@code config.require(name)}. */
  static final class Config {
    Object get(String name, Object fallback) {
      Object value = ActiveNode.get().configValue(name);
      return value == null ? fallback : value;
    }

    Object require(String name, String location) {
      Object value = ActiveNode.get().configValue(name);
      if (value == null) {
        throw dev.mds.MdsException.at(location, "config '" + name
            + "' is required here but the node does not set it");
      }
      return value;
    }
  }
}
