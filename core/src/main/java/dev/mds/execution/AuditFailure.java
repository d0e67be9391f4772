package dev.mds.execution;

/** Thrown inside a model's transaction when its error-severity tests fail, to roll it back. */
final class AuditFailure extends RuntimeException {

  AuditFailure(String message) {
    super(message);
  }
}
