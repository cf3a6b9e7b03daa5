package io.migratepages.engine.syscall;

import java.util.Arrays;

/** The errno values the migration syscalls document (Linux generic numbering: x86_64 and arm64). */
public enum Errno {
  EPERM(1),
  ENOENT(2),
  ESRCH(3),
  EINTR(4),
  EIO(5),
  E2BIG(7),
  EBADF(9),
  EAGAIN(11),
  ENOMEM(12),
  EACCES(13),
  EFAULT(14),
  EBUSY(16),
  ENODEV(19),
  EINVAL(22),
  EMFILE(24),
  ENOSYS(38),
  /** Any errno not listed above; {@link SyscallException#errnoNumber()} keeps the number. */
  OTHER(-1);

  private final int number;

  Errno(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  public static Errno of(int number) {
    return Arrays.stream(values()).filter(e -> e.number == number).findFirst().orElse(OTHER);
  }
}
