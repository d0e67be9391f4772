package dev.mds.cli;

import dev.mds.MdsException;
import dev.mds.project.Project;

/** {@code --publish}: the profile's serving copy, published by this invocation. */
final class ServingOption {

  private ServingOption() {
  }

  static Project apply(Project project, boolean publish) {
    if (!publish || project.target().serving().publish()) {
      return project;
    }
    if (project.target().serving().path().isEmpty()) {
      throw new MdsException("--publish: the target's database is in memory (path: ':memory:'),"
          + " so there is nothing for readers to open; give the target a file");
    }
    return new Project(project.root(), project.projectFile(), project.config(),
        project.target().withServing(project.target().serving().publishing()), project.vars(),
        project.displayRoot());
  }
}
