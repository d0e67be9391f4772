package dev.mds.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mds.MdsException;
import dev.mds.TempProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** profiles.yml values written as dbt templates: env_var() with defaults and filters. */
class TemplatedProfileTest {

  @TempDir
  Path dir;

  private static final String PROFILES = """
      shop:
        target: "{{ env_var('MDS_TARGET', 'dev') }}"
        outputs:
          dev:
            type: duckdb
            path: "{{ env_var('SHOP_DB_DIR') }}/shop.duckdb"
            schema: "{{ env_var('SHOP_SCHEMA', 'main') | lower }}"
            threads: "{{ env_var('SHOP_THREADS', 2) | as_number }}"
            settings:
              memory_limit: "{{ env_var('SHOP_MEMORY', '4GB') }}"
          prod:
            type: duckdb
            path: prod.duckdb
      other:
        outputs:
          dev: {type: duckdb, path: "{{ env_var('NOT_SET_HERE') }}"}
      """;

  private Target resolve(Map<String, String> environment, Optional<String> target) {
    TempProject project = TempProject.in(dir)
        .file("mds_project.yml", "name: shop\n")
        .file("profiles.yml", PROFILES);
    ProjectConfig config = ProjectLoader.parseConfig(Map.of("name", "shop"), "mds_project.yml");
    return new ProfileResolver(project.path(""), List.of(project.path("profiles.yml")),
        environment).resolve(config, target);
  }

  @Test
  void valuesReadTheEnvironmentAndFallBackToTheirDefaults() {
    Target target = resolve(Map.of("SHOP_DB_DIR", "/data/shop", "SHOP_SCHEMA", "Retail_UK",
        "SHOP_THREADS", "6"), Optional.empty());

    assertEquals("dev", target.name());
    assertEquals(Path.of("/data/shop/shop.duckdb"), target.databasePath());
    assertEquals("retail_uk", target.schema());
    assertEquals(6, target.threads());
    assertEquals(Map.of("memory_limit", "4GB"), target.settings());

    Target defaults = resolve(Map.of("SHOP_DB_DIR", "/data"), Optional.empty());
    assertEquals(2, defaults.threads());
    assertEquals("main", defaults.schema());
  }

  @Test
  void theTargetNameCanComeFromTheEnvironment() {
    Target target = resolve(Map.of("MDS_TARGET", "prod"), Optional.empty());

    assertEquals("prod", target.name());
    assertEquals(dir.resolve("prod.duckdb").toAbsolutePath().normalize(),
        target.databasePath());
  }

  @Test
  void aMissingVariableWithoutDefaultNamesTheFileAndTheKey() {
    MdsException e = assertThrows(MdsException.class,
        () -> resolve(Map.of(), Optional.empty()));

    assertEquals("profiles.yml (shop.outputs.dev.path): environment variable 'SHOP_DB_DIR' is"
        + " not set and env_var() was given no default", e.getMessage());
  }

  @Test
  void aTemplateSyntaxErrorNamesTheFileAndTheKey() {
    TempProject.in(dir).file("profiles.yml", "shop:\n  outputs:\n    dev:\n"
        + "      path: \"{{ env_var('X' }}\"\n");
    ProjectConfig config = ProjectLoader.parseConfig(Map.of("name", "shop"), "mds_project.yml");

    MdsException e = assertThrows(MdsException.class, () -> new ProfileResolver(dir,
        List.of(dir.resolve("profiles.yml")), Map.of()).resolve(config, Optional.empty()));

    assertEquals(true, e.getMessage().startsWith("profiles.yml (shop.outputs.dev.path)"),
        e.getMessage());
  }
}
