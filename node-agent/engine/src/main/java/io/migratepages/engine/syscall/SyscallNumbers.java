package io.migratepages.engine.syscall;

import java.util.Locale;

/**
 * Syscall numbers for the architectures we ship for. x86_64 has its own table; arm64 uses the
 * asm-generic table. pidfd_open and pidfd_send_signal were added after the tables were unified, so
 * they share a number everywhere.
 */
public record SyscallNumbers(
    String arch, long migratePages, long movePages, long pidfdOpen, long pidfdSendSignal) {

  public static final SyscallNumbers X86_64 = new SyscallNumbers("x86_64", 256, 279, 434, 424);
  public static final SyscallNumbers AARCH64 = new SyscallNumbers("aarch64", 238, 239, 434, 424);

  /** The table for a JVM {@code os.arch} value ("amd64"/"x86_64" or "aarch64"/"arm64"). */
  public static SyscallNumbers forArch(String osArch) {
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> X86_64;
      case "aarch64", "arm64" -> AARCH64;
      default ->
          throw new UnsupportedOperationException(
              "unsupported architecture os.arch="
                  + osArch
                  + ": migratepages knows the syscall numbers for x86_64 (amd64) and aarch64 only");
    };
  }

  public static SyscallNumbers current() {
    return forArch(System.getProperty("os.arch"));
  }
}
