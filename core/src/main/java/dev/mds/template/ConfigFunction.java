package dev.mds.template;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code config(materialized='table', unique_key=['a','b'])}: hands the named args to the node. */
final class ConfigFunction implements Function {

  @Override
  public List<String> getArgumentNames() {
    return null;
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int line) {
    Map<String, Object> named = new LinkedHashMap<>();
    args.forEach((k, v) -> {
      if (!k.chars().allMatch(Character::isDigit)) {
        named.put(k, v);
      } else if (v instanceof Map<?, ?> map) {
        map.forEach((mk, mv) -> named.put(String.valueOf(mk), mv));
      }
    });
    ActiveNode.get().config(named);
    return "";
  }
}
