package dev.mds.template;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The globals scope of one macro call: reads the engine's globals, and keeps what the call writes
 * into that scope (Pebble's {@code set} writes into the scope that already holds a name) to itself.
 * It behaves as the copy of the globals each call used to make, without copying them: a package
 * macro layered as dbt_utils' are runs a dozen calls per model, and the copies were ~1 KB each.
 */
final class CallGlobals extends AbstractMap<String, Object> {

  private final Map<String, Object> globals;
  private Map<String, Object> written;

  CallGlobals(Map<String, Object> globals) {
    this.globals = globals;
  }

  @Override
  public Object get(Object key) {
    if (written != null && written.containsKey(key)) {
      return written.get(key);
    }
    return globals.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return written != null && written.containsKey(key) || globals.containsKey(key);
  }

  @Override
  public Object put(String key, Object value) {
    Object before = get(key);
    if (written == null) {
      written = new HashMap<>();
    }
    written.put(key, value);
    return before;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    if (written == null) {
      return java.util.Collections.unmodifiableMap(globals).entrySet();
    }
    Map<String, Object> merged = new HashMap<>(globals);
    merged.putAll(written);
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return java.util.Collections.unmodifiableMap(merged).entrySet().iterator();
      }

      @Override
      public int size() {
        return merged.size();
      }
    };
  }
}
