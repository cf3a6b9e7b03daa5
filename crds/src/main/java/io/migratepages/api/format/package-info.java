/** Text forms shared by the operator, the agent and the CLI: byte sizes, timestamps, hashes. */
package io.migratepages.api.format;
