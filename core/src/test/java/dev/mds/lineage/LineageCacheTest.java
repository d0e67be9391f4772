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
 * target/lineage_cache.json: a second analysis reuses every model whose inputs are unchanged, and
 * a change re-traces exactly the models whose result it can change.
 */
class LineageCacheTest {

  @TempDir
  Path dir;

  private static final String PREFIX = "model.shop.";

  private TempProject shop() {
    return TempProject.named(dir, "shop")
        .file("seeds/orders.csv", "order_no,member_no,amount\n1,1001,5.0\n")
        .file("models/stg_orders.sql", "select * from {{ ref('orders') }}\n")
        .file("models/big_orders.sql",
            "select * from {{ ref('stg_orders') }} where amount > 1\n")
        .file("models/order_totals.sql",
            "select member_no, sum(amount) as total from {{ ref('big_orders') }} group by 1\n")
        .file("models/members.sql", "select 1001 as member_no, 'Olivia' as name\n");
  }

  private record Run(ProjectLineage lineage, Set<String> reused) {
  }

  private static Run analyse(TempProject project, boolean cached) {
    ParseResult parsed = ProjectParser.parse(project.load());
    try (LineageAnalyzer analyzer = new LineageAnalyzer(parsed, Map.of())) {
      if (cached) {
        analyzer.cached();
      }
      ProjectLineage lineage = analyzer.lineage();
      return new Run(lineage, analyzer.reused());
    }
  }

  private static Set<String> ids(String... names) {
    return java.util.Arrays.stream(names).map(n -> PREFIX + n)
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void aSecondRunReusesEveryModelAndGivesTheSameLineage() {
    TempProject project = shop();
    Run first = analyse(project, true);
    assertEquals(Set.of(), first.reused());
    Path file = project.root().resolve("target/" + LineageCache.FILE);
    assertTrue(Files.isRegularFile(file));
    long written = file.toFile().lastModified();

    Run second = analyse(project, true);

    assertEquals(ids("stg_orders", "big_orders", "order_totals", "members"), second.reused());
    assertEquals(first.lineage().models(), second.lineage().models());
    assertEquals(analyse(project, false).lineage().models(), second.lineage().models());
    assertEquals(written, file.toFile().lastModified(), "nothing new: the file is left alone");
  }

  @Test
  void aChangedModelWhoseColumnsStayTheSameInvalidatesOnlyItself() {
    TempProject project = shop();
    analyse(project, true);
    project.file("models/big_orders.sql",
        "select * from {{ ref('stg_orders') }} where amount > 2\n");

    Run after = analyse(project, true);

    assertEquals(ids("stg_orders", "order_totals", "members"), after.reused());
    assertEquals(analyse(project, false).lineage().models(), after.lineage().models());
  }

  @Test
  void aChangeOfColumnsInvalidatesTheModelsThatReadThem() {
    TempProject project = shop();
    analyse(project, true);
    // stg_orders gains a column: big_orders (select *) and so order_totals see other columns.
    project.file("models/stg_orders.sql",
        "select *, amount * 2 as doubled from {{ ref('orders') }}\n");

    Run after = analyse(project, true);

    assertEquals(ids("members"), after.reused());
    assertEquals(analyse(project, false).lineage().models(), after.lineage().models());
    assertTrue(after.lineage().model(PREFIX + "big_orders").orElseThrow().column("doubled")
        .isPresent());
  }

  @Test
  void aChangedSeedHeaderInvalidatesWhatReadsIt() {
    TempProject project = shop();
    analyse(project, true);
    project.file("seeds/orders.csv", "order_no,member_no,amount,currency\n1,1001,5.0,EUR\n");

    Run after = analyse(project, true);

    assertEquals(ids("members"), after.reused());
    assertTrue(after.lineage().model(PREFIX + "order_totals").orElseThrow().column("total")
        .isPresent());
    assertTrue(after.lineage().model(PREFIX + "stg_orders").orElseThrow().column("currency")
        .isPresent());
  }
}
