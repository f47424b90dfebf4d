package dev.lockstep.examples;

/** Where the demo deploys the sample product. */
public enum DemoTarget {
  /** Local processes, started by Lockstep: needs nothing but Java and PostgreSQL's programs. */
  PROCESS,
  /** Containers of a Docker Compose project, on the machine's container engine. */
  COMPOSE
}
