package dev.mds.template.context;

import java.util.Map;

/**
 * A Python class as templates use it: called to make an instance ({@code datetime(2024, 1, 31)})
 * and read for its class methods ({@code datetime.now()}).
 */
record PyClass(String name, PyCallable constructor, Map<String, Object> members)
    implements PyObject, PyCallable {

  @Override
  public Object call(PyArgs args) {
    return constructor.call(args);
  }

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
    return "type " + name;
  }

  @Override
  public String toString() {
    return "<class '" + name + "'>";
  }
}
