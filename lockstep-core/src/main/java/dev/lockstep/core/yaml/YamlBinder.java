package dev.lockstep.core.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a YAML file into a document type strictly (unknown fields and wrong types are errors) and
 * turns every failure into a {@link Problem} that names the file, the field and the fix.
 */
public final class YamlBinder {
  private static final ObjectMapper YAML =
      JsonMapper.builder(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  /** What a strict decoder would refuse and a lenient one puts in place of a byte. */
  private static final String REPLACED = "\uFFFD";

  private final ErrorCode errorCode;
  private final String kindOfFile;

  /**
   * @param errorCode the code bad input of this kind is reported with
   * @param kindOfFile how the user calls this file, used in messages ("deployment config")
   */
  public YamlBinder(ErrorCode errorCode, String kindOfFile) {
    this.errorCode = errorCode;
    this.kindOfFile = kindOfFile;
  }

  /** Reads {@code file}, expands {@code ${VARIABLES}} in its text values, and binds it. */
  public <T> T read(Path file, Class<T> type, Variables variables) {
    return expandAndBind(file, readTree(file), type, variables);
  }

  /**
   * As {@link #read(Path, Class, Variables)}, from {@code bytes} already read from {@code file}:
   * what was checked (a signature) is exactly what is bound.
   */
  public <T> T read(Path file, byte[] bytes, Class<T> type, Variables variables) {
    return expandAndBind(
        file, tree(file, InputText.decode(file, bytes, this::fieldOfReplaced)), type, variables);
  }

  private <T> T expandAndBind(Path file, JsonNode tree, Class<T> type, Variables variables) {
    List<Problem> problems = variables.expand(file, tree);
    if (!problems.isEmpty()) {
      throw new BadInputException(errorCode, problems);
    }
    return bind(file, tree, type);
  }

  private JsonNode readTree(Path file) {
    return tree(file, InputText.read(file, kindOfFile, this::fieldOfReplaced));
  }

  /** The field holding the first byte that is not UTF-8, replaced in {@code text}; or null. */
  private String fieldOfReplaced(String text) {
    return TextValues.find(lenient(text), v -> v.contains(REPLACED));
  }

  private JsonNode tree(Path file, InputText.Result input) {
    if (input.problem() != null) {
      throw new BadInputException(errorCode, input.problem());
    }
    return new YamlTree(YAML, errorCode, kindOfFile).parse(file, input.text());
  }

  /** The tree of a text with replaced bytes, to say which field holds one; null if unreadable. */
  private static JsonNode lenient(String text) {
    try {
      return YAML.readTree(text);
    } catch (JacksonException e) {
      return null;
    }
  }

  private <T> T bind(Path file, JsonNode tree, Class<T> type) {
    try {
      return YAML.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      throw fail(
          file,
          path(e),
          "unknown field '" + e.getPropertyName() + "'.",
          Suggestions.forField(e.getPropertyName(), known(e.getKnownPropertyIds())));
    } catch (InvalidFormatException e) {
      throw fail(
          file,
          path(e),
          "'" + e.getValue() + "' is not " + expected(e.getTargetType()) + ".",
          fixFor(e.getTargetType()));
    } catch (MismatchedInputException e) {
      throw fail(
          file,
          path(e),
          "expected " + expected(e.getTargetType()) + ".",
          fixFor(e.getTargetType()));
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof InputCoercionException range) {
        throw fail(
            file,
            path(e),
            range.getOriginalMessage() + ".",
            "write a whole number of at most "
                + (range.getTargetType() == Long.class || range.getTargetType() == long.class
                    ? Long.MAX_VALUE
                    : Integer.MAX_VALUE)
                + ".");
      }
      throw fail(
          file, path(e), e.getOriginalMessage(), "see the README's reference for this field.");
    } catch (JacksonException e) {
      throw fail(file, "", e.getOriginalMessage(), "see the README's reference.");
    }
  }

  private BadInputException fail(Path file, String field, String message, String fix) {
    return new BadInputException(errorCode, new Problem(file, field, message, fix));
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static List<String> known(Collection<Object> ids) {
    return ids == null ? List.of() : ids.stream().map(String::valueOf).sorted().toList();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a different kind of value";
    }
    if (type.isEnum()) {
      return "one of "
          + java.util.Arrays.stream(type.getEnumConstants())
              .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
              .collect(Collectors.joining(", "));
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of fields";
    }
    return "a " + type.getSimpleName();
  }

  private static String fixFor(Class<?> type) {
    if (type != null && type.isEnum()) {
      return "use one of the listed values.";
    }
    return "write " + expected(type) + " here (see the README's configuration reference).";
  }

  /** A plain JSON/YAML mapper for Lockstep's own files (reports, backup manifests). */
  public static ObjectMapper yamlMapper() {
    return YAML;
  }
}
