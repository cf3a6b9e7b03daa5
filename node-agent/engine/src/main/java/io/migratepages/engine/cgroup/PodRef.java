package io.migratepages.engine.cgroup;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the resolver needs to know about a pod.
 *
 * @param uid the UID that names the pod's cgroup: {@code metadata.uid}, or for a static pod the
 *     kubelet's own UID (the {@code kubernetes.io/config.mirror} annotation of its mirror pod)
 * @param qosClass {@code status.qosClass}; null when unknown (every class is then tried)
 * @param containers the containers to resolve (never the sandbox)
 */
public record PodRef(String uid, QosClass qosClass, List<ContainerRef> containers) {
  private static final Pattern UID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z-]*");

  public PodRef {
    if (uid == null || !UID.matcher(uid).matches()) {
      throw new IllegalArgumentException(
          "pod uid '" + uid + "' must be letters, digits and '-' (a UUID like metadata.uid)");
    }
    containers = List.copyOf(containers);
  }

  /** Builds from the pod's fields as strings; {@code qosClass} may be null or blank. */
  public static PodRef of(String uid, String qosClass, List<ContainerRef> containers) {
    return new PodRef(uid, QosClass.parse(qosClass).orElse(null), containers);
  }

  public Optional<QosClass> qos() {
    return Optional.ofNullable(qosClass);
  }

  /** The UID as systemd slice names spell it: {@code -} becomes {@code _}. */
  String systemdUid() {
    return uid.replace('-', '_');
  }
}
