package io.migratepages.engine.cgroup;

import java.util.List;
import java.util.Optional;

/**
 * One line of {@code /proc/<pid>/cgroup}: {@code hierarchy-id:controller-list:path}, e.g. {@code
 * 0::/kubepods.slice/…} (v2) or {@code 7:memory:/kubepods/…} (v1).
 */
record ProcCgroupLine(String hierarchyId, List<String> controllers, String path) {

  static Optional<ProcCgroupLine> parse(String line) {
    String[] fields = line.split(":", 3);
    if (fields.length < 3) {
      return Optional.empty();
    }
    List<String> controllers = fields[1].isEmpty() ? List.of() : List.of(fields[1].split(","));
    return Optional.of(new ProcCgroupLine(fields[0], controllers, fields[2]));
  }

  boolean belongsTo(CgroupHierarchy hierarchy) {
    return hierarchy.isUnified()
        ? hierarchyId.equals("0") && controllers.isEmpty()
        : controllers.contains(hierarchy.controller());
  }
}
