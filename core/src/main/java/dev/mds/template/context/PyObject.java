package dev.mds.template.context;

/**
 * A Python object templates read attributes of and call methods on ({@code dt.year},
 * {@code dt.strftime('%Y')}); {@link PythonAttributes} resolves them for Pebble. A method is an
 * attribute holding a {@link PyCallable}.
 */
interface PyObject {

  /** The attribute {@code name}, or {@link #MISSING}. */
  Object attribute(String name);

  /** What {@link #attribute} answers for a name the object does not have. */
  Object MISSING = new Object() {
    @Override
    public String toString() {
      return "<missing>";
    }
  };

  /** Python's type name, for messages ("'datetime' object has no attribute 'x'"). */
  String typeName();

  /** How errors in its methods name it: the type, or a module's or class's own name. */
  default String label() {
    return typeName();
  }
}
