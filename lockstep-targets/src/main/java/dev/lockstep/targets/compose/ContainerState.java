package dev.lockstep.targets.compose;

/**
 * One container of the compose project, as {@code ps} shows it.
 *
 * @param service the compose service it belongs to
 * @param name the container's name, e.g. {@code notes-api-1}
 * @param state {@code running}, {@code exited}, {@code created}, {@code restarting} …
 * @param exitCode its exit code once it exited
 * @param image the image reference it was created from
 * @param imageId the id of that image when the container was created ({@code sha256:…}), from
 *     Compose's {@code com.docker.compose.image} label; empty when the label is missing
 */
public record ContainerState(
    String service, String name, String state, int exitCode, String image, String imageId) {

  public boolean running() {
    return "running".equals(state);
  }

  /** It ran and stopped by itself, or never got going: waiting longer will not make it run. */
  public boolean ended() {
    return "exited".equals(state) || "dead".equals(state);
  }
}
