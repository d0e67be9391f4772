package dev.mds.template.jinja;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Rewrites tokens that Pebble's expression parser cannot read as Jinja means them, before the
 * parser reaches them: the inline {@code a if c else b}, tuples such as {@code x in ('a', 'b')},
 * trailing commas, calls on a call's result, keyword arguments to method calls, and macros called
 * through a package namespace.
 *
 * <p>Pebble parses {@code {{ }}} itself and stops at the name {@code if}. Registering {@code if} as
 * an operator is no way out: the lexer would then turn every {@code {% if %}} tag name into an
 * operator, which Pebble rejects as a tag. So the lexer keeps {@code if}/{@code else} as names and
 * the first tag of a template, before it is parsed, retypes the ones still ahead in print
 * statements (and inside brackets in tags) into two operators whose symbols no template text can
 * spell. Pebble reads {@code (a, b)} as a parenthesised expression and fails at the comma, so
 * parentheses that hold a top-level comma and do not follow a name (a call) become list brackets.
 *
 * <p>The other rewrites change the token list itself:
 * <ul>
 *   <li>a comma right before a closing bracket is dropped ({@code config(a=1,)}, {@code [1, 2,]});
 *   <li>{@code f(a)(b)} becomes {@code f(a).__call__(b)}, which the macro runtime resolves (Pebble
 *       only calls names);
 *   <li>in a method call {@code x.m(k=v)} each keyword argument becomes {@code __kw('k', v)}, a
 *       value the receiver reads as a keyword argument (Pebble refuses named arguments there);
 *   <li>{@code ns.name(} where {@code ns} is a macro namespace ({@code dbt}, the project, a
 *       package) becomes one name {@code ns.name}, so the call reaches the function registered
 *       under that name with Pebble's ordinary argument handling.
 * </ul>
 *
 * <p>Pebble only hands tokens to extensions in tags: print statements before a template's first tag
 * are parsed before any of this runs and cannot use these forms (project templates start with a
 * tag for that reason).
 */
public final class TokenRetyping {

  /** Operator symbols; U+2063 (invisible separator) keeps the lexer from ever producing them. */
  static final String IF = "\u2063if";
  static final String ELSE = "\u2063else";
  /** The attribute a callable value is called through: {@code f(a)(b)} is {@code f(a).__call__(b)}. */
  public static final String CALL = "__call__";
  /** The function a method call's keyword argument is passed through. */
  public static final String KEYWORD = "__kw";
  /** The function a dict literal becomes, so that it keeps its keys in order. */
  public static final String DICT = "__dict";
  /** The named argument an unpacked {@code *x} or {@code **x} of a function call is passed as. */
  public static final String UNPACKED = "__unpacked";

  private final Set<String> namespaces;
  /** Streams already rewritten: each tag asks, but the first one does the whole template. */
  private final Map<TokenStream, Boolean> done =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** @param namespaces names that, followed by {@code .name(}, call a macro in that namespace */
  public TokenRetyping(Set<String> namespaces) {
    this.namespaces = Set.copyOf(namespaces);
  }

  /** An open bracket seen ahead, and what it holds so far. */
  private static final class Open {
    final Token token;
    final boolean mayBeTuple;
    /** A method call's parentheses: keyword arguments in it are rewritten. */
    final boolean methodCall;
    /** A call's parentheses (function or method): {@code *x} and {@code **x} unpack in it. */
    final boolean call;
    /** How many unpacked arguments this call has had, to name each one apart. */
    int unpacked;
    /** A dict literal's braces, now the parentheses of a {@code __dict(} call. */
    boolean dict;
    boolean hasComma;
    /** A {@code __kw(} was opened for the argument being read; close it at the argument's end. */
    boolean keywordOpen;

    Open(Token token, boolean mayBeTuple, boolean methodCall, boolean call) {
      this.token = token;
      this.mayBeTuple = mayBeTuple;
      this.methodCall = methodCall;
      this.call = call;
    }
  }

  /**
   * Pebble's {@code token.test(type, values...)}, without its list per call, and the type checked
   * first: the rewrites test every token of every template several times.
   */
  static boolean is(Token token, Token.Type type) {
    return token.getType() == type;
  }

  static boolean is(Token token, Token.Type type, String value) {
    return token.getType() == type && value.equals(token.getValue());
  }

  static boolean is(Token token, Token.Type type, String value, String other) {
    return token.getType() == type
        && (value.equals(token.getValue()) || other.equals(token.getValue()));
  }

  static boolean is(Token token, Token.Type type, String value, String other, String third) {
    return token.getType() == type && (value.equals(token.getValue())
        || other.equals(token.getValue()) || third.equals(token.getValue()));
  }

  /** Rewrites from the current token (a tag name) to the end of the template, once per stream. */
  void retypeAhead(TokenStream stream) {
    if (done.putIfAbsent(stream, Boolean.TRUE) != null) {
      return;
    }
    List<Token> tokens = stream.getTokens();
    int start = tokens.indexOf(stream.current());
    boolean inPrint = false;
    boolean inTag = true;
    Deque<Open> open = new ArrayDeque<>();
    for (int i = start; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      switch (token.getType()) {
        case EOF -> {
          return;
        }
        case PRINT_START, EXECUTE_START -> {
          if (token.getType() == Token.Type.EXECUTE_START && i + 1 < tokens.size()
              && is(tokens.get(i + 1), Token.Type.NAME, "raw")) {
            i = endOfRaw(tokens, i);
            inPrint = false;
            inTag = false;
            open.clear();
            continue;
          }
          inPrint = token.getType() == Token.Type.PRINT_START;
          inTag = !inPrint;
          open.clear();
        }
        case PRINT_END -> inPrint = false;
        case EXECUTE_END -> inTag = false;
        case PUNCTUATION -> i = punctuation(tokens, i, open);
        case STRING -> {
          // Pebble unescapes only the quote itself; Python's other escapes ('\n', '\\') too.
          if (token.getValue().indexOf('\\') >= 0) {
            token.setValue(unescape(token.getValue()));
          }
        }
        case NAME -> {
          // At the top level of a tag, 'if'/'else' are tag names or the for-loop filter, and our
          // tags read an inline conditional there themselves.
          if (inPrint || (inTag && !open.isEmpty())) {
            retypeConditional(token);
          }
        }
        default -> {
        }
      }
    }
  }

  /** The index of the {@code %}} closing the {@code endraw} tag that ends a raw block. */
  private static int endOfRaw(List<Token> tokens, int from) {
    for (int i = from + 2; i + 1 < tokens.size(); i++) {
      if (is(tokens.get(i), Token.Type.EXECUTE_START)
          && is(tokens.get(i + 1), Token.Type.NAME, "endraw")) {
        return i + 2;
      }
    }
    return tokens.size() - 2;
  }

  /** Handles one punctuation token at {@code i}; returns the index to continue after. */
  private int punctuation(List<Token> tokens, int i, Deque<Open> open) {
    Token token = tokens.get(i);
    Token previous = i > 0 ? tokens.get(i - 1) : null;
    if (is(token, Token.Type.PUNCTUATION, "{")) {
      // {k: v, ...} becomes __dict(k, v, ...): an ordered map, as Python's dict.
      Token call = new Token(Token.Type.PUNCTUATION, "(", token.getLineNumber());
      tokens.set(i, new Token(Token.Type.NAME, DICT, token.getLineNumber()));
      tokens.add(i + 1, call);
      Open opened = new Open(call, false, false, false);
      opened.dict = true;
      open.push(opened);
      return i + 1;
    }
    if (!open.isEmpty() && open.peek().dict && is(token, Token.Type.PUNCTUATION, ":")) {
      token.setValue(",");
      return i;
    }
    if (!open.isEmpty() && open.peek().dict && is(token, Token.Type.PUNCTUATION, "}")) {
      token.setValue(")");
    }
    if (is(token, Token.Type.PUNCTUATION, "(", "[", "{")) {
      boolean call = is(token, Token.Type.PUNCTUATION, "(");
      if (call && previous != null && is(previous, Token.Type.PUNCTUATION, ")", "]")) {
        tokens.add(i, new Token(Token.Type.NAME, CALL, token.getLineNumber()));
        tokens.add(i, new Token(Token.Type.PUNCTUATION, ".", token.getLineNumber()));
        i += 2;
        previous = tokens.get(i - 1);
      }
      boolean methodCall = false;
      if (call && previous != null && is(previous, Token.Type.NAME) && i >= 2
          && is(tokens.get(i - 2), Token.Type.PUNCTUATION, ".")) {
        methodCall = true;
        if (i >= 3 && is(tokens.get(i - 3), Token.Type.NAME)
            && namespaces.contains(tokens.get(i - 3).getValue())
            && !(i >= 4 && is(tokens.get(i - 4), Token.Type.PUNCTUATION, "."))) {
          Token namespace = tokens.get(i - 3);
          namespace.setValue(namespace.getValue() + "." + previous.getValue());
          tokens.remove(i - 1);
          tokens.remove(i - 2);
          i -= 2;
          methodCall = false;
          previous = namespace;
        }
      }
      boolean afterCallable = previous != null && (is(previous, Token.Type.NAME)
          || is(previous, Token.Type.STRING) || is(previous, Token.Type.PUNCTUATION, ")", "]"));
      Open opened = new Open(token, call && !afterCallable, methodCall, call && afterCallable);
      open.push(opened);
      return argumentStart(tokens, i + 1, opened) - 1;
    }
    if (open.isEmpty()) {
      return i;
    }
    Open top = open.peek();
    if (is(token, Token.Type.PUNCTUATION, ",")) {
      top.hasComma = true;
      if (top.keywordOpen) {
        tokens.add(i, new Token(Token.Type.PUNCTUATION, ")", token.getLineNumber()));
        top.keywordOpen = false;
        i++;
      }
      if (i + 1 < tokens.size() && is(tokens.get(i + 1), Token.Type.PUNCTUATION, ")", "]", "}")) {
        tokens.remove(i);
        return i - 1;
      }
      return argumentStart(tokens, i + 1, top) - 1;
    }
    if (is(token, Token.Type.PUNCTUATION, ")", "]", "}")) {
      if (top.keywordOpen) {
        tokens.add(i, new Token(Token.Type.PUNCTUATION, ")", token.getLineNumber()));
        top.keywordOpen = false;
        i++;
      }
      open.pop();
      if (top.mayBeTuple && top.hasComma) {
        top.token.setValue("[");
        token.setValue("]");
      }
    }
    return i;
  }

  /**
   * At the start of an argument ({@code i}) in a call's parentheses: Python's {@code *x} and
   * {@code **x} become {@code __kw('*', x)} and {@code __kw('**', x)}, values the receiver unpacks
   * (in a function call as a named argument {@code __unpackN=}, since Pebble takes no positional
   * value after a named one); in a method call, {@code k = v} becomes a keyword value too.
   * Returns where to go on.
   */
  private static int argumentStart(List<Token> tokens, int i, Open call) {
    if (!call.call || i >= tokens.size()) {
      return i;
    }
    Token token = tokens.get(i);
    if (is(token, Token.Type.OPERATOR, "*", "**")) {
      int line = token.getLineNumber();
      List<Token> replacement = new java.util.ArrayList<>();
      if (!call.methodCall) {
        replacement.add(new Token(Token.Type.NAME, UNPACKED + call.unpacked++, line));
        replacement.add(new Token(Token.Type.PUNCTUATION, "=", line));
      }
      replacement.add(new Token(Token.Type.NAME, KEYWORD, line));
      replacement.add(new Token(Token.Type.PUNCTUATION, "(", line));
      replacement.add(new Token(Token.Type.STRING, token.getValue(), line));
      replacement.add(new Token(Token.Type.PUNCTUATION, ",", line));
      tokens.remove(i);
      tokens.addAll(i, replacement);
      call.keywordOpen = true;
      return i + replacement.size();
    }
    return call.methodCall ? keywordArgument(tokens, i, call) : i;
  }

  /**
   * At the start of a method call's argument ({@code i}): {@code k = v} becomes
   * {@code __kw('k', v} and the call's bracket remembers to close it. Returns where to go on.
   */
  private static int keywordArgument(List<Token> tokens, int i, Open call) {
    if (i + 1 < tokens.size() && is(tokens.get(i), Token.Type.NAME)
        && is(tokens.get(i + 1), Token.Type.PUNCTUATION, "=")) {
      Token name = tokens.get(i);
      int line = name.getLineNumber();
      tokens.set(i, new Token(Token.Type.NAME, KEYWORD, line));
      tokens.set(i + 1, new Token(Token.Type.PUNCTUATION, "(", line));
      tokens.add(i + 2, new Token(Token.Type.STRING, name.getValue(), line));
      tokens.add(i + 3, new Token(Token.Type.PUNCTUATION, ",", line));
      call.keywordOpen = true;
      return i + 4;
    }
    return i;
  }

  private static void retypeConditional(Token token) {
    if (is(token, Token.Type.NAME, "if")) {
      token.setType(Token.Type.OPERATOR);
      token.setValue(IF);
    } else if (is(token, Token.Type.NAME, "else")) {
      token.setType(Token.Type.OPERATOR);
      token.setValue(ELSE);
    }
  }

  /**
   * A string literal's value as Python reads it: {@code \\n}, {@code \\t}, {@code \\r},
   * a backslash-newline continuation,
   * {@code \\\\}, quotes, {@code \\xHH} and {@code \\uXXXX}; an unknown escape such as
   * {@code \\d} stays as written, as in Python (so regular expressions keep working).
   */
  static String unescape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\' || i + 1 >= value.length()) {
        out.append(c);
        continue;
      }
      char next = value.charAt(i + 1);
      int hex = next == 'x' ? 2 : next == 'u' ? 4 : 0;
      switch (next) {
        // A backslash before a line break continues the literal on the next line, as in Python.
        case '\n' -> { }
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '\\', '\'', '"' -> out.append(next);
        case 'x', 'u' -> {
          if (i + 2 + hex <= value.length()
              && value.substring(i + 2, i + 2 + hex).matches("[0-9a-fA-F]+")) {
            out.append((char) Integer.parseInt(value.substring(i + 2, i + 2 + hex), 16));
            i += hex;
          } else {
            out.append(c).append(next);
          }
        }
        default -> out.append(c).append(next);
      }
      i++;
    }
    return out.toString();
  }

  /** The template spelling of a token value, undoing the retyping (for {@code {% raw %}}). */
  static String spelling(String value) {
    return IF.equals(value) ? "if" : ELSE.equals(value) ? "else" : value;
  }
}
