/** The node-set grammar shared by the CLI, the operator and the agent. */
package io.migratepages.numanodes;
