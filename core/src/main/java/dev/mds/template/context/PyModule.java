package dev.mds.template.context;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A Python module or namespace of names: {@code modules.re}, {@code exceptions}. Its members are
 * made on first use: most renders touch none, and making them all costs start-up time.
 */
final class PyModule implements PyObject {

  private final String name;
  private final Supplier<Map<String, Object>> make;
  private volatile Map<String, Object> members;

  PyModule(String name, Supplier<Map<String, Object>> make) {
    this.name = name;
    this.make = make;
  }

  String name() {
    return name;
  }

  private Map<String, Object> members() {
    Map<String, Object> made = members;
    if (made == null) {
      synchronized (this) {
        if (members == null) {
          members = make.get();
        }
        made = members;
      }
    }
    return made;
  }

  @Override
  public Object attribute(String attribute) {
    Map<String, Object> all = members();
    return all.containsKey(attribute) ? all.get(attribute) : MISSING;
  }

  @Override
  public String label() {
    return name;
  }

  @Override
  public String typeName() {
    return "module " + name;
  }

  @Override
  public String toString() {
    return "<module '" + name + "'>";
  }
}
