package dev.mds.execution;

import dev.mds.compile.ParseResult;
import dev.mds.engine.CsvInspector;
import dev.mds.engine.CsvLayout;
import dev.mds.engine.SeedLoader;
import dev.mds.graph.Node;
import dev.mds.graph.Seed;
import dev.mds.graph.Selector;
import java.util.ArrayList;
import java.util.List;

/** {@code mds seed --show-schema}: how each selected seed's file would be read, loading nothing. */
public final class SeedSchemaTask {

  private SeedSchemaTask() {
  }

  /** One seed and what was inferred for it. */
  public record Inferred(Seed seed, CsvLayout layout) {
  }

  public static List<Inferred> run(ParseResult parsed, Selector selector) {
    CsvInspector inspector = new CsvInspector(parsed.project().targetDir().resolve("csv_cache"));
    SeedLoader loader = new SeedLoader(inspector);
    List<Inferred> result = new ArrayList<>();
    try {
      for (String id : selector.select(parsed.manifest()).uniqueIds()) {
        Node node = parsed.manifest().nodes().get(id);
        if (node instanceof Seed seed) {
          result.add(new Inferred(seed,
              loader.layout(seed, parsed.project().resolve(seed.file()))));
        }
      }
    } finally {
      inspector.save();
    }
    return result;
  }
}
