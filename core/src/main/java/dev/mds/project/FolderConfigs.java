package dev.mds.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code models:} / {@code seeds:} tree of the project file. Keys with a {@code +} prefix are
 * always configs; without one, a map is a sub-folder (or a node name) unless it is a known
 * map-valued config, and anything else is a config.
 */
public record FolderConfigs(String projectName, Map<String, Object> tree) {

  public FolderConfigs {
    tree = tree == null ? Map.of() : tree;
  }

  /**
   * This tree with its values rendered as dbt renders the project file (see
   * {@link ConfigTemplates#nativeValue}), except hooks: their SQL is rendered when they run, where
   * {@code this} is known.
   *
   * @param root the tree's key in the project file ({@code models}), for error messages
   */
  FolderConfigs rendered(ConfigTemplates templates, String root) {
    return new FolderConfigs(projectName, renderedLevel(tree, templates, root));
  }

  private static Map<String, Object> renderedLevel(Map<String, Object> level,
      ConfigTemplates templates, String path) {
    Map<String, Object> rendered = new LinkedHashMap<>();
    level.forEach((key, value) -> {
      String where = path + "." + key;
      String normal = NodeConfig.normaliseKey(key);
      if (normal.equals("pre_hook") || normal.equals("post_hook")) {
        rendered.put(key, value);
      } else if (value instanceof Map<?, ?> && !isConfigKey(key, value)) {
        rendered.put(key, renderedLevel(YamlValues.map(value), templates, where));
      } else {
        rendered.put(key, templates.nativeValue(value, where));
      }
    });
    return rendered;
  }

  /**
   * The config for a node at {@code segments} (sub-folders below the resource path, then the node
   * name), deeper folders overriding shallower ones.
   */
  public NodeConfig resolve(List<String> segments) {
    NodeConfig config = NodeConfig.empty();
    config = config.merge(configsAt(tree));
    Map<String, Object> level = tree;
    Object projectLevel = tree.get(projectName);
    if (projectLevel instanceof Map<?, ?>) {
      level = YamlValues.map(projectLevel);
      config = config.merge(configsAt(level));
    }
    for (String segment : segments) {
      Object next = level.get(segment);
      if (!(next instanceof Map<?, ?>) || isConfigKey(segment, next)) {
        break;
      }
      level = YamlValues.map(next);
      config = config.merge(configsAt(level));
    }
    return config;
  }

  private Map<String, Object> configsAt(Map<String, Object> level) {
    Map<String, Object> configs = new LinkedHashMap<>();
    level.forEach((key, value) -> {
      if (!key.equals(projectName) && isConfigKey(key, value)) {
        configs.put(key, value);
      }
    });
    return configs;
  }

  private static boolean isConfigKey(String key, Object value) {
    return key.startsWith("+") || !(value instanceof Map<?, ?>)
        || NodeConfig.MAP_VALUED_KEYS.contains(NodeConfig.normaliseKey(key));
  }
}
