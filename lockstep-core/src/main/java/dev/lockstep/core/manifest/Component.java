package dev.lockstep.core.manifest;

/** One deployable part of a release (backend, worker, UI…) and its immutable artifact. */
public record Component(String name, Artifact artifact) {}
