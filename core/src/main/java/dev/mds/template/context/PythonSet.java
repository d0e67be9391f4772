package dev.mds.template.context;

import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * What dbt's {@code set()} returns: unique items (kept in first-seen order, which Python does not
 * promise), printed as Python prints a set, with the set methods macros call.
 */
public final class PythonSet extends LinkedHashSet<Object> {

  PythonSet(Collection<?> items) {
    super(items);
  }

  public PythonSet union(Object other) {
    PythonSet result = new PythonSet(this);
    result.addAll(Iterables.list(other));
    return result;
  }

  public PythonSet intersection(Object other) {
    PythonSet result = new PythonSet(this);
    result.retainAll(Iterables.list(other));
    return result;
  }

  public PythonSet difference(Object other) {
    PythonSet result = new PythonSet(this);
    result.removeAll(Iterables.list(other));
    return result;
  }

  public PythonSet symmetric_difference(Object other) {
    PythonSet theirs = new PythonSet(Iterables.list(other));
    PythonSet result = difference(theirs);
    result.addAll(theirs.difference(this));
    return result;
  }

  public boolean issubset(Object other) {
    return Iterables.list(other).containsAll(this);
  }

  public boolean issuperset(Object other) {
    return containsAll(Iterables.list(other));
  }

  public boolean isdisjoint(Object other) {
    return intersection(other).isEmpty();
  }

  public void update(Object other) {
    addAll(Iterables.list(other));
  }

  public void discard(Object item) {
    remove(item);
  }

  @Override
  public String toString() {
    if (isEmpty()) {
      return "set()";
    }
    StringBuilder text = new StringBuilder("{");
    String separator = "";
    for (Object item : this) {
      text.append(separator).append(Iterables.repr(item));
      separator = ", ";
    }
    return text.append('}').toString();
  }
}
