package dev.mds.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedStar;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.JoinType;
import org.apache.spark.sql.catalyst.plans.LeftAnti$;
import org.apache.spark.sql.catalyst.plans.LeftSemi$;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Project$;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.catalyst.trees.TreeNodeTag;
import org.apache.spark.sql.internal.SQLConf;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * The columns of a {@code join ... using (k)} (and a natural join) in DuckDB's order: the left
 * side's columns with {@code k} once, where the left side has it, then the right side's other
 * columns. Spark puts the using columns first, so {@code select *} and {@code select t.*} over
 * such a join gave the same rows with other columns first (chinook's {@code dim_customer}). Spark
 * resolves the join into a projection over a plain join, marked with the columns it hides; this
 * rule runs after that in the same resolution pass, before a star over it is expanded, and
 * reorders that projection. Which value the using column holds (the left one, the right one
 * for a right join, their coalesce for a full join) stays Spark's, which is DuckDB's too.
 */
final class UsingJoinOrder extends Rule<LogicalPlan> {

  /** Marks a projection already in DuckDB's order (the rule runs until nothing changes). */
  private static final TreeNodeTag<Object> REORDERED = new TreeNodeTag<>("mds.usingJoinOrder");

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return qualifiedStars(reorderUsingJoins(plan));
  }

  /**
   * {@code select b.*} over such a join (directly, or through a {@code where}): Spark would
   * expand it with the join's hidden key columns first; this expands it here, before Spark does,
   * to the same columns in {@code b}'s own order, as DuckDB does.
   */
  private static LogicalPlan qualifiedStars(LogicalPlan plan) {
    return plan.resolveOperatorsUp(Catalyst.partial((LogicalPlan node) -> {
      if (!(node instanceof Project p) || p.resolved()) {
        return null;
      }
      LogicalPlan below = p.child();
      while (below instanceof Filter f) {
        below = f.child();
      }
      if (!(below instanceof Project using) || !using.resolved()
          || using.getTagValue(REORDERED).isEmpty()) {
        return null;
      }
      List<NamedExpression> list = CollectionConverters.asJava(p.projectList());
      if (list.stream().noneMatch(e -> e.getClass() == UnresolvedStar.class
          && ((UnresolvedStar) e).target().isDefined())) {
        return null;
      }
      List<NamedExpression> expanded = new ArrayList<>();
      for (NamedExpression e : list) {
        if (e.getClass() == UnresolvedStar.class && ((UnresolvedStar) e).target().isDefined()) {
          expanded.addAll(inOwnOrder(CollectionConverters.asJava(((UnresolvedStar) e)
              .expand(using, SQLConf.get().resolver())), using));
        } else {
          expanded.add(e);
        }
      }
      Project out = new Project(CollectionConverters.asScala(expanded).toList(), p.child());
      out.copyTagsFrom(p);
      return out;
    }));
  }

  /** {@code items} in the order of the nearest relation below that outputs exactly them. */
  private static List<NamedExpression> inOwnOrder(List<NamedExpression> items, LogicalPlan in) {
    Map<ExprId, NamedExpression> byId = new HashMap<>();
    items.forEach(i -> byId.put(i.exprId(), i));
    LogicalPlan source = withOutput(in, byId.keySet());
    if (source == null || byId.size() != items.size()) {
      return items;
    }
    List<NamedExpression> ordered = new ArrayList<>();
    for (Attribute a : CollectionConverters.asJava(source.output())) {
      ordered.add(byId.get(a.exprId()));
    }
    return ordered;
  }

  private static LogicalPlan withOutput(LogicalPlan plan, Set<ExprId> ids) {
    List<Attribute> output = CollectionConverters.asJava(plan.output());
    if (output.size() == ids.size() && output.stream().allMatch(a -> ids.contains(a.exprId()))) {
      return plan;
    }
    for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
      LogicalPlan found = withOutput(child, ids);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static LogicalPlan reorderUsingJoins(LogicalPlan plan) {
    return plan.resolveOperatorsUp(new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
      @Override
      public boolean isDefinedAt(LogicalPlan node) {
        return node instanceof Project p && p.child() instanceof Join && p.resolved()
            && p.getTagValue(Project$.MODULE$.hiddenOutputTag()).isDefined()
            && p.getTagValue(REORDERED).isEmpty();
      }

      @Override
      public <A1 extends LogicalPlan, B1> B1 applyOrElse(A1 node,
          scala.Function1<A1, B1> otherwise) {
        if (!isDefinedAt(node)) {
          return otherwise.apply(node);
        }
        @SuppressWarnings("unchecked")
        B1 out = (B1) reorder((Project) node);
        return out;
      }
    });
  }

  private static LogicalPlan reorder(Project project) {
    Join join = (Join) project.child();
    List<NamedExpression> list = CollectionConverters.asJava(project.projectList());
    List<Attribute> left = CollectionConverters.asJava(join.left().output());
    int rightSize = join.right().output().size();
    JoinType type = join.joinType();
    boolean existence = type == LeftSemi$.MODULE$ || type == LeftAnti$.MODULE$;
    // Spark's list: the n keys, the left's other columns, the right's other columns (a semi or
    // anti join: the keys and the left's other columns).
    int keys = existence ? 0 : left.size() + rightSize - list.size();
    List<NamedExpression> ordered = existence ? inLeftOrder(list, left)
        : leftKeysInPlace(list, left, keys);
    Project reordered = ordered == null ? project
        : new Project(CollectionConverters.asScala(ordered).toList(), join);
    if (reordered != project) {
      reordered.copyTagsFrom(project);
    }
    reordered.setTagValue(REORDERED, Boolean.TRUE);
    return reordered;
  }

  /** A semi or anti join: only the left's columns, in its order. */
  private static List<NamedExpression> inLeftOrder(List<NamedExpression> list,
      List<Attribute> left) {
    Map<ExprId, Integer> position = new HashMap<>();
    for (int i = 0; i < left.size(); i++) {
      position.put(left.get(i).exprId(), i);
    }
    if (!list.stream().allMatch(e -> position.containsKey(e.exprId()))) {
      return null;
    }
    List<NamedExpression> ordered = new ArrayList<>(list);
    ordered.sort((a, b) -> position.get(a.exprId()) - position.get(b.exprId()));
    return ordered;
  }

  /** Each key where the left side has it, the left's other columns around it, then the right's. */
  private static List<NamedExpression> leftKeysInPlace(List<NamedExpression> list,
      List<Attribute> left, int keys) {
    if (keys <= 0 || keys > list.size()) {
      return null;
    }
    List<NamedExpression> keyColumns = list.subList(0, keys);
    List<NamedExpression> rest = list.subList(keys, list.size());
    Set<ExprId> leftIds = new HashSet<>();
    left.forEach(a -> leftIds.add(a.exprId()));
    Map<ExprId, NamedExpression> leftRest = new HashMap<>();
    List<NamedExpression> rightRest = new ArrayList<>();
    for (NamedExpression e : rest) {
      if (leftIds.contains(e.exprId())) {
        leftRest.put(e.exprId(), e);
      } else {
        rightRest.add(e);
      }
    }
    List<NamedExpression> ordered = new ArrayList<>();
    List<NamedExpression> unplaced = new ArrayList<>(keyColumns);
    for (Attribute a : left) {
      NamedExpression same = leftRest.get(a.exprId());
      if (same != null) {
        ordered.add(same);
        continue;
      }
      // A left key: the key column Spark made of it (the left column itself, the right one for
      // a right join, a coalesce named after the left one for a full join).
      NamedExpression key = unplaced.stream().filter(k -> k.exprId().equals(a.exprId()))
          .findFirst().orElseGet(() -> unplaced.stream()
              .filter(k -> k.name().equalsIgnoreCase(a.name())).findFirst().orElse(null));
      if (key == null) {
        return null;
      }
      unplaced.remove(key);
      ordered.add(key);
    }
    if (!unplaced.isEmpty() || ordered.size() + rightRest.size() != list.size()) {
      return null;
    }
    ordered.addAll(rightRest);
    return ordered;
  }
}
