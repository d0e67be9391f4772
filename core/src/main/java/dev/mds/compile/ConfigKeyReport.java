package dev.mds.compile;

import java.util.List;

/**
 * What {@link ConfigKeyCheck} found in a parse: unknown config keys (warnings, errors under
 * {@code --warn-error}) and one note naming the keys mds accepts but ignores.
 */
public record ConfigKeyReport(List<String> warnings, List<String> notes) {

  public ConfigKeyReport {
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
  }

  static ConfigKeyReport none() {
    return new ConfigKeyReport(List.of(), List.of());
  }
}
