package dev.lockstep.core.api;

/**
 * The root of every failure Lockstep reports to its user. The message says what happened, with the
 * values involved, and how to fix it; the {@link ErrorCode} decides the exit code.
 */
public class LockstepException extends RuntimeException {
  private final ErrorCode errorCode;

  public LockstepException(ErrorCode errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public LockstepException(ErrorCode errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public int exitCode() {
    return errorCode.exitCode();
  }
}
