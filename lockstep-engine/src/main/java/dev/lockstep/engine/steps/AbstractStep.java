package dev.lockstep.engine.steps;

/** A step's name and description, so each step class holds only its work. */
public abstract class AbstractStep implements Step {
  private final String name;
  private final String description;

  protected AbstractStep(String name, String description) {
    this.name = name;
    this.description = description;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }
}
