package io.migratepages.engine.cgroup;

/** The cgroup tree itself is unusable (nothing mounted, unknown layout). */
public class CgroupResolutionException extends RuntimeException {
  public CgroupResolutionException(String message) {
    super(message);
  }
}
