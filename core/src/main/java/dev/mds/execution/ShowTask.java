package dev.mds.execution;

import dev.mds.engine.DuckDbError;
import dev.mds.MdsException;
import dev.mds.compile.Compiler;
import dev.mds.compile.ParseResult;
import dev.mds.engine.DuckDbWarehouse;
import dev.mds.engine.Warehouse;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.Selector;
import dev.mds.engine.EngineConnection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code mds show}: runs a model's compiled query and returns its first rows. */
public final class ShowTask {

  private ShowTask() {
  }

  /** The rows of a preview, every value as text ({@code NULL} for nulls). */
  public record Preview(String model, List<String> columns, List<List<String>> rows) {
  }

  public static Preview run(ParseResult parsed, Selector selector, int limit,
      double lockTimeoutSeconds) {
    return run(parsed, selector, limit, lockTimeoutSeconds, note -> { });
  }

  /** The same, telling {@code note} when it reads the serving copy rather than the database. */
  public static Preview run(ParseResult parsed, Selector selector, int limit,
      double lockTimeoutSeconds, java.util.function.Consumer<String> note) {
    List<Model> models = new ArrayList<>();
    for (String id : selector.select(parsed.manifest()).uniqueIds()) {
      Node node = parsed.manifest().nodes().get(id);
      if (node instanceof Model model) {
        models.add(model);
      }
    }
    if (models.size() != 1) {
      throw new MdsException("mds show needs a selection of exactly one model; it matched "
          + models.size() + (models.isEmpty() ? "" : " (" + models.stream().map(Node::name)
              .limit(5).toList() + ")"));
    }
    Model model = models.get(0);
    if (model.isPython()) {
      throw MdsException.at(model.file(), "mds show previews SQL models; build this python model"
          + " with mds run and query its table " + model.relation());
    }
    try (Warehouse warehouse = dev.mds.engine.Engines.open(parsed.project().target(),
            dev.mds.engine.EngineOptions.forReading(lockTimeoutSeconds, note));
        EngineConnection connection = warehouse.connect()) {
      Compiler compiler = new Compiler(parsed,
          r -> warehouse.relationType(r).filter("BASE TABLE"::equals).isPresent(), false);
      compiler.useDatabase(dev.mds.engine.TemplateDatabase.of(warehouse));
      String sql = Compiler.trimStatement(compiler.compile(model).sql());
      return preview(warehouse, connection, model.name(), sql, limit);
    } catch (SQLException e) {
      throw new MdsException(model.file() + ": query failed: " + DuckDbError.summary(
          e.getMessage()), e);
    }
  }

  /** What {@code mds show --inline} names its query in messages and in the header. */
  public static final String INLINE = "--inline";

  /**
   * {@code mds show --inline}: {@code template} rendered like a model (refs, sources, macros,
   * vars) and its first rows read from the database, read-only (or from the serving copy while
   * a build holds the database).
   */
  public static Preview inline(ParseResult parsed, String template, int limit,
      double lockTimeoutSeconds, java.util.function.Consumer<String> note) {
    try (Warehouse warehouse = dev.mds.engine.Engines.open(parsed.project().target(),
            dev.mds.engine.EngineOptions.forReading(lockTimeoutSeconds, note));
        EngineConnection connection = warehouse.connect()) {
      Compiler compiler = new Compiler(parsed,
          r -> warehouse.relationType(r).filter("BASE TABLE"::equals).isPresent(), false);
      compiler.useDatabase(dev.mds.engine.TemplateDatabase.of(warehouse));
      String sql = compiler.inlineSql(template, INLINE);
      if (sql.isBlank()) {
        throw new MdsException(INLINE + ": the query is empty");
      }
      return preview(warehouse, connection, "inline query", sql, limit);
    } catch (SQLException e) {
      throw new MdsException(INLINE + ": query failed: " + DuckDbError.summary(e.getMessage()),
          e);
    }
  }

  private static Preview preview(Warehouse warehouse, EngineConnection connection, String name,
      String sql, int limit) throws SQLException {
    return connection.query(warehouse.dialect().limit(sql, Math.max(0, limit)), rs -> {
      List<String> columns = new ArrayList<>(rs.columnNames());
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
          Object value = rs.getObject(i);
          row.add(value == null ? "NULL" : String.valueOf(value));
        }
        rows.add(row);
      }
      return new Preview(name, columns, rows);
    });
  }
}
