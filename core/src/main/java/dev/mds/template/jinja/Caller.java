package dev.mds.template.jinja;

import java.util.List;

/**
 * The body of a {@code {% call %}} block. The called macro (or Java function) receives it as its
 * {@code caller} argument; templates render it with {@code caller()}.
 */
public interface Caller {

  /** Renders the body, binding the values to the block's parameters ({@code {% call(a, b) ... %}}). */
  String render(List<Object> arguments);
}
