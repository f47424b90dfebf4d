package dev.lockstep.cli;

import picocli.CommandLine;

/** {@code lockstep --version}, from the jar's manifest. */
public final class LockstepVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = LockstepVersion.class.getPackage().getImplementationVersion();
    return new String[] {"lockstep " + (version == null ? "(development build)" : version)};
  }
}
