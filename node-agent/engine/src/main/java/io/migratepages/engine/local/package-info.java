/**
 * The node spec {@code local}: the NUMA nodes of the CPUs a process may run on, read from its
 * threads' CPU affinity at the time of the move.
 */
package io.migratepages.engine.local;
