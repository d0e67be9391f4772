package dev.mds.template.context;

import java.util.Map;

/** A Python module or namespace of names: {@code modules.re}, {@code exceptions}. */
record PyModule(String name, Map<String, Object> members) implements PyObject {

  @Override
  public Object attribute(String attribute) {
    return members.containsKey(attribute) ? members.get(attribute) : MISSING;
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
