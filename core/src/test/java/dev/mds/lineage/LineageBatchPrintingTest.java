package dev.mds.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.TempProject;
import dev.mds.compile.ParseResult;
import dev.mds.compile.ProjectParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project large enough that computed columns' SQL is printed in batches on a second DuckDB
 * while later models are traced: every expression comes out as when the model is analysed on
 * its own, and the cache written on another thread ({@code cachedInBackground}) is whole once
 * the analyser is closed.
 */
class LineageBatchPrintingTest {

  @TempDir
  Path dir;

  /** More models with computed columns than one printing batch (400) holds, twice over. */
  private static final int MODELS = 900;

  private TempProject chain() {
    TempProject project = TempProject.named(dir, "chain")
        .file("seeds/base.csv", "id,amount,market\n1,5.0,nl\n");
    for (int i = 0; i < MODELS; i++) {
      // Chains of ten: deep enough that children read their parents' traced columns, shallow
      // enough that a model analysed alone traces few ancestors.
      String parent = i % 10 == 0 ? "base" : "m" + (i - 1);
      project.file("models/m" + i + ".sql", "select id, amount * " + (i + 2) + " as amount,"
          + " upper(market) as market, count(*) over () as n" + i + "_rows"
          + " from {{ ref('" + parent + "') }}\n");
    }
    return project;
  }

  @Test
  void batchesPrintWhatEachModelPrintsAlone() {
    TempProject project = chain();
    ParseResult parsed = ProjectParser.parse(project.load());
    ProjectLineage all;
    try (LineageAnalyzer analyzer = new LineageAnalyzer(parsed, Map.of())) {
      all = analyzer.lineage();
    }
    assertEquals(MODELS, all.models().size());
    for (int i : new int[] {0, 1, 399, 400, 401, 799, 800, MODELS - 1}) {
      String id = "model.chain.m" + i;
      ModelLineage alone;
      try (LineageAnalyzer analyzer = new LineageAnalyzer(parsed, Map.of())) {
        alone = analyzer.lineage((dev.mds.graph.Model) parsed.manifest().nodes().get(id));
      }
      assertEquals(alone, all.models().get(id), id);
      ColumnLineage amount = all.models().get(id).columns().stream()
          .filter(c -> c.column().equals("amount")).findFirst().orElseThrow();
      assertEquals("(amount * " + (i + 2) + ")", amount.expression(), id);
    }
  }

  @Test
  void theCacheWrittenInTheBackgroundIsWholeOnceClosed() {
    TempProject project = chain();
    ParseResult parsed = ProjectParser.parse(project.load());
    ProjectLineage first;
    try (LineageAnalyzer analyzer = new LineageAnalyzer(parsed, Map.of())) {
      first = analyzer.cachedInBackground().lineage();
    }
    assertTrue(Files.isRegularFile(project.root().resolve("target/" + LineageCache.FILE)));
    try (LineageAnalyzer analyzer = new LineageAnalyzer(parsed, Map.of())) {
      ProjectLineage second = analyzer.cached().lineage();
      assertEquals(MODELS, analyzer.reused().size());
      assertEquals(first.models(), second.models());
      assertEquals(Set.copyOf(first.models().keySet()), analyzer.reused());
    }
  }

  /**
   * Expressions are printed from the first parse's subtrees, except a subquery's, which DuckDB
   * cannot read back from the compact tree: the model holding one is printed from a full parse,
   * and both kinds come out in the same batch.
   */
  @Test
  void aSubqueryColumnIsPrintedBesideCompactOnes() {
    TempProject project = TempProject.named(dir, "sub")
        .file("seeds/base.csv", "id,amount,market\n1,5.0,nl\n")
        .file("models/plain.sql", "select id, amount + 1 as more, upper(market) as market"
            + " from {{ ref('base') }}\n")
        .file("models/nested.sql", "select id, (select max(amount) from {{ ref('base') }}) as top,"
            + " amount * 2 as twice, coalesce(market, 'none') as market"
            + " from {{ ref('base') }}\n");
    ParseResult parsed = ProjectParser.parse(project.load());
    ProjectLineage all;
    try (LineageAnalyzer analyzer = new LineageAnalyzer(parsed, Map.of())) {
      all = analyzer.lineage();
    }
    assertEquals("(amount + 1)", expression(all, "model.sub.plain", "more"));
    assertEquals("upper(market)", expression(all, "model.sub.plain", "market"));
    assertEquals("(SELECT max(amount) FROM main.base)", expression(all, "model.sub.nested", "top"));
    assertEquals("(amount * 2)", expression(all, "model.sub.nested", "twice"));
    assertEquals("COALESCE(market, 'none')", expression(all, "model.sub.nested", "market"));
  }

  private static String expression(ProjectLineage lineage, String model, String column) {
    return lineage.models().get(model).columns().stream()
        .filter(c -> c.column().equals(column)).findFirst().orElseThrow().expression();
  }
}
