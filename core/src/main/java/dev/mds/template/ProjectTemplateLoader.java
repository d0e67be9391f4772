package dev.mds.template;

import dev.mds.MdsException;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

/**
 * Loads templates by their path relative to the project folder. Every template that is not itself
 * a macro file gets an import of each macro file prepended on its first line, which makes project
 * macros global without shifting line numbers.
 */
final class ProjectTemplateLoader implements Loader<String> {

  private final Project project;
  private final Set<String> macroTemplates;
  private final String importPrefix;

  ProjectTemplateLoader(Project project, List<String> macroTemplates) {
    this.project = project;
    this.macroTemplates = Set.copyOf(macroTemplates);
    StringBuilder prefix = new StringBuilder();
    for (String name : macroTemplates) {
      prefix.append("{% import \"").append(name).append("\" %}");
    }
    this.importPrefix = prefix.toString();
  }

  @Override
  public Reader getReader(String templateName) {
    var file = project.root().resolve(templateName);
    if (!Files.isRegularFile(file)) {
      throw new MdsException("Template " + templateName + " does not exist");
    }
    String text = ProjectFiles.read(project, file);
    if (macroTemplates.contains(templateName)) {
      return new StringReader(text);
    }
    return new StringReader(importPrefix + text);
  }

  @Override
  public void setCharset(String charset) {
  }

  @Override
  public void setPrefix(String prefix) {
  }

  @Override
  public void setSuffix(String suffix) {
  }

  @Override
  public String resolveRelativePath(String relativePath, String anchorPath) {
    return null;
  }

  @Override
  public String createCacheKey(String templateName) {
    return templateName;
  }

  @Override
  public boolean resourceExists(String templateName) {
    return Files.isRegularFile(project.root().resolve(templateName));
  }
}
