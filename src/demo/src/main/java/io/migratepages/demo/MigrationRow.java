package io.migratepages.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One line of {@code kubectl get numamigrations -w}: the printer columns of the NumaMigration CRD
 * (NAME, PHASE .status.phase, FROM .spec.fromNodes, TO .spec.toNodes, PODS .status.progress, MOVED
 * .status.moved, LONGEST PAUSE .status.longestPause, AGE .metadata.creationTimestamp).
 */
public record MigrationRow(
    String name,
    String phase,
    String from,
    String to,
    String pods,
    String moved,
    String longestPause,
    Instant created) {

  static final String[] HEADERS = {
    "NAME", "PHASE", "FROM", "TO", "PODS", "MOVED", "LONGEST PAUSE", "AGE"
  };
  private static final int[] WIDTHS = {7, 21, 7, 7, 7, 9, 16};

  public static MigrationRow of(GenericKubernetesResource migration) {
    Instant created = null;
    String timestamp = migration.getMetadata().getCreationTimestamp();
    if (timestamp != null) {
      try {
        created = Instant.parse(timestamp);
      } catch (DateTimeParseException e) {
        created = null;
      }
    }
    return new MigrationRow(
        migration.getMetadata().getName(),
        text(migration, "status", "phase"),
        text(migration, "spec", "fromNodes"),
        text(migration, "spec", "toNodes"),
        text(migration, "status", "progress"),
        text(migration, "status", "moved"),
        text(migration, "status", "longestPause"),
        created);
  }

  /** Whether a watcher would print a new line: a column other than AGE changed. */
  public boolean sameColumns(MigrationRow other) {
    return other != null
        && name.equals(other.name)
        && phase.equals(other.phase)
        && from.equals(other.from)
        && to.equals(other.to)
        && pods.equals(other.pods)
        && moved.equals(other.moved)
        && longestPause.equals(other.longestPause);
  }

  public static String header() {
    return format(HEADERS);
  }

  public String format(Instant now) {
    String age = created == null ? "<unknown>" : age(Duration.between(created, now));
    return format(new String[] {name, phase, from, to, pods, moved, longestPause, age});
  }

  /** kubectl's short ages: 45s, 3m12s, 15m. */
  static String age(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    if (seconds < 600) {
      return (seconds / 60) + "m" + (seconds % 60) + "s";
    }
    return (seconds / 60) + "m";
  }

  private static String format(String[] cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i < WIDTHS.length) {
        int width = Math.max(WIDTHS[i], cells[i].length() + 3);
        line.append(String.format(Locale.ROOT, "%-" + width + "s", cells[i]));
      } else {
        line.append(cells[i]);
      }
    }
    return line.toString().stripTrailing();
  }

  private static String text(GenericKubernetesResource resource, String... path) {
    Object value = resource.get((Object[]) path);
    return value == null ? "" : value.toString();
  }
}
