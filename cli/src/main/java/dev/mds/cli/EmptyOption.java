package dev.mds.cli;

import picocli.CommandLine.Option;

/** dbt's {@code --empty} on run, seed and build. */
final class EmptyOption {

  @Option(names = "--empty",
      description = "Read zero rows from every ref and source (and load seeds without their"
          + " rows): checks that all SQL binds and gives every table its columns and types in"
          + " seconds. Tests still run, on the empty tables.")
  boolean empty;
}
