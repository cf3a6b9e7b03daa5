package io.migratepages.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code migratepages --version}: the Maven project version baked into the jar. */
final class CliVersion implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        CliVersion.class.getResourceAsStream("/migratepages-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {"migratepages " + properties.getProperty("version", "unknown")};
  }
}
