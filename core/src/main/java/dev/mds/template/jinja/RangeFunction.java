package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code range(stop)} / {@code range(start, stop[, step])}, stop excluded. Pebble's range
 * needs two arguments and includes the end; its {@code a..b} keeps that (see InclusiveRangeExpression).
 */
final class RangeFunction implements Function {

  @Override
  public List<String> getArgumentNames() {
    return List.of("start", "stop", "step");
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int lineNumber) {
    long start = number(args.get("start"), 0, self, lineNumber);
    long stop = number(args.get("stop"), Long.MIN_VALUE, self, lineNumber);
    long step = number(args.get("step"), 1, self, lineNumber);
    if (!args.containsKey("stop") || args.get("stop") == null) {
      stop = start;
      start = 0;
    }
    if (step == 0) {
      throw new PebbleException(null, "range() step must not be zero", lineNumber, self.getName());
    }
    long first = start;
    long by = step;
    long count = step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0)
        : (stop < start ? (start - stop - step - 1) / -step : 0);
    if (count > Integer.MAX_VALUE) {
      throw new PebbleException(null, "range() of " + count + " numbers is too long", lineNumber,
          self.getName());
    }
    int size = (int) count;
    // Computed on demand, as Python's range is: range(200000000) costs no memory.
    return new java.util.AbstractList<Long>() {
      @Override
      public Long get(int index) {
        java.util.Objects.checkIndex(index, size);
        return first + index * by;
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  private static long number(Object value, long fallback, PebbleTemplate self, int lineNumber) {
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number)) {
      throw new PebbleException(null, "range() takes numbers, got " + Sequence.describe(value),
          lineNumber, self.getName());
    }
    return number.longValue();
  }
}
