package dev.mds.template.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mds.MdsException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegexModuleTest {

  @TempDir
  Path dir;

  private String render(String sql) {
    return new ContextProject(dir).render(sql);
  }

  @Test
  void matchSearchAndFullmatch() {
    assertEquals("no|yes|ab12|no|yes",
        render("{% set re = modules.re %}"
            + "{% if re.match('\\d+', 'ab12') %}yes{% else %}no{% endif %}|"
            + "{% if re.search('\\d+', 'ab12') %}yes{% endif %}|"
            + "{{ re.match('[a-z]+\\d*', 'ab12 x').group() }}|"
            + "{% if re.fullmatch('[a-z]+', 'ab12') %}yes{% else %}no{% endif %}|"
            + "{% if re.fullmatch('[a-z]+\\d+', 'ab12') %}yes{% endif %}"));
  }

  @Test
  void namedGroupsInPythonSyntax() {
    assertEquals("2024|05|2024,05|year=2024,month=05|2024-05",
        render("{% set m = modules.re.match('(?P<year>\\d{4})-(?P<month>\\d\\d)', '2024-05-06') %}"
            + "{{ m.group('year') }}|{{ m.group(2) }}|{{ m.groups() | join(',') }}|"
            + "{% for k, v in m.groupdict().items() %}{{ k }}={{ v }}{{ ',' if not loop.last }}"
            + "{% endfor %}|"
            + "{{ m.group(0) }}"));
  }

  @Test
  void namedBackReference() {
    assertEquals("yes", render("{% if modules.re.search('(?P<q>[\\'\"]).*(?P=q)', \"say 'hi'\") %}"
        + "yes{% endif %}"));
  }

  @Test
  void subWithPythonReplacementSyntaxAndCount() {
    assertEquals("b-a c-d|x_y z|X.b.c",
        render("{% set re = modules.re %}"
            + "{{ re.sub('(\\w)-(\\w)', '\\2-\\1', 'a-b c-d', 1) }}|"
            + "{{ re.sub('(?P<first>\\w)-(?P<second>\\w)', '\\g<first>_\\g<second>', 'x-y z') }}|"
            + "{{ re.sub('^a', 'X', 'a.b.c') }}"));
  }

  @Test
  void splitKeepsGroupsAndFindallReturnsGroups() {
    assertEquals("a/b/c|a/,/b|1/22|a1/b2|/x/",
        render("{% set re = modules.re %}"
            + "{{ re.split('\\s*,\\s*', 'a , b,c') | join('/') }}|"
            + "{{ re.split('(,)', 'a,b') | join('/') }}|"
            + "{{ re.findall('\\d+', 'a1b22') | join('/') }}|"
            + "{% for l, d in re.findall('(\\w)=(\\d)', 'a=1 b=2') %}{{ l }}{{ d }}"
            + "{{ '/' if not loop.last }}{% endfor %}|"
            + "{{ re.split('-', '-x-') | join('/') }}"));
  }

  @Test
  void flagsAndCompiledPatterns() {
    assertEquals("yes|yes|SELECT|2",
        render("{% set re = modules.re %}"
            + "{% if re.match('select', 'SELECT 1', re.IGNORECASE) %}yes{% endif %}|"
            + "{% set p = re.compile('^from', re.I + re.M) %}{% set sql %}select\nFROM t{% endset %}"
            + "{% if p.search(sql) %}yes{% endif %}|"
            + "{{ re.compile('[a-z]+', re.I).match('SELECT 1').group() }}|{{ re.I }}"));
  }

  @Test
  void escapeAndLiteralBraces() {
    assertEquals("a\\.b\\*|yes|yes",
        render("{% set re = modules.re %}{{ re.escape('a.b*') }}|"
            + "{% if re.search('{{', 'x {{ y') %}yes{% endif %}|"
            + "{% if re.search(re.escape('a.b*'), 'xa.b*') %}yes{% endif %}"));
  }

  @Test
  void aBadPatternIsATemplateErrorNamingTheLine() {
    MdsException error = assertThrows(MdsException.class,
        () -> render("select\n{{ modules.re.compile('(a') }}"));
    assertEquals(true, error.getMessage().startsWith(
        "models/m.sql:2: template error: re.compile(): bad regular expression '(a'"),
        error.getMessage());
  }
}
