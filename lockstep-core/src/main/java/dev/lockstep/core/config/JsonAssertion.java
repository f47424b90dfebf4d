package dev.lockstep.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One assertion on a JSON response: a JSON path, an operator and an expected JSON value, written as
 * {@code $.status == "ok"}, {@code $.count >= 3} or {@code $.items exists}.
 */
public record JsonAssertion(String text, String path, Operator operator, JsonNode expected) {
  private static final Pattern COMPARISON =
      Pattern.compile("^\\s*(\\$\\S*)\\s*(==|!=|>=|<=|>|<)\\s*(.+?)\\s*$");
  private static final Pattern EXISTS = Pattern.compile("^\\s*(\\$\\S*)\\s+exists\\s*$");
  private static final ObjectMapper JSON = new ObjectMapper();

  public enum Operator {
    EQUALS("=="),
    NOT_EQUALS("!="),
    AT_LEAST(">="),
    AT_MOST("<="),
    GREATER(">"),
    LESS("<"),
    EXISTS("exists");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    static Operator ofSymbol(String symbol) {
      for (Operator operator : values()) {
        if (operator.symbol.equals(symbol)) {
          return operator;
        }
      }
      throw new IllegalArgumentException(symbol);
    }
  }

  /** Parses {@code text}, or returns empty when it is not an assertion Lockstep understands. */
  public static Optional<JsonAssertion> parse(String text) {
    Matcher exists = EXISTS.matcher(text);
    if (exists.matches()) {
      return Optional.of(new JsonAssertion(text, exists.group(1), Operator.EXISTS, null));
    }
    Matcher comparison = COMPARISON.matcher(text);
    if (!comparison.matches()) {
      return Optional.empty();
    }
    try {
      JsonNode expected = JSON.readTree(comparison.group(3));
      Operator operator = Operator.ofSymbol(comparison.group(2));
      boolean ordering = operator != Operator.EQUALS && operator != Operator.NOT_EQUALS;
      if (expected == null || (ordering && !expected.isNumber())) {
        return Optional.empty();
      }
      return Optional.of(new JsonAssertion(text, comparison.group(1), operator, expected));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
