package dev.mds.template.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code itertools} as {@code modules.itertools}: the finite functions dbt exports, each
 * giving a list (dbt deprecates this module; templates use it in loops and with {@code | list}).
 * The infinite ones, {@code count} and {@code cycle}, have no list form and are left out.
 */
final class ItertoolsModule {

  private ItertoolsModule() {
  }

  static Map<String, Object> module() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("chain", (PyCallable) args -> {
      List<Object> items = new ArrayList<>();
      args.positional().forEach(iterable -> items.addAll(Iterables.list(iterable)));
      return items;
    });
    members.put("repeat", (PyCallable) args -> {
      if (!args.has(1, "times")) {
        throw new IllegalArgumentException("repeat() without times never ends; pass times");
      }
      List<Object> items = new ArrayList<>();
      for (long i = 0; i < args.integer(1, "times", 0); i++) {
        items.add(args.get(0, "object"));
      }
      return items;
    });
    members.put("islice", (PyCallable) args -> {
      List<Object> items = Iterables.list(args.required(0, "iterable"));
      long start = args.positional().size() > 2 ? args.integer(1, "start", 0) : 0;
      Object stopArg = args.positional().size() > 2 ? args.get(2, "stop") : args.get(1, "stop");
      long stop = stopArg == null ? items.size() : ((Number) stopArg).longValue();
      long step = args.integer(3, "step", 1);
      List<Object> slice = new ArrayList<>();
      for (long i = start; i < Math.min(stop, items.size()); i += step) {
        slice.add(items.get((int) i));
      }
      return slice;
    });
    members.put("accumulate", (PyCallable) args -> {
      List<Object> sums = new ArrayList<>();
      Object total = args.get(2, "initial");
      if (total != null) {
        sums.add(total);
      }
      for (Object item : Iterables.list(args.required(0, "iterable"))) {
        total = total == null ? item
            : io.pebbletemplates.pebble.utils.OperatorUtils.add(total, item);
        sums.add(total);
      }
      return sums;
    });
    members.put("compress", (PyCallable) args -> {
      List<Object> data = Iterables.list(args.required(0, "data"));
      List<Object> selectors = Iterables.list(args.required(1, "selectors"));
      List<Object> kept = new ArrayList<>();
      for (int i = 0; i < Math.min(data.size(), selectors.size()); i++) {
        if (truthy(selectors.get(i))) {
          kept.add(data.get(i));
        }
      }
      return kept;
    });
    members.put("zip_longest", (PyCallable) args -> {
      List<List<Object>> lists = args.positional().stream().map(Iterables::list).toList();
      int length = lists.stream().mapToInt(List::size).max().orElse(0);
      List<Object> tuples = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        List<Object> tuple = new ArrayList<>();
        for (List<Object> list : lists) {
          tuple.add(i < list.size() ? list.get(i) : args.keywords().get("fillvalue"));
        }
        tuples.add(tuple);
      }
      return tuples;
    });
    members.put("product", (PyCallable) args -> {
      List<List<Object>> pools = new ArrayList<>();
      for (long r = 0; r < args.integer(Integer.MAX_VALUE, "repeat", 1); r++) {
        args.positional().forEach(iterable -> pools.add(Iterables.list(iterable)));
      }
      List<List<Object>> result = new ArrayList<>();
      result.add(List.of());
      for (List<Object> pool : pools) {
        List<List<Object>> next = new ArrayList<>();
        for (List<Object> prefix : result) {
          for (Object item : pool) {
            List<Object> tuple = new ArrayList<>(prefix);
            tuple.add(item);
            next.add(tuple);
          }
        }
        result = next;
      }
      return new ArrayList<Object>(result);
    });
    members.put("permutations", (PyCallable) args -> {
      List<Object> pool = Iterables.list(args.required(0, "iterable"));
      int r = (int) args.integer(1, "r", pool.size());
      List<Object> result = new ArrayList<>();
      permute(pool, r, new ArrayList<>(), new boolean[pool.size()], result);
      return result;
    });
    members.put("combinations", (PyCallable) args -> combine(args, false));
    members.put("combinations_with_replacement", (PyCallable) args -> combine(args, true));
    return members;
  }

  private static void permute(List<Object> pool, int r, List<Object> prefix, boolean[] used,
      List<Object> result) {
    if (prefix.size() == r) {
      result.add(new ArrayList<>(prefix));
      return;
    }
    for (int i = 0; i < pool.size(); i++) {
      if (!used[i]) {
        used[i] = true;
        prefix.add(pool.get(i));
        permute(pool, r, prefix, used, result);
        prefix.remove(prefix.size() - 1);
        used[i] = false;
      }
    }
  }

  private static List<Object> combine(PyArgs args, boolean replacement) {
    List<Object> pool = Iterables.list(args.required(0, "iterable"));
    int r = (int) args.integer(1, "r", 0);
    List<Object> result = new ArrayList<>();
    choose(pool, r, 0, replacement, new ArrayList<>(), result);
    return result;
  }

  private static void choose(List<Object> pool, int r, int from, boolean replacement,
      List<Object> prefix, List<Object> result) {
    if (prefix.size() == r) {
      result.add(new ArrayList<>(prefix));
      return;
    }
    for (int i = from; i < pool.size(); i++) {
      prefix.add(pool.get(i));
      choose(pool, r, replacement ? i : i + 1, replacement, prefix, result);
      prefix.remove(prefix.size() - 1);
    }
  }

  private static boolean truthy(Object value) {
    if (value == null || Boolean.FALSE.equals(value)) {
      return false;
    }
    if (value instanceof Number number) {
      return number.doubleValue() != 0;
    }
    if (value instanceof CharSequence text) {
      return !text.isEmpty();
    }
    if (value instanceof java.util.Collection<?> collection) {
      return !collection.isEmpty();
    }
    return true;
  }
}
