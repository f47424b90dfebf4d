package dev.lockstep.backup;

import java.util.List;

/**
 * How one part of a set fared when it was restored into a scratch place.
 *
 * @param tables postgres: every table, compared; empty for other kinds
 * @param differences what stopped the part from being verified, one sentence each
 */
public record PartVerification(
    String store, boolean verified, List<TableComparison> tables, List<String> differences) {

  public PartVerification {
    tables = tables == null ? List.of() : List.copyOf(tables);
    differences = differences == null ? List.of() : List.copyOf(differences);
  }
}
