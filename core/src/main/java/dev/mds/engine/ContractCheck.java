package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What mds checks of an enforced contract itself: before anything is built, that the model's
 * query returns the contract's columns with its types (DuckDB describes the query without running
 * it), and, before a table is published, that its foreign keys hold (DuckDB cannot keep a foreign
 * key to a table that is replaced on every run, so a query counts the orphans).
 */
public final class ContractCheck {

  private ContractCheck() { }

  /**
   * The model's enforced contract. An incremental model with one must add new columns or fail
   * on a schema change (as dbt requires, so the table cannot drift from its contract). Empty when
   * the model has no enforced contract or is not built from SQL by mds.
   */
  public static java.util.Optional<Contract> enforced(dev.mds.graph.Model model) {
    if (model.isPython() || model.materialized().equals("ephemeral")) {
      return java.util.Optional.empty();
    }
    java.util.Optional<Contract> contract = Contract.of(model);
    if (contract.isPresent() && model.materialized().equals("incremental")) {
      String policy = model.config().string("on_schema_change").orElse("ignore");
      if (!policy.equals("append_new_columns") && !policy.equals("fail")) {
        throw new MdsException(model.file() + ": on_schema_change is '" + policy + "', but"
            + " incremental models with an enforced contract must set on_schema_change to"
            + " 'append_new_columns' or 'fail'");
      }
    }
    return contract;
  }

  /**
   * Fails when the columns of {@code sql} (the model's query) do not match {@code contract}'s,
   * and notes once what of the contract mds checks itself or does not enforce.
   */
  public static void check(Session session, dev.mds.graph.Model model, Contract contract,
      String sql, java.util.function.Consumer<String> note) throws SQLException {
    columns(session, contract, sql);
    if (contract.hasConstraints() && !enforcesConstraints(model)) {
      note.accept("Note: constraints of " + model.materialized() + " models are not enforced"
          + " (as in dbt); their contracts' columns and types are checked");
    } else if (checksForeignKeys(model, contract)) {
      note.accept("Note: DuckDB cannot keep a foreign key to a table that is rebuilt, so mds"
          + " checks contracts' foreign keys with a query before publishing each table");
    }
  }

  private static boolean enforcesConstraints(dev.mds.graph.Model model) {
    return model.materialized().equals("table") || model.materialized().equals("incremental");
  }

  /** Whether mds checks {@code contract}'s foreign keys on the table it builds for {@code model}. */
  public static boolean checksForeignKeys(dev.mds.graph.Model model, Contract contract) {
    return enforcesConstraints(model) && !contract.foreignKeys().isEmpty();
  }

  /** One row of the mismatch table, as dbt reports it. */
  record Mismatch(String column, String definitionType, String contractType, String reason) { }

  /**
   * Fails with the list of missing, extra and mistyped columns when {@code sql}'s columns do
   * not match {@code contract}'s.
   */
  public static void columns(Session session, Contract contract, String sql)
      throws SQLException {
    Map<String, String> actual = session.columns("select * from (\n" + sql + "\n) as model_subq");
    Map<String, String> declared = declaredTypes(session, contract);
    List<Mismatch> mismatches = compare(actual, declared, contract.aliasTypes());
    if (!mismatches.isEmpty()) {
      throw new MdsException(report(contract, mismatches));
    }
  }

  /**
   * The contract's types as DuckDB names them, read by describing a row of typed nulls: DuckDB
   * itself resolves its aliases ({@code int}, {@code text}, {@code numeric}, {@code datetime}).
   */
  static Map<String, String> declaredTypes(Session session, Contract contract)
      throws SQLException {
    Map<String, String> declared = new LinkedHashMap<>();
    if (!contract.aliasTypes()) {
      contract.columns().forEach(c -> declared.put(c.name(), c.dataType()));
      return declared;
    }
    // One query for all the columns; only when it fails, one per column to name the bad type.
    StringJoiner row = new StringJoiner(", ", "select ", "");
    for (int i = 0; i < contract.columns().size(); i++) {
      row.add("cast(null as " + contract.columns().get(i).dataType() + ") as c" + i);
    }
    try {
      List<String> types = List.copyOf(session.columns(row.toString()).values());
      for (int i = 0; i < types.size(); i++) {
        declared.put(contract.columns().get(i).name(), types.get(i));
      }
      return declared;
    } catch (SQLException e) {
      // Found below.
    }
    for (Contract.Column column : contract.columns()) {
      try {
        Map<String, String> described = session.columns("select cast(null as "
            + column.dataType() + ") as " + session.dialect().quote(column.name()));
        declared.put(column.name(), described.values().iterator().next());
      } catch (SQLException e) {
        throw new MdsException(contract.file() + ": model " + contract.model() + ": column "
            + column.name() + " has data_type '" + column.dataType() + "', which "
            + session.dialect().engineName() + " does not know ("
            + DuckDbError.summary(e.getMessage()) + ")");
      }
    }
    return declared;
  }

  static List<Mismatch> compare(Map<String, String> actual, Map<String, String> declared,
      boolean aliasTypes) {
    Map<String, String> actualByName = byLowerName(actual);
    Map<String, String> declaredByName = byLowerName(declared);
    List<Mismatch> mismatches = new ArrayList<>();
    declared.forEach((name, type) -> {
      String found = actualByName.get(name.toLowerCase(Locale.ROOT));
      if (found == null) {
        mismatches.add(new Mismatch(name, "", type, "missing in definition"));
      } else if (!sameType(found, type, aliasTypes)) {
        mismatches.add(new Mismatch(name, found, type, "data type mismatch"));
      }
    });
    actual.forEach((name, type) -> {
      if (!declaredByName.containsKey(name.toLowerCase(Locale.ROOT))) {
        mismatches.add(new Mismatch(name, type, "", "missing in contract"));
      }
    });
    return mismatches;
  }

