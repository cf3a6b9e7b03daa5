package io.migratepages.kubetest;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The generated CRDs committed in {@code crds/}, as the real API server takes them. */
public final class Crds {

  private static final long ESTABLISHED_WITHIN_SECONDS = 60;

  private Crds() {}

  public static List<CustomResourceDefinition> committed(KubernetesClient client) {
    return RepoFiles.yamlFiles("crds").stream().map(file -> load(client, file)).toList();
  }

  /**
   * Applies every committed CRD (server-side, so each test class may call it) and waits until the
   * API server serves it.
   */
  public static List<CustomResourceDefinition> install(KubernetesClient client) {
    return committed(client).stream()
        .map(
            crd ->
                client
                    .resource(crd)
                    .fieldValidation(Validation.STRICT)
                    .fieldManager("migratepages-tests")
                    .forceConflicts()
                    .serverSideApply())
        .map(crd -> awaitEstablished(client, crd.getMetadata().getName()))
        .toList();
  }

  public static boolean hasCondition(CustomResourceDefinition crd, String type) {
    return conditions(crd).stream()
        .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Empty until the API server has written them (a status without conditions comes first). */
  public static List<CustomResourceDefinitionCondition> conditions(CustomResourceDefinition crd) {
    if (crd.getStatus() == null || crd.getStatus().getConditions() == null) {
      return List.of();
    }
    return crd.getStatus().getConditions();
  }

  private static CustomResourceDefinition awaitEstablished(KubernetesClient client, String name) {
    return client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(name)
        .waitUntilCondition(
            crd -> crd != null && hasCondition(crd, "Established"),
            ESTABLISHED_WITHIN_SECONDS,
            TimeUnit.SECONDS);
  }

  private static CustomResourceDefinition load(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return client.apiextensions().v1().customResourceDefinitions().load(in).item();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
