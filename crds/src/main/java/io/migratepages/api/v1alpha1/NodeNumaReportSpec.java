package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

@Data
@NoArgsConstructor
@AllArgsConstructor
public class NodeNumaReportSpec {
  @JsonPropertyDescription("The Kubernetes node this report describes (also the object's name).")
  @Required
  private String nodeName;
}
