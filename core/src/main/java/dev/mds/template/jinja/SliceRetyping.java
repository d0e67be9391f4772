package dev.mds.template.jinja;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Retypes Python slices, {@code x[1:]}, {@code x[:-1]}, {@code x[::-1]}, {@code x[a:b]}, into
 * operators Pebble's expression parser reads (see SliceExpressions); Pebble's subscript takes a
 * single expression and stops at the colon.
 *
 * <p>The token count must stay the same (a stream cannot grow), so a missing part cannot become a
 * {@code none} token: instead the operator says which parts are present. {@code a:b} keeps its
 * tokens with the colon as a separator; {@code a:} becomes {@code START a}, {@code :b} becomes
 * {@code STOP b}, {@code ::c} becomes {@code UNCHANGED STEP c}, {@code a::c} becomes
 * {@code UNCHANGED a START_STEP c}, and {@code [:]} a name bound to the whole slice. The unary
 * operators bind looser than anything in a part, so each takes its whole part.
 *
 * <p>Like TokenRetyping, this runs when a tag is parsed, on the rest of the template, so a print
 * statement before the template's first tag cannot slice. It skips {@code {% raw %}} blocks, and
 * works on each token stream once: the first tag sees everything after it.
 */
final class SliceRetyping {

  // U+2063 (invisible separator) keeps the lexer from ever producing these symbols from text.
  static final String SEPARATOR = "\u2063:";
  static final String START_AND_STEP = "\u2063:a::c";
  static final String STOP_AND_STEP = "\u2063:b:c";
  static final String START_ONLY = "\u2063:a:";
  static final String STOP_ONLY = "\u2063:b";
  static final String STEP_ONLY = "\u2063::c";
  static final String UNCHANGED = "\u2063:_";
  /** The global variable holding {@code [:]}, the slice of everything. */
  static final String WHOLE = "\u2063whole";

  private static final Set<TokenStream> RETYPED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private SliceRetyping() {
  }

  /** An open bracket, whether it is a subscript, and the colons at its own level. */
  private static final class Open {
    final int index;
    final boolean subscript;
    final List<Integer> colons = new ArrayList<>(2);
    boolean ternary;

    Open(int index, boolean subscript) {
      this.index = index;
      this.subscript = subscript;
    }
  }

  static void retypeAhead(TokenStream stream) {
    if (!RETYPED.add(stream)) {
      return;
    }
    List<Token> tokens = new ArrayList<>();
    for (int ahead = 0; ; ahead++) {
      Token token = stream.peek(ahead);
      if (TokenRetyping.is(token, Token.Type.EOF)) {
        break;
      }
      tokens.add(token);
    }
    Deque<Open> open = new ArrayDeque<>();
    // The scan starts at the tag name, which may itself open a raw block.
    int first = !tokens.isEmpty() && TokenRetyping.is(tokens.get(0), Token.Type.NAME, "raw")
        ? endOfRaw(tokens, 0) : 0;
    for (int i = first; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      switch (token.getType()) {
        case PRINT_START, EXECUTE_START -> {
          open.clear();
          if (TokenRetyping.is(token, Token.Type.EXECUTE_START) && i + 1 < tokens.size()
              && TokenRetyping.is(tokens.get(i + 1), Token.Type.NAME, "raw")) {
            i = endOfRaw(tokens, i + 1);
          }
        }
        case PUNCTUATION -> bracket(tokens, i, open);
        default -> {
        }
      }
    }
  }

  /** The index of the {@code endraw} name closing the raw block, or the last token. */
  private static int endOfRaw(List<Token> tokens, int from) {
    for (int i = from; i + 1 < tokens.size(); i++) {
      if (TokenRetyping.is(tokens.get(i), Token.Type.EXECUTE_START)
          && TokenRetyping.is(tokens.get(i + 1), Token.Type.NAME, "endraw")) {
        return i + 1;
      }
    }
    return tokens.size() - 1;
  }

