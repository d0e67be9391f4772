package dev.mds.template;

import dev.mds.MdsException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ref('model')} or {@code ref('package', 'model')}, with {@code v=}/{@code version=}. */
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
    // A version (v=2 or version=2) names that version's node, <model>_v<v>.
    Object version = args.get("v") != null ? args.get("v") : args.get("version");
    Optional<String> v = Optional.ofNullable(version).map(RefFunction::versionText);
    if (second != null) {
      return ActiveNode.get().ref(Optional.of(first.toString()), second.toString(), v, file,
          line);
    }
    return ActiveNode.get().ref(Optional.empty(), first.toString(), v, file, line);
  }

  /** 2, 2.0 (a whole number) and '2' are the same version. */
  private static String versionText(Object version) {
    if (version instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      return String.valueOf(number.longValue());
    }
    return version.toString().trim();
  }
}
