package dev.mds.template.context;

import dev.mds.MdsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbt's {@code exceptions} namespace: {@code raise_compiler_error(msg)} and its kin stop the render
 * with a one-line error naming the template and line of the call; {@code warn(msg)} logs a warning
 * and renders nothing (or fails as an error under {@code --warn-error}, as in dbt).
 */
final class DbtExceptions {

  private DbtExceptions() {
  }

  static Map<String, Object> module(TemplateLog log, boolean warnError) {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("raise_compiler_error", raising(0, "msg", ""));
    members.put("raise_not_implemented", raising(0, "msg", "not implemented: "));
    members.put("raise_database_error", raising(0, "msg", "database error: "));
    members.put("raise_dependency_error", raising(0, "msg", "dependency error: "));
    members.put("raise_fail_fast_error", raising(0, "msg", "failing fast: "));
    members.put("raise_cache_inconsistent", raising(0, "message", "cache inconsistent: "));
    members.put("warn", (PyCallable) args -> {
      String message = String.valueOf(args.required(0, "msg"));
      if (warnError) {
        throw MdsException.at(args.location(), "warning treated as an error (--warn-error): "
            + message);
      }
      log.warn(args.location() + ": " + message);
      return "";
    });
    members.put("missing_config", (PyCallable) args -> {
      throw MdsException.at(args.location(), "the model " + describe(args.get(0, "model"))
          + " has no config '" + args.get(1, "name") + "', which it needs");
    });
    members.put("missing_materialization", (PyCallable) args -> {
      throw MdsException.at(args.location(), "no materialization for "
          + describe(args.get(0, "model")) + " on adapter '" + args.get(1, "adapter_type") + "'");
    });
    members.put("missing_relation", (PyCallable) args -> {
      throw MdsException.at(args.location(), "relation " + args.get(0, "relation")
          + " was not found");
    });
    members.put("relation_wrong_type", (PyCallable) args -> {
      throw MdsException.at(args.location(), "relation " + args.get(0, "relation")
          + " is not a " + args.get(1, "expected_type") + "; drop it or change its type");
    });
    members.put("raise_ambiguous_alias", (PyCallable) args -> {
      throw MdsException.at(args.location(), "two nodes build the same relation "
          + args.get(2, "duped_name") + ": " + describe(args.get(0, "node_1")) + " and "
          + describe(args.get(1, "node_2")));
    });
    members.put("raise_duplicate_resource_name", (PyCallable) args -> {
      throw MdsException.at(args.location(), "two resources share a name: "
          + describe(args.get(0, "node_1")) + " and " + describe(args.get(1, "node_2")));
    });
    members.put("column_type_missing", (PyCallable) args -> {
      throw MdsException.at(args.location(), "these columns have no data_type, which the"
          + " contract needs: " + names(args.get(0, "column_names")));
    });
    members.put("raise_contract_error", (PyCallable) args -> {
      throw MdsException.at(args.location(), "the columns do not match the contract: declared "
          + names(args.get(0, "yaml_columns")) + ", the SQL returns "
          + names(args.get(1, "sql_columns")));
    });
    return members;
  }

  /** A function that stops the render with {@code prefix} and its message argument. */
  private static PyCallable raising(int index, String name, String prefix) {
    return args -> {
      throw MdsException.at(args.location(), prefix + args.get(index, name));
    };
  }

  /** A node or relation as a message names it: its name when it has one. */
  private static String describe(Object node) {
    if (node instanceof Map<?, ?> map && map.get("name") != null) {
      return String.valueOf(map.get("name"));
    }
    return String.valueOf(node);
  }

  private static String names(Object values) {
    if (values instanceof List<?> list) {
      return String.join(", ", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(values);
  }
}
