package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.core.LengthFilter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.utils.OperatorUtils;
import io.pebbletemplates.pebble.utils.StringUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Jinja's filters over lists and maps: {@code unique}, {@code sort}, {@code map}, {@code select}, ... */
final class CollectionFilters {

  private CollectionFilters() {
  }

  static Map<String, Filter> all() {
    Map<String, Filter> filters = new HashMap<>();
    filters.put("count", new LengthFilter());
    filters.put("unique", JinjaFilter.of("unique", CollectionFilters::unique,
        "case_sensitive", "attribute"));
    filters.put("sort", JinjaFilter.of("sort", CollectionFilters::sort,
        "reverse", "case_sensitive", "attribute"));
    filters.put("map", JinjaFilter.varargs("map", CollectionFilters::map));
    filters.put("select", JinjaFilter.varargs("select",
        (input, args, self, context, line) -> select(input, args, self, context, line, true, false)));
    filters.put("reject", JinjaFilter.varargs("reject",
        (input, args, self, context, line) -> select(input, args, self, context, line, false, false)));
    filters.put("selectattr", JinjaFilter.varargs("selectattr",
        (input, args, self, context, line) -> select(input, args, self, context, line, true, true)));
    filters.put("rejectattr", JinjaFilter.varargs("rejectattr",
        (input, args, self, context, line) -> select(input, args, self, context, line, false, true)));
    filters.put("sum", JinjaFilter.of("sum", CollectionFilters::sum, "attribute", "start"));
    filters.put("join", JinjaFilter.of("join", CollectionFilters::join, "d", "attribute"));
    filters.put("min", JinjaFilter.of("min",
        (input, args, self, context, line) -> extreme(input, args, self, context, line, false),
        "case_sensitive", "attribute"));
    filters.put("max", JinjaFilter.of("max",
        (input, args, self, context, line) -> extreme(input, args, self, context, line, true),
        "case_sensitive", "attribute"));
    filters.put("reverse", JinjaFilter.of("reverse", CollectionFilters::reverse));
    filters.put("batch", JinjaFilter.of("batch", CollectionFilters::batch, "linecount", "fill_with"));
    filters.put("groupby", JinjaFilter.of("groupby", CollectionFilters::groupBy,
        "attribute", "default", "case_sensitive"));
    filters.put("attr", JinjaFilter.of("attr", (input, args, self, context, line) ->
        input == null ? null : AttributeLookup.get(input, String.valueOf(args.get("name")), self,
            context, line), "name"));
    filters.put("items", JinjaFilter.of("items", CollectionFilters::items));
    filters.put("dictsort", JinjaFilter.of("dictsort", CollectionFilters::dictsort,
        "case_sensitive", "by", "reverse"));
    return filters;
  }

  private static Object unique(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    boolean caseSensitive = Truthiness.of(args.get("case_sensitive"));
    Object attribute = args.get("attribute");
    Set<Object> seen = new HashSet<>();
    List<Object> result = new ArrayList<>();
    for (Object item : Sequence.orEmpty(input)) {
      Object value = attribute == null ? item
          : AttributeLookup.get(item, attribute.toString(), self, context, line);
      if (seen.add(JinjaOrdering.key(value, caseSensitive))) {
        result.add(item);
      }
    }
    return result;
  }

  private static Object sort(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    Comparator<Object> order = JinjaOrdering.comparator(Truthiness.of(args.get("case_sensitive")));
    Object attribute = args.get("attribute");
    Comparator<Object> byKey = attribute == null ? order : Comparator.comparing(
        item -> AttributeLookup.get(item, attribute.toString(), self, context, line), order);
    List<Object> items = Sequence.orEmpty(input);
    items.sort(Truthiness.of(args.get("reverse")) ? byKey.reversed() : byKey);
    return items;
  }

