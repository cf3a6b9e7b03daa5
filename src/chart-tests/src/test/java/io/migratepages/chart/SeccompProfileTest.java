package io.migratepages.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example Localhost profile shipped in files/seccomp/ for agent.seccompProfile.type=Localhost.
 */
class SeccompProfileTest {

  private static final Path PROFILE = Chart.DIR.resolve("files/seccomp/migratepages-agent.json");
  private static final JsonNode JSON = read();

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(PROFILE.toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot read " + PROFILE, e);
    }
  }

  private static List<JsonNode> rulesFor(String syscall) {
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode rule : JSON.path("syscalls")) {
      for (JsonNode name : rule.path("names")) {
        if (syscall.equals(name.asText())) {
          rules.add(rule);
        }
      }
    }
    return rules;
  }

  private static boolean allowedUnconditionally(String syscall) {
    return rulesFor(syscall).stream()
        .anyMatch(
            r ->
                "SCMP_ACT_ALLOW".equals(r.path("action").asText())
                    && r.path("args").isEmpty()
                    && !r.has("includes"));
  }

  private static boolean allowedAtAll(String syscall) {
    return rulesFor(syscall).stream()
        .anyMatch(r -> "SCMP_ACT_ALLOW".equals(r.path("action").asText()));
  }

  @Test
  void deniesEverythingNotListed() {
    assertThat(JSON.path("defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(JSON.path("archMap"))
        .extracting(a -> a.path("architecture").asText())
        .contains("SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64");
  }

  @Test
  void allowsThePageMigrationSyscallsThatRuntimeDefaultsBlock() {
    assertThat(List.of("migrate_pages", "move_pages", "pidfd_open"))
        .allMatch(SeccompProfileTest::allowedUnconditionally);
  }

  @Test
  void signalsOnlyProbeWithSignalZero() {
    for (String syscall : List.of("pidfd_send_signal", "kill")) {
      List<JsonNode> rules = rulesFor(syscall);
      assertThat(rules).as(syscall).hasSize(1);
      JsonNode args = rules.get(0).path("args");
      assertThat(args).as(syscall).hasSize(1);
      assertThat(args.get(0).path("index").asInt()).isEqualTo(1);
      assertThat(args.get(0).path("op").asText()).isEqualTo("SCMP_CMP_EQ");
      assertThat(args.get(0).path("value").asLong()).isZero();
    }
  }

  @Test
  void clonesCannotCreateNamespaces() {
    List<JsonNode> rules = rulesFor("clone");
    assertThat(rules).hasSize(1);
    JsonNode arg = rules.get(0).at("/args/0");
    assertThat(arg.path("op").asText()).isEqualTo("SCMP_CMP_MASKED_EQ");
    long namespaceFlags =
        0x00020000L
            | 0x02000000L
            | 0x04000000L
            | 0x08000000L
            | 0x10000000L
            | 0x20000000L
            | 0x40000000L;
    assertThat(arg.path("value").asLong()).isEqualTo(namespaceFlags);
    assertThat(arg.path("valueTwo").asLong()).isZero();
    assertThat(rulesFor("clone3"))
        .singleElement()
        .satisfies(r -> assertThat(r.path("errnoRet").asInt()).isEqualTo(38));
  }

  @Test
  void allowsWhatAJvmNeedsToStart() {
    assertThat(
            List.of(
                "mmap",
                "mprotect",
                "munmap",
                "futex",
                "openat",
                "read",
                "write",
                "close",
                "execve",
                "rt_sigaction",
                "sched_getaffinity",
                "epoll_ctl",
                "epoll_wait",
                "socket",
                "connect",
                "bind",
                "listen",
                "accept4",
                "clock_gettime",
                "getrandom",
                "set_robust_list",
                "rseq",
                "prlimit64",
                "tgkill",
                "newfstatat",
                "readlink"))
        .allMatch(SeccompProfileTest::allowedUnconditionally);
  }

  @Test
  void deniesWhatTheAgentNeverNeedsAndItsCapabilitiesWouldOtherwiseEnable() {
    assertThat(
            List.of(
                "ptrace",
                "process_vm_readv",
                "process_vm_writev",
                "pidfd_getfd",
                "kcmp",
                "process_madvise",
                "set_mempolicy",
                "mbind",
                "sched_setscheduler",
                "sched_setattr",
                "sched_setaffinity",
                "setpriority",
                "ioprio_set",
                "mount",
                "umount2",
                "unshare",
                "setns",
                "pivot_root",
                "chroot",
                "bpf",
                "perf_event_open",
                "kexec_load",
                "init_module",
                "finit_module",
                "delete_module",
                "reboot",
                "keyctl",
                "add_key",
                "open_by_handle_at",
                "userfaultfd",
                "swapon",
                "setuid",
                "setgid",
                "capset"))
        .noneMatch(SeccompProfileTest::allowedAtAll);
  }

  @Test
  void everyRuleSaysWhyAndNoSyscallIsListedTwice() {
    List<String> names = new ArrayList<>();
    for (JsonNode rule : JSON.path("syscalls")) {
      assertThat(rule.path("comment").asText()).isNotBlank();
      rule.path("names").forEach(n -> names.add(n.asText()));
    }
    assertThat(names).doesNotHaveDuplicates();
  }
}