  private static void bracket(List<Token> tokens, int i, Deque<Open> open) {
    Token token = tokens.get(i);
    if (TokenRetyping.is(token, Token.Type.PUNCTUATION, "(", "[", "{")) {
      Token previous = i > 0 ? tokens.get(i - 1) : null;
      boolean subscript = TokenRetyping.is(token, Token.Type.PUNCTUATION, "[") && previous != null
          && (TokenRetyping.is(previous, Token.Type.NAME) || TokenRetyping.is(previous, Token.Type.STRING)
          || TokenRetyping.is(previous, Token.Type.PUNCTUATION, ")", "]"));
      open.push(new Open(i, subscript));
    } else if (TokenRetyping.is(token, Token.Type.PUNCTUATION, ":") && !open.isEmpty()) {
      open.peek().colons.add(i);
    } else if (TokenRetyping.is(token, Token.Type.PUNCTUATION, "?") && !open.isEmpty()) {
      open.peek().ternary = true;
    } else if (TokenRetyping.is(token, Token.Type.PUNCTUATION, ")", "]", "}") && !open.isEmpty()) {
      Open closed = open.pop();
      if (closed.subscript && !closed.ternary && !closed.colons.isEmpty()
          && closed.colons.size() <= 2 && TokenRetyping.is(token, Token.Type.PUNCTUATION, "]")) {
        retype(tokens, closed.index, i, closed.colons);
      }
    }
  }

  /** One token's type and value, copied before the tokens are rewritten in place. */
  private record Spelling(Token.Type type, String value) {
  }

  private static void retype(List<Token> tokens, int open, int close, List<Integer> colons) {
    List<List<Spelling>> parts = new ArrayList<>();
    int from = open + 1;
    for (int colon : colons) {
      parts.add(spellings(tokens, from, colon));
      from = colon + 1;
    }
    parts.add(spellings(tokens, from, close));
    while (parts.size() < 3) {
      parts.add(List.of());
    }
    boolean start = !parts.get(0).isEmpty();
    boolean stop = !parts.get(1).isEmpty();
    boolean step = !parts.get(2).isEmpty();
    if (start && stop && (step || colons.size() == 1)) {
      for (int colon : colons) {
        tokens.get(colon).setType(Token.Type.OPERATOR);
        tokens.get(colon).setValue(SEPARATOR);
      }
      return;
    }
    List<Spelling> result = new ArrayList<>(close - open);
    for (int i = 1; i < colons.size(); i++) {
      result.add(new Spelling(Token.Type.OPERATOR, UNCHANGED));
    }
    if (start && stop) {
      join(result, parts.get(0), SEPARATOR, parts.get(1));
    } else if (start && step) {
      join(result, parts.get(0), START_AND_STEP, parts.get(2));
    } else if (stop && step) {
      join(result, parts.get(1), STOP_AND_STEP, parts.get(2));
    } else if (start || stop || step) {
      result.add(new Spelling(Token.Type.OPERATOR, start ? START_ONLY : stop ? STOP_ONLY : STEP_ONLY));
      result.addAll(parts.get(start ? 0 : stop ? 1 : 2));
    } else {
      result.add(new Spelling(Token.Type.NAME, WHOLE));
    }
    for (int i = 0; i < result.size(); i++) {
      Token token = tokens.get(open + 1 + i);
      token.setType(result.get(i).type());
      token.setValue(result.get(i).value());
    }
  }

  private static void join(List<Spelling> result, List<Spelling> left, String operator,
      List<Spelling> right) {
    result.addAll(left);
    result.add(new Spelling(Token.Type.OPERATOR, operator));
    result.addAll(right);
  }

  private static List<Spelling> spellings(List<Token> tokens, int from, int to) {
    List<Spelling> spellings = new ArrayList<>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      spellings.add(new Spelling(tokens.get(i).getType(), tokens.get(i).getValue()));
    }
    return spellings;
  }

  /** The global variables the retyped slices refer to. */
  static Map<String, Object> globals() {
    return Map.of(WHOLE, new Slice(null, null, null));
  }
}
