package io.migratepages.clustertests;

import java.util.List;

/** The user the API server authenticates a ServiceAccount's token as, with its groups. */
record ServiceAccountUser(String namespace, String name) {

  String username() {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  List<String> groups() {
    return List.of(
        "system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
  }

  @Override
  public String toString() {
    return username();
  }
}
