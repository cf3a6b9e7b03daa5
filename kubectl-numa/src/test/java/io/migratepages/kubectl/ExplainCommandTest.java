package io.migratepages.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationSpec;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kubectl numa explain} of a toNodes local run: what local meant for each process. */
class ExplainCommandTest {

  private static ProcessMigrationStatus process(
      int pid, String cpus, String from, String to, String message) {
    ProcessMigrationStatus p = new ProcessMigrationStatus();
    p.setPid(pid);
    p.setContainer("db");
    p.setPhase(MigrationPhase.Succeeded);
    p.setCpusAllowed(cpus);
    p.setResolvedFromNodes(from);
    p.setResolvedToNodes(to);
    p.setMessage(message);
    return p;
  }

  @Test
  void aLocalRunShowsWhatLocalMeantForEachProcessAndTheLongestPause() {
    NumaMigrationSpec spec = new NumaMigrationSpec();
    spec.setPodName("db-0");
    spec.setToNodes("local");
    PodMigrationStatus pod = new PodMigrationStatus();
    pod.setName("db-0");
    pod.setNode("worker-a");
    pod.setPhase(MigrationPhase.Succeeded);
    pod.setProcesses(
        List.of(
            process(1000, "2-3", "0,2-3", "1", null),
            process(1001, "0-7", "none", "0-3", "nothing to move: local = 0-3 (...)")));
    NumaMigration migration = new NumaMigration();
    migration.setMetadata(
        new ObjectMetaBuilder().withNamespace("shop").withName("near").withGeneration(1L).build());
    migration.setSpec(spec);
    migration.setStatus(
        NumaMigrationStatus.builder()
            .phase(MigrationPhase.Succeeded)
            .observedGeneration(1L)
            .progress("1/1")
            .moved("30Mi")
            .longestPause("230ms")
            .pods(List.of(pod))
            .build());

    String story = ExplainCommand.text(migration, List.of());

    assertThat(story)
        .startsWith(
            "NumaMigration shop/near: from NUMA nodes all to local (the NUMA nodes of each"
                + " process's CPUs), generation 1\n"
                + "Phase Succeeded, 1/1 pods done, 30Mi moved, longest pause 230ms")
        .containsPattern("1000 +Succeeded .* local = 1 \\(CPUs 2-3\\), from 0,2-3\n")
        .containsPattern(
            "1001 +Succeeded .* local = 0-3 \\(CPUs 0-7\\), from none; nothing to move: local");
  }
}
