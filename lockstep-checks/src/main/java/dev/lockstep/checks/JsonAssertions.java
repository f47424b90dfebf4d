package dev.lockstep.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.lockstep.core.config.JsonAssertion;
import dev.lockstep.core.config.JsonAssertion.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates JSON-path assertions on a response body. Numbers compare by value (1 equals 1.0),
 * everything else by JSON equality, and each failure names the path, what it found and what was
 * expected.
 */
final class JsonAssertions {
  /** Jackson trees, so that the expected values, parsed by Jackson too, compare like for like. */
  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .build();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_VALUE_CHARS = 80;

  private JsonAssertions() {}

  /** One message per assertion that does not hold; empty when all hold. */
  static List<String> failures(String body, List<JsonAssertion> assertions, Redactor redactor) {
    if (assertions.isEmpty()) {
      return List.of();
    }
    DocumentContext document;
    try {
      document = JsonPath.using(JSON_PATH).parse(body);
    } catch (InvalidJsonException | IllegalArgumentException e) {
      return List.of("the response is not JSON: " + redactor.excerpt(body, MAX_VALUE_CHARS));
    }
    List<String> failures = new ArrayList<>();
    for (JsonAssertion assertion : assertions) {
      evaluate(document, assertion, redactor).ifPresent(failures::add);
    }
    return failures;
  }

  private static Optional<String> evaluate(
      DocumentContext document, JsonAssertion assertion, Redactor redactor) {
    JsonNode actual;
    try {
      actual = read(document, assertion.path());
    } catch (PathNotFoundException e) {
      actual = null;
    } catch (JsonPathException e) {
      return Optional.of(assertion.path() + " cannot be evaluated: " + e.getMessage());
    }
    if (actual == null) {
      return Optional.of(
          assertion.path()
              + " is missing"
              + (assertion.operator() == Operator.EXISTS
                  ? ""
                  : ", expected " + expected(assertion)));
    }
    if (holds(assertion, actual)) {
      return Optional.empty();
    }
    return Optional.of(
        assertion.path() + " is " + show(actual, redactor) + ", expected " + expected(assertion));
  }

  /** The value at {@code path}, or null when there is none (an empty match for a wildcard). */
  private static JsonNode read(DocumentContext document, String path) {
    JsonPath compiled = JsonPath.compile(path);
    Object value = document.read(compiled);
    JsonNode node = value instanceof JsonNode json ? json : JSON.valueToTree(value);
    if (node == null) {
      return NullNode.getInstance();
    }
    if (!compiled.isDefinite() && node.isArray() && node.isEmpty()) {
      return null;
    }
    return node;
  }

  private static boolean holds(JsonAssertion assertion, JsonNode actual) {
    JsonNode expected = assertion.expected();
    return switch (assertion.operator()) {
      case EXISTS -> true;
      case EQUALS -> same(actual, expected);
      case NOT_EQUALS -> !same(actual, expected);
      case AT_LEAST -> actual.isNumber() && compare(actual, expected) >= 0;
      case AT_MOST -> actual.isNumber() && compare(actual, expected) <= 0;
      case GREATER -> actual.isNumber() && compare(actual, expected) > 0;
      case LESS -> actual.isNumber() && compare(actual, expected) < 0;
    };
  }

  private static boolean same(JsonNode actual, JsonNode expected) {
    if (actual.isNumber() && expected.isNumber()) {
      return compare(actual, expected) == 0;
    }
    return actual.equals(expected);
  }

  private static int compare(JsonNode actual, JsonNode expected) {
    return actual.decimalValue().compareTo(expected.decimalValue());
  }

  private static String expected(JsonAssertion assertion) {
    String value = assertion.expected() == null ? "" : assertion.expected().toString();
    return switch (assertion.operator()) {
      case EXISTS -> "it to exist";
      case EQUALS -> value;
      case NOT_EQUALS -> "anything but " + value;
      default -> assertion.operator().symbol() + " " + value;
    };
  }

  private static String show(JsonNode value, Redactor redactor) {
    return redactor.excerpt(value.toString(), MAX_VALUE_CHARS);
  }
}
