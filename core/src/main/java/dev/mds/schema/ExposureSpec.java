package dev.mds.schema;

import java.util.Map;

/**
 * An entry under {@code exposures:} as written; the parse checks and resolves it.
 *
 * @param entry the YAML mapping (name, type, owner, depends_on...)
 * @param file the YAML file, relative to the project folder
 */
public record ExposureSpec(String name, Map<String, Object> entry, String file) {
}
