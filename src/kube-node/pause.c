/*
 * pause: the sandbox ("pause") container of a pod on the NUMA VM's Kubernetes node. It holds the pod's
 * namespaces open and does nothing else: waits for signals, reaps children it inherits as PID 1 of a
 * shared PID namespace, and exits 0 on SIGINT or SIGTERM (as registry.k8s.io/pause does).
 * Built statically by src/kube-node/build-images, so its image needs no other file.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int signal) {
  (void)signal;
  _exit(0);
}

static void reap(int signal) {
  (void)signal;
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
}

int main(void) {
  struct sigaction stop_action = {.sa_handler = stop};
  struct sigaction reap_action = {.sa_handler = reap, .sa_flags = SA_NOCLDSTOP | SA_RESTART};
  sigaction(SIGINT, &stop_action, NULL);
  sigaction(SIGTERM, &stop_action, NULL);
  sigaction(SIGCHLD, &reap_action, NULL);
  for (;;) {
    pause();
  }
}
