package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.core.DefaultFilter;
import java.util.List;

/**
 * {@code default(value, boolean=false)} and its alias {@code d}. It extends Pebble's DefaultFilter
 * because Pebble lets only that class see a missing variable under strict variables; Pebble's
 * default already applies to none and empty values, which covers Jinja's {@code boolean=true}.
 */
final class JinjaDefaultFilter extends DefaultFilter {

  @Override
  public List<String> getArgumentNames() {
    return List.of("default", "boolean");
  }
}
