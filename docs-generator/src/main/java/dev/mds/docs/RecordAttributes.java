package dev.mds.docs;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a record's component ({@code page.title}) for the site's templates from a table made
 * once per record class. Pebble's own resolver finds the same accessor (a public method of the
 * attribute's name comes first there too) but on every access builds a cache key, looks it up,
 * copies the method's parameter types and checks them, for every attribute of the ~7,000 pages
 * of a 5,000-model site. Anything that is not a record component read without arguments goes on
 * to Pebble's resolver.
 */
final class RecordAttributes extends AbstractExtension implements AttributeResolver {

  private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {
    @Override
    protected Map<String, Method> computeValue(Class<?> type) {
      Map<String, Method> accessors = new HashMap<>();
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          Method accessor = component.getAccessor();
          accessor.setAccessible(true);
          accessors.put(component.getName(), accessor);
        }
      }
      return Map.copyOf(accessors);
    }
  };

  @Override
  public List<AttributeResolver> getAttributeResolver() {
    return List.of(this);
  }

  @Override
  public ResolvedAttribute resolve(Object instance, Object attributeName, Object[] arguments,
      ArgumentsNode args, EvaluationContextImpl context, String filename, int lineNumber) {
    if (instance == null || arguments != null || !(attributeName instanceof String name)) {
      return null;
    }
    Method accessor = ACCESSORS.get(instance.getClass()).get(name);
    if (accessor == null) {
      return null;
    }
    try {
      return new ResolvedAttribute(accessor.invoke(instance));
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new PebbleException(e, "Could not call " + name, lineNumber, filename);
    }
  }
}
