package dev.lockstep.core.config;

/** A shell command that must exit with {@code expectExitCode}. */
public record CommandCheckConfig(String run, int expectExitCode) {}
