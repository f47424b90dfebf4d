package dev.lockstep.examples;

/** The sample product's sources, as tests write releases of their own from the shipped ones. */
final class ReleaseSources {
  private ReleaseSources() {}

  /**
   * {@code source} (an api or worker of release {@code from}) declaring release {@code to} instead;
   * fails when it no longer declares {@code from}, so a fixture never ships the wrong one.
   */
  static String reversioned(String source, String from, String to) {
    String declared = "static final String VERSION = \"" + from + "\";";
    if (!source.contains(declared)) {
      throw new IllegalStateException(from + "'s source no longer declares " + declared);
    }
    return source.replace(declared, "static final String VERSION = \"" + to + "\";");
  }
}
