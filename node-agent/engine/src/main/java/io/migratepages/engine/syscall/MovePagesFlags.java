package io.migratepages.engine.syscall;

/** The {@code flags} of {@code move_pages(2)} (include/uapi/linux/mempolicy.h). */
public final class MovePagesFlags {
  /** MPOL_MF_MOVE: only pages mapped by this process alone. */
  public static final int MOVE = 1 << 1;

  /** MPOL_MF_MOVE_ALL: shared pages too; needs CAP_SYS_NICE (EPERM without it). */
  public static final int MOVE_ALL = 1 << 2;

  private MovePagesFlags() {}
}
