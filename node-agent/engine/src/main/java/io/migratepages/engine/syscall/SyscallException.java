package io.migratepages.engine.syscall;

/** A system call returned -1; carries the call's name and errno. */
public final class SyscallException extends Exception {
  private final String syscall;
  private final int errnoNumber;

  public SyscallException(String syscall, int errnoNumber) {
    super(syscall + " failed: " + describe(errnoNumber));
    this.syscall = syscall;
    this.errnoNumber = errnoNumber;
  }

  public String syscall() {
    return syscall;
  }

  public int errnoNumber() {
    return errnoNumber;
  }

  public Errno errno() {
    return Errno.of(errnoNumber);
  }

  private static String describe(int errnoNumber) {
    Errno errno = Errno.of(errnoNumber);
    return errno == Errno.OTHER ? "errno " + errnoNumber : errno.name();
  }
}
