package io.migratepages.agent.port;

/** The node's cgroup tree cannot be read or recognised: no pod on this node can be resolved. */
public class ProcessResolutionException extends RuntimeException {
  public ProcessResolutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
