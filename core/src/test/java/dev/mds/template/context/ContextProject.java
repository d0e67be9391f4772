package dev.mds.template.context;

import dev.mds.TempProject;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.template.NodeContext;
import dev.mds.template.TemplateEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A temp project whose models render through the project's TemplateEngine, logging to lists. */
final class ContextProject {

  final TempProject project;
  final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  final List<String> debugs = Collections.synchronizedList(new ArrayList<>());
  final List<String> prints = Collections.synchronizedList(new ArrayList<>());
  final TemplateLog log = new TemplateLog() {
    @Override
    public void info(String message) {
      infos.add(message);
    }

    @Override
    public void debug(String message) {
      debugs.add(message);
    }

    @Override
    public void print(String message) {
      prints.add(message);
    }
  };

  ContextProject(Path dir) {
    project = TempProject.named(dir, "shop");
  }

  ContextProject file(String path, String text) {
    project.file(path, text);
    return this;
  }

  TemplateEngine engine(Invocation invocation) {
    Project loaded = project.load();
    return new TemplateEngine(loaded, Map.of(), new ProjectFiles(loaded), invocation);
  }

  Invocation invocation(Map<String, Object> flags) {
    return Invocation.start("run", flags, "1.2.3", log);
  }

  /** Renders {@code sql} as models/m.sql. */
  String render(String sql) {
    return render(sql, invocation(Map.of()));
  }

  String render(String sql, Invocation invocation) {
    project.file("models/m.sql", sql);
    return engine(invocation).render(project.path("models/m.sql"), NodeContext.none());
  }
}
