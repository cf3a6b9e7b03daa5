package io.migratepages.agent.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.agent.testing.ProcFixture;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChecksTest {
  private static final MigratePagesProbe ALLOWED = Optional::empty;

  @TempDir Path root;

  private AgentCapabilities run(ProcFixture f, MigratePagesProbe probe) {
    return new StartupChecks(f.proc, f.sys, probe, f.selfPid()).run();
  }

  private static CheckResult check(AgentCapabilities caps, String name) {
    return caps.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aWellDeployedAgentPassesEveryCheck() {
    AgentCapabilities caps = run(ProcFixture.healthyHost(root), ALLOWED);

    assertThat(caps.capable()).as(caps.problems().toString()).isTrue();
    assertThat(caps.checks())
        .extracting(CheckResult::name)
        .containsExactly("hostPID", "capabilities", "seccomp", "cpuset");
    assertThat(check(caps, "hostPID").detail()).contains("kthreadd");
    assertThat(check(caps, "seccomp").detail())
        .isEqualTo("a seccomp filter; migrate_pages reaches the kernel");
  }

  @Test
  void agentAsPidOneHasNoHostPid() {
    ProcFixture f = ProcFixture.healthyHost(root);
    f.self(1, "0::/").status(ProcFixture.ALL_CAPS, 0, "0-1");

    AgentCapabilities caps = run(f, ALLOWED);

    assertThat(caps.capable()).isFalse();
    assertThat(caps.problems())
        .containsExactly(
            "hostPID: the agent is PID 1 of its own PID namespace; set hostPID: true on the pod");
  }

  @Test
  void pidOneInOurOwnCgroupIsOurContainersInit() {
    String ours = "0::/";
    ProcFixture f = ProcFixture.healthyHost(root);
    f.self(7, ours);
    f.process(1, "tini", 0, ours);
    f.removeProcess(2);

    CheckResult hostPid = check(run(f, ALLOWED), "hostPID");

    assertThat(hostPid.passed()).isFalse();
    assertThat(hostPid.detail()).contains("PID 1 is our own container's init");
  }

  @Test
  void pidOneInAPodCgroupIsAPauseProcess() {
    ProcFixture f = ProcFixture.healthyHost(root);
    f.self(7, "0::/kubepods.slice/kubepods-podabc.slice/cri-containerd-agent.scope");
    f.process(1, "pause", 0, "0::/kubepods.slice/kubepods-podabc.slice/cri-containerd-p.scope");
    f.removeProcess(2);

    CheckResult hostPid = check(run(f, ALLOWED), "hostPID");

    assertThat(hostPid.passed()).isFalse();
    assertThat(hostPid.detail()).contains("PID 1 is a process of a pod");
  }

  @Test
  void nestedNodeWithoutKthreaddButPidOneOutsidePodsPasses() {
    // kind: the node is itself a container, so no kernel threads are visible even with hostPID
    ProcFixture f = ProcFixture.healthyHost(root);
    f.removeProcess(2);

    CheckResult hostPid = check(run(f, ALLOWED), "hostPID");

    assertThat(hostPid.passed()).isTrue();
    assertThat(hostPid.detail()).isEqualTo("PID 1 is outside every pod (cgroup /init.scope)");
  }

  @Test
  void hostProcMountedWithoutHostPidIsCaught() {
    // the host's /proc names the agent 4242; in its own namespace the agent is PID 7
    ProcFixture f = ProcFixture.healthyHost(root);

    CheckResult hostPid = check(new StartupChecks(f.proc, f.sys, ALLOWED, 7).run(), "hostPID");

    assertThat(hostPid.passed()).isFalse();
    assertThat(hostPid.detail())
        .contains("belongs to another PID namespace")
        .contains("it names the agent PID 4242, the agent is PID 7");
  }

  @Test
  void missingCapabilitiesAreNamed() {
    long withoutNice = ProcFixture.ALL_CAPS & ~(1L << 23);
    long neither = withoutNice & ~(1L << 19);

    CheckResult noNice =
        check(
            run(ProcFixture.healthyHost(root).status(withoutNice, 0, "0-1"), ALLOWED),
            "capabilities");
    CheckResult none =
        check(
            run(ProcFixture.healthyHost(root).status(neither, 0, "0-1"), ALLOWED), "capabilities");

    assertThat(noNice.passed()).isFalse();
    assertThat(noNice.detail()).contains("CAP_SYS_NICE").doesNotContain("CAP_SYS_PTRACE");
    assertThat(none.detail()).contains("CAP_SYS_NICE").contains(" and CAP_SYS_PTRACE");
  }

  @Test
  void seccompBlockingMigratePagesFailsWithTheProbesExplanation() {
    AgentCapabilities caps =
        run(ProcFixture.healthyHost(root), () -> Optional.of("migrate_pages fails with EPERM"));

    CheckResult seccomp = check(caps, "seccomp");
    assertThat(seccomp.passed()).isFalse();
    assertThat(seccomp.detail())
        .startsWith("a seccomp filter; migrate_pages fails with EPERM")
        .contains("Unconfined");
  }

  @Test
  void probeThatCannotRunIsAProblem() {
    MigratePagesProbe broken =
        () -> {
          throw new IllegalStateException("cannot load the syscall bindings (JNA)");
        };

    CheckResult seccomp = check(run(ProcFixture.healthyHost(root), broken), "seccomp");

    assertThat(seccomp.passed()).isFalse();
    assertThat(seccomp.detail()).contains("cannot load the syscall bindings");
  }

  @Test
  void cpusetMustCoverEveryNodeWithMemory() {
    ProcFixture f =
        ProcFixture.healthyHost(root).nodes("0-3", "0-2").status(ProcFixture.ALL_CAPS, 0, "0-1");

    CheckResult cpuset = check(run(f, ALLOWED), "cpuset");

    assertThat(cpuset.passed()).isFalse();
    assertThat(cpuset.detail())
        .contains("allows memory nodes 0-1 but the host has memory on 0-2")
        .contains("could never move to 2");
  }

  @Test
  void memorylessNodesNeedNotBeInTheCpuset() {
    ProcFixture f =
        ProcFixture.healthyHost(root).nodes("0-3", "0-2").status(ProcFixture.ALL_CAPS, 0, "0-2");

    assertThat(check(run(f, ALLOWED), "cpuset").passed()).isTrue();
  }

  @Test
  void hostWithoutNumaSysfsIsAProblem() {
    ProcFixture f = new ProcFixture(root);
    f.self(4242, "0::/a");
    f.process(1, "systemd", 0, "0::/init.scope");
    f.status(ProcFixture.ALL_CAPS, 0, "0");

    CheckResult cpuset = check(run(f, ALLOWED), "cpuset");

    assertThat(cpuset.passed()).isFalse();
    assertThat(cpuset.detail()).contains("cannot read the host's NUMA nodes");
  }

  @Test
  void problemSummaryListsEveryProblem() {
    ProcFixture f = ProcFixture.healthyHost(root).status(0, 2, "0");

    AgentCapabilities caps = run(f, () -> Optional.of("blocked"));

    assertThat(caps.problems()).hasSize(3);
    assertThat(caps.problemSummary())
        .startsWith("the agent cannot migrate pages on this node: capabilities: missing")
        .contains("; seccomp: ")
        .contains("; cpuset: ");
  }
}
