package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.kubetest.Crds;
import io.migratepages.kubetest.KubeLocal;
import io.migratepages.kubetest.RealControlPlane;
import io.migratepages.testsupport.CgroupTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated cluster on the real control plane of {@link RealControlPlane} (one per test run, the
 * committed CRDs installed): the operator, and simulated nodes each with a registered Node, a
 * fixture cgroup tree, a recording page migrator and (when started) its own node agent, all in this
 * JVM. The test plays kubectl through {@link #kubectl} and works in namespaces of its own ({@link
 * #namespace}), deleted after it.
 */
@RealControlPlane
abstract class EndToEndTest {
  /** Upper bound of every wait; the runs themselves take well under a second. */
  static final Duration WAIT = Duration.ofSeconds(30);

  static final long MI = 1024L * 1024;

  /** Namespaces are unique within a run; the control plane starts empty for each run. */
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  static {
    TestLogging.configure(java.util.logging.Level.INFO);
  }

  @TempDir Path hosts;

  KubernetesClient kubectl;
  OperatorUnderTest operator;
  final Map<String, SimulatedKubeNode> nodes = new LinkedHashMap<>();
  private KubeLocal controlPlane;
  private KubeletStandIn kubelets;
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final List<SeverableLink> links = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();

  /** Server-side apply: the first class installs them, the others find them unchanged. */
  @BeforeAll
  static void installCrds(KubernetesClient admin) {
    Crds.install(admin);
  }

  @BeforeEach
  void connect(KubeLocal kubeLocal) {
    controlPlane = kubeLocal;
    kubectl = newClient();
    kubelets = new KubeletStandIn(kubectl);
  }

  @AfterEach
  void stopCluster() {
    nodes.values().forEach(SimulatedKubeNode::close);
    if (operator != null) {
      operator.close();
    }
    kubelets.close();
    deleteNamespaces();
    clients.forEach(KubernetesClient::close);
    links.forEach(SeverableLink::close);
  }

  /**
   * A fresh namespace {@code prefix-N}, ready for pods (its default ServiceAccount exists, which
   * the ServiceAccount admission plugin requires).
   */
  String namespace(String prefix) {
    String name = prefix + "-" + NAMESPACES.incrementAndGet();
    kubectl
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    namespaces.add(name);
    await("ServiceAccount default in namespace " + name)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> kubectl.serviceAccounts().inNamespace(name).withName("default").get() != null);
    return name;
  }

  /**
   * Deletes the test's migrations and waits until they are gone, so that the next test's operator
   * and agents (which watch every namespace) never see them; the namespace itself goes in the
   * background. Pods go without grace: no kubelet would confirm their termination.
   */
  private void deleteNamespaces() {
    for (String ns : namespaces) {
      kubectl.resources(NumaPlacementPolicy.class).inNamespace(ns).delete();
      kubectl.resources(NumaMigration.class).inNamespace(ns).delete();
      kubectl.resources(NodeMigration.class).inNamespace(ns).delete();
      kubectl.pods().inNamespace(ns).withGracePeriod(0).delete();
    }
    await("the migrations of namespaces " + namespaces + " to be deleted")
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                namespaces.stream()
                    .allMatch(
                        ns ->
                            kubectl
                                    .resources(NumaMigration.class)
                                    .inNamespace(ns)
                                    .list()
                                    .getItems()
                                    .isEmpty()
                                && kubectl
                                    .resources(NodeMigration.class)
                                    .inNamespace(ns)
                                    .list()
                                    .getItems()
                                    .isEmpty()));
    namespaces.forEach(ns -> kubectl.namespaces().withName(ns).delete());
  }

  /** A client of its own for each component, as separate pods would have; closed after the test. */
  KubernetesClient newClient() {
    KubernetesClient client = controlPlane.newAdminClient(this::configureClient);
    clients.add(client);
    return client;
  }

  /** Settings of every client of the test beyond the kubeconfig's: none unless a test says why. */
  void configureClient(Config config) {}

  /**
   * A client of its own whose connections go through {@code link}, the component's network: {@link
   * SeverableLink#sever()} then stands for the death of its process.
   */
  KubernetesClient newClientVia(SeverableLink link) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(controlPlane.kubeconfig()));
      URI server = URI.create(config.getMasterUrl());
      config.setMasterUrl("https://" + server.getHost() + ":" + link.port() + "/");
      KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
      clients.add(client);
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + controlPlane.kubeconfig(), e);
    }
  }

  /** A link to the API server, severed at the latest after the test. */
  SeverableLink linkToApiServer() {
    URI server = URI.create(kubectl.getConfiguration().getMasterUrl());
    SeverableLink link = SeverableLink.to(server.getHost(), server.getPort());
    links.add(link);
    return link;
  }

  SimulatedKubeNode node(String name) {
    return node(name, CgroupTree.Driver.SYSTEMD);
  }

  SimulatedKubeNode node(String name, CgroupTree.Driver driver) {
    SimulatedKubeNode node = new SimulatedKubeNode(name, hosts, driver);
    kubelets.register(name);
    nodes.put(name, node);
    return node;
  }

  void startOperator(Duration agentTimeout) {
    operator = new OperatorUnderTest(newClient(), agentTimeout).start();
  }

  /** The control plane's cluster-admin kubeconfig. */
  Path kubeconfig() {
    return controlPlane.kubeconfig();
  }

  void startAgent(SimulatedKubeNode node) {
    node.startAgent(newClient());
  }

  NumaMigration create(NumaMigration migration) {
    return kubectl.resource(migration).create();
  }

  NumaMigration get(String namespace, String name) {
    return kubectl.resources(NumaMigration.class).inNamespace(namespace).withName(name).get();
  }

  /** Waits until the NumaMigration's status for its current generation satisfies {@code done}. */
  NumaMigrationStatus awaitStatus(
      String namespace, String name, String what, Predicate<NumaMigrationStatus> done) {
    return awaitStatus(namespace, name, what, done, WAIT);
  }

  /** As {@link #awaitStatus(String, String, String, Predicate)}, waiting at most {@code limit}. */
  NumaMigrationStatus awaitStatus(
      String namespace,
      String name,
      String what,
      Predicate<NumaMigrationStatus> done,
      Duration limit) {
    return awaitStatus(namespace, name, what, done, limit, Duration.ofMillis(50));
  }

  /** As above, reading the NumaMigration every {@code poll}. */
  NumaMigrationStatus awaitStatus(
      String namespace,
      String name,
      String what,
      Predicate<NumaMigrationStatus> done,
      Duration limit,
      Duration poll) {
    return await("NumaMigration " + namespace + "/" + name + ": " + what)
        .atMost(limit)
        .pollInterval(poll)
        .until(() -> currentStatus(namespace, name), s -> s != null && done.test(s));
  }

  NumaMigrationStatus awaitPhase(String namespace, String name, MigrationPhase phase) {
    return awaitPhase(namespace, name, phase, WAIT);
  }

  NumaMigrationStatus awaitPhase(
      String namespace, String name, MigrationPhase phase, Duration limit) {
    return awaitStatus(namespace, name, "phase " + phase, s -> s.getPhase() == phase, limit);
  }

  /**
   * Writes the NumaMigration as the API server returns it (managedFields left out) to {@code
   * target/captured-statuses/FILE.json}: the statuses the Argo CD health check is tested on
   * (src/chart-tests/src/test/resources/captured-statuses) are copied from there.
   */
  void capture(String namespace, String name, String file) {
    capture(NumaMigration.class.getSimpleName(), namespace, name, file);
  }

  /** As {@link #capture(String, String, String)}, for an object of our API of any kind. */
  void capture(String kind, String namespace, String name, String file) {
    GenericKubernetesResource object =
        kubectl
            .genericKubernetesResources(ApiGroup.GROUP + "/" + ApiGroup.VERSION, kind)
            .inNamespace(namespace)
            .withName(name)
            .get();
    object.getMetadata().setManagedFields(null);
    Path dir = Path.of("target", "captured-statuses");
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(file + ".json"),
          Serialization.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(object)
              + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status if it describes the current generation, else null. */
  private NumaMigrationStatus currentStatus(String namespace, String name) {
    NumaMigration migration = get(namespace, name);
    if (migration == null || migration.getStatus() == null) {
      return null;
    }
    return Objects.equals(
            migration.getStatus().getObservedGeneration(), migration.getMetadata().getGeneration())
        ? migration.getStatus()
        : null;
  }

  /** One NodeMigration as the API server has it now, or null. */
  NodeMigration nodeMigration(String namespace, String name) {
    return kubectl.resources(NodeMigration.class).inNamespace(namespace).withName(name).get();
  }

  /** The NodeMigrations of one NumaMigration, by name. */
  List<NodeMigration> nodeMigrations(String namespace, String migrationName) {
    return kubectl
        .resources(NodeMigration.class)
        .inNamespace(namespace)
        .withLabel(ApiGroup.MIGRATION_LABEL, ApiGroup.labelValue(migrationName))
        .list()
        .getItems()
        .stream()
        .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
        .toList();
  }

  /** The NodeMigrations of every namespace of this test. */
  List<NodeMigration> allNodeMigrations() {
    return namespaces.stream()
        .flatMap(
            ns -> kubectl.resources(NodeMigration.class).inNamespace(ns).list().getItems().stream())
        .toList();
  }

  /** The Events recorded on a NumaMigration, oldest first. */
  List<Event> events(NumaMigration migration) {
    List<Event> events =
        new ArrayList<>(
            kubectl
                .v1()
                .events()
                .inNamespace(migration.getMetadata().getNamespace())
                .list()
                .getItems()
                .stream()
                .filter(
                    e ->
                        e.getInvolvedObject() != null
                            && "NumaMigration".equals(e.getInvolvedObject().getKind())
                            && migration
                                .getMetadata()
                                .getUid()
                                .equals(e.getInvolvedObject().getUid()))
                .toList());
    events.sort(
        Comparator.comparing((Event e) -> Objects.toString(e.getFirstTimestamp(), ""))
            .thenComparing(
                e -> e.getMetadata().getCreationTimestamp(),
                Comparator.nullsLast(Comparator.naturalOrder())));
    return events;
  }

  /** Waits for Events on the NumaMigration with exactly these reasons (any order). */
  List<Event> awaitEventReasons(NumaMigration migration, String... reasons) {
    List<String> expected = new ArrayList<>(List.of(reasons));
    expected.sort(null);
    return await("events " + expected + " on NumaMigration " + migration.getMetadata().getName())
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> events(migration),
            events -> {
              List<String> actual = new ArrayList<>(events.stream().map(Event::getReason).toList());
              actual.sort(null);
              return actual.equals(expected);
            });
  }

  static Condition condition(NumaMigrationStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type + " in " + status));
  }

  static PodMigrationStatus pod(NumaMigrationStatus status, String name) {
    return status.getPods().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pod " + name + " in status.pods " + status));
  }

  /** The labels of {@link DbPods}. */
  static final Map<String, String> APP_DB = Map.of("app", "db");

  /** The pods of the fault scenarios, labelled app=db: db-1 has two processes, the others one. */
  record DbPods(SimulatedPod db0, SimulatedPod db1, SimulatedPod db2) {
    long totalBytes() {
      return db0.totalBytes() + db1.totalBytes() + db2.totalBytes();
    }
  }

  /** db-0 (40 MiB) and db-1 (30 + 10 MiB) on {@code first}, db-2 (20 MiB) on {@code second}. */
  DbPods runDbPods(String ns, SimulatedKubeNode first, SimulatedKubeNode second) {
    return new DbPods(
        first.pod(ns, "db-0").labels(APP_DB).container("db", 40 * MI).run(kubectl),
        first.pod(ns, "db-1").labels(APP_DB).container("db", 30 * MI, 10 * MI).run(kubectl),
        second.pod(ns, "db-2").labels(APP_DB).container("db", 20 * MI).run(kubectl));
  }

  /**
   * Each process of {@code pods} was migrated exactly once on {@code node}, and no other process
   * was.
   */
  static void assertEachProcessMigratedOnce(SimulatedKubeNode node, SimulatedPod... pods) {
    assertThat(node.migrator().calls())
        .extracting(RecordingPageMigrator.Call::pid)
        .as("the processes migrated on node " + node.name())
        .containsExactlyInAnyOrderElementsOf(
            Stream.of(pods).flatMap(p -> p.pids().stream()).toList());
  }

  /**
   * Name, UID and generation of each NodeMigration: unchanged when nothing was dispatched again
   * (neither re-created nor rewritten).
   */
  static List<String> dispatchIdentities(List<NodeMigration> work) {
    return work.stream()
        .map(
            n ->
                n.getMetadata().getName()
                    + " uid "
                    + n.getMetadata().getUid()
                    + " generation "
                    + n.getMetadata().getGeneration())
        .sorted()
        .toList();
  }

  /** Every call of every node's recording migrator. */
  List<RecordingPageMigrator.Call> allMigratorCalls() {
    return nodes.values().stream().flatMap(n -> n.migrator().calls().stream()).toList();
  }
}
