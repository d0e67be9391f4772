package dev.mds.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.TempProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateEngineTest {

  @TempDir
  Path dir;

  /** Records what templates ask of their node and answers with readable placeholders. */
  static final class RecordingContext implements NodeContext {
    final List<String> refs = new ArrayList<>();
    final List<String> sources = new ArrayList<>();
    final Map<String, Object> config = new LinkedHashMap<>();
    final String self;

    RecordingContext(String self) {
      this.self = self;
    }

    @Override
    public Object ref(Optional<String> packageName, String name, String file, int line) {
      refs.add(packageName.map(p -> p + ".").orElse("") + name + "@" + file + ":" + line);
      return "<" + name + ">";
    }

    @Override
    public Object source(String sourceName, String tableName, String file, int line) {
      sources.add(sourceName + "." + tableName + "@" + file + ":" + line);
      return "<" + sourceName + "." + tableName + ">";
    }

    @Override
    public void config(Map<String, Object> values) {
      config.putAll(values);
    }

    @Override
    public boolean isIncremental() {
      return false;
    }

    @Override
    public Object thisRelation() {
      return self;
    }
  }

  private TempProject project() {
    return TempProject.named(dir, "shop");
  }

  private String render(TempProject project, String file, NodeContext context) {
    return render(project, file, context, Map.of());
  }

  private String render(TempProject project, String file, NodeContext context,
      Map<String, String> env) {
    TemplateEngine engine = new TemplateEngine(project.load(), env);
    return engine.render(project.path(file), context);
  }

  @Test
  void refAndSourceRenderWhatTheNodeAnswersAndReportFileAndLine() {
    TempProject project = project().file("models/orders.sql", """
        select *
        from {{ ref('stg_orders') }}
        join {{ ref('shop', 'stg_customers') }} using (id)
        join {{ source('erp', 'payments') }} using (id)
        join {{ source(source_name='erp', table_name='refunds') }} using (id)
        """);
    RecordingContext context = new RecordingContext("self");

    String sql = render(project, "models/orders.sql", context);

    assertEquals("""
        select *
        from <stg_orders>
        join <stg_customers> using (id)
        join <erp.payments> using (id)
        join <erp.refunds> using (id)
        """, sql);
    assertEquals(List.of("stg_orders@models/orders.sql:2", "shop.stg_customers@models/orders.sql:3"),
        context.refs);
    assertEquals(List.of("erp.payments@models/orders.sql:4", "erp.refunds@models/orders.sql:5"),
        context.sources);
  }

  @Test
  void refAcceptsAVersionKeywordArgument() {
    TempProject project = project().file("models/orders.sql",
        "select * from {{ ref('stg_orders', v=2) }}");
    RecordingContext context = new RecordingContext("self");

    assertEquals("select * from <stg_orders>", render(project, "models/orders.sql", context));
    assertEquals(List.of("stg_orders@models/orders.sql:1"), context.refs);
  }

  @Test
  void configPassesNamedArgumentsWithListValuesAndRendersNothing() {
    TempProject project = project().file("models/orders.sql", """
        {{ config(materialized='incremental', unique_key=['market', 'order_no'], tags=['daily'], \
        meta={'owner': 'sales'}, enabled=true) }}
        select 1""");
    RecordingContext context = new RecordingContext("self");

    String sql = render(project, "models/orders.sql", context);

    assertEquals("\nselect 1", sql);
    assertEquals("incremental", context.config.get("materialized"));
    assertEquals(List.of("market", "order_no"), context.config.get("unique_key"));
    assertEquals(List.of("daily"), context.config.get("tags"));
    assertEquals(Map.of("owner", "sales"), context.config.get("meta"));
    assertEquals(true, context.config.get("enabled"));
  }

  @Test
  void configAcceptsOneMapArgument() {
    TempProject project = project().file("models/orders.sql",
        "{{ config({'materialized': 'table', 'schema': 'marts'}) }}select 1");
    RecordingContext context = new RecordingContext("self");

    render(project, "models/orders.sql", context);

    assertEquals(Map.of("materialized", "table", "schema", "marts"), context.config);
  }

  @Test
  void varReadsProjectVarsFallsBackToItsDefaultAndVarsOptionOverrides() {
    TempProject project = project()
        .file("mds_project.yml", "name: shop\nvars:\n  currency: EUR\n  statuses: [a, b]\n")
        .file("models/orders.sql",
            "{{ var('currency') }} {{ var('missing', 'fallback') }} {{ var('statuses') | length }}");

    String plain = new TemplateEngine(project.load(), Map.of())
        .render(project.path("models/orders.sql"), new RecordingContext("self"));
    String overridden = new TemplateEngine(project.load(null, "{currency: GBP, missing: given}"),
        Map.of()).render(project.path("models/orders.sql"), new RecordingContext("self"));

    assertEquals("EUR fallback 2", plain);
    assertEquals("GBP given 2", overridden);
  }

  @Test
  void aDateVarRendersAsWritten() {
    TempProject project = project()
        .file("mds_project.yml", "name: shop\nvars:\n  start_date: 2024-01-01\n")
        .file("models/orders.sql", "where day between '{{ var('start_date') }}' and '{{ var('end_date') }}'");

    String sql = new TemplateEngine(project.load(null, "{end_date: 2024-12-31}"), Map.of())
        .render(project.path("models/orders.sql"), new RecordingContext("self"));

    assertEquals("where day between '2024-01-01' and '2024-12-31'", sql);
  }

  @Test
  void anUndefinedVarWithoutDefaultNamesFileLineAndVar() {
    TempProject project = project().file("models/orders.sql", "select\n  {{ var('start_date') }}\n");

    MdsException e = assertThrows(MdsException.class,
        () -> render(project, "models/orders.sql", new RecordingContext("self")));

    assertTrue(e.getMessage().startsWith("models/orders.sql:2: "), e.getMessage());
    assertTrue(e.getMessage().contains("start_date"), e.getMessage());
  }

  @Test
  void envVarReadsTheEnvironmentOrItsDefault() {
    TempProject project = project().file("models/orders.sql",
        "{{ env_var('MDS_TEST_REGION') }}/{{ env_var('MDS_TEST_UNSET', 'none') }}");

    String sql = render(project, "models/orders.sql", new RecordingContext("self"),
        Map.of("MDS_TEST_REGION", "eu"));

    assertEquals("eu/none", sql);
  }

  @Test
  void envVarThatIsUnsetWithoutDefaultIsAnError() {
    TempProject project = project().file("models/orders.sql", "{{ env_var('MDS_TEST_UNSET') }}");

    MdsException e = assertThrows(MdsException.class,
        () -> render(project, "models/orders.sql", new RecordingContext("self")));

    assertTrue(e.getMessage().startsWith("models/orders.sql:1: "), e.getMessage());
    assertTrue(e.getMessage().contains("MDS_TEST_UNSET"), e.getMessage());
  }

  @Test
  void thisAndTargetAreVisibleInsideMacros() {
    TempProject project = project()
        .file("macros/naming.sql", """
            {% macro describe_self() -%}
            {{ this }} in {{ target.schema }} of {{ target.name }}
            {%- endmacro %}
            """)
        .file("models/orders.sql", "{{ describe_self() }}");

    String sql = render(project, "models/orders.sql", new RecordingContext("\"main\".\"orders\""));

    assertEquals("\"main\".\"orders\" in main of dev", sql);
  }

  @Test
  void thisFollowsTheNodeBeingRendered() {
    TempProject project = project()
        .file("macros/naming.sql", "{% macro me() %}{{ this }}{% endmacro %}")
        .file("models/a.sql", "{{ me() }}")
        .file("models/b.sql", "{{ me() }}");
    TemplateEngine engine = new TemplateEngine(project.load(), Map.of());

    assertEquals("A", engine.render(project.path("models/a.sql"), new RecordingContext("A")));
    assertEquals("B", engine.render(project.path("models/b.sql"), new RecordingContext("B")));
  }

  @Test
  void aMacroCanCallAMacroFromAnotherFileAndRefInsideIt() {
    TempProject project = project()
        .file("macros/a_money.sql", """
            {% macro cents_to_dollars(column) -%}
            round({{ column }} / 100.0, {{ precision() }})
            {%- endmacro %}
            """)
        .file("macros/z_precision.sql", "{% macro precision() %}2{% endmacro %}")
        .file("macros/refs.sql",
            "{% macro orders_table() %}{{ ref('stg_orders') }}{% endmacro %}")
        .file("models/payments.sql",
            "select {{ cents_to_dollars('amount') }} from {{ orders_table() }}");
    RecordingContext context = new RecordingContext("self");

    String sql = render(project, "models/payments.sql", context);

    assertEquals("select round(amount / 100.0, 2) from <stg_orders>", sql);
    assertEquals(1, context.refs.size());
  }

  @Test
  void twoMacroFilesDefiningTheSameMacroIsAnErrorNamingBothFiles() {
    TempProject project = project()
        .file("macros/a.sql", "{% macro money(x) %}{{ x }}{% endmacro %}")
        .file("macros/b.sql", "{% macro money(x) %}{{ x }}{% endmacro %}");

    MdsException e = assertThrows(MdsException.class,
        () -> new TemplateEngine(project.load(), Map.of()));

    assertTrue(e.getMessage().contains("macros/a.sql"), e.getMessage());
    assertTrue(e.getMessage().contains("macros/b.sql"), e.getMessage());
    assertTrue(e.getMessage().contains("'money'"), e.getMessage());
  }

  @Test
  void macrosReportTheFileThatDefinesThem() {
    TempProject project = project()
        .file("macros/money.sql", "{% macro cents(x) %}{{ x }}{% endmacro %}"
            + "{% macro euros(x) %}{{ x }}{% endmacro %}");

    Map<String, String> macros = new TemplateEngine(project.load(), Map.of()).macros();

    assertEquals(Map.of("cents", "macros/money.sql", "euros", "macros/money.sql"), macros);
  }

  @Test
  void docsBlocksAreCollectedAndDocReturnsTheirText() {
    TempProject project = project()
        .file("models/docs.md", """
            {% docs order_status %}
            One of **placed**, shipped or returned.
            {% enddocs %}

            {% docs __overview__ %}
            # Shop
            {% enddocs %}
            """);
    TemplateEngine engine = new TemplateEngine(project.load(), Map.of());

    String description = engine.renderText("Status: {{ doc('order_status') }}", "models/schema.yml",
        NodeContext.none());

    assertEquals("Status: One of **placed**, shipped or returned.", description);
    assertEquals("models/docs.md", engine.docs().get("order_status").file());
    assertEquals("# Shop", engine.docs().get("__overview__").content());
  }

  @Test
  void proseOutsideDocsBlocksIsNotRendered() {
    TempProject project = project().file("models/README.md", """
        # Models

        Write `{{ ref('orders') }}` to use a model, and {% raw %} is not a thing here {{ x.

        {% docs orders %}
        Orders.
        {% enddocs %}
        More prose with {{ var('nothing') }}.
        """);

    TemplateEngine engine = new TemplateEngine(project.load(), Map.of());

    assertEquals("Orders.", engine.docs().get("orders").content());
  }

  @Test
  void anErrorInsideADocsBlockNamesTheMarkdownFileAndLine() {
    TempProject project = project().file("models/docs.md", """
        # Prose {{ ignored }}

        {% docs orders %}
        Orders in {{ no_such_variable }}.
        {% enddocs %}
        """);

    MdsException e = assertThrows(MdsException.class,
        () -> new TemplateEngine(project.load(), Map.of()));

    assertTrue(e.getMessage().startsWith("models/docs.md:4: "), e.getMessage());
  }

  @Test
  void docOfAnUnknownBlockIsAnErrorNamingTheBlock() {
    TempProject project = project().file("models/orders.sql", "\n{{ doc('nope') }}");

    MdsException e = assertThrows(MdsException.class,
        () -> render(project, "models/orders.sql", new RecordingContext("self")));

    assertTrue(e.getMessage().startsWith("models/orders.sql:2: "), e.getMessage());
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void aDocsBlockDefinedTwiceIsAnError() {
    TempProject project = project()
        .file("models/a.md", "{% docs status %}a{% enddocs %}")
        .file("models/b.md", "{% docs status %}b{% enddocs %}");

    MdsException e = assertThrows(MdsException.class,
        () -> new TemplateEngine(project.load(), Map.of()));

    assertTrue(e.getMessage().contains("'status'"), e.getMessage());
    assertTrue(e.getMessage().contains("models/a.md"), e.getMessage());
  }

  @Test
  void aSyntaxErrorNamesTheFileAndLine() {
    TempProject project = project().file("models/orders.sql", """
        select
          id,
          {{ ref('stg_orders' }}
        from x
        """);

    MdsException e = assertThrows(MdsException.class,
        () -> render(project, "models/orders.sql", new RecordingContext("self")));

    assertTrue(e.getMessage().startsWith("models/orders.sql:3: template error"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void anUnclosedTagNamesTheFile() {
    TempProject project = project().file("models/orders.sql", """
        select 1
        {% if true %}
        , 2
        """);

    MdsException e = assertThrows(MdsException.class,
        () -> render(project, "models/orders.sql", new RecordingContext("self")));

    assertTrue(e.getMessage().startsWith("models/orders.sql"), e.getMessage());
  }

  @Test
  void aSyntaxErrorInAMacroFileNamesThatFileAndLine() {
    TempProject project = project()
        .file("macros/broken.sql", "{% macro ok() %}1{% endmacro %}\n\n{% macro bad( %}{% endmacro %}")
        .file("models/orders.sql", "select 1");

    MdsException e = assertThrows(MdsException.class,
        () -> new TemplateEngine(project.load(), Map.of()));

    assertTrue(e.getMessage().startsWith("macros/broken.sql:3: "), e.getMessage());
  }

  @Test
  void anUnknownVariableNamesFileAndLine() {
    TempProject project = project().file("models/orders.sql", "select\n{{ no_such_thing }}");

    MdsException e = assertThrows(MdsException.class,
        () -> render(project, "models/orders.sql", new RecordingContext("self")));

    assertTrue(e.getMessage().startsWith("models/orders.sql:2: "), e.getMessage());
    assertTrue(e.getMessage().contains("no_such_thing"), e.getMessage());
  }

  @Test
  void linesStayRightAfterMacroImportsArePrepended() {
    TempProject project = project()
        .file("macros/a.sql", "{% macro a() %}a{% endmacro %}")
        .file("macros/b.sql", "{% macro b() %}b{% endmacro %}")
        .file("models/orders.sql", "select 1\n\n\n{{ ref('x') }}");
    RecordingContext context = new RecordingContext("self");

    render(project, "models/orders.sql", context);

    assertEquals(List.of("x@models/orders.sql:4"), context.refs);
  }

  @Test
  void refOutsideANodeIsAnError() {
    TempProject project = project();
    TemplateEngine engine = new TemplateEngine(project.load(), Map.of());

    MdsException e = assertThrows(MdsException.class,
        () -> engine.renderText("{{ ref('x') }}", "models/schema.yml", NodeContext.none()));

    assertTrue(e.getMessage().contains("ref('x')"), e.getMessage());
  }

  @Test
  void anErrorInFreeTextNamesWhereTheTextCameFrom() {
    TemplateEngine engine = new TemplateEngine(project().load(), Map.of());

    MdsException e = assertThrows(MdsException.class,
        () -> engine.renderText("Line one.\n{{ var('undefined_var') }}", "models/schema.yml",
            NodeContext.none()));

    assertEquals("models/schema.yml: var 'undefined_var' is not defined: add it under vars: in the"
        + " project file or pass --vars '{undefined_var: ...}'", e.getMessage());
  }

  @Test
  void textWithoutTemplateSyntaxIsReturnedAsIs() {
    TemplateEngine engine = new TemplateEngine(project().load(), Map.of());

    assertEquals("100% {curly} } {", engine.renderText("100% {curly} } {", "x", NodeContext.none()));
  }

  @Test
  void jinjaNewlineHandlingAndWhitespaceControlAreKept() {
    TempProject project = project().file("models/orders.sql", """
        {% set methods = ['card', 'bank'] %}
        select
        {%- for m in methods %}
          sum(case when method = '{{ m }}' then amount end) as {{ m }}_amount,
        {%- endfor %}
          count(*) as n
        """);

    String sql = render(project, "models/orders.sql", new RecordingContext("self"));

    assertEquals("""

        select
          sum(case when method = 'card' then amount end) as card_amount,
          sum(case when method = 'bank' then amount end) as bank_amount,
          count(*) as n
        """, sql);
  }

  @Test
  void targetExposesTheResolvedTarget() {
    TempProject project = project().file("models/orders.sql",
        "{{ target.name }}|{{ target.schema }}|{{ target.type }}|{{ target.database }}|{{ project_name }}");

    assertEquals("dev|main|duckdb|shop|shop",
        render(project, "models/orders.sql", new RecordingContext("self")));
  }

  @Test
  void aModelCompiledAheadRendersFromTheTextGivenAndABrokenOneFailsInItsRender() {
    TempProject project = project()
        .file("models/orders.sql", "select 1 as on_disk")
        .file("models/broken.sql", "select 1\n{% if %}\n");
    TemplateEngine engine = new TemplateEngine(project.load(), Map.of());

    assertTrue(engine.precompile(project.path("models/orders.sql"),
        "select {{ ref('stg_orders') }} as read_ahead"));
    assertFalse(engine.precompile(project.path("models/broken.sql"), "select 1\n{% if %}\n"));

    RecordingContext context = new RecordingContext("self");
    assertEquals("select <stg_orders> as read_ahead",
        engine.render(project.path("models/orders.sql"), context));
    MdsException e = assertThrows(MdsException.class, () -> engine.render(
        project.path("models/broken.sql"), "select 1\n{% if %}\n", context));
    assertTrue(e.getMessage().startsWith("models/broken.sql:2"), e.getMessage());
  }
}
