package dev.mds.template.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerializationAndGlobalsTest {

  @TempDir
  Path dir;

  private String render(String sql) {
    return new ContextProject(dir).render(sql);
  }

  @Test
  void fromjsonReadsAndFallsBack() {
    assertEquals("123|b|none|fallback",
        render("{% set d = fromjson('{\"abc\": 123, \"list\": [\"a\", \"b\"]}') %}"
            + "{{ d['abc'] }}|{{ d.list[1] }}|{{ 'none' if fromjson('not json') is none }}|"
            + "{{ fromjson('{', 'fallback') }}"));
  }

  @Test
  void tojsonWritesAsPythonsJsonDumps() {
    assertEquals("{\"b\": [1, 2], \"a\": \"\\u00e9<\"}|{\"a\": \"\\u00e9<\", \"b\": [1, 2]}",
        render("{% set d = fromjson('{\"b\": [1, 2], \"a\": \"é<\"}') %}{{ tojson(d) }}|"
            + "{{ tojson(d, sort_keys=True) }}"));
  }

  @Test
  void fromyamlAndToyaml() {
    assertEquals("good,bad|2024-01-01|2023|dogs:\n- good\n- bad\nn: 1\n",
        render("{% set y %}\ndogs:\n  - good\n  - bad\nday: 2024-01-01\n{% endset %}"
            + "{% set d = fromyaml(y) %}{{ d.dogs | join(',') }}|{{ d.day }}|"
            + "{{ (d.day - modules.datetime.timedelta(1)).year }}|"
            + "{{ toyaml({'dogs': d.dogs, 'n': 1}) }}"));
  }

  @Test
  void zipAndSet() {
    assertEquals("1-alice,2-bob|3|{1, 2, 'x'}|yes|none",
        render("{% for n, name in zip([1, 2, 3], ['alice', 'bob']) %}{{ n }}-{{ name }}"
            + "{{ ',' if not loop.last }}{% endfor %}|"
            + "{{ set([1, 2, 2, 1, 'x']) | length }}|{{ set([1, 2, 2, 'x']) }}|"
            + "{% if 2 in set([1, 2]) %}yes{% endif %}|"
            + "{{ 'none' if set(5) is none else 'set' }}"));
  }

  @Test
  void localMd5() {
    assertEquals("5eb63bbbe01eeed093cb22bb8f5acdc3", render("{{ local_md5('hello world') }}"));
  }

  @Test
  void invocationGlobals() {
    ContextProject project = new ContextProject(dir);
    Invocation invocation = new Invocation("5f0c4c5e-0000-4000-8000-000000000001",
        Instant.parse("2024-05-06T07:08:09Z"), "run", Map.of("FULL_REFRESH", true), "0.9.0",
        project.log);
    assertEquals("5f0c4c5e-0000-4000-8000-000000000001|full|run|0.9.0|eager|run",
        project.render("{{ invocation_id }}|{{ 'full' if flags.FULL_REFRESH else 'incremental' }}|"
            + "{{ flags.WHICH }}|{{ dbt_version }}|{{ flags.INDIRECT_SELECTION }}|"
            + "{{ invocation_args_dict.which }}", invocation));
  }

  @Test
  void metadataEnvironmentVariablesAndThreadId() {
    ContextProject project = new ContextProject(dir);
    project.project.file("models/m.sql", "{{ dbt_metadata_envs }}|{{ thread_id }}");
    dev.mds.project.Project loaded = project.project.load();
    String sql = new dev.mds.template.TemplateEngine(loaded,
        Map.of("DBT_ENV_CUSTOM_ENV_TEAM", "data", "HOME", "/root"),
        new dev.mds.project.ProjectFiles(loaded), project.invocation(Map.of()))
        .render(project.project.path("models/m.sql"), dev.mds.template.NodeContext.none());
    assertEquals("{TEAM=data}|" + Thread.currentThread().getName(), sql);
  }

  @Test
  void eachInvocationHasItsOwnId() {
    Invocation first = Invocation.start("run", Map.of(), "dev", TemplateLog.NONE);
    Invocation second = Invocation.start("run", Map.of(), "dev", TemplateLog.NONE);
    assertTrue(first.invocationId().matches("[0-9a-f-]{36}"), first.invocationId());
    assertTrue(!first.invocationId().equals(second.invocationId()));
  }

  @Test
  void targetHasDbtDuckdbsKeys() {
    assertEquals("dev|dev|duckdb|main|shop|shop|4|default",
        render("{{ target.name }}|{{ target.target_name }}|{{ target.type }}|{{ target.schema }}|"
            + "{{ target.database }}|{{ target.profile_name }}|{{ target.threads }}|"
            + "{{ target.get('no_such_key', 'default') }}"));
  }
}
