package dev.mds.template.jinja;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.Test;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.ConcatenateExpression;
import io.pebbletemplates.pebble.operator.Associativity;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.operator.BinaryOperatorType;
import io.pebbletemplates.pebble.operator.UnaryOperator;
import io.pebbletemplates.pebble.operator.UnaryOperatorImpl;
import io.pebbletemplates.pebble.tokenParser.AutoEscapeTokenParser;
import io.pebbletemplates.pebble.tokenParser.BlockTokenParser;
import io.pebbletemplates.pebble.tokenParser.CacheTokenParser;
import io.pebbletemplates.pebble.tokenParser.EmbedTokenParser;
import io.pebbletemplates.pebble.tokenParser.ExtendsTokenParser;
import io.pebbletemplates.pebble.tokenParser.FilterTokenParser;
import io.pebbletemplates.pebble.tokenParser.FlushTokenParser;
import io.pebbletemplates.pebble.tokenParser.FromTokenParser;
import io.pebbletemplates.pebble.tokenParser.ImportTokenParser;
import io.pebbletemplates.pebble.tokenParser.IncludeTokenParser;
import io.pebbletemplates.pebble.tokenParser.MacroTokenParser;
import io.pebbletemplates.pebble.tokenParser.ParallelTokenParser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Adds the Jinja constructs dbt projects use and Pebble lacks: the tags {@code if/elif},
 * {@code for} with {@code loop.index}, {@code loop.cycle}, a filter, unpacking, {@code break} and
 * {@code continue}, {@code set}
 * blocks (also through filters) and unpacking, {@code do}, {@code call}, {@code raw}; the
 * operators {@code in}, {@code not in}, {@code is in}, Jinja's {@code and/or/not}, {@code /},
 * {@code //}, {@code **}, Python's {@code %} (modulo and string formatting), {@code +} on lists,
 * {@code *} repeating text; subscripts {@code x[-1]} and slices {@code x[1:]}; tests such as
 * {@code is none}, {@code is divisibleby(3)}, {@code is gt(1)}; filters such as
 * {@code replace('a','b')}, {@code int}, {@code tojson}, {@code selectattr}, {@code groupby},
 * {@code truncate}, {@code format}; {@code range}, {@code namespace}, {@code dict}; Python string,
 * list and dict methods; {@code True/False/None}.
 *
 * <p>Build the engine with {@code allowOverrideCoreOperators(true)}: Pebble otherwise keeps its own
 * {@code and}, {@code or}, {@code not}, {@code /}, {@code %}, {@code +} and {@code *}, and tags
 * using the first three fail with that advice. Jinja's inline {@code x if c else y} works in tags,
 * and in {@code {{ }}} after the template's first tag; so do tuples such as {@code x in ('a', 'b')}
 * (TokenRetyping explains why) and slices (SliceRetyping).
 */
public final class JinjaCompatExtension extends AbstractExtension {

  private final TokenRetyping retyping;

  /** Jinja with no macro namespaces (for templates that call no macros, such as profiles). */
  public JinjaCompatExtension() {
    this(Set.of());
  }

  /** @param namespaces names whose {@code ns.name(...)} calls a macro of that namespace */
  public JinjaCompatExtension(Set<String> namespaces) {
    this.retyping = new TokenRetyping(namespaces);
  }

  // Pebble's scale: or 10, and 15, is 20, == 30, * 60, | 100, ~ 110, .. 120. An inline
  // conditional binds loosest; Jinja binds not looser than comparisons and tests.
  // A slice's colons bind loosest of all, and the unary operators standing for them looser still,
  // so that each part of x[a:b] is a whole expression.
  private static final int SLICE_PART_PRECEDENCE = 1;
  private static final int SLICE_PRECEDENCE = 2;
  private static final int ELSE_PRECEDENCE = 4;
  private static final int IF_PRECEDENCE = 5;
  private static final int OR_PRECEDENCE = 10;
  private static final int AND_PRECEDENCE = 15;
  private static final int NOT_PRECEDENCE = 17;
  private static final int TEST_PRECEDENCE = 20;
  private static final int COMPARISON_PRECEDENCE = 30;
  // Jinja's ~ binds looser than + and tighter than comparisons, and filters bind tighter than
  // either: 'x' ~ xs | join(',') joins xs (Pebble's ~ at 110 would join the concatenation).
  private static final int CONCAT_PRECEDENCE = 35;
  private static final int SUM_PRECEDENCE = 40;
  private static final int PRODUCT_PRECEDENCE = 60;
  private static final int POWER_PRECEDENCE = 70;
  private static final int RANGE_PRECEDENCE = 120;

  @Override
  public List<TokenParser> getTokenParsers() {
    List<TokenParser> own = List.of(new JinjaIfTokenParser(), new JinjaForTokenParser(),
        new JinjaSetTokenParser(), new DoTokenParser(), new CallTokenParser(), new RawTokenParser(),
        new LoopControlTokenParser(true), new LoopControlTokenParser(false));
    // Pebble's remaining tags, re-registered only so that they too retype the Jinja syntax ahead.
    List<TokenParser> pebbles = List.of(new AutoEscapeTokenParser(), new BlockTokenParser(),
        new CacheTokenParser(), new EmbedTokenParser(), new ExtendsTokenParser(),
        new FilterTokenParser(), new FlushTokenParser(), new FromTokenParser(),
        new ImportTokenParser(), new IncludeTokenParser(), new MacroTokenParser(),
        new ParallelTokenParser());
    return Stream.concat(own.stream(), pebbles.stream())
        .<TokenParser>map(this::retyping)
        .toList();
  }

  /** Wraps another extension's tag so that it, too, retypes the Jinja syntax that follows it. */
  public TokenParser retyping(TokenParser tag) {
    return new RetypingTokenParser(tag, retyping);
  }

  @Override
  public List<BinaryOperator> getBinaryOperators() {
    return List.of(
        normal(TokenRetyping.IF, IF_PRECEDENCE, InlineIfExpression::new),
        new BinaryOperatorImpl(TokenRetyping.ELSE, ELSE_PRECEDENCE, InlineElseExpression::new,
            BinaryOperatorType.NORMAL, Associativity.RIGHT),
        normal("or", OR_PRECEDENCE, () -> new LogicalExpression(false)),
        normal("and", AND_PRECEDENCE, () -> new LogicalExpression(true)),
        normal("in", COMPARISON_PRECEDENCE, () -> new InExpression(false)),
        normal("not in", COMPARISON_PRECEDENCE, () -> new InExpression(true)),
        // The test 'x is in(seq)': the lexer reads 'in' as the operator above, which Pebble's test
        // syntax does not accept as a test name, so 'is in' and 'is not in' are operators too.
        normal("is in", TEST_PRECEDENCE, () -> new InExpression(false)),
        normal("is not in", TEST_PRECEDENCE, () -> new InExpression(true)),
        normal("/", PRODUCT_PRECEDENCE,
            () -> new ArithmeticExpression(ArithmeticExpression.Operation.DIVIDE)),
        normal("//", PRODUCT_PRECEDENCE,
            () -> new ArithmeticExpression(ArithmeticExpression.Operation.FLOOR_DIVIDE)),
        normal("%", PRODUCT_PRECEDENCE,
            () -> new ArithmeticExpression(ArithmeticExpression.Operation.MODULO)),
        normal("*", PRODUCT_PRECEDENCE,
            () -> new ArithmeticExpression(ArithmeticExpression.Operation.MULTIPLY)),
        normal("+", SUM_PRECEDENCE,
            () -> new ArithmeticExpression(ArithmeticExpression.Operation.ADD)),
        normal("~", CONCAT_PRECEDENCE, ConcatenateExpression::new),
        new BinaryOperatorImpl("**", POWER_PRECEDENCE,
            () -> new ArithmeticExpression(ArithmeticExpression.Operation.POWER),
            BinaryOperatorType.NORMAL, Associativity.RIGHT),
        normal("..", RANGE_PRECEDENCE, InclusiveRangeExpression::new),
        normal(SliceRetyping.SEPARATOR, SLICE_PRECEDENCE, SliceExpressions.Separator::new),
        normal(SliceRetyping.START_AND_STEP, SLICE_PRECEDENCE, SliceExpressions.StartAndStep::new),
        normal(SliceRetyping.STOP_AND_STEP, SLICE_PRECEDENCE, SliceExpressions.StopAndStep::new));
  }

  private static BinaryOperator normal(String symbol, int precedence,
      Supplier<? extends BinaryExpression<?>> node) {
    return new BinaryOperatorImpl(symbol, precedence, node, BinaryOperatorType.NORMAL,
        Associativity.LEFT);
  }

  @Override
  public List<UnaryOperator> getUnaryOperators() {
    return List.of(new UnaryOperatorImpl("not", NOT_PRECEDENCE, JinjaNotExpression.class),
        new UnaryOperatorImpl(SliceRetyping.START_ONLY, SLICE_PART_PRECEDENCE,
            SliceExpressions.StartOnly.class),
        new UnaryOperatorImpl(SliceRetyping.STOP_ONLY, SLICE_PART_PRECEDENCE,
            SliceExpressions.StopOnly.class),
        new UnaryOperatorImpl(SliceRetyping.STEP_ONLY, SLICE_PART_PRECEDENCE,
            SliceExpressions.StepOnly.class),
        new UnaryOperatorImpl(SliceRetyping.UNCHANGED, SLICE_PART_PRECEDENCE,
            SliceExpressions.Unchanged.class));
  }

  @Override
  public Map<String, Test> getTests() {
    return JinjaTests.all();
  }

  @Override
  public Map<String, Filter> getFilters() {
    Map<String, Filter> filters = new HashMap<>();
    filters.putAll(ConversionFilters.all());
    filters.putAll(CollectionFilters.all());
    filters.putAll(TextFilters.all());
    filters.put("tojson", new ToJsonFilter());
    filters.put("default", new JinjaDefaultFilter());
    filters.put("d", new JinjaDefaultFilter());
    return filters;
  }

  @Override
  public Map<String, Function> getFunctions() {
    return Map.of("caller", new CallerFunction(), "namespace", new DictFunction(),
        "dict", new DictFunction(), "range", new RangeFunction(),
        TokenRetyping.KEYWORD, new KeywordArgument.Maker(),
        TokenRetyping.DICT, new DictLiteral());
  }

  @Override
  public Map<String, Object> getGlobalVariables() {
    // Python's spellings; Pebble's lexer knows only true/false/none (and upper case).
    Map<String, Object> globals = new HashMap<>();
    globals.put("True", Boolean.TRUE);
    globals.put("False", Boolean.FALSE);
    globals.put("None", null);
    globals.putAll(SliceRetyping.globals());
    return globals;
  }

  @Override
  public List<AttributeResolver> getAttributeResolver() {
    return List.of(new StringMethods(), new MapMethods(), new ListMethods(), new LoopCycle(),
        new SubscriptAccess());
  }
}
