package dev.mds.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.TempProject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dbt's macro semantics: return values, dispatch, namespaces, varargs/kwargs, trailing commas. */
class MacroRuntimeTest {

  @TempDir
  Path dir;

  private String render(TempProject project, String file) {
    return render(project, file, NodeContext.none());
  }

  private String render(TempProject project, String file, NodeContext context) {
    return new TemplateEngine(project.load(), Map.of()).render(project.path(file), context)
        .strip();
  }

  @Test
  void returnGivesTheCallerAValueNotText() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/cols.sql", """
            {% macro key_columns() %}
              {{ return(['market', 'member_no']) }}
            {% endmacro %}
            {% macro half(x) %}{% do return(x / 2) %}never printed{% endmacro %}
            """)
        .file("models/m.sql", """
            {% set cols = key_columns() %}
            {{ cols | length }} {{ cols[1] }} {{ half(5) }} {{ key_columns() | join(',') }}
            """);
    assertEquals("2 member_no 2.5 market,member_no", render(project, "models/m.sql"));
  }

  @Test
  void dispatchFindsTheProjectsAdapterImplementationFirst() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/money.sql", """
            {% macro cents_to_dollars(col) %}
              {{ return(adapter.dispatch('cents_to_dollars')(col)) }}
            {% endmacro %}
            {% macro default__cents_to_dollars(col) %}({{ col }} / 100){% endmacro %}
            {% macro duckdb__cents_to_dollars(col) %}({{ col }} / 100)::decimal(16, 2){% endmacro %}
            {% macro default__only_default(x) %}d{{ x }}{% endmacro %}
            """)
        .file("models/m.sql", """
            {{ cents_to_dollars('amount') }} {{ adapter.dispatch('only_default', 'shop')(1) }}
            """);
    assertEquals("(amount / 100)::decimal(16, 2) d1", render(project, "models/m.sql"));
  }

  @Test
  void dispatchWithNoImplementationNamesWhatItSearched() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/m.sql", "{{ adapter.dispatch('nothing', 'shop')() }}\n");
    MdsException error = assertThrows(MdsException.class, () -> render(project, "models/m.sql"));
    assertTrue(error.getMessage().startsWith("models/m.sql:1:"), error.getMessage());
    assertTrue(error.getMessage().contains("shop.duckdb__nothing"), error.getMessage());
  }

  @Test
  void dispatchFollowsTheProjectsSearchOrder() {
    TempProject project = TempProject.in(dir)
        .file("dbt_project.yml", """
            name: shop
            dispatch:
              - macro_namespace: shop
                search_order: [dbt]
            """)
        .file("macros/m.sql", "{% macro duckdb__shout(x) %}project{% endmacro %}\n")
        .file("models/m.sql", "{{ adapter.dispatch('shout', 'shop')(1) }}\n");
    MdsException error = assertThrows(MdsException.class, () -> render(project, "models/m.sql"));
    assertTrue(error.getMessage().contains("searched dbt.duckdb__shout, dbt.default__shout"),
        error.getMessage());
  }

  @Test
  void extraArgumentsGoToVarargsAndKwargs() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/m.sql", """
            {% macro show(a, b='B') %}{{ a }}-{{ b }}-{{ varargs | join('+') }}-{{ kwargs.get('x') }}{% endmacro %}
            """)
        .file("models/m.sql", "{{ show(1, 2, 3, 4, x='y') }} {{ show(a=9) }}\n");
    assertEquals("1-2-3+4-y 9-B--", render(project, "models/m.sql"));
  }

  @Test
  void namespacedCallsReachTheProjectsMacrosWithKeywordArguments() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/m.sql", "{% macro greet(name, punctuation='.') %}hi {{ name }}"
            + "{{ punctuation }}{% endmacro %}\n")
        .file("models/m.sql", "{{ shop.greet(name='ann', punctuation='!',) }}\n");
    assertEquals("hi ann!", render(project, "models/m.sql"));
  }

  @Test
  void trailingCommasAreAcceptedWhereJinjaAcceptsThem() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/m.sql", """
            {{ config(materialized='table',) }}
            {% set xs = ['a', 'b',] %}{% set d = {'k': 1,} %}
            {{ xs | join(',') }} {{ d.k }} {{ 'a' in ('a',) }} {{ 'ab' in ('a',) }}
            """);
    TemplateEngineTest.RecordingContext context = new TemplateEngineTest.RecordingContext("x");
    assertEquals("a,b 1 true false", render(project, "models/m.sql", context));
    assertEquals("table", context.config.get("materialized"));
  }

  @Test
  void aPackageThatIsNotInstalledIsNamedWithOrWithoutKeywordArguments() {
    for (String call : new String[] {"{{ dbt_utils.star(from=ref('x'), except=['a']) }}",
        "{{ dbt_utils.generate_surrogate_key(['a']) }}"}) {
      TempProject project = TempProject.named(dir.resolve(String.valueOf(call.length())), "shop")
          .file("models/m.sql", "select\n" + call + "\n");
      MdsException error = assertThrows(MdsException.class,
          () -> render(project, "models/m.sql", new TemplateEngineTest.RecordingContext("x")));
      assertTrue(error.getMessage().startsWith("models/m.sql:2: "), error.getMessage());
      assertTrue(error.getMessage().contains("package 'dbt_utils' is not installed"),
          error.getMessage());
    }
  }

  @Test
  void executeIsFalseWhileParsingAndTrueWhenCompiling() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/m.sql", "{% macro phase() %}{{ 'run' if execute else 'parse' }}{% endmacro %}\n")
        .file("models/m.sql", "{{ execute }} {{ phase() }}\n");
    assertEquals("false parse", render(project, "models/m.sql"));
    NodeContext compiling = new NodeContext() {
      @Override
      public Object ref(java.util.Optional<String> pkg, String name, String file, int line) {
        return name;
      }

      @Override
      public Object source(String sourceName, String tableName, String file, int line) {
        return tableName;
      }

      @Override
      public void config(Map<String, Object> values) {
      }

      @Override
      public boolean isIncremental() {
        return false;
      }

      @Override
      public Object thisRelation() {
        return "x";
      }

      @Override
      public boolean execute() {
        return true;
      }
    };
    assertEquals("true run", render(project, "models/m.sql", compiling));
  }

  @Test
  void returnOutsideAMacroIsAnError() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/m.sql", "{{ return(1) }}\n");
    MdsException error = assertThrows(MdsException.class, () -> render(project, "models/m.sql"));
    assertTrue(error.getMessage().contains("return() can only be used inside a macro"),
        error.getMessage());
  }

  @Test
  void callBlocksStillPassTheirBodyAsCaller() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/m.sql", "{% macro wrap() %}[{{ caller() }}]{% endmacro %}\n")
        .file("models/m.sql", "{% call wrap() %}inside{% endcall %}\n");
    assertEquals("[inside]", render(project, "models/m.sql"));
  }

  @Test
  void dbtsMacrosAreCalledThroughTheDbtNamespaceOrByTheirNames() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/m.sql", "{{ dbt.date_trunc('month', 'd') }} | {{ date_trunc('day', 'd') }}"
            + " | {{ dbt.type_string() }} | {{ default__date_trunc('year', 'd') }}\n");
    assertEquals("date_trunc('month', d) | date_trunc('day', d) | TEXT | date_trunc('year', d)",
        render(project, "models/m.sql"));
  }

  @Test
  void aProjectsImplementationOfADbtMacroWinsThroughDispatchEvenInsideDbtsOwnMacros() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/types.sql", "{% macro duckdb__type_string() %}varchar{% endmacro %}\n")
        .file("models/m.sql", "{{ dbt.type_string() }} | {{ dbt.hash('x') }}\n");
    assertEquals("varchar | md5(cast(x as varchar))", render(project, "models/m.sql"));
  }

  @Test
  void starAndDoubleStarUnpackArgumentsIntoAMacroCall() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/join3.sql", """
            {% macro join3(a) %}
              {{ return(adapter.dispatch('join3', 'shop')(a, *varargs, **kwargs)) }}
            {% endmacro %}
            {% macro default__join3(a, b, c=0) %}{{ a }}-{{ b }}-{{ c }}/{{ kwargs | length }}{% endmacro %}
            """)
        .file("models/m.sql", """
            {% set more = {'c': 5, 'd': 6} %}
            {{ join3(1, 2, c=3) }} {{ default__join3(7, *[8], **more) }} {{ join3(1, 2) }}
            {{- ' ' ~ default__join3(c=9, **{'a': 1, 'b': 2}) }}
            """);
    assertEquals("1-2-3/0 7-8-5/1 1-2-0/0 1-2-9/0", render(project, "models/m.sql"));
  }

  @Test
  void aVariableSetOnlyInABranchNotTakenIsUndefinedNotAnError() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/counts.sql", """
            {% macro counts(group_by=[]) -%}
              {%- if group_by | length > 0 %}{% set cols = group_by | join(', ') ~ ', ' %}{% endif -%}
              select {{ cols }}count(*){{ ' (none)' if cols is not defined }}
            {%- endmacro %}
            {% macro shadow() -%}
              {%- if false %}{% set target = 'mine' %}{% endif -%}{{ target.name }}
            {%- endmacro %}
            """)
        .file("models/m.sql", "{{ counts() }} | {{ counts(['a']) }} | {{ shadow() == target.name }}\n");
    // A global of the same name shows through where the branch did not set it, as in Jinja.
    assertEquals("select count(*) (none) | select a, count(*) | true",
        render(project, "models/m.sql"));
  }

  @Test
  void aMacroThatSetsAGlobalsNameKeepsItToThatCall() {
    // Calls share one view of the globals (no copy per call): what one call sets must not reach
    // the next call or the model.
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/shadow.sql", """
            {% macro shadow() -%}
              {%- set target = 'mine' -%}{{ target }}
            {%- endmacro %}
            {% macro reads() -%}{{ target.name }}{%- endmacro %}
            """)
        .file("models/m.sql", "{{ shadow() }} {{ reads() == target.name }} {{ shadow() }}"
            + " {{ target.name is string }}\n");
    assertEquals("mine true mine true", render(project, "models/m.sql"));
  }

  @Test
  void aModelsVariableSetOnlyWhenExecutingIsUndefinedWhileParsing() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/m.sql", """
            {% if execute %}{% set rows = [1, 2] %}{% endif %}
            [{{ rows }}]{% for r in rows %}{{ r }}{% endfor %}{{ rows is defined }}
            """);
    assertEquals("[]false", render(project, "models/m.sql"));
  }

  @Test
  void aRelationIsAMappingWhoseMetadataNamesItsClassAsDbtDuckdbDoes() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/m.sql", """
            {% set r = api.Relation.create(database='db', schema='s', identifier='t') %}
            {{ r is mapping }} {{ r.get('metadata', {}).get('type', '') }} {{ r.get('path')['identifier'] }}
            {{- ' ' ~ r.is_cte }} {{ api.Relation.add_ephemeral_prefix('x') }} {{ 'r' is mapping }}
            """);
    assertEquals("true DuckDBRelation t false __mds_cte__x false", render(project, "models/m.sql"));
  }

  @Test
  void aKeyADictLacksIsUndefinedAsInJinjaNotAnError() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/m.sql", "{% set d = {'a': 1} %}[{{ d.b }}]{{ 'no' if not d.b else 'yes' }}"
            + "{{ d.a }}\n");
    assertEquals("[]no1", render(project, "models/m.sql"));
  }

  @Test
  void errorsSpeakOfTemplatesNotOfJavaClassesOrTokenTypes() {
    String[][] cases = {
        {"{{ 'x'.nope }}", "'nope' is undefined on a string"},
        {"{{ nothing_here }}", "'nothing_here' is undefined"},
        {"{% if true %}x{% endiff %}", "unknown tag {% endiff %}"},
        {"{{ ref('a' 'b') }}", "syntax error: unexpected"},
    };
    for (String[] c : cases) {
      TempProject project = TempProject.named(dir.resolve("p" + c[0].length()), "shop")
          .file("models/m.sql", "select\n" + c[0] + "\n");
      MdsException error = assertThrows(MdsException.class,
          () -> render(project, "models/m.sql", new TemplateEngineTest.RecordingContext("x")));
      assertTrue(error.getMessage().startsWith("models/m.sql:2: "), error.getMessage());
      assertTrue(error.getMessage().contains(c[1]), error.getMessage());
      assertTrue(!error.getMessage().contains("java.") && !error.getMessage().contains("PUNCTUATION"),
          error.getMessage());
    }
  }

  @Test
  void aPackageNamedInPackagesYmlButNotInstalledIsNamedToo() {
    TempProject project = TempProject.named(dir, "shop")
        .file("packages.yml", "packages:\n  - git: \"https://github.com/someone/datavault4dbt.git\"\n"
            + "    revision: 0.1.0\n  - local: ../my-helpers/\n")
        .file("models/m.sql", "select\n{{ datavault4dbt.hub(src_pk='k') }}"
            + " {{ my_helpers.x() }}\n");
    MdsException error = assertThrows(MdsException.class,
        () -> render(project, "models/m.sql", new TemplateEngineTest.RecordingContext("x")));
    assertTrue(error.getMessage().contains("package 'datavault4dbt' is in packages.yml but not"
        + " installed (run mds deps"),
        error.getMessage());
  }

  @Test
  void everyBrokenMacroFileIsReportedInOneRun() {
    TempProject project = TempProject.named(dir, "shop")
        .file("macros/a.sql", "{% macro a() %}{{ 1 + }}{% endmacro %}\n")
        .file("macros/b.sql", "{% macro b() %}\n{% if %}{% endif %}{% endmacro %}\n")
        .file("models/m.sql", "select 1\n");
    MdsException error = assertThrows(MdsException.class, () -> render(project, "models/m.sql"));
    assertTrue(error.getMessage().contains("macros/a.sql:1")
        && error.getMessage().contains("macros/b.sql:2"), error.getMessage());
  }

  @Test
  void stringLiteralsReadPythonsEscapes() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/m.sql", "{{ ['a', 'b'] | join(',\\n') }}|{{ 'tab\\there' }}|{{ 'x\\\\y' }}"
            + "|{{ modules.re.sub('\\d+', '#', 'a1b22') }}|{{ '\\u00e9' }}\n");
    assertEquals("a,\nb|tab\there|x\\y|a#b#|\u00e9", render(project, "models/m.sql"));
  }

  @Test
  void aBackslashAtALineEndContinuesTheLiteralAsInPython() {
    // dbt_utils writes its long warnings so.
    TempProject project = TempProject.named(dir, "shop")
        .file("models/m.sql", "{% set message = 'one \\\ntwo' %}[{{ message }}]\n");
    assertEquals("[one two]", render(project, "models/m.sql"));
  }
}
