package dev.mds.template.context;

import dev.mds.MdsException;
import dev.mds.template.jinja.KeywordArgument;
import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import java.time.DateTimeException;

/**
 * Reads attributes of and calls methods on {@link PyObject}s: {@code modules.re.match(p, s)},
 * {@code run_started_at.strftime('%Y')}, {@code exceptions.raise_compiler_error(msg)}.
 */
final class PythonAttributes implements AttributeResolver {

  @Override
  public ResolvedAttribute resolve(Object instance, Object attributeName, Object[] arguments,
      ArgumentsNode args, EvaluationContextImpl context, String filename, int lineNumber) {
    if (!(instance instanceof PyObject object)) {
      return null;
    }
    String name = String.valueOf(attributeName);
    Object value = object.attribute(name);
    if (value == PyObject.MISSING) {
      String owner = object instanceof PyModule || object instanceof PyClass
          ? object.typeName().replace(" ", " '") + "'" : "'" + object.typeName() + "' object";
      throw new PebbleException(null, owner + " has no attribute '" + name + "'", lineNumber,
          filename);
    }
    if (arguments == null) {
      return new ResolvedAttribute(value);
    }
    if (!(value instanceof PyCallable callable)) {
      throw new PebbleException(null, "'" + object.label() + "." + name
          + "' is not callable", lineNumber, filename);
    }
    // Pebble refuses keyword arguments in method calls; the Jinja layer passes each as a value.
    KeywordArgument.Split split = KeywordArgument.split(arguments);
    PyArgs call = new PyArgs(split.positional(), split.keywords(),
        location(filename, lineNumber));
    try {
      return new ResolvedAttribute(callable.call(call));
    } catch (MdsException e) {
      throw e;
    } catch (IllegalArgumentException | DateTimeException | ArithmeticException
        | IndexOutOfBoundsException | ClassCastException e) {
      throw new PebbleException(e, object.label() + "." + name + "(): " + e.getMessage(),
          lineNumber, filename);
    }
  }

  /** A template's {@code file:line}; literal templates (hooks, descriptions) are named by caller. */
  static String location(String filename, int line) {
    return filename + ":" + line;
  }
}
