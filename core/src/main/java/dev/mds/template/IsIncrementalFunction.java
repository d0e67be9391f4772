package dev.mds.template;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/** {@code is_incremental()}: true when an incremental model adds to an existing table. */
final class IsIncrementalFunction implements Function {

  @Override
  public List<String> getArgumentNames() {
    return List.of();
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int line) {
    return ActiveNode.get().isIncremental();
  }
}
