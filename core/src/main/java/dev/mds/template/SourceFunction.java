package dev.mds.template;

import dev.mds.MdsException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/** {@code source('source_name', 'table_name')}. */
final class SourceFunction implements Function {

  @Override
  public List<String> getArgumentNames() {
    return List.of("source_name", "table_name");
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int line) {
    Object source = args.get("source_name");
    Object table = args.get("table_name");
    String file = TemplateEngine.fileOf(self);
    if (source == null || table == null) {
      throw MdsException.at(file + ":" + line,
          "source() needs a source and a table name: source('erp', 'orders')");
    }
    return ActiveNode.get().source(source.toString(), table.toString(), file, line);
  }
}
