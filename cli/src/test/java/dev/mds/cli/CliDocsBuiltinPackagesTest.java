package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mds docs generate} says which of mds's built-in packages served the project and what it
 * used from them: in manifest.json's metadata, on the site's overview and on the console.
 */
class CliDocsBuiltinPackagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.named(dir.resolve("shop"), "shop")
        .file("packages.yml", """
            packages:
              - package: dbt-labs/dbt_utils
                version: [">=1.0.0", "<2.0.0"]
              - package: calogica/dbt_expectations
                version: [">=0.10.0", "<0.11.0"]
            """)
        .file("seeds/members.csv", "market,member_no,age\nNO,1,30\nSE,1,41\n")
        .file("models/members_keyed.sql", """
            select {{ dbt_utils.generate_surrogate_key(['market', 'member_no']) }} as member_key,
                   {{ dbt_utils.star(from=ref('members'), except=['age']) }}
            from {{ ref('members') }}
            """)
        .file("models/schema.yml", """
            models:
              - name: members_keyed
                tests:
                  - dbt_utils.unique_combination_of_columns:
                      combination_of_columns: [market, member_no]
                columns:
                  - name: member_no
                    tests:
                      - dbt_expectations.expect_column_values_to_be_between:
                          min_value: 1
            """);
  }

  @Test
  void docsListTheBuiltInsTheProjectUsed() throws Exception {
    TempProject project = project();

    CliRun run = mds("docs", "generate", "--project-dir", project.dir()).assertOk();

    JsonNode used = JSON.readTree(project.path("target/manifest.json").toFile())
        .path("metadata").path("mds_builtin_packages_used");
    assertEquals(JSON.readTree("""
        {"dbt_expectations": {"macros": [], "tests": ["expect_column_values_to_be_between"]},
         "dbt_utils": {"macros": ["generate_surrogate_key", "star"],
                       "tests": ["unique_combination_of_columns"]}}
        """), used, run::describe);
    assertTrue(run.out().contains("Built-in package used: dbt_utils (macros:"
        + " generate_surrogate_key, star; tests: unique_combination_of_columns)"), run::describe);
    assertTrue(run.out().contains("Built-in package used: dbt_expectations (tests:"
        + " expect_column_values_to_be_between)"), run::describe);
    String overview = project.read("target/docs/index.html");
    assertTrue(overview.contains("Built-in packages used"), overview);
    assertTrue(overview.contains("<strong>dbt_utils</strong> — macros: <code>generate_surrogate_key,"
        + " star</code> — tests: <code>unique_combination_of_columns</code>"), overview);
  }

  @Test
  void anInstalledPackageIsNotListedAsABuiltIn() throws Exception {
    TempProject project = project()
        .file("dbt_packages/dbt_utils/dbt_project.yml", "name: dbt_utils\n")
        .file("dbt_packages/dbt_utils/macros/keys.sql", """
            {% macro generate_surrogate_key(fields) %}md5({{ fields | join(" || '-' || ") }}){% endmacro %}
            {% macro star(from, except=[]) %}market, member_no{% endmacro %}
            {% test unique_combination_of_columns(model, combination_of_columns) %}
            select 1 where false
            {% endtest %}
            """);

    CliRun run = mds("docs", "generate", "--project-dir", project.dir()).assertOk();

    JsonNode used = JSON.readTree(project.path("target/manifest.json").toFile())
        .path("metadata").path("mds_builtin_packages_used");
    assertEquals(JSON.readTree("""
        {"dbt_expectations": {"macros": [], "tests": ["expect_column_values_to_be_between"]}}
        """), used, run::describe);
    assertFalse(run.out().contains("Built-in package used: dbt_utils"), run::describe);
    // dbt names a package macro's dependency by its package.
    JsonNode node = JSON.readTree(project.path("target/manifest.json").toFile())
        .path("nodes").path("model.shop.members_keyed");
    assertTrue(node.path("depends_on").path("macros").toString()
        .contains("\"macro.dbt_utils.generate_surrogate_key\""), node.toString());
  }
}
