package io.migratepages.kubectl;

/** {@code -o}: a table for people, or JSON for scripts. */
enum OutputFormat {
  text,
  json
}
