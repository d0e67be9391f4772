package dev.mds.template;

import dev.mds.MdsException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ref('model')} or {@code ref('package', 'model')}; {@code v=}/{@code version=} ignored. */
final class RefFunction implements Function {

  @Override
  public List<String> getArgumentNames() {
    return null;
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int line) {
    Object first = args.get("0");
    Object second = args.get("1");
    if (first == null) {
      throw MdsException.at(self.getName() + ":" + line, "ref() needs a model name: ref('orders')");
    }
    String file = TemplateEngine.fileOf(self);
    if (second != null) {
      return ActiveNode.get().ref(Optional.of(first.toString()), second.toString(), file, line);
    }
    return ActiveNode.get().ref(Optional.empty(), first.toString(), file, line);
  }
}
