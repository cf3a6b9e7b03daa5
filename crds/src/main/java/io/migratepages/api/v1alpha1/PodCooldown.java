package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The last move of one pod, kept while its cooldown may still hold it back. */
@Data
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodCooldown {
  @JsonPropertyDescription("Pod name.")
  private String pod;

  @JsonPropertyDescription("NUMA nodes it was moved to.")
  private String toNodes;

  @JsonPropertyDescription("When (RFC 3339).")
  private String time;
}
