package io.migratepages.engine.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.testsupport.CgroupTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver on cgroup trees captured from a real node (src/kube-node), next to the hand-written
 * layouts of {@link CgroupLayoutsTest}: the directories, cgroup.procs and /proc/PID/cgroup as the
 * kubelet, containerd and runc left them (test resources under {@code captured/}).
 */
class CapturedRealNodeTest {
  private static final String KUBELET_CGROUPFS_V2 =
      "captured/kubelet-1.35.4-containerd-1.6.20-cgroupfs-v2/";
  private static final Pattern TREE_LINE = Pattern.compile("(\\S+) procs=\\[([0-9 ]*)\\]");

  @TempDir Path temp;

  @Test
  void guaranteedPodOnKubeletCgroupfsWithContainerdOnCgroupV2() throws IOException {
    Map<String, String> pod = keyValues(resource(KUBELET_CGROUPFS_V2 + "pod.env"));
    int pid = Integer.parseInt(pod.get("PID"));
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    for (String line : resource(KUBELET_CGROUPFS_V2 + "tree").split("\n")) {
      Matcher m = TREE_LINE.matcher(line);
      assertThat(m.matches()).as("tree line %s", line).isTrue();
      int[] pids =
          Arrays.stream(m.group(2).trim().split(" "))
              .filter(s -> !s.isEmpty())
              .mapToInt(Integer::parseInt)
              .toArray();
      fixture.procs(m.group(1), pids);
    }
    fixture.procCgroupFile(pid, resource(KUBELET_CGROUPFS_V2 + "proc-pid-cgroup"));
    PodRef ref =
        PodRef.of(
            pod.get("UID"),
            pod.get("QOS"),
            List.of(ContainerRef.of("memhog", pod.get("CONTAINER_ID"))));

    ContainerResolution result =
        new CgroupResolver(fixture.cgroupRoot(), fixture.procRoot())
            .resolve(ref)
            .containers()
            .get(0);

    String id = pod.get("CONTAINER_ID").substring("containerd://".length());
    assertThat(result.error()).isEmpty();
    assertThat(result.cgroup().orElseThrow().driver()).isEqualTo(CgroupDriver.CGROUPFS);
    assertThat(result.cgroup().orElseThrow().relativePath())
        .isEqualTo("kubepods/pod" + pod.get("UID") + "/" + id);
    assertThat(result.pids())
        .as("the container's process only, not the sandbox's")
        .containsExactly(pid);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CapturedRealNodeTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> keyValues(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return values;
  }
}