  /** {@code map(attribute='x', default=d)} or {@code map('filter', args...)}. */
  private static Object map(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    List<Object> result = new ArrayList<>();
    Object attribute = args.get("attribute");
    boolean hasDefault = args.containsKey("default");
    for (Object item : Sequence.orEmpty(input)) {
      if (attribute != null && hasDefault) {
        // Jinja's default stands in for a missing attribute (or a none along the way).
        Object value = AttributeLookup.find(item, attribute.toString(), self, context, line);
        result.add(value == AttributeLookup.MISSING ? args.get("default") : value);
      } else if (attribute != null) {
        result.add(AttributeLookup.get(item, attribute.toString(), self, context, line));
      } else if (args.get("0") != null) {
        result.add(RegistryInvocation.filter(args.get("0").toString(), item,
            RegistryInvocation.positional(args, 1), self, context, line));
      } else {
        throw new IllegalArgumentException("map needs attribute='name' or a filter name");
      }
    }
    return result;
  }

  /**
   * {@code select('test', args...)}, {@code reject(...)}, and the {@code ...attr('attribute',
   * 'test', args...)} forms; without a test, items are kept by truth value. An item lacking the
   * attribute is undefined: selectattr('x', 'defined') drops it, rejectattr keeps it.
   */
  private static Object select(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line, boolean keep, boolean byAttribute) {
    int next = 0;
    String attribute = null;
    if (byAttribute) {
      if (args.get("0") == null) {
        throw new IllegalArgumentException("needs the attribute name as first argument");
      }
      attribute = args.get("0").toString();
      next = 1;
    }
    Object test = args.get(String.valueOf(next));
    List<Object> testArguments = RegistryInvocation.positional(args, next + 1);
    List<Object> result = new ArrayList<>();
    for (Object item : Sequence.orEmpty(input)) {
      Object value = attribute == null ? item
          : AttributeLookup.find(item, attribute, self, context, line);
      boolean passes;
      String testName = test == null ? null : test.toString();
      if ("defined".equals(testName) || "undefined".equals(testName)) {
        // Missing is undefined; a none value is defined (Pebble's own 'defined' says no to none).
        passes = (value == AttributeLookup.MISSING) == testName.equals("undefined");
      } else if (value == AttributeLookup.MISSING) {
        passes = false;
      } else {
        passes = test == null ? Truthiness.of(value)
            : RegistryInvocation.test(test.toString(), value, testArguments, self, context, line);
      }
      if (passes == keep) {
        result.add(item);
      }
    }
    return result;
  }

