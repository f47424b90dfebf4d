package dev.lockstep.engine.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The programs a shell command runs, as far as can be told without running it: the first word of
 * each simple command ({@code a && b | c; d}), after variable assignments, keywords such as {@code
 * if}, and {@code exec}. A word the shell would expand ({@code $VAR}, {@code {artifact}}, globs)
 * cannot be judged and is left out, and so are the shell's own builtins.
 */
final class ShellWords {
  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
  private static final Pattern REDIRECTION = Pattern.compile("\\d*[<>].*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "if",
          "then",
          "else",
          "elif",
          "fi",
          "for",
          "while",
          "until",
          "do",
          "done",
          "case",
          "esac",
          "in",
          "function",
          "!",
          "{",
          "}",
          "[[",
          "]]",
          "exec",
          "command",
          "time");
  private static final Set<String> BUILTINS =
      Set.of(
          "cd",
          "export",
          "test",
          "[",
          "true",
          "false",
          "echo",
          "printf",
          "set",
          "unset",
          "read",
          "eval",
          ".",
          "source",
          ":",
          "return",
          "exit",
          "shift",
          "trap",
          "wait",
          "umask",
          "ulimit",
          "alias",
          "local",
          "type",
          "hash",
          "kill",
          "pwd",
          "break",
          "continue",
          "readonly");
  private static final String EXPANDED = "$`{}*?~";

  private ShellWords() {}

  /** The programs {@code command} starts, in order, each once. */
  static List<String> programs(String command) {
    List<String> programs = new ArrayList<>();
    for (List<String> words : simpleCommands(command)) {
      String program = firstProgram(words);
      if (program != null && !programs.contains(program)) {
        programs.add(program);
      }
    }
    return programs;
  }

  /** The program word, or null for a builtin, an expansion, or nothing. */
  private static String firstProgram(List<String> words) {
    for (String word : words) {
      if (ASSIGNMENT.matcher(word).matches()
          || REDIRECTION.matcher(word).matches()
          || KEYWORDS.contains(word)) {
        continue;
      }
      if (BUILTINS.contains(word) || word.chars().anyMatch(c -> EXPANDED.indexOf(c) >= 0)) {
        return null;
      }
      return word.replace("'", "").replace("\"", "");
    }
    return null;
  }

  /**
   * The words of each simple command, split at unquoted {@code ; & | ( ) `} and new lines. Quotes
   * are kept in the words, so that a quoted expansion still counts as one.
   */
  private static List<List<String>> simpleCommands(String command) {
    List<List<String>> commands = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        word.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word.append(c);
      } else if (c == '\\' && i + 1 < command.length()) {
        word.append(c).append(command.charAt(++i));
      } else if (Character.isWhitespace(c) && c != '\n') {
        endWord(word, words);
      } else if (";&|()`\n".indexOf(c) >= 0 && !redirection(command, i)) {
        endWord(word, words);
        if (!words.isEmpty()) {
          commands.add(words);
          words = new ArrayList<>();
        }
      } else {
        word.append(c);
      }
    }
    endWord(word, words);
    if (!words.isEmpty()) {
      commands.add(words);
    }
    return commands;
  }

  /** {@code 2>&1} and {@code &>file} are redirections, not command separators. */
  private static boolean redirection(String command, int i) {
    if (command.charAt(i) != '&') {
      return false;
    }
    boolean afterArrow = i > 0 && command.charAt(i - 1) == '>';
    boolean beforeArrow = i + 1 < command.length() && command.charAt(i + 1) == '>';
    return afterArrow || beforeArrow;
  }

  private static void endWord(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }
}
