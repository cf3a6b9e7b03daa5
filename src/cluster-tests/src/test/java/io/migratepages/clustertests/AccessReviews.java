package io.migratepages.clustertests;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.kubetest.KubeLocal;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the real API server's authorizers (Node, RBAC) let a ServiceAccount do. */
final class AccessReviews {

  private AccessReviews() {}

  /**
   * A SubjectAccessReview (what {@code kubectl auth can-i --as} asks): may USER do GRANT in
   * NAMESPACE ({@code ""}: cluster-wide)? Also returns the API server's reason.
   */
  static Decision review(
      KubernetesClient admin, ServiceAccountUser user, Grant grant, String namespace) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(user.username())
            .withGroups(user.groups())
            .withResourceAttributes(
                new ResourceAttributesBuilder()
                    .withGroup(grant.group())
                    .withResource(grant.mainResource())
                    .withSubresource(grant.subresource())
                    .withVerb(grant.verb())
                    .withNamespace(namespace)
                    .build())
            .endSpec()
            .build();
    SubjectAccessReview answer = admin.authorization().v1().subjectAccessReview().create(review);
    return new Decision(
        Boolean.TRUE.equals(answer.getStatus().getAllowed()),
        answer.getStatus().getReason() == null ? "" : answer.getStatus().getReason());
  }

  /**
   * Every resource permission USER has in NAMESPACE (its Roles there and its ClusterRoles), as a
   * SelfSubjectRulesReview made while impersonating it reports them.
   */
  static Set<Grant> rules(KubeLocal kubeLocal, ServiceAccountUser user, String namespace) {
    try (KubernetesClient as = user.newClient(kubeLocal)) {
      SelfSubjectRulesReview review =
          as.authorization()
              .v1()
              .selfSubjectRulesReview()
              .create(
                  new SelfSubjectRulesReviewBuilder()
                      .withNewSpec()
                      .withNamespace(namespace)
                      .endSpec()
                      .build());
      if (Boolean.TRUE.equals(review.getStatus().getIncomplete())) {
        throw new IllegalStateException(
            "the rules review of "
                + user
                + " in "
                + namespace
                + " is incomplete: "
                + review.getStatus().getEvaluationError());
      }
      Set<Grant> grants = new LinkedHashSet<>();
      for (ResourceRule rule : review.getStatus().getResourceRules()) {
        if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()) {
          throw new IllegalStateException(
              user + " has a rule limited to resourceNames, which Grant cannot express: " + rule);
        }
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            for (String verb : rule.getVerbs()) {
              grants.add(new Grant(group, resource, verb));
            }
          }
        }
      }
      return grants;
    }
  }

  record Decision(boolean allowed, String reason) {}
}
