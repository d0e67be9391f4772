package dev.mds.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.TempProject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder configs in the project file are templates, rendered to native values as dbt does. */
class FolderConfigTemplatesTest {

  @TempDir
  Path dir;

  private TempProject project(String models) {
    return TempProject.in(dir).file("dbt_project.yml", """
        name: shop
        vars:
          tier: gold
        models:
          shop:
        """ + models.indent(4));
  }

  private static NodeConfig staging(Project project) {
    return project.config().models().resolve(List.of("staging", "stg_orders"));
  }

  @Test
  void aVarWithAFalseDefaultDisablesAndVarsEnable() {
    TempProject project = project("""
        staging:
          +enabled: "{{ var('load_source_data', false) }}"
        """);

    assertFalse(staging(project.load()).enabled());
    assertEquals(Boolean.FALSE, staging(project.load()).get("enabled").orElseThrow());
    assertTrue(staging(project.load(null, "{load_source_data: true}")).enabled());
  }

  @Test
  void renderedTextThatReadsAsALiteralBecomesThatValue() {
    TempProject project = project("""
        staging:
          +enabled: "{{ 'False' }}"
          +persist_docs: "{{ {'relation': true} }}"
          +tags: "{{ ['a', target.name] }}"
          +schema: "{{ var('tier') }}_{{ target.name }}"
          +grain: "{{ 3 }}"
        """);

    NodeConfig config = staging(project.load());

    assertFalse(config.enabled());
    assertEquals(List.of("a", "dev"), config.tags());
    assertEquals("gold_dev", config.schema().orElseThrow());
    assertEquals(3, ((Number) config.get("grain").orElseThrow()).intValue());
    assertEquals(java.util.Map.of("relation", true), config.get("persist_docs").orElseThrow());
  }

  @Test
  void envVarWithADefaultRendersAndHooksAreLeftForRunTime() {
    TempProject project = project("""
        +schema: "{{ env_var('MDS_TEST_SURELY_UNSET_VAR', 'analytics') }}"
        +post-hook: "grant select on {{ this }} to reporter"
        """);

    NodeConfig config = staging(project.load());

    assertEquals("analytics", config.schema().orElseThrow());
    assertEquals(List.of("grant select on {{ this }} to reporter"), config.postHooks());
  }

  @Test
  void anUndefinedVarNamesTheProjectFileAndTheKey() {
    TempProject project = project("""
        staging:
          +materialized: "{{ var('how') }}"
        """);

    MdsException error = assertThrows(MdsException.class, project::load);

    assertTrue(error.getMessage().startsWith(
        "dbt_project.yml (models.shop.staging.+materialized): var 'how' is not defined"),
        error.getMessage());
  }

  @Test
  void seedAndTestTreesAreRenderedToo() {
    TempProject project = TempProject.in(dir).file("mds_project.yml", """
        name: shop
        seeds:
          +enabled: "{{ target.name == 'dev' }}"
        data_tests:
          +severity: "{{ 'warn' if target.name == 'dev' else 'error' }}"
        """);

    Project loaded = project.load();

    assertTrue(loaded.config().seeds().resolve(List.of("s")).enabled());
    assertEquals(Boolean.TRUE, loaded.config().seeds().resolve(List.of("s")).get("enabled")
        .orElseThrow());
    assertEquals("warn", loaded.config().tests().resolve(List.of("t")).string("severity")
        .orElseThrow());
  }
}
