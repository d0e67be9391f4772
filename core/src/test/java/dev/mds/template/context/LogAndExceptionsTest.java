package dev.mds.template.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mds.MdsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogAndExceptionsTest {

  @TempDir
  Path dir;

  @Test
  void logWithInfoGoesToTheConsoleAndWithoutOnlyToTheLogFile() {
    ContextProject project = new ContextProject(dir);
    String sql = project.render("{% do log('to the file') %}{{ log('shown ' ~ 1, info=True) }}"
        + "{{ log(['a', 1, none, true]) }}select 1");
    assertEquals("select 1", sql);
    assertEquals(List.of("shown 1"), project.infos);
    assertEquals(List.of("to the file", "['a', 1, None, True]"), project.debugs);
  }

  @Test
  void printWritesTheTextAsItIs() {
    ContextProject project = new ContextProject(dir);
    assertEquals("x", project.render("{{ print('plain text') }}x"));
    assertEquals(List.of("plain text"), project.prints);
  }

  @Test
  void raiseCompilerErrorNamesTheMacroFileAndLine() {
    ContextProject project = new ContextProject(dir)
        .file("macros/checks.sql", "{% macro check(x) %}\n"
            + "  {% if x < 0 %}\n"
            + "    {{ exceptions.raise_compiler_error('bad input: ' ~ x) }}\n"
            + "  {% endif %}\n"
            + "{% endmacro %}\n");
    MdsException error = assertThrows(MdsException.class,
        () -> project.render("select {{ check(-1) }}"));
    assertEquals("macros/checks.sql:3: bad input: -1", error.getMessage());
  }

  @Test
  void raiseCompilerErrorInTheModelNamesTheModel() {
    ContextProject project = new ContextProject(dir);
    MdsException error = assertThrows(MdsException.class,
        () -> project.render("select 1\n{% do exceptions.raise_compiler_error('stop here') %}"));
    assertEquals("models/m.sql:2: stop here", error.getMessage());
  }

  @Test
  void otherRaisingFunctionsSayWhatKindOfError() {
    ContextProject project = new ContextProject(dir);
    assertEquals("models/m.sql:1: not implemented: later",
        assertThrows(MdsException.class, () -> project.render(
            "{{ exceptions.raise_not_implemented('later') }}")).getMessage());
    assertEquals("models/m.sql:1: database error: gone",
        assertThrows(MdsException.class, () -> project.render(
            "{{ exceptions.raise_database_error('gone') }}")).getMessage());
  }

  @Test
  void warnLogsAndRendersNothingUnlessWarningsAreErrors() {
    ContextProject project = new ContextProject(dir);
    assertEquals("ok", project.render("{{ exceptions.warn('careful') }}ok"));
    assertEquals(List.of("Warning: models/m.sql:1: careful"), project.infos);
    MdsException error = assertThrows(MdsException.class, () -> project.render(
        "{{ exceptions.warn('careful') }}ok",
        project.invocation(Map.of("WARN_ERROR", true))));
    assertEquals("models/m.sql:1: warning treated as an error (--warn-error): careful",
        error.getMessage());
  }

  @Test
  void anUnknownExceptionsFunctionIsATemplateError() {
    ContextProject project = new ContextProject(dir);
    MdsException error = assertThrows(MdsException.class,
        () -> project.render("{{ exceptions.no_such('x') }}"));
    assertEquals("models/m.sql:1: template error: module 'exceptions' has no attribute"
        + " 'no_such'", error.getMessage());
  }
}
