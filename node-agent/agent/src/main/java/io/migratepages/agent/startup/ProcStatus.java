package io.migratepages.agent.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code Key:\tvalue} lines of a {@code /proc/<pid>/status} file. */
record ProcStatus(Path file, Map<String, String> fields) {

  static ProcStatus read(Path file) throws IOException {
    Map<String, String> fields = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return new ProcStatus(file, fields);
  }

  Optional<String> field(String key) {
    return Optional.ofNullable(fields.get(key));
  }
}
