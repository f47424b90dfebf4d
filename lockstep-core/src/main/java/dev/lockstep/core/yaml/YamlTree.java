package dev.lockstep.core.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a config or manifest into one tree of fields, refusing what the YAML parser
 * would otherwise accept with another meaning than the author's: a second document (it would be
 * ignored) and an alias (Jackson reads {@code *name} as the text "name", not as what it names).
 */
final class YamlTree {
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

  private final ObjectMapper yaml;
  private final ErrorCode errorCode;
  private final String kindOfFile;

  YamlTree(ObjectMapper yaml, ErrorCode errorCode, String kindOfFile) {
    this.yaml = yaml;
    this.errorCode = errorCode;
    this.kindOfFile = kindOfFile;
  }

  /** The one tree {@code text} holds, or the problem why it is not one, as bad input. */
  JsonNode parse(Path file, String text) {
    try {
      refuseAliases(file, text);
      try (JsonParser parser = yaml.createParser(text)) {
        JsonNode tree = yaml.readTree(parser);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
          throw refused(
              file, "", "the " + kindOfFile + " is empty.", "see the README for an example.");
        }
        if (!tree.isObject()) {
          throw refused(
              file,
              "",
              "the "
                  + kindOfFile
                  + " must be a mapping of fields, found "
                  + (tree.isArray() ? "a list" : "a single value")
                  + ".",
              "see the README for an example.");
        }
        if (parser.nextToken() != null) {
          throw refused(
              file,
              "line " + documentStart(text, parser.currentTokenLocation().getLineNr()),
              "a second YAML document starts here; Lockstep reads one document per "
                  + kindOfFile
                  + " and would ignore the rest.",
              "keep one document: merge what follows into the first, or remove the '---' line.");
        }
        String withNul = TextValues.find(tree, value -> value.indexOf('\0') >= 0);
        if (withNul != null) {
          // No path, command or name can hold one; Java's paths throw on it.
          throw refused(
              file,
              withNul,
              "holds a NUL character (\\0), which no value Lockstep uses may contain.",
              "remove the \\0 from the value.");
        }
        return tree;
      }
    } catch (JacksonException e) {
      Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      if (duplicate.lookingAt()) {
        throw refused(
            file,
            at(e.getLocation()),
            "'" + duplicate.group(1) + "' is written twice in one mapping.",
            "keep one of the two.");
      }
      throw refused(
          file,
          at(e.getLocation()),
          "is not valid YAML: " + e.getOriginalMessage(),
          "fix the syntax.");
    } catch (IOException e) {
      throw refused(file, "", "cannot be read: " + e.getMessage(), "check the file.");
    }
  }

  private void refuseAliases(Path file, String text) throws IOException {
    try (JsonParser parser = yaml.createParser(text)) {
      while (parser.nextToken() != null) {
        if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
          String alias = parser.getText();
          throw refused(
              file,
              fieldOf(parser.getParsingContext()) + " (" + at(parser.currentTokenLocation()) + ")",
              "*"
                  + alias
                  + " is a YAML alias; Lockstep does not expand aliases and would read the text '"
                  + alias
                  + "' instead of what &"
                  + alias
                  + " names.",
              "write the value out in full where *" + alias + " stands.");
        }
      }
    }
  }

  /**
   * The line of the {@code ---} that opens the document whose first token is on {@code tokenLine};
   * that token's own line when there is none.
   */
  private static int documentStart(String text, int tokenLine) {
    String[] lines = text.split("\n", -1);
    for (int line = Math.min(tokenLine, lines.length); line >= 1; line--) {
      if (lines[line - 1].startsWith("---")) {
        return line;
      }
    }
    return tokenLine;
  }

  /** A parser's position as a field path, {@code services.api.run[2]}. */
  private static String fieldOf(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      if (at.inArray()) {
        parts.push("[" + at.getCurrentIndex() + "]");
      } else if (at.getCurrentName() != null) {
        parts.push("." + at.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path;
  }

  static String at(JsonLocation location) {
    return location == null
        ? ""
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private BadInputException refused(Path file, String field, String message, String fix) {
    return new BadInputException(errorCode, new Problem(file, field, message, fix));
  }
}
