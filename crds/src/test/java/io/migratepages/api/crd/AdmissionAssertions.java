package io.migratepages.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on what the API server would do: rejections must name the field they are about. */
final class AdmissionAssertions {
  static void assertAccepted(Admission admission) {
    assertThat(admission.violations()).as("violations").isEmpty();
  }

  /**
   * Rejected for exactly one reason, reported at {@code field}, with a message that names the field
   * (it starts with it) and contains {@code detail}.
   */
  static void assertRejectedOnlyAt(Admission admission, String field, String detail) {
    assertThat(admission.accepted()).as("accepted: " + admission).isFalse();
    assertThat(admission.violations()).as(admission.toString()).hasSize(1);
    Violation violation = admission.violations().get(0);
    assertThat(violation.field()).isEqualTo(field);
    assertThat(violation.toString()).startsWith(field + ": ").contains(detail);
  }

  private AdmissionAssertions() {}
}
