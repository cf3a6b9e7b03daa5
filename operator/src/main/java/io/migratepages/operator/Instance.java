package io.migratepages.operator;

/** This operator process's name in Events: the pod name in a cluster, else the host name. */
public final class Instance {
  private Instance() {}

  public static String name() {
    for (String variable : new String[] {"POD_NAME", "HOSTNAME"}) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return NodeMigrationDispatcher.MANAGED_BY;
  }
}
