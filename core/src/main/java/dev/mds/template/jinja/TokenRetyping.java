package dev.mds.template.jinja;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Retypes tokens that Pebble's expression parser cannot read as Jinja means them: the inline
 * {@code a if c else b} and tuples such as {@code x in ('a', 'b')}.
 *
 * <p>Pebble parses {@code {{ }}} itself and stops at the name {@code if}. Registering {@code if} as
 * an operator is no way out: the lexer would then turn every {@code {% if %}} tag name into an
 * operator, which Pebble rejects as a tag. So the lexer keeps {@code if}/{@code else} as names and
 * each tag of this extension, before it is parsed, retypes the ones still ahead in print statements
 * (and inside brackets in tags) into two operators whose symbols no template text can spell. Pebble
 * reads {@code (a, b)} as a parenthesised expression and fails at the comma, so parentheses that
 * hold a top-level comma and do not follow a name (a call) become list brackets.
 *
 * <p>Pebble only hands tokens to extensions in tags: print statements before a template's first tag
 * are parsed before any of this runs and cannot use these two forms.
 */
final class TokenRetyping {

  /** Operator symbols; U+2063 (invisible separator) keeps the lexer from ever producing them. */
  static final String IF = "\u2063if";
  static final String ELSE = "\u2063else";

  private TokenRetyping() {
  }

  /** An open bracket seen ahead, and whether it holds a comma at its own level. */
  private static final class Open {
    final Token token;
    final boolean mayBeTuple;
    boolean hasComma;

    Open(Token token, boolean mayBeTuple) {
      this.token = token;
      this.mayBeTuple = mayBeTuple;
    }
  }

  /** Retypes from the current token (a tag name) to the end of the template. */
  static void retypeAhead(TokenStream stream) {
    boolean inPrint = false;
    boolean inTag = true;
    Deque<Open> open = new ArrayDeque<>();
    Token previous = null;
    for (int ahead = 0; ; ahead++) {
      Token token = stream.peek(ahead);
      switch (token.getType()) {
        case EOF -> {
          return;
        }
        case PRINT_START, EXECUTE_START -> {
          inPrint = token.getType() == Token.Type.PRINT_START;
          inTag = !inPrint;
          open.clear();
        }
        case PRINT_END -> inPrint = false;
        case EXECUTE_END -> inTag = false;
        case PUNCTUATION -> bracket(token, previous, open);
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
      previous = token;
    }
  }

  private static void bracket(Token token, Token previous, Deque<Open> open) {
    if (token.test(Token.Type.PUNCTUATION, "(", "[", "{")) {
      boolean afterCallable = previous != null && (previous.test(Token.Type.NAME)
          || previous.test(Token.Type.STRING) || previous.test(Token.Type.PUNCTUATION, ")", "]"));
      open.push(new Open(token, token.test(Token.Type.PUNCTUATION, "(") && !afterCallable));
    } else if (token.test(Token.Type.PUNCTUATION, ",") && !open.isEmpty()) {
      open.peek().hasComma = true;
    } else if (token.test(Token.Type.PUNCTUATION, ")", "]", "}") && !open.isEmpty()) {
      Open closed = open.pop();
      if (closed.mayBeTuple && closed.hasComma) {
        closed.token.setValue("[");
        token.setValue("]");
      }
    }
  }

  private static void retypeConditional(Token token) {
    if (token.test(Token.Type.NAME, "if")) {
      token.setType(Token.Type.OPERATOR);
      token.setValue(IF);
    } else if (token.test(Token.Type.NAME, "else")) {
      token.setType(Token.Type.OPERATOR);
      token.setValue(ELSE);
    }
  }

  /** The template spelling of a token value, undoing the retyping (for {@code {% raw %}}). */
  static String spelling(String value) {
    return IF.equals(value) ? "if" : ELSE.equals(value) ? "else" : value;
  }
}
