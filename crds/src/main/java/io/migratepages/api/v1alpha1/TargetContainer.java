package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

@Data
@NoArgsConstructor
@AllArgsConstructor
public class TargetContainer {
  @JsonPropertyDescription("Container name.")
  private String name;

  @JsonPropertyDescription(
      "CRI container ID from the pod status, e.g. containerd://<64 hex>; names its cgroup.")
  private String containerId;
}
