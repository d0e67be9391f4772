package dev.mds.template;

import dev.mds.MdsException;
import java.util.Map;
import java.util.Optional;

/** The context outside any node: ref/source/this are errors, config is ignored. */
enum NoNodeContext implements NodeContext {
  INSTANCE;

  @Override
  public Object ref(Optional<String> packageName, String name, String file, int line) {
    throw MdsException.at(file + ":" + line, "ref('" + name + "') can only be used in a model, test or hook");
  }

  @Override
  public Object source(String sourceName, String tableName, String file, int line) {
    throw MdsException.at(file + ":" + line, "source() can only be used in a model, test or hook");
  }

  @Override
  public void config(Map<String, Object> values) {
  }

  @Override
  public boolean isIncremental() {
    return false;
  }

  @Override
  public Object thisRelation() {
    throw new MdsException("{{ this }} is only defined while rendering a node");
  }
}
