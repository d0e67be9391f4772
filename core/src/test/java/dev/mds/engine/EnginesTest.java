package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.TempProject;
import dev.mds.compile.Compiler;
import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import dev.mds.graph.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine registry, plugin folders, and compiled SQL following the target's dialect. */
class EnginesTest {

  @TempDir
  Path dir;

  private TempProject project(String type) {
    return TempProject.named(dir, "shop")
        .file("profiles.yml", """
            shop:
              target: dev
              outputs:
                dev:
                  type: %s
                  schema: retail
            """.formatted(type));
  }

  @Test
  void aTypeWithoutAnEngineSaysHowToInstallIt() {
    // Not spark: a checkout where the Spark module was packaged has spark/target/engine/.
    TempProject project = project("trino");
    MdsException error = assertThrows(MdsException.class, project::load);
    assertTrue(error.getMessage().contains("profile 'shop' target 'dev' has type 'trino' but the"
        + " Trino engine is not installed ("), error.getMessage());
    assertTrue(error.getMessage().contains("lib/engines/trino/"), error.getMessage());
    assertTrue(error.getMessage().contains("MDS_ENGINE_PATH"), error.getMessage());
  }

  @Test
  void pluginFoldersAreTheEnginePathThenTheInstallationThenTheCheckout() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("repo/cli/target/lib"));
    Path jar = Files.createFile(lib.resolve("mds-core.jar"));
    List<Path> folders = Engines.pluginFolders("spark", "/opt/a" + java.io.File.pathSeparator
        + "/opt/b.jar", jar);
    assertEquals(Path.of("/opt/a"), folders.get(0));
    assertEquals(Path.of("/opt/b.jar"), folders.get(1));
    assertEquals(lib.resolve("engines/spark"), folders.get(2));
    assertTrue(folders.contains(dir.resolve("repo/spark/target/engine")), folders.toString());
  }

  @Test
  void compiledSqlQuotesAsTheTargetsEngineDoesAndDispatchTriesItsTypeFirst() {
    TempProject project = project("backticks")
        .file("macros/m.sql", """
            {% macro greet() %}{{ return(adapter.dispatch('greet')()) }}{% endmacro %}
            {% macro default__greet() %}'default'{% endmacro %}
            {% macro backticks__greet() %}'backticks'{% endmacro %}
            {% macro duckdb__greet() %}'duckdb'{% endmacro %}
            """)
        .file("models/a.sql", "select 1 as id\n")
        .file("models/b.sql", "select {{ greet() }} as g, '{{ target.type }}' as t,"
            + " '{{ adapter.type() }}' as adapter, {{ adapter.quote('id') }}"
            + " from {{ ref('a') }} -- {{ this }}\n");
    ParseResult parsed = ProjectParser.parse(project.load());
    Model b = (Model) parsed.manifest().nodes().get("model.shop.b");

    String sql = Compiler.offline(parsed).compile(b).sql();

    assertEquals("select 'backticks' as g, 'backticks' as t, 'backticks' as adapter, `id`"
        + " from `retail`.`a` -- `retail`.`b`", sql.strip());
    assertEquals("spark_catalog", b.relation().database());
  }

  @Test
  void aDuckDbTargetCompilesAsBefore() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/a.sql", "select 1 as id\n")
        .file("models/b.sql", "select {{ adapter.quote('id') }}, '{{ adapter.type() }}'"
            + " from {{ ref('a') }}\n");
    ParseResult parsed = ProjectParser.parse(project.load());
    Model b = (Model) parsed.manifest().nodes().get("model.shop.b");

    assertEquals("select \"id\", 'duckdb' from \"main\".\"a\"",
        Compiler.offline(parsed).compile(b).sql().strip());
  }
}
