package dev.mds.template;

/**
 * The node being rendered on this thread. Pebble macros cannot see render-time variables, so
 * {@code ref}, {@code this} and friends find the current node here; {@link TemplateEngine} sets it
 * for the duration of one render and always clears it.
 */
final class ActiveNode {

  private static final ThreadLocal<NodeContext> CURRENT = new ThreadLocal<>();

  private ActiveNode() {
  }

  static NodeContext get() {
    NodeContext context = CURRENT.get();
    return context == null ? NodeContext.none() : context;
  }

  static NodeContext swap(NodeContext context) {
    NodeContext previous = CURRENT.get();
    CURRENT.set(context);
    return previous;
  }

  static void restore(NodeContext previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
