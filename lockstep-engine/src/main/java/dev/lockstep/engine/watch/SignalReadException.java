package dev.lockstep.engine.watch;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;

/**
 * A watched signal could not be read: its source did not answer, refused, or answered no number.
 * The message names the signal and its source by host only (a URL's path or query may hold a
 * token), and says how to fix it.
 */
public class SignalReadException extends LockstepException {

  /**
   * @param signal the signal's name
   * @param what what happened, naming the source by its host
   * @param fix what to do about it
   */
  public SignalReadException(String signal, String what, String fix) {
    super(ErrorCode.SIGNAL_UNREADABLE, "cannot read signal '" + signal + "': " + what + "; " + fix);
  }
}
