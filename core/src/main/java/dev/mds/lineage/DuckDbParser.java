package dev.mds.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mds.MdsException;
import dev.mds.engine.DuckDb;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DuckDB's own SQL parser, asked through {@code json_serialize_sql} on a private in-memory
 * database: the query's syntax tree as JSON, exactly as DuckDB will read it. Also answers the few
 * questions only DuckDB can answer exactly: the name it gives an unaliased expression, the columns
 * of a file scan, and whether a {@code COLUMNS('regex')} pattern matches a name.
 */
final class DuckDbParser implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Below this many statements one connection does the work: a new one costs more. */
  private static final int BATCH = 200;

  private Connection connection;
  private PreparedStatement serialize;
  /** The last query's tree with every field, for {@link #autoName}; rarely needed. */
  private final Map<String, JsonNode> fullTrees = new java.util.HashMap<>();
  private JsonNode emptySelect;
  /** Stands in a SELECT's list for the expression to print (see {@link #print}). */
  private static final String EXPRESSION_MARK = "__mds_expression__";
  /**
   * In a compact tree's JSON, expressions DuckDB cannot read back: a subquery (its query node
   * lacks fields the compact form leaves out, such as an empty {@code cte_map}) and a star
   * ({@code COLUMNS(...)}, {@code * REPLACE}: an empty {@code exclude_list}). Their statements are
   * printed in full; a string constant with this text only sends its statement the longer way.
   */
  private static final List<String> NOT_COMPACT =
      List.of("\"class\":\"SUBQUERY\"", "\"class\":\"STAR\"");
  /** DuckDB's aggregate functions, read on first use. */
  private Set<String> aggregates;

  /** The private database, started on first use: loading DuckDB is the dearest step of all. */
  private Connection connection() {
    if (connection == null) {
      try {
        connection = DuckDb.connect("jdbc:duckdb:");
      } catch (SQLException e) {
        throw new MdsException("Cannot start DuckDB to analyse SQL: " + e.getMessage(), e);
      }
    }
    return connection;
  }

  /**
   * The statement's tree (the {@code node} of its one statement), or DuckDB's reason for not
   * giving one: a parse error, or a statement that is not a plain SELECT (such as a PIVOT whose
   * columns depend on the data).
   */
  Parsed parse(String sql) {
    return outcome(serialize(sql, true));
  }

  private static Parsed outcome(JsonNode root) {
    if (root.path("error").asBoolean(false)) {
      return new Parsed(Optional.empty(), root.path("error_message").asText("cannot parse"));
    }
    JsonNode statements = root.path("statements");
    if (statements.size() != 1) {
      return new Parsed(Optional.empty(), statements.size() == 0 ? "no SELECT statement"
          : "more than one statement");
    }
    return new Parsed(Optional.of(statements.get(0).path("node")), "");
  }

  /**
   * Parses many statements at once, in order: batched into few queries, and spread over the
   * cores with a private database each, since a JDBC round trip per model dominates otherwise.
   */
  List<Parsed> parseAll(List<String> sqls) {
    int size = Math.max(BATCH, (sqls.size() + CORES - 1) / CORES);
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < sqls.size(); from += size) {
      chunks.add(sqls.subList(from, Math.min(sqls.size(), from + size)));
    }
    if (chunks.size() <= 1) {
      return chunks.isEmpty() ? List.of() : parseBatch(connection(), chunks.get(0));
    }
    connection();
    return chunks.parallelStream().flatMap(chunk -> {
      try (Connection own = DuckDb.connect("jdbc:duckdb:")) {
        return parseBatch(own, chunk).stream();
      } catch (SQLException e) {
        throw new MdsException("Cannot start DuckDB to analyse SQL: " + e.getMessage(), e);
      }
    }).toList();
  }

  private static List<Parsed> parseBatch(Connection connection, List<String> sqls) {
    List<Parsed> parsed = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("select json_serialize_sql(s::varchar,"
        + " skip_null := true, skip_empty := true) from unnest(?) with ordinality as t(s, i)"
        + " order by i")) {
      ps.setArray(1, connection.createArrayOf("VARCHAR", sqls.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          parsed.add(outcome(JSON.readTree(rs.getString(1))));
        }
      }
    } catch (SQLException | IOException e) {
      throw new MdsException("DuckDB could not parse the models' SQL: " + e.getMessage(), e);
    }
    return parsed;
  }

  /** A parse outcome: the tree, or why there is none. */
  record Parsed(Optional<JsonNode> node, String error) {
  }

  /**
   * The column name DuckDB gives an unaliased select-list expression ({@code upper(market)},
   * {@code (a + 1)}): the expression printed back as SQL by DuckDB itself.
   *
   * @param tree the tree from {@link #parse} that holds {@code expression}
   */
  Optional<String> autoName(String sql, JsonNode tree, JsonNode expression) {
    Optional<String> pointer = pointer(tree, expression, "");
    if (pointer.isEmpty()) {
      return Optional.empty();
    }
    // Deserialising needs every field, which the compact tree leaves out: parse once more in full.
    JsonNode full = fullTrees.computeIfAbsent(sql, s -> {
      JsonNode root = serialize(s, false);
      return root.path("statements").path(0).path("node");
    });
    JsonNode fullExpression = full.at(pointer.get());
    if (fullExpression.isMissingNode()) {
      return Optional.empty();
    }
    if (emptySelect == null) {
      emptySelect = serialize("select 1", false);
    }
    ObjectNode statement = emptySelect.deepCopy();
    ObjectNode copy = fullExpression.deepCopy();
    copy.put("alias", "");
    ObjectNode node = (ObjectNode) statement.path("statements").path(0).path("node");
    ArrayNode list = node.putArray("select_list");
    list.add(copy);
    try (PreparedStatement ps = connection().prepareStatement(
        "select json_deserialize_sql(?::json)")) {
      ps.setString(1, statement.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        String text = rs.getString(1).strip();
        return text.regionMatches(true, 0, "SELECT ", 0, 7)
            ? Optional.of(text.substring(7)) : Optional.empty();
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  /** Whether DuckDB knows {@code function} as an aggregate function (count_star included). */
  boolean isAggregate(String function) {
    if (aggregates == null) {
      Set<String> names = new HashSet<>();
      try (Statement statement = connection().createStatement();
          ResultSet rs = statement.executeQuery("select distinct lower(function_name)"
              + " from duckdb_functions() where function_type = 'aggregate'")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      } catch (SQLException e) {
        throw new MdsException("Cannot read DuckDB's function list: " + e.getMessage(), e);
      }
      aggregates = Set.copyOf(names);
    }
    return aggregates.contains(function.toLowerCase(Locale.ROOT));
  }

  /**
   * The JSON pointers of {@code wanted} nodes (by identity) in a tree, in one walk that stops
   * once all are found; a path is spelled out only for a node that is wanted.
   */
  static Map<JsonNode, String> pointers(JsonNode tree, Set<JsonNode> wanted) {
    Map<JsonNode, String> found = new java.util.IdentityHashMap<>();
    if (!wanted.isEmpty()) {
      find(tree, new ArrayList<>(), wanted, found);
    }
    return found;
  }

  private static boolean find(JsonNode node, List<String> path, Set<JsonNode> wanted,
      Map<JsonNode, String> found) {
    if (wanted.contains(node)) {
      StringBuilder pointer = new StringBuilder();
      path.forEach(part -> pointer.append('/').append(part));
      found.put(node, pointer.toString());
      if (found.size() == wanted.size()) {
        return true;
      }
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getValue().isContainerNode()) {
          path.add(field.getKey().replace("~", "~0").replace("/", "~1"));
          boolean done = find(field.getValue(), path, wanted, found);
          path.remove(path.size() - 1);
          if (done) {
            return true;
          }
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isContainerNode()) {
          path.add(String.valueOf(i));
          boolean done = find(node.get(i), path, wanted, found);
          path.remove(path.size() - 1);
          if (done) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Expressions to print: a statement, the JSON pointers of expressions in its tree and the same
   * expressions' subtrees of the first (compact) parse.
   */
  record Printing(String sql, List<String> pointers, List<JsonNode> expressions) {
  }

  /**
   * The expressions of each statement, printed back as SQL by DuckDB itself, each as the only item
   * of an empty SELECT: from the subtrees of the first parse, all in one query (DuckDB serialising
   * each statement again in full, as {@link #printInFull} does, cost a first 5,000-model
   * {@code docs generate} ~1 s of CPU).
   * DuckDB cannot read back some compact subtrees ({@link #NOT_COMPACT}): statements with one
   * are printed by {@link #printInFull}. An expression DuckDB cannot
   * print at all comes back empty; printing is a courtesy, lineage stands without it.
   */
  List<List<String>> print(List<Printing> statements) {
    List<String> trees = new ArrayList<>();
    List<Boolean> compact = new ArrayList<>();
    for (Printing statement : statements) {
      List<String> own = new ArrayList<>();
      for (JsonNode expression : statement.expressions()) {
        // A shallow copy: only the alias differs, so the column's name is not printed.
        ObjectNode copy = JSON.createObjectNode();
        copy.setAll((ObjectNode) expression);
        copy.put("alias", "");
        own.add(copy.toString());
      }
      boolean readable = own.size() == statement.pointers().size()
          && own.stream().noneMatch(tree -> NOT_COMPACT.stream().anyMatch(tree::contains));
      compact.add(readable);
      if (readable) {
        trees.addAll(own);
      }
    }
    List<String> flat = new ArrayList<>();
    if (!trees.isEmpty()) {
      String template = markedSelect();
      try (PreparedStatement ps = connection().prepareStatement("""
          select json_deserialize_sql(replace(?, '"%s"', e)::json)
          from unnest(?::varchar[]) with ordinality as t(e, i)
          order by i""".formatted(EXPRESSION_MARK))) {
        ps.setString(1, template);
        ps.setArray(2, connection().createArrayOf("VARCHAR", trees.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String text = rs.getString(1);
            flat.add(text == null ? "" : printed(text));
          }
        }
      } catch (SQLException e) {
        // A subtree DuckDB cannot read back spoils the batch: print it all the longer way.
        return printInFull(statements);
      }
      if (flat.size() != trees.size()) {
        return printInFull(statements);
      }
    }
    List<List<String>> texts = new ArrayList<>();
    List<Printing> again = new ArrayList<>();
    List<Integer> againAt = new ArrayList<>();
    int at = 0;
    for (int s = 0; s < statements.size(); s++) {
      Printing statement = statements.get(s);
      if (compact.get(s)) {
        texts.add(new ArrayList<>(flat.subList(at, at + statement.expressions().size())));
        at += statement.expressions().size();
      } else {
        againAt.add(texts.size());
        again.add(statement);
        texts.add(List.of());
      }
    }
    if (!again.isEmpty()) {
      List<List<String>> full = printInFull(again);
      for (int i = 0; i < again.size(); i++) {
        texts.set(againAt.get(i), full.get(i));
      }
    }
    return texts;
  }

  /** An empty SELECT's text as DuckDB printed it, reduced to its one expression. */
  private static String printed(String text) {
    return text.strip().regionMatches(true, 0, "SELECT ", 0, 7)
        ? text.strip().substring(7).replace("count_star()", "count(*)") : "";
  }

  /**
   * The expressions at {@code pointers} of each statement, printed back as SQL by DuckDB itself,
   * all in one query: DuckDB serialises each statement in full, takes each expression out by its
   * pointer and prints it as the only item of an empty SELECT.
   */
  private List<List<String>> printInFull(List<Printing> statements) {
    List<List<String>> texts = new ArrayList<>();
    List<String> sqls = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (Printing statement : statements) {
      List<String> none = new ArrayList<>();
      statement.pointers().forEach(p -> none.add(""));
      texts.add(none);
      for (String pointer : statement.pointers()) {
        owners.add(sqls.size() + 1);
        // The pointers are into the statement's node; DuckDB serialises the whole root.
        paths.add("/statements/0/node" + pointer);
      }
      sqls.add(statement.sql());
    }
    if (paths.isEmpty()) {
      return texts;
    }
    String template = markedSelect();
    try (PreparedStatement ps = connection().prepareStatement("""
        with statements as (
          select i, json_serialize_sql(s) as tree
          from unnest(?::varchar[]) with ordinality as t(s, i)),
        wanted as (
          select unnest(?::bigint[]) as owner, unnest(?::varchar[]) as path,
                 unnest(range(1, len(?::varchar[]) + 1)) as k)
        select k, json_deserialize_sql(replace(?, '"%s"',
            json_merge_patch(json_extract(tree, path), '{"alias": ""}')::varchar)::json)
        from wanted join statements on statements.i = wanted.owner
        order by k""".formatted(EXPRESSION_MARK))) {
      ps.setArray(1, connection().createArrayOf("VARCHAR", sqls.toArray()));
      ps.setArray(2, connection().createArrayOf("BIGINT",
          owners.stream().map(Integer::longValue).toArray()));
      ps.setArray(3, connection().createArrayOf("VARCHAR", paths.toArray()));
      ps.setArray(4, connection().createArrayOf("VARCHAR", paths.toArray()));
      ps.setString(5, template);
      List<String> flat = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String text = rs.getString(2);
          flat.add(text == null ? "" : printed(text));
        }
      }
      if (flat.size() == paths.size()) {
        int at = 0;
        for (List<String> own : texts) {
          for (int i = 0; i < own.size(); i++) {
            own.set(i, flat.get(at++));
          }
        }
      }
    } catch (SQLException e) {
      if (statements.size() > 1) {
        // One statement DuckDB cannot print spoils the batch: print each on its own.
        List<List<String>> each = new ArrayList<>();
        statements.forEach(s -> each.add(printInFull(List.of(s)).get(0)));
        return each;
      }
    }
    return texts;
  }

  /** The columns a SELECT returns, found by DuckDB (used for files a source reads). */
  List<String> describe(String select) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection().createStatement();
        ResultSet rs = statement.executeQuery("describe " + select)) {
      while (rs.next()) {
        names.add(rs.getString("column_name"));
      }
    }
    return names;
  }

  /** Whether {@code COLUMNS(pattern)} would pick {@code name}: DuckDB's regex semantics. */
  boolean columnsPatternMatches(String pattern, String name) throws SQLException {
    try (PreparedStatement ps = connection().prepareStatement(
        "select regexp_matches(?::varchar, ?::varchar)")) {
      ps.setString(1, name);
      ps.setString(2, pattern);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private JsonNode serialize(String sql, boolean compact) {
    try {
      PreparedStatement ps;
      if (compact) {
        if (serialize == null) {
          serialize = connection().prepareStatement(
              "select json_serialize_sql(?::varchar, skip_null := true, skip_empty := true)");
        }
        ps = serialize;
      } else {
        ps = connection().prepareStatement("select json_serialize_sql(?::varchar)");
      }
      try {
        ps.setString(1, sql);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return JSON.readTree(rs.getString(1));
        }
      } finally {
        if (!compact) {
          ps.close();
        }
      }
    } catch (SQLException e) {
      // A statement that throws is closed: prepare afresh next time.
      serialize = null;
      return JSON.createObjectNode().put("error", true).put("error_message", e.getMessage());
    } catch (IOException e) {
      throw new MdsException("DuckDB returned a syntax tree that is not JSON: " + e.getMessage(), e);
    }
  }

  /** The JSON pointer of {@code target} (by identity) inside {@code tree}. */
  private static Optional<String> pointer(JsonNode tree, JsonNode target, String path) {
    if (tree == target) {
      return Optional.of(path);
    }
    if (tree.isObject()) {
      for (Map.Entry<String, JsonNode> field : tree.properties()) {
        Optional<String> hit = pointer(field.getValue(), target,
            path + "/" + field.getKey().replace("~", "~0").replace("/", "~1"));
        if (hit.isPresent()) {
          return hit;
        }
      }
    } else if (tree.isArray()) {
      for (int i = 0; i < tree.size(); i++) {
        Optional<String> hit = pointer(tree.get(i), target, path + "/" + i);
        if (hit.isPresent()) {
          return hit;
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    try {
      if (serialize != null) {
        serialize.close();
      }
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      throw new MdsException("Cannot close DuckDB: " + e.getMessage(), e);
    }
  }

  /**
   * The tree of {@code select <EXPRESSION_MARK>} as JSON text: DuckDB's empty select whose one
   * item is a string the SQL replaces with an expression's tree, to print it.
   */
  private String markedSelect() {
    if (emptySelect == null) {
      emptySelect = serialize("select 1", false);
    }
    ObjectNode template = emptySelect.deepCopy();
    ((ObjectNode) template.path("statements").path(0).path("node"))
        .putArray("select_list").add(EXPRESSION_MARK);
    return template.toString();
  }
}
