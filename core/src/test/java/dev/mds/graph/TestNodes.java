package dev.mds.graph;

import dev.mds.project.NodeConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds graph nodes of a project named {@code shop} for graph and selector tests. */
final class TestNodes {

  private TestNodes() {
  }

  /** A model in {@code models/<folder>/<name>.sql} depending on the given unique ids. */
  static Model model(String folder, String name, Map<String, Object> config, String... parents) {
    List<String> fqn = new ArrayList<>();
    fqn.add("shop");
    if (!folder.isEmpty()) {
      fqn.addAll(Arrays.asList(folder.split("/")));
    }
    fqn.add(name);
    String file = "models/" + (folder.isEmpty() ? "" : folder + "/") + name + ".sql";
    return new Model("model.shop." + name, name, file, fqn, NodeConfig.empty().merge(config), "",
        List.of(), List.of(parents), new Relation("main", name), "select 1", List.of(), List.of(),
        "checksum");
  }

  static Model model(String name, String... parents) {
    return model("", name, Map.of(), parents);
  }

  static Seed seed(String name, Map<String, Object> config) {
    return new Seed("seed.shop." + name, name, "seeds/" + name + ".csv",
        List.of("shop", name), NodeConfig.empty().merge(config), "", List.of(),
        new Relation("main", name), "checksum");
  }

  static Source source(String sourceName, String table) {
    return new Source("source.shop." + sourceName + "." + table, sourceName, table,
        "models/sources.yml", List.of("shop", sourceName, table), NodeConfig.empty(), "", "",
        List.of(), new Relation(sourceName, table));
  }

  static String id(String modelName) {
    return "model.shop." + modelName;
  }
}
