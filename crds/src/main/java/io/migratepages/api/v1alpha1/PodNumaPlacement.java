package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Where the memory of one pod's containers sits. */
@Data
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodNumaPlacement {
  @JsonPropertyDescription("Pod namespace.")
  private String namespace;

  @JsonPropertyDescription("Pod name.")
  private String name;

  @JsonPropertyDescription("Pod UID.")
  private String uid;

  @JsonPropertyDescription("Its running app containers (never the pause container).")
  private List<ContainerNumaPlacement> containers = new ArrayList<>();
}
