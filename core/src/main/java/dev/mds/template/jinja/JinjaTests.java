package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.Test;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

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
    tests.put("mapping", new PredicateTest(v -> v instanceof Map<?, ?>));
    // Jinja calls anything with a length and item access a sequence: lists, text and dicts alike.
    tests.put("sequence", new PredicateTest(v -> v instanceof Collection<?> || v instanceof Map<?, ?>
        || Equality.isText(v) || (v != null && v.getClass().isArray())));
    tests.put("iterable", new PredicateTest(Sequence::isIterable));
    tests.put("eq", new EqualityTest(false));
    tests.put("equalto", new EqualityTest(false));
    tests.put("ne", new EqualityTest(true));
    return tests;
  }
}
