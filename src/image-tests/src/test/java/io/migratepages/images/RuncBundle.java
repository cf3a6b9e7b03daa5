package io.migratepages.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An OCI runtime bundle of ours for one image: its layers unpacked into {@code rootfs} and a
 * minimal {@code config.json} that runs the image's entrypoint as the image's user, with a
 * read-only root, only the capabilities given, host PID and network namespaces (as hostPID and the
 * smoke runs' 127.0.0.1 API server need), and the given mounts. No seccomp filter: runc has no
 * default profile (Kubernetes' RuntimeDefault is the container runtime's, not runc's).
 */
final class RuncBundle {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  private final ImageArchive image;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> capabilities = new ArrayList<>();
  private final List<ObjectNode> mounts = new ArrayList<>();
  private String hostname = "smoke";

  private RuncBundle(Path dir, ImageArchive image) {
    this.dir = dir;
    this.image = image;
  }

  /** A fresh bundle in DIR (its previous content deleted) with IMAGE unpacked. */
  static RuncBundle unpack(ImageArchive image, Path dir) throws IOException, InterruptedException {
    deleteRecursively(dir);
    Files.createDirectories(dir);
    image.unpackTo(dir.resolve("rootfs"));
    return new RuncBundle(dir, image);
  }

  RuncBundle hostname(String name) {
    this.hostname = name;
    return this;
  }

  RuncBundle env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** A capability by its Kubernetes name (SYS_NICE), as the chart lists it. */
  RuncBundle capability(String kubernetesName) {
    capabilities.add("CAP_" + kubernetesName);
    return this;
  }

  /** SOURCE on the host, bind-mounted at TARGET. */
  RuncBundle bind(Path source, String target, boolean readOnly) {
    ObjectNode m = mount(target, "bind", source.toString());
    ArrayNode options = m.putArray("options").add("rbind").add("nosuid").add("nodev");
    if (readOnly) {
      options.add("ro");
    }
    mounts.add(m);
    return this;
  }

  /** Writes config.json; returns its path. */
  Path writeConfig() throws IOException {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("ociVersion", "1.0.2");
    ObjectNode process = spec.putObject("process");
    process.put("terminal", false);
    String[] user = image.runConfig().path("User").asText("0:0").split(":");
    process
        .putObject("user")
        .put("uid", Integer.parseInt(user[0]))
        .put("gid", Integer.parseInt(user.length > 1 ? user[1] : "0"));
    ArrayNode args = process.putArray("args");
    image.entrypoint().forEach(args::add);
    image.runConfig().path("Cmd").forEach(args::add);
    ArrayNode envs = process.putArray("env");
    Map<String, String> all = new LinkedHashMap<>(image.env());
    all.putAll(env);
    all.forEach((k, v) -> envs.add(k + "=" + v));
    process.put("cwd", image.runConfig().path("WorkingDir").asText("/"));
    ObjectNode caps = process.putObject("capabilities");
    for (String set : List.of("bounding", "effective", "permitted")) {
      ArrayNode list = caps.putArray(set);
      capabilities.forEach(list::add);
    }
    process.put("noNewPrivileges", true);
    spec.putObject("root").put("path", "rootfs").put("readonly", true);
    spec.put("hostname", hostname);

    ArrayNode m = spec.putArray("mounts");
    m.add(mount("/proc", "proc", "proc"));
    m.add(
        withOptions(
            mount("/dev", "tmpfs", "tmpfs"), "nosuid", "strictatime", "mode=755", "size=65536k"));
    m.add(
        withOptions(
            mount("/dev/pts", "devpts", "devpts"),
            "nosuid",
            "noexec",
            "newinstance",
            "ptmxmode=0666",
            "mode=0620"));
    m.add(
        withOptions(
            mount("/dev/shm", "tmpfs", "shm"),
            "nosuid",
            "noexec",
            "nodev",
            "mode=1777",
            "size=65536k"));
    m.add(withOptions(mount("/sys", "sysfs", "sysfs"), "nosuid", "noexec", "nodev", "ro"));
    mounts.forEach(m::add);

    ObjectNode linux = spec.putObject("linux");
    ArrayNode namespaces = linux.putArray("namespaces");
    for (String ns : List.of("mount", "uts", "ipc")) {
      namespaces.addObject().put("type", ns);
    }
    ArrayNode masked = linux.putArray("maskedPaths");
    Stream.of(
            "/proc/acpi",
            "/proc/kcore",
            "/proc/keys",
            "/proc/latency_stats",
            "/proc/timer_list",
            "/proc/timer_stats",
            "/proc/sched_debug",
            "/proc/scsi",
            "/sys/firmware")
        .forEach(masked::add);
    ArrayNode readonly = linux.putArray("readonlyPaths");
    Stream.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger")
        .forEach(readonly::add);
    Path config = dir.resolve("config.json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(config.toFile(), spec);
    return config;
  }

  private static ObjectNode mount(String destination, String type, String source) {
    return JSON.createObjectNode()
        .put("destination", destination)
        .put("type", type)
        .put("source", source);
  }

  private static ObjectNode withOptions(ObjectNode mount, String... options) {
    ArrayNode list = mount.putArray("options");
    for (String o : options) {
      list.add(o);
    }
    return mount;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
