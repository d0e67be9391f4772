package dev.mds.template.jinja;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * One group of Jinja's {@code groupby}: templates read {@code group.grouper} and
 * {@code group.list}, or unpack it as {@code {% for key, items in xs | groupby('a') %}}.
 */
record Group(Object grouper, List<Object> list) implements Iterable<Object> {

  @Override
  public Iterator<Object> iterator() {
    return Arrays.asList(grouper, list).iterator();
  }

  @Override
  public String toString() {
    return "(" + grouper + ", " + list + ")";
  }
}
