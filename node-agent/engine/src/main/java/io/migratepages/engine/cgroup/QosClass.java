package io.migratepages.engine.cgroup;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A pod's QoS class ({@code status.qosClass}); it decides where the kubelet puts the pod dir. */
public enum QosClass {
  GUARANTEED("Guaranteed", ""),
  BURSTABLE("Burstable", "burstable"),
  BEST_EFFORT("BestEffort", "besteffort");

  private final String kubernetesName;
  private final String cgroupName;

  QosClass(String kubernetesName, String cgroupName) {
    this.kubernetesName = kubernetesName;
    this.cgroupName = cgroupName;
  }

  /** The spelling in {@code status.qosClass}: Guaranteed, Burstable, BestEffort. */
  public String kubernetesName() {
    return kubernetesName;
  }

  /** The QoS level's cgroup name ({@code burstable}, {@code besteffort}); empty for Guaranteed. */
  String cgroupName() {
    return cgroupName;
  }

  /**
   * Parses {@code status.qosClass}. Null or blank means "not known yet" (empty result).
   *
   * @throws IllegalArgumentException for any other spelling
   */
  public static Optional<QosClass> parse(String qosClass) {
    if (qosClass == null || qosClass.isBlank()) {
      return Optional.empty();
    }
    for (QosClass value : values()) {
      if (value.kubernetesName.equals(qosClass.trim())) {
        return Optional.of(value);
      }
    }
    throw new IllegalArgumentException(
        "qosClass '"
            + qosClass
            + "' is not one of "
            + Arrays.stream(values())
                .map(QosClass::kubernetesName)
                .collect(Collectors.joining(", "))
            + " (or empty when unknown)");
  }
}
