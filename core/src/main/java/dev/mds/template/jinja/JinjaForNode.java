package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.template.ScopeChain;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A Jinja {@code for} loop; the loop's variables live in a scope that ends with the loop. */
record JinjaForNode(List<String> names, Expression<?> iterable, Expression<?> filter, BodyNode body,
    BodyNode otherwise, int lineNumber) implements RenderableNode {

  @Override
  public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context)
      throws IOException {
    List<Object> items = items(self, context);
    if (items.isEmpty()) {
      if (otherwise != null) {
        otherwise.render(self, writer, context);
      }
      return;
    }
    ScopeChain scopes = context.getScopeChain();
    scopes.pushScope();
    try {
      for (int i = 0; i < items.size(); i++) {
        Object previous = i > 0 ? items.get(i - 1) : null;
        Object next = i + 1 < items.size() ? items.get(i + 1) : null;
        scopes.put("loop", new LoopState(i, items.size(), previous, next));
        bind(items.get(i), scopes, self);
        try {
          body.render(self, writer, context);
        } catch (LoopControl control) {
          if (control.breaks()) {
            break;
          }
        }
      }
    } finally {
      scopes.popScope();
    }
  }

  /** The items to loop over, after the {@code if} filter (which sees each item bound). */
  private List<Object> items(PebbleTemplateImpl self, EvaluationContextImpl context) {
    Object value = iterable.evaluate(self, context);
    if (value == null) {
      // Pebble skips a loop over null; keep that rather than fail on a missing optional list.
      return List.of();
    }
    List<Object> items;
    try {
      items = Sequence.of(value);
    } catch (IllegalArgumentException e) {
      throw new PebbleException(e, "Cannot loop over " + Sequence.describe(value), lineNumber,
          self.getName());
    }
    if (filter == null) {
      return items;
    }
    List<Object> kept = new ArrayList<>();
    ScopeChain scopes = context.getScopeChain();
    scopes.pushScope();
    try {
      for (Object item : items) {
        bind(item, scopes, self);
        if (Truthiness.of(filter.evaluate(self, context))) {
          kept.add(item);
        }
      }
    } finally {
      scopes.popScope();
    }
    return kept;
  }

  private void bind(Object item, ScopeChain scopes, PebbleTemplateImpl self) {
    if (names.size() == 1) {
      scopes.put(names.get(0), item);
      return;
    }
    List<Object> parts = item instanceof Map.Entry<?, ?> entry
        ? Arrays.asList(entry.getKey(), entry.getValue())
        : unpackable(item, self);
    if (parts.size() != names.size()) {
      throw new PebbleException(null, "Cannot unpack " + parts.size() + " values into "
          + names.size() + " loop variables " + names, lineNumber, self.getName());
    }
    for (int i = 0; i < names.size(); i++) {
      scopes.put(names.get(i), parts.get(i));
    }
  }

  private List<Object> unpackable(Object item, PebbleTemplateImpl self) {
    try {
      return Sequence.of(item);
    } catch (IllegalArgumentException e) {
      throw new PebbleException(e, "Cannot unpack " + Sequence.describe(item) + " into loop"
          + " variables " + names, lineNumber, self.getName());
    }
  }

  @Override
  public void accept(NodeVisitor visitor) {
    visitor.visit(this);
    iterable.accept(visitor);
    body.accept(visitor);
    if (otherwise != null) {
      otherwise.accept(visitor);
    }
  }
}
