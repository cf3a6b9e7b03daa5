package io.migratepages.clustertests;

import java.util.ArrayList;
import java.util.List;

/**
 * One RBAC permission: a verb on a resource (with {@code /subresource}) of an API group ({@code ""}
 * is the core group).
 */
record Grant(String group, String resource, String verb) {

  static List<Grant> of(String group, String resource, String... verbs) {
    List<Grant> grants = new ArrayList<>();
    for (String verb : verbs) {
      grants.add(new Grant(group, resource, verb));
    }
    return grants;
  }

  String mainResource() {
    int slash = resource.indexOf('/');
    return slash < 0 ? resource : resource.substring(0, slash);
  }

  /** Empty for the main resource. */
  String subresource() {
    int slash = resource.indexOf('/');
    return slash < 0 ? "" : resource.substring(slash + 1);
  }

  @Override
  public String toString() {
    return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
  }
}
