package dev.lockstep.engine.rolling;

import java.util.List;

/**
 * Nodes of one service replaced at once.
 *
 * @param number this batch's place among the service's batches, from 1
 * @param of how many batches the service has
 * @param before how many nodes of every service the batches before this one replace
 * @param total how many nodes the whole roll replaces
 */
record NodeBatch(String service, List<String> nodes, int number, int of, int before, int total) {

  NodeBatch {
    nodes = List.copyOf(nodes);
  }

  /** The step's name in the journal: {@code roll api 2/3}. */
  String stepName(String verb) {
    return verb + " " + service + " " + number + "/" + of;
  }
}
