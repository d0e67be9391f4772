package dev.mds.template;

import dev.mds.MdsException;
import dev.mds.template.MacroCatalog.MacroDefinition;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.NamedArgumentNode;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.ScopeChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * dbt's macro semantics on top of Pebble's parsed macros: every project and built-in macro is
 * callable as a function (by name, as {@code project.name}, and dbt's as {@code dbt.name}), so
 * that a call can return a value ({@code return(...)}), take extra arguments ({@code varargs},
 * {@code kwargs}) and be found through {@code adapter.dispatch} in dbt's search order.
 */
final class MacroRuntime {

  /** dbt-duckdb's adapter and its parent: the prefixes of mds's own dispatched macros. */
  private static final List<String> ADAPTER_PREFIXES = List.of("duckdb", "default");

  /**
   * The prefixes dispatch tries, in order: the target's adapter type ({@code target.type}), then
   * {@code default} (dbt's order; {@code spark__x} first on a Spark target).
   */
  private final List<String> dispatchPrefixes;

  private final MacroCatalog catalog;
  private final String projectName;
  private final Map<String, List<String>> searchOrders;
  private final java.util.Set<String> builtinPackages;
  private final java.util.function.Consumer<String> notice;
  private final java.util.Set<String> noticed = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Each dispatch answer by namespace (empty for none), then name. */
  private final Map<String, Map<String, MacroSignature>> dispatched =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** Each macro's signature, by its definition's node (identity: one per definition). */
  /** Per macro, whether its definition reads the invocation (see InvocationReads). */
  private final Map<io.pebbletemplates.pebble.node.MacroNode, Boolean> invocationReaders =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** A template's text by name, to tell which macros read the invocation. */
  private volatile java.util.function.Function<String, String> templateText = name -> "";

  /** Where the text of the templates defining macros is read (see {@link #readsInvocation}). */
  void readTemplatesWith(java.util.function.Function<String, String> text) {
    this.templateText = text;
  }

  /** Whether the lines of {@code macro}'s definition read the invocation's time or id. */
  private boolean readsInvocation(MacroDefinition macro) {
    return invocationReaders.computeIfAbsent(macro.node(), node -> {
      String text = templateText.apply(macro.file());
      if (text == null || text.isEmpty()) {
        return false;
      }
      List<String> lines = text.lines().toList();
      int from = Math.min(Math.max(macro.firstLine(), 1) - 1, lines.size());
      int to = Math.max(from, Math.min(macro.lastLine(), lines.size()));
      return InvocationReads.in(String.join("\n", lines.subList(from, to)));
    });
  }

  private final Map<io.pebbletemplates.pebble.node.MacroNode, MacroSignature> signatures =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param searchOrders the project's {@code dispatch:} config: a macro namespace to the packages
   *     searched for it, in order
   */
  MacroRuntime(MacroCatalog catalog, String projectName, Map<String, List<String>> searchOrders) {
    this(catalog, projectName, searchOrders, java.util.Set.of(), message -> { });
  }

  /**
   * @param builtinPackages packages served by mds's own version (an installed one wins)
   * @param notice where the first use of a built-in package is noted, once per package
   */
  MacroRuntime(MacroCatalog catalog, String projectName, Map<String, List<String>> searchOrders,
      java.util.Set<String> builtinPackages, java.util.function.Consumer<String> notice) {
    this(catalog, projectName, searchOrders, builtinPackages, notice, "duckdb");
  }

  /** @param adapterType the target's {@code type}, which dispatch tries first */
  MacroRuntime(MacroCatalog catalog, String projectName, Map<String, List<String>> searchOrders,
      java.util.Set<String> builtinPackages, java.util.function.Consumer<String> notice,
      String adapterType) {
    this.dispatchPrefixes = adapterType.equals("default") ? List.of("default")
        : List.of(adapterType, "default");
    this.builtinPackages = builtinPackages;
    this.notice = notice;
    this.catalog = catalog;
    this.projectName = projectName;
    this.searchOrders = Map.copyOf(searchOrders);
  }

  /**
   * The functions templates call macros through: each project macro by its name and as
   * {@code project.name}; each built-in macro by its name unless the project defines it, and as
   * {@code dbt.name}; dbt's dispatched macros ({@code duckdb__x}, {@code default__x}) also as
   * {@code x} and {@code dbt.x}, which dispatch so that a project's own implementation wins.
   */
  Map<String, Function> functions() {
    Map<String, Function> functions = new HashMap<>();
    bound = functions;
    Map<String, MacroDefinition> builtins = catalog.builtins();
    Map<String, MacroDefinition> own = catalog.macros();
    for (MacroDefinition builtin : builtins.values()) {
      String dispatched = dispatchedName(builtin.name());
      if (dispatched != null) {
        Function dispatch = new MacroFunction(this, null, dispatched, MacroCatalog.BUILTIN);
        functions.put(MacroCatalog.BUILTIN + "." + dispatched, dispatch);
        functions.putIfAbsent(dispatched, dispatch);
      }
      functions.put(MacroCatalog.BUILTIN + "." + builtin.name(), new MacroFunction(this, builtin));
      functions.put(builtin.name(), new MacroFunction(this, builtin));
      if (dispatched != null) {
        // Projects call dbt's implementation by its default__ name from their own overrides.
        functions.putIfAbsent("default__" + dispatched, new MacroFunction(this, builtin));
      }
    }
    // Package macros by package.name, and by their own name where nothing else has it (dbt's
    // packages call their own macros that way); an installed package's generic tests override
    // mds's built-in tests of the same name.
    for (Map.Entry<String, Map<String, MacroDefinition>> pkg : catalog.packages().entrySet()) {
      for (MacroDefinition macro : pkg.getValue().values()) {
        functions.put(pkg.getKey() + "." + macro.name(), new MacroFunction(this, macro));
        if (macro.name().startsWith("test_") && !builtinPackages.contains(pkg.getKey())) {
          functions.put(macro.name(), new MacroFunction(this, macro));
        } else {
          functions.putIfAbsent(macro.name(), new MacroFunction(this, macro));
        }
      }
    }
    for (MacroDefinition macro : own.values()) {
      functions.put(macro.name(), new MacroFunction(this, macro));
      functions.put(projectName + "." + macro.name(), new MacroFunction(this, macro));
    }
    return functions;
  }

  java.util.Set<String> builtinPackages() {
    return java.util.Set.copyOf(builtinPackages);
  }

  /** The functions {@link #functions()} made, to tell which macro a bare name calls. */
  private Map<String, Function> bound = Map.of();

  /** The macro a call of {@code name} (bare or {@code package.name}) reaches, if one. */
  Optional<MacroDefinition> resolve(String name) {
    return bound.get(name) instanceof MacroFunction f && f.macro != null ? Optional.of(f.macro)
        : Optional.empty();
  }

  /**
   * mds's built-in package macros take only the arguments they declare: where dbt's package
   * would do something with an argument the built-in does not implement, silently ignoring it
   * would give different results. (A project's and an installed package's macros keep Jinja's
   * way: extra keywords go to {@code kwargs}.)
   */
  void checkArguments(MacroDefinition macro, int positional, java.util.Collection<String> keywords,
      String location) {
    if (macro.packageName() == null || !builtinPackages.contains(macro.packageName())) {
      return;
    }
    List<String> parameters = macro.node().getArgs().getNamedArgs() == null ? List.of()
        : macro.node().getArgs().getNamedArgs().stream().map(NamedArgumentNode::getName).toList();
    boolean test = macro.name().startsWith("test_");
    String shown = macro.packageName() + "." + (test ? macro.name().substring(5) : macro.name());
    String takes = " (mds's built-in " + macro.packageName() + " supports "
        + (parameters.isEmpty() ? "none" : String.join(", ", test ? parameters.stream()
            .filter(p -> !p.equals("model")).toList() : parameters))
        + "; run mds deps to use the package itself)";
    for (String keyword : keywords) {
      if (!parameters.contains(keyword) && !keyword.equals("caller")) {
        throw MdsException.at(location, (test ? "test " : "macro ") + shown + ": argument '"
            + keyword + "' is not supported" + takes);
      }
    }
    if (positional > parameters.size()) {
      throw MdsException.at(location, "macro " + shown + " takes at most " + parameters.size()
          + " positional argument" + (parameters.size() == 1 ? "" : "s") + ", not " + positional
          + takes);
    }
  }

  /** {@code x} for {@code duckdb__x} or {@code default__x}, else null. */
  private static String dispatchedName(String name) {
    for (String prefix : ADAPTER_PREFIXES) {
      if (name.startsWith(prefix + "__") && name.length() > prefix.length() + 2) {
        return name.substring(prefix.length() + 2);
      }
    }
    return null;
  }

  /**
   * dbt's {@code adapter.dispatch(name, macro_namespace)}: for each package in the search order
   * (the project's {@code dispatch:} config for the namespace, else the project then the
   * namespace), {@code duckdb__name}, then {@code default__name}; for a package mds stands in
   * for, mds's own macros last.
   */
  MacroSignature dispatch(String name, String namespace, String file, int line) {
    // The catalog is complete before the runtime exists, so an answer holds for the whole run;
    // a package's public macros dispatch on every call, which must not cost a search each time
    // (nor a key built per call: by namespace, then name).
    String space = namespace == null ? "" : namespace;
    Map<String, MacroSignature> inNamespace = dispatched.get(space);
    if (inNamespace == null) {
      inNamespace = dispatched.computeIfAbsent(space,
          n -> new java.util.concurrent.ConcurrentHashMap<>());
    }
    MacroSignature known = inNamespace.get(name);
    if (known != null) {
      return known;
    }
    MacroSignature found = signature(search(name, namespace, file, line));
    inNamespace.put(name, found);
    return found;
  }

  private MacroDefinition search(String name, String namespace, String file, int line) {
    if (name.contains(".")) {
      throw MdsException.at(file + ":" + line, "adapter.dispatch('" + name + "'): the macro name"
          + " must not contain a dot; pass the package as macro_namespace='"
          + name.substring(0, name.indexOf('.')) + "'");
    }
    List<String> packages = new ArrayList<>(namespace == null
        ? List.of(projectName, MacroCatalog.BUILTIN)
        : searchOrders.getOrDefault(namespace, List.of(projectName, namespace)));
    if (namespace != null && standsIn(namespace) && !packages.contains(MacroCatalog.BUILTIN)) {
      // Some implementations of a package mds stands in for live with mds's own macros (the
      // dbt_utils tests every project gets, declared or not): searched last.
      packages.add(MacroCatalog.BUILTIN);
    }
    List<String> tried = new ArrayList<>();
    for (String pkg : packages) {
      for (String prefix : prefixes(pkg)) {
        String candidate = prefix + "__" + name;
        tried.add(pkg + "." + candidate);
        Optional<MacroDefinition> found = inPackage(pkg, candidate);
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    throw MdsException.at(file + ":" + line, "adapter.dispatch found no macro named '" + name
        + "'" + (namespace == null ? "" : " in namespace '" + namespace + "'")
        + "; searched " + String.join(", ", tried));
  }

  /**
   * The prefixes tried in {@code pkg}: the target's, then {@code default}; mds's own macros are
   * written for DuckDB, so on another engine their {@code duckdb__} version is the last resort
   * (portable SQL more often than not; the engine module adds its own {@code spark__} ones).
   */
  private List<String> prefixes(String pkg) {
    if (!pkg.equals(MacroCatalog.BUILTIN) || dispatchPrefixes.contains("duckdb")) {
      return dispatchPrefixes;
    }
    List<String> prefixes = new ArrayList<>(dispatchPrefixes);
    prefixes.add("duckdb");
    return prefixes;
  }

  /**
   * Whether mds's own version of the package serves it: served as built in, or one mds has that
   * is neither installed nor the project.
   */
  private boolean standsIn(String pkg) {
    return builtinPackages.contains(pkg) || !pkg.equals(projectName)
        && !catalog.packages().containsKey(pkg)
        && MacroRuntime.class.getResource("/dev/mds/packages/" + pkg + "/macros") != null;
  }

  private Optional<MacroDefinition> inPackage(String pkg, String name) {
    if (pkg.equals(projectName)) {
      return Optional.ofNullable(catalog.macros().get(name));
    }
    if (pkg.equals(MacroCatalog.BUILTIN)) {
      return Optional.ofNullable(catalog.builtins().get(name));
    }
    return Optional.ofNullable(catalog.packages().getOrDefault(pkg, Map.of()).get(name));
  }

  /** Says once per run that a built-in package serves, the first time one of its macros runs. */
  private void noteBuiltin(String packageName) {
    if (packageName != null && builtinPackages.contains(packageName)
        && noticed.add(packageName)) {
      notice.accept("using mds's built-in " + packageName + "; run mds deps to use the"
          + " package itself");
    }
  }

  /**
   * Notes the built-in packages whose macros a node rendered in an earlier run called (its
   * render was reused from the partial-parse cache), so that the note still appears once.
   */
  void noteBuiltinUses(java.util.Collection<String> macroNames) {
    if (builtinPackages.isEmpty() || noticed.containsAll(builtinPackages)) {
      return;
    }
    // A package's macro is recorded by its package (dbt_utils.star).
    for (String name : macroNames) {
      int dot = name.indexOf('.');
      if (dot > 0) {
        noteBuiltin(name.substring(0, dot));
      }
    }
  }

  /** The signature of {@code macro}, worked out on its first call. */
  MacroSignature signature(MacroDefinition macro) {
    MacroSignature known = signatures.get(macro.node());
    return known != null ? known
        : signatures.computeIfAbsent(macro.node(), node -> new MacroSignature(macro));
  }

  /** Whether calls of {@code macro} have their arguments checked (see checkArguments). */
  private boolean checksArguments(MacroDefinition macro) {
    return macro.packageName() != null && builtinPackages.contains(macro.packageName());
  }

  /**
   * Calls a macro: binds positional values to its parameters in order (extras go to
   * {@code varargs}), keyword values by name (unknown names go to {@code kwargs}), evaluates the
   * defaults of the rest, and renders the body in a scope of its own that sees only the globals and
   * its arguments, as in Jinja. Returns the value given to {@code return()}, else the rendered text.
   *
   * @param file the calling file and {@code line} the line in it, which an argument the call
   *     leaves out names
   * @param passedOn the caller's own missing arguments it passes on, by position
   */
  Object call(MacroSignature signature, List<Object> positional, Map<String, Object> keywords,
      EvaluationContextImpl caller, String file, int line,
      Map<Integer, MissingArguments.Missing> passedOn) {
    MacroDefinition macro = signature.macro();
    ActiveNode.get().macroCalled(signature.dependencyName());
    if (readsInvocation(macro)) {
      ActiveNode.get().invocationRead();
    }
    noteBuiltin(macro.packageName());
    EvaluationContextImpl context = new EvaluationContextImpl(macro.template(),
        caller.isStrictVariables(), caller.getLocale(), caller.getMaxRenderedSize(),
        caller.getExtensionRegistry(), caller.getTagCache(), caller.getExecutorService(),
        new ArrayList<>(), new HashMap<>(), new ScopeChain(), null,
        caller.getEvaluationOptions());
    ScopeChain scopes = context.getScopeChain();
    Map<String, Object> globals = caller.getExtensionRegistry().getGlobalVariables();
    scopes.pushScope(new CallGlobals(globals));
    Map<String, Object> arguments = new HashMap<>();
    scopes.pushScope(arguments);
    int declared = signature.parameterCount();
    List<Object> varargs = new ArrayList<>();
    for (int i = 0; i < positional.size(); i++) {
      if (i < declared) {
        arguments.put(signature.name(i), positional.get(i));
      } else {
        varargs.add(positional.get(i));
      }
    }
    Map<String, Object> kwargs = new LinkedHashMap<>();
    if (!keywords.isEmpty()) {
      for (Map.Entry<String, Object> keyword : keywords.entrySet()) {
        String name = keyword.getKey();
        // A materialization's context (sql, pre_hooks, ...) is its scope, as dbt gives it.
        if (signature.isParameter(name) || name.equals("caller")
            || signature.isMaterialization()) {
          arguments.put(name, keyword.getValue());
        } else {
          kwargs.put(name, keyword.getValue());
        }
      }
    }
    Map<String, MissingArguments.Missing> missing = null;
    if (signature.anyRequired()) {
      missing = MissingArguments.of(signature, arguments, file, line);
    }
    if (!passedOn.isEmpty()) {
      Map<String, MissingArguments.Missing> passed = missing == null ? new HashMap<>() : missing;
      passedOn.forEach((index, origin) -> {
        if (index < declared) {
          passed.put(signature.name(index), origin);
        }
      });
      missing = passed;
    }
    for (NamedArgumentNode parameter : signature.parameters()) {
      if (!arguments.containsKey(parameter.getName())) {
        arguments.put(parameter.getName(), parameter.getValueExpression() == null ? null
            : parameter.getValueExpression().evaluate(macro.template(), context));
      }
    }
    if (missing != null) {
      MissingArguments.record(arguments, missing);
    }
    arguments.put("varargs", varargs);
    arguments.put("kwargs", kwargs);
    // A variable the body sets only in some branch reads as undefined where it is not set, as in
    // Jinja (a global of that name shows through instead).
    for (String name : signature.assigned()) {
      if (!arguments.containsKey(name) && !globals.containsKey(name)) {
        arguments.put(name, null);
      }
    }
    // Bounded as a template's own output is, so a loop without end in a macro stops too.
    MacroOutput out = new MacroOutput(context);
    try {
      if (signature.returnedAlone() != null && caller.getExtensionRegistry()
          .getFunction("return") instanceof MacroReturn.ReturnFunction) {
        List<io.pebbletemplates.pebble.node.RenderableNode> body =
            macro.node().getBody().getChildren();
        for (int i = 0; i < signature.textBeforeReturn(); i++) {
          body.get(i).render(macro.template(), out, context);
        }
        return signature.returnedAlone().evaluate(macro.template(), context);
      }
      macro.node().getBody().render(macro.template(), out, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      if (e instanceof MacroReturn returned) {
        return returned.value();
      }
      Optional<MacroReturn> returned = MacroReturn.in(e);
      if (returned.isPresent()) {
        return returned.get().value();
      }
      throw e;
    }
    return out.toString();
  }

  /** A function that calls one macro, or dispatches to one on each call. */
  static final class MacroFunction implements Function {

    private final MacroRuntime runtime;
    private final MacroDefinition macro;
    private final String dispatchName;
    private final String dispatchNamespace;
    /** Immutable once made, so a thread that sees another's (or makes its own) is fine. */
    private MacroSignature signature;

    MacroFunction(MacroRuntime runtime, MacroDefinition macro) {
      this(runtime, macro, null, null);
    }

    MacroFunction(MacroRuntime runtime, MacroDefinition macro, String dispatchName,
        String dispatchNamespace) {
      this.runtime = runtime;
      this.macro = macro;
      this.dispatchName = dispatchName;
      this.dispatchNamespace = dispatchNamespace;
    }

    @Override
    public List<String> getArgumentNames() {
      // None: Pebble then passes positional values as "0", "1", ... and keywords by their names.
      return null;
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
        int lineNumber) {
      var split = dev.mds.template.jinja.KeywordArgument.ofFunction(args);
      MacroSignature target = macro != null ? signature()
          : runtime.dispatch(dispatchName, dispatchNamespace, self.getName(), lineNumber);
      if (runtime.checksArguments(target.macro())) {
        runtime.checkArguments(target.macro(), split.positional().size(),
            split.keywords().keySet(), self.getName() + ":" + lineNumber);
      }
      return runtime.call(target, split.positional(), split.keywords(),
          (EvaluationContextImpl) context, self.getName(), lineNumber, Map.of());
    }

    /** The called macro's signature, looked up once per function. */
    private MacroSignature signature() {
      MacroSignature known = signature;
      if (known == null) {
        known = runtime.signature(macro);
        signature = known;
      }
      return known;
    }
  }

  /** The value {@code adapter.dispatch(...)} returns: a macro to call, {@code f(args)}. */
  record MacroReference(MacroRuntime runtime, MacroSignature signature) {

    Object call(Object[] arguments, ArgumentsNode written, EvaluationContextImpl context,
        String file, int line) {
      var split = dev.mds.template.jinja.KeywordArgument.split(arguments);
      return runtime.call(signature, split.positional(), split.keywords(), context, file, line,
          MissingArguments.passedOn(written, context));
    }

    @Override
    public String toString() {
      return signature.macro().name();
    }
  }
}