  /** {@code dictsort(case_sensitive=false, by='key', reverse=false)}: a map's [key, value] pairs. */
  private static Object dictsort(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    if (!(input instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("needs a map, got " + Sequence.describe(input));
    }
    int part = "value".equals(args.get("by")) ? 1 : 0;
    Comparator<Object> order = JinjaOrdering.comparator(Truthiness.of(args.get("case_sensitive")));
    Comparator<List<Object>> byPart = Comparator.comparing(pair -> pair.get(part), order);
    List<List<Object>> pairs = new ArrayList<>();
    map.forEach((key, value) -> pairs.add(Arrays.asList(key, value)));
    pairs.sort(Truthiness.of(args.get("reverse")) ? byPart.reversed() : byPart);
    return pairs;
  }

  /** Jinja's {@code join(d='', attribute=None)}; none items print as nothing, as everywhere here. */
  private static Object join(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    if (input == null) {
      return "";
    }
    String separator = args.get("d") == null ? "" : StringUtils.toString(args.get("d"));
    Object attribute = args.get("attribute");
    StringBuilder joined = new StringBuilder();
    String between = "";
    for (Object item : Sequence.orEmpty(input)) {
      Object value = attribute == null ? item
          : AttributeLookup.get(item, attribute.toString(), self, context, line);
      joined.append(between).append(value == null ? "" : StringUtils.toString(value));
      between = separator;
    }
    return joined.toString();
  }

  /** Jinja's {@code min}/{@code max}: the smallest/largest item (by attribute), none if empty. */
  private static Object extreme(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line, boolean largest) {
    Comparator<Object> order = JinjaOrdering.comparator(Truthiness.of(args.get("case_sensitive")));
    Object attribute = args.get("attribute");
    Object best = null;
    Object bestKey = null;
    boolean first = true;
    for (Object item : Sequence.orEmpty(input)) {
      Object key = attribute == null ? item
          : AttributeLookup.get(item, attribute.toString(), self, context, line);
      int comparison = first ? 0 : order.compare(key, bestKey);
      if (first || (largest ? comparison > 0 : comparison < 0)) {
        best = item;
        bestKey = key;
        first = false;
      }
    }
    return best;
  }

  /** A reversed copy of a list, or text backwards; Pebble's reverse changed the list in place. */
  private static Object reverse(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    if (input == null) {
      return null;
    }
    if (Equality.isText(input)) {
      return new StringBuilder(input.toString()).reverse().toString();
    }
    List<Object> items = Sequence.orEmpty(input);
    Collections.reverse(items);
    return items;
  }

  /** Jinja's {@code batch(linecount, fill_with=None)}: lists of linecount items. */
  private static Object batch(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    if (!(args.get("linecount") instanceof Number count) || count.intValue() < 1) {
      throw new IllegalArgumentException("needs a positive batch size, as in batch(3)");
    }
    int size = count.intValue();
    boolean fill = args.containsKey("fill_with");
    List<Object> batches = new ArrayList<>();
    List<Object> current = new ArrayList<>(size);
    for (Object item : Sequence.orEmpty(input)) {
      current.add(item);
      if (current.size() == size) {
        batches.add(current);
        current = new ArrayList<>(size);
      }
    }
    if (!current.isEmpty()) {
      while (fill && current.size() < size) {
        current.add(args.get("fill_with"));
      }
      batches.add(current);
    }
    return batches;
  }

  /**
   * Jinja's {@code groupby(attribute, default=None, case_sensitive=False)}: the items grouped by
   * the attribute's value, groups sorted by it; without case sensitivity the first spelling names
   * the group.
   */
  private static Object groupBy(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    if (args.get("attribute") == null) {
      throw new IllegalArgumentException("needs the attribute to group by, as in groupby('type')");
    }
    String attribute = args.get("attribute").toString();
    boolean caseSensitive = Truthiness.of(args.get("case_sensitive"));
    Map<Object, Group> groups = new LinkedHashMap<>();
    for (Object item : Sequence.orEmpty(input)) {
      Object value = AttributeLookup.find(item, attribute, self, context, line);
      if (value == AttributeLookup.MISSING) {
        if (!args.containsKey("default")) {
          throw new IllegalArgumentException("no attribute '" + attribute + "' on "
              + Sequence.describe(item) + " (give groupby a default=)");
        }
        value = args.get("default");
      }
      Object groupValue = value;
      groups.computeIfAbsent(JinjaOrdering.key(value, caseSensitive),
          key -> new Group(groupValue, new ArrayList<>())).list().add(item);
    }
    List<Group> sorted = new ArrayList<>(groups.values());
    Comparator<Object> order = JinjaOrdering.comparator(caseSensitive);
    sorted.sort(Comparator.comparing(Group::grouper, order));
    return sorted;
  }

  /** Jinja's {@code items}: a map's [key, value] pairs in its order; none gives no pairs. */
  private static Object items(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    if (input == null) {
      return new ArrayList<>();
    }
    if (!(input instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("needs a map, got " + Sequence.describe(input));
    }
    List<Object> pairs = new ArrayList<>(map.size());
    map.forEach((key, value) -> pairs.add(Arrays.asList(key, value)));
    return pairs;
  }

  private static Object sum(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int line) {
    Object total = args.get("start") == null ? (Object) 0L : args.get("start");
    Object attribute = args.get("attribute");
    for (Object item : Sequence.orEmpty(input)) {
      Object value = attribute == null ? item
          : AttributeLookup.get(item, attribute.toString(), self, context, line);
      if (!(value instanceof Number)) {
        throw new IllegalArgumentException("can only sum numbers, got " + Sequence.describe(value));
      }
      total = OperatorUtils.add(total, value);
    }
    return total;
  }
}
