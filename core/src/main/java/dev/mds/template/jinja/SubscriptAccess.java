package dev.mds.template.jinja;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import java.util.List;

/**
 * Python's subscripts on lists and text: {@code x[-1]} counts from the end, {@code 'abc'[0]} is a
 * character, and a {@link Slice} ({@code x[1:]}, {@code x[::-1]}) copies a part. Pebble alone
 * indexes lists only from the front and text not at all.
 */
final class SubscriptAccess implements AttributeResolver {

  @Override
  public ResolvedAttribute resolve(Object instance, Object attributeName, Object[] arguments,
      ArgumentsNode args, EvaluationContextImpl context, String filename, int lineNumber) {
    if (arguments != null || !(attributeName instanceof Slice || isIndex(attributeName))) {
      return null;
    }
    boolean text = Equality.isText(instance);
    if (!text && !(instance instanceof List<?>)) {
      if (attributeName instanceof Slice) {
        throw new PebbleException(null, "Cannot slice " + Sequence.describe(instance)
            + ": only lists and text", lineNumber, filename);
      }
      return null;
    }
    try {
      if (attributeName instanceof Slice slice) {
        return new ResolvedAttribute(text ? slice.of(instance.toString())
            : slice.of((List<?>) instance));
      }
    } catch (IllegalArgumentException e) {
      throw new PebbleException(e, e.getMessage(), lineNumber, filename);
    }
    long index = ((Number) attributeName).longValue();
    if (text) {
      String value = instance.toString();
      int length = value.codePointCount(0, value.length());
      int at = position(index, length, attributeName, filename, lineNumber);
      int offset = value.offsetByCodePoints(0, at);
      return new ResolvedAttribute(Character.toString(value.codePointAt(offset)));
    }
    List<?> list = (List<?>) instance;
    return new ResolvedAttribute(list.get(position(index, list.size(), attributeName, filename,
        lineNumber)));
  }

  private static boolean isIndex(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte;
  }

  /** The position of a Python index; out of range fails as a missing attribute (for is defined). */
  private static int position(long index, int length, Object attributeName, String filename,
      int lineNumber) {
    long position = index < 0 ? index + length : index;
    if (position < 0 || position >= length) {
      throw new AttributeNotFoundException(null, "Index " + index + " is out of range for "
          + length + " items", String.valueOf(attributeName), lineNumber, filename);
    }
    return (int) position;
  }
}
