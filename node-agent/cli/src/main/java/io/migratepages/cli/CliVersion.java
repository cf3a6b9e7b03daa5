package io.migratepages.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code migratepages --version}: the Maven project version baked into the jar. */
final class CliVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return lines().toArray(String[]::new);
  }

  static List<String> lines() {
    Properties properties = new Properties();
    try (InputStream in =
        CliVersion.class.getResourceAsStream("/migratepages-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.of("migratepages " + properties.getProperty("version", "unknown"));
  }
}
