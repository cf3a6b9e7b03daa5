package io.migratepages.kubetest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against the real control plane of {@link KubeLocalExtension}: test
 * and lifecycle methods may take a {@link io.fabric8.kubernetes.client.KubernetesClient}
 * (cluster-admin) or the {@link KubeLocal} itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KubeLocalExtension.class)
public @interface RealControlPlane {}