  private static Map<String, String> byLowerName(Map<String, String> columns) {
    Map<String, String> lower = new LinkedHashMap<>();
    columns.forEach((name, type) -> lower.put(name.toLowerCase(Locale.ROOT), type));
    return lower;
  }

  /** Size, precision and scale aside, as dbt compares: DECIMAL(10,2) meets DECIMAL(18,3). */
  static boolean sameType(String actual, String declared, boolean aliasTypes) {
    String a = normalise(actual);
    String d = normalise(declared);
    if (!aliasTypes) {
      return a.equals(d);
    }
    return withoutSize(a).equals(withoutSize(d));
  }

  private static String normalise(String type) {
    return type.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
  }

  private static final Pattern SIZED = Pattern.compile(
      "^(DECIMAL|NUMERIC|VARCHAR|CHAR|BPCHAR|TEXT|STRING)\\s*\\(.*\\)$");

  private static String withoutSize(String type) {
    Matcher m = SIZED.matcher(type);
    String base = m.matches() ? m.group(1) : type;
    return base.equals("NUMERIC") ? "DECIMAL" : base;
  }

  private static String report(Contract contract, List<Mismatch> mismatches) {
    long missing = mismatches.stream().filter(m -> m.reason().equals("missing in definition"))
        .count();
    long extra = mismatches.stream().filter(m -> m.reason().equals("missing in contract"))
        .count();
    long mistyped = mismatches.size() - missing - extra;
    List<String> counts = new ArrayList<>();
    if (missing > 0) {
      counts.add(missing + " missing from the query");
    }
    if (extra > 0) {
      counts.add(extra + " not in the contract");
    }
    if (mistyped > 0) {
      counts.add(mistyped + " of another type");
    }
    String[] header = {"column_name", "definition_type", "contract_type", "mismatch_reason"};
    int[] width = new int[4];
    for (int i = 0; i < 4; i++) {
      width[i] = header[i].length();
    }
    for (Mismatch m : mismatches) {
      String[] row = {m.column(), m.definitionType(), m.contractType(), m.reason()};
      for (int i = 0; i < 4; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder(contract.file() + ": the enforced contract of model "
        + contract.model() + " is not met (" + String.join(", ", counts)
        + "), so nothing was built; make the query and the columns in its schema YAML agree");
    text.append('\n').append(row(header, width));
    String[] rule = new String[4];
    for (int i = 0; i < 4; i++) {
      rule[i] = "-".repeat(width[i]);
    }
    text.append('\n').append(row(rule, width));
    for (Mismatch m : mismatches) {
      text.append('\n').append(row(new String[] {m.column(), m.definitionType(),
          m.contractType(), m.reason()}, width));
    }
    return text.toString();
  }

  private static String row(String[] cells, int[] width) {
    StringJoiner line = new StringJoiner(" | ", "| ", " |");
    for (int i = 0; i < cells.length; i++) {
      line.add(cells[i] + " ".repeat(width[i] - cells[i].length()));
    }
    return line.toString();
  }

  private static final Pattern PARENT = Pattern.compile("^\\s*(.+?)\\s*\\(([^()]*)\\)\\s*$");

  /**
   * Counts the rows of {@code relation} whose foreign key names no parent row, failing (so the
   * transaction around it keeps the previous table) when there are any.
   *
   * @param render turns a constraint's {@code to} ({@code ref('customers')}) into a relation
   */
  public static void foreignKeys(Session session, Contract contract, Relation relation,
      UnaryOperator<String> render) throws SQLException {
    for (Contract.Constraint key : contract.foreignKeys()) {
      String parent;
      List<String> parentColumns;
      if (key.to().isPresent()) {
        parent = render.apply(key.to().get()).strip();
        parentColumns = key.toColumns();
      } else if (key.expression().isPresent()) {
        Matcher m = PARENT.matcher(key.expression().get());
        if (!m.matches()) {
          throw new MdsException(contract.file() + ": foreign key of model " + contract.model()
              + " on " + key.columns() + ": expression '" + key.expression().get()
              + "' is not 'relation (column, ...)'");
        }
        parent = m.group(1);
        parentColumns = List.of(m.group(2).split("\\s*,\\s*"));
      } else {
        throw new MdsException(contract.file() + ": foreign key of model " + contract.model()
            + " on " + key.columns() + " needs to (with to_columns) or an expression");
      }
      if (parentColumns.size() != key.columns().size() || parentColumns.isEmpty()) {
        throw new MdsException(contract.file() + ": foreign key of model " + contract.model()
            + " on " + key.columns() + " names " + parentColumns.size()
            + " parent columns (to_columns) for " + key.columns().size() + " columns");
      }
      StringJoiner present = new StringJoiner(" and ");
      StringJoiner match = new StringJoiner(" and ");
      for (int i = 0; i < parentColumns.size(); i++) {
        String child = "c." + session.dialect().quote(key.columns().get(i));
        present.add(child + " is not null");
        match.add("p." + session.dialect().quote(parentColumns.get(i).strip()) + " = " + child);
      }
      long orphans = session.queryLong("select count(*) from " + relation + " as c where "
          + present + " and not exists (select 1 from " + parent + " as p where " + match + ")");
      if (orphans > 0) {
        throw new MdsException(contract.file() + ": foreign key of model " + contract.model()
            + " fails: " + orphans + (orphans == 1 ? " row has " : " rows have ")
            + String.join(", ", key.columns()) + " not found in " + parent + " ("
            + String.join(", ", parentColumns) + "), so " + relation
            + " keeps its previous version");
      }
    }
  }
}
