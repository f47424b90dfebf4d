package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.DriftText;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.schema.DriftReport;
import dev.lockstep.engine.schema.SchemaDrift;
import picocli.CommandLine.Command;

@Command(
    name = "drift",
    description =
        "Compare the live schema with the one the last run left (or the installed release ships);"
            + " exit 1 if they differ.")
public final class DriftCommand extends DeploymentCommand {
  @Override
  int run(Deployment deployment) {
    String installed = deployment.status().installed();
    ReleaseManifest release =
        installed == null
            ? null
            : new ReleaseCatalog(deployment.config().releases(), deployment.config().trustedKeys())
                .get(Version.parse(installed));
    DriftReport report = new SchemaDrift(deployment.config(), release).measure();
    print(report, DriftText.render(report));
    return report.drifted() ? 1 : 0;
  }
}
