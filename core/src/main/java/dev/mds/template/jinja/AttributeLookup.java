package dev.mds.template.jinja;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;

/**
 * Reads {@code attribute='a.b'} of filters such as {@code map} and {@code sort} the way a template
 * reads {@code item.a.b}: through Pebble's attribute resolvers, so maps, beans and records all work.
 */
final class AttributeLookup {

  private AttributeLookup() {
  }

  /** What {@link #find} gives for an attribute that does not exist (Jinja's undefined). */
  static final Object MISSING = new Object();

  /** The attribute, or MISSING where some step of the path does not exist or is none. */
  static Object find(Object item, String path, PebbleTemplate self, EvaluationContext context,
      int lineNumber) {
    try {
      return get(item, path, self, context, lineNumber);
    } catch (AttributeNotFoundException | IllegalArgumentException e) {
      return MISSING;
    }
  }

  static Object get(Object item, String path, PebbleTemplate self, EvaluationContext context,
      int lineNumber) {
    EvaluationContextImpl impl = (EvaluationContextImpl) context;
    Object value = item;
    for (String name : path.split("\\.")) {
      if (value == null) {
        throw new IllegalArgumentException("attribute '" + name + "' of none in '" + path + "'");
      }
      value = resolve(value, name, impl, self, lineNumber);
    }
    return value;
  }

  private static Object resolve(Object value, String name, EvaluationContextImpl context,
      PebbleTemplate self, int lineNumber) {
    for (AttributeResolver resolver : context.getExtensionRegistry().getAttributeResolver()) {
      ResolvedAttribute resolved =
          resolver.resolve(value, name, null, null, context, self.getName(), lineNumber);
      if (resolved != null) {
        return resolved.evaluatedValue;
      }
    }
    throw new IllegalArgumentException("no attribute '" + name + "' on "
        + Sequence.describe(value));
  }
}
