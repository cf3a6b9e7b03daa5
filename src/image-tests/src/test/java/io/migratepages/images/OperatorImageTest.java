package io.migratepages.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The operator image: what {@link ImageChecks} checks, and a non-root user the chart agrees on. */
class OperatorImageTest extends ImageChecks {

  @Override
  String archiveName() {
    return "migratepages-operator.tar";
  }

  @Override
  String chartKind() {
    return "Deployment";
  }

  @Test
  void runsAsTheNumericNonRootUserTheChartSets() {
    String user = image.runConfig().path("User").asText();
    assertThat(user).matches("[1-9][0-9]*:[0-9]+");
    String[] uidGid = user.split(":");
    assertThat(podSpec.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(podSpec.path("securityContext").path("runAsUser").asText()).isEqualTo(uidGid[0]);
    assertThat(podSpec.path("securityContext").path("runAsGroup").asText()).isEqualTo(uidGid[1]);
    String passwd = new String(files.get("/etc/passwd").content());
    assertThat(Arrays.stream(passwd.split("\n")).map(l -> l.split(":")))
        .as("an /etc/passwd entry for uid %s (the JVM's user.name and user.home)", uidGid[0])
        .anyMatch(f -> f[2].equals(uidGid[0]) && f[3].equals(uidGid[1]));
  }
}
