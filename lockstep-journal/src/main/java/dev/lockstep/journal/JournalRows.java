package dev.lockstep.journal;

import static com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.io.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** How the journal's rows become records: each mapper reads the columns its SELECT names. */
final class JournalRows {
  static final String RUN_COLUMNS =
      "id, kind, environment, from_version, to_version, status, started_at, ended_at, owner_pid,"
          + " owner_start, summary";
  static final String STEP_COLUMNS =
      "run_id, seq, name, phase, status, started_at, ended_at, detail";
  static final String CHECKLIST_COLUMNS = "run_id, number, phase, first_seq, steps, inputs";

  // One line in the file: `sqlite3 journal.db` shows a checklist as ["backup","migrate",...].
  private static final ObjectWriter STEP_NAMES_WRITER =
      Json.mapper().writer().without(INDENT_OUTPUT);
  private static final ObjectReader STEP_NAMES_READER = Json.mapper().readerFor(String[].class);

  private JournalRows() {}

  static RunRecord run(ResultSet rs) throws SQLException {
    return new RunRecord(
        rs.getString(1),
        RunKind.valueOf(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        RunStatus.valueOf(rs.getString(6)),
        instant(rs, 7),
        instant(rs, 8),
        rs.getLong(9),
        instant(rs, 10),
        rs.getString(11));
  }

  static StepRecord step(ResultSet rs) throws SQLException {
    return new StepRecord(
        rs.getString(1),
        rs.getInt(2),
        rs.getString(3),
        Phase.valueOf(rs.getString(4)),
        StepStatus.valueOf(rs.getString(5)),
        instant(rs, 6),
        instant(rs, 7),
        rs.getString(8));
  }

  static Checklist checklist(ResultSet rs) throws SQLException {
    return new Checklist(
        rs.getString(1),
        rs.getInt(2),
        Phase.valueOf(rs.getString(3)),
        rs.getInt(4),
        stepNames(rs.getString(5)),
        rs.getString(6));
  }

  static Installed installed(ResultSet rs) throws SQLException {
    return new Installed(rs.getString(1), rs.getString(2), instant(rs, 3));
  }

  static String stepNamesJson(List<String> steps) {
    try {
      return STEP_NAMES_WRITER.writeValueAsString(steps);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the step names " + steps, e);
    }
  }

  private static List<String> stepNames(String json) {
    try {
      return List.of(STEP_NAMES_READER.<String[]>readValue(json));
    } catch (JsonProcessingException e) {
      throw new LockstepException(
          ErrorCode.INTERNAL,
          "The journal holds a checklist whose steps are not a JSON array of names: "
              + json
              + " ("
              + e.getMessage()
              + ").",
          e);
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
