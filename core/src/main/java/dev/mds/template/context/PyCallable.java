package dev.mds.template.context;

/** A Python callable as templates see it: a function of a module, a class, a bound method. */
@FunctionalInterface
interface PyCallable {

  Object call(PyArgs args);
}
