package dev.mds.template;

import dev.mds.MdsException;
import dev.mds.template.jinja.Caller;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbt's ways for a template to run SQL: {@code run_query(sql)},
 * {@code {% call statement('name', fetch_result=True) %}sql{% endcall %}} and
 * {@code load_result('name')}. Nothing runs while parsing ({@code execute} is false): then
 * {@code run_query} gives none and {@code load_result} finds nothing, as in dbt.
 */
final class Statements {

  private Statements() {
  }

  /** Runs {@code sql} for the node being rendered, naming the template line when it fails. */
  static QueryTable run(String sql, PebbleTemplate self, int line) {
    NodeContext node = ActiveNode.get();
    try {
      return node.database().query(sql.strip());
    } catch (MdsException e) {
      throw MdsException.at(self.getName() + ":" + line, e.getMessage(), e);
    }
  }

  /** What {@code load_result} gives: the response, the rows as lists and the table. */
  static Map<String, Object> result(QueryTable table) {
    Map<String, Object> result = new LinkedHashMap<>();
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("code", "OK");
    response.put("rows_affected", table.size());
    response.put("_message", "OK");
    result.put("response", response);
    result.put("data", table.data());
    result.put("table", table);
    return result;
  }

  abstract static class Positional implements Function {
    @Override
    public List<String> getArgumentNames() {
      return null;
    }

    static Object argument(Map<String, Object> args, String name, int index) {
      return args.containsKey(name) ? args.get(name) : args.get(String.valueOf(index));
    }
  }

  /** {@code run_query(sql)}: the rows of a query, or none while parsing. */
  static final class RunQuery extends Positional {
    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
        int lineNumber) {
      NodeContext node = ActiveNode.get();
      node.introspected();
      if (!node.execute()) {
        return null;
      }
      return run(String.valueOf(argument(args, "sql", 0)), self, lineNumber);
    }
  }

  /** {@code {% call statement(name, fetch_result=False) %}}: runs the block's SQL. */
  static final class Statement extends Positional {
    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
        int lineNumber) {
      if (!(args.get("caller") instanceof Caller caller)) {
        throw MdsException.at(self.getName() + ":" + lineNumber,
            "statement() is used as {% call statement('name') %}SQL{% endcall %}");
      }
      String sql = caller.render(List.of());
      NodeContext node = ActiveNode.get();
      node.introspected();
      if (!node.execute()) {
        return "";
      }
      QueryTable table = run(sql, self, lineNumber);
      Object name = argument(args, "name", 0);
      if (name != null) {
        node.statementResults().put(String.valueOf(name), result(table));
      }
      return "";
    }
  }

  /** {@code load_result(name)}: what the statement of that name returned, or none. */
  static final class LoadResult extends Positional {
    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
        int lineNumber) {
      return ActiveNode.get().statementResults().get(String.valueOf(argument(args, "name", 0)));
    }
  }
}
