/**
 * The bounded mover: a process's pages moved with {@code move_pages(2)} in batches sized to a time
 * budget per call and an optional rate limit, with every page's outcome counted by reason.
 */
package io.migratepages.engine.bounded;
