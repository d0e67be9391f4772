package dev.mds.template.jinja;

import java.util.Map;

/**
 * An object that Python code sees as a read-only mapping besides its attributes, as dbt's relations
 * are (dbt_utils checks {@code obj is mapping and obj.get('metadata', {})...}): {@code is mapping}
 * holds for it and dict's reading methods ({@code get}, {@code keys}, {@code items}, ...) read
 * {@link #asMapping()}.
 */
public interface PythonMapping {

  /** The keys and values the object has as a mapping. */
  Map<String, Object> asMapping();
}
