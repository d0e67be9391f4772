package dev.mds.docs;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the site's selector box answers {@code state:new} and {@code state:modified} with: each
 * node's state against an earlier manifest, computed by the command that generates the site.
 *
 * @param against what the project was compared with, as the page names it (for example
 *     {@code target/manifest.json as it was}); empty when there was nothing to compare with
 * @param byNode unique id to {@code new}, or {@code modified} followed by the kinds of change
 *     ({@code modified body configs}); nodes that did not change are left out
 */
public record NodeStates(String against, Map<String, String> byNode) {

  public NodeStates {
    byNode = Map.copyOf(byNode);
  }

  /** No comparison: {@code state:} says what to run instead. */
  public static NodeStates none() {
    return new NodeStates("", Map.of());
  }

  /**
   * A stable text of the comparison, for the site's input digest. With no node new or modified
   * the selector box selects nothing for {@code state:} whatever it was compared with, so what
   * it was compared with is left out: a second run with nothing changed (the first had no
   * previous manifest to compare with) then keeps the site instead of writing it again.
   */
  String digestText() {
    return byNode.isEmpty() ? "" : against + "\n" + new TreeMap<>(byNode);
  }
}
