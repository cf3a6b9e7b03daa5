package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

@Data
@NoArgsConstructor
@AllArgsConstructor
public class TargetPod {
  @JsonPropertyDescription("Pod name.")
  private String name;

  @JsonPropertyDescription("Pod metadata.uid: names the pod's cgroup.")
  private String uid;

  @JsonPropertyDescription("status.qosClass: Guaranteed, Burstable or BestEffort.")
  private String qosClass;

  @JsonPropertyDescription("Running app containers to move.")
  private List<TargetContainer> containers = new ArrayList<>();
}
