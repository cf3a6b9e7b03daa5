package io.migratepages.api.crd;

import java.util.regex.Pattern;

/** Paths into an object in JSON-path form: {@code $.spec.pods[0].name}, {@code $.x['a/b']}. */
final class JsonPath {
  static final String ROOT = "$";
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  static String field(String parent, String name) {
    return PLAIN_NAME.matcher(name).matches()
        ? parent + "." + name
        : parent + "['" + name.replace("'", "\\'") + "']";
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The path without "$." as Kubernetes prints it in messages: {@code spec.podName}. */
  static String kubernetesStyle(String path) {
    return path.startsWith(ROOT + ".") ? path.substring(2) : path;
  }

  private JsonPath() {}
}
