/**
 * What a statement really does, seen on a scratch database: {@link
 * dev.lockstep.schema.observe.StatementObserver} runs it in a transaction and reads the locks it
 * holds from {@code pg_locks} and the tables it rewrote (changed {@code relfilenode}).
 */
package dev.lockstep.schema.observe;
