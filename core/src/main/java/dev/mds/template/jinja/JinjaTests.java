package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.Test;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/** The set of Jinja tests ({@code x is ...}) that Pebble lacks or names differently. */
final class JinjaTests {

  private JinjaTests() {
  }

  static Map<String, Test> all() {
    Map<String, Test> tests = new HashMap<>();
    tests.put("none", new PredicateTest(Objects::isNull));
    tests.put("undefined", new UndefinedTest());
    tests.put("string", new PredicateTest(Equality::isText));
    tests.put("number", new PredicateTest(v -> v instanceof Number));
    tests.put("integer", new PredicateTest(v -> v instanceof Long || v instanceof Integer
        || v instanceof Short || v instanceof Byte || v instanceof BigInteger));
    tests.put("float", new PredicateTest(v -> v instanceof Double || v instanceof Float
        || v instanceof BigDecimal));
    tests.put("boolean", new PredicateTest(v -> v instanceof Boolean));
    tests.put("true", new PredicateTest(Boolean.TRUE::equals));
    tests.put("false", new PredicateTest(Boolean.FALSE::equals));
    tests.put("mapping", new PredicateTest(v -> v instanceof Map<?, ?> || v instanceof PythonMapping));
    // Jinja calls anything with a length and item access a sequence: lists, text and dicts alike.
    tests.put("sequence", new PredicateTest(v -> v instanceof Collection<?> || v instanceof Map<?, ?>
        || Equality.isText(v) || (v != null && v.getClass().isArray())));
    tests.put("iterable", new PredicateTest(Sequence::isIterable));
    tests.put("eq", new EqualityTest(false));
    tests.put("equalto", new EqualityTest(false));
    tests.put("==", new EqualityTest(false));
    tests.put("ne", new EqualityTest(true));
    tests.put("!=", new EqualityTest(true));
    // Jinja's ordering tests, by name and by operator spelling (for select('>', 1)).
    for (String[] names : new String[][] {{"lt", "<", "lessthan"}, {"le", "<=", ""},
        {"gt", ">", "greaterthan"}, {"ge", ">=", ""}}) {
      BinaryTest test = new BinaryTest(names[0], "other", ordering(names[0]));
      for (String name : names) {
        if (!name.isEmpty()) {
          tests.put(name, test);
        }
      }
    }
    tests.put("in", new BinaryTest("in", "seq", (value, seq) -> InExpression.contains(seq, value)));
    tests.put("divisibleby", new BinaryTest("divisibleby", "num", JinjaTests::divisibleBy));
    tests.put("sameas", new BinaryTest("sameas", "other", JinjaTests::sameAs));
    tests.put("even", new PredicateTest(v -> isIntegral(v) && ((Number) v).longValue() % 2 == 0));
    tests.put("odd", new PredicateTest(v -> isIntegral(v) && ((Number) v).longValue() % 2 != 0));
    tests.put("lower", new PredicateTest(v -> Equality.isText(v) && StringMethods.hasOnlyCase(v.toString(), false)));
    tests.put("upper", new PredicateTest(v -> Equality.isText(v) && StringMethods.hasOnlyCase(v.toString(), true)));
    // Macros are not values in Pebble, so only Java functions handed in by a context are callable.
    tests.put("callable", new PredicateTest(v -> v instanceof Function));
    return tests;
  }

  private static BiPredicate<Object, Object> ordering(String name) {
    Comparator<Object> order = JinjaOrdering.comparator(true);
    return switch (name) {
      case "lt" -> (a, b) -> order.compare(a, b) < 0;
      case "le" -> (a, b) -> order.compare(a, b) <= 0;
      case "gt" -> (a, b) -> order.compare(a, b) > 0;
      default -> (a, b) -> order.compare(a, b) >= 0;
    };
  }

  /** Whole numbers, including floats such as 4.0, which Jinja's even/odd/divisibleby accept. */
  private static boolean isIntegral(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return d == Math.rint(d) && !Double.isInfinite(d);
    }
    return value instanceof Number && !(value instanceof BigDecimal decimal
        && decimal.stripTrailingZeros().scale() > 0);
  }

  private static boolean divisibleBy(Object value, Object num) {
    if (!(value instanceof Number a) || !(num instanceof Number b)) {
      throw new IllegalArgumentException("needs two numbers, got " + Sequence.describe(value)
          + " and " + Sequence.describe(num));
    }
    if (isIntegral(a) && isIntegral(b)) {
      long divisor = b.longValue();
      if (divisor == 0) {
        throw new IllegalArgumentException("division by zero");
      }
      return a.longValue() % divisor == 0;
    }
    return a.doubleValue() % b.doubleValue() == 0;
  }

  /** Python's {@code is}: the same object; true, false and none are singletons there. */
  private static boolean sameAs(Object value, Object other) {
    if (value instanceof Boolean || other instanceof Boolean) {
      return Objects.equals(value, other);
    }
    return value == other;
  }
}
