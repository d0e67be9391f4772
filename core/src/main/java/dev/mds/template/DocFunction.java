package dev.mds.template;

import dev.mds.MdsException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/** {@code doc('name')}: the text of a {@code {% docs name %}} block. */
final class DocFunction implements Function {

  private final Map<String, DocsBlock> blocks;

  DocFunction(Map<String, DocsBlock> blocks) {
    this.blocks = blocks;
  }

  @Override
  public List<String> getArgumentNames() {
    return List.of("name");
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int line) {
    String name = String.valueOf(args.get("name"));
    DocsBlock block = blocks.get(name);
    if (block == null) {
      throw MdsException.at(TemplateEngine.fileOf(self) + ":" + line, "doc('" + name
          + "') has no {% docs " + name + " %} block in any .md file under the docs paths");
    }
    return block.content();
  }
}
